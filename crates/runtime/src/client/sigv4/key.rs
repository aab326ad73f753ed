//! The signing key, and a cache of the last one derived.
//!
//! The key is four chained HMAC-SHA256s of the secret access key over the date, region, service
//! and `aws4_request`. It changes only with those four, so consecutive requests of a client on
//! the same day share one: [`KeyCache`] keeps the last key derived and what it was derived from.

use ring::hmac;
use std::fmt;
use std::sync::{Mutex, PoisonError};

/// What a signing key is derived from.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(super) struct Scope<'a> {
    /// `YYYYMMDD`.
    pub(super) date: &'a str,
    pub(super) region: &'a str,
    pub(super) service: &'a str,
}

/// `kSigning = HMAC(HMAC(HMAC(HMAC("AWS4" + secret, date), region), service), "aws4_request")`.
pub(super) fn derive(secret: &str, scope: Scope<'_>) -> hmac::Key {
    let mut seed = Vec::with_capacity(4 + secret.len());
    seed.extend_from_slice(b"AWS4");
    seed.extend_from_slice(secret.as_bytes());
    let date = hmac::sign(&hmac::Key::new(hmac::HMAC_SHA256, &seed), scope.date.as_bytes());
    seed.fill(0);
    let region = hmac::sign(&hmac::Key::new(hmac::HMAC_SHA256, date.as_ref()), scope.region.as_bytes());
    let service = hmac::sign(&hmac::Key::new(hmac::HMAC_SHA256, region.as_ref()), scope.service.as_bytes());
    let signing = hmac::sign(&hmac::Key::new(hmac::HMAC_SHA256, service.as_ref()), b"aws4_request");
    hmac::Key::new(hmac::HMAC_SHA256, signing.as_ref())
}

/// The last signing key derived, with its secret and scope. `Debug` shows neither key nor secret.
#[derive(Default)]
pub(super) struct KeyCache {
    last: Mutex<Option<Cached>>,
    /// How many keys were derived (a hit derives none): for the tests.
    #[cfg(test)]
    derived: std::sync::atomic::AtomicUsize,
}

struct Cached {
    secret: String,
    date: String,
    region: String,
    service: String,
    key: hmac::Key,
}

impl Cached {
    fn is_for(&self, secret: &str, scope: Scope<'_>) -> bool {
        self.date == scope.date && self.region == scope.region && self.service == scope.service && self.secret == secret
    }
}

impl KeyCache {
    /// The signing key of `secret` for `scope`: the cached one when it was derived from the
    /// same, else a new one, which replaces it.
    pub(super) fn key(&self, secret: &str, scope: Scope<'_>) -> hmac::Key {
        if let Some(cached) = &*self.last.lock().unwrap_or_else(PoisonError::into_inner)
            && cached.is_for(secret, scope)
        {
            return cached.key.clone();
        }
        let key = derive(secret, scope);
        #[cfg(test)]
        self.derived.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        *self.last.lock().unwrap_or_else(PoisonError::into_inner) = Some(Cached {
            secret: secret.to_owned(),
            date: scope.date.to_owned(),
            region: scope.region.to_owned(),
            service: scope.service.to_owned(),
            key: key.clone(),
        });
        key
    }

    #[cfg(test)]
    pub(super) fn derived(&self) -> usize {
        self.derived.load(std::sync::atomic::Ordering::Relaxed)
    }
}

impl fmt::Debug for KeyCache {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("KeyCache").finish_non_exhaustive()
    }
}
