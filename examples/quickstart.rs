//! # chatsmith quick start
//!
//! Sends a chat message, a typing indicator, a read receipt for that message, and a Chime SDK
//! channel message; then shows the two failures real code has to handle: a message that
//! validation refuses before anything is sent, and an error returned by the service.
//!
//! ## Without an AWS account (the default)
//!
//! ```sh
//! cargo run -p chatsmith-examples --example quickstart
//! ```
//!
//! The example starts `FakeService`, a real HTTP/1.1 server on `127.0.0.1` (a free port), scripts
//! plausible answers for the three operations and points both clients at it. Nothing leaves the
//! machine and no credentials are read.
//!
//! ## Against AWS
//!
//! Pass `--live`, or set one of the `CHATSMITH_*` variables below, and the example talks to the
//! real services instead. **It posts real messages into the chat and the channel.**
//!
//! | variable | what for |
//! |---|---|
//! | `AWS_REGION` | the region of both services (`us-east-1`) |
//! | `CHATSMITH_CONNECTION_TOKEN` | SendMessage and SendEvent: a participant's `ConnectionToken`, from Amazon Connect's `CreateParticipantConnection` |
//! | `CHATSMITH_CHANNEL_ARN` | SendChannelMessage: the channel to post to |
//! | `CHATSMITH_CHIME_BEARER` | SendChannelMessage: the ARN of the `AppInstanceUser` who posts (a member of the channel) |
//! | `AWS_ACCESS_KEY_ID`, `AWS_SECRET_ACCESS_KEY`, `AWS_SESSION_TOKEN`, or `AWS_PROFILE` | SendChannelMessage is signed (SigV4): environment credentials, else the shared credentials file |
//! | `CHATSMITH_ENDPOINT_URL` | optional: send to this URL instead of the AWS endpoints |
//!
//! The Connect Participant part runs when `CHATSMITH_CONNECTION_TOKEN` is set, the Chime part
//! when both `CHATSMITH_CHANNEL_ARN` and `CHATSMITH_CHIME_BEARER` are set.
//!
//! ```sh
//! AWS_REGION=us-east-1 CHATSMITH_CONNECTION_TOKEN=... \
//!     cargo run -p chatsmith-examples --example quickstart -- --live
//! ```
//!
//! The process exits with status 1 when anything fails.

use std::error::Error;
use std::process::ExitCode;

// Each service is its own crate. Both share `Config` and the error types (they come from the
// same runtime), so one configuration style works for both.
use chatsmith_chime_sdk_messaging as chime;
use chatsmith_connectparticipant as participant;

use chime::types::{ChannelMessagePersistenceType, ChannelMessageType};
use participant::client::test_util::{FakeResponse, FakeService};
use participant::client::{Config, Credentials};
use participant::error::{InvalidInput, SdkError};
use participant::operation::send_message::SendMessageError;

/// The variables that switch the example to live mode (see the top of the file).
const LIVE_VARIABLES: [&str; 3] = ["CHATSMITH_CONNECTION_TOKEN", "CHATSMITH_CHANNEL_ARN", "CHATSMITH_CHIME_BEARER"];

/// `--help`.
const USAGE: &str = "usage: cargo run -p chatsmith-examples --example quickstart [-- --live]

Without --live (and without CHATSMITH_* variables) everything runs against a local fake
service. See the top of examples/quickstart.rs for the variables of live mode.";

#[tokio::main(flavor = "current_thread")]
async fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if args.iter().any(|a| a == "--help" || a == "-h") {
        println!("{USAGE}");
        return ExitCode::SUCCESS;
    }
    if let Some(unknown) = args.iter().find(|a| *a != "--live") {
        eprintln!("unknown argument {unknown:?}\n\n{USAGE}");
        return ExitCode::FAILURE;
    }
    let live = !args.is_empty() || LIVE_VARIABLES.iter().any(|name| std::env::var_os(name).is_some());

    match run(live).await {
        Ok(()) => ExitCode::SUCCESS,
        Err(err) => {
            // Every chatsmith error says in its `Display` what happened and why (code, message,
            // HTTP status, request id, the cause of a connection failure); it never repeats a
            // token or a secret key. So printing it is enough.
            eprintln!("\nquickstart failed: {err}");
            ExitCode::FAILURE
        }
    }
}

/// Where the example sends, and with which identities.
struct Setup {
    /// The Connect Participant client and the participant's connection token.
    participant: Option<(participant::Client, String)>,
    /// The Chime SDK Messaging client, the channel ARN and the bearer (sender) ARN.
    chime: Option<(chime::Client, String, String)>,
    /// The local fake service, in the default mode. It stops when dropped.
    fake: Option<FakeService>,
}

/// The whole example; `pub(crate)` so that `tests/quickstart.rs` can run it too.
pub(crate) async fn run(live: bool) -> Result<(), Box<dyn Error>> {
    let setup = if live { live_setup()? } else { fake_setup().await };

    if let Some((client, token)) = &setup.participant {
        connect_participant(client, token, setup.fake.as_ref()).await?;
    }
    if let Some((client, channel_arn, bearer)) = &setup.chime {
        chime_messaging(client, channel_arn, bearer).await?;
    }
    println!("\nDone.");
    Ok(())
}

/// The default: both clients talk to a fake service on loopback.
async fn fake_setup() -> Setup {
    println!("Mode: local fake service (pass --live to talk to AWS; see examples/quickstart.rs).");
    let fake = FakeService::start().await;

    // What AWS would answer, by path. Each route answers every matching request.
    fake.route(
        http::Method::POST,
        "/participant/message",
        FakeResponse::json(
            200,
            r#"{"Id":"8d6b3f1e-3c2a-4f7b-9e41-0c5d2a7f9b10","AbsoluteTime":"2026-11-22T03:25:58.214Z"}"#,
        )
        .request_id("0b7c4b6e-5d33-4c7e-8f4a-3a0f6a1c2d90"),
    );
    fake.route(
        http::Method::POST,
        "/participant/event",
        FakeResponse::json(
            200,
            r#"{"Id":"c2f0a9d4-7e61-4b8a-a3d5-91b4e6f20c37","AbsoluteTime":"2026-11-22T03:25:58.377Z"}"#,
        )
        .request_id("5e9f2a71-0b4c-4d8e-9c36-7f1a2b3c4d5e"),
    );
    fake.route(
        http::Method::POST,
        "/channels/",
        FakeResponse::json(
            201,
            r#"{"ChannelArn":"arn:aws:chime:us-east-1:111122223333:app-instance/a1b2c3/channel/c4d5e6",
                "MessageId":"6e1f7b0c9a2d4e5f8a3b1c0d9e8f7a6b5c4d3e2f1a0b9c8d7e6f5a4b3c2d1e0f",
                "Status":{"Value":"SENT"}}"#,
        )
        .request_id("a4d1c9e2-6b7f-4a3e-8d2c-1f0e9b8a7c6d"),
    );

    // A region is still needed for signing; the endpoint URL replaces the AWS endpoint.
    let participant_config = Config::builder().region("us-east-1").endpoint_url(fake.endpoint_url()).build();
    // Chime SDK Messaging requests are signed (SigV4), so the client needs credentials. The fake
    // service does not check the signature: any key will do, and none is read from your machine.
    let chime_config = Config::builder()
        .region("us-east-1")
        .endpoint_url(fake.endpoint_url())
        .credentials(Credentials::new("AKIDEXAMPLE", "fake-secret-access-key", None))
        .build();

    Setup {
        participant: Some((participant::Client::new(&participant_config), "fake-connection-token".to_owned())),
        chime: Some((
            chime::Client::new(&chime_config),
            "arn:aws:chime:us-east-1:111122223333:app-instance/a1b2c3/channel/c4d5e6".to_owned(),
            "arn:aws:chime:us-east-1:111122223333:app-instance/a1b2c3/user/agent-7".to_owned(),
        )),
        fake: Some(fake),
    }
}

/// Live mode: real endpoints, settings from the environment.
fn live_setup() -> Result<Setup, Box<dyn Error>> {
    println!("Mode: live (AWS). Messages are really posted.");
    let var = |name: &str| std::env::var(name).ok().filter(|value| !value.is_empty());

    // `build()` takes the region from AWS_REGION (or AWS_DEFAULT_REGION) when none is given,
    // and the credentials of signed operations from the environment, else ~/.aws/credentials.
    let mut builder = Config::builder();
    if let Some(url) = var("CHATSMITH_ENDPOINT_URL") {
        builder = builder.endpoint_url(url);
    }
    let config = builder.build();

    let participant = var("CHATSMITH_CONNECTION_TOKEN").map(|token| (participant::Client::new(&config), token));
    let chime = match (var("CHATSMITH_CHANNEL_ARN"), var("CHATSMITH_CHIME_BEARER")) {
        (Some(channel_arn), Some(bearer)) => Some((chime::Client::new(&config), channel_arn, bearer)),
        (None, None) => None,
        _ => return Err("set both CHATSMITH_CHANNEL_ARN and CHATSMITH_CHIME_BEARER for SendChannelMessage".into()),
    };
    if participant.is_none() && chime.is_none() {
        return Err("live mode needs CHATSMITH_CONNECTION_TOKEN (Connect), or CHATSMITH_CHANNEL_ARN and \
                    CHATSMITH_CHIME_BEARER (Chime); see the top of examples/quickstart.rs"
            .into());
    }
    Ok(Setup { participant, chime, fake: None })
}

/// Amazon Connect Participant Service: a message, a typing event, a read receipt; then a message
/// refused by validation and one refused by the service.
async fn connect_participant(
    client: &participant::Client,
    token: &str,
    fake: Option<&FakeService>,
) -> Result<(), Box<dyn Error>> {
    println!("\n== Amazon Connect Participant Service ==");

    // 1. A chat message. Required members are checked when the request is built, then every
    //    constraint of the model is checked before anything is sent. A unique ClientToken
    //    (idempotency token) is filled in for you and reused if the request is retried.
    let message = client
        .send_message()
        .content_type("text/plain")
        .content("Hello! I'd like to change my delivery address.")
        .connection_token(token)
        .send()
        .await?;
    println!("SendMessage        -> {message:?}");
    println!("                      message id {}, request id {}", show(message.id()), show(message.request_id()));

    // 2. "The customer is typing...". Typing events have no content.
    let typing = client
        .send_event()
        .content_type("application/vnd.amazonaws.connect.event.typing")
        .connection_token(token)
        .send()
        .await?;
    println!("SendEvent (typing) -> {typing:?}");
    println!("                      request id {}", show(typing.request_id()));

    // 3. A read receipt for the message sent above. Its content must be a JSON object with the
    //    `messageId` of the message that was read; validation checks that too.
    let message_id = message.id().ok_or("SendMessage returned no message id")?;
    let receipt_content = serde_json::json!({ "messageId": message_id }).to_string();
    let receipt = client
        .send_event()
        .content_type("application/vnd.amazonaws.connect.event.message.read")
        .content(receipt_content)
        .connection_token(token)
        .send()
        .await?;
    println!("SendEvent (read)   -> {receipt:?}");
    println!("                      request id {}", show(receipt.request_id()));

    // 4. Validation catches a bad message before it costs a round trip (or throttling budget).
    //    Here two things are wrong at once, and both are reported.
    let result = client
        .send_message()
        .content_type("text/html") // not a content type Amazon Connect accepts
        .content("") // empty content
        .connection_token(token)
        .send()
        .await;
    match result {
        Err(SdkError::InvalidInput(InvalidInput::Validation(errors))) => {
            println!("\nRefused before sending: {errors}");
            // Each violation has its member path, the rule broken and the actual value's size,
            // never the value of a secret.
            for violation in errors.violations() {
                println!("  - {violation}");
            }
        }
        Ok(_) => return Err("the invalid message was sent".into()),
        Err(other) => return Err(other.into()),
    }

    // 5. An error from the service: a connection token that is no longer valid. Against AWS this
    //    is a real round trip; in the default mode the fake service is told what to answer.
    if let Some(fake) = fake {
        // The next request, whatever it is, gets this answer (before any route).
        fake.enqueue(
            FakeResponse::error(403, "AccessDeniedException", "The connection token has expired.")
                .request_id("f3e2d1c0-b9a8-4765-8432-10fedcba9876"),
        );
    }
    let result = client
        .send_message()
        .content_type("text/plain")
        .content("Are you still there?")
        .connection_token("an-expired-connection-token")
        .send()
        .await;
    let err = match result {
        Ok(_) => return Err("a message with an expired connection token was accepted".into()),
        Err(err) => err,
    };
    // `Display` of the error says it all: code, message, HTTP status and request id.
    println!("\nThe service said no: {err}");
    println!("  HTTP status {:?}, request id {}", err.status(), show(err.request_id()));
    // Match on the operation's error enum to handle each error the model lists.
    match err.into_service_error() {
        Ok(SendMessageError::AccessDeniedException(denied)) => {
            println!(
                "  -> access denied ({}): ask CreateParticipantConnection for a new connection token",
                show(denied.message())
            );
        }
        Ok(SendMessageError::ThrottlingException(_)) => {
            // Throttling is retried with backoff by the client before it gets here.
            println!("  -> still throttled after the client's retries: slow down");
        }
        Ok(SendMessageError::ValidationException(invalid)) => {
            println!("  -> the service refused the input: {}", show(invalid.message()));
        }
        // Other modelled errors, and codes the model does not know (`Unhandled`, which keeps the
        // code, message, status and request id).
        Ok(other) => println!("  -> {} error: {other}", show(other.code())),
        // Not an answer of the service: a timeout, a connection failure, a configuration problem.
        Err(not_from_service) => return Err(not_from_service.into()),
    }
    Ok(())
}

/// Amazon Chime SDK Messaging: a standard, persistent channel message (a signed request).
async fn chime_messaging(client: &chime::Client, channel_arn: &str, bearer: &str) -> Result<(), Box<dyn Error>> {
    println!("\n== Amazon Chime SDK Messaging ==");
    let sent = client
        .send_channel_message()
        .channel_arn(channel_arn)
        .chime_bearer(bearer)
        .content("Your order has shipped.")
        .r#type(ChannelMessageType::Standard)
        .persistence(ChannelMessagePersistenceType::Persistent)
        .send()
        .await?;
    println!("SendChannelMessage -> {sent:?}");
    let status = sent.status().and_then(|status| status.value()).map(|value| value.as_str());
    println!(
        "                      message id {}, status {}, request id {}",
        show(sent.message_id()),
        show(status),
        show(sent.request_id())
    );
    Ok(())
}

/// An optional value for display.
fn show(value: Option<&str>) -> &str {
    value.unwrap_or("(none)")
}
