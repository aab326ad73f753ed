//! The life of one call: validation, tokens, serialization, parsing, errors.

use crate::support::*;
use chatsmith_runtime::SdkError;
use chatsmith_runtime::client::{FixedToken, Handle, InvalidInput, RandomToken, Validation};
use chatsmith_runtime::test_util::{FakeResponse, FakeService};
use http::Method;

#[test]
fn success_sends_the_expected_request() {
    run(async {
        let fake = FakeService::start().await;
        fake.route(Method::POST, "/participant/message", FakeResponse::json(200, r#"{"Id":"m-1","AbsoluteTime":"x"}"#));
        let handle = Handle::new(fast_config(&fake).build());

        let output = handle.invoke::<SendMessage>(SendMessageInput::hello()).await.unwrap();
        assert_eq!(output, SendMessageOutput { id: Some("m-1".into()) });

        let requests = fake.requests();
        assert_eq!(requests.len(), 1);
        let request = &requests[0];
        assert_eq!(request.method, Method::POST);
        assert_eq!(request.path_and_query, "/participant/message");
        assert_eq!(request.header("x-amz-bearer"), Some(BEARER));
        assert_eq!(request.header("content-type"), Some("application/json"));
        assert_eq!(request.header("content-length"), Some(request.body.len().to_string().as_str()));
        assert_eq!(request.header("host"), Some(fake.addr().to_string().as_str()));
        assert_eq!(request.headers.get_all("host").iter().count(), 1);
        assert_eq!(request.header("user-agent"), Some("chatsmith/0.1.0 chatsmith-connectparticipant/0.1.0"));
        assert_eq!(request.header("amz-sdk-request"), Some("attempt=1; max=3"));
        assert!(request.header("amz-sdk-invocation-id").is_some());
        assert!(request.header("authorization").is_none(), "unsigned service");
        assert_eq!(
            request.body_json().unwrap(),
            serde_json::json!({
                "ClientToken": FixedToken::PROTOCOL_TEST,
                "Content": "hello",
                "ContentType": "text/plain",
            })
        );
    });
}

#[test]
fn validation_failure_sends_nothing() {
    run(async {
        let fake = FakeService::start().await;
        let handle = Handle::new(fast_config(&fake).build());
        let input = SendMessageInput { content: String::new(), ..SendMessageInput::hello() };

        let err = handle.invoke::<SendMessage>(input).await.unwrap_err();
        let Some(InvalidInput::Validation(violations)) = err.as_invalid_input() else {
            panic!("expected a validation error, got {err:?}");
        };
        assert!(violations.has_violation_at("Content"));
        assert_eq!(
            err.to_string(),
            "request not sent: invalid SendMessageInput: Content: length must be between 1 and 1024 characters, got 0"
        );
        assert_eq!(err.idempotency_token(), None);
        assert_eq!(err.attempts(), 0);
        assert_eq!(fake.request_count(), 0);
    });
}

#[test]
fn validation_off_sends_invalid_input() {
    run(async {
        let fake = FakeService::start().await;
        fake.route(Method::POST, "/", FakeResponse::json(200, "{}"));
        let handle = Handle::new(fast_config(&fake).validation(Validation::Off).build());
        let input = SendMessageInput { content: String::new(), ..SendMessageInput::hello() };
        let output = handle.invoke::<SendMessage>(input).await.unwrap();
        assert_eq!(output.id, None, "an empty body is an empty object");
        assert_eq!(fake.request_count(), 1);
    });
}

#[test]
fn header_with_line_break_is_refused_naming_the_member() {
    run(async {
        let fake = FakeService::start().await;
        let handle = Handle::new(fast_config(&fake).build());
        let input =
            SendMessageInput { connection_token: format!("{BEARER}\r\nX-Injected: 1"), ..SendMessageInput::hello() };
        let err = handle.invoke::<SendMessage>(input).await.unwrap_err();
        let Some(InvalidInput::Serialization { member, .. }) = err.as_invalid_input() else {
            panic!("expected a serialization error, got {err:?}");
        };
        assert_eq!(*member, "ConnectionToken");
        let text = err.to_string();
        assert!(text.contains("ConnectionToken") && text.contains("line break"), "{text}");
        assert!(!text.contains(BEARER) && !format!("{err:?}").contains(BEARER), "{text}");
        assert_eq!(fake.request_count(), 0);
    });
}

#[test]
fn caller_token_is_kept_and_provider_fills_missing_ones() {
    run(async {
        let fake = FakeService::start().await;
        fake.route(Method::POST, "/", FakeResponse::json(200, "{}"));
        let handle = Handle::new(fast_config(&fake).idempotency_token_provider(|| "from-closure".to_owned()).build());

        let mine = SendMessageInput { client_token: Some("caller-token".into()), ..SendMessageInput::hello() };
        handle.invoke::<SendMessage>(mine).await.unwrap();
        handle.invoke::<SendMessage>(SendMessageInput::hello()).await.unwrap();

        let tokens: Vec<_> = fake.requests().iter().map(|r| r.body_json().unwrap()["ClientToken"].clone()).collect();
        assert_eq!(tokens, ["caller-token", "from-closure"]);

        // The default provider makes version-4 UUIDs.
        let random = Handle::new(fast_config(&fake).idempotency_token_provider(RandomToken).build());
        fake.clear_requests();
        random.invoke::<SendMessage>(SendMessageInput::hello()).await.unwrap();
        let token = fake.requests()[0].body_json().unwrap()["ClientToken"].as_str().unwrap().to_owned();
        assert_eq!(token.len(), 36);
        assert_eq!(&token[14..15], "4");
        assert!("89ab".contains(&token[19..20]), "{token}");
    });
}

#[test]
fn service_errors_say_code_message_status_and_request_id() {
    run(async {
        let fake = FakeService::start().await;
        fake.enqueue(FakeResponse::error(403, "AccessDeniedException", "no access").request_id("req-123"));
        let handle = Handle::new(fast_config(&fake).build());

        let err = handle.invoke::<SendMessage>(SendMessageInput::hello()).await.unwrap_err();
        assert!(matches!(err.as_service_error(), Some(SendMessageError::AccessDenied(_))));
        assert_eq!(err.request_id(), Some("req-123"));
        assert_eq!(err.status(), Some(403));
        assert_eq!(err.idempotency_token(), Some(FixedToken::PROTOCOL_TEST));
        assert_eq!(err.to_string(), "service error: AccessDeniedException: no access (HTTP 403, request id req-123)");
        assert!(std::error::Error::source(&err).is_some());
        assert!(matches!(err.into_service_error(), Ok(SendMessageError::AccessDenied(_))));
        assert_eq!(fake.request_count(), 1, "403 is not retried");
    });
}

#[test]
fn unknown_codes_are_unhandled_with_everything_the_service_said() {
    run(async {
        let fake = FakeService::start().await;
        fake.enqueue(
            FakeResponse::json(409, r#"{"__type":"com.amazonaws.x#ConflictException:http://x/","Message":"busy"}"#)
                .header("x-amz-request-id", "r-9"),
        );
        let handle = Handle::new(fast_config(&fake).build());
        let err = handle.invoke::<SendMessage>(SendMessageInput::hello()).await.unwrap_err();
        let Some(SendMessageError::Unhandled(unhandled)) = err.as_service_error() else {
            panic!("expected Unhandled, got {err:?}");
        };
        assert_eq!(unhandled.code(), Some("ConflictException"));
        assert_eq!(unhandled.message(), Some("busy"));
        assert_eq!(
            err.to_string(),
            "service error: unhandled service error ConflictException: busy (HTTP 409, request id r-9)"
        );
    });
}

#[test]
fn malformed_success_body_is_a_response_error() {
    run(async {
        let fake = FakeService::start().await;
        fake.enqueue(FakeResponse::json(200, r#"{"Id": 42}"#).request_id("r-1"));
        fake.enqueue(FakeResponse::json(200, "not json"));
        let handle = Handle::new(fast_config(&fake).build());

        let err = handle.invoke::<SendMessage>(SendMessageInput::hello()).await.unwrap_err();
        assert!(matches!(err, SdkError::Response(_)), "{err:?}");
        assert_eq!(err.to_string(), "malformed response: member Id is not a string (HTTP 200, request id r-1)");

        let err = handle.invoke::<SendMessage>(SendMessageInput::hello()).await.unwrap_err();
        assert!(err.to_string().contains("not valid JSON at line 1, column 2"), "{err}");
        assert_eq!(fake.request_count(), 2, "a malformed 200 is not retried");
    });
}

#[test]
fn response_body_size_is_capped() {
    run(async {
        let fake = FakeService::start().await;
        let big = format!(r#"{{"Id":"{}"}}"#, "x".repeat(10_000));
        fake.route(Method::POST, "/", FakeResponse::json(200, big.clone()));
        let handle = Handle::new(fast_config(&fake).max_response_body_size(1_000).build());
        let err = handle.invoke::<SendMessage>(SendMessageInput::hello()).await.unwrap_err();
        assert!(matches!(err, SdkError::Response(_)), "{err:?}");
        assert!(err.to_string().contains("larger than 1000 bytes"), "{err}");

        // The same limit holds for a custom connector.
        let recorder = Recorder::answering(200, r#"{"Id":"a-rather-long-identifier"}"#);
        let handle = Handle::new(fast_config(&fake).http_connector(recorder).max_response_body_size(10).build());
        let err = handle.invoke::<SendMessage>(SendMessageInput::hello()).await.unwrap_err();
        assert!(err.to_string().contains("larger than 10 bytes"), "{err}");
    });
}

#[test]
fn calling_outside_tokio_is_an_error_not_a_panic() {
    let handle = Handle::new(chatsmith_runtime::client::Config::builder().region("us-east-1").build());
    let future = handle.invoke::<SendMessage>(SendMessageInput::hello());
    // Poll it on a runtime-less executor: the first poll returns the error.
    let err = futures_lite_block_on(future).unwrap_err();
    assert!(err.to_string().contains("Tokio runtime"), "{err}");
}

/// A minimal executor without Tokio.
fn futures_lite_block_on<F: std::future::Future>(future: F) -> F::Output {
    use std::task::{Context, Poll, Waker};
    let mut future = std::pin::pin!(future);
    let mut cx = Context::from_waker(Waker::noop());
    loop {
        if let Poll::Ready(out) = future.as_mut().poll(&mut cx) {
            return out;
        }
    }
}

#[test]
fn invoke_futures_are_send_and_handles_are_shareable() {
    fn assert_send<T: Send>(_: &T) {}
    fn assert_send_sync<T: Send + Sync + Clone + 'static>() {}
    assert_send_sync::<Handle>();
    let handle = Handle::new(chatsmith_runtime::client::Config::builder().region("us-east-1").build());
    let future = handle.invoke::<SendMessage>(SendMessageInput::hello());
    assert_send(&future);
    let signed = handle.invoke::<SendChannelMessage>(SendChannelMessageInput::hello());
    assert_send(&signed);
}

#[test]
fn connector_connect_timeouts_are_timeouts() {
    use chatsmith_runtime::client::{ConnectorError, HttpConnector, TimeoutKind};
    use std::future::Future;
    use std::pin::Pin;

    struct SlowNetwork;
    impl HttpConnector for SlowNetwork {
        fn call(
            &self,
            _request: http::Request<bytes::Bytes>,
        ) -> Pin<Box<dyn Future<Output = Result<http::Response<bytes::Bytes>, ConnectorError>> + Send + '_>> {
            Box::pin(async { Err(ConnectorError::connect_timeout("tcp connect timed out")) })
        }
    }
    run(async {
        let config = chatsmith_runtime::client::Config::builder()
            .region("us-east-1")
            .connect_timeout(std::time::Duration::from_millis(50))
            .retry(fast_retry().with_max_attempts(2))
            .http_connector(SlowNetwork)
            .build();
        let err = Handle::new(config).invoke::<SendMessage>(SendMessageInput::hello()).await.unwrap_err();
        let SdkError::Timeout(timeout) = &err else { panic!("{err:?}") };
        assert_eq!(timeout.kind(), TimeoutKind::Connect);
        assert_eq!(err.to_string(), "connect timeout: no connection within 50ms (after 2 attempts)");
    });
}
