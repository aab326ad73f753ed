//! How our generated crates send the benchmarked operations (the inputs are those of
//! [`chatsmith_loadgen::Op`], the same for every client measured).

use chatsmith_chime_sdk_messaging as chime;
use chatsmith_connectparticipant as participant;
use chatsmith_loadgen::{ACCESS_KEY_ID, CHANNEL_ARN, CHIME_BEARER, CONNECTION_TOKEN, Op, SECRET_ACCESS_KEY, Subject};
use chime::operation::send_channel_message::SendChannelMessageError;
use chime::types::{ChannelMessagePersistenceType, ChannelMessageType};
use participant::error::SdkError;
use participant::operation::send_event::SendEventError;
use participant::operation::send_message::SendMessageError;

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
            .credentials(chime::client::Credentials::new(ACCESS_KEY_ID, SECRET_ACCESS_KEY, None))
            .build();
        Self { op, participant: participant::Client::new(config), chime: chime::Client::new(&chime_config) }
    }
}

impl Subject for Chatsmith {
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
        Op::SendEventTyping | Op::SendEventRead => participant
            .send_event()
            .content_type(op.event_content_type())
            .set_content(op.event_content().map(str::to_owned))
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
