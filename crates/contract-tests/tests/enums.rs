//! Enums: wire values, Rust spellings, unknown values kept and rejected by `validate()`.

use chatsmith_chime_sdk_messaging::error::{Rule, Validate};
use chatsmith_chime_sdk_messaging::operation::send_channel_message::SendChannelMessageInput;
use chatsmith_chime_sdk_messaging::types::{
    ChannelMessagePersistenceType, ChannelMessageStatus, ChannelMessageType, ErrorCode, PushNotificationConfiguration,
    PushNotificationType,
};
use chatsmith_connectparticipant::types::MessageProcessingStatus;

const CHANNEL_ARN: &str = "arn:aws:chime:us-east-1:111122223333:app-instance/a1b2c3/channel/c4d5e6";
const BEARER_ARN: &str = "arn:aws:chime:us-east-1:111122223333:app-instance/a1b2c3/user/alice";

fn message(r#type: ChannelMessageType, persistence: ChannelMessagePersistenceType) -> SendChannelMessageInput {
    SendChannelMessageInput::builder()
        .channel_arn(CHANNEL_ARN)
        .chime_bearer(BEARER_ARN)
        .content("Hello!")
        .r#type(r#type)
        .persistence(persistence)
        .build()
        .unwrap()
}

#[test]
fn channel_message_type_from_wire_values() {
    assert_eq!(ChannelMessageType::from("STANDARD"), ChannelMessageType::Standard);
    assert_eq!(ChannelMessageType::from("CONTROL"), ChannelMessageType::Control);
    assert_eq!(ChannelMessageType::from(String::from("CONTROL")), ChannelMessageType::Control);
    assert_eq!(ChannelMessageType::Standard.as_str(), "STANDARD");
    assert_eq!(ChannelMessageType::Control.to_string(), "CONTROL");
    assert_eq!(ChannelMessageType::Control.as_ref(), "CONTROL");
    assert_eq!(ChannelMessageType::values(), ["STANDARD", "CONTROL"]);
}

#[test]
fn persistence_spells_non_persistent_in_rust_case() {
    assert_eq!(ChannelMessagePersistenceType::from("NON_PERSISTENT"), ChannelMessagePersistenceType::NonPersistent);
    assert_eq!(ChannelMessagePersistenceType::NonPersistent.as_str(), "NON_PERSISTENT");
    assert_eq!(ChannelMessagePersistenceType::from("PERSISTENT"), ChannelMessagePersistenceType::Persistent);
    assert_eq!(ChannelMessagePersistenceType::values(), ["PERSISTENT", "NON_PERSISTENT"]);
}

#[test]
fn from_str_parses_known_and_unknown_values() {
    let standard: ChannelMessageType = "STANDARD".parse().unwrap();
    assert_eq!(standard, ChannelMessageType::Standard);
    let unknown: ChannelMessageType = "URGENT".parse().unwrap();
    assert_eq!(unknown, ChannelMessageType::Unknown("URGENT".to_owned()));
    let voip: PushNotificationType = "VOIP".parse().unwrap();
    assert_eq!(voip, PushNotificationType::Voip);
}

#[test]
fn unknown_values_are_kept_as_sent() {
    let unknown = ChannelMessageType::from("X");
    assert_eq!(unknown, ChannelMessageType::Unknown("X".to_owned()));
    assert_eq!(unknown.as_str(), "X");
    assert_eq!(unknown.to_string(), "X");
    // Wire values are case-sensitive.
    assert_eq!(ChannelMessageType::from("standard"), ChannelMessageType::Unknown("standard".to_owned()));
}

#[test]
fn every_known_value_round_trips() {
    fn round_trip<T>(values: &[&str])
    where
        T: for<'a> From<&'a str> + AsRef<str> + std::fmt::Debug,
    {
        for value in values {
            let parsed = T::from(value);
            assert_eq!(parsed.as_ref(), *value);
            assert!(!format!("{parsed:?}").starts_with("Unknown"), "{value} parsed as {parsed:?}");
        }
    }
    round_trip::<ChannelMessageType>(ChannelMessageType::values());
    round_trip::<ChannelMessagePersistenceType>(ChannelMessagePersistenceType::values());
    round_trip::<PushNotificationType>(PushNotificationType::values());
    round_trip::<ChannelMessageStatus>(ChannelMessageStatus::values());
    round_trip::<ErrorCode>(ErrorCode::values());
    round_trip::<MessageProcessingStatus>(MessageProcessingStatus::values());
}

#[test]
fn unknown_message_type_is_rejected_by_validate() {
    let input = message(ChannelMessageType::from("X"), ChannelMessagePersistenceType::Persistent);
    let errors = input.validate().expect_err("X is not a message type");
    assert_eq!(errors.violations().len(), 1, "{errors}");
    let violation = &errors.violations()[0];
    assert_eq!(violation.path(), "Type");
    assert_eq!(violation.rule(), &Rule::OneOf { allowed: &["STANDARD", "CONTROL"], actual: Some("X".to_owned()) });
    assert_eq!(violation.to_string(), "Type: must be one of STANDARD, CONTROL, got \"X\"");
}

#[test]
fn unknown_persistence_is_rejected_by_validate() {
    let input = message(ChannelMessageType::Standard, "TEMPORARY".into());
    let errors = input.validate().expect_err("TEMPORARY is not a persistence type");
    assert_eq!(errors.violations().len(), 1, "{errors}");
    assert_eq!(errors.violations()[0].path(), "Persistence");
    assert_eq!(
        errors.violations()[0].rule(),
        &Rule::OneOf { allowed: &["PERSISTENT", "NON_PERSISTENT"], actual: Some("TEMPORARY".to_owned()) }
    );
}

#[test]
fn unknown_nested_enum_is_rejected_at_its_path() {
    let input = SendChannelMessageInput::builder()
        .channel_arn(CHANNEL_ARN)
        .chime_bearer(BEARER_ARN)
        .content("Hello!")
        .r#type("STANDARD")
        .persistence("PERSISTENT")
        .push_notification(PushNotificationConfiguration::builder().r#type("SMS").build())
        .build()
        .unwrap();
    let errors = input.validate().expect_err("SMS is not a push notification type");
    assert_eq!(errors.violations().len(), 1, "{errors}");
    assert_eq!(errors.violations()[0].path(), "PushNotification.Type");
    assert!(matches!(errors.violations()[0].rule(), Rule::OneOf { .. }));
}

#[test]
fn enums_are_hashable_and_ordered() {
    let set: std::collections::BTreeSet<ChannelMessageType> =
        ["CONTROL", "STANDARD", "CONTROL"].into_iter().map(ChannelMessageType::from).collect();
    assert_eq!(set.len(), 2);
    let hashed: std::collections::HashSet<PushNotificationType> =
        [PushNotificationType::Default, PushNotificationType::Voip].into_iter().collect();
    assert_eq!(hashed.len(), 2);
}
