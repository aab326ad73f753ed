//! Secrets never appear in Debug or Display.

use crate::support::*;
use chatsmith_runtime::client::{Config, Credentials, Handle, HttpRequestParts, Operation};

#[test]
fn credentials_and_config_debug_are_redacted() {
    let credentials = Credentials::new("AKIDEXAMPLE", SECRET, Some(SESSION_TOKEN.to_owned()));
    let config = Config::builder().region("us-east-1").credentials(credentials.clone()).build();
    let handle = Handle::new(config.clone());
    for text in [format!("{credentials:?}"), format!("{config:?}"), format!("{handle:?}"), format!("{:#?}", config)] {
        assert!(!text.contains(SECRET), "{text}");
        assert!(!text.contains(SESSION_TOKEN), "{text}");
        assert!(text.contains("AKIDEXAMPLE"), "{text}");
        assert!(text.contains("redacted"), "{text}");
    }
}

#[test]
fn request_parts_debug_hides_header_values() {
    let parts: HttpRequestParts = SendMessage::serialize(&SendMessageInput::hello()).unwrap();
    let text = format!("{parts:?}");
    assert!(!text.contains(BEARER), "{text}");
    assert!(text.contains("x-amz-bearer"), "{text}");
    // The header itself is marked sensitive, so `http`'s own Debug hides it too.
    assert!(!format!("{:?}", parts.headers).contains(BEARER));
}

#[test]
fn errors_never_repeat_secrets() {
    run(async {
        // A signed operation whose credentials cannot be found.
        let config = Config::builder()
            .region("us-east-1")
            .endpoint_url("http://127.0.0.1:9")
            .credentials_from_profile_file("/nonexistent/credentials", "chat")
            .build();
        let err = Handle::new(config).invoke::<SendChannelMessage>(SendChannelMessageInput::hello()).await.unwrap_err();
        let text = err.to_string();
        assert!(text.contains("need credentials"), "{text}");
        assert!(text.contains("/nonexistent/credentials does not exist"), "{text}");

        // A header refused: the value is not repeated.
        let input = SendMessageInput { connection_token: format!("{BEARER}\n"), ..SendMessageInput::hello() };
        let err =
            Handle::new(Config::builder().region("us-east-1").build()).invoke::<SendMessage>(input).await.unwrap_err();
        assert!(!err.to_string().contains(BEARER) && !format!("{err:?}").contains(BEARER));
    });
}
