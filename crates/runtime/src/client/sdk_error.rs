//! The error of every client call.

use super::{ConfigError, DispatchError, InvalidInput, ResponseError, ServiceError, TimeoutError};
use crate::{BuildError, ValidationErrors};
use std::fmt;

/// Why a call failed. `E` is the operation's error type.
///
/// `Display` says what happened: which timeout fired and after how long, the cause of a
/// connection error, or the service's error code, message, HTTP status and request id. No
/// variant's text contains a secret key, a session token or a bearer header value.
#[derive(Debug)]
#[non_exhaustive]
pub enum SdkError<E> {
    /// The input was refused before sending (builder, validation or serialization).
    InvalidInput(InvalidInput),
    /// The client cannot send as configured; nothing was sent.
    Config(ConfigError),
    /// A timeout fired.
    Timeout(TimeoutError),
    /// The request could not be sent or the connection failed.
    Dispatch(DispatchError),
    /// A response arrived but could not be understood.
    Response(ResponseError),
    /// The service answered with an error.
    Service(ServiceError<E>),
}

impl<E> SdkError<E> {
    /// The operation error, when the service sent one.
    pub fn as_service_error(&self) -> Option<&E> {
        match self {
            Self::Service(err) => Some(err.err()),
            _ => None,
        }
    }

    /// The operation error, when the service sent one; else the error itself.
    pub fn into_service_error(self) -> Result<E, Self> {
        match self {
            Self::Service(err) => Ok(err.into_err()),
            other => Err(other),
        }
    }

    /// The input error, when the input was refused.
    pub fn as_invalid_input(&self) -> Option<&InvalidInput> {
        match self {
            Self::InvalidInput(err) => Some(err),
            _ => None,
        }
    }

    /// The request id of the last response, when there was one.
    pub fn request_id(&self) -> Option<&str> {
        match self {
            Self::Service(err) => err.request_id(),
            Self::Response(err) => err.request_id(),
            _ => None,
        }
    }

    /// The HTTP status of the last response, when there was one.
    pub fn status(&self) -> Option<u16> {
        match self {
            Self::Service(err) => Some(err.status()),
            Self::Response(err) => err.status(),
            _ => None,
        }
    }

    /// The idempotency token the request carried, for errors raised once the request may
    /// have reached the service. Retrying later with this token is safe.
    pub fn idempotency_token(&self) -> Option<&str> {
        match self {
            Self::InvalidInput(_) | Self::Config(_) => None,
            Self::Timeout(err) => err.idempotency_token(),
            Self::Dispatch(err) => err.idempotency_token(),
            Self::Response(err) => err.idempotency_token(),
            Self::Service(err) => err.idempotency_token(),
        }
    }

    /// Attempts made (0 when nothing was sent).
    pub fn attempts(&self) -> u32 {
        match self {
            Self::InvalidInput(_) | Self::Config(_) => 0,
            Self::Timeout(err) => err.attempts(),
            Self::Dispatch(err) => err.attempts(),
            Self::Response(err) => err.attempts(),
            Self::Service(err) => err.attempts(),
        }
    }
}

impl<E: fmt::Display> fmt::Display for SdkError<E> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::InvalidInput(err) => write!(f, "request not sent: {err}"),
            Self::Config(err) => write!(f, "request not sent: {err}"),
            Self::Timeout(err) => err.fmt(f),
            Self::Dispatch(err) => err.fmt(f),
            Self::Response(err) => err.fmt(f),
            Self::Service(err) => err.fmt(f),
        }
    }
}

impl<E: std::error::Error + 'static> std::error::Error for SdkError<E> {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            Self::InvalidInput(err) => Some(err),
            Self::Config(err) => Some(err),
            Self::Timeout(err) => Some(err),
            Self::Dispatch(err) => Some(err),
            Self::Response(err) => Some(err),
            Self::Service(err) => Some(err.err()),
        }
    }
}

impl<E> From<InvalidInput> for SdkError<E> {
    fn from(err: InvalidInput) -> Self {
        Self::InvalidInput(err)
    }
}

impl<E> From<BuildError> for SdkError<E> {
    fn from(err: BuildError) -> Self {
        Self::InvalidInput(InvalidInput::Build(err))
    }
}

impl<E> From<ValidationErrors> for SdkError<E> {
    fn from(err: ValidationErrors) -> Self {
        Self::InvalidInput(InvalidInput::Validation(err))
    }
}

impl<E> From<ConfigError> for SdkError<E> {
    fn from(err: ConfigError) -> Self {
        Self::Config(err)
    }
}
