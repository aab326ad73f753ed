//! The contract between a generated operation and the client that sends it.

use super::{InvalidInput, RetryClassify};
use bytes::Bytes;
use http::{HeaderMap, Method};
use std::fmt;

/// What the client needs to know about the service an operation belongs to.
///
/// Generated crates declare one `static` per service and point [`Operation::SERVICE`] at it.
///
/// `Debug` shows the length of the endpoint ruleset, not its text.
#[derive(Clone, Copy, PartialEq, Eq)]
pub struct ServiceMeta {
    /// The service's `sdkId` (`ConnectParticipant`, `Chime SDK Messaging`).
    pub sdk_id: &'static str,
    /// The first label of the default endpoint host (`participant.connect`, `messaging-chime`),
    /// used only without [`endpoint_rules`](Self::endpoint_rules): the client then sends to
    /// `https://{endpoint_prefix}.{region}.amazonaws.com` (`.amazonaws.com.cn` in China).
    pub endpoint_prefix: &'static str,
    /// The SigV4 signing name (`chime`) when the operation is signed, `None` when it is not.
    pub signing_name: Option<&'static str>,
    /// The generated crate's package name, for the `user-agent`.
    pub crate_name: &'static str,
    /// The generated crate's version, for the `user-agent`.
    pub crate_version: &'static str,
    /// The service's endpoint ruleset: the JSON text of the `smithy.rules#endpointRuleSet`
    /// trait of its service shape. When present, the client resolves every endpoint from it
    /// (see [`crate::endpoint_rules`]) with the configured region, FIPS and dual-stack
    /// switches and endpoint URL; the text is parsed once per process. `None` keeps the
    /// endpoint template above.
    pub endpoint_rules: Option<&'static str>,
}

impl fmt::Debug for ServiceMeta {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ServiceMeta")
            .field("sdk_id", &self.sdk_id)
            .field("endpoint_prefix", &self.endpoint_prefix)
            .field("signing_name", &self.signing_name)
            .field("crate_name", &self.crate_name)
            .field("crate_version", &self.crate_version)
            .field("endpoint_rules", &self.endpoint_rules.map(|rules| format!("<{} bytes of JSON>", rules.len())))
            .finish()
    }
}

/// An HTTP request as an operation serializes it, before the client adds the endpoint,
/// `host`, `content-length`, `user-agent` and the signature.
///
/// `Debug` shows header names but never their values (a bearer token is a header) and only the
/// length of the body.
#[derive(Clone)]
pub struct HttpRequestParts {
    /// The HTTP method of the operation's `@http` trait.
    pub method: Method,
    /// The path and query, already percent-encoded, starting with `/`
    /// (see [`crate::protocol::restjson`] for the encoders). The client puts the base path of
    /// an endpoint URL in front of it.
    pub path_and_query: String,
    /// Headers bound to input members, plus `content-type` when there is a body.
    pub headers: HeaderMap,
    /// The body; sent unchanged on every attempt.
    pub body: Bytes,
    /// What `@endpoint(hostPrefix)` puts in front of the endpoint's host (`foo.bar.`), labels
    /// already filled in and checked.
    pub host_prefix: Option<String>,
}

impl HttpRequestParts {
    /// Parts with the given method and path, no headers and an empty body.
    pub fn new(method: Method, path_and_query: impl Into<String>) -> Self {
        Self {
            method,
            path_and_query: path_and_query.into(),
            headers: HeaderMap::new(),
            body: Bytes::new(),
            host_prefix: None,
        }
    }
}

impl fmt::Debug for HttpRequestParts {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("HttpRequestParts")
            .field("method", &self.method)
            .field("path_and_query", &self.path_and_query)
            .field("host_prefix", &self.host_prefix)
            .field("header_names", &self.headers.keys().map(|k| k.as_str()).collect::<Vec<_>>())
            .field("body_len", &self.body.len())
            .finish()
    }
}

/// A whole HTTP response: status, headers and the body, read up to the configured size limit.
///
/// `Debug` shows the status, header names and the body length, not the content.
#[derive(Clone)]
pub struct RawResponse {
    /// The HTTP status code.
    pub status: u16,
    /// The response headers.
    pub headers: HeaderMap,
    /// The response body.
    pub body: Bytes,
}

impl fmt::Debug for RawResponse {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("RawResponse")
            .field("status", &self.status)
            .field("header_names", &self.headers.keys().map(|k| k.as_str()).collect::<Vec<_>>())
            .field("body_len", &self.body.len())
            .finish()
    }
}

/// Why [`Operation::parse`] produced no output.
#[derive(Debug)]
pub enum ResponseFailure<E> {
    /// The service answered with an error: a modelled one, or the operation's `Unhandled`.
    Service(E),
    /// The response could not be understood (a success status with a body that is not the
    /// expected JSON, for example). The text says what was wrong and never repeats values.
    Malformed(String),
}

/// One operation of a service, implemented by generated code.
///
/// The client calls [`prepare`](Self::prepare) and [`serialize`](Self::serialize) once per
/// [`Handle::invoke`](super::Handle::invoke), then [`parse`](Self::parse) once per attempt.
pub trait Operation: Send + Sync + 'static {
    /// The input structure.
    type Input: crate::Validate + Send + Sync;
    /// The output structure.
    type Output: Send;
    /// The operation's error: its modelled errors plus `Unhandled`.
    type Error: std::error::Error + RetryClassify + Send + Sync + 'static;
    /// The operation name in the model (`SendMessage`).
    const NAME: &'static str;
    /// The service the operation belongs to.
    const SERVICE: &'static ServiceMeta;

    /// Fills unset idempotency-token members with `make_token()`; returns the token the
    /// request carries, if any.
    fn prepare(input: &mut Self::Input, make_token: &dyn Fn() -> String) -> Option<String>;

    /// Builds the HTTP request of the operation (labels, query, headers, body).
    fn serialize(input: &Self::Input) -> Result<HttpRequestParts, InvalidInput>;

    /// Reads a response: the output on the operation's success status, else the error.
    fn parse(response: &RawResponse) -> Result<Self::Output, ResponseFailure<Self::Error>>;
}

impl<E> From<crate::protocol::json::JsonError> for ResponseFailure<E> {
    fn from(error: crate::protocol::json::JsonError) -> Self {
        Self::Malformed(error.to_string())
    }
}
