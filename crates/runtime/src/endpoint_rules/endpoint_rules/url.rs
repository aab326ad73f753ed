//! The URL functions of the standard library: `parseURL` and `uriEncode`.

use super::value::Value;
use percent_encoding::{AsciiSet, NON_ALPHANUMERIC, utf8_percent_encode};
use std::collections::BTreeMap;

/// Everything but the RFC 3986 unreserved characters `A-Z a-z 0-9 - . _ ~`.
const UNRESERVED: &AsciiSet = &NON_ALPHANUMERIC.remove(b'-').remove(b'.').remove(b'_').remove(b'~');

/// `uriEncode`: every byte of the UTF-8 encoding percent-encoded (upper-case hex) except the
/// unreserved characters; a space is `%20`.
pub(crate) fn uri_encode(value: &str) -> String {
    utf8_percent_encode(value, UNRESERVED).to_string()
}

/// `parseURL`: the record `{scheme, authority, path, normalizedPath, isIp}` of an `http` or
/// `https` URL, or `None` when `url` is not one, or has a query string.
///
/// `path` is the path as written (`""` for `https://example.com`), `normalizedPath` the same
/// with a leading and a trailing `/`; `isIp` says whether the host is an IPv4 address or a
/// bracketed IPv6 address. A fragment is ignored.
pub(crate) fn parse_url(url: &str) -> Option<Value> {
    if url.bytes().any(|b| b.is_ascii_control() || b == b' ' || b == b'\\') {
        return None;
    }
    let (scheme, rest) = url.split_once("://")?;
    let scheme = scheme.to_ascii_lowercase();
    if scheme != "http" && scheme != "https" {
        return None;
    }
    let without_fragment = rest.split_once('#').map_or(rest, |(before, _)| before);
    if without_fragment.contains('?') {
        return None;
    }
    let (authority, path) = match without_fragment.find('/') {
        Some(slash) => without_fragment.split_at(slash),
        None => (without_fragment, ""),
    };
    let host = host_of(authority)?;
    let normalized_path = match path {
        "" => "/".to_owned(),
        p if p.ends_with('/') => p.to_owned(),
        p => format!("{p}/"),
    };
    let record = BTreeMap::from([
        ("scheme".to_owned(), Value::String(scheme)),
        ("authority".to_owned(), Value::String(authority.to_owned())),
        ("path".to_owned(), Value::String(path.to_owned())),
        ("normalizedPath".to_owned(), Value::String(normalized_path)),
        ("isIp".to_owned(), Value::Bool(is_ip(host))),
    ]);
    Some(Value::Record(record))
}

/// The host of an authority (`user@host:port`), or `None` when there is none or the port is
/// not a number.
fn host_of(authority: &str) -> Option<&str> {
    let host_port = authority.rsplit_once('@').map_or(authority, |(_, hp)| hp);
    let host = if host_port.starts_with('[') {
        let close = host_port.find(']')?;
        let (host, after) = host_port.split_at(close + 1);
        match after {
            "" => host,
            port => port.strip_prefix(':').filter(|p| is_port(p)).map(|_| host)?,
        }
    } else {
        match host_port.rsplit_once(':') {
            Some((host, port)) if is_port(port) => host,
            Some(_) => return None,
            None => host_port,
        }
    };
    (!host.is_empty()).then_some(host)
}

fn is_port(port: &str) -> bool {
    !port.is_empty() && port.len() <= 5 && port.bytes().all(|b| b.is_ascii_digit())
}

/// Whether `host` is a bracketed IPv6 address or a dotted-quad IPv4 address.
pub(crate) fn is_ip(host: &str) -> bool {
    if host.starts_with('[') && host.ends_with(']') {
        return true;
    }
    let parts: Vec<&str> = host.split('.').collect();
    parts.len() == 4
        && parts.iter().all(|p| {
            !p.is_empty()
                && p.len() <= 3
                && p.bytes().all(|b| b.is_ascii_digit())
                && p.parse::<u16>().is_ok_and(|n| n <= 255)
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parsed(url: &str) -> Option<serde_json::Value> {
        parse_url(url).map(|v| v.to_json())
    }

    #[test]
    fn urls_are_parsed_into_records() {
        assert_eq!(
            parsed("https://example.com").unwrap(),
            serde_json::json!({"scheme": "https", "authority": "example.com", "path": "", "normalizedPath": "/", "isIp": false})
        );
        assert_eq!(
            parsed("http://example.com:8443/foo/bar").unwrap(),
            serde_json::json!({"scheme": "http", "authority": "example.com:8443", "path": "/foo/bar", "normalizedPath": "/foo/bar/", "isIp": false})
        );
        assert_eq!(parsed("https://127.0.0.1:80/").unwrap()["isIp"], true);
        assert_eq!(parsed("https://[fe80::1]:443").unwrap()["isIp"], true);
        assert_eq!(parsed("https://[fe80::1]").unwrap()["authority"], "[fe80::1]");
        assert_eq!(parsed("https://256.0.0.1").unwrap()["isIp"], false);
        assert_eq!(parsed("https://example.com/a/#frag").unwrap()["path"], "/a/");
    }

    #[test]
    fn non_urls_and_queries_are_unset() {
        for bad in [
            "example.com",
            "ftp://example.com",
            "https://example.com?x=1",
            "https://example.com/p?x",
            "https://",
            "https://host:port",
            "https://exa mple.com",
            "https://[::1",
            "https://[::1]x",
            "",
            "://",
        ] {
            assert_eq!(parsed(bad), None, "{bad}");
        }
    }

    #[test]
    fn uri_encoding_keeps_only_unreserved() {
        assert_eq!(uri_encode("a b/c+d*e~f-g_h.i"), "a%20b%2Fc%2Bd%2Ae~f-g_h.i");
        assert_eq!(uri_encode("é"), "%C3%A9");
    }
}
