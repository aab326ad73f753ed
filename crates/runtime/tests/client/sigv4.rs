//! SigV4 signing: known answers, the signed call, clock-skew correction.

use crate::support::*;
use bytes::Bytes;
use chatsmith_runtime::client::sigv4::sign_request;
use chatsmith_runtime::client::{Credentials, Handle};
use chatsmith_runtime::primitives::DateTime;
use chatsmith_runtime::test_util::{FakeResponse, FakeService};
use chatsmith_runtime::time::{TimestampFormat, format, parse};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

/// 2015-08-30T12:36:00Z, the time of the AWS SigV4 test suite.
fn suite_time() -> SystemTime {
    UNIX_EPOCH + Duration::from_secs(1_440_938_160)
}

fn suite_credentials() -> Credentials {
    Credentials::new("AKIDEXAMPLE", SECRET, None)
}

fn signed_get(uri: &str) -> http::Request<Bytes> {
    let mut request = http::Request::get(uri).header("host", "example.amazonaws.com").body(Bytes::new()).unwrap();
    sign_request(&mut request, &suite_credentials(), "us-east-1", "service", suite_time()).unwrap();
    request
}

#[test]
fn known_answer_get_vanilla() {
    let request = signed_get("https://example.amazonaws.com/");
    assert_eq!(request.headers()["x-amz-date"], "20150830T123600Z");
    assert_eq!(
        request.headers()["authorization"],
        "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/service/aws4_request, \
         SignedHeaders=host;x-amz-date, \
         Signature=5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31"
    );
    assert!(request.headers()["authorization"].is_sensitive());
}

#[test]
fn known_answer_get_vanilla_query_order_key_case() {
    let request = signed_get("https://example.amazonaws.com/?Param2=value2&Param1=value1");
    let authorization = request.headers()["authorization"].to_str().unwrap();
    assert!(
        authorization.ends_with("Signature=b97d918cfa904a5beff61c982a1b6f458b799221646efd99d3219ec94cdf2500"),
        "{authorization}"
    );
}

#[test]
fn session_tokens_are_signed_and_sent() {
    let mut request = http::Request::get("https://example.amazonaws.com/")
        .header("host", "example.amazonaws.com")
        .body(Bytes::new())
        .unwrap();
    let credentials = Credentials::new("AKIDEXAMPLE", SECRET, Some(SESSION_TOKEN.to_owned()));
    sign_request(&mut request, &credentials, "us-east-1", "service", suite_time()).unwrap();
    assert_eq!(request.headers()["x-amz-security-token"], SESSION_TOKEN);
    let authorization = request.headers()["authorization"].to_str().unwrap();
    assert!(authorization.contains("SignedHeaders=host;x-amz-date;x-amz-security-token"), "{authorization}");
}

#[test]
fn signed_call_carries_a_chime_signature() {
    run(async {
        let fake = FakeService::start().await;
        fake.route(http::Method::POST, "/channels/", FakeResponse::json(201, r#"{"MessageId":"m-1"}"#));
        let config = fast_config(&fake).credentials(Credentials::new("AKIDEXAMPLE", SECRET, None)).build();
        let output = Handle::new(config).invoke::<SendChannelMessage>(SendChannelMessageInput::hello()).await.unwrap();
        assert_eq!(output["MessageId"], "m-1");

        let request = fake.last_request().unwrap();
        let authorization = request.header("authorization").unwrap();
        assert!(authorization.starts_with("AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/"), "{authorization}");
        assert!(authorization.contains("/us-east-1/chime/aws4_request"), "{authorization}");
        assert!(
            authorization.contains("SignedHeaders=content-length;content-type;host;x-amz-chime-bearer;x-amz-date,"),
            "{authorization}"
        );
        assert!(request.header("x-amz-date").is_some());
        assert!(!format!("{request:?}").contains(SECRET));
    });
}

fn http_date(time: SystemTime) -> String {
    format(&DateTime::from(time), TimestampFormat::HttpDate)
}

/// An RFC 3339 time (`2026-11-22T03:25:58Z`) as a `SystemTime`.
fn system_time(rfc3339: &str) -> SystemTime {
    parse(rfc3339, TimestampFormat::DateTime).and_then(|t| t.to_system_time()).unwrap()
}

/// `20261122T032558Z` as a `SystemTime`.
fn parse_amz_date(value: &str) -> SystemTime {
    let b = value.as_bytes();
    let iso = format!(
        "{}-{}-{}T{}:{}:{}Z",
        &value[0..4],
        &value[4..6],
        &value[6..8],
        &value[9..11],
        &value[11..13],
        &value[13..15]
    );
    assert_eq!(b.len(), 16, "{value}");
    system_time(&iso)
}

fn assert_close(a: SystemTime, b: SystemTime) {
    let gap = a.duration_since(b).or_else(|e| Ok::<_, ()>(e.duration())).unwrap();
    assert!(gap < Duration::from_secs(60), "{a:?} vs {b:?}");
}

#[test]
fn clock_skew_is_learned_and_the_retry_signed_with_corrected_time() {
    run(async {
        let fake = FakeService::start().await;
        let server_now = SystemTime::now() + Duration::from_secs(3600);
        fake.enqueue(
            FakeResponse::error(403, "InvalidSignatureException", "Signature expired")
                .header("date", &http_date(server_now)),
        );
        fake.route(http::Method::POST, "/channels/", FakeResponse::json(201, "{}"));
        let handle = Handle::new(fast_config(&fake).credentials(suite_credentials()).build());

        handle.invoke::<SendChannelMessage>(SendChannelMessageInput::hello()).await.unwrap();
        let requests = fake.requests();
        assert_eq!(requests.len(), 2, "retried once after the skew error");
        assert_close(parse_amz_date(requests[0].header("x-amz-date").unwrap()), SystemTime::now());
        assert_close(parse_amz_date(requests[1].header("x-amz-date").unwrap()), server_now);

        // Remembered for later calls, and shared by clones.
        handle.clone().invoke::<SendChannelMessage>(SendChannelMessageInput::hello()).await.unwrap();
        assert_close(parse_amz_date(fake.last_request().unwrap().header("x-amz-date").unwrap()), server_now);
    });
}

#[test]
fn signature_errors_without_skew_are_not_retried() {
    run(async {
        let fake = FakeService::start().await;
        fake.route(
            http::Method::POST,
            "/channels/",
            FakeResponse::error(403, "InvalidSignatureException", "bad signature")
                .header("date", &http_date(SystemTime::now())),
        );
        let handle = Handle::new(fast_config(&fake).credentials(suite_credentials()).build());
        let err = handle.invoke::<SendChannelMessage>(SendChannelMessageInput::hello()).await.unwrap_err();
        assert_eq!(err.status(), Some(403));
        assert_eq!(fake.request_count(), 1);
        // Unsigned operations never learn skew either.
        fake.route(
            http::Method::POST,
            "/participant/",
            FakeResponse::error(403, "InvalidSignatureException", "x")
                .header("date", &http_date(SystemTime::now() + Duration::from_secs(3600))),
        );
        handle.invoke::<SendMessage>(SendMessageInput::hello()).await.unwrap_err();
        assert_eq!(fake.request_count(), 2);
    });
}

/// A request captured from the official AWS SDK for Rust (shared/reference-wire), signed with
/// the AWS example secret: same headers, body and time must give the same signature.
struct Capture {
    path: &'static str,
    headers: &'static [(&'static str, &'static str)],
    body: &'static str,
    name: &'static str,
    signature: &'static str,
}

const USER_AGENT_CHIME: &str =
    "aws-sdk-rust/1.7.0 ua/2.1 api/chimesdkmessaging/1.120.0 os/linux lang/rust/1.95.0 m/E,N md/http#hyper-1.x";
const USER_AGENT_PARTICIPANT: &str =
    "aws-sdk-rust/1.7.0 ua/2.1 api/connectparticipant/1.126.0 os/linux lang/rust/1.95.0 m/E,N md/http#hyper-1.x";

const CAPTURES: &[Capture] = &[
    Capture {
        path: "/channels/arn%3Aaws%3Achime%3Aus-east-1%3A123456789012%3Aapp-instance%2Fa%2Fchannel%2Fb/messages",
        headers: &[
            ("x-amz-chime-bearer", "arn:aws:chime:us-east-1:123456789012:app-instance/a/user/u1"),
            ("content-type", "application/json"),
            ("content-length", "124"),
            ("user-agent", USER_AGENT_CHIME),
            ("x-amz-user-agent", USER_AGENT_CHIME),
            ("host", "127.0.0.1:8787"),
        ],
        body: r#"{"ClientRequestToken":"52976f6e-04b8-4c6c-c15b-5935f1d9301a","Content":"hello","Persistence":"PERSISTENT","Type":"STANDARD"}"#,
        name: "chime",
        signature: "d54b85499a799c9654cd968121377e0aeb6cdeec3ed29e6b2d9991cd706c7a4c",
    },
    Capture {
        path: "/participant/message",
        headers: &[
            ("x-amz-bearer", "tok"),
            ("content-type", "application/json"),
            ("content-length", "99"),
            ("user-agent", USER_AGENT_PARTICIPANT),
            ("x-amz-user-agent", USER_AGENT_PARTICIPANT),
            ("host", "127.0.0.1:8787"),
        ],
        body: r#"{"ClientToken":"a95b2619-4d8a-4ca4-a76e-df6f2c825927","Content":"hello","ContentType":"text/plain"}"#,
        name: "execute-api",
        signature: "fc8ba406716d8c789e009999b7feeabca1508c5ce8cfb3bb8f16a08bacd03144",
    },
];

#[test]
fn reproduces_the_official_sdk_signatures_of_the_reference_captures() {
    // x-amz-date: 20261122T032558Z
    let time = system_time("2026-11-22T03:25:58Z");
    for capture in CAPTURES {
        let mut builder = http::Request::post(format!("http://127.0.0.1:8787{}", capture.path));
        for (name, value) in capture.headers {
            builder = builder.header(*name, *value);
        }
        let mut request = builder.body(Bytes::from_static(capture.body.as_bytes())).unwrap();
        sign_request(&mut request, &suite_credentials(), "us-east-1", capture.name, time).unwrap();
        let authorization = request.headers()["authorization"].to_str().unwrap();
        assert!(
            authorization.ends_with(&format!("Signature={}", capture.signature)),
            "{}: {authorization}",
            capture.name
        );
    }
}

/// Every signed request of the shared reference captures, signed again from its own method,
/// path, headers, body and `x-amz-date` with the example secret: the official SDK's
/// `authorization`, byte for byte. The `amz-sdk-*` headers are left out: that SDK adds them
/// after signing, as our client does.
#[test]
fn reproduces_every_signed_reference_capture_of_the_shared_data() {
    let Some(shared) = shared_dir("sigv4 reference captures") else { return };
    let dir = shared.join("reference-wire");
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|entry| entry.unwrap().path())
        .filter(|path| path.extension().is_some_and(|ext| ext == "txt"))
        .collect();
    files.sort();
    let mut signed = Vec::new();
    for path in files {
        let file = path.file_name().unwrap().to_string_lossy().into_owned();
        let text = std::fs::read_to_string(&path).unwrap();
        let (head, body) = text.split_once("\r\n\r\n").unwrap_or_else(|| panic!("{file}: no blank line"));
        let mut lines = head.split("\r\n");
        let request_line: Vec<&str> = lines.next().unwrap().split(' ').collect();
        let headers: Vec<(&str, &str)> =
            lines.map(|line| line.split_once(": ").unwrap_or_else(|| panic!("{file}: {line:?}"))).collect();
        let header = |name: &str| headers.iter().find(|(n, _)| n.eq_ignore_ascii_case(name)).map(|(_, v)| *v);
        let Some(expected) = header("authorization") else { continue };
        let scope = expected.split("Credential=").nth(1).and_then(|c| c.split(',').next()).unwrap();
        let [access_key_id, _date, region, service, "aws4_request"] = scope.split('/').collect::<Vec<_>>()[..] else {
            panic!("{file}: scope {scope}")
        };
        assert_eq!(header("content-length"), Some(body.len().to_string().as_str()), "{file}: the whole body");

        let host = header("host").unwrap();
        let mut builder =
            http::Request::builder().method(request_line[0]).uri(format!("http://{host}{}", request_line[1]));
        for (name, value) in &headers {
            let name = name.to_ascii_lowercase();
            if !["authorization", "x-amz-date"].contains(&name.as_str()) && !name.starts_with("amz-sdk-") {
                builder = builder.header(name, *value);
            }
        }
        let mut request = builder.body(Bytes::from(body.to_owned())).unwrap();
        let time = parse_amz_date(header("x-amz-date").unwrap());
        let credentials = Credentials::new(access_key_id, SECRET, None);
        sign_request(&mut request, &credentials, region, service, time).unwrap();
        assert_eq!(request.headers()["authorization"], expected, "{file}");
        assert_eq!(request.headers()["x-amz-date"], header("x-amz-date").unwrap(), "{file}");
        signed.push(file);
    }
    assert_eq!(
        signed,
        ["send_channel_message.txt", "send_event.sigv4.txt", "send_message.sigv4.txt"],
        "the signed captures"
    );
}

#[test]
fn credentials_come_from_a_profile_of_the_shared_credentials_file() {
    run(async {
        let dir = std::env::temp_dir().join(format!("chatsmith-sigv4-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let file = dir.join("credentials");
        std::fs::write(&file, format!("[default]\naws_access_key_id=AKIDDEFAULT\naws_secret_access_key=x\n\n[chat]\naws_access_key_id = AKIDPROFILE\naws_secret_access_key = {SECRET}\naws_session_token = {SESSION_TOKEN}\n")).unwrap();

        let fake = FakeService::start().await;
        fake.route(http::Method::POST, "/channels/", FakeResponse::json(201, "{}"));
        let handle = Handle::new(fast_config(&fake).credentials_from_profile_file(&file, "chat").build());
        handle.invoke::<SendChannelMessage>(SendChannelMessageInput::hello()).await.unwrap();
        let request = fake.last_request().unwrap();
        assert!(request.header("authorization").unwrap().contains("Credential=AKIDPROFILE/"));
        assert_eq!(request.header("x-amz-security-token"), Some(SESSION_TOKEN));

        let missing = Handle::new(fast_config(&fake).credentials_from_profile_file(&file, "prod").build());
        let err = missing.invoke::<SendChannelMessage>(SendChannelMessageInput::hello()).await.unwrap_err();
        let text = err.to_string();
        assert!(text.contains("Chime SDK Messaging requests are signed (SigV4) and need credentials"), "{text}");
        assert!(text.contains("profile `prod` not found"), "{text}");
        assert_eq!(fake.request_count(), 1, "nothing sent without credentials");
        std::fs::remove_dir_all(&dir).unwrap();
    });
}
