//! Hand-written operations shaped like generated code, and test helpers.

use bytes::Bytes;
use chatsmith_runtime::client::{
    Config, ConfigBuilder, ConnectorError, FixedToken, HttpConnector, HttpRequestParts, InvalidInput, Operation,
    RawResponse, ResponseFailure, RetryClassify, RetryConfig, RetryKind, ServiceMeta,
};
use chatsmith_runtime::protocol::restjson;
use chatsmith_runtime::test_util::FakeService;
use chatsmith_runtime::validate::{Path, Violations, check};
use chatsmith_runtime::{ErrorMetadata, Unhandled, Validate};
use std::fmt;
use std::future::Future;
use std::pin::Pin;
use std::sync::{Arc, Mutex};
use std::time::Duration;

/// Runs a test body on a fresh current-thread runtime, bounded to 20 s.
pub fn run<F: Future>(body: F) -> F::Output {
    tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("runtime")
        .block_on(async { tokio::time::timeout(Duration::from_secs(20), body).await.expect("test took over 20 s") })
}

/// Millisecond backoffs, a fixed token, the fake service as endpoint.
pub fn fast_config(fake: &FakeService) -> ConfigBuilder {
    Config::builder()
        .region("us-east-1")
        .endpoint_url(fake.endpoint_url())
        .retry(fast_retry())
        .attempt_timeout(Duration::from_secs(5))
        .idempotency_token_provider(FixedToken::default())
}

pub fn fast_retry() -> RetryConfig {
    RetryConfig::standard().with_initial_backoff(Duration::from_millis(1)).with_max_backoff(Duration::from_millis(5))
}

pub const SECRET: &str = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY";
pub const SESSION_TOKEN: &str = "session-token-that-must-not-leak";
pub const BEARER: &str = "bearer-token-that-must-not-leak";

// ---------------------------------------------------------------- SendMessage (unsigned)

pub static PARTICIPANT: ServiceMeta = ServiceMeta {
    sdk_id: "ConnectParticipant",
    endpoint_prefix: "participant.connect",
    signing_name: None,
    crate_name: "chatsmith-connectparticipant",
    crate_version: "0.1.0",
    endpoint_rules: None,
};

pub struct SendMessage;

#[derive(Clone, Debug)]
pub struct SendMessageInput {
    pub connection_token: String,
    pub content: String,
    pub content_type: String,
    pub client_token: Option<String>,
}

impl SendMessageInput {
    pub fn hello() -> Self {
        Self {
            connection_token: BEARER.to_owned(),
            content: "hello".to_owned(),
            content_type: "text/plain".to_owned(),
            client_token: None,
        }
    }
}

impl Validate for SendMessageInput {
    const SHAPE: &'static str = "SendMessageInput";

    fn validate_at(&self, path: &Path<'_>, out: &mut Violations) {
        out.check(&path.member("ConnectionToken"), check::length(&self.connection_token, Some(1), None));
        out.check(&path.member("Content"), check::length(&self.content, Some(1), Some(1024)));
    }
}

#[derive(Debug, PartialEq)]
pub struct SendMessageOutput {
    pub id: Option<String>,
}

/// Like a generated operation error: modelled errors plus `Unhandled`.
#[derive(Debug)]
pub enum SendMessageError {
    Throttling(ModelledError),
    AccessDenied(ModelledError),
    Unhandled(Unhandled),
}

#[derive(Debug)]
pub struct ModelledError {
    pub code: &'static str,
    pub message: Option<String>,
    pub meta: ErrorMetadata,
}

impl fmt::Display for ModelledError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code)?;
        if let Some(message) = &self.message {
            write!(f, ": {message}")?;
        }
        self.meta.fmt_suffix(f)
    }
}

impl fmt::Display for SendMessageError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Throttling(e) | Self::AccessDenied(e) => e.fmt(f),
            Self::Unhandled(e) => e.fmt(f),
        }
    }
}

impl std::error::Error for SendMessageError {}

impl RetryClassify for SendMessageError {
    fn retry_kind(&self) -> Option<RetryKind> {
        match self {
            Self::Throttling(_) => Some(RetryKind::Throttling),
            Self::AccessDenied(_) => None,
            Self::Unhandled(e) => e.retry_kind(),
        }
    }
}

impl Operation for SendMessage {
    type Input = SendMessageInput;
    type Output = SendMessageOutput;
    type Error = SendMessageError;
    const NAME: &'static str = "SendMessage";
    const SERVICE: &'static ServiceMeta = &PARTICIPANT;

    fn prepare(input: &mut Self::Input, make_token: &dyn Fn() -> String) -> Option<String> {
        Some(input.client_token.get_or_insert_with(make_token).clone())
    }

    fn serialize(input: &Self::Input) -> Result<HttpRequestParts, InvalidInput> {
        let mut parts = HttpRequestParts::new(http::Method::POST, "/participant/message");
        parts
            .headers
            .insert("x-amz-bearer", restjson::sensitive_header_value("ConnectionToken", &input.connection_token)?);
        parts.headers.insert(http::header::CONTENT_TYPE, restjson::JSON_CONTENT_TYPE.clone());
        let mut body = serde_json::Map::new();
        if let Some(token) = &input.client_token {
            body.insert("ClientToken".into(), token.clone().into());
        }
        body.insert("Content".into(), input.content.clone().into());
        body.insert("ContentType".into(), input.content_type.clone().into());
        parts.body = Bytes::from(serde_json::Value::Object(body).to_string());
        Ok(parts)
    }

    fn parse(response: &RawResponse) -> Result<Self::Output, ResponseFailure<Self::Error>> {
        if response.status == 200 {
            let body = restjson::parse_json_object(&response.body).map_err(ResponseFailure::Malformed)?;
            return match body.get("Id") {
                None => Ok(SendMessageOutput { id: None }),
                Some(serde_json::Value::String(id)) => Ok(SendMessageOutput { id: Some(id.clone()) }),
                Some(_) => Err(ResponseFailure::Malformed("member Id is not a string".into())),
            };
        }
        let error = restjson::parse_error(response);
        let modelled = |code| ModelledError { code, message: error.message.clone(), meta: error.meta.clone() };
        Err(ResponseFailure::Service(match error.code.as_deref() {
            Some("ThrottlingException") => SendMessageError::Throttling(modelled("ThrottlingException")),
            Some("AccessDeniedException") => SendMessageError::AccessDenied(modelled("AccessDeniedException")),
            _ => {
                let (code, message, meta) = error.into_parts();
                SendMessageError::Unhandled(Unhandled::new(code, message, meta))
            }
        }))
    }
}

// ---------------------------------------------------------- SendChannelMessage (SigV4)

pub static MESSAGING: ServiceMeta = ServiceMeta {
    sdk_id: "Chime SDK Messaging",
    endpoint_prefix: "messaging-chime",
    signing_name: Some("chime"),
    crate_name: "chatsmith-chimesdkmessaging",
    crate_version: "0.1.0",
    endpoint_rules: None,
};

pub struct SendChannelMessage;

#[derive(Clone, Debug)]
pub struct SendChannelMessageInput {
    pub channel_arn: String,
    pub chime_bearer: String,
    pub content: String,
}

impl SendChannelMessageInput {
    pub fn hello() -> Self {
        Self {
            channel_arn: "arn:aws:chime:us-east-1:123456789012:app-instance/a/channel/b".into(),
            chime_bearer: "arn:aws:chime:us-east-1:123456789012:app-instance/a/user/u1".into(),
            content: "hello".into(),
        }
    }
}

impl Validate for SendChannelMessageInput {
    const SHAPE: &'static str = "SendChannelMessageInput";

    fn validate_at(&self, path: &Path<'_>, out: &mut Violations) {
        out.check(&path.member("Content"), check::utf8_length(&self.content, Some(1), Some(4096)));
    }
}

impl Operation for SendChannelMessage {
    type Input = SendChannelMessageInput;
    type Output = serde_json::Map<String, serde_json::Value>;
    type Error = Unhandled;
    const NAME: &'static str = "SendChannelMessage";
    const SERVICE: &'static ServiceMeta = &MESSAGING;

    fn prepare(_input: &mut Self::Input, _make_token: &dyn Fn() -> String) -> Option<String> {
        None
    }

    fn serialize(input: &Self::Input) -> Result<HttpRequestParts, InvalidInput> {
        let path = format!("/channels/{}/messages", restjson::label("ChannelArn", &input.channel_arn)?);
        let mut parts = HttpRequestParts::new(http::Method::POST, path);
        parts.headers.insert("x-amz-chime-bearer", restjson::header_value("ChimeBearer", &input.chime_bearer)?);
        parts.headers.insert(http::header::CONTENT_TYPE, restjson::JSON_CONTENT_TYPE.clone());
        parts.body = Bytes::from(serde_json::json!({ "Content": input.content }).to_string());
        Ok(parts)
    }

    fn parse(response: &RawResponse) -> Result<Self::Output, ResponseFailure<Self::Error>> {
        if response.status == 201 {
            return restjson::parse_json_object(&response.body).map_err(ResponseFailure::Malformed);
        }
        let (code, message, meta) = restjson::parse_error(response).into_parts();
        Err(ResponseFailure::Service(Unhandled::new(code, message, meta)))
    }
}

// ------------------------------------------------------------------ recording connector

/// A connector that records requests and answers every one with the same response, in-process.
#[derive(Clone)]
pub struct Recorder {
    pub requests: Arc<Mutex<Vec<http::Request<Bytes>>>>,
    status: u16,
    body: &'static str,
}

impl Recorder {
    pub fn answering(status: u16, body: &'static str) -> Self {
        Self { requests: Arc::default(), status, body }
    }

    pub fn uris(&self) -> Vec<String> {
        self.requests.lock().unwrap().iter().map(|r| r.uri().to_string()).collect()
    }
}

impl HttpConnector for Recorder {
    fn call(
        &self,
        request: http::Request<Bytes>,
    ) -> Pin<Box<dyn Future<Output = Result<http::Response<Bytes>, ConnectorError>> + Send + '_>> {
        self.requests.lock().unwrap().push(request);
        let response = http::Response::builder().status(self.status).body(Bytes::from_static(self.body.as_bytes()));
        Box::pin(async move { response.map_err(ConnectorError::other) })
    }
}

/// `$CHATSMITH_SHARED`, else `../shared` beside the workspace; `None` (after saying so) when
/// absent, except under `CI=true`, where `test` fails.
pub fn shared_dir(test: &str) -> Option<std::path::PathBuf> {
    let dir = match std::env::var_os("CHATSMITH_SHARED") {
        Some(dir) => std::path::PathBuf::from(dir),
        None => std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared"),
    };
    if dir.join("upstream-models/smithy").is_dir() {
        return Some(dir);
    }
    if std::env::var("CI").is_ok_and(|ci| ci == "true") {
        panic!("{test}: the shared reference data is missing at {} (set CHATSMITH_SHARED)", dir.display());
    }
    eprintln!("{test}: skipped, the shared reference data is not at {} (set CHATSMITH_SHARED)", dir.display());
    None
}
