//! Hostile responses to every generated operation (SendMessage, SendEvent, SendChannelMessage):
//! the first input byte picks the operation, the rest is split into a status, headers and a
//! body, answered by an in-process connector to the operation's `send()` (validation off,
//! retries disabled). The call must end without a panic, Ok or Err.
#![no_main]

use chatsmith_chime_sdk_messaging as chime;
use chatsmith_connectparticipant::Client;
use chatsmith_connectparticipant::client::bytes::Bytes;
use chatsmith_connectparticipant::client::http;
use chatsmith_connectparticipant::client::{Config, ConnectorError, HttpConnector, RetryConfig, Validation};
use libfuzzer_sys::fuzz_target;
use std::future::Future;
use std::pin::Pin;
use std::sync::{Mutex, OnceLock};

/// The response the connector gives (set before each call).
static RESPONSE: Mutex<Option<(u16, Vec<(Vec<u8>, Vec<u8>)>, Vec<u8>)>> = Mutex::new(None);

struct Canned;

impl HttpConnector for Canned {
    fn call(
        &self,
        _request: http::Request<Bytes>,
    ) -> Pin<Box<dyn Future<Output = Result<http::Response<Bytes>, ConnectorError>> + Send + '_>> {
        let (status, headers, body) = RESPONSE.lock().unwrap().clone().expect("a response is set");
        Box::pin(async move {
            let mut response = http::Response::builder().status(status);
            for (name, value) in headers {
                let (Ok(name), Ok(value)) =
                    (http::HeaderName::from_bytes(&name), http::HeaderValue::from_bytes(&value))
                else {
                    continue; // not representable in `http`; a real server's would be refused by hyper
                };
                response = response.header(name, value);
            }
            response.body(Bytes::from(body)).map_err(ConnectorError::other)
        })
    }
}

type Clients = (tokio::runtime::Runtime, Client, chime::Client);

fn clients() -> &'static Clients {
    static CLIENTS: OnceLock<Clients> = OnceLock::new();
    CLIENTS.get_or_init(|| {
        let rt = tokio::runtime::Builder::new_current_thread().enable_time().build().expect("a runtime");
        let config = Config::builder()
            .region("us-east-1")
            .endpoint_url("http://127.0.0.1:9")
            .validation(Validation::Off)
            .retry(RetryConfig::disabled())
            .http_connector(Canned)
            .build();
        let chime_config = config.to_builder().credentials(chime::client::Credentials::new("AKID", "SECRET", None)).build();
        (rt, Client::from_conf(config), chime::Client::from_conf(chime_config))
    })
}

/// The text, debug form and whole source chain of any outcome must be producible without a panic.
fn exercise<T: std::fmt::Debug, E: std::error::Error>(result: Result<T, E>) {
    match result {
        Ok(output) => {
            let _ = format!("{output:?}");
        }
        Err(err) => {
            let _ = format!("{err} {err:?}");
            let mut source = err.source();
            while let Some(s) = source {
                let _ = s.to_string();
                source = s.source();
            }
        }
    }
}

/// Splits the input: 2 bytes of status (100..=999), then header lines up to a `\n\n`, each
/// `name:value`, then the body.
fn split(data: &[u8]) -> (u16, Vec<(Vec<u8>, Vec<u8>)>, Vec<u8>) {
    let (status, rest) = match data {
        [a, b, rest @ ..] => (100 + (u16::from_le_bytes([*a, *b]) % 900), rest),
        _ => (200, data),
    };
    let (head, body) = match rest.windows(2).position(|w| w == b"\n\n") {
        Some(i) => (&rest[..i], &rest[i + 2..]),
        None => (&rest[..0], rest),
    };
    let headers = head
        .split(|&b| b == b'\n')
        .filter_map(|line| {
            let i = line.iter().position(|&b| b == b':')?;
            Some((line[..i].to_vec(), line[i + 1..].to_vec()))
        })
        .collect();
    (status, headers, body.to_vec())
}

fuzz_target!(|data: &[u8]| {
    let Some((&which, data)) = data.split_first() else { return };
    *RESPONSE.lock().unwrap() = Some(split(data));
    let (rt, connect, chime) = clients();
    match which % 3 {
        0 => exercise(rt.block_on(
            connect.send_message().content_type("text/plain").content("hello").connection_token("token").send(),
        )),
        1 => exercise(rt.block_on(
            connect
                .send_event()
                .content_type("application/vnd.amazonaws.connect.event.typing")
                .connection_token("token")
                .send(),
        )),
        _ => exercise(rt.block_on(
            chime
                .send_channel_message()
                .channel_arn("arn:aws:chime:us-east-1:111122223333:app-instance/a/channel/b")
                .content("hello")
                .r#type(chime::types::ChannelMessageType::Standard)
                .persistence(chime::types::ChannelMessagePersistenceType::Persistent)
                .chime_bearer("arn:aws:chime:us-east-1:111122223333:app-instance/a/user/c")
                .send(),
        )),
    }
});
