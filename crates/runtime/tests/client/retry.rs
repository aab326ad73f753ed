//! Retries, backoff, the retry quota and timeouts.

use crate::support::*;
use chatsmith_runtime::SdkError;
use chatsmith_runtime::client::{FixedToken, Handle, RetryConfig, TimeoutKind};
use chatsmith_runtime::test_util::{FakeResponse, FakeService};
use std::time::{Duration, Instant};

fn throttled() -> FakeResponse {
    FakeResponse::error(429, "ThrottlingException", "Rate exceeded").request_id("throttled")
}

#[test]
fn retryable_429_is_retried_up_to_three_attempts_with_the_same_token_and_body() {
    run(async {
        let fake = FakeService::start().await;
        fake.enqueue_all([throttled(), throttled(), throttled(), FakeResponse::json(200, "{}")]);
        let handle = Handle::new(fast_config(&fake).build());

        let err = handle.invoke::<SendMessage>(SendMessageInput::hello()).await.unwrap_err();
        assert!(matches!(err.as_service_error(), Some(SendMessageError::Throttling(_))), "{err:?}");
        assert_eq!(err.attempts(), 3);
        assert_eq!(err.idempotency_token(), Some(FixedToken::PROTOCOL_TEST));
        assert_eq!(
            err.to_string(),
            "service error: ThrottlingException: Rate exceeded (HTTP 429, request id throttled) (after 3 attempts)"
        );

        let requests = fake.requests();
        assert_eq!(requests.len(), 3);
        for (i, request) in requests.iter().enumerate() {
            assert_eq!(request.body, requests[0].body, "same body bytes");
            assert_eq!(request.body_json().unwrap()["ClientToken"], FixedToken::PROTOCOL_TEST);
            assert_eq!(request.header("amz-sdk-request"), Some(format!("attempt={}; max=3", i + 1).as_str()));
            assert_eq!(request.header("amz-sdk-invocation-id"), requests[0].header("amz-sdk-invocation-id"));
        }

        // The next call succeeds on the response left in the queue.
        handle.invoke::<SendMessage>(SendMessageInput::hello()).await.unwrap();
    });
}

#[test]
fn random_token_is_made_once_per_call_and_reused_by_retries() {
    run(async {
        let fake = FakeService::start().await;
        fake.enqueue_all([throttled(), FakeResponse::json(200, "{}")]);
        let handle =
            Handle::new(fast_config(&fake).idempotency_token_provider(chatsmith_runtime::client::RandomToken).build());
        handle.invoke::<SendMessage>(SendMessageInput::hello()).await.unwrap();
        let requests = fake.requests();
        assert_eq!(requests.len(), 2);
        assert_eq!(requests[0].body, requests[1].body);
    });
}

#[test]
fn status_503_is_retried_until_success() {
    run(async {
        let fake = FakeService::start().await;
        fake.enqueue_all([
            FakeResponse::error(503, "ServiceUnavailable", "later"),
            FakeResponse::new(502).body("<html>bad gateway</html>"),
            FakeResponse::json(200, r#"{"Id":"m-3"}"#),
        ]);
        let handle = Handle::new(fast_config(&fake).build());
        let output = handle.invoke::<SendMessage>(SendMessageInput::hello()).await.unwrap();
        assert_eq!(output.id.as_deref(), Some("m-3"));
        assert_eq!(fake.request_count(), 3);
    });
}

#[test]
fn status_400_is_not_retried() {
    run(async {
        let fake = FakeService::start().await;
        fake.enqueue_all([FakeResponse::error(400, "ValidationException", "bad"), FakeResponse::json(200, "{}")]);
        let handle = Handle::new(fast_config(&fake).build());
        let err = handle.invoke::<SendMessage>(SendMessageInput::hello()).await.unwrap_err();
        assert_eq!(err.status(), Some(400));
        assert_eq!(err.attempts(), 1);
        assert_eq!(fake.request_count(), 1);
    });
}

#[test]
fn disabled_retries_make_one_attempt() {
    run(async {
        let fake = FakeService::start().await;
        fake.enqueue_all([throttled(), FakeResponse::json(200, "{}")]);
        let handle = Handle::new(fast_config(&fake).retry(RetryConfig::disabled()).build());
        assert!(handle.invoke::<SendMessage>(SendMessageInput::hello()).await.is_err());
        assert_eq!(fake.request_count(), 1);
    });
}

#[test]
fn a_hung_server_hits_the_attempt_timeout_on_every_attempt() {
    run(async {
        let fake = FakeService::start().await;
        fake.enqueue_all([FakeResponse::hang(), FakeResponse::hang()]);
        let handle = Handle::new(
            fast_config(&fake)
                .attempt_timeout(Duration::from_millis(100))
                .retry(fast_retry().with_max_attempts(2))
                .build(),
        );
        let started = Instant::now();
        let err = handle.invoke::<SendMessage>(SendMessageInput::hello()).await.unwrap_err();
        let SdkError::Timeout(timeout) = &err else { panic!("expected a timeout, got {err:?}") };
        assert_eq!(timeout.kind(), TimeoutKind::Attempt);
        assert_eq!(timeout.attempts(), 2);
        assert_eq!(err.idempotency_token(), Some(FixedToken::PROTOCOL_TEST));
        assert_eq!(err.to_string(), "attempt timeout: no response within 100ms (after 2 attempts)");
        assert!(started.elapsed() < Duration::from_secs(2));
        assert_eq!(fake.request_count(), 2);
    });
}

#[test]
fn the_total_timeout_bounds_the_whole_call() {
    run(async {
        let fake = FakeService::start().await;
        fake.route(http::Method::POST, "/", FakeResponse::json(200, "{}").delay(Duration::from_secs(10)));
        let handle = Handle::new(
            fast_config(&fake)
                .attempt_timeout(Duration::from_millis(100))
                .total_timeout(Duration::from_millis(250))
                .retry(fast_retry().with_max_attempts(10))
                .build(),
        );
        let started = Instant::now();
        let err = handle.invoke::<SendMessage>(SendMessageInput::hello()).await.unwrap_err();
        let SdkError::Timeout(timeout) = &err else { panic!("expected a timeout, got {err:?}") };
        assert_eq!(timeout.kind(), TimeoutKind::Total);
        assert!(err.to_string().starts_with("total timeout: the call did not finish within 250ms"), "{err}");
        assert!((2..=3).contains(&timeout.attempts()), "{timeout:?}");
        assert!(started.elapsed() < Duration::from_secs(2));
    });
}

#[test]
fn retry_quota_exhaustion_stops_retries() {
    run(async {
        let fake = FakeService::start().await;
        fake.route(http::Method::POST, "/", FakeResponse::error(503, "ServiceUnavailable", "down"));
        // 12 tokens: two retries at 5 each, then none.
        let handle = Handle::new(fast_config(&fake).retry(fast_retry().with_quota_capacity(12)).build());

        let first = handle.invoke::<SendMessage>(SendMessageInput::hello()).await.unwrap_err();
        assert_eq!(first.attempts(), 3);
        // A clone shares the quota: 2 tokens left, not enough for a retry.
        let second = handle.clone().invoke::<SendMessage>(SendMessageInput::hello()).await.unwrap_err();
        assert_eq!(second.attempts(), 1);
        assert_eq!(fake.request_count(), 4);
        assert!(format!("{handle:?}").contains("retry_quota: 2"));

        // Successes earn tokens back, one each.
        fake.route(http::Method::POST, "/", FakeResponse::json(200, "{}"));
        for _ in 0..3 {
            handle.invoke::<SendMessage>(SendMessageInput::hello()).await.unwrap();
        }
        assert!(format!("{handle:?}").contains("retry_quota: 5"));
    });
}

#[test]
fn connection_errors_are_retried_and_say_why() {
    run(async {
        // A port that was just free: nothing listens there.
        let addr = std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap();
        let config = chatsmith_runtime::client::Config::builder()
            .region("us-east-1")
            .endpoint_url(format!("http://{addr}"))
            .retry(fast_retry())
            .build();
        let err = Handle::new(config).invoke::<SendMessage>(SendMessageInput::hello()).await.unwrap_err();
        assert!(matches!(err, SdkError::Dispatch(_)), "{err:?}");
        assert_eq!(err.attempts(), 3);
        let text = err.to_string();
        assert!(text.starts_with("connection error: could not connect"), "{text}");
        assert!(text.to_lowercase().contains("refused"), "{text}");
        assert!(text.ends_with("(after 3 attempts)"), "{text}");
    });
}
