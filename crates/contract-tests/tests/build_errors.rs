//! `build()` fails naming every missing required member; idempotency tokens are not required.

use chatsmith_chime_sdk_messaging::operation::send_channel_message::SendChannelMessageInput;
use chatsmith_chime_sdk_messaging::types::{ChannelMessagePersistenceType, ChannelMessageType};
use chatsmith_connectparticipant::error::BuildError;
use chatsmith_connectparticipant::operation::send_event::SendEventInput;
use chatsmith_connectparticipant::operation::send_message::SendMessageInput;

const CHANNEL_ARN: &str = "arn:aws:chime:us-east-1:111122223333:app-instance/a1b2c3/channel/c4d5e6";
const BEARER_ARN: &str = "arn:aws:chime:us-east-1:111122223333:app-instance/a1b2c3/user/alice";

#[test]
fn send_message_without_connection_token_names_it() {
    let error: BuildError = SendMessageInput::builder()
        .content_type("text/plain")
        .content("Hello!")
        .build()
        .expect_err("ConnectionToken is required");
    assert_eq!(error.shape(), "SendMessageInput");
    assert_eq!(error.missing_members(), ["ConnectionToken"]);
    assert_eq!(error.to_string(), "cannot build SendMessageInput: missing required member ConnectionToken");
}

#[test]
fn send_message_names_every_missing_member_in_model_order() {
    let error = SendMessageInput::builder().build().expect_err("nothing set");
    assert_eq!(error.missing_members(), ["ContentType", "Content", "ConnectionToken"]);
    let text = error.to_string();
    assert!(text.contains("members"), "plural for several members: {text}");
    for name in ["ContentType", "Content", "ConnectionToken"] {
        assert!(text.contains(name), "{text}");
    }
}

#[test]
fn send_message_client_token_is_not_required() {
    let input = SendMessageInput::builder()
        .content_type("text/plain")
        .content("Hello!")
        .connection_token("connection-token")
        .build()
        .expect("ClientToken is an idempotency token the client fills in");
    assert_eq!(input.client_token(), None);
}

#[test]
fn send_event_needs_content_type_and_connection_token_only() {
    let error = SendEventInput::builder().content("x").build().expect_err("nothing required set");
    assert_eq!(error.shape(), "SendEventInput");
    assert_eq!(error.missing_members(), ["ContentType", "ConnectionToken"]);

    let input = SendEventInput::builder()
        .content_type("application/vnd.amazonaws.connect.event.typing")
        .connection_token("connection-token")
        .build()
        .expect("Content and ClientToken are optional");
    assert_eq!(input.content(), None);
    assert_eq!(input.client_token(), None);
}

#[test]
fn send_channel_message_names_channel_arn_and_chime_bearer_together() {
    let error = SendChannelMessageInput::builder()
        .content("Hello!")
        .r#type(ChannelMessageType::Standard)
        .persistence(ChannelMessagePersistenceType::Persistent)
        .build()
        .expect_err("ChannelArn and ChimeBearer are required");
    assert_eq!(error.shape(), "SendChannelMessageInput");
    assert_eq!(error.missing_members(), ["ChannelArn", "ChimeBearer"]);
    assert_eq!(
        error.to_string(),
        "cannot build SendChannelMessageInput: missing required members ChannelArn, ChimeBearer"
    );
}

#[test]
fn send_channel_message_type_and_persistence_are_required() {
    let error = SendChannelMessageInput::builder()
        .channel_arn(CHANNEL_ARN)
        .chime_bearer(BEARER_ARN)
        .content("Hello!")
        .build()
        .expect_err("Type and Persistence are required");
    assert_eq!(error.missing_members(), ["Type", "Persistence"]);
}

#[test]
fn send_channel_message_client_request_token_is_not_required() {
    let input = SendChannelMessageInput::builder()
        .channel_arn(CHANNEL_ARN)
        .chime_bearer(BEARER_ARN)
        .content("Hello!")
        .r#type(ChannelMessageType::Standard)
        .persistence(ChannelMessagePersistenceType::NonPersistent)
        .build()
        .expect("ClientRequestToken is an idempotency token the client fills in");
    assert_eq!(input.client_request_token(), None);
}

#[test]
fn build_error_is_a_std_error() {
    fn boxed() -> Result<(), Box<dyn std::error::Error + Send + Sync>> {
        SendMessageInput::builder().build()?;
        Ok(())
    }
    let error = boxed().expect_err("nothing set");
    assert!(error.to_string().starts_with("cannot build SendMessageInput"));
    assert!(error.source().is_none());
}

#[test]
fn both_crates_expose_the_same_build_error() {
    // A user handling build errors of both services can use one type.
    let error: chatsmith_chime_sdk_messaging::error::BuildError =
        SendMessageInput::builder().build().expect_err("nothing set");
    assert_eq!(error.shape(), "SendMessageInput");
}
