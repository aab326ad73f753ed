//! SendEvent: the allowed event types, and receipts that must name the message they acknowledge.

use chatsmith_connectparticipant::error::{LengthUnit, Rule, Validate, ValidationErrors};
use chatsmith_connectparticipant::operation::send_event::SendEventInput;

const TYPING: &str = "application/vnd.amazonaws.connect.event.typing";
const ACKNOWLEDGED: &str = "application/vnd.amazonaws.connect.event.connection.acknowledged";
const DELIVERED: &str = "application/vnd.amazonaws.connect.event.message.delivered";
const READ: &str = "application/vnd.amazonaws.connect.event.message.read";
const RECEIPT_CONDITION: &str = "ContentType is application/vnd.amazonaws.connect.event.message.delivered or application/vnd.amazonaws.connect.event.message.read";

fn event(content_type: &str, content: Option<&str>) -> SendEventInput {
    SendEventInput::builder()
        .content_type(content_type)
        .set_content(content.map(str::to_owned))
        .connection_token("connection-token")
        .build()
        .expect("every required member is set")
}

fn single_violation(errors: &ValidationErrors) -> &chatsmith_connectparticipant::error::Violation {
    assert_eq!(errors.violations().len(), 1, "{errors}");
    &errors.violations()[0]
}

#[test]
fn typing_without_content_is_valid() {
    assert_eq!(event(TYPING, None).validate(), Ok(()));
}

#[test]
fn typing_with_free_text_content_is_valid() {
    assert_eq!(event(TYPING, Some("not json, and that is fine")).validate(), Ok(()));
}

#[test]
fn receipts_without_content_are_rejected_as_required() {
    for content_type in [READ, DELIVERED] {
        let errors = event(content_type, None).validate().expect_err("a receipt needs content");
        let violation = single_violation(&errors);
        assert_eq!(violation.path(), "Content");
        assert_eq!(violation.rule(), &Rule::Required);
        assert_eq!(violation.condition(), Some(RECEIPT_CONDITION));
        assert_eq!(violation.to_string(), format!("Content: is required when {RECEIPT_CONDITION}"));
    }
}

#[test]
fn receipts_naming_a_message_id_are_valid() {
    for content_type in [READ, DELIVERED] {
        assert_eq!(event(content_type, Some(r#"{"messageId":"abc"}"#)).validate(), Ok(()));
        // Other members are allowed beside `messageId`.
        assert_eq!(event(content_type, Some(r#"{ "messageId": "abc", "extra": [1, 2] }"#)).validate(), Ok(()));
    }
}

#[test]
fn receipts_with_content_that_is_not_an_object_with_a_string_message_id_are_rejected() {
    let bad = [r#"{"messageId":1}"#, "[]", "not json", "{}", r#"{"messageId":null}"#, r#""abc""#];
    for content_type in [READ, DELIVERED] {
        for content in bad {
            let errors =
                event(content_type, Some(content)).validate().expect_err(&format!("{content_type} with {content:?}"));
            let violation = single_violation(&errors);
            assert_eq!(violation.path(), "Content", "{content:?}");
            assert_eq!(violation.condition(), Some(RECEIPT_CONDITION));
            match violation.rule() {
                Rule::JsonObject { string_members } => assert_eq!(*string_members, ["messageId"]),
                other => panic!("{content:?}: expected a JsonObject rule, got {other:?}"),
            }
            assert!(violation.to_string().contains("`messageId`"), "{violation}");
        }
    }
}

#[test]
fn deprecated_connection_acknowledged_is_still_accepted() {
    assert_eq!(event(ACKNOWLEDGED, None).validate(), Ok(()));
}

#[test]
fn unknown_event_type_is_rejected_with_the_allowed_values() {
    let unknown = "application/vnd.amazonaws.connect.event.participant.left";
    let errors = event(unknown, None).validate().expect_err("unknown event type");
    let violation = single_violation(&errors);
    assert_eq!(violation.path(), "ContentType");
    match violation.rule() {
        Rule::OneOf { allowed, actual } => {
            assert_eq!(*allowed, [TYPING, ACKNOWLEDGED, DELIVERED, READ]);
            assert_eq!(actual.as_deref(), Some(unknown));
        }
        other => panic!("expected a OneOf rule, got {other:?}"),
    }
}

#[test]
fn empty_content_is_rejected_for_any_event_type() {
    let errors = event(TYPING, Some("")).validate().expect_err("empty content");
    let violation = single_violation(&errors);
    assert_eq!(violation.path(), "Content");
    assert_eq!(
        violation.rule(),
        &Rule::Length { unit: LengthUnit::Characters, min: Some(1), max: Some(16384), actual: 0 }
    );
}
