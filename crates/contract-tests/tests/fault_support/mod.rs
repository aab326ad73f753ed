//! Shared helpers of the `fault_*`, `hostile_*` and `load_*` tests: clients whose secrets are
//! marker strings, and checks that no error text (Display, Debug, the whole source chain)
//! shows a secret or echoes a response body.
#![allow(dead_code)]

use chatsmith_chime_sdk_messaging as chime;
use chatsmith_connectparticipant as connect;

use crate::wire_support::*;
use connect::client::RetryConfig;
use connect::client::test_util::FakeService;
use connect::error::SdkError;
use std::error::Error as StdError;
use std::fmt::{Debug, Display};
use std::time::Duration;

/// The Connect connection token of every call (an `x-amz-bearer` header on the wire).
pub const CONNECTION_TOKEN: &str = "conn-tok-FAULTMARKER-8e1d55a0";
/// The Chime secret access key.
pub const SECRET_KEY: &str = "secret-key-FAULTMARKER-2b7c90f3";
/// The Chime session token.
pub const SESSION_TOKEN: &str = "session-tok-FAULTMARKER-64aa1e07";
/// Every secret marker.
pub const SECRETS: [&str; 3] = [CONNECTION_TOKEN, SECRET_KEY, SESSION_TOKEN];

/// The token members of the two operations.
pub const CONNECT_TOKEN_MEMBER: &str = "ClientToken";
pub const CHIME_TOKEN_MEMBER: &str = "ClientRequestToken";

/// Fast retries (1-5 ms backoff) with `max_attempts` attempts.
pub fn retries(max_attempts: u32) -> RetryConfig {
    fast_retry().with_max_attempts(max_attempts)
}

/// A Connect client pointed at `fake` with this attempt timeout and these retries.
pub fn connect_with(fake: &FakeService, attempt_timeout: Duration, retry: RetryConfig) -> connect::Client {
    connect::Client::from_conf(connect_config(fake).attempt_timeout(attempt_timeout).retry(retry).build())
}

/// A Chime client pointed at `fake`, signing with the marker secrets.
pub fn chime_with(fake: &FakeService, attempt_timeout: Duration, retry: RetryConfig) -> chime::Client {
    chime::Client::from_conf(
        chime_config(fake)
            .credentials(chime::client::Credentials::new(ACCESS_KEY_ID, SECRET_KEY, Some(SESSION_TOKEN.to_owned())))
            .attempt_timeout(attempt_timeout)
            .retry(retry)
            .build(),
    )
}

/// A SendMessage carrying the marker connection token.
pub fn secret_message(
    client: &connect::Client,
) -> connect::operation::send_message::builders::SendMessageFluentBuilder {
    hello_message(client).connection_token(CONNECTION_TOKEN)
}

/// Display, Debug, alternate Debug and the Display and Debug of every error of the source chain.
pub fn all_texts<E: StdError + 'static>(err: &SdkError<E>) -> Vec<(String, String)> {
    let mut texts = vec![
        ("Display".to_owned(), err.to_string()),
        ("Debug".to_owned(), format!("{err:?}")),
        ("alternate Debug".to_owned(), format!("{err:#?}")),
    ];
    let mut depth = 0;
    let mut cause: Option<&(dyn StdError + 'static)> = err.source();
    while let Some(inner) = cause {
        depth += 1;
        assert!(depth < 64, "the source chain does not end");
        texts.push((format!("Display of source {depth}"), inner.to_string()));
        texts.push((format!("Debug of source {depth}"), format!("{inner:?}")));
        cause = inner.source();
    }
    texts
}

/// No text of `err` shows a secret marker, nor any of `forbidden` (response body markers).
pub fn assert_clean<E: StdError + 'static>(what: &str, err: &SdkError<E>, forbidden: &[&str]) {
    for (kind, text) in all_texts(err) {
        for marker in SECRETS.iter().chain(forbidden) {
            assert!(!text.contains(marker), "{what}: {kind} shows {marker:?}: {text}");
        }
        assert!(!text.contains("FAULTMARKER"), "{what}: {kind} shows part of a secret: {text}");
    }
}

/// Whether a plain value (a client, a builder) shows a secret in `Debug`.
pub fn assert_debug_clean(what: &str, value: &(impl Debug + ?Sized)) {
    let text = format!("{value:?}");
    assert!(!text.contains("FAULTMARKER"), "{what}: Debug shows a secret: {text}");
}

/// `Display` is non-empty and reads as one line.
pub fn assert_readable(what: &str, err: &impl Display) {
    let text = err.to_string();
    assert!(!text.trim().is_empty(), "{what}: empty Display");
    assert!(text.len() < 2_000, "{what}: Display of {} bytes", text.len());
}
