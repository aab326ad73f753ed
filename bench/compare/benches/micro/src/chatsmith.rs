//! Our generated crates, used as `examples/src/bin/bench-runtime/workload.rs` (the loopback
//! benchmark) uses them: a fluent builder per call.

use crate::{Connector, Outcome, REFUSED, RESPONSE_CONTENT_TYPE, Sent, chain_mentions};
use chatsmith_chime_sdk_messaging as chime;
use chatsmith_connectparticipant as participant;
use chatsmith_loadgen::chatsmith::{Failure, Reply, send};
use chatsmith_loadgen::{
    ACCESS_KEY_ID, CHANNEL_ARN, CHIME_BEARER, CONNECTION_TOKEN, Op, REGION, REQUEST_ID, SECRET_ACCESS_KEY,
};
use chatsmith_runtime::client::{ConnectorError, Credentials, HttpConnector, RetryConfig, SdkError};
use chatsmith_runtime::protocol::{bytes, http};
use chatsmith_runtime::{BuildError, Validate};
use chime::operation::send_channel_message::SendChannelMessageInput;
use chime::types::{ChannelMessagePersistenceType, ChannelMessageType};
use participant::operation::send_event::SendEventInput;
use participant::operation::send_message::SendMessageInput;
use std::future::Future;
use std::hint::black_box;
use std::pin::Pin;
use std::sync::{Arc, Mutex};

/// The built input of one operation, for timing `validate()` alone.
#[derive(Debug)]
#[allow(clippy::large_enum_variant, reason = "one per benchmark, built once and never moved while timed")]
pub enum Input {
    Message(SendMessageInput),
    Event(SendEventInput),
    Channel(SendChannelMessageInput),
}

impl Input {
    /// The input of `op`, built as an application builds it.
    pub fn build(op: Op) -> Result<Self, BuildError> {
        Ok(match op {
            Op::SendMessage | Op::SendMessageLong => Input::Message(
                SendMessageInput::builder()
                    .content_type("text/plain")
                    .content(op.content())
                    .connection_token(CONNECTION_TOKEN)
                    .build()?,
            ),
            Op::SendEventTyping | Op::SendEventRead => Input::Event(
                SendEventInput::builder()
                    .content_type(op.event_content_type())
                    .set_content(op.event_content().map(str::to_owned))
                    .connection_token(CONNECTION_TOKEN)
                    .build()?,
            ),
            Op::SendChannelMessage | Op::SendChannelMessageLong => Input::Channel(
                SendChannelMessageInput::builder()
                    .channel_arn(CHANNEL_ARN)
                    .chime_bearer(CHIME_BEARER)
                    .content(op.content())
                    .r#type(ChannelMessageType::Standard)
                    .persistence(ChannelMessagePersistenceType::Persistent)
                    .build()?,
            ),
        })
    }

    /// Checks every constraint of the model; the error text lists the violations.
    pub fn validate(&self) -> Result<(), String> {
        match self {
            Input::Message(input) => input.validate(),
            Input::Event(input) => input.validate(),
            Input::Channel(input) => input.validate(),
        }
        .map_err(|e| e.to_string())
    }
}

/// Both clients, configured like an application's: region, retries off (one attempt per call),
/// Chime signed with static credentials, Connect Participant unsigned (its operations take the
/// connection token instead).
#[derive(Clone, Debug)]
pub struct Clients {
    participant: participant::Client,
    chime: chime::Client,
}

impl Clients {
    pub fn new(op: Op, connector: Connector) -> Self {
        match connector {
            Connector::Refuse => Self::with(Refuse),
            Connector::Answer => Self::with(Answer::new(op)),
        }
    }

    fn with(connector: impl HttpConnector) -> Self {
        let config = participant::Config::builder()
            .region(REGION)
            .retry(RetryConfig::disabled())
            .http_connector(connector)
            .build();
        let chime_config =
            config.to_builder().credentials(Credentials::new(ACCESS_KEY_ID, SECRET_ACCESS_KEY, None)).build();
        Self { participant: participant::Client::new(&config), chime: chime::Client::new(&chime_config) }
    }

    /// The request these clients send for `op`, caught by a connector that then refuses it.
    pub async fn sent(op: Op) -> Result<Sent, String> {
        let record = Record::default();
        let caught = Arc::clone(&record.0);
        let result = Self::with(record).send(op).await;
        let request = caught.lock().map_err(|_| "the recording connector panicked")?.take();
        let request = request.ok_or_else(|| format!("{}: chatsmith sent nothing: {result:?}", op.label()))?;
        let header = |name: &str| request.headers().get(name).and_then(|v| v.to_str().ok()).map(str::to_owned);
        Sent::new(request.method().as_str(), &request.uri().to_string(), header, request.body())
    }

    /// Sends one request of `op` through the fluent builder.
    pub async fn send(&self, op: Op) -> Result<Reply, Failure> {
        send(op, &self.participant, &self.chime).await
    }

    /// Sends one request and checks that it ended as `connector` intends (see [`crate::expect`]).
    pub async fn check(&self, op: Op, connector: Connector) -> Result<(), String> {
        let result = self.send(op).await;
        let outcome = match &result {
            Ok(Reply::Message(out)) => Outcome::Parsed(out.id()),
            Ok(Reply::Event(out)) => Outcome::Parsed(out.id()),
            Ok(Reply::Channel(out)) => Outcome::Parsed(out.message_id()),
            Err(Failure::Message(err)) => outcome_of(err),
            Err(Failure::Event(err)) => outcome_of(err),
            Err(Failure::Channel(err)) => outcome_of(err),
        };
        crate::expect(op, "chatsmith", connector, outcome)
    }
}

fn outcome_of<E: std::error::Error + 'static>(err: &SdkError<E>) -> Outcome<'static> {
    match err {
        SdkError::Dispatch(dispatch)
            if dispatch.attempts() == 1 && chain_mentions(dispatch.connector_error(), REFUSED) =>
        {
            Outcome::Refused
        }
        other => Outcome::Failed(format!("{other} ({other:?})")),
    }
}

type ConnectorFuture<'a> =
    Pin<Box<dyn Future<Output = Result<http::Response<bytes::Bytes>, ConnectorError>> + Send + 'a>>;

/// Fails every request at once, as if no connection could be made.
#[derive(Debug)]
struct Refuse;

impl HttpConnector for Refuse {
    fn call(&self, request: http::Request<bytes::Bytes>) -> ConnectorFuture<'_> {
        black_box(request);
        Box::pin(std::future::ready(Err(ConnectorError::connect(REFUSED))))
    }
}

/// Keeps the request, then refuses it.
#[derive(Debug, Default)]
struct Record(Arc<Mutex<Option<http::Request<bytes::Bytes>>>>);

impl HttpConnector for Record {
    fn call(&self, request: http::Request<bytes::Bytes>) -> ConnectorFuture<'_> {
        if let Ok(mut caught) = self.0.lock() {
            *caught = Some(request);
        }
        Box::pin(std::future::ready(Err(ConnectorError::connect(REFUSED))))
    }
}

/// Answers every request at once with the operation's canned response.
#[derive(Debug)]
struct Answer {
    status: http::StatusCode,
    headers: http::HeaderMap,
    body: bytes::Bytes,
}

impl Answer {
    fn new(op: Op) -> Self {
        let (status, body) = op.response();
        let mut headers = http::HeaderMap::new();
        headers.insert(http::header::CONTENT_TYPE, http::HeaderValue::from_static(RESPONSE_CONTENT_TYPE));
        headers.insert("x-amzn-requestid", http::HeaderValue::from_static(REQUEST_ID));
        headers.insert(http::header::CONTENT_LENGTH, http::HeaderValue::from(body.len()));
        let status = http::StatusCode::from_u16(status).expect("the canned responses have valid statuses");
        Self { status, headers, body: bytes::Bytes::from_static(body.as_bytes()) }
    }
}

impl HttpConnector for Answer {
    fn call(&self, request: http::Request<bytes::Bytes>) -> ConnectorFuture<'_> {
        black_box(request);
        let mut response = http::Response::new(self.body.clone());
        *response.status_mut() = self.status;
        *response.headers_mut() = self.headers.clone();
        Box::pin(std::future::ready(Ok(response)))
    }
}
