//! `validate()` returns every violation at once, in model order, and says so readably.

use chatsmith_chime_sdk_messaging::operation::send_channel_message::SendChannelMessageInput;
use chatsmith_chime_sdk_messaging::types::{
    ChannelMessagePersistenceType, ChannelMessageType, PushNotificationConfiguration, Target,
};
use chatsmith_connectparticipant::error::{LengthUnit, Rule, Validate, ValidationErrors, Violation};
use chatsmith_connectparticipant::operation::send_message::SendMessageInput;

fn paths(errors: &ValidationErrors) -> Vec<&str> {
    errors.violations().iter().map(Violation::path).collect()
}

fn many_problems() -> SendMessageInput {
    SendMessageInput::builder()
        .content_type("text/html")
        .content("a".repeat(16385))
        .client_token("c".repeat(501))
        .connection_token("")
        .build()
        .unwrap()
}

#[test]
fn a_valid_input_validates() {
    let input = SendMessageInput::builder()
        .content_type("text/plain")
        .content("Hello!")
        .connection_token("token")
        .build()
        .unwrap();
    assert_eq!(input.validate(), Ok(()));
}

#[test]
fn every_violation_is_returned_at_once_in_model_order() {
    let errors = many_problems().validate().expect_err("four problems");
    assert_eq!(errors.shape(), "SendMessageInput");
    assert_eq!(paths(&errors), ["ContentType", "Content", "ClientToken", "ConnectionToken"]);
    let rules: Vec<&Rule> = errors.violations().iter().map(Violation::rule).collect();
    assert!(matches!(rules[0], Rule::OneOf { .. }), "{:?}", rules[0]);
    assert_eq!(
        rules[1..],
        [
            &Rule::Length { unit: LengthUnit::Characters, min: Some(1), max: Some(16384), actual: 16385 },
            &Rule::Length { unit: LengthUnit::Characters, min: Some(0), max: Some(500), actual: 501 },
            &Rule::Length { unit: LengthUnit::Characters, min: Some(1), max: Some(1000), actual: 0 },
        ]
    );
    for path in ["ContentType", "Content", "ClientToken", "ConnectionToken"] {
        assert!(errors.has_violation_at(path), "{path}");
    }
    assert!(!errors.has_violation_at("Nothing"));
}

#[test]
fn bad_content_type_and_too_long_content_and_client_token_are_reported_together() {
    let input = SendMessageInput::builder()
        .content_type("text/html")
        .content("é".repeat(20000))
        .client_token("é".repeat(600))
        .connection_token("token")
        .build()
        .unwrap();
    let errors = input.validate().expect_err("three problems");
    assert!(errors.violations().len() >= 2, "{errors}");
    assert_eq!(paths(&errors), ["ContentType", "Content", "ClientToken"]);
}

#[test]
fn display_lists_every_violation() {
    let errors = many_problems().validate().unwrap_err();
    let text = errors.to_string();
    assert!(text.starts_with("invalid SendMessageInput: ContentType: must be one of "), "{text}");
    assert_eq!(text.matches("; ").count(), 3, "four violations separated by `; `: {text}");
    assert!(text.contains("Content: length must be between 1 and 16384 characters, got 16385"), "{text}");
    assert!(text.contains("ClientToken: length must be between 0 and 500 characters, got 501"), "{text}");
    assert!(text.contains("ConnectionToken: length must be between 1 and 1000 characters, got 0"), "{text}");
}

#[test]
fn nested_violations_come_in_model_order_with_their_paths() {
    let input = SendChannelMessageInput::builder()
        .channel_arn("not-an-arn")
        .chime_bearer("arn:aws:chime:us-east-1:111122223333:app-instance/a/user/u")
        .content("x".repeat(31))
        .r#type(ChannelMessageType::Control)
        .persistence(ChannelMessagePersistenceType::NonPersistent)
        .metadata("forbidden on CONTROL")
        .push_notification(PushNotificationConfiguration::builder().title("").build())
        .target(Target::builder().member_arn("nope").build())
        .target(Target::builder().build())
        .build()
        .unwrap();
    let errors = input.validate().expect_err("several problems");
    assert_eq!(errors.shape(), "SendChannelMessageInput");
    assert_eq!(
        errors.violations().iter().map(Violation::path).collect::<Vec<_>>(),
        [
            "ChannelArn",
            "Content",
            "Metadata",
            "PushNotification.Title",
            "Target",
            "Target[0].MemberArn",
            "Target[0].MemberArn",
        ],
        "{errors}"
    );
}

#[test]
fn validation_errors_are_cloneable_comparable_errors() {
    let errors = many_problems().validate().unwrap_err();
    assert_eq!(errors.clone(), errors);
    let as_dyn: &dyn std::error::Error = &errors;
    assert!(as_dyn.source().is_none());
}
