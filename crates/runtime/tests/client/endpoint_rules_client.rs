//! The client resolving endpoints from a service's endpoint rules: region, FIPS, dual-stack,
//! endpoint URL (with its base path), headers, and the errors of each.

use crate::support::*;
use chatsmith_runtime::SdkError;
use chatsmith_runtime::client::{
    Config, ConfigErrorKind, Handle, HttpRequestParts, InvalidInput, Operation, RawResponse, ResponseFailure,
    ServiceMeta,
};
use chatsmith_runtime::test_util::{FakeResponse, FakeService};

/// The shape of the AWS standard ruleset (custom endpoint, FIPS, dual-stack, partitions).
const STANDARD_RULES: &str = r#"{
  "version": "1.0",
  "parameters": {
    "Region": {"builtIn": "AWS::Region", "required": false, "type": "String"},
    "UseDualStack": {"builtIn": "AWS::UseDualStack", "required": true, "default": false, "type": "Boolean"},
    "UseFIPS": {"builtIn": "AWS::UseFIPS", "required": true, "default": false, "type": "Boolean"},
    "Endpoint": {"builtIn": "SDK::Endpoint", "required": false, "type": "String"}
  },
  "rules": [
    {"conditions": [{"fn": "isSet", "argv": [{"ref": "Endpoint"}]}], "type": "tree", "rules": [
      {"conditions": [{"fn": "booleanEquals", "argv": [{"ref": "UseFIPS"}, true]}], "type": "error",
       "error": "Invalid Configuration: FIPS and custom endpoint are not supported"},
      {"conditions": [{"fn": "booleanEquals", "argv": [{"ref": "UseDualStack"}, true]}], "type": "error",
       "error": "Invalid Configuration: Dualstack and custom endpoint are not supported"},
      {"conditions": [], "type": "endpoint", "endpoint": {"url": {"ref": "Endpoint"}, "properties": {}, "headers": {}}}
    ]},
    {"conditions": [{"fn": "isSet", "argv": [{"ref": "Region"}]}], "type": "tree", "rules": [
      {"conditions": [{"fn": "aws.partition", "argv": [{"ref": "Region"}], "assign": "PartitionResult"}], "type": "tree", "rules": [
        {"conditions": [{"fn": "booleanEquals", "argv": [{"ref": "UseFIPS"}, true]}, {"fn": "booleanEquals", "argv": [{"ref": "UseDualStack"}, true]}],
         "type": "endpoint", "endpoint": {"url": "https://participant.connect-fips.{Region}.{PartitionResult#dualStackDnsSuffix}"}},
        {"conditions": [{"fn": "booleanEquals", "argv": [{"ref": "UseFIPS"}, true]}],
         "type": "endpoint", "endpoint": {"url": "https://participant.connect-fips.{Region}.{PartitionResult#dnsSuffix}"}},
        {"conditions": [{"fn": "booleanEquals", "argv": [{"ref": "UseDualStack"}, true]}],
         "type": "endpoint", "endpoint": {"url": "https://participant.connect.{Region}.{PartitionResult#dualStackDnsSuffix}"}},
        {"conditions": [], "type": "endpoint", "endpoint": {"url": "https://participant.connect.{Region}.{PartitionResult#dnsSuffix}"}}
      ]}
    ]},
    {"conditions": [], "type": "error", "error": "Invalid Configuration: Missing Region"}
  ]
}"#;

/// Endpoints with a base path and headers of their own.
const HEADER_RULES: &str = r#"{
  "version": "1.0",
  "parameters": {"Endpoint": {"builtIn": "SDK::Endpoint", "type": "string"}},
  "rules": [
    {"conditions": [{"fn": "parseURL", "argv": [{"ref": "Endpoint"}], "assign": "Url"}], "type": "endpoint",
     "endpoint": {"url": "{Url#scheme}://{Url#authority}{Url#normalizedPath}v2", "headers": {"x-amz-rules": ["a", "b"]}}},
    {"conditions": [], "type": "error", "error": "give an endpoint"}
  ]
}"#;

static RULED: ServiceMeta = ServiceMeta { endpoint_rules: Some(STANDARD_RULES), ..PARTICIPANT };
static WITH_HEADERS: ServiceMeta = ServiceMeta { endpoint_rules: Some(HEADER_RULES), ..PARTICIPANT };
static BROKEN: ServiceMeta =
    ServiceMeta { endpoint_rules: Some(r#"{"version": "1.0", "rules": [{"type": "?"}]}"#), ..PARTICIPANT };

/// `SendMessage` of a service described by `S`.
struct Sending<S: Meta>(S);

trait Meta: Send + Sync + 'static {
    const META: &'static ServiceMeta;
}

struct Ruled;
impl Meta for Ruled {
    const META: &'static ServiceMeta = &RULED;
}

struct WithHeaders;
impl Meta for WithHeaders {
    const META: &'static ServiceMeta = &WITH_HEADERS;
}

struct Broken;
impl Meta for Broken {
    const META: &'static ServiceMeta = &BROKEN;
}

impl<S: Meta> Operation for Sending<S> {
    type Input = <SendMessage as Operation>::Input;
    type Output = <SendMessage as Operation>::Output;
    type Error = <SendMessage as Operation>::Error;
    const NAME: &'static str = SendMessage::NAME;
    const SERVICE: &'static ServiceMeta = S::META;

    fn prepare(input: &mut Self::Input, make_token: &dyn Fn() -> String) -> Option<String> {
        SendMessage::prepare(input, make_token)
    }

    fn serialize(input: &Self::Input) -> Result<HttpRequestParts, InvalidInput> {
        SendMessage::serialize(input)
    }

    fn parse(response: &RawResponse) -> Result<Self::Output, ResponseFailure<Self::Error>> {
        SendMessage::parse(response)
    }
}

async fn uri_for<S: Meta>(config: Config) -> Result<String, SdkError<<SendMessage as Operation>::Error>> {
    let recorder = Recorder::answering(200, "{}");
    let handle = Handle::new(config.to_builder().http_connector(recorder.clone()).build());
    handle.invoke::<Sending<S>>(SendMessageInput::hello()).await?;
    Ok(recorder.uris().remove(0))
}

fn config_error(err: SdkError<<SendMessage as Operation>::Error>) -> (ConfigErrorKind, String) {
    match &err {
        SdkError::Config(config) => (config.kind(), err.to_string()),
        other => panic!("expected a configuration error, got {other:?}"),
    }
}

#[test]
fn rules_choose_the_endpoint() {
    run(async {
        let region = |r: &str| Config::builder().region(r);
        for (config, want) in [
            (
                region("eu-central-1").build(),
                "https://participant.connect.eu-central-1.amazonaws.com/participant/message",
            ),
            (
                region("us-east-1").use_fips(true).build(),
                "https://participant.connect-fips.us-east-1.amazonaws.com/participant/message",
            ),
            (
                region("us-east-1").use_dual_stack(true).build(),
                "https://participant.connect.us-east-1.api.aws/participant/message",
            ),
            (
                region("cn-north-1").use_fips(true).use_dual_stack(true).build(),
                "https://participant.connect-fips.cn-north-1.api.amazonwebservices.com.cn/participant/message",
            ),
            (
                region("us-gov-west-1").build(),
                "https://participant.connect.us-gov-west-1.amazonaws.com/participant/message",
            ),
            (
                region("us-isob-east-1").build(),
                "https://participant.connect.us-isob-east-1.sc2s.sgov.gov/participant/message",
            ),
        ] {
            assert_eq!(uri_for::<Ruled>(config).await.unwrap(), want);
        }
    });
}

#[test]
fn endpoint_url_goes_through_the_rules_and_keeps_its_base_path() {
    run(async {
        let fake = FakeService::start().await;
        fake.route(http::Method::POST, "/custom/", FakeResponse::json(200, "{}"));
        let config = fast_config(&fake).endpoint_url(format!("{}/custom/", fake.endpoint_url())).build();
        let handle = Handle::new(config);
        handle.invoke::<Sending<Ruled>>(SendMessageInput::hello()).await.unwrap();
        handle.invoke::<Sending<Ruled>>(SendMessageInput::hello()).await.unwrap();
        let requests = fake.requests();
        assert_eq!(requests.len(), 2);
        assert!(requests.iter().all(|r| r.path_and_query == "/custom/participant/message"));
    });
}

#[test]
fn rule_errors_are_config_errors() {
    run(async {
        let config = Config::builder().region("us-east-1").endpoint_url("https://example.com").use_fips(true).build();
        let (kind, text) = config_error(uri_for::<Ruled>(config).await.unwrap_err());
        assert_eq!(kind, ConfigErrorKind::InvalidEndpoint);
        assert_eq!(
            text,
            "request not sent: no ConnectParticipant endpoint for this configuration: \
             Invalid Configuration: FIPS and custom endpoint are not supported"
        );

        let no_region = Config::builder().build();
        if no_region.region().is_none() {
            let (kind, text) = config_error(uri_for::<Ruled>(no_region).await.unwrap_err());
            assert_eq!(kind, ConfigErrorKind::MissingRegion);
            assert!(text.contains("no region configured"), "{text}");
            assert!(text.contains("Invalid Configuration: Missing Region"), "{text}");
        }

        let (kind, _) =
            config_error(uri_for::<Ruled>(Config::builder().region("us-east-1.evil.com#").build()).await.unwrap_err());
        assert_eq!(kind, ConfigErrorKind::InvalidRegion);

        let bad_url = Config::builder().region("us-east-1").endpoint_url("localhost:80").build();
        let (kind, text) = config_error(uri_for::<Ruled>(bad_url).await.unwrap_err());
        assert_eq!(kind, ConfigErrorKind::InvalidEndpoint);
        assert!(text.contains("invalid endpoint URL"), "{text}");
    });
}

#[test]
fn a_broken_ruleset_is_a_config_error_not_a_panic() {
    run(async {
        let (kind, text) =
            config_error(uri_for::<Broken>(Config::builder().region("us-east-1").build()).await.unwrap_err());
        assert_eq!(kind, ConfigErrorKind::InvalidEndpoint);
        assert!(text.contains("the endpoint rules of the ConnectParticipant client cannot be used"), "{text}");
        assert!(text.contains("unknown rule type `?`"), "{text}");
    });
}

#[test]
fn endpoint_headers_are_sent() {
    run(async {
        let fake = FakeService::start().await;
        fake.route(http::Method::POST, "/base/v2/", FakeResponse::json(200, "{}"));
        let config = fast_config(&fake).endpoint_url(format!("{}/base", fake.endpoint_url())).build();
        Handle::new(config).invoke::<Sending<WithHeaders>>(SendMessageInput::hello()).await.unwrap();
        let request = fake.last_request().unwrap();
        assert_eq!(request.path_and_query, "/base/v2/participant/message");
        let values: Vec<_> =
            request.headers.get_all("x-amz-rules").iter().map(|v| v.to_str().unwrap().to_owned()).collect();
        assert_eq!(values, ["a", "b"]);
    });
}

#[test]
fn fips_without_rules_is_refused() {
    run(async {
        let recorder = Recorder::answering(200, "{}");
        let config = Config::builder().region("us-east-1").use_dual_stack(true).http_connector(recorder).build();
        let err = Handle::new(config).invoke::<SendMessage>(SendMessageInput::hello()).await.unwrap_err();
        let (kind, text) = config_error(err);
        assert_eq!(kind, ConfigErrorKind::InvalidEndpoint);
        assert!(text.contains("chosen by endpoint rules"), "{text}");
    });
}
