//! restJson1 error parsing as the protocol specifies it.

use bytes::Bytes;
use chatsmith_runtime::client::RawResponse;
use chatsmith_runtime::protocol::restjson::{ErrorResponse, parse_error};
use http::HeaderMap;

fn response(status: u16, headers: &[(&'static str, &str)], body: &str) -> RawResponse {
    let mut map = HeaderMap::new();
    for (name, value) in headers {
        map.insert(*name, value.parse().unwrap());
    }
    RawResponse { status, headers: map, body: Bytes::from(body.to_owned()) }
}

fn parsed(status: u16, headers: &[(&'static str, &str)], body: &str) -> ErrorResponse {
    parse_error(&response(status, headers, body))
}

#[test]
fn code_from_the_header_first() {
    let e = parsed(
        500,
        &[(
            "X-Amzn-Errortype",
            "aws.protocoltests.restjson#FooError:http://internal.amazon.com/coral/com.amazon.coral.validate/",
        )],
        r#"{"code":"Other","__type":"Another"}"#,
    );
    assert_eq!(e.code.as_deref(), Some("FooError"));
}

#[test]
fn code_from_body_code_then_dunder_type() {
    let e = parsed(
        500,
        &[],
        r#"{"code":"aws.protocoltests.restjson#FooError:http://internal.amazon.com/","__type":"Other"}"#,
    );
    assert_eq!(e.code.as_deref(), Some("FooError"));
    let e = parsed(500, &[], r#"{"__type":"aws.protocoltests.restjson#FooError:http://internal.amazon.com/"}"#);
    assert_eq!(e.code.as_deref(), Some("FooError"));
}

#[test]
fn capital_code_is_data_not_the_error_type() {
    // Chime's ThrottledClientException has a modelled `Code` member (an ErrorCode enum).
    let e = parsed(429, &[], r#"{"Code":"Throttled","Message":"slow down","__type":"ThrottledClientException"}"#);
    assert_eq!(e.code.as_deref(), Some("ThrottledClientException"));
    assert_eq!(e.message.as_deref(), Some("slow down"));
    assert_eq!(e.body["Code"], "Throttled", "the body is kept for modelled members");
    let only_capital = parsed(429, &[], r#"{"Code":"Throttled"}"#);
    assert_eq!(only_capital.code, None);
}

#[test]
fn message_from_message_or_capital_message() {
    assert_eq!(parsed(400, &[], r#"{"message":"bad"}"#).message.as_deref(), Some("bad"));
    assert_eq!(parsed(400, &[], r#"{"Message":"Bad"}"#).message.as_deref(), Some("Bad"));
    assert_eq!(parsed(400, &[], r#"{"message":"lower","Message":"Upper"}"#).message.as_deref(), Some("lower"));
}

#[test]
fn nested_types_and_odd_bodies_are_ignored() {
    let e = parsed(500, &[("x-amzn-errortype", "FooError")], r#"{"ErrorDetails":[{"__type":"Nested"}]}"#);
    assert_eq!(e.code.as_deref(), Some("FooError"));
    let e = parsed(500, &[], r#"{"ErrorDetails":[{"__type":"Nested"}]}"#);
    assert_eq!(e.code, None);
    for body in ["", "not json", "[1,2]", r#"{"code":5}"#, "\u{0}\u{ff}"] {
        let e = parsed(502, &[], body);
        assert_eq!((e.code, e.message), (None, None), "{body:?}");
        assert_eq!(e.meta.status, Some(502));
    }
}

#[test]
fn request_id_from_either_header() {
    assert_eq!(parsed(400, &[("x-amzn-requestid", "a")], "").meta.request_id.as_deref(), Some("a"));
    assert_eq!(parsed(400, &[("x-amz-request-id", "b")], "").meta.request_id.as_deref(), Some("b"));
    assert_eq!(parsed(400, &[], "").meta.request_id, None);
}
