//! The retry quota: a token bucket shared by every clone of a handle.

use std::sync::atomic::{AtomicU32, Ordering};

/// Tokens that retries spend and successes earn back (see [`RetryConfig`](super::RetryConfig)).
#[derive(Debug)]
pub(crate) struct RetryQuota {
    capacity: u32,
    available: AtomicU32,
}

impl RetryQuota {
    /// A full bucket of `capacity` tokens.
    pub(crate) fn new(capacity: u32) -> Self {
        Self { capacity, available: AtomicU32::new(capacity) }
    }

    /// Takes `cost` tokens if that many are left.
    pub(crate) fn try_acquire(&self, cost: u32) -> bool {
        self.available
            .fetch_update(Ordering::AcqRel, Ordering::Acquire, |available| available.checked_sub(cost))
            .is_ok()
    }

    /// Puts `amount` tokens back, up to the capacity.
    pub(crate) fn refund(&self, amount: u32) {
        let capacity = self.capacity;
        // A full bucket, the usual case, is left without a write: every successful response
        // refunds, and a write from each would move the counter's cache line between the
        // threads sending concurrently.
        let _ = self.available.fetch_update(Ordering::AcqRel, Ordering::Acquire, |available| {
            (available < capacity).then(|| available.saturating_add(amount).min(capacity))
        });
    }

    /// Tokens left.
    pub(crate) fn available(&self) -> u32 {
        self.available.load(Ordering::Acquire)
    }
}

#[cfg(test)]
mod tests {
    use super::RetryQuota;

    #[test]
    fn spends_and_refunds_within_capacity() {
        let quota = RetryQuota::new(12);
        assert!(quota.try_acquire(5));
        assert!(quota.try_acquire(5));
        assert!(!quota.try_acquire(5));
        assert_eq!(quota.available(), 2);
        quota.refund(1);
        assert_eq!(quota.available(), 3);
        quota.refund(100);
        assert_eq!(quota.available(), 12);
    }
}
