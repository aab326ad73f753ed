//! `app-chatsmith`: a small chat application on the chatsmith crates, for the build comparison.
//!
//! It posts a message and a typing event as a Connect participant and a message into a Chime
//! channel, then prints the ids the services return. `app-official` is the same program on the
//! official AWS SDK for Rust, kept line for line alike so that what the comparison measures
//! (build time, crates compiled, binary size) differs only in the SDK.
//!
//! ```sh
//! app-chatsmith --endpoint URL --connection-token T --channel-arn ARN --chime-bearer ARN [--region R] [--message TEXT]
//! ```
//!
//! Chime requests are signed with the credentials of the standard environment variables
//! (`AWS_ACCESS_KEY_ID`, `AWS_SECRET_ACCESS_KEY`, `AWS_SESSION_TOKEN`); Connect Participant
//! requests are authorized by the connection token alone.
#![forbid(unsafe_code)]

use chatsmith_chime_sdk_messaging as chime;
use chatsmith_connectparticipant as participant;
use chime::types::{ChannelMessagePersistenceType, ChannelMessageType};
use std::process::ExitCode;

const USAGE: &str = "usage: app-chatsmith --endpoint URL --connection-token T --channel-arn ARN --chime-bearer ARN \
                     [--region R] [--message TEXT]";

#[tokio::main]
async fn main() -> ExitCode {
    if std::env::args().any(|arg| arg == "--help" || arg == "-h") {
        println!("{USAGE}");
        return ExitCode::SUCCESS;
    }
    match run().await {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("app-chatsmith: {message}");
            ExitCode::FAILURE
        }
    }
}

async fn run() -> Result<(), String> {
    let args = Args::parse(std::env::args().skip(1)).map_err(|e| format!("{e}\n{USAGE}"))?;
    let config = participant::Config::builder().region(&args.region).endpoint_url(&args.endpoint).build();
    let participant = participant::Client::new(&config);
    let chime = chime::Client::new(&config);

    let message = participant
        .send_message()
        .content_type("text/plain")
        .content(&args.message)
        .connection_token(&args.connection_token)
        .send()
        .await
        .map_err(|err| format!("SendMessage failed: {err}"))?;
    println!("SendMessage: message id {}", message.id().unwrap_or("(none)"));

    let event = participant
        .send_event()
        .content_type("application/vnd.amazonaws.connect.event.typing")
        .connection_token(&args.connection_token)
        .send()
        .await
        .map_err(|err| format!("SendEvent failed: {err}"))?;
    println!("SendEvent: event id {}", event.id().unwrap_or("(none)"));

    let channel_message = chime
        .send_channel_message()
        .channel_arn(&args.channel_arn)
        .chime_bearer(&args.chime_bearer)
        .content(&args.message)
        .r#type(ChannelMessageType::Standard)
        .persistence(ChannelMessagePersistenceType::Persistent)
        .send()
        .await
        .map_err(|err| format!("SendChannelMessage failed: {err}"))?;
    println!("SendChannelMessage: message id {}", channel_message.message_id().unwrap_or("(none)"));
    Ok(())
}

/// The command line.
struct Args {
    endpoint: String,
    connection_token: String,
    channel_arn: String,
    chime_bearer: String,
    region: String,
    message: String,
}

impl Args {
    const FLAGS: [&str; 6] =
        ["--endpoint", "--connection-token", "--channel-arn", "--chime-bearer", "--region", "--message"];

    /// Reads `--flag value` pairs; an error names the argument that is unknown, missing or
    /// without a value.
    fn parse(mut args: impl Iterator<Item = String>) -> Result<Self, String> {
        let mut values: [Option<String>; 6] = Default::default();
        while let Some(flag) = args.next() {
            let index = Self::FLAGS.iter().position(|f| *f == flag).ok_or(format!("unknown argument {flag:?}"))?;
            values[index] = Some(args.next().ok_or(format!("{flag} needs a value"))?);
        }
        let [endpoint, connection_token, channel_arn, chime_bearer, region, message] = values;
        let required = |value: Option<String>, flag: &str| value.ok_or(format!("missing {flag}"));
        Ok(Self {
            endpoint: required(endpoint, "--endpoint")?,
            connection_token: required(connection_token, "--connection-token")?,
            channel_arn: required(channel_arn, "--channel-arn")?,
            chime_bearer: required(chime_bearer, "--chime-bearer")?,
            region: region.unwrap_or_else(|| "us-east-1".to_owned()),
            message: message.unwrap_or_else(|| "Hello! How can I help?".to_owned()),
        })
    }
}
