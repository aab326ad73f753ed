//! Signing on the wire: Chime requests are SigV4-signed with signing name `chime`; Connect
//! Participant requests carry no `authorization` header and need no credentials at all.

mod wire_support;

use chatsmith_chime_sdk_messaging as chime;
use chatsmith_connectparticipant as connect;
use connect::client::test_util::{FakeResponse, FakeService};
use connect::error::SdkError;
use std::time::SystemTime;
use wire_support::*;

/// A credentials file that does not exist: a client configured with it has no credentials at all,
/// whatever the environment of the test holds.
fn nowhere() -> std::path::PathBuf {
    std::env::temp_dir().join("chatsmith-wire-tests-no-such-credentials-file")
}

#[tokio::test]
async fn chime_requests_are_sigv4_signed_for_chime_in_the_region() {
    let fake = FakeService::start().await;
    fake.enqueue(FakeResponse::json(201, r#"{"MessageId":"msg-1"}"#));
    let client = chime_client(&fake);
    let before = utc_date(SystemTime::now());
    hello_channel_message(&client).send().await.unwrap();
    let after = utc_date(SystemTime::now());
    let sent = fake.last_request().expect("a request");

    let authorization = sent.header("authorization").expect("an authorization header");
    let date = sent.header("x-amz-date").expect("x-amz-date");
    assert_eq!(date.len(), 16, "{date}");
    assert!(date[..8] == before || date[..8] == after, "x-amz-date {date} is today ({before})");
    let expected = format!("AWS4-HMAC-SHA256 Credential={ACCESS_KEY_ID}/{}/us-east-1/chime/aws4_request", &date[..8]);
    assert!(authorization.starts_with(&expected), "{authorization} does not start with {expected}");

    let signed_headers = authorization
        .split("SignedHeaders=")
        .nth(1)
        .and_then(|rest| rest.split(',').next())
        .expect("SignedHeaders=")
        .split(';')
        .collect::<Vec<_>>();
    for header in ["content-type", "host", "x-amz-chime-bearer", "x-amz-date"] {
        assert!(signed_headers.contains(&header), "{header} is signed: {signed_headers:?}");
    }
    let signature = authorization.split("Signature=").nth(1).expect("Signature=");
    assert_eq!(signature.len(), 64, "{signature}");
    assert!(signature.bytes().all(|b| b.is_ascii_hexdigit()), "{signature}");
    assert_eq!(sent.header("x-amz-security-token"), None, "no session token, no header");
}

#[tokio::test]
async fn chime_signs_in_the_configured_region_and_with_the_session_token() {
    let fake = FakeService::start().await;
    fake.enqueue(FakeResponse::json(201, "{}"));
    let client = chime::Client::from_conf(
        chime_config(&fake)
            .region("eu-central-1")
            .credentials(chime::client::Credentials::new(ACCESS_KEY_ID, "secret", Some("session-token".to_owned())))
            .build(),
    );
    hello_channel_message(&client).send().await.unwrap();
    let sent = fake.last_request().expect("a request");
    let authorization = sent.header("authorization").expect("an authorization header");
    assert!(authorization.contains("/eu-central-1/chime/aws4_request"), "{authorization}");
    assert_eq!(sent.header("x-amz-security-token"), Some("session-token"));
    assert!(authorization.contains("x-amz-security-token"), "the session token is signed: {authorization}");
}

#[tokio::test]
async fn chime_without_credentials_sends_nothing() {
    let fake = FakeService::start().await;
    let client = chime::Client::from_conf(
        chime::Config::builder()
            .region("us-east-1")
            .endpoint_url(fake.endpoint_url())
            .credentials_from_profile_file(nowhere(), "default")
            .build(),
    );
    let err = hello_channel_message(&client).send().await.unwrap_err();
    let SdkError::Config(config) = &err else { panic!("expected a configuration error: {err:?}") };
    // `ConfigErrorKind` is not re-exported by the generated crate, so compare its name.
    assert_eq!(format!("{:?}", config.kind()), "MissingCredentials", "{config}");
    assert_eq!(fake.request_count(), 0);
}

#[tokio::test]
async fn connect_requests_are_not_signed_and_need_no_credentials() {
    let fake = FakeService::start().await;
    fake.enqueue_all([FakeResponse::json(200, r#"{"Id":"m-1"}"#), FakeResponse::json(200, r#"{"Id":"e-1"}"#)]);
    // No credentials anywhere: a missing credentials file, not the environment.
    let client =
        connect::Client::from_conf(connect_config(&fake).credentials_from_profile_file(nowhere(), "default").build());
    assert_eq!(hello_message(&client).send().await.unwrap().id(), Some("m-1"));
    assert_eq!(typing_event(&client).send().await.unwrap().id(), Some("e-1"));
    for sent in fake.requests() {
        assert_eq!(sent.header("authorization"), None, "{} is not signed", sent.path());
        assert_eq!(sent.header("x-amz-date"), None, "{}", sent.path());
        assert_eq!(sent.header("x-amz-security-token"), None, "{}", sent.path());
        assert_eq!(sent.header("x-amz-bearer"), Some("tok"), "{}", sent.path());
    }

    // Nor does it sign when credentials are configured.
    let client = connect::Client::from_conf(
        connect_config(&fake).credentials(connect::client::Credentials::new(ACCESS_KEY_ID, "secret", None)).build(),
    );
    fake.clear_requests();
    fake.enqueue(FakeResponse::json(200, "{}"));
    hello_message(&client).send().await.unwrap();
    assert_eq!(fake.last_request().unwrap().header("authorization"), None);

    // And it needs no region when an endpoint URL is given.
    let client = connect::Client::from_conf(connect::Config::builder().endpoint_url(fake.endpoint_url()).build());
    fake.enqueue(FakeResponse::json(200, "{}"));
    if client.config().region().is_none() {
        hello_message(&client).send().await.unwrap();
    }
}
