//! Property test: each generated validator (`validate()` of SendMessageInput, SendEventInput,
//! SendChannelMessageInput) against an independent oracle written here from the documented
//! limits (the API references in `seeds/`, DESIGN.md "Constraints", and the `@length` /
//! `@pattern` traits as the models state them), not from the generated code:
//!
//! - `@length` counts Unicode scalar values; `utf8Length` counts UTF-8 bytes;
//! - SendMessage: ContentType one of 4; Content 1..=1024 chars (text/plain, text/markdown),
//!   1..=12000 (application/json), 1..=12288 (interactive.response), and 1..=16384 always;
//!   ConnectionToken 1..=1000, ClientToken 0..=500;
//! - SendEvent: ContentType one of 4 (acknowledged deprecated but valid), 1..=100 chars;
//!   Content 1..=16384 chars, and for message.delivered / message.read required and a JSON
//!   object with a string `messageId`;
//! - SendChannelMessage: Type STANDARD: Content at most 4096 bytes, CONTROL: at most 30 bytes
//!   and no Metadata; Content at least 1 char; ChannelArn / ChimeBearer 5..=1600 chars and the
//!   ChimeArn pattern (ECMA-262: `.` matches no line terminator, `$` only at the end);
//!   Metadata 0..=1024; ClientRequestToken 2..=64 and SubChannelId 1..=128, `^[-_a-zA-Z0-9]*$`;
//!   ContentType 0..=45; Type and Persistence known enum values only.
//!
//! Inputs are random but biased to the boundaries (N-1, N, N+1 characters or bytes, built of
//! 1- to 4-byte characters). Deterministic (seeded SplitMix64); `CHATSMITH_PROPERTY_CASES`
//! and `CHATSMITH_PROPERTY_SEED` change the number of cases per operation and the seed.

use chatsmith_chime_sdk_messaging::error::Validate as _;
use chatsmith_chime_sdk_messaging::operation::send_channel_message::SendChannelMessageInput;
use chatsmith_chime_sdk_messaging::types::{ChannelMessagePersistenceType, ChannelMessageType};
use chatsmith_connectparticipant::operation::send_event::SendEventInput;
use chatsmith_connectparticipant::operation::send_message::SendMessageInput;

// ---------------------------------------------------------------- random inputs

struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
    fn one_in(&mut self, n: usize) -> bool {
        self.below(n) == 0
    }
    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }
}

/// Characters by UTF-8 width, with line terminators and other characters patterns care about.
const WIDTH: [&[char]; 4] = [
    &['a', 'Z', '0', ' ', '-', '_', '.', ':', '/', '\n', '\r', '\t', '{', '"'],
    &['\u{e9}', '\u{df}', '\u{85}', '\u{3a9}'],
    &['\u{20ac}', '\u{4e2d}', '\u{2028}', '\u{2029}', '\u{feff}'],
    &['\u{1F600}', '\u{1D11E}'],
];

/// A character of `width` bytes (1..=4).
fn char_of_width(rng: &mut Rng, width: usize) -> char {
    *rng.pick(WIDTH[width - 1])
}

/// A string of `chars` characters; `width` 0 mixes widths.
fn text_chars(rng: &mut Rng, chars: usize, width: usize) -> String {
    (0..chars)
        .map(|_| {
            let w = if width == 0 { 1 + rng.below(4) } else { width };
            char_of_width(rng, w)
        })
        .collect()
}

/// A string of exactly `bytes` UTF-8 bytes, of mixed widths (the last character often
/// multi-byte, so that it straddles a byte limit one position over).
fn text_bytes(rng: &mut Rng, bytes: usize) -> String {
    let mut s = String::new();
    while s.len() < bytes {
        let left = bytes - s.len();
        let w = 1 + rng.below(left.min(4));
        s.push(char_of_width(rng, w));
    }
    s
}

/// A length near one of `limits`: N-1, N or N+1, or anything up to the largest + 2.
fn near(rng: &mut Rng, limits: &[usize]) -> usize {
    if rng.one_in(6) {
        return rng.below(limits.iter().max().copied().unwrap_or(0) + 3);
    }
    let n = *rng.pick(limits);
    match rng.below(3) {
        0 => n.saturating_sub(1),
        1 => n,
        _ => n + 1,
    }
}

/// A string near a limit in characters or (one time in three) in bytes.
fn text_near(rng: &mut Rng, limits: &[usize]) -> String {
    let n = near(rng, limits);
    if rng.one_in(3) {
        text_bytes(rng, n)
    } else {
        let width = rng.below(5);
        text_chars(rng, n, width)
    }
}

fn token_near(rng: &mut Rng, limits: &[usize]) -> String {
    const OK: &[char] = &['a', 'Z', '0', '9', '-', '_'];
    const BAD: &[char] = &[' ', '.', '/', '\u{e9}', '\n', '+', '=', '\u{1F600}'];
    let n = near(rng, limits);
    let bad = rng.one_in(4);
    let mut s: String = (0..n).map(|_| *rng.pick(OK)).collect();
    if bad && n > 0 {
        let mut chars: Vec<char> = s.chars().collect();
        let i = rng.below(chars.len());
        chars[i] = *rng.pick(BAD);
        s = chars.into_iter().collect();
    }
    s
}

fn chars(s: &str) -> usize {
    s.chars().count()
}

fn within(n: usize, min: usize, max: usize) -> bool {
    (min..=max).contains(&n)
}

// ---------------------------------------------------------------- oracles

const MESSAGE_TYPES: &[&str] = &[
    "text/plain",
    "text/markdown",
    "application/json",
    "application/vnd.amazonaws.connect.message.interactive.response",
];
const EVENT_TYPES: &[&str] = &[
    "application/vnd.amazonaws.connect.event.typing",
    "application/vnd.amazonaws.connect.event.connection.acknowledged",
    "application/vnd.amazonaws.connect.event.message.delivered",
    "application/vnd.amazonaws.connect.event.message.read",
];
const OTHER_TYPES: &[&str] = &[
    "",
    "text/html",
    "TEXT/PLAIN",
    "text/plain ",
    "text/plain; charset=utf-8",
    "application/vnd.amazonaws.connect.event.typing2",
    "application/vnd.amazonaws.connect.message.interactive",
];

struct Message {
    content_type: String,
    content: String,
    connection_token: String,
    client_token: Option<String>,
}

fn message_valid(m: &Message) -> bool {
    let n = chars(&m.content);
    let per_type = match m.content_type.as_str() {
        "text/plain" | "text/markdown" => within(n, 1, 1024),
        "application/json" => within(n, 1, 12000),
        "application/vnd.amazonaws.connect.message.interactive.response" => within(n, 1, 12288),
        _ => false, // not an allowed content type
    };
    per_type
        && within(n, 1, 16384)
        && within(chars(&m.content_type), 1, 100)
        && within(chars(&m.connection_token), 1, 1000)
        && m.client_token.as_deref().is_none_or(|t| within(chars(t), 0, 500))
}

struct Event {
    content_type: String,
    content: Option<String>,
    connection_token: String,
    client_token: Option<String>,
}

/// A JSON object with a string `messageId`.
fn is_receipt(content: &str) -> bool {
    serde_json::from_str::<serde_json::Value>(content)
        .ok()
        .and_then(|v| v.as_object().map(|o| o.get("messageId").is_some_and(serde_json::Value::is_string)))
        .unwrap_or(false)
}

fn event_valid(e: &Event) -> bool {
    let allowed = EVENT_TYPES.contains(&e.content_type.as_str());
    let receipt = e.content_type.ends_with(".message.delivered") || e.content_type.ends_with(".message.read");
    let receipt_ok = !(allowed && receipt) || e.content.as_deref().is_some_and(is_receipt);
    allowed
        && receipt_ok
        && within(chars(&e.content_type), 1, 100)
        && e.content.as_deref().is_none_or(|c| within(chars(c), 1, 16384))
        && within(chars(&e.connection_token), 1, 1000)
        && e.client_token.as_deref().is_none_or(|t| within(chars(t), 0, 500))
}

struct ChannelMessage {
    channel_arn: String,
    chime_bearer: String,
    content: String,
    r#type: String,
    persistence: String,
    metadata: Option<String>,
    client_request_token: Option<String>,
    sub_channel_id: Option<String>,
    content_type: Option<String>,
}

/// ECMA-262 `.`: anything but a line terminator.
fn ecma_dot(c: char) -> bool {
    !matches!(c, '\n' | '\r' | '\u{2028}' | '\u{2029}')
}

/// `^arn:[a-z0-9-\.]{1,63}:[a-z0-9-\.]{0,63}:[a-z0-9-\.]{0,63}:[a-z0-9-\.]{0,63}:[^/].{0,1023}$`,
/// read by hand: the four segments cannot hold a `:`, so the first five colons delimit them.
fn chime_arn_pattern(s: &str) -> bool {
    let Some(rest) = s.strip_prefix("arn:") else { return false };
    let parts: Vec<&str> = rest.splitn(5, ':').collect();
    if parts.len() != 5 {
        return false;
    }
    let segment = |p: &str, min: usize| {
        within(p.chars().count(), min, 63)
            && p.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-' || c == '.')
    };
    if !(segment(parts[0], 1) && segment(parts[1], 0) && segment(parts[2], 0) && segment(parts[3], 0)) {
        return false;
    }
    let mut tail = parts[4].chars();
    match tail.next() {
        Some(first) if first != '/' => {}
        _ => return false,
    }
    let tail: Vec<char> = tail.collect();
    tail.len() <= 1023 && tail.iter().all(|&c| ecma_dot(c))
}

fn chime_arn_valid(s: &str) -> bool {
    within(chars(s), 5, 1600) && chime_arn_pattern(s)
}

fn token_pattern(s: &str) -> bool {
    s.chars().all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
}

fn channel_message_valid(m: &ChannelMessage) -> bool {
    let type_ok = matches!(m.r#type.as_str(), "STANDARD" | "CONTROL");
    let by_type = match m.r#type.as_str() {
        "STANDARD" => m.content.len() <= 4096,
        "CONTROL" => m.content.len() <= 30 && m.metadata.is_none(),
        _ => true,
    };
    type_ok
        && by_type
        && matches!(m.persistence.as_str(), "PERSISTENT" | "NON_PERSISTENT")
        && chars(&m.content) >= 1
        && chime_arn_valid(&m.channel_arn)
        && chime_arn_valid(&m.chime_bearer)
        // Metadata's pattern `.*` is unanchored: it matches the empty string of any text.
        && m.metadata.as_deref().is_none_or(|s| within(chars(s), 0, 1024))
        && m.client_request_token.as_deref().is_none_or(|s| within(chars(s), 2, 64) && token_pattern(s))
        && m.sub_channel_id.as_deref().is_none_or(|s| within(chars(s), 1, 128) && token_pattern(s))
        && m.content_type.as_deref().is_none_or(|s| within(chars(s), 0, 45))
}

// ---------------------------------------------------------------- generators

fn random_message(rng: &mut Rng) -> Message {
    let content_type =
        if rng.one_in(8) { rng.pick(OTHER_TYPES).to_string() } else { rng.pick(MESSAGE_TYPES).to_string() };
    Message {
        content: text_near(rng, &[0, 1, 1024, 12000, 12288, 16384]),
        content_type,
        connection_token: if rng.one_in(4) { text_near(rng, &[0, 1, 1000]) } else { "token".into() },
        client_token: match rng.below(4) {
            0 => None,
            1 => Some(text_near(rng, &[0, 500])),
            _ => Some("client-token".into()),
        },
    }
}

fn random_receipt(rng: &mut Rng) -> String {
    let n = rng.below(4);
    let id = text_chars(rng, n, 0);
    let id_json = serde_json::to_string(&id).expect("a string");
    match rng.below(12) {
        0 => format!("{{\"messageId\":{id_json}}}"),
        1 => format!("{{\"messageId\":{id_json},\"other\":[1,{{}}]}}"),
        2 => format!(" {{ \"other\" : null , \"messageId\" : {id_json} }} "),
        3 => "{\"messageId\":1}".into(),
        4 => "{\"messageId\":null}".into(),
        5 => "{\"messageid\":\"x\"}".into(),
        6 => "{\"MessageId\":\"x\"}".into(),
        7 => format!("[{{\"messageId\":{id_json}}}]"),
        8 => "\"messageId\"".to_owned(),
        9 => format!("{{\"messageId\":{id_json}"),
        10 => "{}".into(),
        _ => format!("{{\"x\":{{\"messageId\":{id_json}}}}}"),
    }
}

fn random_event(rng: &mut Rng) -> Event {
    let content_type =
        if rng.one_in(6) { rng.pick(OTHER_TYPES).to_string() } else { rng.pick(EVENT_TYPES).to_string() };
    let content = match rng.below(5) {
        0 => None,
        1 => Some(text_near(rng, &[0, 1, 16384])),
        2 if rng.one_in(3) => {
            // A receipt padded to the length limit.
            let r = format!("{{\"messageId\":\"m\",\"p\":\"{}\"}}", "x".repeat(near(rng, &[16384]).saturating_sub(23)));
            Some(r)
        }
        _ => Some(random_receipt(rng)),
    };
    Event {
        content_type,
        content,
        connection_token: if rng.one_in(4) { text_near(rng, &[0, 1, 1000]) } else { "token".into() },
        client_token: if rng.one_in(3) { Some(text_near(rng, &[0, 500])) } else { None },
    }
}

const ARN: &str = "arn:aws:chime:us-east-1:111122223333:app-instance/a1b2c3/channel/c4d5e6";

fn random_segment(rng: &mut Rng, limits: &[usize]) -> String {
    const OK: &[char] = &['a', 'z', '0', '9', '-', '.'];
    const BAD: &[char] = &['A', '_', ' ', '\u{e9}', '/', '\n'];
    let n = near(rng, limits);
    let mut s: Vec<char> = (0..n).map(|_| *rng.pick(OK)).collect();
    if rng.one_in(6) && n > 0 {
        let i = rng.below(n);
        s[i] = *rng.pick(BAD);
    }
    s.into_iter().collect()
}

fn random_arn(rng: &mut Rng) -> String {
    match rng.below(8) {
        0 => ARN.into(),
        1 => text_near(rng, &[4, 5, 1600]),
        2 => {
            // A well-formed head with a tail near the pattern's and the length's limits.
            let head = "arn:aws:chime:us-east-1:111122223333:";
            let (n, width) = (near(rng, &[1024, 1600 - head.len()]), rng.below(5));
            let mut tail = text_chars(rng, n, width);
            if rng.one_in(2) {
                tail = tail.chars().map(|c| if ecma_dot(c) { c } else { 'x' }).collect();
            }
            format!("{head}{tail}")
        }
        3 => {
            // Last character a line terminator, or a newline inside: `$` and `.` semantics.
            let end = *rng.pick(&["\n", "\r", "\u{2028}", "\u{85}", "\r\n", ""]);
            if rng.one_in(2) { format!("{ARN}{end}") } else { format!("arn:aws:chime:us-east-1:1:a{end}b") }
        }
        4 => {
            let first = *rng.pick(&["/", "a", "\n", ":", "\u{e9}", ""]);
            format!("arn:aws:chime:us-east-1:1:{first}rest")
        }
        _ => format!(
            "arn:{}:{}:{}:{}:{}",
            random_segment(rng, &[0, 1, 63]),
            random_segment(rng, &[0, 63]),
            random_segment(rng, &[0, 63]),
            random_segment(rng, &[0, 63]),
            if rng.one_in(5) {
                let n = rng.below(3);
                text_chars(rng, n, 0)
            } else {
                "app-instance/x".into()
            },
        ),
    }
}

fn random_channel_message(rng: &mut Rng) -> ChannelMessage {
    // Content is always near a limit; one other member (the focus) is random, the rest valid.
    let focus = rng.below(8);
    let r#type = if focus == 0 {
        (*rng.pick(&["STANDARD", "CONTROL", "URGENT", "standard", ""])).to_owned()
    } else {
        (*rng.pick(&["STANDARD", "CONTROL"])).to_owned()
    };
    let content = match rng.below(4) {
        0 => {
            let n = near(rng, &[0, 1, 29, 30, 31, 4095, 4096, 4097]);
            text_bytes(rng, n)
        }
        1 => {
            let (n, width) = (near(rng, &[0, 1, 8, 30, 1024, 1366, 2048, 4096]), rng.below(5));
            text_chars(rng, n, width)
        }
        _ => {
            let n = near(rng, if r#type == "CONTROL" { &[1, 30] } else { &[1, 4096] });
            text_bytes(rng, n)
        }
    };
    let pick_arn = |rng: &mut Rng, k: usize| if focus == k { random_arn(rng) } else { ARN.to_owned() };
    let channel_arn = pick_arn(rng, 1);
    let chime_bearer = pick_arn(rng, 2);
    ChannelMessage {
        channel_arn,
        chime_bearer,
        content,
        r#type,
        persistence: if focus == 3 {
            (*rng.pick(&["PERSISTENT", "NON_PERSISTENT", "TEMPORARY", "persistent"])).to_owned()
        } else {
            "PERSISTENT".to_owned()
        },
        metadata: match (focus == 4, rng.below(3)) {
            (false, _) | (true, 0) => None,
            (true, 1) => Some(String::new()),
            (true, _) => Some(text_near(rng, &[0, 1, 1024])),
        },
        client_request_token: if focus == 5 { Some(token_near(rng, &[0, 1, 2, 64])) } else { None },
        sub_channel_id: if focus == 6 { Some(token_near(rng, &[0, 1, 128])) } else { None },
        content_type: if focus == 7 { Some(text_near(rng, &[0, 45])) } else { None },
    }
}

// ---------------------------------------------------------------- the properties

fn cases() -> usize {
    std::env::var("CHATSMITH_PROPERTY_CASES").ok().and_then(|v| v.parse().ok()).unwrap_or(3000)
}

fn seed(salt: u64) -> Rng {
    let seed = std::env::var("CHATSMITH_PROPERTY_SEED").ok().and_then(|v| v.parse().ok()).unwrap_or(0x000A_11CE_5EED);
    Rng(seed ^ salt)
}

/// Runs `cases()` cases; each gives (oracle, validate() is Ok, description).
fn check(name: &str, salt: u64, mut case: impl FnMut(&mut Rng) -> (bool, Result<(), String>, String)) {
    let mut rng = seed(salt);
    let mut disagreements = Vec::new();
    let (mut valid, mut invalid) = (0, 0);
    for i in 0..cases() {
        let (oracle, result, what) = case(&mut rng);
        if oracle {
            valid += 1
        } else {
            invalid += 1
        }
        if oracle != result.is_ok() {
            disagreements.push(format!(
                "case {i}: oracle says {}, validate() says {:?}\n  input: {what}",
                if oracle { "valid" } else { "invalid" },
                result
            ));
        }
    }
    eprintln!(
        "{name}: {} cases ({valid} valid, {invalid} invalid by the oracle), {} disagreements",
        valid + invalid,
        disagreements.len()
    );
    let shown: Vec<_> = disagreements.iter().take(5).map(|d| d.chars().take(700).collect::<String>()).collect();
    assert!(
        disagreements.is_empty(),
        "{name}: {} disagreements, first ones:\n{}",
        disagreements.len(),
        shown.join("\n")
    );
    assert!(
        valid > cases() / 10 && invalid > cases() / 10,
        "{name}: the inputs should be mixed ({valid} valid, {invalid} invalid)"
    );
}

/// Short description of a string: length in chars and bytes, and its ends.
fn describe(s: &str) -> String {
    let head: String = s.chars().take(12).collect();
    let tail: String = s.chars().rev().take(6).collect::<Vec<_>>().into_iter().rev().collect();
    format!("<{} chars, {} bytes: {head:?}..{tail:?}>", chars(s), s.len())
}

#[test]
fn send_message_validator_matches_the_oracle() {
    check("SendMessageInput", 1, |rng| {
        let m = random_message(rng);
        let input = SendMessageInput::builder()
            .content_type(m.content_type.clone())
            .content(m.content.clone())
            .connection_token(m.connection_token.clone())
            .set_client_token(m.client_token.clone())
            .build()
            .expect("every required member is set");
        let what = format!(
            "ContentType {:?}, Content {}, ConnectionToken {}, ClientToken {:?}",
            m.content_type,
            describe(&m.content),
            describe(&m.connection_token),
            m.client_token.as_deref().map(describe)
        );
        (message_valid(&m), input.validate().map_err(|e| e.to_string()), what)
    });
}

#[test]
fn send_event_validator_matches_the_oracle() {
    check("SendEventInput", 2, |rng| {
        let e = random_event(rng);
        let input = SendEventInput::builder()
            .content_type(e.content_type.clone())
            .set_content(e.content.clone())
            .connection_token(e.connection_token.clone())
            .set_client_token(e.client_token.clone())
            .build()
            .expect("every required member is set");
        let content = e.content.as_deref().map(|c| if c.len() < 80 { format!("{c:?}") } else { describe(c) });
        let what = format!(
            "ContentType {:?}, Content {content:?}, ConnectionToken {}, ClientToken {:?}",
            e.content_type,
            describe(&e.connection_token),
            e.client_token.as_deref().map(describe)
        );
        (event_valid(&e), input.validate().map_err(|e| e.to_string()), what)
    });
}

#[test]
fn send_channel_message_validator_matches_the_oracle() {
    check("SendChannelMessageInput", 3, |rng| {
        let m = random_channel_message(rng);
        let input = SendChannelMessageInput::builder()
            .channel_arn(m.channel_arn.clone())
            .chime_bearer(m.chime_bearer.clone())
            .content(m.content.clone())
            .r#type(ChannelMessageType::from(m.r#type.as_str()))
            .persistence(ChannelMessagePersistenceType::from(m.persistence.as_str()))
            .set_metadata(m.metadata.clone())
            .set_client_request_token(m.client_request_token.clone())
            .set_sub_channel_id(m.sub_channel_id.clone())
            .set_content_type(m.content_type.clone())
            .build()
            .expect("every required member is set");
        let arn = |s: &str| if s.len() < 100 { format!("{s:?}") } else { describe(s) };
        let what = format!(
            "Type {}, Persistence {}, Content {}, Metadata {:?}, ChannelArn {}, ChimeBearer {}, ClientRequestToken {:?}, SubChannelId {:?}, ContentType {:?}",
            m.r#type,
            m.persistence,
            describe(&m.content),
            m.metadata.as_deref().map(describe),
            arn(&m.channel_arn),
            arn(&m.chime_bearer),
            m.client_request_token.as_deref().map(arn),
            m.sub_channel_id.as_deref().map(arn),
            m.content_type.as_deref().map(describe),
        );
        (channel_message_valid(&m), input.validate().map_err(|e| e.to_string()), what)
    });
}
