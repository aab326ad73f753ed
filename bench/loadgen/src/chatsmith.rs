//! The benchmarked calls through our generated crates, shared by every benchmark that measures
//! them (the loopback client process and the in-process criterion benchmark), so that all of
//! them send exactly what [`Op`] says, the way an application does: a fluent builder per call.

use crate::{CHANNEL_ARN, CHIME_BEARER, CONNECTION_TOKEN, Op};
use chatsmith_chime_sdk_messaging as chime;
use chatsmith_connectparticipant as participant;
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

/// Why a call failed: the operation's `SdkError`, kept whole (making text of it would cost more
/// than some of the calls measured).
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
