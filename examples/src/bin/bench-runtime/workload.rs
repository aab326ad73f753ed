//! Our generated crates as a loopback client (the calls themselves are
//! [`chatsmith_loadgen::chatsmith::send`], shared with the in-process benchmark).

use chatsmith_chime_sdk_messaging as chime;
use chatsmith_connectparticipant as participant;
use chatsmith_loadgen::{ACCESS_KEY_ID, Op, SECRET_ACCESS_KEY, Subject, chatsmith};

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
        chatsmith::send(self.op, &self.participant, &self.chime).await.map(drop).map_err(|e| e.to_string())
    }
}
