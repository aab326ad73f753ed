//! The three operations on the wire, against a real HTTP server on loopback, compared with the
//! requests the official AWS SDK for Rust sent (`../shared/reference-wire/*.txt`): method, path
//! (the channel ARN label percent-encoded), bearer header, `content-type` and the JSON body
//! (compared as JSON, the idempotency token aside). Also: generated idempotency tokens are
//! RFC 4122 version-4 UUIDs, fresh per call; a caller's token is sent unchanged.

mod wire_support;

use chatsmith_chime_sdk_messaging as chime;
use chatsmith_connectparticipant as connect;
use chatsmith_contract_tests::shared_dir;
use connect::client::test_util::{FakeResponse, FakeService, RecordedRequest};
use std::path::PathBuf;
use wire_support::*;

fn captures_dir(test: &str) -> Option<PathBuf> {
    shared_dir(test).map(|dir| dir.join("reference-wire"))
}

/// Asserts that `sent` matches `capture` in everything a compatible client must match.
fn assert_matches_capture(sent: &RecordedRequest, capture: &Capture, bearer: &str, token_member: &str) {
    let file = &capture.file;
    assert_eq!(sent.method.as_str(), capture.method, "{file}: method");
    assert_eq!(sent.path_and_query, capture.path, "{file}: path");
    assert!(capture.header(bearer).is_some(), "{file}: the capture has {bearer}");
    assert_eq!(sent.header(bearer), capture.header(bearer), "{file}: {bearer}");
    assert_eq!(capture.header("content-type"), Some("application/json"), "{file}");
    assert_eq!(sent.header("content-type"), Some("application/json"), "{file}: content-type");
    assert_eq!(
        sent.header("content-length").and_then(|v| v.parse::<usize>().ok()),
        Some(sent.body.len()),
        "{file}: content-length"
    );

    let body =
        sent.body_json().unwrap_or_else(|| panic!("{file}: the body we sent is not JSON: {:?}", sent.body_str()));
    assert!(capture.body_str(token_member).is_some(), "{file}: the capture carries {token_member}");
    let token = body.get(token_member).and_then(serde_json::Value::as_str);
    let token = token.unwrap_or_else(|| panic!("{file}: our body has no {token_member}: {body}"));
    assert!(is_v4_uuid(token), "{file}: {token_member} {token:?} is not an RFC 4122 version-4 UUID");
    assert_eq!(
        without(&body, token_member),
        without(&capture.body, token_member),
        "{file}: body, {token_member} aside"
    );
}

#[tokio::test]
async fn send_message_matches_the_reference_captures() {
    let Some(dir) = captures_dir("send_message_matches_the_reference_captures") else { return };
    for file in ["send_message.txt", "send_message.sigv4.txt"] {
        let capture = Capture::read(&dir, file);
        let fake = FakeService::start().await;
        fake.enqueue(
            FakeResponse::json(200, r#"{"Id":"m-1","AbsoluteTime":"2019-11-08T02:41:28.172Z"}"#).request_id("r-1"),
        );
        let client = connect_client(&fake);
        let output = client
            .send_message()
            .content_type(capture.body_str("ContentType").expect("ContentType"))
            .content(capture.body_str("Content").expect("Content"))
            .connection_token(capture.header("x-amz-bearer").expect("x-amz-bearer"))
            .send()
            .await
            .unwrap_or_else(|e| panic!("{file}: {e}"));
        assert_eq!(output.id(), Some("m-1"));
        assert_eq!(output.absolute_time(), Some("2019-11-08T02:41:28.172Z"));
        assert_eq!(output.request_id(), Some("r-1"));
        assert_eq!(fake.request_count(), 1);
        assert_matches_capture(&fake.last_request().expect("a request"), &capture, "x-amz-bearer", "ClientToken");
    }
}

#[tokio::test]
async fn send_event_matches_the_reference_captures() {
    let Some(dir) = captures_dir("send_event_matches_the_reference_captures") else { return };
    for file in ["send_event.txt", "send_event.sigv4.txt"] {
        let capture = Capture::read(&dir, file);
        assert!(capture.body.get("Content").is_none(), "{file}: a typing event without Content");
        let fake = FakeService::start().await;
        fake.enqueue(
            FakeResponse::json(200, r#"{"Id":"e-1","AbsoluteTime":"2019-11-08T02:41:28.172Z"}"#).request_id("r-2"),
        );
        let client = connect_client(&fake);
        let output = client
            .send_event()
            .content_type(capture.body_str("ContentType").expect("ContentType"))
            .connection_token(capture.header("x-amz-bearer").expect("x-amz-bearer"))
            .send()
            .await
            .unwrap_or_else(|e| panic!("{file}: {e}"));
        assert_eq!(output.id(), Some("e-1"));
        assert_eq!(output.request_id(), Some("r-2"));
        assert_eq!(fake.request_count(), 1);
        assert_matches_capture(&fake.last_request().expect("a request"), &capture, "x-amz-bearer", "ClientToken");
    }
}

#[tokio::test]
async fn send_channel_message_matches_the_reference_capture() {
    let Some(dir) = captures_dir("send_channel_message_matches_the_reference_capture") else { return };
    let capture = Capture::read(&dir, "send_channel_message.txt");
    let label = capture
        .path
        .strip_prefix("/channels/")
        .and_then(|rest| rest.strip_suffix("/messages"))
        .expect("the capture's path is /channels/{ChannelArn}/messages");
    assert!(label.contains("%3A") && label.contains("%2F"), "the capture encodes `:` and `/` in the label");
    let channel_arn = percent_decode(label);
    assert_eq!(channel_arn, CHANNEL_ARN);

    let fake = FakeService::start().await;
    fake.enqueue(
        FakeResponse::json(201, format!(r#"{{"ChannelArn":"{channel_arn}","MessageId":"msg-1"}}"#)).request_id("r-3"),
    );
    let client = chime_client(&fake);
    let output = client
        .send_channel_message()
        .channel_arn(channel_arn.as_str())
        .content(capture.body_str("Content").expect("Content"))
        .r#type(capture.body_str("Type").expect("Type"))
        .persistence(capture.body_str("Persistence").expect("Persistence"))
        .chime_bearer(capture.header("x-amz-chime-bearer").expect("x-amz-chime-bearer"))
        .send()
        .await
        .unwrap_or_else(|e| panic!("send_channel_message.txt: {e}"));
    assert_eq!(output.message_id(), Some("msg-1"));
    assert_eq!(output.channel_arn(), Some(CHANNEL_ARN));
    assert_eq!(output.request_id(), Some("r-3"));
    assert_eq!(fake.request_count(), 1);
    let sent = fake.last_request().expect("a request");
    assert_matches_capture(&sent, &capture, "x-amz-chime-bearer", "ClientRequestToken");

    // Signed like the capture: same algorithm and credential scope (date, region, service).
    let ours = sent.header("authorization").expect("a signed request");
    let theirs = capture.header("authorization").expect("the capture is signed");
    let scope = |auth: &str| -> String {
        let credential = auth.split("Credential=").nth(1).and_then(|c| c.split(',').next()).expect("Credential=");
        credential.split_once('/').expect("key id/scope").1.split_once('/').expect("date/rest").1.to_owned()
    };
    assert!(ours.starts_with("AWS4-HMAC-SHA256 "), "{ours}");
    assert_eq!(scope(ours), scope(theirs));
    assert_eq!(scope(ours), "us-east-1/chime/aws4_request");
}

#[tokio::test]
async fn the_channel_arn_label_escapes_every_reserved_byte() {
    // As the Smithy case RestJsonHttpRequestLabelEscaping: every byte but A-Z a-z 0-9 - . _ ~ is
    // escaped, `/` included (the label is not greedy).
    let fake = FakeService::start().await;
    fake.enqueue(FakeResponse::json(201, "{}"));
    let client = chime_client(&fake);
    let arn = "arn:aws:chime:us-east-1:123:app-instance/a-b.c_d~e/channel/ %:/?#[]@!$&'()*+,;=\u{1F639}";
    hello_channel_message(&client).channel_arn(arn).send().await.unwrap();
    assert_eq!(
        fake.last_request().expect("a request").path_and_query,
        "/channels/arn%3Aaws%3Achime%3Aus-east-1%3A123%3Aapp-instance%2Fa-b.c_d~e%2Fchannel%2F\
         %20%25%3A%2F%3F%23%5B%5D%40%21%24%26%27%28%29%2A%2B%2C%3B%3D%F0%9F%98%B9/messages"
    );
}

// --- idempotency tokens ------------------------------------------------------------------------

fn token_of(request: &RecordedRequest, member: &str) -> String {
    let body = request.body_json().expect("a JSON body");
    body.get(member).and_then(serde_json::Value::as_str).unwrap_or_else(|| panic!("no {member} in {body}")).to_owned()
}

fn assert_fresh_v4_tokens(requests: &[RecordedRequest], member: &str) {
    assert_eq!(requests.len(), 2);
    let first = token_of(&requests[0], member);
    let second = token_of(&requests[1], member);
    assert!(is_v4_uuid(&first), "{member} {first:?} is not an RFC 4122 version-4 UUID");
    assert!(is_v4_uuid(&second), "{member} {second:?} is not an RFC 4122 version-4 UUID");
    assert_ne!(first, second, "each call gets its own {member}");
}

#[test]
fn the_uuid_check_itself_is_strict() {
    assert!(is_v4_uuid("6e2c9de7-08da-45bd-aba9-e5e6f8fdc794"));
    // The official SDK's tokens of the captures: variant digit `c`, outside 8-b.
    assert!(!is_v4_uuid("956844c2-43fa-4a67-c38a-9117fa2be56e"));
    assert!(!is_v4_uuid("52976f6e-04b8-4c6c-c15b-5935f1d9301a"));
    assert!(!is_v4_uuid("6e2c9de7-08da-15bd-aba9-e5e6f8fdc794"), "version 1");
    assert!(!is_v4_uuid("6E2C9DE7-08DA-45BD-ABA9-E5E6F8FDC794"), "upper case");
    assert!(!is_v4_uuid("6e2c9de708da45bdaba9e5e6f8fdc794"), "no hyphens");
}

#[tokio::test]
async fn generated_tokens_are_fresh_v4_uuids_on_every_operation() {
    let fake = FakeService::start().await;
    fake.enqueue_all((0..4).map(|_| FakeResponse::json(200, "{}")));
    let client = connect_client(&fake);
    hello_message(&client).send().await.unwrap();
    hello_message(&client).send().await.unwrap();
    assert_fresh_v4_tokens(&fake.requests(), "ClientToken");
    fake.clear_requests();
    typing_event(&client).send().await.unwrap();
    typing_event(&client).send().await.unwrap();
    assert_fresh_v4_tokens(&fake.requests(), "ClientToken");

    let fake = FakeService::start().await;
    fake.enqueue_all((0..2).map(|_| FakeResponse::json(201, "{}")));
    let client = chime_client(&fake);
    hello_channel_message(&client).send().await.unwrap();
    hello_channel_message(&client).send().await.unwrap();
    assert_fresh_v4_tokens(&fake.requests(), "ClientRequestToken");
}

#[tokio::test]
async fn a_token_set_by_the_caller_is_sent_unchanged() {
    let fake = FakeService::start().await;
    fake.enqueue_all((0..2).map(|_| FakeResponse::json(200, "{}")));
    let client = connect_client(&fake);
    hello_message(&client).client_token("caller-token-1").send().await.unwrap();
    typing_event(&client).client_token("caller-token-2").send().await.unwrap();
    let requests = fake.requests();
    assert_eq!(token_of(&requests[0], "ClientToken"), "caller-token-1");
    assert_eq!(token_of(&requests[1], "ClientToken"), "caller-token-2");

    let fake = FakeService::start().await;
    fake.enqueue(FakeResponse::json(201, "{}"));
    let client = chime_client(&fake);
    hello_channel_message(&client).client_request_token("caller-token-3").send().await.unwrap();
    assert_eq!(token_of(&fake.requests()[0], "ClientRequestToken"), "caller-token-3");
}

#[tokio::test]
async fn the_error_of_a_sent_request_names_the_token_it_carried() {
    let fake = FakeService::start().await;
    fake.enqueue(FakeResponse::error(400, "ValidationException", "bad"));
    let client = connect_client(&fake);
    let err = hello_message(&client).send().await.unwrap_err();
    let sent = token_of(&fake.requests()[0], "ClientToken");
    assert_eq!(err.idempotency_token(), Some(sent.as_str()));

    let fake = FakeService::start().await;
    fake.enqueue(FakeResponse::error(400, "BadRequestException", "bad"));
    let client = chime_client(&fake);
    let err: chime::error::SdkError<_> = hello_channel_message(&client).send().await.unwrap_err();
    let sent = token_of(&fake.requests()[0], "ClientRequestToken");
    assert_eq!(err.idempotency_token(), Some(sent.as_str()));
}
