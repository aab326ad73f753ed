//! The benchmarked calls through the official AWS SDK for Rust, shared by the loopback client
//! process (`client-official`) and the in-process criterion benchmark (`bench-micro`), so that
//! both send exactly what [`Op`] says, with the same inputs as ours
//! (`chatsmith_loadgen::chatsmith::send`), through the SDK's fluent builders.
#![forbid(unsafe_code)]

use aws_sdk_chimesdkmessaging as chime;
use aws_sdk_connectparticipant as participant;
use chatsmith_loadgen::{CHANNEL_ARN, CHIME_BEARER, CONNECTION_TOKEN, Op};
use chime::operation::send_channel_message::{SendChannelMessageError, SendChannelMessageOutput};
use chime::types::{ChannelMessagePersistenceType, ChannelMessageType};
use participant::error::SdkError;
use participant::operation::send_event::{SendEventError, SendEventOutput};
use participant::operation::send_message::{SendMessageError, SendMessageOutput};

/// What a call returned, kept whole so that timing includes dropping it, as an application would.
#[derive(Debug)]
pub enum Reply {
    Message(SendMessageOutput),
    Event(SendEventOutput),
    Channel(SendChannelMessageOutput),
}

/// Why a call failed, kept whole.
#[derive(Debug)]
pub enum Failure {
    Message(SdkError<SendMessageError>),
    Event(SdkError<SendEventError>),
    Channel(SdkError<SendChannelMessageError>),
}

impl std::fmt::Display for Failure {
    /// With the error's sources: this SDK's own `Display` is a bare kind ("service error").
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        use chime::error::DisplayErrorContext;
        match self {
            Failure::Message(err) => write!(f, "SendMessage failed: {}", DisplayErrorContext(err)),
            Failure::Event(err) => write!(f, "SendEvent failed: {}", DisplayErrorContext(err)),
            Failure::Channel(err) => write!(f, "SendChannelMessage failed: {}", DisplayErrorContext(err)),
        }
    }
}

/// Sends one request of `op`.
pub async fn send(op: Op, participant: &participant::Client, chime: &chime::Client) -> Result<Reply, Failure> {
    match op {
        Op::SendMessage | Op::SendMessageLong => participant
            .send_message()
            .content_type("text/plain")
            .content(op.content())
            .connection_token(CONNECTION_TOKEN)
            .send()
            .await
            .map(Reply::Message)
            .map_err(Failure::Message),
        Op::SendEventTyping | Op::SendEventRead => participant
            .send_event()
            .content_type(op.event_content_type())
            .set_content(op.event_content().map(str::to_owned))
            .connection_token(CONNECTION_TOKEN)
            .send()
            .await
            .map(Reply::Event)
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
            .map(Reply::Channel)
            .map_err(Failure::Channel),
    }
}
