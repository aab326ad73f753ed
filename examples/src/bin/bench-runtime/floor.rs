//! The floor: the least a client can do for the same SendMessage exchange, written by hand.
//!
//! hyper 1 with one pooled client (hyper-util's, plain HTTP/1.1 over TCP with `TCP_NODELAY`, as
//! ours), the body built with `serde_json`, a fresh v4 UUID as client token, the response body
//! read whole and parsed. No validation, no retries, no signing, no endpoint resolution, no
//! timeouts: what is left is the cost of the exchange itself, which no SDK can go below.

use bytes::Bytes;
use chatsmith_loadgen::{CONNECTION_TOKEN, Op, Subject};
use http_body_util::{BodyExt, Full};
use hyper_util::client::legacy::Client;
use hyper_util::client::legacy::connect::HttpConnector;
use hyper_util::rt::TokioExecutor;
use serde_json::{Value, json};

/// A minimal SendMessage / SendEvent client.
pub struct Floor {
    op: Op,
    client: Client<HttpConnector, Full<Bytes>>,
    uri: http::Uri,
}

impl Floor {
    /// A client for `op` sending to `endpoint` (`http://host:port`); Connect Participant
    /// operations only (the floor does not sign).
    pub fn new(op: Op, endpoint: &str) -> Result<Self, String> {
        let path = match op {
            Op::SendMessage | Op::SendMessageLong => "/participant/message",
            Op::SendEventTyping | Op::SendEventRead => "/participant/event",
            Op::SendChannelMessage | Op::SendChannelMessageLong => {
                return Err(format!("the floor client does not sign: no {}", op.label()));
            }
        };
        let uri = format!("{}{path}", endpoint.trim_end_matches('/')).parse().map_err(|e| format!("{e}"))?;
        let mut tcp = HttpConnector::new();
        tcp.set_nodelay(true);
        Ok(Self { op, client: Client::builder(TokioExecutor::new()).build(tcp), uri })
    }

    fn body(&self) -> Value {
        let token = uuid::Uuid::new_v4().to_string();
        match self.op {
            Op::SendEventTyping | Op::SendEventRead => json!({
                "ContentType": self.op.event_content_type(),
                "Content": self.op.event_content(),
                "ClientToken": token,
            }),
            _ => json!({ "ContentType": "text/plain", "Content": self.op.content(), "ClientToken": token }),
        }
    }
}

impl Subject for Floor {
    async fn call(&self) -> Result<(), String> {
        let body = serde_json::to_vec(&self.body()).map_err(|e| e.to_string())?;
        let request = http::Request::post(&self.uri)
            .header(http::header::CONTENT_TYPE, "application/json")
            .header("x-amz-bearer", CONNECTION_TOKEN)
            .body(Full::new(Bytes::from(body)))
            .map_err(|e| e.to_string())?;
        let response = self.client.request(request).await.map_err(|e| e.to_string())?;
        let status = response.status();
        let body = response.into_body().collect().await.map_err(|e| e.to_string())?.to_bytes();
        let parsed: Value = serde_json::from_slice(&body).map_err(|e| e.to_string())?;
        match parsed.get("Id").and_then(Value::as_str) {
            Some(_) if status == http::StatusCode::OK => Ok(()),
            _ => Err(format!("unexpected response {status}: {}", String::from_utf8_lossy(&body))),
        }
    }
}
