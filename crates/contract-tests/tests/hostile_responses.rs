//! Hostile responses through the whole client: a truncated JSON body, a wrong content type
//! (an HTML page on 200), deeply nested JSON (10,000 levels), huge numbers, invalid UTF-8, and a
//! body larger than the configured cap. Each gives a clear `SdkError::Response` (or, on an error
//! status, a service error) after one attempt: no panic, no stack overflow, and no error text
//! that echoes the body or shows a secret.

mod fault_support;
mod wire_support;

use chatsmith_chime_sdk_messaging as chime;
use chatsmith_connectparticipant as connect;
use connect::client::test_util::{FakeResponse, FakeService, http::Method};
use connect::error::SdkError;
use fault_support::*;
use std::time::Duration;
use wire_support::*;

const BODY_MARKER: &str = "BODYMARKER-77f1";

fn deep_arrays(depth: usize) -> String {
    format!("{}{}", "[".repeat(depth), "]".repeat(depth))
}

fn deep_objects(depth: usize) -> String {
    format!("{}1{}", r#"{"a":"#.repeat(depth), "}".repeat(depth))
}

/// Sends one SendMessage answered by `response`; the error must be `SdkError::Response` after
/// one attempt, clean, and its Display must contain `expected`.
async fn connect_malformed(what: &str, response: FakeResponse, expected: &str) -> String {
    let fake = FakeService::start().await;
    fake.enqueue_all([response, FakeResponse::json(200, r#"{"Id":"second"}"#)]);
    let client = connect_with(&fake, Duration::from_secs(5), retries(3));
    let err = secret_message(&client).send().await.expect_err(what);
    let SdkError::Response(response_error) = &err else { panic!("{what}: expected SdkError::Response, got {err:?}") };
    let text = err.to_string();
    assert!(text.starts_with("malformed response: "), "{what}: {text}");
    assert!(text.contains(expected), "{what}: {text:?} should say {expected:?}");
    assert_eq!(err.attempts(), 1, "{what}: a malformed response is not retried");
    assert_eq!(fake.request_count(), 1, "{what}");
    assert!(err.idempotency_token().is_some(), "{what}: the token is kept for a later retry");
    assert_clean(what, &err, &[BODY_MARKER]);
    assert_readable(what, response_error);
    text
}

#[tokio::test]
async fn a_truncated_json_body_is_a_clear_response_error() {
    let body = format!(r#"{{"Id":"{BODY_MARKER}","AbsoluteTime":"2024-"#);
    let text = connect_malformed("truncated JSON", FakeResponse::json(200, body), "ends early").await;
    assert!(text.contains("line 1"), "{text}");
    connect_malformed("a lone brace", FakeResponse::json(200, "{"), "ends early").await;
    connect_malformed("a JSON array", FakeResponse::json(200, format!(r#"["{BODY_MARKER}"]"#)), "not an object").await;
}

#[tokio::test]
async fn an_html_page_on_200_is_a_clear_response_error() {
    let page = format!("<html><head><title>{BODY_MARKER}</title></head><body>Gateway says hi</body></html>");
    let html = FakeResponse::new(200).header("content-type", "text/html; charset=utf-8").body(page.clone());
    connect_malformed("text/html on 200", html, "is not valid JSON").await;
    let plain = FakeResponse::new(200).header("content-type", "text/plain").body(format!("OK {BODY_MARKER}"));
    connect_malformed("text/plain on 200", plain, "is not valid JSON").await;

    // The same page on a 502 is an ordinary retryable server error, its page not echoed.
    let fake = FakeService::start().await;
    fake.route(Method::POST, "/participant", FakeResponse::new(502).header("content-type", "text/html").body(page));
    let client = connect_with(&fake, Duration::from_secs(5), retries(3));
    let err = secret_message(&client).send().await.unwrap_err();
    assert_eq!((err.status(), err.attempts()), (Some(502), 3));
    assert_clean("text/html on 502", &err, &[BODY_MARKER]);
}

#[tokio::test]
async fn deeply_nested_json_is_a_clear_error_without_stack_overflow() {
    connect_malformed("10,000 nested arrays", FakeResponse::json(200, deep_arrays(10_000)), "is not valid JSON").await;
    connect_malformed("10,000 nested objects", FakeResponse::json(200, deep_objects(10_000)), "is not valid JSON")
        .await;
    let in_member = format!(r#"{{"Id":"{BODY_MARKER}","MessageMetadata":{}}}"#, deep_arrays(10_000));
    connect_malformed("10,000 nested arrays in a member", FakeResponse::json(200, in_member), "is not valid JSON")
        .await;
    // 100 levels are within serde_json's limit (128): parsed, then refused for the wrong type.
    let shallow = format!(r#"{{"Id":{}}}"#, deep_arrays(100));
    connect_malformed("100 nested arrays as the Id", FakeResponse::json(200, shallow), "Id").await;

    // On an error status the error body is parsed too: no overflow, a service error.
    let fake = FakeService::start().await;
    fake.enqueue(FakeResponse::json(400, deep_arrays(100_000)).header("x-amzn-errortype", "ValidationException"));
    fake.enqueue(FakeResponse::json(400, deep_objects(100_000)));
    let client = connect_with(&fake, Duration::from_secs(5), retries(3));
    let err = secret_message(&client).send().await.unwrap_err();
    assert_eq!(send_message_variant(err.as_service_error().expect("a service error")), "ValidationException");
    assert_clean("deep 400", &err, &["[[[["]);
    let err = secret_message(&client).send().await.unwrap_err();
    assert_eq!((err.status(), err.attempts()), (Some(400), 1), "{err:?}");
    assert_clean("deep 400 without a code", &err, &["{\"a\""]);

    // Chime the same way.
    let fake = FakeService::start().await;
    fake.enqueue(FakeResponse::json(201, deep_arrays(10_000)));
    let client = chime_with(&fake, Duration::from_secs(5), retries(3));
    let err = hello_channel_message(&client).send().await.unwrap_err();
    assert!(matches!(err, SdkError::Response(_)), "{err:?}");
    assert_clean("Chime deep nesting", &err, &["[[[["]);
}

#[tokio::test]
async fn huge_numbers_are_clear_errors() {
    // The modelled outputs have no integer members; a huge number where a string is expected,
    // and numbers beyond f64, are refused with the member's name and never echoed.
    let big = "123456789012345678901234567890123456789012345678901234567890";
    let text =
        connect_malformed("a huge integer as the Id", FakeResponse::json(200, format!(r#"{{"Id":{big}}}"#)), "Id")
            .await;
    assert!(!text.contains("12345678901234567890"), "{text}");
    let text = connect_malformed("1e999999 as the Id", FakeResponse::json(200, r#"{"Id":1e999999}"#), "line 1").await;
    assert!(!text.contains("999999"), "{text}");
    let long = "9".repeat(100_000);
    // Beyond f64 range: refused by the JSON parser itself, at its position.
    let text = connect_malformed(
        "a 100,000-digit Id",
        FakeResponse::json(200, format!(r#"{{"Id":{long}}}"#)),
        "is not valid JSON",
    )
    .await;
    assert!(!text.contains("99999"), "{text}");

    // A number beyond f64 in an unknown member fails the whole response (serde_json refuses
    // it), though the service answered 200: a clear error that keeps the token for a retry.
    connect_malformed("1e400 in an unknown member", FakeResponse::json(200, r#"{"Id":"m","Extra":1e400}"#), "line 1")
        .await;

    // A huge integer (within f64) in an unknown member is ignored.
    let fake = FakeService::start().await;
    fake.enqueue(FakeResponse::json(200, format!(r#"{{"Id":"m-1","Extra":{big}}}"#)));
    let client = connect_with(&fake, Duration::from_secs(5), retries(3));
    assert_eq!(secret_message(&client).send().await.expect("an unknown member is ignored").id(), Some("m-1"));
}

#[tokio::test]
async fn invalid_utf8_is_a_clear_error() {
    let mut body = format!(r#"{{"Id":"{BODY_MARKER} "#).into_bytes();
    body.extend_from_slice(b"\xff\xfe\xc3\x28");
    body.extend_from_slice(br#""}"#);
    let fake_body = FakeResponse::new(200).header("content-type", "application/json").body(body.clone());
    connect_malformed("invalid UTF-8 in a string", fake_body, "is not valid JSON").await;
    let raw = FakeResponse::new(200).header("content-type", "application/json").body(vec![0xff; 64]);
    connect_malformed("all 0xFF", raw, "is not valid JSON").await;

    // On an error status: a service error, no panic, the bytes not echoed.
    let fake = FakeService::start().await;
    fake.enqueue(FakeResponse::new(403).header("content-type", "application/json").body(body));
    let client = connect_with(&fake, Duration::from_secs(5), retries(3));
    let err = secret_message(&client).send().await.unwrap_err();
    assert_eq!((err.status(), err.attempts()), (Some(403), 1), "{err:?}");
    assert_clean("invalid UTF-8 on 403", &err, &[BODY_MARKER]);

    // A request id that is not visible ASCII does not break the call.
    let fake = FakeService::start().await;
    fake.enqueue(FakeResponse::json(200, r#"{"Id":"m-1"}"#).header("x-amzn-requestid", "req-é-ü"));
    let client = connect_with(&fake, Duration::from_secs(5), retries(3));
    assert_eq!(secret_message(&client).send().await.expect("odd request id").id(), Some("m-1"));
}

#[tokio::test]
async fn a_body_larger_than_the_cap_is_refused_whether_declared_or_chunked() {
    const CAP: usize = 1024;
    let padding = "x".repeat(64 * 1024);
    let big = format!(r#"{{"Id":"{BODY_MARKER}{padding}"}}"#);
    let client_for = |fake: &FakeService| {
        connect::Client::from_conf(
            connect_config(fake).max_response_body_size(CAP).attempt_timeout(Duration::from_secs(5)).build(),
        )
    };
    for (what, response) in [
        ("declared length", FakeResponse::json(200, big.clone())),
        ("chunked", FakeResponse::json(200, big.clone()).slow_body(512, Duration::ZERO)),
    ] {
        let fake = FakeService::start().await;
        fake.enqueue(response);
        let client = client_for(&fake);
        let err = secret_message(&client).send().await.expect_err(what);
        assert!(matches!(err, SdkError::Response(_)), "{what}: {err:?}");
        let text = err.to_string();
        assert!(text.contains("larger than 1024 bytes"), "{what}: {text}");
        assert_eq!((err.attempts(), fake.request_count()), (1, 1), "{what}: not retried");
        assert_clean(what, &err, &[BODY_MARKER, "xxxxxxxx"]);
    }

    // Exactly at the cap is read.
    let id = "i".repeat(CAP - r#"{"Id":""}"#.len());
    let fake = FakeService::start().await;
    fake.enqueue(FakeResponse::json(200, format!(r#"{{"Id":"{id}"}}"#)));
    fake.enqueue(FakeResponse::json(200, format!(r#"{{"Id":"{id}"}}"#)).slow_body(100, Duration::ZERO));
    let client = client_for(&fake);
    assert_eq!(secret_message(&client).send().await.expect("at the cap").id().map(str::len), Some(id.len()));
    assert_eq!(secret_message(&client).send().await.expect("at the cap, chunked").id().map(str::len), Some(id.len()));

    // The default cap (4 MiB) holds against a 5 MiB body.
    let fake = FakeService::start().await;
    fake.enqueue(FakeResponse::json(200, format!(r#"{{"Id":"{}"}}"#, "y".repeat(5 * 1024 * 1024))));
    let client = connect_with(&fake, Duration::from_secs(5), retries(3));
    let err = secret_message(&client).send().await.unwrap_err();
    assert!(err.to_string().contains("larger than 4194304 bytes"), "{err}");

    // Chime the same way.
    let fake = FakeService::start().await;
    fake.enqueue(FakeResponse::json(201, big).slow_body(4096, Duration::ZERO));
    let client = chime::Client::from_conf(
        chime_config(&fake)
            .credentials(chime::client::Credentials::new(ACCESS_KEY_ID, SECRET_KEY, Some(SESSION_TOKEN.to_owned())))
            .max_response_body_size(CAP)
            .build(),
    );
    let err = hello_channel_message(&client).send().await.unwrap_err();
    assert!(matches!(err, SdkError::Response(_)), "{err:?}");
    assert_clean("Chime over the cap", &err, &[BODY_MARKER, "xxxxxxxx"]);
}

#[tokio::test]
async fn chime_hostile_bodies_are_clear_response_errors() {
    let fake = FakeService::start().await;
    let client = chime_with(&fake, Duration::from_secs(5), retries(3));
    let cases = [
        ("truncated", FakeResponse::json(201, format!(r#"{{"MessageId":"{BODY_MARKER}"#))),
        ("html", FakeResponse::new(201).header("content-type", "text/html").body(format!("<p>{BODY_MARKER}</p>"))),
        ("huge number", FakeResponse::json(201, r#"{"MessageId":1e999999}"#)),
        ("invalid UTF-8", FakeResponse::new(201).body(b"{\"MessageId\":\"\xff\"}".to_vec())),
        ("wrong type deep inside", FakeResponse::json(201, r#"{"MessageId":"m","Status":{"Value":[1,2,3]}}"#)),
    ];
    for (what, response) in cases {
        fake.clear_requests();
        fake.enqueue(response);
        let err = hello_channel_message(&client).send().await.expect_err(what);
        assert!(matches!(err, SdkError::Response(_)), "{what}: {err:?}");
        assert_eq!((err.attempts(), fake.request_count()), (1, 1), "{what}");
        assert_clean(what, &err, &[BODY_MARKER]);
    }
}

fn hostile_heads() -> [(&'static str, FakeResponse); 2] {
    let many = (0..200).fold(FakeResponse::json(200, r#"{"Id":"m"}"#), |r, i| r.header(&format!("x-h{i}"), "v"));
    let big =
        FakeResponse::json(200, r#"{"Id":"m"}"#).header("x-big", &format!("{BODY_MARKER}{}", "v".repeat(1 << 20)));
    [("200 response headers", many), ("a 1 MiB response header", big)]
}

#[tokio::test]
async fn an_oversized_response_head_ends_the_call_quickly_and_cleanly() {
    // What the client does today: hyper refuses the head ("message head is too large"); the call
    // fails with a connection error within the attempt limit, no panic, nothing echoed.
    for (what, response) in hostile_heads() {
        let fake = FakeService::start().await;
        fake.route(Method::POST, "/participant", response);
        let client = connect_with(&fake, Duration::from_secs(5), retries(3));
        let started = std::time::Instant::now();
        let err = secret_message(&client).send().await.expect_err(what);
        assert!(started.elapsed() < Duration::from_secs(3), "{what}: {:?}", started.elapsed());
        assert!(err.to_string().contains("message head is too large"), "{what}: {err}");
        assert!(err.attempts() <= 3 && fake.request_count() <= 3, "{what}: {} attempts", err.attempts());
        assert_clean(what, &err, &[BODY_MARKER, "vvvvvvvv"]);
    }
}

#[tokio::test]
async fn an_oversized_response_head_is_a_response_error_not_retried() {
    for (what, response) in hostile_heads() {
        let fake = FakeService::start().await;
        fake.route(Method::POST, "/participant", response);
        let client = connect_with(&fake, Duration::from_secs(5), retries(3));
        let err = secret_message(&client).send().await.expect_err(what);
        assert!(matches!(err, SdkError::Response(_)), "{what}: {err:?}");
        assert_eq!((err.attempts(), fake.request_count()), (1, 1), "{what}: the service answered; not retried");
    }
}

#[tokio::test]
async fn a_body_over_the_cap_keeps_the_status_and_request_id() {
    let fake = FakeService::start().await;
    let too_large = FakeResponse::json(503, "z".repeat(4096)).request_id("req-too-large");
    fake.enqueue_all([too_large.clone(), too_large.clone(), too_large]);
    let client = connect::Client::from_conf(connect_config(&fake).max_response_body_size(1024).build());
    let err = secret_message(&client).send().await.unwrap_err();
    assert!(matches!(err, SdkError::Response(_)), "{err:?}");
    assert_eq!(err.status(), Some(503), "{err:?}");
    assert_eq!(err.request_id(), Some("req-too-large"), "{err:?}");
    assert_eq!((err.attempts(), fake.request_count()), (3, 3), "a server error is retried, however large its body");
}
