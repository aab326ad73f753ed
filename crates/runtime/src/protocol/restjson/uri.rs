//! Percent-encoding of URI labels and query strings.
//!
//! Every byte of the UTF-8 encoding is escaped except the RFC 3986 unreserved characters
//! `A-Z a-z 0-9 - . _ ~`; a space is `%20`, never `+`. A greedy label (`{Key+}`) keeps `/`.

use crate::client::InvalidInput;
use percent_encoding::{AsciiSet, NON_ALPHANUMERIC, utf8_percent_encode};

/// Everything but the RFC 3986 unreserved characters.
const UNRESERVED: &AsciiSet = &NON_ALPHANUMERIC.remove(b'-').remove(b'.').remove(b'_').remove(b'~');

/// Like [`UNRESERVED`], keeping `/`.
const GREEDY: &AsciiSet = &UNRESERVED.remove(b'/');

/// A label value, escaped (`a/b c` → `a%2Fb%20c`).
pub fn encode_label(value: &str) -> String {
    utf8_percent_encode(value, UNRESERVED).to_string()
}

/// A greedy label value, escaped but keeping `/` (`a/b c` → `a/b%20c`).
pub fn encode_greedy_label(value: &str) -> String {
    utf8_percent_encode(value, GREEDY).to_string()
}

/// A query name or value, escaped like a label.
pub fn encode_query(value: &str) -> String {
    encode_label(value)
}

/// The label of `member`, escaped; an empty value cannot fill a path segment.
pub fn label(member: &'static str, value: &str) -> Result<String, InvalidInput> {
    if value.is_empty() {
        return Err(InvalidInput::serialization(member, "a URI label cannot be empty"));
    }
    Ok(encode_label(value))
}

/// The greedy label of `member`, escaped keeping `/`; it cannot be empty.
pub fn greedy_label(member: &'static str, value: &str) -> Result<String, InvalidInput> {
    if value.is_empty() {
        return Err(InvalidInput::serialization(member, "a URI label cannot be empty"));
    }
    Ok(encode_greedy_label(value))
}

/// Appends query pairs to a path, escaping names and values.
///
/// A path that already has a query (a literal one from the `@http` URI, such as
/// `/path?foo=bar&hello`) is continued with `&`.
///
/// ```
/// use chatsmith_runtime::protocol::restjson::QueryWriter;
/// let mut query = QueryWriter::new("/items?fixed".to_owned());
/// query.pair("Name", "a b").pair("List", "1").pair("List", "2").key("flag");
/// assert_eq!(query.finish(), "/items?fixed&Name=a%20b&List=1&List=2&flag");
/// ```
#[derive(Clone, Debug)]
pub struct QueryWriter {
    out: String,
    has_query: bool,
}

impl QueryWriter {
    /// Starts from an encoded path, which may already hold a query.
    pub fn new(path: String) -> Self {
        let has_query = path.contains('?');
        Self { out: path, has_query }
    }

    fn separator(&mut self) {
        if self.has_query {
            if !self.out.ends_with('?') && !self.out.ends_with('&') {
                self.out.push('&');
            }
        } else {
            self.out.push('?');
            self.has_query = true;
        }
    }

    /// Adds `name=value`.
    pub fn pair(&mut self, name: &str, value: &str) -> &mut Self {
        self.separator();
        self.out.push_str(&encode_query(name));
        self.out.push('=');
        self.out.push_str(&encode_query(value));
        self
    }

    /// Adds a bare `name` with no `=`.
    pub fn key(&mut self, name: &str) -> &mut Self {
        self.separator();
        self.out.push_str(&encode_query(name));
        self
    }

    /// The path and query.
    pub fn finish(self) -> String {
        self.out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn label_escaping_matches_the_protocol_tests() {
        // RestJsonHttpRequestLabelEscaping
        assert_eq!(
            encode_label(" %:/?#[]@!$&'()*+,;=😹"),
            "%20%25%3A%2F%3F%23%5B%5D%40%21%24%26%27%28%29%2A%2B%2C%3B%3D%F0%9F%98%B9"
        );
        // RestJsonHttpRequestWithGreedyLabelInPath
        assert_eq!(encode_label("hello/escape"), "hello%2Fescape");
        assert_eq!(encode_greedy_label("there/guy"), "there/guy");
        assert_eq!(encode_label("AZaz09-._~"), "AZaz09-._~");
        assert!(label("ChannelArn", "").unwrap_err().to_string().contains("ChannelArn"));
    }

    #[test]
    fn query_strings() {
        let mut q = QueryWriter::new("/p".to_owned());
        q.pair("String", "Hello there").pair("Empty", "");
        assert_eq!(q.finish(), "/p?String=Hello%20there&Empty=");
        assert_eq!(QueryWriter::new("/p".to_owned()).finish(), "/p");
    }
}
