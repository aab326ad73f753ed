//! The canonical request: the text whose hash a SigV4 signature covers, built as the AWS SDKs
//! build it for services other than S3.
//!
//! ```text
//! METHOD
//! /canonical/path          normalized, then percent-encoded (a second time)
//! a=1&b=2                  decoded, encoded again, sorted
//! host:example.com         one line per signed header: lowercase name, trimmed values
//! x-amz-date:20150830T123600Z
//!
//! host;x-amz-date          the signed headers
//! e3b0c442...              hex SHA-256 of the body
//! ```

use bytes::Bytes;
use std::borrow::Cow;

/// Headers that are never signed: `authorization` is what signing adds; the others may change on
/// the way without the request changing (a proxy's `user-agent`, X-Ray's trace id, the hop-by-hop
/// `transfer-encoding`). The same list as the AWS SDK for Rust's default signing settings.
pub(super) const UNSIGNED_HEADERS: [&str; 4] = ["authorization", "user-agent", "x-amzn-trace-id", "transfer-encoding"];

/// A canonical request and the signed-header list it names.
pub(super) struct CanonicalRequest {
    /// The text whose SHA-256 goes into the string to sign.
    pub(super) text: String,
    /// The signed header names, sorted, joined with `;`.
    pub(super) signed_headers: String,
}

/// What signing adds to the request's own headers: they are signed too.
pub(super) struct AddedHeaders<'a> {
    /// `x-amz-date`, replacing any the request has.
    pub(super) amz_date: &'a str,
    /// `x-amz-security-token` (temporary credentials), replacing any the request has.
    pub(super) session_token: Option<&'a str>,
}

/// The canonical request of `request` (its method, URI, headers and body) as signed with `added`.
///
/// Fails (with a reason that quotes no header value) when a header value is not visible ASCII or
/// when there is no `host` header and the URI has no authority to take it from.
pub(super) fn canonical_request(
    request: &http::Request<Bytes>,
    added: &AddedHeaders<'_>,
) -> Result<CanonicalRequest, String> {
    let uri = request.uri();
    let headers = canonical_headers(request.headers(), uri, added)?;
    let mut text = String::with_capacity(256 + uri.path().len() + headers_len(&headers));
    text.push_str(request.method().as_str());
    text.push('\n');
    push_encoded(&mut text, normalize_path(uri.path()).as_bytes(), Keep::Slash);
    text.push('\n');
    text.push_str(&canonical_query(uri.query().unwrap_or("")));
    text.push('\n');
    for (name, value) in &headers {
        text.push_str(name);
        text.push(':');
        text.push_str(value);
        text.push('\n');
    }
    text.push('\n');
    let signed_start = text.len();
    for (i, (name, _)) in headers.iter().enumerate() {
        if i > 0 {
            text.push(';');
        }
        text.push_str(name);
    }
    let signed_headers = text[signed_start..].to_owned();
    text.push('\n');
    text.push_str(&super::hex(ring::digest::digest(&ring::digest::SHA256, request.body()).as_ref()));
    Ok(CanonicalRequest { text, signed_headers })
}

fn headers_len(headers: &[(&str, Cow<'_, str>)]) -> usize {
    headers.iter().map(|(name, value)| 2 * name.len() + value.len() + 3).sum()
}

/// The signed headers, sorted by name, each with its values trimmed and joined with `,`.
fn canonical_headers<'a>(
    headers: &'a http::HeaderMap,
    uri: &'a http::Uri,
    added: &AddedHeaders<'a>,
) -> Result<Vec<(&'a str, Cow<'a, str>)>, String> {
    let mut out: Vec<(&str, Cow<'_, str>)> = Vec::with_capacity(headers.keys_len() + 3);
    for name in headers.keys() {
        let name = name.as_str();
        let replaced = name == "x-amz-date" || (name == "x-amz-security-token" && added.session_token.is_some());
        let mut values = headers
            .get_all(name)
            .iter()
            .map(|value| value.to_str().map_err(|_| format!("the value of header `{name}` is not visible ASCII")));
        if UNSIGNED_HEADERS.contains(&name) || replaced {
            // Not signed, but still sent: the same rule as for the others.
            values.try_for_each(|value| value.map(drop))?;
            continue;
        }
        let first = values.next().transpose()?.unwrap_or_default();
        let mut value = trim_spaces(first);
        for next in values {
            let joined = value.to_mut();
            joined.push(',');
            joined.push_str(&trim_spaces(next?));
        }
        out.push((name, value));
    }
    if !headers.contains_key(http::header::HOST) {
        out.push(("host", Cow::Borrowed(host_of(uri)?)));
    }
    out.push(("x-amz-date", Cow::Borrowed(added.amz_date)));
    if let Some(token) = added.session_token {
        if !token.bytes().all(|b| b == b'\t' || (b' '..=b'~').contains(&b)) {
            return Err("the session token is not visible ASCII".to_owned());
        }
        out.push(("x-amz-security-token", trim_spaces(token)));
    }
    out.sort_unstable_by(|a, b| a.0.cmp(b.0));
    Ok(out)
}

/// The `host` a request without that header is sent with: the URI's authority, without the port
/// when it is the scheme's default (as HTTP clients send it).
fn host_of(uri: &http::Uri) -> Result<&str, String> {
    let authority = uri.authority().ok_or("the request has no `host` header and its URI no authority")?;
    let default_port = match uri.scheme_str() {
        Some("http") => Some(80),
        Some("https") => Some(443),
        _ => None,
    };
    Ok(if authority.port_u16().is_some() && authority.port_u16() == default_port {
        authority.host()
    } else {
        authority.as_str()
    })
}

/// `value` without leading and trailing spaces, and each run of spaces inside made one space.
/// Only spaces: a tab is kept, as the AWS SDKs keep it.
pub(super) fn trim_spaces(value: &str) -> Cow<'_, str> {
    let value = value.trim_matches(' ');
    if !value.contains("  ") {
        return Cow::Borrowed(value);
    }
    let mut out = String::with_capacity(value.len());
    for c in value.chars() {
        if c != ' ' || !out.ends_with(' ') {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

/// The path with `.` and `..` segments resolved (RFC 3986 section 5.2.4) and empty segments
/// dropped, as the AWS SDKs normalize it for every service but S3. A trailing `/` (or a last
/// segment `.` or `..`, which stand for a directory) is kept; the result is at least `/`.
///
/// The path is the one on the wire, percent-encoded once: `%2E%2E` is a name, not `..`.
pub(super) fn normalize_path(path: &str) -> Cow<'_, str> {
    let clean = path.starts_with('/')
        && !path.contains("//")
        && !path.split('/').any(|segment| segment == "." || segment == "..");
    if clean {
        return Cow::Borrowed(path);
    }
    let mut segments: Vec<&str> = Vec::new();
    for segment in path.split('/') {
        match segment {
            "" | "." => {}
            ".." => {
                segments.pop();
            }
            name => segments.push(name),
        }
    }
    let mut out = String::with_capacity(path.len() + 1);
    for segment in &segments {
        out.push('/');
        out.push_str(segment);
    }
    let directory = path.ends_with('/') || path.ends_with("/.") || path.ends_with("/..");
    if out.is_empty() || directory {
        out.push('/');
    }
    Cow::Owned(out)
}

/// The query string: each `key=value` pair decoded (`+` is a space, as in forms) and encoded
/// again (RFC 3986: all but `A-Z a-z 0-9 - . _ ~`), the pairs sorted by key, then value (both
/// encoded), joined with `&`. A key without `=` has an empty value; empty pairs are dropped.
pub(super) fn canonical_query(query: &str) -> String {
    if query.is_empty() {
        return String::new();
    }
    let mut pairs: Vec<(String, String)> = query
        .split('&')
        .filter(|pair| !pair.is_empty())
        .map(|pair| {
            let (key, value) = pair.split_once('=').unwrap_or((pair, ""));
            (reencode(key), reencode(value))
        })
        .collect();
    pairs.sort_unstable();
    let mut out = String::with_capacity(query.len() + 16);
    for (i, (key, value)) in pairs.iter().enumerate() {
        if i > 0 {
            out.push('&');
        }
        out.push_str(key);
        out.push('=');
        out.push_str(value);
    }
    out
}

/// A query component decoded as a form field (`+` a space, `%XX` a byte, any other `%` itself,
/// bytes that are not UTF-8 replaced by U+FFFD), then encoded as [`push_encoded`] does.
fn reencode(component: &str) -> String {
    let bytes = component.as_bytes();
    let mut decoded = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'+' => decoded.push(b' '),
            b'%' => {
                let digit = |at: usize| bytes.get(at).copied().and_then(hex_value);
                match (digit(i + 1), digit(i + 2)) {
                    (Some(high), Some(low)) => {
                        decoded.push(high << 4 | low);
                        i += 2;
                    }
                    _ => decoded.push(b'%'),
                }
            }
            byte => decoded.push(byte),
        }
        i += 1;
    }
    let mut out = String::with_capacity(decoded.len() * 3);
    push_encoded(&mut out, String::from_utf8_lossy(&decoded).as_bytes(), Keep::Unreserved);
    out
}

fn hex_value(byte: u8) -> Option<u8> {
    (byte as char).to_digit(16).map(|digit| digit as u8)
}

/// Which bytes [`push_encoded`] writes as they are.
#[derive(Clone, Copy, PartialEq)]
pub(super) enum Keep {
    /// The RFC 3986 unreserved characters `A-Z a-z 0-9 - . _ ~`.
    Unreserved,
    /// Those and `/` (a path).
    Slash,
}

/// Appends `bytes` percent-encoded: every byte but those `keep` names becomes `%XX` (upper-case
/// hex), `%` included, so an already encoded path is encoded a second time.
pub(super) fn push_encoded(out: &mut String, bytes: &[u8], keep: Keep) {
    const HEX: &[u8; 16] = b"0123456789ABCDEF";
    for &byte in bytes {
        if byte.is_ascii_alphanumeric()
            || matches!(byte, b'-' | b'.' | b'_' | b'~')
            || (keep == Keep::Slash && byte == b'/')
        {
            out.push(byte as char);
        } else {
            out.push('%');
            out.push(HEX[usize::from(byte >> 4)] as char);
            out.push(HEX[usize::from(byte & 0xF)] as char);
        }
    }
}
