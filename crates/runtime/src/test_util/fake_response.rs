//! A scripted response of the fake service.

use bytes::Bytes;
use http::{HeaderName, HeaderValue};
use std::time::Duration;

/// What the [`FakeService`](super::FakeService) answers: status, headers, body, and optionally
/// a delay before answering or no answer at all.
#[derive(Clone, Debug)]
pub struct FakeResponse {
    pub(crate) status: u16,
    pub(crate) headers: Vec<(HeaderName, HeaderValue)>,
    pub(crate) body: Bytes,
    pub(crate) delay: Option<Duration>,
    pub(crate) hang: bool,
}

impl FakeResponse {
    /// An empty response with `status`.
    pub fn new(status: u16) -> Self {
        Self { status, headers: Vec::new(), body: Bytes::new(), delay: None, hang: false }
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
