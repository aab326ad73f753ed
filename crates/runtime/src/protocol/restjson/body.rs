//! JSON bodies.

use http::HeaderValue;
use serde_json::{Map, Value};

/// `application/json`, the `content-type` of every JSON body.
pub static JSON_CONTENT_TYPE: HeaderValue = HeaderValue::from_static("application/json");

/// The body to parse as JSON: an empty (or all-whitespace) body stands for `{}`.
pub fn json_body(body: &[u8]) -> &[u8] {
    if body.iter().all(u8::is_ascii_whitespace) { b"{}" } else { body }
}

/// The body as a JSON object (an empty body is `{}`). The error says what is wrong without
/// repeating any value.
pub fn parse_json_object(body: &[u8]) -> Result<Map<String, Value>, String> {
    match serde_json::from_slice::<Value>(json_body(body)) {
        Ok(Value::Object(object)) => Ok(object),
        Ok(_) => Err("the response body is JSON but not an object".to_owned()),
        Err(err) => Err(describe_json_error(&err)),
    }
}

/// What a JSON error was and where, never the offending value (serde's own messages can
/// quote it): `the response body is not the expected JSON (wrong type or value at line 1, column 9)`.
pub fn describe_json_error(err: &serde_json::Error) -> String {
    use serde_json::error::Category;
    let what = match err.classify() {
        Category::Io => "could not be read",
        Category::Syntax => "is not valid JSON",
        Category::Data => "is not the expected JSON (wrong type or value)",
        Category::Eof => "is not valid JSON (it ends early)",
    };
    format!("the response body {what} at line {}, column {}", err.line(), err.column())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn empty_bodies_are_empty_objects() {
        assert_eq!(json_body(b""), b"{}");
        assert_eq!(json_body(b" \n"), b"{}");
        assert!(parse_json_object(b"").unwrap().is_empty());
        assert_eq!(parse_json_object(br#"{"Id":"1"}"#).unwrap()["Id"], "1");
        assert!(parse_json_object(b"[1]").is_err());
        let err = parse_json_object(br#"{"a": tru"#).unwrap_err();
        assert!(err.contains("line 1"), "{err}");
    }

    #[test]
    fn data_errors_do_not_quote_values() {
        let err = serde_json::from_str::<u32>(r#""s3cr3t""#).unwrap_err();
        let text = describe_json_error(&err);
        assert!(!text.contains("s3cr3t") && text.contains("wrong type"), "{text}");
    }
}
