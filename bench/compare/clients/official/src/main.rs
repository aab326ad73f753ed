//! `client-official`: the official AWS SDK for Rust as a loopback client process of
//! `chatsmith-loadgen`, measured beside ours by `bench-runtime --official PATH`.
//!
//! ```sh
//! client-official --client official --operation OP --endpoint URL --tasks N --requests N --warmup N
//! ```
//!
//! It sends the same inputs as our client (the calls are in this package's library), through the
//! SDK's fluent builders, configured with `aws-config` as a user of that SDK would.
#![forbid(unsafe_code)]

use aws_config::{BehaviorVersion, Region};
use aws_sdk_chimesdkmessaging as chime;
use aws_sdk_connectparticipant as participant;
use chatsmith_loadgen::{ACCESS_KEY_ID, ClientArgs, Op, REGION, SECRET_ACCESS_KEY, Subject, run_client};
use chime::config::Credentials;
use std::process::ExitCode;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let result = ClientArgs::parse(&args).and_then(|args| match args.client.as_str() {
        "official" => run_client(&args, || Official::connect(args.workload.op, &args.endpoint)),
        other => Err(format!("unknown client {other:?}; this executable has official")),
    });
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("client-official: {message}");
            ExitCode::FAILURE
        }
    }
}

/// The official SDK's clients for one operation.
#[derive(Clone, Debug)]
struct Official {
    op: Op,
    participant: participant::Client,
    chime: chime::Client,
}

impl Official {
    /// Loads the configuration once, before anything is measured.
    ///
    /// Both configurations set the region and the endpoint, so no provider chain looks for them
    /// (no IMDS request, at start or later). Chime is signed with fixed static credentials.
    ///
    /// Connect Participant calls are authorized by the connection token, and a participant-facing
    /// application has no AWS credentials to give: configured with `no_credentials` and
    /// `allow_no_auth`, this SDK sends them unsigned, as ours does. It models them as SigV4
    /// (`execute-api`) only, so without `allow_no_auth` it fails for want of an identity; and
    /// left to the default credentials chain it would look for credentials (environment,
    /// profile, then IMDS, which times out off AWS) and sign with whatever it found.
    async fn connect(op: Op, endpoint: &str) -> Result<Self, String> {
        let loader =
            || aws_config::defaults(BehaviorVersion::latest()).region(Region::new(REGION)).endpoint_url(endpoint);
        let participant_config =
            participant::config::Builder::from(&loader().no_credentials().load().await).allow_no_auth().build();
        let chime_config = loader()
            .credentials_provider(Credentials::new(ACCESS_KEY_ID, SECRET_ACCESS_KEY, None, None, "bench"))
            .load()
            .await;
        Ok(Self {
            op,
            participant: participant::Client::from_conf(participant_config),
            chime: chime::Client::new(&chime_config),
        })
    }
}

impl Subject for Official {
    async fn call(&self) -> Result<(), String> {
        client_official::send(self.op, &self.participant, &self.chime).await.map(drop).map_err(|e| e.to_string())
    }
}
