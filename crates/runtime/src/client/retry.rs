//! Retry settings, how errors say they may be retried, and the backoff between attempts.

use std::time::Duration;

/// Why an error may be retried.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RetryKind {
    /// The service is throttling (`@retryable(throttling: true)`).
    Throttling,
    /// A transient failure (`@retryable`, 5xx, connection errors).
    Transient,
}

/// Implemented by operation errors: whether the error may be retried.
///
/// Generated errors answer from the model's `@retryable` trait. The client also retries,
/// whatever this says, responses with status 500, 502, 503 or 504, timeouts and connection
/// errors; it never retries other 4xx responses unless this returns `Some`.
pub trait RetryClassify {
    /// `Some` when the error may be retried.
    fn retry_kind(&self) -> Option<RetryKind>;
}

impl RetryClassify for crate::Unhandled {
    /// An error the model does not know is not retried for its code; its status still counts.
    fn retry_kind(&self) -> Option<RetryKind> {
        None
    }
}

/// How often and how patiently the client retries, as in the AWS "standard" retry mode.
///
/// - at most [`max_attempts`](Self::max_attempts) attempts in all (default 3);
/// - before attempt `n + 1` it sleeps a random time between zero and
///   `min(max_backoff, initial_backoff * 2^(n - 1))` (defaults 1 s and 20 s: "full jitter");
/// - a retry quota shared by every clone of a [`Handle`](super::Handle) bounds retries when
///   the service is struggling: it starts at [`quota_capacity`](Self::quota_capacity) (500)
///   tokens, a retry costs 5 (10 after a timeout), every successful response puts 1 back,
///   up to the capacity. With too few tokens left the error is returned without retrying.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RetryConfig {
    max_attempts: u32,
    initial_backoff: Duration,
    max_backoff: Duration,
    quota_capacity: u32,
}

impl RetryConfig {
    /// Tokens a retry takes from the quota.
    pub const RETRY_COST: u32 = 5;
    /// Tokens a retry after a timeout takes from the quota.
    pub const TIMEOUT_RETRY_COST: u32 = 10;
    /// Tokens a successful response puts back.
    pub const SUCCESS_REFUND: u32 = 1;

    /// The standard settings: 3 attempts, backoff from 1 s up to 20 s, a quota of 500.
    pub fn standard() -> Self {
        Self {
            max_attempts: 3,
            initial_backoff: Duration::from_secs(1),
            max_backoff: Duration::from_secs(20),
            quota_capacity: 500,
        }
    }

    /// One attempt, no retries.
    pub fn disabled() -> Self {
        Self::standard().with_max_attempts(1)
    }

    /// At most `max_attempts` attempts in all (the first one included); 0 counts as 1.
    pub fn with_max_attempts(mut self, max_attempts: u32) -> Self {
        self.max_attempts = max_attempts.max(1);
        self
    }

    /// The backoff ceiling before the first retry; it doubles for every later retry.
    pub fn with_initial_backoff(mut self, initial_backoff: Duration) -> Self {
        self.initial_backoff = initial_backoff;
        self
    }

    /// The largest backoff ceiling.
    pub fn with_max_backoff(mut self, max_backoff: Duration) -> Self {
        self.max_backoff = max_backoff;
        self
    }

    /// The size of the retry quota, in tokens.
    pub fn with_quota_capacity(mut self, quota_capacity: u32) -> Self {
        self.quota_capacity = quota_capacity;
        self
    }

    /// At most this many attempts.
    pub fn max_attempts(&self) -> u32 {
        self.max_attempts
    }

    /// The backoff ceiling before the first retry.
    pub fn initial_backoff(&self) -> Duration {
        self.initial_backoff
    }

    /// The largest backoff ceiling.
    pub fn max_backoff(&self) -> Duration {
        self.max_backoff
    }

    /// The size of the retry quota.
    pub fn quota_capacity(&self) -> u32 {
        self.quota_capacity
    }

    /// The sleep before the next attempt, after `attempts_made` attempts (1 or more).
    pub(crate) fn backoff(&self, attempts_made: u32) -> Duration {
        let doublings = attempts_made.saturating_sub(1).min(30);
        let ceiling =
            self.initial_backoff.checked_mul(1 << doublings).unwrap_or(self.max_backoff).min(self.max_backoff);
        Duration::try_from_secs_f64(ceiling.as_secs_f64() * fastrand::f64()).unwrap_or(ceiling)
    }
}

impl Default for RetryConfig {
    fn default() -> Self {
        Self::standard()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn backoff_is_capped_and_jittered() {
        let retry = RetryConfig::standard()
            .with_initial_backoff(Duration::from_millis(100))
            .with_max_backoff(Duration::from_millis(250));
        for attempts in 1..40 {
            let ceiling = Duration::from_millis(match attempts {
                1 => 100,
                2 => 200,
                _ => 250,
            });
            assert!(retry.backoff(attempts) <= ceiling, "attempt {attempts}");
        }
        let huge = RetryConfig::standard().with_initial_backoff(Duration::MAX).with_max_backoff(Duration::MAX);
        let _ = huge.backoff(5);
        assert_eq!(RetryConfig::disabled().max_attempts(), 1);
        assert_eq!(RetryConfig::standard().with_max_attempts(0).max_attempts(), 1);
    }
}
