//! In-process measurements: what the client costs per call, without network or server.
//!
//! The generated crates keep their serializers and parsers private (`protocol::*` and the
//! `Operation` impls are `pub(crate)`), so serialization and parsing cannot be timed alone.
//! Instead the whole `send()` is timed with two connectors that answer without any I/O:
//!
//! - `Refuse` fails every request at once: the time is building, validating, filling the
//!   idempotency token, serializing, resolving the endpoint, adding headers and signing
//!   (SigV4 for Chime), i.e. everything up to the wire, plus making the (cheap) error;
//! - `Answer` returns the operation's canned response at once: the same plus parsing it.
//!
//! `Answer - Refuse` is then, roughly, response handling.

use crate::timer::{Timer, Timing};
use crate::workload::{self, CHANNEL_ARN, CHIME_BEARER, CONNECTION_TOKEN, Op, READ_RECEIPT, REQUEST_ID};
use bytes::Bytes;
use chatsmith_chime_sdk_messaging as chime;
use chatsmith_connectparticipant as participant;
use chatsmith_runtime::client::{ConnectorError, HttpConnector};
use participant::client::{Config, RetryConfig};
use participant::error::Validate;
use std::future::Future;
use std::hint::black_box;
use std::pin::Pin;

/// The in-process figures of one operation.
#[derive(Debug)]
pub struct MicroResult {
    pub op: Op,
    /// `Input::builder()...build()` then `validate()`.
    pub build_validate: Timing,
    /// `validate()` of a built input.
    pub validate: Timing,
    /// `send()` through a connector that refuses at once.
    pub request: Timing,
    /// `send()` through a connector that answers at once.
    pub round_trip: Timing,
}

/// Times every operation.
pub fn run(timer: &Timer) -> Result<Vec<MicroResult>, String> {
    let rt = tokio::runtime::Builder::new_current_thread().enable_all().build().map_err(|e| e.to_string())?;
    Op::ALL
        .into_iter()
        .map(|op| {
            eprintln!("  in process: {}", op.label());
            let (build_validate, validate) = build_and_validate(op, timer)?;
            let request = send(&rt, op, timer, Connector::Refuse)?;
            let round_trip = send(&rt, op, timer, Connector::Answer)?;
            Ok(MicroResult { op, build_validate, validate, request, round_trip })
        })
        .collect()
}

fn build_and_validate(op: Op, timer: &Timer) -> Result<(Timing, Timing), String> {
    use chime::operation::send_channel_message::SendChannelMessageInput;
    use chime::types::{ChannelMessagePersistenceType, ChannelMessageType};
    use participant::operation::send_event::SendEventInput;
    use participant::operation::send_message::SendMessageInput;

    // Each closure builds the input as an application would (strings copied in), validates it,
    // and panics if the benchmark input were invalid (then the figures would be meaningless).
    fn both<I: Validate>(
        timer: &Timer,
        build: impl Fn() -> Result<I, participant::error::BuildError>,
    ) -> Result<(Timing, Timing), String> {
        let input = build().map_err(|e| e.to_string())?;
        input.validate().map_err(|e| e.to_string())?;
        let build_validate = timer.time(|| {
            let input = build().expect("valid benchmark input");
            black_box(input.validate()).expect("valid benchmark input");
            black_box(input);
        });
        let validate = timer.time(|| {
            black_box(black_box(&input).validate()).expect("valid benchmark input");
        });
        Ok((build_validate, validate))
    }

    match op {
        Op::SendMessage | Op::SendMessageLong => both(timer, || {
            SendMessageInput::builder()
                .content_type("text/plain")
                .content(op.content())
                .connection_token(CONNECTION_TOKEN)
                .build()
        }),
        Op::SendEventTyping => both(timer, || {
            SendEventInput::builder()
                .content_type("application/vnd.amazonaws.connect.event.typing")
                .connection_token(CONNECTION_TOKEN)
                .build()
        }),
        Op::SendEventRead => both(timer, || {
            SendEventInput::builder()
                .content_type("application/vnd.amazonaws.connect.event.message.read")
                .content(READ_RECEIPT)
                .connection_token(CONNECTION_TOKEN)
                .build()
        }),
        Op::SendChannelMessage | Op::SendChannelMessageLong => both(timer, || {
            SendChannelMessageInput::builder()
                .channel_arn(CHANNEL_ARN)
                .chime_bearer(CHIME_BEARER)
                .content(op.content())
                .r#type(ChannelMessageType::Standard)
                .persistence(ChannelMessagePersistenceType::Persistent)
                .build()
        }),
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Connector {
    Refuse,
    Answer,
}

fn send(rt: &tokio::runtime::Runtime, op: Op, timer: &Timer, connector: Connector) -> Result<Timing, String> {
    let config = Config::builder().region("us-east-1");
    let config = match connector {
        // One attempt: a refused request would otherwise be retried after a backoff.
        Connector::Refuse => config.retry(RetryConfig::disabled()).http_connector(Refuse),
        Connector::Answer => config.http_connector(Answer::new(op)),
    }
    .build();
    let subject = workload::Chatsmith::new(op, &config);
    let (participant, chime) = subject.clients();
    rt.block_on(async {
        // Check once that the call ends as intended, else the timing would measure something else.
        let result = workload::send(op, participant, chime).await;
        let expected = match (connector, &result) {
            (Connector::Answer, Ok(())) => true,
            (Connector::Refuse, Err(e)) => e.to_string().contains("refused by the benchmark"),
            _ => false,
        };
        if !expected {
            return Err(format!("{}: unexpected result of send() with {connector:?}: {result:?}", op.label()));
        }
        Ok(timer
            .time_async(async || {
                let _ = black_box(workload::send(op, participant, chime).await);
            })
            .await)
    })
}

/// Fails every request at once, as if no connection could be made.
struct Refuse;

impl HttpConnector for Refuse {
    fn call(
        &self,
        request: http::Request<Bytes>,
    ) -> Pin<Box<dyn Future<Output = Result<http::Response<Bytes>, ConnectorError>> + Send + '_>> {
        black_box(request);
        Box::pin(std::future::ready(Err(ConnectorError::other("refused by the benchmark"))))
    }
}

/// Answers every request at once with the operation's canned response.
struct Answer {
    status: http::StatusCode,
    headers: http::HeaderMap,
    body: Bytes,
}

impl Answer {
    fn new(op: Op) -> Self {
        let (status, body) = op.response();
        let mut headers = http::HeaderMap::new();
        headers.insert(http::header::CONTENT_TYPE, http::HeaderValue::from_static("application/json"));
        headers.insert("x-amzn-requestid", http::HeaderValue::from_static(REQUEST_ID));
        headers.insert(http::header::CONTENT_LENGTH, http::HeaderValue::from(body.len()));
        Self {
            status: http::StatusCode::from_u16(status).unwrap_or(http::StatusCode::OK),
            headers,
            body: Bytes::from_static(body.as_bytes()),
        }
    }
}

impl HttpConnector for Answer {
    fn call(
        &self,
        request: http::Request<Bytes>,
    ) -> Pin<Box<dyn Future<Output = Result<http::Response<Bytes>, ConnectorError>> + Send + '_>> {
        black_box(request);
        let mut response = http::Response::new(self.body.clone());
        *response.status_mut() = self.status;
        *response.headers_mut() = self.headers.clone();
        Box::pin(std::future::ready(Ok(response)))
    }
}
