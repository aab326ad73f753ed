//! Error responses on the wire: every modelled error of the three operations maps to its variant,
//! whichever form names it (the `X-Amzn-Errortype` header, the body's `code`, the body's
//! `__type`; bare, with a namespace, with a `:http://...` suffix), with its message read from
//! `message` or `Message`. Chime's modelled `Code` member is data, never the error type. Unknown
//! codes land in `Unhandled` with everything the response said, and `Display` says it all.

mod wire_support;

use chatsmith_chime_sdk_messaging as chime;
use chatsmith_connectparticipant as connect;
use chime::operation::send_channel_message::SendChannelMessageError;
use connect::client::RetryConfig;
use connect::client::test_util::{FakeResponse, FakeService};
use connect::error::SdkError;
use connect::operation::send_event::SendEventError;
use connect::operation::send_message::SendMessageError;
use serde_json::{Map, Value, json};
use wire_support::*;

const CONNECT_NAMESPACE: &str = "com.amazonaws.connectparticipant";
const CHIME_NAMESPACE: &str = "com.amazonaws.chimesdkmessaging";
const URI_SUFFIX: &str = ":http://internal.amazon.com/coral/com.amazon.coral.validate/";

/// How an error response names its error.
#[derive(Clone, Copy, Debug)]
enum Form {
    Header,
    HeaderWithUri,
    HeaderWithNamespaceAndUri,
    BodyCode,
    BodyCodeWithNamespaceAndUri,
    BodyType,
    BodyTypeWithUri,
}

const FORMS: [Form; 7] = [
    Form::Header,
    Form::HeaderWithUri,
    Form::HeaderWithNamespaceAndUri,
    Form::BodyCode,
    Form::BodyCodeWithNamespaceAndUri,
    Form::BodyType,
    Form::BodyTypeWithUri,
];

/// One scripted error response and what the client must make of it.
struct Case {
    label: String,
    response: FakeResponse,
    status: u16,
    message: String,
    request_id: String,
}

/// Every form of error `name` (HTTP `status`), each with the message under `message` and under
/// `Message`; `extra` members are added to every body (Chime's `Code`).
fn cases(namespace: &str, name: &str, status: u16, extra: &[(&str, &str)]) -> Vec<Case> {
    let mut out = Vec::new();
    for form in FORMS {
        for message_key in ["message", "Message"] {
            let label = format!("{name} {form:?} {message_key}");
            let message = format!("{name} said so ({form:?}, {message_key})");
            let request_id = format!("req-{name}-{form:?}-{message_key}");
            let mut body = Map::new();
            body.insert(message_key.to_owned(), Value::from(message.clone()));
            for (key, value) in extra {
                body.insert((*key).to_owned(), Value::from(*value));
            }
            let (header, body_code) = match form {
                Form::Header => (Some(name.to_owned()), None),
                Form::HeaderWithUri => (Some(format!("{name}{URI_SUFFIX}")), None),
                Form::HeaderWithNamespaceAndUri => (Some(format!("{namespace}#{name}{URI_SUFFIX}")), None),
                Form::BodyCode => (None, Some(("code", name.to_owned()))),
                Form::BodyCodeWithNamespaceAndUri => (None, Some(("code", format!("{namespace}#{name}{URI_SUFFIX}")))),
                Form::BodyType => (None, Some(("__type", format!("{namespace}#{name}")))),
                Form::BodyTypeWithUri => (None, Some(("__type", format!("{namespace}#{name}{URI_SUFFIX}")))),
            };
            if let Some((key, value)) = body_code {
                body.insert(key.to_owned(), Value::from(value));
            }
            let mut response = FakeResponse::json(status, Value::Object(body).to_string()).request_id(&request_id);
            if let Some(header) = header {
                response = response.header("X-Amzn-Errortype", &header);
            }
            out.push(Case { label, response, status, message, request_id });
        }
    }
    out
}

/// `Display` of the `SdkError` says code, message, HTTP status and request id.
fn assert_display_says_it_all(display: &str, code: &str, case: &Case) {
    for part in [code, case.message.as_str(), &format!("HTTP {}", case.status), case.request_id.as_str()] {
        assert!(display.contains(part), "{}: `{display}` does not say {part:?}", case.label);
    }
}

const SEND_MESSAGE_ERRORS: [(&str, u16); 4] = [
    ("AccessDeniedException", 403),
    ("InternalServerException", 500),
    ("ThrottlingException", 429),
    ("ValidationException", 400),
];

const SEND_EVENT_ERRORS: [(&str, u16); 5] = [
    ("AccessDeniedException", 403),
    ("ConflictException", 409),
    ("InternalServerException", 500),
    ("ThrottlingException", 429),
    ("ValidationException", 400),
];

/// Each Chime exception with its status and a typical value of its `Code` member.
const SEND_CHANNEL_MESSAGE_ERRORS: [(&str, u16, &str); 7] = [
    ("BadRequestException", 400, "BadRequest"),
    ("ConflictException", 409, "Conflict"),
    ("ForbiddenException", 403, "Forbidden"),
    ("ServiceFailureException", 500, "ServiceFailure"),
    ("ServiceUnavailableException", 503, "ServiceUnavailable"),
    ("ThrottledClientException", 429, "Throttled"),
    ("UnauthorizedClientException", 401, "Unauthorized"),
];

fn connect_no_retry(fake: &FakeService) -> connect::Client {
    connect::Client::from_conf(connect_config(fake).retry(RetryConfig::disabled()).build())
}

fn chime_no_retry(fake: &FakeService) -> chime::Client {
    chime::Client::from_conf(chime_config(fake).retry(RetryConfig::disabled()).build())
}

#[tokio::test]
async fn every_send_message_error_maps_to_its_variant_in_every_form() {
    let fake = FakeService::start().await;
    let client = connect_no_retry(&fake);
    for (name, status) in SEND_MESSAGE_ERRORS {
        for case in cases(CONNECT_NAMESPACE, name, status, &[]) {
            fake.enqueue(case.response.clone());
            let err = hello_message(&client).send().await.expect_err(&case.label);
            assert!(matches!(err, SdkError::Service(_)), "{}: {err:?}", case.label);
            assert_eq!(err.status(), Some(status), "{}", case.label);
            assert_eq!(err.request_id(), Some(case.request_id.as_str()), "{}", case.label);
            assert_eq!(err.attempts(), 1, "{}", case.label);
            assert_display_says_it_all(&err.to_string(), name, &case);
            let service = err.as_service_error().expect("a service error");
            assert_eq!(send_message_variant(service), name, "{}: {service:?}", case.label);
            let error = err.into_service_error().expect("a service error");
            assert_eq!(error.code(), Some(name), "{}", case.label);
            assert_eq!(error.message(), Some(case.message.as_str()), "{}", case.label);
            assert_eq!(error.meta().status, Some(status), "{}", case.label);
            assert_eq!(error.meta().request_id.as_deref(), Some(case.request_id.as_str()), "{}", case.label);
        }
    }
    assert_eq!(fake.request_count(), SEND_MESSAGE_ERRORS.len() * FORMS.len() * 2, "one attempt per case");
}

#[tokio::test]
async fn every_send_event_error_maps_to_its_variant_in_every_form() {
    let fake = FakeService::start().await;
    let client = connect_no_retry(&fake);
    for (name, status) in SEND_EVENT_ERRORS {
        for case in cases(CONNECT_NAMESPACE, name, status, &[]) {
            fake.enqueue(case.response.clone());
            let err = typing_event(&client).send().await.expect_err(&case.label);
            assert!(matches!(err, SdkError::Service(_)), "{}: {err:?}", case.label);
            assert_eq!(err.status(), Some(status), "{}", case.label);
            assert_eq!(err.request_id(), Some(case.request_id.as_str()), "{}", case.label);
            assert_display_says_it_all(&err.to_string(), name, &case);
            let service: &SendEventError = err.as_service_error().expect("a service error");
            assert_eq!(send_event_variant(service), name, "{}: {service:?}", case.label);
            let error = err.into_service_error().expect("a service error");
            assert_eq!(error.code(), Some(name), "{}", case.label);
            assert_eq!(error.message(), Some(case.message.as_str()), "{}", case.label);
            assert_eq!(error.meta().status, Some(status), "{}", case.label);
            assert_eq!(error.meta().request_id.as_deref(), Some(case.request_id.as_str()), "{}", case.label);
        }
    }
}

#[tokio::test]
async fn every_send_channel_message_error_maps_to_its_variant_in_every_form_with_its_code() {
    let fake = FakeService::start().await;
    let client = chime_no_retry(&fake);
    for (name, status, code) in SEND_CHANNEL_MESSAGE_ERRORS {
        for case in cases(CHIME_NAMESPACE, name, status, &[("Code", code)]) {
            fake.enqueue(case.response.clone());
            let err = hello_channel_message(&client).send().await.expect_err(&case.label);
            assert!(matches!(err, SdkError::Service(_)), "{}: {err:?}", case.label);
            assert_eq!(err.status(), Some(status), "{}", case.label);
            assert_eq!(err.request_id(), Some(case.request_id.as_str()), "{}", case.label);
            assert_display_says_it_all(&err.to_string(), name, &case);
            let service: &SendChannelMessageError = err.as_service_error().expect("a service error");
            assert_eq!(send_channel_message_variant(service), name, "{}: {service:?}", case.label);
            assert_eq!(chime_code(service), Some(code), "{}: the modelled Code member", case.label);
            let error = err.into_service_error().expect("a service error");
            assert_eq!(error.code(), Some(name), "{}", case.label);
            assert_eq!(error.message(), Some(case.message.as_str()), "{}", case.label);
            assert_eq!(error.meta().status, Some(status), "{}", case.label);
            assert_eq!(error.meta().request_id.as_deref(), Some(case.request_id.as_str()), "{}", case.label);
        }
    }
}

#[tokio::test]
async fn chime_code_member_is_data_not_the_error_type() {
    let fake = FakeService::start().await;
    let client = chime_no_retry(&fake);

    // The usual Chime throttling response: the type in the header, `Code` in the body.
    fake.enqueue(
        FakeResponse::json(429, r#"{"Code":"Throttled","Message":"Rate exceeded"}"#)
            .header("x-amzn-errortype", "ThrottledClientException")
            .request_id("r-1"),
    );
    let err = hello_channel_message(&client).send().await.unwrap_err();
    let error = err.as_service_error().expect("a service error");
    assert_eq!(send_channel_message_variant(error), "ThrottledClientException", "{error:?}");
    assert_eq!(chime_code(error), Some("Throttled"));
    assert_eq!(error.message(), Some("Rate exceeded"));

    // Without a header, code or __type, `Code` does not name the error: Unhandled, without a code.
    for body in [
        r#"{"Code":"Throttled","Message":"Rate exceeded"}"#,
        r#"{"Code":"ThrottledClientException","Message":"Rate exceeded"}"#,
    ] {
        fake.enqueue(FakeResponse::json(429, body).request_id("r-2"));
        let err = hello_channel_message(&client).send().await.unwrap_err();
        let error = err.as_service_error().expect("a service error");
        let SendChannelMessageError::Unhandled(unhandled) = error else {
            panic!("{body}: `Code` was taken as the error type: {error:?}")
        };
        assert_eq!(unhandled.code(), None, "{body}");
        assert_eq!(unhandled.message(), Some("Rate exceeded"), "{body}");
        assert_eq!(unhandled.meta().status, Some(429), "{body}");
        assert_eq!(unhandled.meta().request_id.as_deref(), Some("r-2"), "{body}");
    }

    // `__type` names the error; `Code` still lands in the `code` field.
    fake.enqueue(FakeResponse::json(
        400,
        json!({"__type": format!("{CHIME_NAMESPACE}#BadRequestException"), "Code": "Forbidden", "Message": "m"})
            .to_string(),
    ));
    let err = hello_channel_message(&client).send().await.unwrap_err();
    let error = err.as_service_error().expect("a service error");
    assert_eq!(send_channel_message_variant(error), "BadRequestException", "{error:?}");
    assert_eq!(chime_code(error), Some("Forbidden"));

    // An ErrorCode value the model does not know is kept.
    fake.enqueue(
        FakeResponse::json(400, r#"{"Code":"BrandNewCode","Message":"m"}"#)
            .header("x-amzn-errortype", "BadRequestException"),
    );
    let err = hello_channel_message(&client).send().await.unwrap_err();
    let error = err.as_service_error().expect("a service error");
    assert_eq!(send_channel_message_variant(error), "BadRequestException", "{error:?}");
    assert_eq!(chime_code(error), Some("BrandNewCode"));
}

#[tokio::test]
async fn the_header_beats_body_code_which_beats_type() {
    let fake = FakeService::start().await;
    let client = connect_no_retry(&fake);
    fake.enqueue(
        FakeResponse::json(403, r#"{"code":"ValidationException","__type":"x#InternalServerException","message":"m"}"#)
            .header("x-amzn-errortype", "AccessDeniedException"),
    );
    let err = hello_message(&client).send().await.unwrap_err();
    assert_eq!(send_message_variant(err.as_service_error().unwrap()), "AccessDeniedException");

    fake.enqueue(FakeResponse::json(
        400,
        r#"{"code":"ValidationException","__type":"x#InternalServerException","message":"m"}"#,
    ));
    let err = hello_message(&client).send().await.unwrap_err();
    assert_eq!(send_message_variant(err.as_service_error().unwrap()), "ValidationException");

    // Only top-level members name the error.
    fake.enqueue(FakeResponse::json(400, r#"{"Details":{"__type":"x#ValidationException"},"message":"m"}"#));
    let err = hello_message(&client).send().await.unwrap_err();
    assert_eq!(send_message_variant(err.as_service_error().unwrap()), "Unhandled");
}

#[tokio::test]
async fn unknown_codes_are_unhandled_with_code_message_status_and_request_id() {
    let fake = FakeService::start().await;
    let client = connect_no_retry(&fake);
    let forms = [
        FakeResponse::json(418, r#"{"message":"new and shiny"}"#).header("x-amzn-errortype", "BrandNewException"),
        FakeResponse::json(418, r#"{"code":"BrandNewException","Message":"new and shiny"}"#),
        FakeResponse::json(
            418,
            format!(r#"{{"__type":"{CONNECT_NAMESPACE}#BrandNewException{URI_SUFFIX}","message":"new and shiny"}}"#),
        ),
    ];
    for response in forms {
        fake.enqueue(response.request_id("req-unknown"));
        let err = hello_message(&client).send().await.unwrap_err();
        let display = err.to_string();
        for part in ["BrandNewException", "new and shiny", "HTTP 418", "req-unknown"] {
            assert!(display.contains(part), "`{display}` does not say {part:?}");
        }
        assert_eq!(err.status(), Some(418));
        assert_eq!(err.request_id(), Some("req-unknown"));
        let Ok(SendMessageError::Unhandled(unhandled)) = err.into_service_error() else { panic!("expected Unhandled") };
        assert_eq!(unhandled.code(), Some("BrandNewException"));
        assert_eq!(unhandled.message(), Some("new and shiny"));
        assert_eq!(unhandled.meta().status, Some(418));
        assert_eq!(unhandled.meta().request_id.as_deref(), Some("req-unknown"));
    }

    // The same on the other operations.
    fake.enqueue(FakeResponse::error(418, "BrandNewException", "new and shiny").request_id("req-2"));
    let err = typing_event(&client).send().await.unwrap_err();
    let Some(SendEventError::Unhandled(unhandled)) = err.as_service_error() else {
        panic!("expected Unhandled: {err:?}")
    };
    assert_eq!((unhandled.code(), unhandled.message()), (Some("BrandNewException"), Some("new and shiny")));
    assert_eq!((unhandled.meta().status, unhandled.meta().request_id.as_deref()), (Some(418), Some("req-2")));

    let fake = FakeService::start().await;
    let client = chime_no_retry(&fake);
    fake.enqueue(FakeResponse::error(418, "BrandNewException", "new and shiny").request_id("req-3"));
    let err = hello_channel_message(&client).send().await.unwrap_err();
    let display = err.to_string();
    for part in ["BrandNewException", "new and shiny", "HTTP 418", "req-3"] {
        assert!(display.contains(part), "`{display}` does not say {part:?}");
    }
    let Some(SendChannelMessageError::Unhandled(unhandled)) = err.as_service_error() else {
        panic!("expected Unhandled: {err:?}")
    };
    assert_eq!((unhandled.code(), unhandled.message()), (Some("BrandNewException"), Some("new and shiny")));
    assert_eq!((unhandled.meta().status, unhandled.meta().request_id.as_deref()), (Some(418), Some("req-3")));
}

#[tokio::test]
async fn an_error_without_code_or_body_is_unhandled_with_its_status() {
    let fake = FakeService::start().await;
    let client = connect_no_retry(&fake);
    fake.enqueue(FakeResponse::new(404).request_id("req-404"));
    let err = hello_message(&client).send().await.unwrap_err();
    let display = err.to_string();
    assert!(display.contains("HTTP 404") && display.contains("req-404"), "{display}");
    let Some(SendMessageError::Unhandled(unhandled)) = err.as_service_error() else {
        panic!("expected Unhandled: {err:?}")
    };
    assert_eq!(unhandled.code(), None);
    assert_eq!(unhandled.meta().status, Some(404));
}

#[tokio::test]
async fn outputs_carry_the_request_id() {
    let fake = FakeService::start().await;
    let client = connect_client(&fake);
    fake.enqueue(FakeResponse::json(200, r#"{"Id":"m-1"}"#).request_id("req-ok-1"));
    assert_eq!(hello_message(&client).send().await.unwrap().request_id(), Some("req-ok-1"));
    fake.enqueue(FakeResponse::json(200, r#"{"Id":"e-1"}"#).request_id("req-ok-2"));
    assert_eq!(typing_event(&client).send().await.unwrap().request_id(), Some("req-ok-2"));
    fake.enqueue(FakeResponse::json(200, "{}"));
    assert_eq!(typing_event(&client).send().await.unwrap().request_id(), None);

    let fake = FakeService::start().await;
    let client = chime_client(&fake);
    fake.enqueue(FakeResponse::json(201, r#"{"MessageId":"msg-1"}"#).request_id("req-ok-3"));
    let output = hello_channel_message(&client).send().await.unwrap();
    assert_eq!(output.request_id(), Some("req-ok-3"));
    assert_eq!(output.message_id(), Some("msg-1"));
}
