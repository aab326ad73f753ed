//! Refused before sending, counted at a real HTTP server on loopback: an input that breaks the
//! model sends nothing (unless `Validation::Off`), a missing required member fails `send()` with
//! a `BuildError` naming it, and a header value with CR/LF is refused naming the member and
//! without repeating the value.

mod wire_support;

use chatsmith_chime_sdk_messaging as chime;
use chatsmith_connectparticipant as connect;
use chime::types::ChannelMessageType;
use connect::client::Validation;
use connect::client::test_util::{FakeResponse, FakeService};
use connect::error::{InvalidInput, SdkError};
use wire_support::*;

#[tokio::test]
async fn text_plain_of_1025_characters_sends_nothing_and_names_the_member() {
    let fake = FakeService::start().await;
    fake.enqueue(FakeResponse::json(200, "{}"));
    let client = connect_client(&fake);
    let err = hello_message(&client).content("a".repeat(1025)).send().await.unwrap_err();
    assert_eq!(fake.request_count(), 0, "nothing is sent");
    assert_eq!(err.attempts(), 0);
    let SdkError::InvalidInput(InvalidInput::Validation(errors)) = &err else {
        panic!("expected a validation error: {err:?}")
    };
    assert!(errors.has_violation_at("Content"), "{errors}");
    assert_eq!(errors.violations().len(), 1, "{errors}");
    let text = err.to_string();
    assert!(text.contains("Content") && text.contains("1024") && text.contains("1025"), "{text}");

    // 1024 characters are fine.
    hello_message(&client).content("a".repeat(1024)).send().await.unwrap();
    assert_eq!(fake.request_count(), 1);
}

#[tokio::test]
async fn validation_off_sends_what_the_model_forbids() {
    let fake = FakeService::start().await;
    fake.enqueue_all([FakeResponse::json(200, r#"{"Id":"m-1"}"#), FakeResponse::json(201, "{}")]);
    let client = connect::Client::from_conf(connect_config(&fake).validation(Validation::Off).build());
    let output = hello_message(&client).content("a".repeat(1025)).send().await.unwrap();
    assert_eq!(output.id(), Some("m-1"));
    assert_eq!(fake.request_count(), 1);
    let body = fake.last_request().unwrap().body_json().unwrap();
    assert_eq!(body["Content"].as_str().map(str::len), Some(1025));

    let client = chime::Client::from_conf(chime_config(&fake).validation(Validation::Off).build());
    hello_channel_message(&client).r#type(ChannelMessageType::Control).content("x".repeat(31)).send().await.unwrap();
    assert_eq!(fake.request_count(), 2);
}

#[tokio::test]
async fn invalid_send_event_and_send_channel_message_send_nothing() {
    let fake = FakeService::start().await;
    let client = connect_client(&fake);
    let err =
        client.send_event().content_type("application/x-unknown").connection_token("tok").send().await.unwrap_err();
    let SdkError::InvalidInput(InvalidInput::Validation(errors)) = &err else {
        panic!("expected a validation error: {err:?}")
    };
    assert!(errors.has_violation_at("ContentType"), "{errors}");
    // A read receipt needs a JSON object with a `messageId`.
    let err = client
        .send_event()
        .content_type("application/vnd.amazonaws.connect.event.message.read")
        .content("not json")
        .connection_token("tok")
        .send()
        .await
        .unwrap_err();
    let SdkError::InvalidInput(InvalidInput::Validation(errors)) = &err else {
        panic!("expected a validation error: {err:?}")
    };
    assert!(errors.has_violation_at("Content"), "{errors}");

    let client = chime_client(&fake);
    let err = hello_channel_message(&client).content("x".repeat(4097)).send().await.unwrap_err();
    let SdkError::InvalidInput(InvalidInput::Validation(errors)) = &err else {
        panic!("expected a validation error: {err:?}")
    };
    assert!(errors.has_violation_at("Content"), "{errors}");
    let err = hello_channel_message(&client)
        .r#type(ChannelMessageType::Control)
        .content("x".repeat(31))
        .send()
        .await
        .unwrap_err();
    let SdkError::InvalidInput(InvalidInput::Validation(errors)) = &err else {
        panic!("expected a validation error: {err:?}")
    };
    assert!(errors.has_violation_at("Content"), "{errors}");
    assert_eq!(fake.request_count(), 0, "nothing is sent");
}

#[tokio::test]
async fn a_missing_required_member_fails_send_with_a_build_error_naming_it() {
    let fake = FakeService::start().await;
    let client = connect_client(&fake);

    let err = client.send_message().content("hello").connection_token("tok").send().await.unwrap_err();
    let SdkError::InvalidInput(InvalidInput::Build(build)) = &err else { panic!("expected a build error: {err:?}") };
    assert_eq!(build.missing_members(), ["ContentType"]);
    assert!(err.to_string().contains("ContentType"), "{err}");

    let err = client.send_message().content_type("text/plain").content("hello").send().await.unwrap_err();
    let SdkError::InvalidInput(InvalidInput::Build(build)) = &err else { panic!("expected a build error: {err:?}") };
    assert_eq!(build.missing_members(), ["ConnectionToken"]);

    let err =
        client.send_event().content_type("application/vnd.amazonaws.connect.event.typing").send().await.unwrap_err();
    let SdkError::InvalidInput(InvalidInput::Build(build)) = &err else { panic!("expected a build error: {err:?}") };
    assert_eq!(build.missing_members(), ["ConnectionToken"]);

    let client = chime_client(&fake);
    let err = client
        .send_channel_message()
        .channel_arn(CHANNEL_ARN)
        .content("hello")
        .r#type(ChannelMessageType::Standard)
        .send()
        .await
        .unwrap_err();
    let SdkError::InvalidInput(InvalidInput::Build(build)) = &err else { panic!("expected a build error: {err:?}") };
    assert_eq!(build.missing_members(), ["Persistence", "ChimeBearer"]);
    assert!(err.to_string().contains("Persistence") && err.to_string().contains("ChimeBearer"), "{err}");
    assert_eq!(err.attempts(), 0);
    assert_eq!(fake.request_count(), 0, "nothing is sent");
}

#[tokio::test]
async fn a_line_break_in_a_header_value_is_refused_without_repeating_the_value() {
    let fake = FakeService::start().await;
    let client = connect_client(&fake);
    for token in ["a\r\nb", "SeCrEtToKeN\r\nX-Injected: 1", "SeCrEtToKeN\n"] {
        let err = hello_message(&client).connection_token(token).send().await.unwrap_err();
        let SdkError::InvalidInput(InvalidInput::Serialization { member, problem }) = &err else {
            panic!("expected a serialization error: {err:?}")
        };
        assert_eq!(*member, "ConnectionToken");
        let text = err.to_string();
        let debug = format!("{err:?}");
        assert!(text.contains("ConnectionToken"), "{text}");
        for shown in [&text, &debug, problem] {
            assert!(!shown.contains(token), "the value is repeated: {shown}");
            assert!(!shown.contains(&token.escape_debug().to_string()), "the value is repeated: {shown}");
            assert!(!shown.contains("SeCrEtToKeN") && !shown.contains("X-Injected"), "the value is repeated: {shown}");
        }

        let err = typing_event(&client).connection_token(token).send().await.unwrap_err();
        assert!(
            matches!(&err, SdkError::InvalidInput(InvalidInput::Serialization { member: "ConnectionToken", .. })),
            "{err:?}"
        );
        assert!(!format!("{err} {err:?}").contains("SeCrEtToKeN"), "{err:?}");
    }

    let client = chime::Client::from_conf(chime_config(&fake).validation(Validation::Off).build());
    let err = hello_channel_message(&client)
        .chime_bearer(format!("{CHIME_BEARER}\r\nX-Injected: 1"))
        .send()
        .await
        .unwrap_err();
    assert!(
        matches!(&err, SdkError::InvalidInput(InvalidInput::Serialization { member: "ChimeBearer", .. })),
        "{err:?}"
    );
    assert!(!format!("{err} {err:?}").contains("X-Injected"), "{err:?}");
    assert_eq!(fake.request_count(), 0, "nothing is sent");
}
