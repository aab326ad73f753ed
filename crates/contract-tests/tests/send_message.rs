//! SendMessage: the content length depends on the content type, and counts characters, not bytes.

use chatsmith_connectparticipant::error::{LengthUnit, Rule, Validate, ValidationErrors, Violation};
use chatsmith_connectparticipant::operation::send_message::SendMessageInput;

const PLAIN_OR_MARKDOWN: &str = "ContentType is text/plain or text/markdown";
const JSON: &str = "ContentType is application/json";
const INTERACTIVE: &str = "ContentType is application/vnd.amazonaws.connect.message.interactive.response";
const INTERACTIVE_TYPE: &str = "application/vnd.amazonaws.connect.message.interactive.response";

fn input(content_type: &str, content: impl Into<String>) -> SendMessageInput {
    SendMessageInput::builder()
        .content_type(content_type)
        .content(content)
        .connection_token("connection-token")
        .build()
        .expect("every required member is set")
}

/// `n` characters, each more than one byte, so that counting bytes would give a different answer.
fn multi_byte_chars(n: usize, c: char) -> String {
    assert!(c.len_utf8() > 1, "the test needs a multi-byte character");
    let s = c.to_string().repeat(n);
    assert_eq!(s.chars().count(), n);
    assert_ne!(s.len(), n);
    s
}

fn violations_at<'a>(errors: &'a ValidationErrors, path: &str) -> Vec<&'a Violation> {
    errors.violations().iter().filter(|v| v.path() == path).collect()
}

/// Asserts that `content` of `content_type` is rejected with exactly one violation: the
/// per-content-type length limit `1..=max`, with its condition.
fn assert_too_long(content_type: &str, content: String, max: u64, condition: &str) {
    let actual = content.chars().count() as u64;
    let errors = input(content_type, content).validate().expect_err("content is too long");
    assert_eq!(errors.shape(), "SendMessageInput");
    assert_eq!(errors.violations().len(), 1, "{errors}");
    let violation = &errors.violations()[0];
    assert_eq!(violation.path(), "Content");
    assert_eq!(violation.rule(), &Rule::Length { unit: LengthUnit::Characters, min: Some(1), max: Some(max), actual });
    assert_eq!(violation.condition(), Some(condition));
    assert_eq!(
        violation.to_string(),
        format!("Content: length must be between 1 and {max} characters when {condition}, got {actual}")
    );
}

#[test]
fn text_plain_takes_1024_characters_counted_as_characters() {
    assert_eq!(input("text/plain", multi_byte_chars(1024, 'é')).validate(), Ok(()));
    assert_eq!(input("text/plain", multi_byte_chars(1024, '😀')).validate(), Ok(()));
    assert_eq!(input("text/plain", "a".repeat(1024)).validate(), Ok(()));
}

#[test]
fn text_plain_rejects_1025_characters() {
    assert_too_long("text/plain", multi_byte_chars(1025, 'é'), 1024, PLAIN_OR_MARKDOWN);
    assert_too_long("text/plain", "a".repeat(1025), 1024, PLAIN_OR_MARKDOWN);
}

#[test]
fn text_markdown_takes_1024_characters() {
    assert_eq!(input("text/markdown", multi_byte_chars(1024, '😀')).validate(), Ok(()));
}

#[test]
fn text_markdown_rejects_1025_characters() {
    assert_too_long("text/markdown", multi_byte_chars(1025, '😀'), 1024, PLAIN_OR_MARKDOWN);
}

#[test]
fn application_json_takes_12000_characters() {
    assert_eq!(input("application/json", multi_byte_chars(12000, 'é')).validate(), Ok(()));
}

#[test]
fn application_json_rejects_12001_characters() {
    assert_too_long("application/json", multi_byte_chars(12001, 'é'), 12000, JSON);
}

#[test]
fn interactive_response_takes_12288_characters() {
    assert_eq!(input(INTERACTIVE_TYPE, multi_byte_chars(12288, '😀')).validate(), Ok(()));
}

#[test]
fn interactive_response_rejects_12289_characters() {
    assert_too_long(INTERACTIVE_TYPE, multi_byte_chars(12289, '😀'), 12288, INTERACTIVE);
}

#[test]
fn json_limit_does_not_apply_to_text_plain() {
    // 1025..=12000 characters: fine for JSON, too long for text/plain.
    let content = multi_byte_chars(2000, 'é');
    assert_eq!(input("application/json", content.clone()).validate(), Ok(()));
    assert!(input("text/plain", content).validate().is_err());
}

#[test]
fn unknown_content_type_is_rejected_with_the_allowed_values() {
    let errors = input("text/html", "<p>hi</p>").validate().expect_err("text/html is not allowed");
    assert_eq!(errors.violations().len(), 1, "{errors}");
    let violation = &errors.violations()[0];
    assert_eq!(violation.path(), "ContentType");
    assert_eq!(violation.condition(), None);
    match violation.rule() {
        Rule::OneOf { allowed, actual } => {
            assert_eq!(
                *allowed,
                [
                    "text/plain",
                    "text/markdown",
                    "application/json",
                    "application/vnd.amazonaws.connect.message.interactive.response",
                ]
            );
            assert_eq!(actual.as_deref(), Some("text/html"));
        }
        other => panic!("expected a OneOf rule, got {other:?}"),
    }
    let text = errors.to_string();
    for allowed in ["text/plain", "text/markdown", "application/json", INTERACTIVE_TYPE] {
        assert!(text.contains(allowed), "{text:?} should name {allowed}");
    }
    assert!(text.contains("\"text/html\""), "{text:?} should name the rejected value");
}

#[test]
fn content_type_is_case_sensitive() {
    let errors = input("Text/Plain", "hi").validate().expect_err("not an allowed value");
    assert!(errors.has_violation_at("ContentType"), "{errors}");
}

#[test]
fn empty_content_is_rejected() {
    for content_type in ["text/plain", "text/markdown", "application/json", INTERACTIVE_TYPE] {
        let errors = input(content_type, "").validate().expect_err("empty content");
        let content = violations_at(&errors, "Content");
        assert!(!content.is_empty(), "{content_type}: {errors}");
        for violation in content {
            match violation.rule() {
                Rule::Length { unit: LengthUnit::Characters, min: Some(1), actual: 0, .. } => {}
                other => panic!("{content_type}: expected a minimum length of 1, got {other:?}"),
            }
        }
        assert!(errors.violations().iter().all(|v| v.path() == "Content"), "{errors}");
    }
}

#[test]
fn empty_content_is_reported_once() {
    let errors = input("text/plain", "").validate().expect_err("empty content");
    assert_eq!(violations_at(&errors, "Content").len(), 1, "{errors}");
}

#[test]
fn connection_token_length_is_checked() {
    let errors = SendMessageInput::builder()
        .content_type("text/plain")
        .content("hi")
        .connection_token("")
        .build()
        .unwrap()
        .validate()
        .expect_err("empty token");
    assert_eq!(errors.violations().len(), 1);
    assert_eq!(errors.violations()[0].path(), "ConnectionToken");
    assert_eq!(
        errors.violations()[0].rule(),
        &Rule::Length { unit: LengthUnit::Characters, min: Some(1), max: Some(1000), actual: 0 }
    );
}

#[test]
fn client_token_of_500_characters_is_valid_and_501_is_not() {
    let with_token = |token: String| {
        SendMessageInput::builder()
            .content_type("text/plain")
            .content("hi")
            .connection_token("connection-token")
            .client_token(token)
            .build()
            .unwrap()
    };
    assert_eq!(with_token(multi_byte_chars(500, 'é')).validate(), Ok(()));
    let errors = with_token(multi_byte_chars(501, 'é')).validate().expect_err("too long");
    assert_eq!(errors.violations().len(), 1);
    assert_eq!(errors.violations()[0].path(), "ClientToken");
    assert_eq!(
        errors.violations()[0].rule(),
        &Rule::Length { unit: LengthUnit::Characters, min: Some(0), max: Some(500), actual: 501 }
    );
}
