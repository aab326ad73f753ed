//! The official AWS SDK for Rust, configured through aws-config as an application configures
//! it, with an in-process HTTP client plugged in through `http_client(...)`.

use crate::{Connector, Outcome, REFUSED, RESPONSE_CONTENT_TYPE, Sent, chain_mentions};
use aws_config::retry::RetryConfig;
use aws_config::{BehaviorVersion, Region, SdkConfig};
use aws_sdk_chimesdkmessaging as chime;
use aws_sdk_connectparticipant as participant;
use aws_smithy_runtime_api::client::http::{
    HttpClient, HttpConnector, HttpConnectorFuture, HttpConnectorSettings, SharedHttpConnector,
};
use aws_smithy_runtime_api::client::orchestrator::{HttpRequest, HttpResponse};
use aws_smithy_runtime_api::client::result::{ConnectorError, SdkError};
use aws_smithy_runtime_api::client::runtime_components::RuntimeComponents;
use aws_smithy_runtime_api::http::{Headers, StatusCode};
use aws_smithy_types::body::SdkBody;
use chatsmith_loadgen::{ACCESS_KEY_ID, Op, REGION, REQUEST_ID, SECRET_ACCESS_KEY};
use chatsmith_runtime::protocol::bytes::Bytes;
use client_official::{Failure, Reply, send};
use std::hint::black_box;
use std::sync::{Arc, Mutex};

/// Both clients, configured like ours ([`crate::chatsmith::Clients`]): region, retries off (one
/// attempt per call), Chime signed with static credentials.
///
/// The Connect Participant client gets no AWS credentials, as a participant app (a chat widget,
/// a mobile app) has none: its operations authenticate with the connection token. This SDK then
/// needs `allow_no_auth()` to send them, unsigned, like ours (without it every call fails with
/// "no matching auth scheme"; with credentials it would sign them for `execute-api`, see
/// `../shared/reference-wire/README.md`).
#[derive(Clone, Debug)]
pub struct Clients {
    participant: participant::Client,
    chime: chime::Client,
}

impl Clients {
    pub async fn new(op: Op, connector: Connector) -> Self {
        match connector {
            Connector::Refuse => Self::with(SharedHttpConnector::new(Refuse)).await,
            Connector::Answer => Self::with(SharedHttpConnector::new(Answer::new(op))).await,
        }
    }

    async fn with(connector: SharedHttpConnector) -> Self {
        let http_client = InProcess(connector);
        let loader = || {
            aws_config::defaults(BehaviorVersion::latest())
                .region(Region::new(REGION))
                .retry_config(RetryConfig::disabled())
                .http_client(http_client.clone())
        };
        let participant_config: SdkConfig = loader().no_credentials().load().await;
        let credentials = chime::config::Credentials::new(ACCESS_KEY_ID, SECRET_ACCESS_KEY, None, None, "bench-micro");
        let chime_config: SdkConfig = loader().credentials_provider(credentials).load().await;
        let participant_config = participant::config::Builder::from(&participant_config).allow_no_auth().build();
        Self {
            participant: participant::Client::from_conf(participant_config),
            chime: chime::Client::new(&chime_config),
        }
    }

    /// The request these clients send for `op`, caught by a connector that then refuses it.
    pub async fn sent(op: Op) -> Result<Sent, String> {
        let record = Record::default();
        let caught = Arc::clone(&record.0);
        let result = Self::with(SharedHttpConnector::new(record)).await.send(op).await;
        let request = caught.lock().map_err(|_| "the recording connector panicked")?.take();
        let request = request.ok_or_else(|| format!("{}: the official SDK sent nothing: {result:?}", op.label()))?;
        let header = |name: &str| request.headers().get(name).map(str::to_owned);
        let body =
            request.body().bytes().ok_or_else(|| format!("{}: the official SDK streamed the body", op.label()))?;
        Sent::new(request.method(), request.uri(), header, body)
    }

    /// Sends one request of `op` through the fluent builder, with the inputs ours sends.
    pub async fn send(&self, op: Op) -> Result<Reply, Failure> {
        send(op, &self.participant, &self.chime).await
    }

    /// Sends one request and checks that it ended as `connector` intends (see [`crate::expect`]).
    pub async fn check(&self, op: Op, connector: Connector) -> Result<(), String> {
        let result = self.send(op).await;
        let outcome = match &result {
            Ok(Reply::Message(out)) => Outcome::Parsed(out.id()),
            Ok(Reply::Event(out)) => Outcome::Parsed(out.id()),
            Ok(Reply::Channel(out)) => Outcome::Parsed(out.message_id()),
            Err(Failure::Message(err)) => outcome_of(err),
            Err(Failure::Event(err)) => outcome_of(err),
            Err(Failure::Channel(err)) => outcome_of(err),
        };
        crate::expect(op, "official", connector, outcome)
    }
}

fn outcome_of<E: std::error::Error + 'static>(err: &SdkError<E, HttpResponse>) -> Outcome<'static> {
    match err {
        SdkError::DispatchFailure(dispatch)
            if dispatch.as_connector_error().is_some_and(|e| e.is_io() && chain_mentions(e, REFUSED)) =>
        {
            Outcome::Refused
        }
        // `Display` of this SDK's errors is a bare kind ("dispatch failure"): Debug says why.
        other => Outcome::Failed(format!("{other} ({other:?})")),
    }
}

/// The HTTP client handed to the SDK: always the same in-process connector.
#[derive(Clone, Debug)]
struct InProcess(SharedHttpConnector);

impl HttpClient for InProcess {
    fn http_connector(
        &self,
        _settings: &HttpConnectorSettings,
        _components: &RuntimeComponents,
    ) -> SharedHttpConnector {
        self.0.clone()
    }
}

/// Fails every request at once, as if no connection could be made (an I/O error, as this SDK's
/// own client reports a refused connection).
#[derive(Debug)]
struct Refuse;

impl HttpConnector for Refuse {
    fn call(&self, request: HttpRequest) -> HttpConnectorFuture {
        black_box(request);
        HttpConnectorFuture::ready(Err(ConnectorError::io(REFUSED.into())))
    }
}

/// Keeps the request, then refuses it.
#[derive(Debug, Default)]
struct Record(Arc<Mutex<Option<HttpRequest>>>);

impl HttpConnector for Record {
    fn call(&self, request: HttpRequest) -> HttpConnectorFuture {
        if let Ok(mut caught) = self.0.lock() {
            *caught = Some(request);
        }
        HttpConnectorFuture::ready(Err(ConnectorError::io(REFUSED.into())))
    }
}

/// Answers every request at once with the operation's canned response.
#[derive(Debug)]
struct Answer {
    status: StatusCode,
    headers: Headers,
    body: Bytes,
}

impl Answer {
    fn new(op: Op) -> Self {
        let (status, body) = op.response();
        let mut headers = Headers::new();
        headers.insert("content-type", RESPONSE_CONTENT_TYPE);
        headers.insert("x-amzn-requestid", REQUEST_ID);
        headers.insert("content-length", body.len().to_string());
        let status = StatusCode::try_from(status).expect("the canned responses have valid statuses");
        Self { status, headers, body: Bytes::from_static(body.as_bytes()) }
    }
}

impl HttpConnector for Answer {
    fn call(&self, request: HttpRequest) -> HttpConnectorFuture {
        black_box(request);
        let mut response = HttpResponse::new(self.status, SdkBody::from(self.body.clone()));
        *response.headers_mut() = self.headers.clone();
        HttpConnectorFuture::ready(Ok(response))
    }
}
