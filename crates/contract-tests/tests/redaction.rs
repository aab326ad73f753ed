//! Secrets (the connection token, `@sensitive` members and map keys) never appear in `Debug`
//! output nor in any error text.

use chatsmith_chime_sdk_messaging::operation::send_channel_message::SendChannelMessageInput;
use chatsmith_chime_sdk_messaging::types::{
    ChannelMessagePersistenceType, ChannelMessageType, MessageAttributeValue, PushNotificationConfiguration,
};
use chatsmith_connectparticipant::error::Validate;
use chatsmith_connectparticipant::operation::send_event::SendEventInput;
use chatsmith_connectparticipant::operation::send_message::SendMessageInput;

const REDACTED: &str = "*** redacted ***";
/// Every secret in these tests contains this marker; it must appear in no output.
const MARKER: &str = "SECRETMARKER";

const CHANNEL_ARN: &str = "arn:aws:chime:us-east-1:111122223333:app-instance/a1b2c3/channel/c4d5e6";
const BEARER_ARN: &str = "arn:aws:chime:us-east-1:111122223333:app-instance/a1b2c3/user/alice";

fn secret(tail: &str) -> String {
    format!("{MARKER}-{tail}")
}

#[track_caller]
fn assert_no_secret(what: &str, text: &str) {
    assert!(!text.contains(MARKER), "{what} leaks a secret: {text}");
}

/// Display and Debug (plain and pretty) of the error and of every error in its `source()` chain.
fn every_text_of(error: &(dyn std::error::Error + 'static)) -> Vec<String> {
    let mut texts = Vec::new();
    let mut at = Some(error);
    while let Some(error) = at {
        texts.push(error.to_string());
        texts.push(format!("{error:?}"));
        texts.push(format!("{error:#?}"));
        at = error.source();
    }
    texts
}

#[test]
fn send_message_debug_redacts_the_connection_token() {
    let token = secret("connection-token");
    let builder =
        SendMessageInput::builder().content_type("text/plain").content("Hello!").connection_token(token.clone());

    let builder_debug = format!("{builder:?}");
    assert_no_secret("SendMessageInputBuilder Debug", &builder_debug);
    assert!(builder_debug.contains(REDACTED), "{builder_debug}");
    assert_no_secret("SendMessageInputBuilder pretty Debug", &format!("{builder:#?}"));

    let input = builder.build().unwrap();
    let debug = format!("{input:?}");
    assert_no_secret("SendMessageInput Debug", &debug);
    assert!(debug.contains(REDACTED), "{debug}");
    assert!(debug.contains("Hello!"), "non-sensitive members stay visible: {debug}");
    assert_no_secret("SendMessageInput pretty Debug", &format!("{input:#?}"));

    // The value itself is still there for the client to send.
    assert_eq!(input.connection_token(), token);
}

#[test]
fn send_message_builder_debug_shows_an_unset_token_as_unset() {
    let debug = format!("{:?}", SendMessageInput::builder().content("Hello!"));
    assert!(!debug.contains(REDACTED), "nothing to redact yet: {debug}");
}

#[test]
fn send_event_debug_redacts_the_connection_token() {
    let builder = SendEventInput::builder()
        .content_type("application/vnd.amazonaws.connect.event.typing")
        .connection_token(secret("connection-token"));
    assert_no_secret("SendEventInputBuilder Debug", &format!("{builder:?}"));
    let input = builder.build().unwrap();
    let debug = format!("{input:?}");
    assert_no_secret("SendEventInput Debug", &debug);
    assert!(debug.contains(REDACTED), "{debug}");
}

#[test]
fn invalid_connection_token_is_not_repeated_by_validation_errors() {
    // 1001 characters: too long, so validation reports the member.
    let token = secret(&"t".repeat(1001 - MARKER.len() - 1));
    assert_eq!(token.chars().count(), 1001);
    let input = SendMessageInput::builder()
        .content_type("text/plain")
        .content("Hello!")
        .connection_token(token)
        .build()
        .unwrap();
    let errors = input.validate().expect_err("token too long");
    assert!(errors.has_violation_at("ConnectionToken"), "{errors}");
    for text in every_text_of(&errors) {
        assert_no_secret("ValidationErrors", &text);
    }
    for violation in errors.violations() {
        assert_no_secret("Violation Display", &violation.to_string());
        assert_no_secret("Violation Debug", &format!("{violation:?}"));
    }
}

fn chime_message_full_of_secrets() -> SendChannelMessageInput {
    SendChannelMessageInput::builder()
        .channel_arn(CHANNEL_ARN)
        .chime_bearer(BEARER_ARN)
        .content(secret("content"))
        .r#type(ChannelMessageType::Standard)
        .persistence(ChannelMessagePersistenceType::Persistent)
        .metadata(secret("metadata"))
        .client_request_token(format!("{MARKER}-token"))
        .content_type(secret("ct"))
        .push_notification(PushNotificationConfiguration::builder().title(secret("title")).body(secret("body")).build())
        .message_attributes(secret("key"), MessageAttributeValue::builder().string_values(secret("value")).build())
        .build()
        .unwrap()
}

#[test]
fn send_channel_message_debug_hides_every_sensitive_member() {
    let input = chime_message_full_of_secrets();
    assert_eq!(input.validate(), Ok(()), "the secrets are valid values");
    let debug = format!("{input:?}");
    assert_no_secret("SendChannelMessageInput Debug", &debug);
    assert_no_secret("SendChannelMessageInput pretty Debug", &format!("{input:#?}"));
    assert!(debug.contains(REDACTED), "{debug}");
    // Members that are not sensitive stay visible.
    assert!(debug.contains(CHANNEL_ARN), "{debug}");
    assert!(debug.contains(BEARER_ARN), "{debug}");
}

#[test]
fn send_channel_message_builder_debug_hides_every_sensitive_member() {
    let builder = SendChannelMessageInput::builder()
        .content(secret("content"))
        .metadata(secret("metadata"))
        .client_request_token(secret("token"))
        .content_type(secret("ct"))
        .push_notification(PushNotificationConfiguration::builder().title(secret("t")).build())
        .message_attributes(secret("key"), MessageAttributeValue::builder().string_values(secret("value")).build());
    assert_no_secret("SendChannelMessageInputBuilder Debug", &format!("{builder:?}"));
    assert_no_secret("SendChannelMessageInputBuilder pretty Debug", &format!("{builder:#?}"));
}

#[test]
fn nested_sensitive_members_are_hidden_in_their_own_debug() {
    let push = PushNotificationConfiguration::builder().title(secret("t")).body(secret("b"));
    assert_no_secret("PushNotificationConfigurationBuilder Debug", &format!("{push:?}"));
    assert_no_secret("PushNotificationConfiguration Debug", &format!("{:?}", push.build()));
    let value = MessageAttributeValue::builder().string_values(secret("v"));
    assert_no_secret("MessageAttributeValueBuilder Debug", &format!("{value:?}"));
    assert_no_secret("MessageAttributeValue Debug", &format!("{:?}", value.build()));
}

#[test]
fn invalid_sensitive_values_are_not_repeated_by_validation_errors() {
    let long = |n: usize| secret(&"x".repeat(n));
    let input = SendChannelMessageInput::builder()
        .channel_arn(CHANNEL_ARN)
        .chime_bearer(BEARER_ARN)
        // CONTROL: content over 30 bytes, and metadata forbidden.
        .content(long(40))
        .r#type(ChannelMessageType::Control)
        .persistence(ChannelMessagePersistenceType::Persistent)
        .metadata(long(2000))
        // Outside `^[-_a-zA-Z0-9]*$` and longer than 64.
        .client_request_token(format!("{MARKER} with spaces {}", "x".repeat(80)))
        .content_type(long(50))
        .push_notification(PushNotificationConfiguration::builder().title(long(60)).body(long(200)).build())
        .message_attributes(
            long(80),
            MessageAttributeValue::builder().string_values(long(600)).string_values("").build(),
        )
        .build()
        .unwrap();

    let errors = input.validate().expect_err("everything is invalid");
    for path in [
        "Content",
        "Metadata",
        "ClientRequestToken",
        "ContentType",
        "PushNotification.Title",
        "PushNotification.Body",
        "MessageAttributes[<redacted>]",
        "MessageAttributes[<redacted>].StringValues[0]",
        "MessageAttributes[<redacted>].StringValues[1]",
    ] {
        assert!(errors.has_violation_at(path), "no violation at {path}: {errors}");
    }
    for text in every_text_of(&errors) {
        assert_no_secret("ValidationErrors", &text);
    }
    for violation in errors.violations() {
        assert_no_secret("Violation Display", &violation.to_string());
        assert_no_secret("Violation Debug", &format!("{violation:?}"));
        assert_no_secret("Violation path", violation.path());
    }

    // Wrapped as a user would wrap it.
    let boxed: Box<dyn std::error::Error + Send + Sync> = errors.into();
    assert_no_secret("boxed ValidationErrors Display", &boxed.to_string());
    assert_no_secret("boxed ValidationErrors Debug", &format!("{boxed:?}"));
}
