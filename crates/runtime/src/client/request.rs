//! Turning serialized parts into the HTTP request of one attempt.
//!
//! This runs on every call, so it avoids what costs without changing the request: header
//! names are statics (`HeaderMap::insert("amz-sdk-request", ..)` parses and hashes the name
//! each time, about 1,200 instructions), and the map is made with room for every header an
//! attempt adds (cloning the operation's map and growing it cost 6 reallocations).

use super::{HttpRequestParts, RUNTIME_VERSION, ServiceMeta};
use bytes::Bytes;
use http::header::{CONTENT_LENGTH, HOST, HeaderName, USER_AGENT};
use http::{HeaderMap, HeaderValue, Method, Uri};

static AMZ_SDK_INVOCATION_ID: HeaderName = HeaderName::from_static("amz-sdk-invocation-id");
static AMZ_SDK_REQUEST: HeaderName = HeaderName::from_static("amz-sdk-request");

/// Headers an attempt may add to the operation's: `host`, `content-length`, `user-agent`, the
/// two attempt headers and up to three of SigV4 (`x-amz-date`, `authorization`,
/// `x-amz-security-token`).
const ADDED_HEADERS: usize = 8;

/// The `user-agent`: `chatsmith/0.1.0 chatsmith-connectparticipant/0.1.0`.
pub(crate) fn user_agent(service: &ServiceMeta) -> HeaderValue {
    let full = format!("chatsmith/{RUNTIME_VERSION} {}/{}", service.crate_name, service.crate_version);
    HeaderValue::try_from(full)
        .unwrap_or_else(|_| HeaderValue::from_static(concat!("chatsmith/", env!("CARGO_PKG_VERSION"))))
}

/// The `host` header of requests to `uri`: its authority.
pub(crate) fn host(uri: &Uri) -> Option<HeaderValue> {
    uri.authority().and_then(|a| HeaderValue::from_str(a.as_str()).ok())
}

/// A new invocation id: a random version-4 UUID.
///
/// Its randomness comes from `fastrand`, as in the AWS SDKs: an invocation id only tells
/// calls apart in logs, and `Uuid::new_v4` makes a system call (`getrandom`) each time.
pub(crate) fn new_invocation_id() -> uuid::Uuid {
    super::token::random_uuid()
}

/// The `amz-sdk-invocation-id` of a call: the hyphenated UUID.
fn invocation_id(id: uuid::Uuid) -> HeaderValue {
    let mut text = [0; uuid::fmt::Hyphenated::LENGTH];
    HeaderValue::from_bytes(id.hyphenated().encode_lower(&mut text).as_bytes())
        .unwrap_or_else(|_| HeaderValue::from_static("unknown"))
}

/// The request to sign and send: the parts' method, headers and body at `uri`, plus `host`
/// (when given), `content-length` (whenever there is a body, and for methods that carry one)
/// and `user-agent`.
pub(crate) fn build(
    uri: &Uri,
    parts: &HttpRequestParts,
    host: Option<&HeaderValue>,
    user_agent: &HeaderValue,
) -> http::Request<Bytes> {
    let mut request = http::Request::new(parts.body.clone());
    *request.method_mut() = parts.method.clone();
    *request.uri_mut() = uri.clone();
    let headers = request.headers_mut();
    *headers = HeaderMap::with_capacity(parts.headers.len() + ADDED_HEADERS);
    for (name, value) in &parts.headers {
        headers.append(name.clone(), value.clone());
    }
    if let Some(host) = host {
        headers.insert(HOST, host.clone());
    }
    let has_body = !parts.body.is_empty() || matches!(parts.method, Method::POST | Method::PUT | Method::PATCH);
    if has_body {
        headers.insert(CONTENT_LENGTH, HeaderValue::from(parts.body.len()));
    }
    headers.insert(USER_AGENT, user_agent.clone());
    request
}

/// `amz-sdk-invocation-id` and `amz-sdk-request`, added after signing as the AWS SDKs do.
///
/// The invocation id is written anew for each attempt: cheaper than cloning one value, whose
/// first clone allocates.
pub(crate) fn add_attempt_headers(
    request: &mut http::Request<Bytes>,
    invocation_id: uuid::Uuid,
    attempt: u32,
    max_attempts: u32,
) {
    let headers = request.headers_mut();
    headers.insert(AMZ_SDK_INVOCATION_ID.clone(), self::invocation_id(invocation_id));
    headers.insert(AMZ_SDK_REQUEST.clone(), attempt_value(attempt, max_attempts));
}

/// `attempt=1; max=3`, written without `format!` (which cost 700 instructions here).
fn attempt_value(attempt: u32, max_attempts: u32) -> HeaderValue {
    let mut text = [0u8; 34]; // "attempt=" and "; max=", each with up to 10 digits
    let mut len = 0;
    let mut push = |piece: &[u8]| {
        text[len..len + piece.len()].copy_from_slice(piece);
        len += piece.len();
    };
    push(b"attempt=");
    push(decimal(attempt, &mut [0; 10]));
    push(b"; max=");
    push(decimal(max_attempts, &mut [0; 10]));
    HeaderValue::from_bytes(&text[..len]).unwrap_or_else(|_| HeaderValue::from_static("attempt=1"))
}

/// The decimal digits of `n`, written at the end of `digits`.
fn decimal(mut n: u32, digits: &mut [u8; 10]) -> &[u8] {
    let mut start = digits.len();
    loop {
        start -= 1;
        digits[start] = b'0' + (n % 10) as u8;
        n /= 10;
        if n == 0 {
            return &digits[start..];
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn attempt_values() {
        for (attempt, max) in [(1, 3), (2, 3), (10, 10), (0, 1), (u32::MAX, u32::MAX), (7, 120)] {
            assert_eq!(attempt_value(attempt, max), format!("attempt={attempt}; max={max}").as_str());
        }
    }

    #[test]
    fn invocation_ids_are_hyphenated_version_4_uuids() {
        let id = new_invocation_id();
        assert_eq!(id.get_version(), Some(uuid::Version::Random));
        assert_eq!(id.get_variant(), uuid::Variant::RFC4122);
        assert_ne!(id, new_invocation_id());
        assert_eq!(invocation_id(id), id.hyphenated().to_string().as_str());
    }
}
