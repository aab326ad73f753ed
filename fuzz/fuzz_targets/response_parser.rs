//! Hostile responses to SendMessage: the input is split into a status, headers and a body,
//! answered by an in-process connector to `client.send_message()...send()` (validation off,
//! retries disabled). The call must end without a panic, Ok or Err.
#![no_main]

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

fn client() -> &'static (tokio::runtime::Runtime, Client) {
    static CLIENT: OnceLock<(tokio::runtime::Runtime, Client)> = OnceLock::new();
    CLIENT.get_or_init(|| {
        let rt = tokio::runtime::Builder::new_current_thread().enable_time().build().expect("a runtime");
        let config = Config::builder()
            .region("us-east-1")
            .endpoint_url("http://127.0.0.1:9")
            .validation(Validation::Off)
            .retry(RetryConfig::disabled())
            .http_connector(Canned)
            .build();
        (rt, Client::from_conf(config))
    })
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
    *RESPONSE.lock().unwrap() = Some(split(data));
    let (rt, client) = client();
    let result =
        rt.block_on(client.send_message().content_type("text/plain").content("hello").connection_token("token").send());
    match result {
        Ok(output) => {
            let _ = format!("{output:?}");
        }
        Err(err) => {
            // Error text and chain must be producible without a panic.
            let _ = format!("{err} {err:?}");
            let mut source = std::error::Error::source(&err);
            while let Some(s) = source {
                let _ = s.to_string();
                source = s.source();
            }
        }
    }
});
