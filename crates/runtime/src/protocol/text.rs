//! Scalar values as HTTP text: in headers, query strings and URI labels.

use crate::primitives::{BigNumber, DateTime};
use crate::time::{self, TimestampFormat};

/// A scalar that can travel as HTTP text.
pub trait HttpText: Sized {
    /// The text; `timestamps` is the format timestamps take here (headers: http-date,
    /// query and labels: date-time, unless the model says otherwise).
    fn to_http_text(&self, timestamps: TimestampFormat) -> String;
    /// Reads the text back; `None` when it is not such a value.
    fn from_http_text(text: &str, timestamps: TimestampFormat) -> Option<Self>;
    /// Whether values are timestamps: a header list of http-dates is not quoted, so it is
    /// split after every second comma.
    const TIMESTAMP: bool = false;
}

impl HttpText for String {
    fn to_http_text(&self, _: TimestampFormat) -> String {
        self.clone()
    }
    fn from_http_text(text: &str, _: TimestampFormat) -> Option<Self> {
        Some(text.to_owned())
    }
}

impl HttpText for bool {
    fn to_http_text(&self, _: TimestampFormat) -> String {
        self.to_string()
    }
    fn from_http_text(text: &str, _: TimestampFormat) -> Option<Self> {
        text.trim().parse().ok()
    }
}

macro_rules! integers {
    ($($t:ty),*) => {$(
        impl HttpText for $t {
            fn to_http_text(&self, _: TimestampFormat) -> String {
                self.to_string()
            }
            fn from_http_text(text: &str, _: TimestampFormat) -> Option<Self> {
                text.trim().parse().ok()
            }
        }
    )*};
}
integers!(i8, i16, i32, i64);

macro_rules! floats {
    ($($t:ty),*) => {$(
        impl HttpText for $t {
            /// `NaN`, `Infinity` and `-Infinity` for non-finite values.
            fn to_http_text(&self, _: TimestampFormat) -> String {
                match *self {
                    v if v.is_nan() => "NaN".to_owned(),
                    v if v == <$t>::INFINITY => "Infinity".to_owned(),
                    v if v == <$t>::NEG_INFINITY => "-Infinity".to_owned(),
                    v => v.to_string(),
                }
            }
            fn from_http_text(text: &str, _: TimestampFormat) -> Option<Self> {
                match text.trim() {
                    "NaN" => Some(<$t>::NAN),
                    "Infinity" => Some(<$t>::INFINITY),
                    "-Infinity" => Some(<$t>::NEG_INFINITY),
                    other => other.parse().ok(),
                }
            }
        }
    )*};
}
floats!(f32, f64);

impl HttpText for BigNumber {
    fn to_http_text(&self, _: TimestampFormat) -> String {
        self.to_string()
    }
    fn from_http_text(text: &str, _: TimestampFormat) -> Option<Self> {
        Some(BigNumber::from(text.trim()))
    }
}

impl HttpText for DateTime {
    const TIMESTAMP: bool = true;

    fn to_http_text(&self, timestamps: TimestampFormat) -> String {
        time::format(self, timestamps)
    }
    fn from_http_text(text: &str, timestamps: TimestampFormat) -> Option<Self> {
        time::parse(text.trim(), timestamps)
    }
}

/// Splits a header list: on commas outside double quotes, unquoting quoted items. HTTP dates,
/// which contain a comma, are rejoined in pairs when `http_dates` is set.
pub fn split_header_list(value: &str, http_dates: bool) -> Vec<String> {
    if http_dates {
        let parts: Vec<&str> = value.split(',').map(str::trim).collect();
        return parts.chunks(2).map(|pair| pair.join(", ")).filter(|s| !s.is_empty()).collect();
    }
    let mut items = Vec::new();
    let mut current = String::new();
    let (mut quoted, mut escaped, mut was_quoted) = (false, false, false);
    for c in value.chars() {
        match c {
            _ if escaped => {
                current.push(c);
                escaped = false;
            }
            '\\' if quoted => escaped = true,
            '"' => {
                quoted = !quoted;
                was_quoted = true;
            }
            ',' if !quoted => {
                items.push(if was_quoted { current.clone() } else { current.trim().to_owned() });
                current.clear();
                was_quoted = false;
            }
            c if !quoted && c.is_whitespace() && current.is_empty() => {}
            c => current.push(c),
        }
    }
    if !current.is_empty() || was_quoted || !items.is_empty() {
        items.push(if was_quoted { current } else { current.trim().to_owned() });
    }
    items
}

/// The response header `name` as a `T`: `None` when absent; an error naming the header when
/// its text is not such a value (the value itself is not repeated).
pub fn header<T: HttpText>(
    headers: &http::HeaderMap,
    name: &'static str,
    timestamps: TimestampFormat,
) -> Result<Option<T>, crate::protocol::json::JsonError> {
    let Some(value) = headers.get(name) else { return Ok(None) };
    let text = value.to_str().map_err(|_| header_error(name, "visible ASCII text"))?;
    T::from_http_text(text, timestamps).map(Some).ok_or_else(|| header_error(name, "a value of the modelled type"))
}

/// The response header `name` as a list of `T` (comma-separated, quoted items unquoted).
pub fn header_list<T: HttpText>(
    headers: &http::HeaderMap,
    name: &'static str,
    timestamps: TimestampFormat,
) -> Result<Option<Vec<T>>, crate::protocol::json::JsonError> {
    let Some(value) = headers.get(name) else { return Ok(None) };
    let text = value.to_str().map_err(|_| header_error(name, "visible ASCII text"))?;
    split_header_list(text, T::TIMESTAMP && timestamps == TimestampFormat::HttpDate)
        .iter()
        .map(|item| {
            T::from_http_text(item, timestamps).ok_or_else(|| header_error(name, "a list of the modelled type"))
        })
        .collect::<Result<Vec<T>, _>>()
        .map(Some)
}

/// The response header `name` of a `@mediaType` string: base64 text, decoded.
pub fn base64_header(
    headers: &http::HeaderMap,
    name: &'static str,
) -> Result<Option<String>, crate::protocol::json::JsonError> {
    use base64::Engine as _;
    let Some(value) = headers.get(name) else { return Ok(None) };
    let text = value.to_str().map_err(|_| header_error(name, "visible ASCII text"))?;
    let bytes =
        base64::engine::general_purpose::STANDARD.decode(text.trim()).map_err(|_| header_error(name, "base64 text"))?;
    String::from_utf8(bytes).map(Some).map_err(|_| header_error(name, "base64 of UTF-8 text"))
}

/// Every response header starting with `prefix`, keyed by the rest of its name.
pub fn prefix_headers(headers: &http::HeaderMap, prefix: &str) -> Option<std::collections::BTreeMap<String, String>> {
    let map: std::collections::BTreeMap<String, String> = headers
        .iter()
        .filter_map(|(name, value)| {
            let rest = name.as_str().strip_prefix(&prefix.to_ascii_lowercase())?;
            Some((rest.to_owned(), value.to_str().ok()?.to_owned()))
        })
        .collect();
    (!map.is_empty()).then_some(map)
}

fn header_error(name: &'static str, expected: &'static str) -> crate::protocol::json::JsonError {
    crate::protocol::json::JsonError::expected(expected).within(format!("header {name}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn header_lists() {
        assert_eq!(split_header_list(r#""b,c", "\"def\"", a"#, false), ["b,c", "\"def\"", "a"]);
        assert_eq!(split_header_list("a, b, c", false), ["a", "b", "c"]);
        assert_eq!(
            split_header_list("Mon, 16 Dec 2019 23:48:18 GMT, Mon, 16 Dec 2019 23:48:18 GMT", true),
            ["Mon, 16 Dec 2019 23:48:18 GMT", "Mon, 16 Dec 2019 23:48:18 GMT"]
        );
        assert_eq!(f64::NAN.to_http_text(TimestampFormat::HttpDate), "NaN");
        let mut headers = http::HeaderMap::new();
        headers.insert("x-list", http::HeaderValue::from_static("a, b, c"));
        let dates = "Mon, 16 Dec 2019 23:48:18 GMT, Thu, 01 Jan 1970 00:00:00 GMT";
        headers.insert("x-dates", http::HeaderValue::from_static(dates));
        let strings: Vec<String> = header_list(&headers, "x-list", TimestampFormat::HttpDate).unwrap().unwrap();
        assert_eq!(strings, ["a", "b", "c"]);
        let dates: Vec<DateTime> = header_list(&headers, "x-dates", TimestampFormat::HttpDate).unwrap().unwrap();
        assert_eq!(dates, [DateTime::from_secs(1_576_540_098), DateTime::from_secs(0)]);
        let t = DateTime::from_secs(1_576_540_098);
        assert_eq!(t.to_http_text(TimestampFormat::HttpDate), "Mon, 16 Dec 2019 23:48:18 GMT");
    }
}
