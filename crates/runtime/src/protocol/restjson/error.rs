//! Error responses: which error, its message, and the request id.

use crate::ErrorMetadata;
use crate::client::RawResponse;
use http::{HeaderMap, HeaderName};
use serde_json::{Map, Value};

/// What an error response says, before the operation matches the code to its modelled errors.
#[derive(Clone, Debug, Default, PartialEq)]
#[non_exhaustive]
pub struct ErrorResponse {
    /// The error code, sanitized (`ThrottlingException`).
    pub code: Option<String>,
    /// The message, from `message` or `Message`.
    pub message: Option<String>,
    /// Status and request id.
    pub meta: ErrorMetadata,
    /// The top-level members of the JSON body (empty when the body is empty or not an object),
    /// for the error's modelled members.
    pub body: Map<String, Value>,
}

impl ErrorResponse {
    /// `(code, message, meta)`, for `Unhandled::new`.
    pub fn into_parts(self) -> (Option<String>, Option<String>, ErrorMetadata) {
        (self.code, self.message, self.meta)
    }
}

/// Reads an error response.
///
/// - code: the `X-Amzn-Errortype` header, else the body's top-level `code` (lower-case only:
///   Chime's `Code` is a modelled member, not the error type), else `__type`; sanitized with
///   [`sanitize_error_code`];
/// - message: the body's `message`, else `Message`;
/// - request id: [`request_id`].
pub fn parse_error(response: &RawResponse) -> ErrorResponse {
    let body = super::parse_json_object(&response.body).unwrap_or_default();
    let text = |key: &str| body.get(key).and_then(Value::as_str);
    let code = response
        .headers
        .get(&X_AMZN_ERRORTYPE)
        .and_then(|v| v.to_str().ok())
        .map(sanitize_error_code)
        .filter(|code| !code.is_empty())
        .or_else(|| text("code").map(sanitize_error_code))
        .or_else(|| text("__type").map(sanitize_error_code))
        .filter(|code| !code.is_empty())
        .map(str::to_owned);
    let message = text("message").or_else(|| text("Message")).map(str::to_owned);
    let meta = ErrorMetadata::new(Some(response.status), request_id(&response.headers));
    ErrorResponse { code, message, meta, body }
}

/// The error shape name of a code: cut at the first `:`, then keep what follows `#`
/// (`aws.protocoltests.restjson#FooError:http://internal.amazon.com/` → `FooError`).
pub fn sanitize_error_code(raw: &str) -> &str {
    let before_colon = raw.split(':').next().unwrap_or(raw);
    let name = before_colon.rsplit('#').next().unwrap_or(before_colon);
    name.trim()
}

static X_AMZN_REQUESTID: HeaderName = HeaderName::from_static("x-amzn-requestid");
static X_AMZ_REQUEST_ID: HeaderName = HeaderName::from_static("x-amz-request-id");
static X_AMZN_ERRORTYPE: HeaderName = HeaderName::from_static("x-amzn-errortype");

/// The request id: `x-amzn-requestid`, else `x-amz-request-id`.
pub fn request_id(headers: &HeaderMap) -> Option<String> {
    // Static names: looking up by `&str` parses and hashes the name each time (500
    // instructions of every response, callgrind).
    [&X_AMZN_REQUESTID, &X_AMZ_REQUEST_ID]
        .into_iter()
        .find_map(|name| headers.get(name))
        .and_then(|value| value.to_str().ok())
        .filter(|id| !id.is_empty())
        .map(str::to_owned)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sanitizes_codes() {
        for raw in [
            "FooError",
            "FooError:http://internal.amazon.com/coral/com.amazon.coral.validate/",
            "aws.protocoltests.restjson#FooError",
            "aws.different.namespace#FooError:http://internal.amazon.com/",
        ] {
            assert_eq!(sanitize_error_code(raw), "FooError", "{raw}");
        }
    }
}
