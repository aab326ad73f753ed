//! SendChannelMessage: byte limits by message type, CONTROL without metadata, ARN patterns, and
//! the paths of violations in nested members.

use chatsmith_chime_sdk_messaging::error::{LengthUnit, Rule, Validate, ValidationErrors, Violation};
use chatsmith_chime_sdk_messaging::operation::send_channel_message::SendChannelMessageInput;
use chatsmith_chime_sdk_messaging::operation::send_channel_message::builders::SendChannelMessageInputBuilder;
use chatsmith_chime_sdk_messaging::types::{
    ChannelMessagePersistenceType, ChannelMessageType, MessageAttributeValue, PushNotificationConfiguration,
    PushNotificationType, Target,
};

const CHANNEL_ARN: &str = "arn:aws:chime:us-east-1:111122223333:app-instance/a1b2c3/channel/c4d5e6";
const BEARER_ARN: &str = "arn:aws:chime:us-east-1:111122223333:app-instance/a1b2c3/user/alice";
const ARN_PATTERN: &str =
    r"^arn:[a-z0-9-\.]{1,63}:[a-z0-9-\.]{0,63}:[a-z0-9-\.]{0,63}:[a-z0-9-\.]{0,63}:[^/].{0,1023}$";

fn message(r#type: ChannelMessageType, content: impl Into<String>) -> SendChannelMessageInputBuilder {
    SendChannelMessageInput::builder()
        .channel_arn(CHANNEL_ARN)
        .chime_bearer(BEARER_ARN)
        .content(content)
        .r#type(r#type)
        .persistence(ChannelMessagePersistenceType::Persistent)
}

fn standard(content: impl Into<String>) -> SendChannelMessageInputBuilder {
    message(ChannelMessageType::Standard, content)
}

fn validate(builder: SendChannelMessageInputBuilder) -> Result<(), ValidationErrors> {
    builder.build().expect("every required member is set").validate()
}

/// A string of exactly `bytes` bytes of UTF-8, mostly two-byte characters, so that its
/// character count differs from its byte count.
fn utf8_bytes(bytes: usize) -> String {
    let mut s = "é".repeat(bytes / 2);
    if bytes % 2 == 1 {
        s.push('a');
    }
    assert_eq!(s.len(), bytes);
    assert_ne!(s.chars().count(), bytes);
    s
}

fn single_violation(errors: &ValidationErrors) -> &Violation {
    assert_eq!(errors.violations().len(), 1, "{errors}");
    &errors.violations()[0]
}

fn assert_pattern(violation: &Violation, path: &str) {
    assert_eq!(violation.path(), path);
    assert_eq!(violation.rule(), &Rule::Pattern { pattern: ARN_PATTERN });
}

#[test]
fn a_plain_standard_message_is_valid() {
    // Also proves that the ARN patterns compile: a pattern that does not compile matches nothing.
    assert_eq!(validate(standard("Hello!")), Ok(()));
}

#[test]
fn standard_content_of_4096_bytes_is_valid() {
    assert_eq!(validate(standard(utf8_bytes(4096))), Ok(()));
}

#[test]
fn standard_content_of_4097_bytes_is_rejected() {
    let errors = validate(standard(utf8_bytes(4097))).expect_err("4097 bytes");
    let violation = single_violation(&errors);
    assert_eq!(violation.path(), "Content");
    assert_eq!(violation.rule(), &Rule::Length { unit: LengthUnit::Bytes, min: None, max: Some(4096), actual: 4097 });
    assert_eq!(violation.condition(), Some("Type is STANDARD"));
    assert_eq!(violation.to_string(), "Content: length must be at most 4096 bytes when Type is STANDARD, got 4097");
}

#[test]
fn standard_limit_counts_bytes_not_characters() {
    // 4096 characters, 8192 bytes.
    let errors = validate(standard("é".repeat(4096))).expect_err("8192 bytes");
    let violation = single_violation(&errors);
    assert_eq!(violation.rule(), &Rule::Length { unit: LengthUnit::Bytes, min: None, max: Some(4096), actual: 8192 });
}

#[test]
fn control_content_of_30_bytes_is_valid() {
    assert_eq!(validate(message(ChannelMessageType::Control, utf8_bytes(30))), Ok(()));
}

#[test]
fn control_content_of_31_bytes_is_rejected() {
    let errors = validate(message(ChannelMessageType::Control, utf8_bytes(31))).expect_err("31 bytes");
    let violation = single_violation(&errors);
    assert_eq!(violation.path(), "Content");
    assert_eq!(violation.rule(), &Rule::Length { unit: LengthUnit::Bytes, min: None, max: Some(30), actual: 31 });
    assert_eq!(violation.condition(), Some("Type is CONTROL"));
}

#[test]
fn empty_content_is_rejected() {
    let errors = validate(standard("")).expect_err("empty content");
    let violation = single_violation(&errors);
    assert_eq!(violation.path(), "Content");
    assert_eq!(violation.rule(), &Rule::Length { unit: LengthUnit::Characters, min: Some(1), max: None, actual: 0 });
}

#[test]
fn control_message_with_metadata_is_rejected() {
    let builder = message(ChannelMessageType::Control, "ping").metadata("{}");
    let errors = validate(builder).expect_err("CONTROL carries no metadata");
    let violation = single_violation(&errors);
    assert_eq!(violation.path(), "Metadata");
    assert_eq!(violation.rule(), &Rule::Forbidden);
    assert_eq!(violation.condition(), Some("Type is CONTROL"));
    assert_eq!(violation.to_string(), "Metadata: must not be set when Type is CONTROL");
}

#[test]
fn standard_message_with_metadata_is_valid() {
    assert_eq!(validate(standard("Hello!").metadata(r#"{"attachment":"s3://b/k"}"#)), Ok(()));
}

#[test]
fn channel_arn_must_match_the_model_pattern() {
    for bad in ["channel-42", "arn:aws:chime:us-east-1:111122223333:/starts-with-slash", "ARN:aws:chime:x:y:z"] {
        let errors = validate(standard("Hello!").channel_arn(bad)).expect_err(bad);
        assert_pattern(single_violation(&errors), "ChannelArn");
    }
}

#[test]
fn chime_bearer_must_match_the_model_pattern() {
    let errors = validate(standard("Hello!").chime_bearer("alice")).expect_err("not an ARN");
    assert_pattern(single_violation(&errors), "ChimeBearer");
    assert!(errors.to_string().contains(ARN_PATTERN), "{errors}");
}

#[test]
fn too_short_arn_breaks_length_and_pattern() {
    let errors = validate(standard("Hello!").channel_arn("arn")).expect_err("too short");
    let rules: Vec<&Rule> = errors.violations().iter().map(Violation::rule).collect();
    assert_eq!(
        rules,
        [
            &Rule::Length { unit: LengthUnit::Characters, min: Some(5), max: Some(1600), actual: 3 },
            &Rule::Pattern { pattern: ARN_PATTERN },
        ]
    );
    assert!(errors.violations().iter().all(|v| v.path() == "ChannelArn"));
}

#[test]
fn push_notification_title_too_long_has_a_nested_path() {
    let push = PushNotificationConfiguration::builder()
        .title("t".repeat(51))
        .body("body")
        .r#type(PushNotificationType::Default)
        .build();
    let errors = validate(standard("Hello!").push_notification(push)).expect_err("title too long");
    let violation = single_violation(&errors);
    assert_eq!(violation.path(), "PushNotification.Title");
    assert_eq!(
        violation.rule(),
        &Rule::Length { unit: LengthUnit::Characters, min: Some(1), max: Some(50), actual: 51 }
    );
}

#[test]
fn push_notification_title_of_50_characters_is_valid() {
    let push = PushNotificationConfiguration::builder().title("😀".repeat(50)).build();
    assert_eq!(validate(standard("Hello!").push_notification(push)), Ok(()));
}

#[test]
fn target_takes_exactly_one_item() {
    let target = |name: &str| {
        Target::builder()
            .member_arn(format!("arn:aws:chime:us-east-1:111122223333:app-instance/a1b2c3/user/{name}"))
            .build()
    };
    assert_eq!(validate(standard("Hello!").target(target("bob"))), Ok(()));

    let errors = validate(standard("Hello!").target(target("bob")).target(target("carol"))).expect_err("two targets");
    let violation = single_violation(&errors);
    assert_eq!(violation.path(), "Target");
    assert_eq!(violation.rule(), &Rule::Length { unit: LengthUnit::Items, min: Some(1), max: Some(1), actual: 2 });

    let errors = validate(standard("Hello!").set_target(Some(Vec::new()))).expect_err("no target");
    assert_eq!(
        single_violation(&errors).rule(),
        &Rule::Length { unit: LengthUnit::Items, min: Some(1), max: Some(1), actual: 0 }
    );
}

#[test]
fn invalid_target_member_arn_has_an_indexed_path() {
    let target = Target::builder().member_arn("bob@example.com").build();
    let errors = validate(standard("Hello!").target(target)).expect_err("not an ARN");
    assert_pattern(single_violation(&errors), "Target[0].MemberArn");
}

#[test]
fn invalid_message_attribute_value_under_a_sensitive_key_hides_the_key() {
    let key = "patient-diagnosis-KEYMARKER";
    let value = MessageAttributeValue::builder().string_values("").build();
    let errors = validate(standard("Hello!").message_attributes(key, value)).expect_err("empty string value");
    let violation = single_violation(&errors);
    assert_eq!(violation.path(), "MessageAttributes[<redacted>].StringValues[0]");
    assert_eq!(
        violation.rule(),
        &Rule::Length { unit: LengthUnit::Characters, min: Some(1), max: Some(512), actual: 0 }
    );
    for text in [errors.to_string(), format!("{errors:?}"), format!("{errors:#?}")] {
        assert!(!text.contains("KEYMARKER"), "the sensitive key leaked: {text}");
    }
}

#[test]
fn too_long_message_attribute_key_is_reported_without_the_key() {
    let key = format!("KEYMARKER{}", "k".repeat(60));
    let value = MessageAttributeValue::builder().string_values("v").build();
    let errors =
        validate(standard("Hello!").message_attributes(key, value)).expect_err("key longer than 64 characters");
    let violation = single_violation(&errors);
    assert_eq!(violation.path(), "MessageAttributes[<redacted>]");
    assert_eq!(
        violation.rule(),
        &Rule::Length { unit: LengthUnit::Characters, min: Some(1), max: Some(64), actual: 69 }
    );
    assert!(!errors.to_string().contains("KEYMARKER"));
    assert!(!format!("{errors:?}").contains("KEYMARKER"));
}

#[test]
fn client_request_token_is_optional_but_checked_when_set() {
    assert_eq!(validate(standard("Hello!").client_request_token("token-1_A")), Ok(()));
    let errors =
        validate(standard("Hello!").client_request_token("has spaces")).expect_err("spaces are outside the pattern");
    let violation = single_violation(&errors);
    assert_eq!(violation.path(), "ClientRequestToken");
    assert_eq!(violation.rule(), &Rule::Pattern { pattern: "^[-_a-zA-Z0-9]*$" });
}

#[test]
fn nested_structures_validate_on_their_own() {
    let target = Target::builder().member_arn("bob").build();
    let errors = target.validate().expect_err("not an ARN");
    assert_eq!(errors.shape(), "Target");
    let paths: Vec<&str> = errors.violations().iter().map(Violation::path).collect();
    assert_eq!(paths, ["MemberArn", "MemberArn"], "{errors}");
    assert_eq!(errors.violations()[1].rule(), &Rule::Pattern { pattern: ARN_PATTERN });
}

#[test]
fn arn_pattern_dot_excludes_every_ecma_262_line_terminator() {
    for terminator in ["\n", "\r", "\u{2028}", "\u{2029}"] {
        let arn = format!("arn:aws:chime:us-east-1:111122223333:app-instance{terminator}x");
        let errors = validate(standard("Hello!").channel_arn(arn)).expect_err(&format!("{terminator:?}"));
        assert_pattern(single_violation(&errors), "ChannelArn");
    }
}
