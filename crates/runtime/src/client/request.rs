//! Turning serialized parts into the HTTP request of one attempt.

use super::{HttpRequestParts, RUNTIME_VERSION, ServiceMeta};
use bytes::Bytes;
use http::header::{CONTENT_LENGTH, HOST, USER_AGENT};
use http::{HeaderValue, Method, Uri};

/// The `user-agent`: `chatsmith/0.1.0 chatsmith-connectparticipant/0.1.0`.
pub(crate) fn user_agent(service: &ServiceMeta) -> HeaderValue {
    let full = format!("chatsmith/{RUNTIME_VERSION} {}/{}", service.crate_name, service.crate_version);
    HeaderValue::try_from(full)
        .unwrap_or_else(|_| HeaderValue::from_static(concat!("chatsmith/", env!("CARGO_PKG_VERSION"))))
}

/// The request to sign and send: the parts' method, headers and body at `uri`, plus `host`,
/// `content-length` (whenever there is a body, and for methods that carry one) and `user-agent`.
pub(crate) fn build(uri: &Uri, parts: &HttpRequestParts, user_agent: &HeaderValue) -> http::Request<Bytes> {
    let mut request = http::Request::new(parts.body.clone());
    *request.method_mut() = parts.method.clone();
    *request.uri_mut() = uri.clone();
    let headers = request.headers_mut();
    headers.clone_from(&parts.headers);
    if let Some(host) = uri.authority().and_then(|a| HeaderValue::from_str(a.as_str()).ok()) {
        headers.insert(HOST, host);
    }
    let has_body = !parts.body.is_empty() || matches!(parts.method, Method::POST | Method::PUT | Method::PATCH);
    if has_body {
        headers.insert(CONTENT_LENGTH, HeaderValue::from(parts.body.len()));
    }
    headers.insert(USER_AGENT, user_agent.clone());
    request
}

/// `amz-sdk-invocation-id` and `amz-sdk-request`, added after signing as the AWS SDKs do.
pub(crate) fn add_attempt_headers(
    request: &mut http::Request<Bytes>,
    invocation_id: &HeaderValue,
    attempt: u32,
    max_attempts: u32,
) {
    let headers = request.headers_mut();
    headers.insert("amz-sdk-invocation-id", invocation_id.clone());
    if let Ok(value) = HeaderValue::try_from(format!("attempt={attempt}; max={max_attempts}")) {
        headers.insert("amz-sdk-request", value);
    }
}
