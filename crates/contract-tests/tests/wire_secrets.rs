//! Secrets never show: `Debug` and `Display` of every kind of `SdkError`, `Debug` of the fluent
//! builders and of the clients never contain the connection token, the Chime secret access key or
//! the session token, while the requests on the wire do carry them.

mod wire_support;

use chatsmith_chime_sdk_messaging as chime;
use chatsmith_connectparticipant as connect;
use connect::client::RetryConfig;
use connect::client::test_util::{FakeResponse, FakeService};
use connect::error::SdkError;
use std::fmt::{Debug, Display};
use std::time::Duration;
use wire_support::*;

const CONNECTION_TOKEN: &str = "conn-tok-MARKER-5f0c7a2e";
const SECRET_KEY: &str = "secret-key-MARKER-91b2c4d6";
const SESSION_TOKEN: &str = "session-tok-MARKER-3d44e8f0";
const MARKERS: [&str; 3] = [CONNECTION_TOKEN, SECRET_KEY, SESSION_TOKEN];

fn assert_no_secret(what: &str, text: &str) {
    for marker in MARKERS {
        assert!(!text.contains(marker), "{what} shows a secret ({marker}): {text}");
    }
    assert!(!text.contains("MARKER"), "{what} shows part of a secret: {text}");
}

fn assert_error_hides_secrets<E: Debug + Display>(what: &str, err: &SdkError<E>) {
    assert_no_secret(&format!("Display of {what}"), &err.to_string());
    assert_no_secret(&format!("Debug of {what}"), &format!("{err:?}"));
    assert_no_secret(&format!("alternate Debug of {what}"), &format!("{err:#?}"));
}

fn chime_credentials() -> chime::client::Credentials {
    chime::client::Credentials::new(ACCESS_KEY_ID, SECRET_KEY, Some(SESSION_TOKEN.to_owned()))
}

fn chime_secret_client(fake: &FakeService, retry: RetryConfig) -> chime::Client {
    chime::Client::from_conf(
        chime_config(fake)
            .credentials(chime_credentials())
            .retry(retry)
            .attempt_timeout(Duration::from_millis(200))
            .build(),
    )
}

fn connect_quick_client(fake: &FakeService, retry: RetryConfig) -> connect::Client {
    connect::Client::from_conf(connect_config(fake).retry(retry).attempt_timeout(Duration::from_millis(200)).build())
}

#[tokio::test]
async fn clients_and_fluent_builders_do_not_show_secrets() {
    let fake = FakeService::start().await;
    let connect_client = connect_client(&fake);
    let builder = hello_message(&connect_client).connection_token(CONNECTION_TOKEN);
    assert_eq!(builder.get_connection_token().as_deref(), Some(CONNECTION_TOKEN), "the builder holds it");
    assert_no_secret("Debug of SendMessageFluentBuilder", &format!("{builder:?}"));
    assert_no_secret("Debug of SendMessageFluentBuilder", &format!("{builder:#?}"));
    let builder = typing_event(&connect_client).connection_token(CONNECTION_TOKEN);
    assert_no_secret("Debug of SendEventFluentBuilder", &format!("{builder:?}"));
    assert_no_secret("Debug of connect::Client", &format!("{connect_client:?}"));

    let chime_client = chime_secret_client(&fake, RetryConfig::standard());
    assert_no_secret("Debug of chime::Client", &format!("{chime_client:?}"));
    assert_no_secret("Debug of chime::Client", &format!("{chime_client:#?}"));
    assert_no_secret("Debug of chime::Config", &format!("{:?}", chime_client.config()));
    let builder = hello_channel_message(&chime_client);
    assert_no_secret("Debug of SendChannelMessageFluentBuilder", &format!("{builder:?}"));
    assert_no_secret("Debug of SendChannelMessageFluentBuilder", &format!("{builder:#?}"));
    assert!(format!("{chime_client:?}").contains(ACCESS_KEY_ID), "the access key id may show");
}

#[tokio::test]
async fn connect_errors_do_not_show_the_connection_token() {
    let fake = FakeService::start().await;
    let client = connect_quick_client(&fake, fast_retry());

    // A service error; the token did go on the wire.
    fake.enqueue(FakeResponse::error(403, "AccessDeniedException", "denied").request_id("r-1"));
    let err = hello_message(&client).connection_token(CONNECTION_TOKEN).send().await.unwrap_err();
    assert!(matches!(err, SdkError::Service(_)), "{err:?}");
    assert_eq!(fake.last_request().unwrap().header("x-amz-bearer"), Some(CONNECTION_TOKEN));
    assert_error_hides_secrets("a service error", &err);

    // An unknown error.
    fake.enqueue(FakeResponse::error(418, "BrandNewException", "teapot"));
    let err = typing_event(&client).connection_token(CONNECTION_TOKEN).send().await.unwrap_err();
    assert_error_hides_secrets("an unhandled error", &err);

    // A response that cannot be read.
    fake.enqueue(FakeResponse::json(200, "not json at all"));
    let err = hello_message(&client).connection_token(CONNECTION_TOKEN).send().await.unwrap_err();
    assert!(matches!(err, SdkError::Response(_)), "{err:?}");
    assert_error_hides_secrets("a malformed response", &err);

    // Retries exhausted on throttling.
    fake.enqueue_all((0..3).map(|_| FakeResponse::error(429, "ThrottlingException", "slow down")));
    let err = hello_message(&client).connection_token(CONNECTION_TOKEN).send().await.unwrap_err();
    assert_eq!(err.attempts(), 3);
    assert_error_hides_secrets("a throttling error after retries", &err);

    // A timeout.
    fake.enqueue(FakeResponse::hang());
    let client_once = connect_quick_client(&fake, RetryConfig::disabled());
    let err = hello_message(&client_once).connection_token(CONNECTION_TOKEN).send().await.unwrap_err();
    assert!(matches!(err, SdkError::Timeout(_)), "{err:?}");
    assert_error_hides_secrets("a timeout", &err);

    // A validation error: the token is too long (1001 characters).
    let long_token = format!("{CONNECTION_TOKEN}{}", "x".repeat(1001 - CONNECTION_TOKEN.len()));
    let err = hello_message(&client).connection_token(long_token).send().await.unwrap_err();
    assert!(matches!(err, SdkError::InvalidInput(_)), "{err:?}");
    assert!(err.to_string().contains("ConnectionToken"), "{err}");
    assert_error_hides_secrets("a validation error of the token", &err);

    // A serialization error: the token holds a line break.
    let err = hello_message(&client).connection_token(format!("{CONNECTION_TOKEN}\r\nX: 1")).send().await.unwrap_err();
    assert!(matches!(err, SdkError::InvalidInput(_)), "{err:?}");
    assert_error_hides_secrets("a serialization error of the token", &err);

    // A connection error: nothing listens any more.
    let url = fake.endpoint_url();
    drop(fake);
    tokio::time::sleep(Duration::from_millis(20)).await;
    let client = connect::Client::from_conf(
        connect::Config::builder()
            .endpoint_url(url)
            .retry(fast_retry())
            .connect_timeout(Duration::from_millis(500))
            .build(),
    );
    let err = hello_message(&client).connection_token(CONNECTION_TOKEN).send().await.unwrap_err();
    assert!(matches!(err, SdkError::Dispatch(_) | SdkError::Timeout(_)), "{err:?}");
    assert_error_hides_secrets("a connection error", &err);
}

#[tokio::test]
async fn chime_errors_do_not_show_the_secret_key_or_the_session_token() {
    let fake = FakeService::start().await;
    let client = chime_secret_client(&fake, fast_retry());

    fake.enqueue(
        FakeResponse::json(403, r#"{"Code":"Forbidden","Message":"no"}"#)
            .header("x-amzn-errortype", "ForbiddenException"),
    );
    let err = hello_channel_message(&client).send().await.unwrap_err();
    assert!(matches!(err, SdkError::Service(_)), "{err:?}");
    let sent = fake.last_request().unwrap();
    assert_eq!(sent.header("x-amz-security-token"), Some(SESSION_TOKEN), "the session token is sent");
    assert!(!format!("{:?}", sent.headers).contains("MARKER"), "the fake service's record hides it too");
    assert_error_hides_secrets("a Chime service error", &err);

    // A signature error of the kind a wrong key gets.
    fake.enqueue(
        FakeResponse::json(
            403,
            r#"{"message":"The request signature we calculated does not match the signature you provided."}"#,
        )
        .header("x-amzn-errortype", "InvalidSignatureException"),
    );
    let err = hello_channel_message(&client).send().await.unwrap_err();
    assert_error_hides_secrets("a Chime signature error", &err);

    fake.enqueue_all((0..3).map(|_| FakeResponse::error(503, "ServiceUnavailableException", "later")));
    let err = hello_channel_message(&client).send().await.unwrap_err();
    assert_eq!(err.attempts(), 3);
    assert_error_hides_secrets("a Chime 503 after retries", &err);

    fake.enqueue(FakeResponse::hang());
    let client_once = chime_secret_client(&fake, RetryConfig::disabled());
    let err = hello_channel_message(&client_once).send().await.unwrap_err();
    assert!(matches!(err, SdkError::Timeout(_)), "{err:?}");
    assert_error_hides_secrets("a Chime timeout", &err);

    let err = hello_channel_message(&client).content("x".repeat(5000)).send().await.unwrap_err();
    assert!(matches!(err, SdkError::InvalidInput(_)), "{err:?}");
    assert_error_hides_secrets("a Chime validation error", &err);

    // No region: a configuration error, which must not show the credentials either.
    let no_region = chime::Client::from_conf(
        chime::Config::builder().endpoint_url(fake.endpoint_url()).credentials(chime_credentials()).build(),
    );
    if no_region.config().region().is_none() {
        let err = hello_channel_message(&no_region).send().await.unwrap_err();
        assert!(matches!(err, SdkError::Config(_)), "{err:?}");
        assert_error_hides_secrets("a Chime configuration error", &err);
    }
}
