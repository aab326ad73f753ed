//! What every service error carries besides its modelled members.

use std::fmt;

/// Facts about an error response that are not part of the modelled error shape.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
#[non_exhaustive]
pub struct ErrorMetadata {
    /// The HTTP status code of the response, when there was one.
    pub status: Option<u16>,
    /// The request id the service gave (`x-amzn-requestid`).
    pub request_id: Option<String>,
}

impl ErrorMetadata {
    /// Metadata with the given status and request id.
    pub fn new(status: Option<u16>, request_id: Option<String>) -> Self {
        Self { status, request_id }
    }

    /// Writes ` (HTTP 403, request id abc)` or the parts of it that are known.
    pub fn fmt_suffix(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match (self.status, &self.request_id) {
            (Some(status), Some(id)) => write!(f, " (HTTP {status}, request id {id})"),
            (Some(status), None) => write!(f, " (HTTP {status})"),
            (None, Some(id)) => write!(f, " (request id {id})"),
            (None, None) => Ok(()),
        }
    }
}

/// An error response whose code the model does not know.
///
/// Kept whole so that nothing the service said is lost: the code, the message, the HTTP
/// status and the request id.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
#[non_exhaustive]
pub struct Unhandled {
    /// The error code the service sent, namespace and URI suffix removed.
    pub code: Option<String>,
    /// The error message the service sent.
    pub message: Option<String>,
    /// Status and request id.
    pub meta: ErrorMetadata,
}

impl Unhandled {
    /// An unhandled error with the given code, message and metadata.
    pub fn new(code: Option<String>, message: Option<String>, meta: ErrorMetadata) -> Self {
        Self { code, message, meta }
    }

    /// The error code, if the service sent one.
    pub fn code(&self) -> Option<&str> {
        self.code.as_deref()
    }

    /// The error message, if the service sent one.
    pub fn message(&self) -> Option<&str> {
        self.message.as_deref()
    }

    /// Status and request id.
    pub fn meta(&self) -> &ErrorMetadata {
        &self.meta
    }
}

impl fmt::Display for Unhandled {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.code {
            Some(code) => write!(f, "unhandled service error {code}")?,
            None => f.write_str("unhandled service error without a code")?,
        }
        if let Some(message) = &self.message {
            write!(f, ": {message}")?;
        }
        self.meta.fmt_suffix(f)
    }
}

impl std::error::Error for Unhandled {}
