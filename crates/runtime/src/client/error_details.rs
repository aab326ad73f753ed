//! What each kind of [`SdkError`](super::SdkError) carries.
//!
//! Errors raised once a request may have reached the service carry the number of attempts made
//! and the idempotency token the request carried, so that a caller can retry safely later.

use super::ConnectorError;
use std::fmt;
use std::time::Duration;

/// The client cannot send the request as configured: no region, a bad endpoint URL, no
/// credentials for a signed operation, no Tokio runtime. Nothing was sent.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ConfigError {
    kind: ConfigErrorKind,
    problem: String,
}

/// What kind of [`ConfigError`] this is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum ConfigErrorKind {
    /// `invoke` was not called on a Tokio runtime.
    NoRuntime,
    /// No region is configured and the endpoint needs one.
    MissingRegion,
    /// The region is not a valid host label.
    InvalidRegion,
    /// The endpoint URL cannot be used.
    InvalidEndpoint,
    /// The operation is signed and no credentials were found.
    MissingCredentials,
    /// The operation is signed and the runtime was built without the `sigv4` feature.
    SigningUnavailable,
    /// Signing the request failed.
    SigningFailed,
}

impl ConfigError {
    /// An error of `kind`; `problem` says what is wrong and how to fix it.
    pub fn new(kind: ConfigErrorKind, problem: impl Into<String>) -> Self {
        Self { kind, problem: problem.into() }
    }

    /// What kind of error this is.
    pub fn kind(&self) -> ConfigErrorKind {
        self.kind
    }
}

impl fmt::Display for ConfigError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.problem)
    }
}

impl std::error::Error for ConfigError {}

/// Which timeout fired.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TimeoutKind {
    /// Connecting took too long.
    Connect,
    /// One attempt took too long.
    Attempt,
    /// The whole call, retries included, took too long.
    Total,
}

/// A timeout fired.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TimeoutError {
    pub(crate) kind: TimeoutKind,
    pub(crate) after: Duration,
    pub(crate) attempts: u32,
    pub(crate) token: Option<String>,
}

impl TimeoutError {
    /// Which timeout fired.
    pub fn kind(&self) -> TimeoutKind {
        self.kind
    }

    /// The configured limit that was reached.
    pub fn after(&self) -> Duration {
        self.after
    }

    /// Attempts made, the timed-out one included.
    pub fn attempts(&self) -> u32 {
        self.attempts
    }

    /// The idempotency token the request carried.
    pub fn idempotency_token(&self) -> Option<&str> {
        self.token.as_deref()
    }
}

impl fmt::Display for TimeoutError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let after = self.after;
        match self.kind {
            TimeoutKind::Connect => write!(f, "connect timeout: no connection within {after:?}")?,
            TimeoutKind::Attempt => write!(f, "attempt timeout: no response within {after:?}")?,
            TimeoutKind::Total => write!(f, "total timeout: the call did not finish within {after:?}")?,
        }
        fmt_attempts(f, self.attempts)
    }
}

impl std::error::Error for TimeoutError {}

fn fmt_attempts(f: &mut fmt::Formatter<'_>, attempts: u32) -> fmt::Result {
    match attempts {
        0 | 1 => Ok(()),
        n => write!(f, " (after {n} attempts)"),
    }
}

/// The request could not be sent or the connection failed.
#[derive(Debug)]
pub struct DispatchError {
    pub(crate) source: ConnectorError,
    pub(crate) attempts: u32,
    pub(crate) token: Option<String>,
}

impl DispatchError {
    /// The connector's error.
    pub fn connector_error(&self) -> &ConnectorError {
        &self.source
    }

    /// Attempts made.
    pub fn attempts(&self) -> u32 {
        self.attempts
    }

    /// The idempotency token the request carried.
    pub fn idempotency_token(&self) -> Option<&str> {
        self.token.as_deref()
    }
}

impl fmt::Display for DispatchError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "connection error: {}", self.source)?;
        fmt_attempts(f, self.attempts)
    }
}

impl std::error::Error for DispatchError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        Some(&self.source)
    }
}

/// A response arrived but could not be understood.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ResponseError {
    pub(crate) status: Option<u16>,
    pub(crate) request_id: Option<String>,
    pub(crate) problem: String,
    pub(crate) attempts: u32,
    pub(crate) token: Option<String>,
}

impl ResponseError {
    /// The HTTP status, when the status line was read.
    pub fn status(&self) -> Option<u16> {
        self.status
    }

    /// The request id the service gave.
    pub fn request_id(&self) -> Option<&str> {
        self.request_id.as_deref()
    }

    /// What was wrong with the response.
    pub fn problem(&self) -> &str {
        &self.problem
    }

    /// Attempts made.
    pub fn attempts(&self) -> u32 {
        self.attempts
    }

    /// The idempotency token the request carried.
    pub fn idempotency_token(&self) -> Option<&str> {
        self.token.as_deref()
    }
}

impl fmt::Display for ResponseError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "malformed response: {}", self.problem)?;
        crate::ErrorMetadata::new(self.status, self.request_id.clone()).fmt_suffix(f)?;
        fmt_attempts(f, self.attempts)
    }
}

impl std::error::Error for ResponseError {}

/// The service answered with an error.
#[derive(Clone, Debug)]
pub struct ServiceError<E> {
    pub(crate) err: E,
    pub(crate) status: u16,
    pub(crate) request_id: Option<String>,
    pub(crate) attempts: u32,
    pub(crate) token: Option<String>,
}

impl<E> ServiceError<E> {
    /// The operation error.
    pub fn err(&self) -> &E {
        &self.err
    }

    /// The operation error, by value.
    pub fn into_err(self) -> E {
        self.err
    }

    /// The HTTP status.
    pub fn status(&self) -> u16 {
        self.status
    }

    /// The request id the service gave.
    pub fn request_id(&self) -> Option<&str> {
        self.request_id.as_deref()
    }

    /// Attempts made.
    pub fn attempts(&self) -> u32 {
        self.attempts
    }

    /// The idempotency token the request carried.
    pub fn idempotency_token(&self) -> Option<&str> {
        self.token.as_deref()
    }
}

impl<E: fmt::Display> fmt::Display for ServiceError<E> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let text = self.err.to_string();
        write!(f, "service error: {text}")?;
        // Generated errors usually end with the same suffix already; never say it twice.
        if !text.contains(&format!("(HTTP {}", self.status)) {
            crate::ErrorMetadata::new(Some(self.status), self.request_id.clone()).fmt_suffix(f)?;
        }
        fmt_attempts(f, self.attempts)
    }
}

impl<E: std::error::Error + 'static> std::error::Error for ServiceError<E> {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        Some(&self.err)
    }
}
