//! Faults against the loopback fake service: a connection reset mid-response, a connection
//! closed without an answer, a server that never answers (hung, or never accepting), a body
//! slower than the attempt timeout, 5xx storms and throttling storms (Connect's
//! ThrottlingException, Chime's ThrottledClientException).
//!
//! For each: the call ends within its configured timeout (an upper bound is asserted), the
//! attempts counted at the server stay within the retry limit, the shared retry quota stops
//! retries in a storm across many calls, every attempt of a call carries the same idempotency
//! token so that a deduplicating service delivers each message at most once (the fake service
//! counts the unique tokens of the requests it answered with success), and no error text shows
//! the connection token or the Chime secrets.

mod fault_support;
mod wire_support;

use chatsmith_connectparticipant as connect;
use connect::client::test_util::{FakeResponse, FakeService, RecordedRequest, http::Method};
use connect::error::{SdkError, TimeoutKind};
use fault_support::*;
use std::collections::HashMap;
use std::time::{Duration, Instant};
use wire_support::*;

const CONNECT_PATH: &str = "/participant/message";
const CHIME_PATH: &str = "/channels/";

fn connect_throttled() -> FakeResponse {
    FakeResponse::error(429, "ThrottlingException", "Rate exceeded")
}

fn chime_throttled() -> FakeResponse {
    FakeResponse::json(429, r#"{"Code":"Throttled","Message":"Rate exceeded"}"#)
        .header("x-amzn-errortype", "ThrottledClientException")
}

fn token_of(request: &RecordedRequest, member: &str) -> String {
    request
        .body_json()
        .and_then(|b| b.get(member).and_then(serde_json::Value::as_str).map(str::to_owned))
        .unwrap_or_else(|| panic!("a request without {member}"))
}

/// Every request carried the same token (one call); returns it.
fn single_token(requests: &[RecordedRequest], member: &str) -> String {
    let first = token_of(&requests[0], member);
    for (i, request) in requests.iter().enumerate() {
        assert_eq!(token_of(request, member), first, "attempt {} carries the call's token", i + 1);
        assert_eq!(request.body, requests[0].body, "attempt {}: the same body bytes", i + 1);
    }
    first
}

/// At most one delivery per token: `calls` calls, each of whose attempts share one token.
fn assert_delivered_at_most_once(fake: &FakeService, member: &str, delivered: usize) {
    let tokens = fake.success_tokens(member);
    assert_eq!(tokens.len(), delivered, "unique tokens answered with success: {tokens:?}");
    assert!(!tokens.contains_key(""), "a success answer without a token");
}

fn assert_within(what: &str, started: Instant, bound: Duration) -> Duration {
    let elapsed = started.elapsed();
    assert!(elapsed < bound, "{what}: took {elapsed:?}, bound {bound:?}");
    elapsed
}

#[tokio::test]
async fn a_connection_reset_mid_response_is_retried_and_the_message_delivered_once() {
    let fake = FakeService::start().await;
    let client = connect_with(&fake, Duration::from_secs(2), retries(3));
    fake.enqueue_all([
        FakeResponse::reset_mid_body(),
        FakeResponse::reset_mid_body(),
        FakeResponse::json(200, r#"{"Id":"m-3"}"#),
    ]);
    let started = Instant::now();
    let output = secret_message(&client).send().await.expect("the third attempt succeeds");
    assert_within("reset, reset, success", started, Duration::from_secs(2));
    assert_eq!(output.id(), Some("m-3"));
    assert_eq!(fake.request_count(), 3, "two resets and the success, no more");
    let token = single_token(&fake.requests(), CONNECT_TOKEN_MEMBER);
    // The service acted on all three (it answered 200 each time), with one token: delivered once.
    assert_eq!(fake.success_tokens(CONNECT_TOKEN_MEMBER), HashMap::from([(token, 3)]));
    assert_eq!(fake.faults().cut_body, 2);
    // The secrets the error texts must not show did go on the wire.
    assert!(fake.requests().iter().all(|r| r.header("x-amz-bearer") == Some(CONNECTION_TOKEN)));

    // Only resets: the connection error of the last attempt, after exactly 3 attempts.
    fake.clear_requests();
    fake.enqueue_all((0..4).map(|_| FakeResponse::reset_mid_body()));
    let started = Instant::now();
    let err = secret_message(&client).send().await.unwrap_err();
    assert_within("three resets", started, Duration::from_secs(2));
    assert!(matches!(err, SdkError::Dispatch(_)), "a connection error: {err:?}");
    assert_eq!(err.attempts(), 3);
    assert_eq!(fake.request_count(), 3, "attempts at the server stay within the limit");
    let token = single_token(&fake.requests(), CONNECT_TOKEN_MEMBER);
    assert_eq!(err.idempotency_token(), Some(token.as_str()), "the caller can retry later with it");
    assert_delivered_at_most_once(&fake, CONNECT_TOKEN_MEMBER, 1);
    assert_clean("reset mid-body", &err, &["reset-mid-body"]);
    assert_eq!(fake.queued(), 1);
}

#[tokio::test]
async fn a_chime_connection_reset_mid_response_is_retried_with_the_same_token() {
    let fake = FakeService::start().await;
    let client = chime_with(&fake, Duration::from_secs(2), retries(3));
    let reset = FakeResponse::json(201, r#"{"MessageId":"cut-marker-chime","ChannelArn":"arn"}"#).truncated(12);
    fake.enqueue_all([reset.clone(), FakeResponse::json(201, r#"{"MessageId":"msg-2"}"#)]);
    let output = hello_channel_message(&client).send().await.expect("the second attempt succeeds");
    assert_eq!(output.message_id(), Some("msg-2"));
    assert_eq!(fake.request_count(), 2);
    single_token(&fake.requests(), CHIME_TOKEN_MEMBER);
    assert_delivered_at_most_once(&fake, CHIME_TOKEN_MEMBER, 1);
    assert!(fake.requests().iter().all(|r| r.header("x-amz-security-token") == Some(SESSION_TOKEN)));

    fake.clear_requests();
    fake.enqueue_all([reset.clone(), reset.clone(), reset]);
    let err = hello_channel_message(&client).send().await.unwrap_err();
    assert!(matches!(err, SdkError::Dispatch(_)), "{err:?}");
    assert_eq!((err.attempts(), fake.request_count()), (3, 3));
    single_token(&fake.requests(), CHIME_TOKEN_MEMBER);
    assert_clean("Chime reset mid-body", &err, &["cut-marker-chime"]);
}

#[tokio::test]
async fn a_connection_closed_without_an_answer_is_retried_within_the_limit() {
    let fake = FakeService::start().await;
    let client = connect_with(&fake, Duration::from_secs(2), retries(3));
    fake.enqueue_all([FakeResponse::drop_connection(), FakeResponse::json(200, r#"{"Id":"m-2"}"#)]);
    let output = secret_message(&client).send().await.expect("the second attempt succeeds");
    assert_eq!(output.id(), Some("m-2"));
    assert_eq!(fake.request_count(), 2);
    single_token(&fake.requests(), CONNECT_TOKEN_MEMBER);
    assert_delivered_at_most_once(&fake, CONNECT_TOKEN_MEMBER, 1);

    fake.clear_requests();
    fake.enqueue_all((0..4).map(|_| FakeResponse::drop_connection()));
    let started = Instant::now();
    let err = secret_message(&client).send().await.unwrap_err();
    assert_within("three dropped connections", started, Duration::from_secs(2));
    assert!(matches!(err, SdkError::Dispatch(_)), "{err:?}");
    assert_eq!(err.attempts(), 3);
    assert_eq!(fake.request_count(), 3, "attempts at the server stay within the limit");
    single_token(&fake.requests(), CONNECT_TOKEN_MEMBER);
    assert_delivered_at_most_once(&fake, CONNECT_TOKEN_MEMBER, 0);
    assert_clean("dropped connection", &err, &[]);
    assert_eq!(fake.faults().drop_connection, 4, "one before the success, three in a row");
    assert_eq!(fake.queued(), 1);
}

#[tokio::test]
async fn a_hung_server_ends_each_call_within_its_timeouts() {
    let attempt = Duration::from_millis(100);
    let fake = FakeService::start().await;
    fake.route(Method::POST, CONNECT_PATH, FakeResponse::hang());
    let client = connect_with(&fake, attempt, retries(3));
    let started = Instant::now();
    let err = secret_message(&client).send().await.unwrap_err();
    let elapsed = assert_within("three hung attempts", started, attempt * 3 + Duration::from_millis(400));
    assert!(elapsed >= attempt * 3, "returned after {elapsed:?}");
    assert!(
        matches!(&err, SdkError::Timeout(t) if t.kind() == TimeoutKind::Attempt && t.after() == attempt),
        "{err:?}"
    );
    assert_eq!((err.attempts(), fake.request_count()), (3, 3));
    single_token(&fake.requests(), CONNECT_TOKEN_MEMBER);
    assert_delivered_at_most_once(&fake, CONNECT_TOKEN_MEMBER, 0);
    assert_clean("hung server", &err, &[]);
    assert_eq!(fake.faults().hang, 3);

    // The total timeout bounds the whole call, retries included.
    let total = Duration::from_millis(250);
    let fake = FakeService::start().await;
    fake.route(Method::POST, CHIME_PATH, FakeResponse::hang());
    let client = chatsmith_chime_sdk_messaging::Client::from_conf(
        chime_config(&fake)
            .credentials(chatsmith_chime_sdk_messaging::client::Credentials::new(ACCESS_KEY_ID, SECRET_KEY, None))
            .attempt_timeout(Duration::from_millis(100))
            .total_timeout(total)
            .retry(retries(10))
            .build(),
    );
    let started = Instant::now();
    let err = hello_channel_message(&client).send().await.unwrap_err();
    let elapsed = assert_within("Chime total timeout", started, total + Duration::from_millis(300));
    assert!(elapsed >= total, "returned after {elapsed:?}");
    assert!(matches!(&err, SdkError::Timeout(t) if t.kind() == TimeoutKind::Total), "{err:?}");
    assert!((2..=3).contains(&fake.request_count()), "{} attempts in 250 ms of 100 ms attempts", fake.request_count());
    single_token(&fake.requests(), CHIME_TOKEN_MEMBER);
    assert_clean("Chime total timeout", &err, &[]);
}

#[tokio::test]
async fn a_server_that_never_accepts_ends_each_call_within_its_timeouts() {
    // A listening socket nobody accepts on: the kernel completes the handshake and queues the
    // request, and no answer ever comes.
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let endpoint = format!("http://{}", listener.local_addr().unwrap());
    let attempt = Duration::from_millis(100);
    let client = connect::Client::from_conf(
        connect::Config::builder()
            .region("us-east-1")
            .endpoint_url(endpoint)
            .attempt_timeout(attempt)
            .retry(retries(3))
            .build(),
    );
    let started = Instant::now();
    let err = secret_message(&client).send().await.unwrap_err();
    let elapsed = assert_within("never accepted", started, attempt * 3 + Duration::from_millis(400));
    assert!(elapsed >= attempt * 3, "returned after {elapsed:?}");
    assert!(matches!(&err, SdkError::Timeout(t) if t.kind() == TimeoutKind::Attempt), "{err:?}");
    assert_eq!(err.attempts(), 3);
    assert_clean("never accepted", &err, &[]);
    drop(listener);
}

#[tokio::test]
async fn a_body_slower_than_the_attempt_timeout_times_out_every_attempt() {
    let attempt = Duration::from_millis(150);
    let fake = FakeService::start().await;
    let body = r#"{"Id":"slow-marker-0123456789","AbsoluteTime":"2024-01-01T00:00:00Z"}"#;
    // Headers at once, then one byte every 40 ms: about 2.8 s for the body.
    fake.route(Method::POST, CONNECT_PATH, FakeResponse::json(200, body).slow_body(1, Duration::from_millis(40)));
    let client = connect_with(&fake, attempt, retries(3));
    let started = Instant::now();
    let err = secret_message(&client).send().await.unwrap_err();
    let elapsed = assert_within("slow body", started, attempt * 3 + Duration::from_millis(400));
    assert!(elapsed >= attempt * 3, "returned after {elapsed:?}");
    assert!(matches!(&err, SdkError::Timeout(t) if t.kind() == TimeoutKind::Attempt), "{err:?}");
    assert_eq!((err.attempts(), fake.request_count()), (3, 3));
    // The service acted three times on one token: one delivery.
    let token = single_token(&fake.requests(), CONNECT_TOKEN_MEMBER);
    assert_eq!(fake.success_tokens(CONNECT_TOKEN_MEMBER), HashMap::from([(token, 3)]));
    assert_clean("slow body", &err, &["slow-marker"]);
    assert_eq!(fake.faults().slow_body, 3);

    // A slow body that ends within the attempt timeout is read whole.
    fake.route(Method::POST, CONNECT_PATH, FakeResponse::json(200, body).slow_body(8, Duration::from_millis(5)));
    fake.clear_requests();
    let client = connect_with(&fake, Duration::from_secs(2), retries(3));
    let output = secret_message(&client).send().await.expect("a slow body within the timeout");
    assert_eq!(output.id(), Some("slow-marker-0123456789"));
    assert_eq!(fake.request_count(), 1);
}

/// Sequential calls against a service that always answers `storm`: the first calls retry up to
/// the limit until the quota (capacity / 5 retries) is spent, the rest are tried once.
async fn sequential_storm(
    calls: usize,
    quota: u32,
    send: impl AsyncFn() -> Result<(), (u32, Option<u16>)>,
    fake: &FakeService,
    status: u16,
) {
    let retries_allowed = (quota / 5) as usize;
    let mut attempts = Vec::new();
    for i in 0..calls {
        let (made, got) = send().await.expect_err("every call of a storm fails");
        assert_eq!(got, Some(status), "call {i}");
        attempts.push(made);
    }
    let full = attempts.iter().filter(|a| **a == 3).count();
    assert!(attempts.iter().all(|a| (1..=3).contains(a)), "{attempts:?}");
    assert_eq!(full, retries_allowed / 2, "calls retried to the limit before the quota ran out: {attempts:?}");
    assert!(attempts[full..].iter().all(|a| *a == 1), "once the quota is spent, no more retries: {attempts:?}");
    assert_eq!(fake.request_count(), calls + retries_allowed, "requests at the server");
}

#[tokio::test]
async fn a_503_storm_spends_the_retry_quota_then_stops_retrying() {
    let fake = FakeService::start().await;
    fake.route(Method::POST, CONNECT_PATH, FakeResponse::error(503, "ServiceUnavailable", "storm-body-marker"));
    // The standard quota: 500 tokens, 5 per retry: 100 retries for the whole client.
    let client = connect_with(&fake, Duration::from_secs(2), retries(3));
    let started = Instant::now();
    let send = async || {
        let err = secret_message(&client).send().await.unwrap_err();
        assert_clean("503 storm", &err, &[]);
        Err((err.attempts(), err.status()))
    };
    sequential_storm(100, 500, send, &fake, 503).await;
    assert_within("100 calls in a 503 storm", started, Duration::from_secs(5));
    assert_delivered_at_most_once(&fake, CONNECT_TOKEN_MEMBER, 0);

    // Every success puts one token back: after 10 successes, one call may retry twice again.
    fake.route(Method::POST, CONNECT_PATH, FakeResponse::json(200, r#"{"Id":"ok"}"#));
    for _ in 0..10 {
        secret_message(&client).send().await.expect("the storm is over");
    }
    fake.clear_requests();
    fake.enqueue_all((0..3).map(|_| FakeResponse::error(503, "ServiceUnavailable", "again")));
    let err = secret_message(&client).send().await.unwrap_err();
    assert_eq!((err.attempts(), fake.request_count()), (3, 3), "the refunded quota pays for two retries");
    fake.clear_requests();
    fake.enqueue_all((0..3).map(|_| FakeResponse::error(503, "ServiceUnavailable", "again")));
    let err = secret_message(&client).send().await.unwrap_err();
    assert_eq!((err.attempts(), fake.request_count()), (1, 1), "and then it is spent again");
}

#[tokio::test]
async fn a_connect_throttling_storm_spends_the_retry_quota_then_stops_retrying() {
    let fake = FakeService::start().await;
    fake.route(Method::POST, CONNECT_PATH, connect_throttled());
    let client = connect_with(&fake, Duration::from_secs(2), retries(3).with_quota_capacity(100));
    let send = async || {
        let err = secret_message(&client).send().await.unwrap_err();
        assert_eq!(send_message_variant(err.as_service_error().expect("a service error")), "ThrottlingException");
        assert_clean("Connect throttling storm", &err, &[]);
        Err((err.attempts(), err.status()))
    };
    sequential_storm(40, 100, send, &fake, 429).await;
    // Every call's attempts carry one token; none was answered with success.
    let mut by_token: HashMap<String, usize> = HashMap::new();
    for request in fake.requests() {
        *by_token.entry(token_of(&request, CONNECT_TOKEN_MEMBER)).or_default() += 1;
    }
    assert_eq!(by_token.len(), 40, "one token per call");
    assert!(by_token.values().all(|n| (1..=3).contains(n)), "{by_token:?}");
    assert_delivered_at_most_once(&fake, CONNECT_TOKEN_MEMBER, 0);
}

#[tokio::test]
async fn a_chime_throttled_client_storm_spends_the_retry_quota_then_stops_retrying() {
    let fake = FakeService::start().await;
    fake.route(Method::POST, CHIME_PATH, chime_throttled());
    let client = chime_with(&fake, Duration::from_secs(2), retries(3).with_quota_capacity(50));
    let send = async || {
        let err = hello_channel_message(&client).send().await.unwrap_err();
        let error = err.as_service_error().expect("a service error");
        assert_eq!(send_channel_message_variant(error), "ThrottledClientException");
        assert_clean("Chime throttling storm", &err, &[]);
        Err((err.attempts(), err.status()))
    };
    sequential_storm(20, 50, send, &fake, 429).await;
    let mut tokens: Vec<String> = fake.requests().iter().map(|r| token_of(r, CHIME_TOKEN_MEMBER)).collect();
    tokens.dedup();
    assert_eq!(tokens.len(), 20, "consecutive attempts of a call share its token, calls do not");
}

#[tokio::test]
async fn a_storm_across_concurrent_calls_spends_exactly_the_quota() {
    // 256 calls from 32 tasks against 503s: 100 retries in all (500 tokens / 5), however the
    // calls interleave.
    let fake = FakeService::start().await;
    fake.route(Method::POST, CONNECT_PATH, FakeResponse::error(503, "ServiceUnavailable", "storm"));
    let client = connect_with(&fake, Duration::from_secs(5), retries(3));
    let started = Instant::now();
    let mut tasks = tokio::task::JoinSet::new();
    for _ in 0..32 {
        let client = client.clone();
        tasks.spawn(async move {
            let mut attempts = Vec::new();
            for _ in 0..8 {
                let err = secret_message(&client).send().await.unwrap_err();
                assert_clean("concurrent storm", &err, &[]);
                attempts.push(err.attempts());
            }
            attempts
        });
    }
    let mut attempts = Vec::new();
    while let Some(result) = tasks.join_next().await {
        attempts.extend(result.expect("a storm task"));
    }
    assert_within("256 calls in a storm", started, Duration::from_secs(8));
    assert_eq!(attempts.len(), 256);
    assert!(attempts.iter().all(|a| (1..=3).contains(a)));
    assert_eq!(attempts.iter().map(|a| (a - 1) as usize).sum::<usize>(), 100, "retries in all");
    assert_eq!(fake.request_count(), 356, "256 first attempts and 100 retries at the server");
}

#[tokio::test]
async fn a_timeout_storm_costs_ten_tokens_per_retry() {
    let fake = FakeService::start().await;
    fake.route(Method::POST, CONNECT_PATH, FakeResponse::hang());
    // A quota of 100: ten retries after timeouts.
    let attempt = Duration::from_millis(60);
    let client = connect_with(&fake, attempt, retries(3).with_quota_capacity(100));
    let started = Instant::now();
    let mut tasks = tokio::task::JoinSet::new();
    for _ in 0..8 {
        let client = client.clone();
        tasks.spawn(async move {
            let err = secret_message(&client).send().await.unwrap_err();
            assert!(matches!(&err, SdkError::Timeout(t) if t.kind() == TimeoutKind::Attempt), "{err:?}");
            assert_clean("timeout storm", &err, &[]);
            err.attempts()
        });
    }
    let mut retries_made = 0;
    while let Some(result) = tasks.join_next().await {
        retries_made += result.expect("a storm task") - 1;
    }
    assert_within("8 concurrent hung calls", started, attempt * 3 + Duration::from_millis(500));
    assert_eq!(retries_made, 10);
    assert_eq!(fake.request_count(), 18);
    assert_eq!(fake.faults().hang, 18);
}

#[tokio::test]
async fn mixed_faults_then_success_deliver_every_message_exactly_once() {
    let fake = FakeService::start().await;
    let client = connect_with(&fake, Duration::from_millis(150), retries(3));
    let faults = [
        FakeResponse::reset_mid_body(),
        FakeResponse::drop_connection(),
        FakeResponse::hang(),
        FakeResponse::json(200, r#"{"Id":"slow"}"#).slow_body(1, Duration::from_millis(100)),
        FakeResponse::error(503, "ServiceUnavailable", "later"),
        FakeResponse::error(500, "InternalServerException", "later"),
        connect_throttled(),
    ];
    let calls = faults.len() * 3;
    for i in 0..calls {
        fake.enqueue_all([faults[i % faults.len()].clone(), FakeResponse::json(200, r#"{"Id":"ok"}"#)]);
        let output = secret_message(&client)
            .content(format!("message {i}"))
            .send()
            .await
            .unwrap_or_else(|e| panic!("call {i}: {e}"));
        assert_eq!(output.id(), Some("ok"), "call {i}");
        assert_eq!(fake.queued(), 0, "call {i}");
    }
    let requests = fake.requests();
    assert_eq!(requests.len(), calls * 2, "one fault and one success per call");
    // Each call: its two attempts share one token and the content; different calls, different tokens.
    let mut seen = HashMap::new();
    for pair in requests.chunks(2) {
        let token = single_token(pair, CONNECT_TOKEN_MEMBER);
        assert!(seen.insert(token, ()).is_none(), "a token reused by another call");
    }
    // Delivered (unique tokens among success answers): one per call, whatever the service acted on twice.
    assert_delivered_at_most_once(&fake, CONNECT_TOKEN_MEMBER, calls);
    let faults = fake.faults();
    assert_eq!((faults.cut_body, faults.drop_connection, faults.hang, faults.slow_body), (3, 3, 3, 3));
    eprintln!("mixed faults: {calls} calls, {} requests, faults injected {faults:?} + 9 error storms", requests.len());
}
