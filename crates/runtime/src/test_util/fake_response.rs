//! A scripted response of the fake service.

use bytes::Bytes;
use http::{HeaderName, HeaderValue};
use std::time::Duration;

/// What the [`FakeService`](super::FakeService) answers: status, headers, body, and optionally
/// a delay before answering, no answer at all, or a fault on the wire (see [`Fault`]).
#[derive(Clone, Debug)]
pub struct FakeResponse {
    pub(crate) status: u16,
    pub(crate) headers: Vec<(HeaderName, HeaderValue)>,
    pub(crate) body: Bytes,
    pub(crate) delay: Option<Duration>,
    pub(crate) hang: bool,
    pub(crate) fault: Option<Fault>,
}

/// A fault the fake service injects on the wire while answering (fault-injection tests).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum Fault {
    /// The connection is closed without any response (after the request was read).
    DropConnection,
    /// The status line, the headers (with the `content-length` of the whole body) and the
    /// first `sent` bytes of the body go out, then the connection is closed.
    CutBody {
        /// Body bytes sent before the connection closes.
        sent: usize,
    },
    /// The body goes out `chunk` bytes at a time, waiting `interval` before each chunk
    /// (chunked transfer encoding).
    SlowBody {
        /// Bytes per chunk (at least 1).
        chunk: usize,
        /// The wait before each chunk.
        interval: Duration,
    },
}

impl FakeResponse {
    /// An empty response with `status`.
    pub fn new(status: u16) -> Self {
        Self { status, headers: Vec::new(), body: Bytes::new(), delay: None, hang: false, fault: None }
    }

    /// A JSON response: `content-type: application/json` and `body`.
    pub fn json(status: u16, body: impl Into<String>) -> Self {
        Self::new(status).header("content-type", "application/json").body(body.into())
    }

    /// A restJson1 error: the `X-Amzn-Errortype` header and `{"message": ...}`.
    pub fn error(status: u16, code: &str, message: &str) -> Self {
        let body = serde_json::json!({ "message": message }).to_string();
        Self::json(status, body).header("x-amzn-errortype", code)
    }

    /// A response that never comes: the connection stays open until the client gives up
    /// (its attempt timeout) or the fake service is dropped.
    pub fn hang() -> Self {
        Self { hang: true, ..Self::new(200) }
    }

    /// No response at all: the fake service reads the request, then closes the connection.
    pub fn drop_connection() -> Self {
        Self { fault: Some(Fault::DropConnection), ..Self::new(200) }
    }

    /// A `200` JSON success (`{"Id":..,"MessageId":..}`) whose connection is closed after the
    /// headers and half of the body: the client sees the connection fail mid-response, while
    /// the service did act on the request (it counts as a success answer).
    pub fn reset_mid_body() -> Self {
        let body = r#"{"Id":"reset-mid-body","MessageId":"reset-mid-body","AbsoluteTime":"2024-01-01T00:00:00Z"}"#;
        Self::json(200, body).truncated(body.len() / 2)
    }

    /// Sends the headers (with the `content-length` of the whole body) and only the first
    /// `sent` bytes of the body, then closes the connection.
    pub fn truncated(mut self, sent: usize) -> Self {
        self.fault = Some(Fault::CutBody { sent });
        self
    }

    /// Sends the body `chunk` bytes at a time (chunked), waiting `interval` before each chunk.
    pub fn slow_body(mut self, chunk: usize, interval: Duration) -> Self {
        self.fault = Some(Fault::SlowBody { chunk: chunk.max(1), interval });
        self
    }

    /// The fault this response injects, if any ([`hang`](Self::hang) is not a fault of this kind).
    pub fn fault(&self) -> Option<Fault> {
        self.fault
    }

    /// Whether the response never comes ([`hang`](Self::hang)).
    pub fn is_hang(&self) -> bool {
        self.hang
    }

    /// Adds a header; a name or value that HTTP cannot carry is ignored.
    pub fn header(mut self, name: &str, value: &str) -> Self {
        if let (Ok(name), Ok(value)) = (HeaderName::try_from(name), HeaderValue::try_from(value)) {
            self.headers.push((name, value));
        }
        self
    }

    /// Adds `x-amzn-requestid`.
    pub fn request_id(self, id: &str) -> Self {
        self.header("x-amzn-requestid", id)
    }

    /// Sets the body.
    pub fn body(mut self, body: impl Into<Bytes>) -> Self {
        self.body = body.into();
        self
    }

    /// Waits this long before answering.
    pub fn delay(mut self, delay: Duration) -> Self {
        self.delay = Some(delay);
        self
    }

    /// The status.
    pub fn status(&self) -> u16 {
        self.status
    }
}
