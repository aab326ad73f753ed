//! With every log event of every dependency captured at `trace` level, no secret appears: not
//! the connection token, the AWS secret key, the session token, nor a `@sensitive` message body.

use chatsmith_chime_sdk_messaging as chime;
use chatsmith_connectparticipant as connect;
use chime::client::test_util::{FakeResponse, FakeService};
use chime::types::{ChannelMessagePersistenceType, ChannelMessageType};
use std::io::Write;
use std::sync::{Arc, Mutex};

const CONNECTION_TOKEN: &str = "CONNECTION-TOKEN-MARKER-7731";
const SECRET_KEY: &str = "SECRET-KEY-MARKER-0042";
const SESSION_TOKEN: &str = "SESSION-TOKEN-MARKER-9910";
const CONTENT: &str = "SENSITIVE-CONTENT-MARKER-5150";

/// Every formatted log line, kept in memory.
#[derive(Clone, Default)]
struct Captured(Arc<Mutex<Vec<u8>>>);

impl Write for Captured {
    fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
        self.0.lock().unwrap().extend_from_slice(bytes);
        Ok(bytes.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

#[tokio::test(flavor = "current_thread")]
async fn no_secret_reaches_the_logs() {
    let captured = Captured::default();
    let writer = captured.clone();
    let subscriber = tracing_subscriber::fmt()
        .with_max_level(tracing::Level::TRACE)
        .with_ansi(false)
        .with_writer(move || writer.clone())
        .finish();
    let _guard = tracing::subscriber::set_default(subscriber);

    let fake = FakeService::start().await;
    fake.enqueue(FakeResponse::json(201, r#"{"MessageId":"m-1"}"#));
    fake.enqueue(FakeResponse::json(200, r#"{"Id":"m-2"}"#));
    let credentials = chime::client::Credentials::new("AKIDEXAMPLE", SECRET_KEY, Some(SESSION_TOKEN.to_owned()));
    let chime_client = chime::Client::new(
        &chime::Config::builder()
            .region("us-east-1")
            .endpoint_url(fake.endpoint_url())
            .credentials(credentials)
            .build(),
    );
    chime_client
        .send_channel_message()
        .channel_arn("arn:aws:chime:us-east-1:111122223333:app-instance/a/channel/b")
        .content(CONTENT)
        .r#type(ChannelMessageType::Standard)
        .persistence(ChannelMessagePersistenceType::Persistent)
        .chime_bearer("arn:aws:chime:us-east-1:111122223333:app-instance/a/user/c")
        .send()
        .await
        .expect("a signed send");
    let connect_client =
        connect::Client::new(&connect::Config::builder().region("us-east-1").endpoint_url(fake.endpoint_url()).build());
    connect_client
        .send_message()
        .content_type("text/plain")
        .content(CONTENT)
        .connection_token(CONNECTION_TOKEN)
        .send()
        .await
        .expect("a bearer send");

    let logs = String::from_utf8(captured.0.lock().unwrap().clone()).unwrap();
    assert!(logs.contains("hyper_util::client"), "the capture works: hyper-util's trace events are here:\n{logs}");
    for secret in [CONNECTION_TOKEN, SECRET_KEY, SESSION_TOKEN, CONTENT] {
        assert!(!logs.contains(secret), "{secret} is in the logs:\n{logs}");
    }
}
