//! The transport: what sends one HTTP request and returns the whole response.

use bytes::Bytes;
use std::error::Error as StdError;
use std::fmt;
use std::future::Future;
use std::pin::Pin;

/// Sends one HTTP request and reads the whole response.
///
/// The default is [`HyperConnector`](super::HyperConnector). Implement this to route requests
/// through your own stack, or to answer them in-process in tests. The client applies its
/// attempt timeout around `call` and checks the body against its size limit afterwards; a
/// connector should stop reading a body that grows past the limit it was built with.
pub trait HttpConnector: Send + Sync + 'static {
    /// Sends `request`, a complete request with an absolute URI.
    fn call(
        &self,
        request: http::Request<Bytes>,
    ) -> Pin<Box<dyn Future<Output = Result<http::Response<Bytes>, ConnectorError>> + Send + '_>>;
}

/// What kind of failure a [`ConnectorError`] is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum ConnectorErrorKind {
    /// No connection could be made; the request was not sent.
    Connect,
    /// Connecting took longer than the connect timeout; the request was not sent.
    ConnectTimeout,
    /// The connection failed while the request or response was in flight.
    Io,
    /// The response body was larger than the limit.
    ResponseTooLarge,
    /// The response is not valid HTTP (for example, its head is too large).
    InvalidResponse,
    /// Anything else.
    Other,
}

/// A failure to exchange a request and response.
///
/// The text says what happened and why (the underlying error chain); it never contains
/// request headers or bodies.
#[derive(Debug)]
pub struct ConnectorError {
    kind: ConnectorErrorKind,
    source: Option<Box<dyn StdError + Send + Sync>>,
    limit: Option<usize>,
    status: Option<u16>,
    request_id: Option<String>,
}

impl ConnectorError {
    /// A connection could not be made.
    pub fn connect(source: impl Into<Box<dyn StdError + Send + Sync>>) -> Self {
        Self::with_source(ConnectorErrorKind::Connect, source)
    }

    /// Connecting took longer than the connect timeout.
    pub fn connect_timeout(source: impl Into<Box<dyn StdError + Send + Sync>>) -> Self {
        Self::with_source(ConnectorErrorKind::ConnectTimeout, source)
    }

    /// The connection failed while the request or response was in flight.
    pub fn io(source: impl Into<Box<dyn StdError + Send + Sync>>) -> Self {
        Self::with_source(ConnectorErrorKind::Io, source)
    }

    /// Any other failure.
    pub fn other(source: impl Into<Box<dyn StdError + Send + Sync>>) -> Self {
        Self::with_source(ConnectorErrorKind::Other, source)
    }

    /// The response body was larger than `limit` bytes.
    pub fn response_too_large(limit: usize) -> Self {
        Self {
            kind: ConnectorErrorKind::ResponseTooLarge,
            source: None,
            limit: Some(limit),
            status: None,
            request_id: None,
        }
    }

    /// The body of a response with this status and request id was larger than `limit` bytes.
    pub fn response_too_large_with(limit: usize, status: u16, request_id: Option<String>) -> Self {
        Self { status: Some(status), request_id, ..Self::response_too_large(limit) }
    }

    /// The response could not be read as HTTP.
    pub fn invalid_response(source: impl Into<Box<dyn StdError + Send + Sync>>) -> Self {
        Self::with_source(ConnectorErrorKind::InvalidResponse, source)
    }

    fn with_source(kind: ConnectorErrorKind, source: impl Into<Box<dyn StdError + Send + Sync>>) -> Self {
        Self { kind, source: Some(source.into()), limit: None, status: None, request_id: None }
    }

    /// The HTTP status of the response, when its head was read.
    pub fn status(&self) -> Option<u16> {
        self.status
    }

    /// The request id of the response, when its head was read.
    pub fn request_id(&self) -> Option<&str> {
        self.request_id.as_deref()
    }

    /// What kind of failure this is.
    pub fn kind(&self) -> ConnectorErrorKind {
        self.kind
    }
}

impl fmt::Display for ConnectorError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.kind {
            ConnectorErrorKind::Connect => f.write_str("could not connect")?,
            ConnectorErrorKind::ConnectTimeout => f.write_str("connecting timed out")?,
            ConnectorErrorKind::Io => f.write_str("the connection failed")?,
            ConnectorErrorKind::ResponseTooLarge => {
                write!(f, "the response body is larger than {} bytes", self.limit.unwrap_or(0))?
            }
            ConnectorErrorKind::InvalidResponse => f.write_str("the response is not valid HTTP")?,
            ConnectorErrorKind::Other => f.write_str("the HTTP exchange failed")?,
        }
        // The whole cause chain, so that `Display` alone says why.
        let mut cause: Option<&(dyn StdError + 'static)> =
            self.source.as_deref().map(|e| e as &(dyn StdError + 'static));
        while let Some(err) = cause {
            write!(f, ": {err}")?;
            cause = err.source();
        }
        Ok(())
    }
}

impl StdError for ConnectorError {
    fn source(&self) -> Option<&(dyn StdError + 'static)> {
        self.source.as_deref().map(|e| e as &(dyn StdError + 'static))
    }
}
