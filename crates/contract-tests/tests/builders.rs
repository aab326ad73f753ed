//! Builders: setters take `impl Into`, list setters append, map setters insert, `set_*` replaces,
//! getters read back; inputs and builders are `Clone + PartialEq`.

use std::collections::BTreeMap;

use chatsmith_chime_sdk_messaging::operation::send_channel_message::SendChannelMessageInput;
use chatsmith_chime_sdk_messaging::operation::send_channel_message::builders::SendChannelMessageInputBuilder;
use chatsmith_chime_sdk_messaging::types::{
    ChannelMessagePersistenceType, ChannelMessageType, MessageAttributeValue, PushNotificationConfiguration,
    PushNotificationType, Target,
};
use chatsmith_connectparticipant::operation::send_message::builders::SendMessageInputBuilder;
use chatsmith_connectparticipant::operation::send_message::{SendMessageInput, SendMessageOutput};
use chatsmith_connectparticipant::types::{MessageProcessingMetadata, MessageProcessingStatus};

const CHANNEL_ARN: &str = "arn:aws:chime:us-east-1:111122223333:app-instance/a1b2c3/channel/c4d5e6";
const BEARER_ARN: &str = "arn:aws:chime:us-east-1:111122223333:app-instance/a1b2c3/user/alice";

fn target(name: &str) -> Target {
    Target::builder()
        .member_arn(format!("arn:aws:chime:us-east-1:111122223333:app-instance/a1b2c3/user/{name}"))
        .build()
}

fn attribute(values: &[&str]) -> MessageAttributeValue {
    values.iter().fold(MessageAttributeValue::builder(), |b, v| b.string_values(*v)).build()
}

fn chime_builder() -> SendChannelMessageInputBuilder {
    SendChannelMessageInput::builder()
        .channel_arn(CHANNEL_ARN)
        .chime_bearer(BEARER_ARN)
        .content("Hello!")
        .r#type(ChannelMessageType::Standard)
        .persistence(ChannelMessagePersistenceType::Persistent)
}

#[test]
fn scalar_setters_take_anything_that_converts() {
    let owned: String = "text/plain".to_owned();
    let borrowed: &str = "Hello!";
    let input = SendMessageInput::builder()
        .content_type(owned)
        .content(borrowed)
        .connection_token(Box::<str>::from("token"))
        .client_token(std::borrow::Cow::Borrowed("idempotency-1"))
        .build()
        .unwrap();
    assert_eq!(input.content_type(), "text/plain");
    assert_eq!(input.content(), "Hello!");
    assert_eq!(input.connection_token(), "token");
    assert_eq!(input.client_token(), Some("idempotency-1"));
    // Required members are plain fields, optional ones `Option`.
    let _: &String = &input.content;
    let _: &Option<String> = &input.client_token;
}

#[test]
fn enum_setters_take_the_enum_or_its_wire_value() {
    let from_enum = chime_builder().build().unwrap();
    let from_str = chime_builder().r#type("STANDARD").persistence("PERSISTENT").build().unwrap();
    assert_eq!(from_enum, from_str);
    assert_eq!(from_str.r#type(), &ChannelMessageType::Standard);
    assert_eq!(from_str.persistence(), &ChannelMessagePersistenceType::Persistent);
}

#[test]
fn setting_a_scalar_twice_keeps_the_last_value() {
    let input = chime_builder().content("first").content("second").build().unwrap();
    assert_eq!(input.content(), "second");
}

#[test]
fn list_setter_appends_one_item() {
    let builder = chime_builder().target(target("bob")).target(target("carol"));
    assert_eq!(builder.get_target(), &Some(vec![target("bob"), target("carol")]));
    let input = builder.build().unwrap();
    assert_eq!(input.target(), [target("bob"), target("carol")]);

    let value = MessageAttributeValue::builder().string_values("a").string_values("b");
    assert_eq!(value.get_string_values(), &Some(vec!["a".to_owned(), "b".to_owned()]));
    assert_eq!(value.build().string_values(), ["a", "b"]);
}

#[test]
fn list_set_replaces_or_clears() {
    let builder = chime_builder().target(target("bob")).set_target(Some(vec![target("dave")]));
    assert_eq!(builder.get_target(), &Some(vec![target("dave")]));
    let builder = builder.set_target(None);
    assert_eq!(builder.get_target(), &None);
    let input = builder.build().unwrap();
    assert!(input.target().is_empty());
    assert_eq!(input.target, None);
}

#[test]
fn map_setter_inserts_one_entry() {
    let builder = chime_builder()
        .message_attributes("lang", attribute(&["en"]))
        .message_attributes("topic", attribute(&["billing", "refund"]));
    let map = builder.get_message_attributes().as_ref().expect("two entries");
    assert_eq!(map.len(), 2);
    assert_eq!(map["topic"].string_values(), ["billing", "refund"]);

    // The same key again replaces that entry.
    let input = builder.message_attributes("lang", attribute(&["fr"])).build().unwrap();
    let map = input.message_attributes().expect("set");
    assert_eq!(map.len(), 2);
    assert_eq!(map["lang"].string_values(), ["fr"]);
}

#[test]
fn map_set_replaces_or_clears() {
    let replacement = BTreeMap::from([("only".to_owned(), attribute(&["one"]))]);
    let builder = chime_builder()
        .message_attributes("lang", attribute(&["en"]))
        .set_message_attributes(Some(replacement.clone()));
    assert_eq!(builder.get_message_attributes(), &Some(replacement));
    let input = builder.set_message_attributes(None).build().unwrap();
    assert_eq!(input.message_attributes(), None);
}

#[test]
fn scalar_set_replaces_or_clears() {
    let builder = SendMessageInput::builder().content("Hello!").set_content(Some("Bye!".to_owned()));
    assert_eq!(builder.get_content().as_deref(), Some("Bye!"));
    let builder = builder.set_content(None);
    assert_eq!(builder.get_content(), &None);
    let error = builder.build().expect_err("Content was cleared");
    assert!(error.missing_members().contains(&"Content"));
}

#[test]
fn getters_read_back_what_was_set() {
    let push = PushNotificationConfiguration::builder()
        .title("New message")
        .body("Alice wrote")
        .r#type(PushNotificationType::Voip)
        .build();
    let input = chime_builder()
        .metadata("m")
        .client_request_token("token-1")
        .sub_channel_id("sub-1")
        .content_type("text/plain")
        .push_notification(push.clone())
        .build()
        .unwrap();
    assert_eq!(input.channel_arn(), CHANNEL_ARN);
    assert_eq!(input.chime_bearer(), BEARER_ARN);
    assert_eq!(input.content(), "Hello!");
    assert_eq!(input.metadata(), Some("m"));
    assert_eq!(input.client_request_token(), Some("token-1"));
    assert_eq!(input.sub_channel_id(), Some("sub-1"));
    assert_eq!(input.content_type(), Some("text/plain"));
    assert_eq!(input.push_notification(), Some(&push));
    let push = input.push_notification().unwrap();
    assert_eq!(push.title(), Some("New message"));
    assert_eq!(push.body(), Some("Alice wrote"));
    assert_eq!(push.r#type(), Some(&PushNotificationType::Voip));
}

#[test]
fn builder_getters_show_what_is_set_so_far() {
    let builder = chime_builder();
    assert_eq!(builder.get_channel_arn().as_deref(), Some(CHANNEL_ARN));
    assert_eq!(builder.get_type(), &Some(ChannelMessageType::Standard));
    assert_eq!(builder.get_metadata(), &None);
    assert_eq!(SendMessageInputBuilder::default(), SendMessageInput::builder());
}

#[test]
fn inputs_and_builders_are_clone_and_partial_eq() {
    let builder = chime_builder().target(target("bob"));
    let copy = builder.clone();
    assert_eq!(builder, copy);
    assert_ne!(builder.clone().content("other"), copy);

    let input = builder.build().unwrap();
    let same = input.clone();
    assert_eq!(input, same);
    assert_ne!(input, chime_builder().build().unwrap());

    let message = SendMessageInput::builder().content_type("text/plain").content("Hello!").connection_token("token");
    assert_eq!(message.clone().build().unwrap(), message.build().unwrap());
}

#[test]
fn output_builders_are_infallible() {
    let output = SendMessageOutput::builder()
        .id("message-1")
        .absolute_time("2019-11-08T02:41:28.172Z")
        .message_metadata(
            MessageProcessingMetadata::builder().message_processing_status(MessageProcessingStatus::Processing).build(),
        )
        .build();
    assert_eq!(output.id(), Some("message-1"));
    assert_eq!(output.absolute_time(), Some("2019-11-08T02:41:28.172Z"));
    assert_eq!(
        output.message_metadata().and_then(MessageProcessingMetadata::message_processing_status),
        Some(&MessageProcessingStatus::Processing)
    );
}
