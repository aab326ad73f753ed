//! Idempotency tokens for members the caller left unset.

/// Makes the value of an `@idempotencyToken` member the caller did not set.
///
/// The client asks for one token per [`Handle::invoke`](super::Handle::invoke), before the
/// first attempt; every retry carries the same token. Closures `Fn() -> String` are providers.
pub trait IdempotencyTokenProvider: Send + Sync + 'static {
    /// A new token.
    fn make_token(&self) -> String;
}

impl<F> IdempotencyTokenProvider for F
where
    F: Fn() -> String + Send + Sync + 'static,
{
    fn make_token(&self) -> String {
        self()
    }
}

/// The default provider: a random RFC 4122 version-4 UUID (`6e2c9de7-08da-45bd-aba9-e5e6f8fdc794`).
///
/// The randomness comes from `fastrand` (seeded from the operating system once per thread), as
/// the AWS SDK for Rust makes its tokens: a token must be unique, not secret, and asking the
/// operating system for every one (`Uuid::new_v4`) is a system call per request.
#[derive(Clone, Copy, Debug, Default)]
pub struct RandomToken;

impl IdempotencyTokenProvider for RandomToken {
    fn make_token(&self) -> String {
        // Written into a buffer, not through `to_string` (`fmt`): 100 instructions fewer.
        let mut text = [0; uuid::fmt::Hyphenated::LENGTH];
        random_uuid().hyphenated().encode_lower(&mut text).to_owned()
    }
}

/// A random version-4 UUID from `fastrand`, without a system call.
pub(crate) fn random_uuid() -> uuid::Uuid {
    uuid::Builder::from_random_bytes(fastrand::u128(..).to_le_bytes()).into_uuid()
}

/// A provider that always returns the same token, for tests.
///
/// [`FixedToken::default()`] returns [`FixedToken::PROTOCOL_TEST`], the constant the Smithy
/// protocol tests expect.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FixedToken(String);

impl FixedToken {
    /// The token Smithy protocol tests expect for auto-filled members.
    pub const PROTOCOL_TEST: &'static str = "00000000-0000-4000-8000-000000000000";

    /// A provider that returns `token` every time.
    pub fn new(token: impl Into<String>) -> Self {
        Self(token.into())
    }

    /// The token it returns.
    pub fn token(&self) -> &str {
        &self.0
    }
}

impl Default for FixedToken {
    fn default() -> Self {
        Self::new(Self::PROTOCOL_TEST)
    }
}

impl IdempotencyTokenProvider for FixedToken {
    fn make_token(&self) -> String {
        self.0.clone()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn random_tokens_are_version_4_uuids() {
        let token = RandomToken.make_token();
        let bytes = token.as_bytes();
        assert_eq!(bytes.len(), 36);
        assert_eq!(bytes[14], b'4');
        assert!(matches!(bytes[19], b'8' | b'9' | b'a' | b'b'));
        assert_ne!(token, RandomToken.make_token());
    }

    #[test]
    fn fixed_and_closure_providers() {
        assert_eq!(FixedToken::default().make_token(), FixedToken::PROTOCOL_TEST);
        let closure = || "t-1".to_owned();
        assert_eq!(closure.make_token(), "t-1");
    }
}
