//! Header values from input members.
//!
//! A value is refused, naming the member and never repeating the value, when it holds a byte
//! a header cannot carry: CR or LF (which would split the request), another control character,
//! or a non-ASCII character (SigV4 signs visible ASCII only).

use crate::client::InvalidInput;
use http::{HeaderName, HeaderValue};

/// The header value of `member`.
pub fn header_value(member: &'static str, value: &str) -> Result<HeaderValue, InvalidInput> {
    check(member, value)?;
    HeaderValue::from_str(value)
        .map_err(|_| InvalidInput::serialization(member, "the value cannot be an HTTP header value"))
}

/// The header value of a `@sensitive` member or a token: marked sensitive, so that `http`'s
/// `Debug` never shows it.
pub fn sensitive_header_value(member: &'static str, value: &str) -> Result<HeaderValue, InvalidInput> {
    let mut header = header_value(member, value)?;
    header.set_sensitive(true);
    Ok(header)
}

fn check(member: &'static str, value: &str) -> Result<(), InvalidInput> {
    for (index, byte) in value.bytes().enumerate() {
        let problem = match byte {
            b'\r' | b'\n' => "contains a line break (CR or LF)",
            b'\t' => continue,
            0x00..=0x1f | 0x7f => "contains a control character",
            0x80..=0xff => "contains a non-ASCII character",
            _ => continue,
        };
        return Err(InvalidInput::serialization(
            member,
            format!("{problem} at byte {index}, which an HTTP header value cannot carry"),
        ));
    }
    Ok(())
}

/// The header name `prefix` + `key` of an `@httpPrefixHeaders` map entry of `member`.
pub fn prefixed_header_name(member: &'static str, prefix: &str, key: &str) -> Result<HeaderName, InvalidInput> {
    HeaderName::from_bytes(format!("{prefix}{key}").as_bytes())
        .map_err(|_| InvalidInput::serialization(member, "a map key is not a valid HTTP header name"))
}

/// The value of a list header: elements joined by `, `, an element holding `,` or `"` quoted
/// with inner `"` escaped (`["b,c", "\"def\"", "a"]` → `"b,c", "\"def\"", a`).
pub fn join_header_list<I, S>(items: I) -> String
where
    I: IntoIterator<Item = S>,
    S: AsRef<str>,
{
    let mut out = String::new();
    for (i, item) in items.into_iter().enumerate() {
        let item = item.as_ref();
        if i > 0 {
            out.push_str(", ");
        }
        if item.contains([',', '"']) {
            out.push('"');
            out.push_str(&item.replace('\\', "\\\\").replace('"', "\\\""));
            out.push('"');
        } else {
            out.push_str(item);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn refuses_what_a_header_cannot_carry_without_echoing_it() {
        for bad in ["tok\r\nX-Evil: 1", "tok\n", "a\u{0}b", "caf\u{e9}", "del\u{7f}"] {
            let err = header_value("ConnectionToken", bad).unwrap_err().to_string();
            assert!(err.contains("ConnectionToken"), "{err}");
            assert!(!err.contains("tok") && !err.contains("caf"), "{err}");
        }
        assert_eq!(header_value("X", "a\tb c").unwrap(), "a\tb c");
        let secret = sensitive_header_value("ConnectionToken", "s3cr3t").unwrap();
        assert!(secret.is_sensitive());
        assert!(!format!("{secret:?}").contains("s3cr3t"));
    }

    #[test]
    fn lists_quote_commas_and_quotes() {
        assert_eq!(join_header_list(["b,c", "\"def\"", "a"]), r#""b,c", "\"def\"", a"#);
        assert_eq!(join_header_list(Vec::<String>::new()), "");
        assert!(prefixed_header_name("M", "x-foo-", "bad key").is_err());
        assert_eq!(prefixed_header_name("M", "x-foo-", "abc").unwrap(), "x-foo-abc");
    }
}
