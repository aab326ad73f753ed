//! Endpoint resolution.

use crate::support::*;
use chatsmith_runtime::SdkError;
use chatsmith_runtime::client::{Config, ConfigErrorKind, Handle};
use chatsmith_runtime::test_util::{FakeResponse, FakeService};

async fn uri_for(config: Config) -> Result<String, String> {
    let recorder = Recorder::answering(200, "{}");
    let handle = Handle::new(config.to_builder().http_connector(recorder.clone()).build());
    match handle.invoke::<SendMessage>(SendMessageInput::hello()).await {
        Ok(_) => Ok(recorder.uris().remove(0)),
        Err(err) => Err(err.to_string()),
    }
}

#[test]
fn default_endpoint_per_region() {
    run(async {
        let config = Config::builder().region("eu-central-1").build();
        assert_eq!(
            uri_for(config).await.unwrap(),
            "https://participant.connect.eu-central-1.amazonaws.com/participant/message"
        );
    });
}

#[test]
fn china_regions_use_amazonaws_com_cn() {
    run(async {
        let config = Config::builder().region("cn-northwest-1").build();
        assert_eq!(
            uri_for(config).await.unwrap(),
            "https://participant.connect.cn-northwest-1.amazonaws.com.cn/participant/message"
        );
    });
}

#[test]
fn endpoint_url_base_path_is_kept_as_prefix() {
    run(async {
        let fake = FakeService::start().await;
        fake.route(http::Method::POST, "/custom/", FakeResponse::json(200, "{}"));
        let config = fast_config(&fake).endpoint_url(format!("{}/custom/", fake.endpoint_url())).build();
        Handle::new(config).invoke::<SendMessage>(SendMessageInput::hello()).await.unwrap();
        assert_eq!(fake.last_request().unwrap().path_and_query, "/custom/participant/message");
    });
}

#[test]
fn labels_are_percent_encoded_in_the_path() {
    run(async {
        let fake = FakeService::start().await;
        fake.route(http::Method::POST, "/channels/", FakeResponse::json(201, "{}"));
        let config =
            fast_config(&fake).credentials(chatsmith_runtime::client::Credentials::new("AKID", SECRET, None)).build();
        Handle::new(config).invoke::<SendChannelMessage>(SendChannelMessageInput::hello()).await.unwrap();
        // As in the reference capture of the official SDK.
        assert_eq!(
            fake.last_request().unwrap().path_and_query,
            "/channels/arn%3Aaws%3Achime%3Aus-east-1%3A123456789012%3Aapp-instance%2Fa%2Fchannel%2Fb/messages"
        );
    });
}

#[test]
fn missing_or_bad_region_and_bad_urls_are_config_errors() {
    run(async {
        let handle = Handle::new(Config::builder().build().to_builder().build());
        if handle.config().region().is_none() {
            let err = handle.invoke::<SendMessage>(SendMessageInput::hello()).await.unwrap_err();
            let SdkError::Config(config) = &err else { panic!("{err:?}") };
            assert_eq!(config.kind(), ConfigErrorKind::MissingRegion);
            assert!(err.to_string().contains("no region configured"), "{err}");
        }
        let err = uri_for(Config::builder().region("us-east-1.evil.com#").build()).await.unwrap_err();
        assert!(err.contains("invalid region"), "{err}");
        let err =
            uri_for(Config::builder().region("us-east-1").endpoint_url("localhost:80").build()).await.unwrap_err();
        assert!(err.contains("invalid endpoint URL"), "{err}");
    });
}
