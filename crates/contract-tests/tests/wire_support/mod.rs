//! Shared helpers of the `wire_*` tests: clients pointed at a `FakeService` on loopback, the
//! reference captures parsed, RFC 4122 checks, and the variant names of operation errors.
#![allow(dead_code)]

use chatsmith_chime_sdk_messaging as chime;
use chatsmith_connectparticipant as connect;

use chime::operation::send_channel_message::SendChannelMessageError;
use connect::client::test_util::FakeService;
use connect::operation::send_event::SendEventError;
use connect::operation::send_message::SendMessageError;
use std::path::Path;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

/// The Chime access key id every signed test uses.
pub const ACCESS_KEY_ID: &str = "AKID";
/// A valid Chime channel ARN (the one of the reference capture).
pub const CHANNEL_ARN: &str = "arn:aws:chime:us-east-1:123456789012:app-instance/a/channel/b";
/// A valid Chime bearer ARN (the one of the reference capture).
pub const CHIME_BEARER: &str = "arn:aws:chime:us-east-1:123456789012:app-instance/a/user/u1";

/// Retries that do not slow the tests down: default attempt count, millisecond backoff.
pub fn fast_retry() -> connect::client::RetryConfig {
    connect::client::RetryConfig::standard()
        .with_initial_backoff(Duration::from_millis(1))
        .with_max_backoff(Duration::from_millis(5))
}

/// A Connect configuration pointed at `fake`, with fast retries and a short attempt timeout.
pub fn connect_config(fake: &FakeService) -> connect::client::ConfigBuilder {
    connect::Config::builder()
        .region("us-east-1")
        .endpoint_url(fake.endpoint_url())
        .retry(fast_retry())
        .attempt_timeout(Duration::from_secs(5))
}

/// A Chime configuration pointed at `fake`, with static credentials (`AKID`), fast retries and a
/// short attempt timeout.
pub fn chime_config(fake: &FakeService) -> chime::client::ConfigBuilder {
    chime::Config::builder()
        .region("us-east-1")
        .endpoint_url(fake.endpoint_url())
        .credentials(chime::client::Credentials::new(ACCESS_KEY_ID, "secret-access-key", None))
        .retry(fast_retry())
        .attempt_timeout(Duration::from_secs(5))
}

pub fn connect_client(fake: &FakeService) -> connect::Client {
    connect::Client::from_conf(connect_config(fake).build())
}

pub fn chime_client(fake: &FakeService) -> chime::Client {
    chime::Client::from_conf(chime_config(fake).build())
}

/// A SendMessage of "hello" (text/plain), ready to send.
pub fn hello_message(client: &connect::Client) -> connect::operation::send_message::builders::SendMessageFluentBuilder {
    client.send_message().content_type("text/plain").content("hello").connection_token("tok")
}

/// A typing SendEvent, ready to send.
pub fn typing_event(client: &connect::Client) -> connect::operation::send_event::builders::SendEventFluentBuilder {
    client.send_event().content_type("application/vnd.amazonaws.connect.event.typing").connection_token("tok")
}

/// A STANDARD, PERSISTENT SendChannelMessage of "hello", ready to send.
pub fn hello_channel_message(
    client: &chime::Client,
) -> chime::operation::send_channel_message::builders::SendChannelMessageFluentBuilder {
    client
        .send_channel_message()
        .channel_arn(CHANNEL_ARN)
        .content("hello")
        .r#type(chime::types::ChannelMessageType::Standard)
        .persistence(chime::types::ChannelMessagePersistenceType::Persistent)
        .chime_bearer(CHIME_BEARER)
}

/// Whether `token` is an RFC 4122 version-4 UUID in its canonical lower-case hyphenated form:
/// version nibble `4`, variant nibble `8`-`b`.
pub fn is_v4_uuid(token: &str) -> bool {
    let bytes = token.as_bytes();
    bytes.len() == 36
        && bytes.iter().enumerate().all(|(i, b)| match i {
            8 | 13 | 18 | 23 => *b == b'-',
            _ => b.is_ascii_digit() || (b'a'..=b'f').contains(b),
        })
        && bytes[14] == b'4'
        && matches!(bytes[19], b'8' | b'9' | b'a' | b'b')
}

/// One raw HTTP/1.1 request of `../shared/reference-wire/`.
#[derive(Debug)]
pub struct Capture {
    pub file: String,
    pub method: String,
    /// The request target as sent (still percent-encoded).
    pub path: String,
    /// Header names lower-cased, values as sent, in order.
    pub headers: Vec<(String, String)>,
    pub body: serde_json::Value,
}

impl Capture {
    /// Reads and parses `dir/file`: request line, headers, blank line, JSON body (CRLF line ends).
    pub fn read(dir: &Path, file: &str) -> Self {
        let raw = std::fs::read_to_string(dir.join(file)).unwrap_or_else(|e| panic!("{file}: {e}"));
        let (head, body) =
            raw.split_once("\r\n\r\n").unwrap_or_else(|| panic!("{file}: no blank line after the headers"));
        let mut lines = head.split("\r\n");
        let request_line = lines.next().expect("a request line");
        let mut parts = request_line.split(' ');
        let (Some(method), Some(path), Some(version), None) = (parts.next(), parts.next(), parts.next(), parts.next())
        else {
            panic!("{file}: bad request line {request_line:?}")
        };
        assert_eq!(version, "HTTP/1.1", "{file}");
        let headers = lines
            .map(|line| {
                let (name, value) = line.split_once(':').unwrap_or_else(|| panic!("{file}: bad header line {line:?}"));
                (name.trim().to_ascii_lowercase(), value.trim().to_owned())
            })
            .collect::<Vec<_>>();
        let capture = Self {
            file: file.to_owned(),
            method: method.to_owned(),
            path: path.to_owned(),
            headers,
            body: serde_json::from_str(body).unwrap_or_else(|e| panic!("{file}: body is not JSON: {e}")),
        };
        let length: usize = capture.header("content-length").and_then(|v| v.parse().ok()).expect("content-length");
        assert_eq!(length, body.len(), "{file}: content-length matches the body");
        capture
    }

    /// The value of header `name` (case-insensitive).
    pub fn header(&self, name: &str) -> Option<&str> {
        let name = name.to_ascii_lowercase();
        self.headers.iter().find(|(n, _)| *n == name).map(|(_, v)| v.as_str())
    }

    /// The body member `name`, as a string.
    pub fn body_str(&self, name: &str) -> Option<&str> {
        self.body.get(name).and_then(serde_json::Value::as_str)
    }
}

/// `object` without member `name`.
pub fn without(object: &serde_json::Value, name: &str) -> serde_json::Value {
    let mut object = object.clone();
    object.as_object_mut().expect("a JSON object").remove(name);
    object
}

/// Decodes `%XX` escapes of a path segment (test-side only: to read the ARN back out of a capture).
pub fn percent_decode(segment: &str) -> String {
    let bytes = segment.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' && i + 2 < bytes.len() {
            let hex = std::str::from_utf8(&bytes[i + 1..i + 3]).expect("ASCII");
            out.push(u8::from_str_radix(hex, 16).expect("a hex escape"));
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).expect("UTF-8")
}

/// Today's UTC date as `yyyymmdd` (days since the epoch to the civil calendar, H. Hinnant's algorithm).
pub fn utc_date(time: SystemTime) -> String {
    let days = (time.duration_since(UNIX_EPOCH).expect("after 1970").as_secs() / 86_400) as i64;
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    format!("{year:04}{month:02}{day:02}")
}

/// The variant of a SendMessage error, by name.
pub fn send_message_variant(error: &SendMessageError) -> &'static str {
    match error {
        SendMessageError::AccessDeniedException(_) => "AccessDeniedException",
        SendMessageError::InternalServerException(_) => "InternalServerException",
        SendMessageError::ThrottlingException(_) => "ThrottlingException",
        SendMessageError::ValidationException(_) => "ValidationException",
        SendMessageError::Unhandled(_) => "Unhandled",
        _ => "(a variant this test does not know)",
    }
}

/// The variant of a SendEvent error, by name.
pub fn send_event_variant(error: &SendEventError) -> &'static str {
    match error {
        SendEventError::AccessDeniedException(_) => "AccessDeniedException",
        SendEventError::ConflictException(_) => "ConflictException",
        SendEventError::InternalServerException(_) => "InternalServerException",
        SendEventError::ThrottlingException(_) => "ThrottlingException",
        SendEventError::ValidationException(_) => "ValidationException",
        SendEventError::Unhandled(_) => "Unhandled",
        _ => "(a variant this test does not know)",
    }
}

/// The variant of a SendChannelMessage error, by name.
pub fn send_channel_message_variant(error: &SendChannelMessageError) -> &'static str {
    match error {
        SendChannelMessageError::BadRequestException(_) => "BadRequestException",
        SendChannelMessageError::ConflictException(_) => "ConflictException",
        SendChannelMessageError::ForbiddenException(_) => "ForbiddenException",
        SendChannelMessageError::ServiceFailureException(_) => "ServiceFailureException",
        SendChannelMessageError::ServiceUnavailableException(_) => "ServiceUnavailableException",
        SendChannelMessageError::ThrottledClientException(_) => "ThrottledClientException",
        SendChannelMessageError::UnauthorizedClientException(_) => "UnauthorizedClientException",
        SendChannelMessageError::Unhandled(_) => "Unhandled",
        _ => "(a variant this test does not know)",
    }
}

/// The modelled `Code` member of a Chime exception, as sent on the wire.
pub fn chime_code(error: &SendChannelMessageError) -> Option<&str> {
    let code = match error {
        SendChannelMessageError::BadRequestException(e) => e.code(),
        SendChannelMessageError::ConflictException(e) => e.code(),
        SendChannelMessageError::ForbiddenException(e) => e.code(),
        SendChannelMessageError::ServiceFailureException(e) => e.code(),
        SendChannelMessageError::ServiceUnavailableException(e) => e.code(),
        SendChannelMessageError::ThrottledClientException(e) => e.code(),
        SendChannelMessageError::UnauthorizedClientException(e) => e.code(),
        _ => None,
    };
    code.map(|c| c.as_str())
}
