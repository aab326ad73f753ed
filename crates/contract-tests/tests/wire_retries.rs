//! Retries and timeouts, counted at a real HTTP server on loopback: throttling (Connect's
//! ThrottlingException and Chime's ThrottledClientException) and 5xx responses are retried up to
//! the limit (3 attempts by default) with the same idempotency token and body bytes on every
//! attempt; 4xx errors are not; a hung server hits the configured timeout instead of hanging.

mod wire_support;

use chatsmith_chime_sdk_messaging as chime;
use chatsmith_connectparticipant as connect;
use connect::client::RetryConfig;
use connect::client::test_util::{FakeResponse, FakeService, RecordedRequest};
use connect::error::{SdkError, TimeoutKind};
use std::time::{Duration, Instant};
use wire_support::*;

fn connect_throttled() -> FakeResponse {
    FakeResponse::error(429, "ThrottlingException", "Rate exceeded").request_id("throttled")
}

fn chime_throttled() -> FakeResponse {
    FakeResponse::json(429, r#"{"Code":"Throttled","Message":"Rate exceeded"}"#)
        .header("x-amzn-errortype", "ThrottledClientException")
        .request_id("throttled")
}

/// Every request carried the same body bytes, hence the same token, which is in the body.
fn assert_same_token_and_body(requests: &[RecordedRequest], token_member: &str) -> String {
    let first = &requests[0];
    let token = first
        .body_json()
        .and_then(|b| b.get(token_member).and_then(serde_json::Value::as_str).map(str::to_owned))
        .unwrap_or_else(|| panic!("no {token_member} in the body"));
    for (i, request) in requests.iter().enumerate() {
        assert_eq!(request.body, first.body, "attempt {}: the same body bytes", i + 1);
        assert_eq!(request.path_and_query, first.path_and_query, "attempt {}", i + 1);
        let attempt = request.header("amz-sdk-request").unwrap_or_default();
        assert!(attempt.starts_with(&format!("attempt={}; ", i + 1)), "attempt {}: amz-sdk-request {attempt:?}", i + 1);
    }
    token
}

#[tokio::test]
async fn connect_throttling_is_retried_up_to_three_attempts_with_the_same_token_and_body() {
    let fake = FakeService::start().await;
    fake.enqueue_all([connect_throttled(), connect_throttled(), connect_throttled(), FakeResponse::json(200, "{}")]);
    let client = connect_client(&fake);
    let err = hello_message(&client).send().await.unwrap_err();
    assert_eq!(send_message_variant(err.as_service_error().expect("a service error")), "ThrottlingException");
    assert_eq!(err.attempts(), 3);
    assert_eq!(fake.request_count(), 3, "3 attempts by default, no more");
    let token = assert_same_token_and_body(&fake.requests(), "ClientToken");
    assert!(is_v4_uuid(&token));
    assert_eq!(err.idempotency_token(), Some(token.as_str()));
    assert!(err.to_string().contains("after 3 attempts"), "{err}");
    assert_eq!(fake.queued(), 1, "the success queued for a 4th attempt is left unused");

    // SendEvent, and a caller-set token, the same way.
    let fake = FakeService::start().await;
    let client = connect_client(&fake);
    fake.enqueue_all([connect_throttled(), connect_throttled(), connect_throttled()]);
    let err = typing_event(&client).client_token("caller-token").send().await.unwrap_err();
    assert_eq!(send_event_variant(err.as_service_error().expect("a service error")), "ThrottlingException");
    assert_eq!(fake.request_count(), 3);
    assert_eq!(assert_same_token_and_body(&fake.requests(), "ClientToken"), "caller-token");
}

#[tokio::test]
async fn connect_throttling_then_success_succeeds_within_the_limit() {
    let fake = FakeService::start().await;
    fake.enqueue_all([connect_throttled(), connect_throttled(), FakeResponse::json(200, r#"{"Id":"m-3"}"#)]);
    let client = connect_client(&fake);
    let output = hello_message(&client).send().await.unwrap();
    assert_eq!(output.id(), Some("m-3"));
    assert_eq!(fake.request_count(), 3);
    assert_same_token_and_body(&fake.requests(), "ClientToken");
}

#[tokio::test]
async fn chime_throttled_client_exception_is_retried_up_to_three_attempts_with_the_same_token_and_body() {
    let fake = FakeService::start().await;
    fake.enqueue_all([chime_throttled(), chime_throttled(), chime_throttled(), FakeResponse::json(201, "{}")]);
    let client = chime_client(&fake);
    let err = hello_channel_message(&client).send().await.unwrap_err();
    let error = err.as_service_error().expect("a service error");
    assert_eq!(send_channel_message_variant(error), "ThrottledClientException");
    assert_eq!(err.attempts(), 3);
    assert_eq!(fake.request_count(), 3, "3 attempts by default, no more");
    let requests = fake.requests();
    let token = assert_same_token_and_body(&requests, "ClientRequestToken");
    assert!(is_v4_uuid(&token));
    assert_eq!(err.idempotency_token(), Some(token.as_str()));
    for request in &requests {
        assert!(
            request.header("authorization").is_some_and(|a| a.starts_with("AWS4-HMAC-SHA256 ")),
            "every attempt is signed"
        );
    }
    assert_eq!(fake.queued(), 1, "the success queued for a 4th attempt is left unused");

    // Success on the third attempt.
    let fake = FakeService::start().await;
    let client = chime_client(&fake);
    fake.enqueue_all([chime_throttled(), chime_throttled(), FakeResponse::json(201, r#"{"MessageId":"msg-3"}"#)]);
    let output = hello_channel_message(&client).client_request_token("caller-token").send().await.unwrap();
    assert_eq!(output.message_id(), Some("msg-3"));
    assert_eq!(assert_same_token_and_body(&fake.requests(), "ClientRequestToken"), "caller-token");
}

#[tokio::test]
async fn throttling_named_only_in_the_body_is_retried_too() {
    let fake = FakeService::start().await;
    let throttled = FakeResponse::json(
        429,
        r#"{"__type":"com.amazonaws.connectparticipant#ThrottlingException","Message":"Rate exceeded"}"#,
    );
    fake.enqueue_all([throttled.clone(), throttled, FakeResponse::json(200, "{}")]);
    let client = connect_client(&fake);
    typing_event(&client).send().await.unwrap();
    assert_eq!(fake.request_count(), 3);

    let fake = FakeService::start().await;
    let throttled =
        FakeResponse::json(429, r#"{"code":"ThrottledClientException","Code":"Throttled","Message":"slow"}"#);
    fake.enqueue_all([throttled.clone(), throttled, FakeResponse::json(201, "{}")]);
    let client = chime_client(&fake);
    hello_channel_message(&client).send().await.unwrap();
    assert_eq!(fake.request_count(), 3);
    assert_same_token_and_body(&fake.requests(), "ClientRequestToken");
}

#[tokio::test]
async fn the_attempt_limit_is_configurable() {
    let fake = FakeService::start().await;
    fake.enqueue_all((0..6).map(|_| connect_throttled()));
    let client = connect::Client::from_conf(connect_config(&fake).retry(fast_retry().with_max_attempts(5)).build());
    let err = hello_message(&client).send().await.unwrap_err();
    assert_eq!(err.attempts(), 5);
    assert_eq!(fake.request_count(), 5);

    let fake = FakeService::start().await;
    fake.enqueue_all((0..3).map(|_| chime_throttled()));
    let client = chime::Client::from_conf(chime_config(&fake).retry(RetryConfig::disabled()).build());
    hello_channel_message(&client).send().await.unwrap_err();
    assert_eq!(fake.request_count(), 1);
}

#[tokio::test]
async fn server_errors_500_502_503_504_are_retried() {
    for status in [500, 502, 503, 504] {
        let fake = FakeService::start().await;
        fake.enqueue_all([
            FakeResponse::json(status, r#"{"message":"try again"}"#),
            FakeResponse::new(status).body("<html>upstream trouble</html>"),
            FakeResponse::json(200, r#"{"Id":"m-1"}"#),
        ]);
        let client = connect_client(&fake);
        let output = hello_message(&client).send().await.unwrap_or_else(|e| panic!("HTTP {status}: {e}"));
        assert_eq!(output.id(), Some("m-1"));
        assert_eq!(fake.request_count(), 3, "HTTP {status}");
        assert_same_token_and_body(&fake.requests(), "ClientToken");

        // Always 5xx: three attempts, then the error of the last one.
        let fake = FakeService::start().await;
        fake.enqueue_all((0..4).map(|_| FakeResponse::error(status, "InternalServerException", "down")));
        let client = connect_client(&fake);
        let err = typing_event(&client).send().await.unwrap_err();
        assert_eq!(err.status(), Some(status));
        assert_eq!(fake.request_count(), 3, "HTTP {status}");
    }
}

#[tokio::test]
async fn chime_server_errors_are_retried() {
    for (status, name) in [(500, "ServiceFailureException"), (503, "ServiceUnavailableException"), (502, "BadGateway")]
    {
        let fake = FakeService::start().await;
        fake.enqueue_all([
            FakeResponse::error(status, name, "later"),
            FakeResponse::json(201, r#"{"MessageId":"msg-1"}"#),
        ]);
        let client = chime_client(&fake);
        let output = hello_channel_message(&client).send().await.unwrap_or_else(|e| panic!("{name}: {e}"));
        assert_eq!(output.message_id(), Some("msg-1"));
        assert_eq!(fake.request_count(), 2, "{name}");
        assert_same_token_and_body(&fake.requests(), "ClientRequestToken");
    }
}

#[tokio::test]
async fn client_errors_are_not_retried() {
    let fake = FakeService::start().await;
    let client = connect_client(&fake);
    for (status, name) in [(400, "ValidationException"), (403, "AccessDeniedException")] {
        fake.clear_requests();
        fake.enqueue_all([FakeResponse::error(status, name, "no"), FakeResponse::json(200, "{}")]);
        let err = hello_message(&client).send().await.unwrap_err();
        assert_eq!(err.status(), Some(status));
        assert_eq!(err.attempts(), 1);
        assert_eq!(fake.request_count(), 1, "{name} is not retried");
        // Use up the success left in the queue.
        assert!(hello_message(&client).send().await.is_ok());
    }
    fake.clear_requests();
    fake.enqueue(FakeResponse::error(409, "ConflictException", "no"));
    typing_event(&client).send().await.unwrap_err();
    assert_eq!(fake.request_count(), 1, "ConflictException is not retried");

    let fake = FakeService::start().await;
    let client = chime_client(&fake);
    for (status, name) in [
        (400, "BadRequestException"),
        (401, "UnauthorizedClientException"),
        (403, "ForbiddenException"),
        (409, "ConflictException"),
    ] {
        fake.clear_requests();
        fake.enqueue(FakeResponse::error(status, name, "no"));
        let err = hello_channel_message(&client).send().await.unwrap_err();
        assert_eq!(send_channel_message_variant(err.as_service_error().expect("a service error")), name);
        assert_eq!(fake.request_count(), 1, "{name} is not retried");
    }
}

#[tokio::test]
async fn a_hung_server_hits_the_attempt_timeout_on_every_attempt() {
    let timeout = Duration::from_millis(200);
    let fake = FakeService::start().await;
    fake.enqueue_all([FakeResponse::hang(), FakeResponse::hang(), FakeResponse::hang()]);
    let client = connect::Client::from_conf(connect_config(&fake).attempt_timeout(timeout).build());
    let started = Instant::now();
    let err = hello_message(&client).send().await.unwrap_err();
    let elapsed = started.elapsed();
    let SdkError::Timeout(timeout_error) = &err else { panic!("expected a timeout, got {err:?}") };
    assert_eq!(timeout_error.kind(), TimeoutKind::Attempt);
    assert_eq!(timeout_error.after(), timeout);
    assert_eq!(err.attempts(), 3, "a timed-out attempt is retried");
    assert_eq!(fake.request_count(), 3);
    assert!(elapsed >= timeout * 3, "returned after {elapsed:?}, before three attempt timeouts");
    assert!(elapsed < timeout * 3 * 3, "returned after {elapsed:?}");
    assert_same_token_and_body(&fake.requests(), "ClientToken");
    assert!(err.to_string().contains("attempt timeout"), "{err}");

    // Chime the same way.
    let fake = FakeService::start().await;
    fake.enqueue_all([FakeResponse::hang(), FakeResponse::hang(), FakeResponse::hang()]);
    let client = chime::Client::from_conf(chime_config(&fake).attempt_timeout(timeout).build());
    let started = Instant::now();
    let err = hello_channel_message(&client).send().await.unwrap_err();
    let elapsed = started.elapsed();
    assert!(matches!(&err, SdkError::Timeout(t) if t.kind() == TimeoutKind::Attempt), "{err:?}");
    assert_eq!(fake.request_count(), 3);
    assert!(elapsed < timeout * 3 * 3, "returned after {elapsed:?}");
}

#[tokio::test]
async fn a_hung_server_hits_the_total_timeout() {
    let total = Duration::from_millis(300);
    let fake = FakeService::start().await;
    fake.enqueue_all([FakeResponse::hang(), FakeResponse::hang(), FakeResponse::hang()]);
    let client = connect::Client::from_conf(
        connect_config(&fake).attempt_timeout(Duration::from_secs(60)).total_timeout(total).build(),
    );
    let started = Instant::now();
    let err = typing_event(&client).send().await.unwrap_err();
    let elapsed = started.elapsed();
    let SdkError::Timeout(timeout_error) = &err else { panic!("expected a timeout, got {err:?}") };
    assert_eq!(timeout_error.kind(), TimeoutKind::Total);
    assert_eq!(timeout_error.after(), total);
    assert!(elapsed >= total && elapsed < total * 3, "returned after {elapsed:?}");
    assert_eq!(fake.request_count(), 1);
    assert!(err.idempotency_token().is_some_and(is_v4_uuid), "{err:?}");

    let fake = FakeService::start().await;
    fake.enqueue(FakeResponse::hang());
    let client = chime::Client::from_conf(
        chime_config(&fake).attempt_timeout(Duration::from_secs(60)).total_timeout(total).build(),
    );
    let started = Instant::now();
    let err = hello_channel_message(&client).send().await.unwrap_err();
    assert!(matches!(&err, SdkError::Timeout(t) if t.kind() == TimeoutKind::Total), "{err:?}");
    assert!(started.elapsed() < total * 3, "returned after {:?}", started.elapsed());
}

#[tokio::test]
async fn a_slow_answer_within_the_attempt_timeout_is_not_a_timeout() {
    let fake = FakeService::start().await;
    fake.enqueue(FakeResponse::json(200, r#"{"Id":"m-1"}"#).delay(Duration::from_millis(50)));
    let client = connect::Client::from_conf(connect_config(&fake).attempt_timeout(Duration::from_secs(2)).build());
    assert_eq!(hello_message(&client).send().await.unwrap().id(), Some("m-1"));
    assert_eq!(fake.request_count(), 1);
}
