//! What is sent: the operations and their inputs, the same as the official SDK's reference
//! captures in `../shared/reference-wire/` (so that a later side-by-side run sends the same bytes).

use chatsmith_chime_sdk_messaging as chime;
use chatsmith_connectparticipant as participant;
use chime::operation::send_channel_message::SendChannelMessageError;
use chime::types::{ChannelMessagePersistenceType, ChannelMessageType};
use participant::error::SdkError;
use participant::operation::send_event::SendEventError;
use participant::operation::send_message::SendMessageError;
use std::future::Future;
use std::sync::LazyLock;

/// The connection token of the captures.
pub const CONNECTION_TOKEN: &str = "tok";
/// The message content of the captures.
pub const CONTENT: &str = "hello";
/// The channel and sender of the SendChannelMessage capture.
pub const CHANNEL_ARN: &str = "arn:aws:chime:us-east-1:123456789012:app-instance/a/channel/b";
pub const CHIME_BEARER: &str = "arn:aws:chime:us-east-1:123456789012:app-instance/a/user/u1";
/// The longest text/plain SendMessage content: 1,024 characters.
static LONG_MESSAGE: LazyLock<String> = LazyLock::new(|| text(1024));
/// The largest STANDARD SendChannelMessage content: 4 KB (4,096 bytes).
static LONG_CHANNEL_MESSAGE: LazyLock<String> = LazyLock::new(|| text(4096));

/// `len` bytes of ASCII prose.
fn text(len: usize) -> String {
    let sentence = "Thanks for waiting: your parcel left the depot this morning and arrives tomorrow. ";
    sentence.chars().cycle().take(len).collect()
}

/// The content of a read receipt.
pub const READ_RECEIPT: &str = r#"{"messageId":"8d6b3f1e-3c2a-4f7b-9e41-0c5d2a7f9b10"}"#;

/// One benchmarked call.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[allow(clippy::enum_variant_names, reason = "the variants are named after the operations")]
pub enum Op {
    /// SendMessage, `text/plain`.
    SendMessage,
    /// SendMessage, `text/plain`, 1,024 characters (the longest allowed before 2025).
    SendMessageLong,
    /// SendEvent, a typing event (no content).
    SendEventTyping,
    /// SendEvent, a read receipt (`{"messageId": ...}`, checked as JSON by validation).
    SendEventRead,
    /// SendChannelMessage, STANDARD and PERSISTENT; signed with SigV4.
    SendChannelMessage,
    /// SendChannelMessage with 4 KB of content (the STANDARD limit).
    SendChannelMessageLong,
}

impl Op {
    pub const ALL: [Op; 6] = [
        Op::SendMessage,
        Op::SendMessageLong,
        Op::SendEventTyping,
        Op::SendEventRead,
        Op::SendChannelMessage,
        Op::SendChannelMessageLong,
    ];

    /// The message content of SendMessage and SendChannelMessage.
    pub fn content(self) -> &'static str {
        match self {
            Op::SendMessageLong => &LONG_MESSAGE,
            Op::SendChannelMessageLong => &LONG_CHANNEL_MESSAGE,
            _ => CONTENT,
        }
    }

    /// The name in reports.
    pub fn label(self) -> &'static str {
        match self {
            Op::SendMessage => "SendMessage",
            Op::SendMessageLong => "SendMessage, 1,024 characters",
            Op::SendEventTyping => "SendEvent (typing)",
            Op::SendEventRead => "SendEvent (read receipt)",
            Op::SendChannelMessage => "SendChannelMessage (SigV4)",
            Op::SendChannelMessageLong => "SendChannelMessage, 4 KB (SigV4)",
        }
    }

    /// The name on the command line of a client process.
    pub fn arg(self) -> &'static str {
        match self {
            Op::SendMessage => "send-message",
            Op::SendMessageLong => "send-message-long",
            Op::SendEventTyping => "send-event-typing",
            Op::SendEventRead => "send-event-read",
            Op::SendChannelMessage => "send-channel-message",
            Op::SendChannelMessageLong => "send-channel-message-long",
        }
    }

    pub fn from_arg(arg: &str) -> Option<Op> {
        Op::ALL.into_iter().find(|op| op.arg() == arg)
    }

    /// The status and body a service answers with, for the in-process connector and the
    /// loopback server alike.
    pub fn response(self) -> (u16, &'static str) {
        match self {
            Op::SendMessage | Op::SendMessageLong => {
                (200, r#"{"Id":"8d6b3f1e-3c2a-4f7b-9e41-0c5d2a7f9b10","AbsoluteTime":"2026-11-22T03:25:58.214Z"}"#)
            }
            Op::SendEventTyping | Op::SendEventRead => {
                (200, r#"{"Id":"c2f0a9d4-7e61-4b8a-a3d5-91b4e6f20c37","AbsoluteTime":"2026-11-22T03:25:58.377Z"}"#)
            }
            Op::SendChannelMessage | Op::SendChannelMessageLong => (
                201,
                r#"{"ChannelArn":"arn:aws:chime:us-east-1:123456789012:app-instance/a/channel/b","MessageId":"6e1f7b0c9a2d4e5f8a3b1c0d9e8f7a6b","Status":{"Value":"SENT"}}"#,
            ),
        }
    }
}

/// The request id every canned response carries.
pub const REQUEST_ID: &str = "0b7c4b6e-5d33-4c7e-8f4a-3a0f6a1c2d90";

/// A client under test: sends one request of its operation and says whether it succeeded.
///
/// The loopback harness only knows this trait, so that another client (the official AWS SDK for
/// Rust, behind a cargo feature, for the side-by-side comparison) can be measured by the same
/// code against the same server.
pub trait Subject: Send + Sync + 'static {
    /// The client's name in reports (`chatsmith`).
    fn name(&self) -> &'static str;
    /// Sends one request; an error says what failed.
    fn call(&self) -> impl Future<Output = Result<(), String>> + Send;
}

/// The generated crates, used as an application would: a fluent builder per call.
#[derive(Clone, Debug)]
pub struct Chatsmith {
    op: Op,
    participant: participant::Client,
    chime: chime::Client,
}

impl Chatsmith {
    /// Clients for `op` with `config`; Chime requests are signed with fixed, fake credentials.
    pub fn new(op: Op, config: &participant::Config) -> Self {
        let chime_config = config
            .to_builder()
            .credentials(chime::client::Credentials::new("AKIDEXAMPLE", "bench-secret-access-key", None))
            .build();
        Self { op, participant: participant::Client::new(config), chime: chime::Client::new(&chime_config) }
    }

    /// The two clients.
    pub fn clients(&self) -> (&participant::Client, &chime::Client) {
        (&self.participant, &self.chime)
    }
}

impl Subject for Chatsmith {
    fn name(&self) -> &'static str {
        "chatsmith"
    }

    async fn call(&self) -> Result<(), String> {
        send(self.op, &self.participant, &self.chime).await.map_err(|e| e.to_string())
    }
}

/// Why a call failed: the operation's `SdkError`, kept as it is (making text of it would cost
/// more than some of the calls measured).
#[derive(Debug)]
pub enum Failure {
    Message(SdkError<SendMessageError>),
    Event(SdkError<SendEventError>),
    Channel(SdkError<SendChannelMessageError>),
}

impl std::fmt::Display for Failure {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Failure::Message(err) => err.fmt(f),
            Failure::Event(err) => err.fmt(f),
            Failure::Channel(err) => err.fmt(f),
        }
    }
}

/// Sends one request of `op` through the fluent builders, as an application would.
pub async fn send(op: Op, participant: &participant::Client, chime: &chime::Client) -> Result<(), Failure> {
    match op {
        Op::SendMessage | Op::SendMessageLong => participant
            .send_message()
            .content_type("text/plain")
            .content(op.content())
            .connection_token(CONNECTION_TOKEN)
            .send()
            .await
            .map(drop)
            .map_err(Failure::Message),
        Op::SendEventTyping => participant
            .send_event()
            .content_type("application/vnd.amazonaws.connect.event.typing")
            .connection_token(CONNECTION_TOKEN)
            .send()
            .await
            .map(drop)
            .map_err(Failure::Event),
        Op::SendEventRead => participant
            .send_event()
            .content_type("application/vnd.amazonaws.connect.event.message.read")
            .content(READ_RECEIPT)
            .connection_token(CONNECTION_TOKEN)
            .send()
            .await
            .map(drop)
            .map_err(Failure::Event),
        Op::SendChannelMessage | Op::SendChannelMessageLong => chime
            .send_channel_message()
            .channel_arn(CHANNEL_ARN)
            .chime_bearer(CHIME_BEARER)
            .content(op.content())
            .r#type(ChannelMessageType::Standard)
            .persistence(ChannelMessagePersistenceType::Persistent)
            .send()
            .await
            .map(drop)
            .map_err(Failure::Channel),
    }
}
