//! Support of the generated protocol compliance tests: a connector that records requests and
//! answers with a scripted response, the client configuration the cases assume, and the
//! comparisons of section 0 of `protocol-notes/restjson1.md`.
//!
//! Copied into the generated crate as `tests/support/mod.rs` by `chatsmith-protocol-tests`.
#![allow(dead_code)]

use bytes::Bytes;
use chatsmith_runtime::client::{
    Config, ConnectorError, Credentials, FixedToken, HttpConnector, RetryConfig, Validation,
};
use chatsmith_runtime::protocol::http;
use std::fmt::{Debug, Write as _};
use std::future::Future;
use std::pin::Pin;
use std::sync::{Arc, Mutex};

/// Runs a case on a current-thread Tokio runtime with the time driver (the client's timeouts).
pub fn run<F: Future>(future: F) -> F::Output {
    tokio::runtime::Builder::new_current_thread().enable_time().build().expect("a Tokio runtime").block_on(future)
}

/// The response the connector gives.
pub struct Reply {
    pub status: u16,
    pub headers: &'static [(&'static str, &'static str)],
    pub body: &'static [u8],
}

impl Reply {
    /// `200` with no headers and an empty body.
    pub fn empty_ok() -> Self {
        Self { status: 200, headers: &[], body: b"" }
    }
}

/// A connector that records every request and answers each with the same [`Reply`].
#[derive(Clone)]
pub struct Recorder {
    reply: Arc<Reply>,
    requests: Arc<Mutex<Vec<http::Request<Bytes>>>>,
}

impl Recorder {
    pub fn new(reply: Reply) -> Self {
        Self { reply: Arc::new(reply), requests: Arc::default() }
    }

    /// The one request the call sent; panics (showing the call's result) when it sent none or several.
    pub fn single_request<T: Debug, E: Debug>(&self, result: &Result<T, E>) -> http::Request<Bytes> {
        let mut requests = self.requests.lock().expect("not poisoned");
        match requests.len() {
            1 => requests.pop().expect("one request"),
            0 => panic!("no request was sent; the call returned {result:?}"),
            n => panic!("{n} requests were sent; the call returned {result:?}"),
        }
    }
}

impl HttpConnector for Recorder {
    fn call(
        &self,
        request: http::Request<Bytes>,
    ) -> Pin<Box<dyn Future<Output = Result<http::Response<Bytes>, ConnectorError>> + Send + '_>> {
        self.requests.lock().expect("not poisoned").push(request);
        let mut response = http::Response::builder().status(self.reply.status);
        for (name, value) in self.reply.headers {
            response = response.header(*name, *value);
        }
        let response = response.body(Bytes::from_static(self.reply.body)).map_err(ConnectorError::other);
        Box::pin(async move { response })
    }
}

/// The client configuration of every case: the endpoint, a region and static test credentials
/// (requests are signed when the service signs), the constant idempotency token, no validation
/// and no retries.
pub fn config(endpoint: &str, recorder: &Recorder) -> Config {
    Config::builder()
        .endpoint_url(endpoint)
        .region("us-east-1")
        .credentials(Credentials::new("AKIDEXAMPLE", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY", None))
        .http_connector(recorder.clone())
        .idempotency_token_provider(FixedToken::default())
        .validation(Validation::Off)
        .retry(RetryConfig::disabled())
        .build()
}

/// What a request case expects.
pub struct Expected {
    pub method: &'static str,
    pub uri: &'static str,
    pub resolved_host: Option<&'static str>,
    pub query: &'static [&'static str],
    pub forbid_query: &'static [&'static str],
    pub require_query: &'static [&'static str],
    pub headers: &'static [(&'static str, &'static str)],
    pub forbid_headers: &'static [&'static str],
    pub require_headers: &'static [&'static str],
    pub body: Option<&'static str>,
    pub media_type: Option<&'static str>,
}

/// Compares a sent request with a case: every difference is listed, then the request shown.
pub fn check_request(request: &http::Request<Bytes>, expected: &Expected) {
    let mut problems = Vec::new();
    if request.method().as_str() != expected.method {
        problems.push(format!("method: expected {}, sent {}", expected.method, request.method()));
    }
    let uri = request.uri();
    if uri.path() != expected.uri {
        problems.push(format!("path: expected {}, sent {}", expected.uri, uri.path()));
    }
    if let Some(host) = expected.resolved_host
        && uri.host() != Some(host)
    {
        problems.push(format!("host: expected {host}, sent {:?}", uri.host()));
    }
    // Query pairs, compared as sent (percent-encoded); each expected pair uses up one sent pair.
    let mut pairs: Vec<&str> = uri.query().map(|q| q.split('&').filter(|p| !p.is_empty()).collect()).unwrap_or_default();
    for want in expected.query {
        match pairs.iter().position(|p| p == want) {
            Some(i) => {
                pairs.remove(i);
            }
            None => problems.push(format!("query: `{want}` was not sent")),
        }
    }
    let sent_keys: Vec<&str> = uri
        .query()
        .map(|q| q.split('&').map(|p| p.split('=').next().unwrap_or_default()).collect())
        .unwrap_or_default();
    for key in expected.forbid_query {
        if sent_keys.contains(key) {
            problems.push(format!("query: `{key}` is forbidden but was sent"));
        }
    }
    for key in expected.require_query {
        if !sent_keys.contains(key) {
            problems.push(format!("query: `{key}` is required but was not sent"));
        }
    }
    let header = |name: &str| -> Option<String> {
        let values: Vec<&str> =
            request.headers().get_all(name).iter().map(|v| v.to_str().unwrap_or("<not visible ASCII>")).collect();
        (!values.is_empty()).then(|| values.join(", "))
    };
    for (name, want) in expected.headers {
        match header(name) {
            Some(sent) if sent == *want => {}
            Some(sent) => problems.push(format!("header {name}: expected {want:?}, sent {sent:?}")),
            None => problems.push(format!("header {name}: expected {want:?}, not sent")),
        }
    }
    for name in expected.forbid_headers {
        if let Some(sent) = header(name) {
            problems.push(format!("header {name} is forbidden but was sent ({sent:?})"));
        }
    }
    for name in expected.require_headers {
        if header(name).is_none() {
            problems.push(format!("header {name} is required but was not sent"));
        }
    }
    if let Some(want) = expected.body {
        let sent = request.body();
        let json = expected.media_type == Some("application/json") && !want.is_empty();
        let parsed = if json {
            serde_json::from_str::<serde_json::Value>(want)
                .ok()
                .map(|want| (want, serde_json::from_slice::<serde_json::Value>(sent)))
        } else {
            None
        };
        match parsed {
            Some((want, Ok(sent))) if want == sent => {}
            Some((want, Ok(sent))) => problems.push(format!("JSON body: expected {want}, sent {sent}")),
            Some((_, Err(err))) => problems.push(format!("body: expected JSON, sent something else ({err})")),
            None if sent.as_ref() == want.as_bytes() => {}
            None => problems.push(format!("body: expected {want:?}, sent {:?}", String::from_utf8_lossy(sent))),
        }
    }
    if !problems.is_empty() {
        let mut text = String::new();
        for problem in &problems {
            let _ = writeln!(text, "- {problem}");
        }
        let _ = writeln!(text, "sent: {} {}", request.method(), request.uri());
        for (name, value) in request.headers() {
            let _ = writeln!(text, "  {name}: {}", value.to_str().unwrap_or("<not visible ASCII>"));
        }
        let _ = writeln!(text, "  body: {:?}", String::from_utf8_lossy(request.body()));
        panic!("the request differs from the case:\n{text}");
    }
}

/// `expected == actual`, except that values differing only by NaN (never equal to itself)
/// count as the same when their `Debug` texts agree.
pub fn assert_same<T: PartialEq + Debug>(expected: &T, actual: &T) {
    if expected == actual {
        return;
    }
    let (e, a) = (format!("{expected:#?}"), format!("{actual:#?}"));
    if e == a && e.contains("NaN") {
        return;
    }
    panic!("the parsed value differs from the case:\nexpected: {e}\nparsed:   {a}");
}
