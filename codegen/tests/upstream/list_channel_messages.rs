//! Copied into the generated complete Chime SDK Messaging crate by `upstream_models.rs`: a GET
//! operation with query parameters and timestamps, and its paginator, against the fake service.

use chime_sdk_messaging::client::test_util::{FakeResponse, FakeService};
use chime_sdk_messaging::client::Credentials;
use chime_sdk_messaging::primitives::DateTime;
use chime_sdk_messaging::types::SortOrder;
use chime_sdk_messaging::{Client, Config};

const CHANNEL: &str = "arn:aws:chime:us-east-1:111122223333:app-instance/app/channel/general";
const BEARER: &str = "arn:aws:chime:us-east-1:111122223333:app-instance/app/user/alice";

fn client(fake: &FakeService) -> Client {
    let config = Config::builder()
        .region("us-east-1")
        .endpoint_url(fake.endpoint_url())
        .credentials(Credentials::new("AKIDEXAMPLE", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY", None))
        .build();
    Client::new(&config)
}

#[tokio::test]
async fn list_channel_messages_on_the_wire() {
    let fake = FakeService::start().await;
    fake.enqueue(FakeResponse::json(
        200,
        r#"{"ChannelArn":"arn:aws:chime:us-east-1:111122223333:app-instance/app/channel/general",
            "ChannelMessages":[{"MessageId":"m-1","Content":"hi","Type":"STANDARD",
            "CreatedTimestamp":1576540098.5,"Redacted":false,"Status":{"Value":"SENT"}}]}"#,
    ));
    let output = client(&fake)
        .list_channel_messages()
        .channel_arn(CHANNEL)
        .chime_bearer(BEARER)
        .sort_order(SortOrder::Ascending)
        .not_before(DateTime::from_secs(1_576_540_098))
        .not_after(DateTime::from_secs(1_576_540_099))
        .max_results(10)
        .send()
        .await
        .expect("the fake service answers");

    let sent = fake.last_request().expect("one request");
    assert_eq!(sent.method, "GET");
    assert_eq!(sent.path(), "/channels/arn%3Aaws%3Achime%3Aus-east-1%3A111122223333%3Aapp-instance%2Fapp%2Fchannel%2Fgeneral/messages");
    let mut query: Vec<&str> = sent.query().expect("a query").split('&').collect();
    query.sort();
    assert_eq!(
        query,
        ["max-results=10", "not-after=2019-12-16T23%3A48%3A19Z", "not-before=2019-12-16T23%3A48%3A18Z", "sort-order=ASCENDING"]
    );
    assert_eq!(sent.header("x-amz-chime-bearer"), Some(BEARER));
    assert!(sent.header("authorization").is_some_and(|a| a.contains("/us-east-1/chime/aws4_request")));
    assert!(sent.body.is_empty(), "a GET sends no body");
    assert_eq!(sent.header("content-type"), None, "no body, no content type");

    let messages = output.channel_messages();
    assert_eq!(messages.len(), 1);
    assert_eq!(messages[0].message_id(), Some("m-1"));
    assert_eq!(messages[0].created_timestamp(), Some(DateTime::from_secs_and_nanos(1_576_540_098, 500_000_000)));
}

#[tokio::test]
async fn the_paginator_follows_next_token() {
    let fake = FakeService::start().await;
    fake.enqueue_all([
        FakeResponse::json(200, r#"{"ChannelMessages":[{"MessageId":"m-1"}],"NextToken":"page-2"}"#),
        FakeResponse::json(200, r#"{"ChannelMessages":[{"MessageId":"m-2"}]}"#),
    ]);
    let mut pages = client(&fake).list_channel_messages().channel_arn(CHANNEL).chime_bearer(BEARER).into_paginator().page_size(1);
    let mut ids = Vec::new();
    while let Some(page) = pages.next_page().await {
        let page = page.expect("a page");
        ids.extend(page.channel_messages().iter().filter_map(|m| m.message_id().map(str::to_owned)));
    }
    assert_eq!(ids, ["m-1", "m-2"]);
    let requests = fake.requests();
    assert_eq!(requests.len(), 2);
    assert_eq!(requests[0].query(), Some("max-results=1"));
    assert_eq!(requests[1].query(), Some("max-results=1&next-token=page-2"));
}
