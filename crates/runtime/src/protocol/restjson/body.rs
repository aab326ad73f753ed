//! JSON bodies.

use http::HeaderValue;
use serde::de::{DeserializeSeed, Deserializer as _, MapAccess, SeqAccess, Visitor};
use serde_json::{Map, Value};
use std::fmt;

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

/// The members `names` of the JSON object in the body (an empty body is `{}`), in that order,
/// each `None` when absent; read with [`json::member`](crate::protocol::json::member).
///
/// The same values, and the same errors, as [`parse_json_object`] then taking each member out
/// of the object, without building the object: its keys are compared, not copied, and only
/// the values of other members are read and dropped. Parsing a SendMessage response took
/// 2,650 instructions this way instead of 4,100 (callgrind).
pub fn parse_json_members<const N: usize>(body: &[u8], names: [&'static str; N]) -> Result<[Option<Value>; N], String> {
    let mut deserializer = serde_json::Deserializer::from_slice(json_body(body));
    let parsed = deserializer.deserialize_any(Members(&names)).and_then(|members| {
        deserializer.end()?;
        Ok(members)
    });
    match parsed {
        Ok(Some(members)) => Ok(members),
        Ok(None) => Err("the response body is JSON but not an object".to_owned()),
        Err(err) => Err(describe_json_error(&err)),
    }
}

/// Reads a JSON value: `Some` with the members named of an object, `None` for anything else.
/// Every value is read as a [`Value`], so that what fails to parse is what fails as a `Value`.
struct Members<'a, const N: usize>(&'a [&'static str; N]);

impl<'de, const N: usize> Visitor<'de> for Members<'_, N> {
    type Value = Option<[Option<Value>; N]>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a JSON value")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
        let mut members = std::array::from_fn(|_| None);
        while let Some(index) = map.next_key_seed(Key(self.0))? {
            let value: Value = map.next_value()?;
            if let Some(index) = index {
                // A repeated member: the last one counts, as in a parsed object.
                members[index] = Some(value);
            }
        }
        Ok(Some(members))
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
        while seq.next_element::<Value>()?.is_some() {}
        Ok(None)
    }

    fn visit_bool<E>(self, _: bool) -> Result<Self::Value, E> {
        Ok(None)
    }

    fn visit_i64<E>(self, _: i64) -> Result<Self::Value, E> {
        Ok(None)
    }

    fn visit_u64<E>(self, _: u64) -> Result<Self::Value, E> {
        Ok(None)
    }

    fn visit_f64<E>(self, _: f64) -> Result<Self::Value, E> {
        Ok(None)
    }

    fn visit_str<E>(self, _: &str) -> Result<Self::Value, E> {
        Ok(None)
    }

    fn visit_unit<E>(self) -> Result<Self::Value, E> {
        Ok(None)
    }
}

/// An object key: the index of the name it is, if any.
struct Key<'a, const N: usize>(&'a [&'static str; N]);

impl<'de, const N: usize> DeserializeSeed<'de> for Key<'_, N> {
    type Value = Option<usize>;

    fn deserialize<D: serde::Deserializer<'de>>(self, deserializer: D) -> Result<Self::Value, D::Error> {
        deserializer.deserialize_str(self)
    }
}

impl<'de, const N: usize> Visitor<'de> for Key<'_, N> {
    type Value = Option<usize>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("an object key")
    }

    fn visit_str<E>(self, key: &str) -> Result<Self::Value, E> {
        Ok(self.0.iter().position(|name| *name == key))
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

    /// What `parse_json_members` gives: what `parse_json_object` and taking the members gives.
    fn as_object<const N: usize>(body: &[u8], names: [&'static str; N]) -> Result<[Option<Value>; N], String> {
        let mut object = parse_json_object(body)?;
        Ok(names.map(|name| object.remove(name)))
    }

    #[test]
    fn members_are_those_of_the_object() {
        let bodies: &[&[u8]] = &[
            b"",
            b" \n ",
            b"{}",
            br#"{"Id":"1","AbsoluteTime":"2026-11-22T10:00:00.000Z"}"#,
            br#"{"Id":"1","Id":"2","Other":{"Id":"x"}}"#,
            br#"{"Id":null,"X":[1,2,{"a":[]}],"\u0049d2":"escaped"}"#,
            br#"{"Other":1e400,"Id":"1"}"#,
            br#"{"Id":1e400}"#,
            br#"{"Id":"1"} x"#,
            br#"{"Id":"1"}  "#,
            br#"{"Id":"1""#,
            br#"{"Id" "1"}"#,
            br#"{"Id":"1",}"#,
            br#"{1:"1"}"#,
            br#"{"Id":"\ud800"}"#,
            b"[1, 2]",
            b"[1, 1e400]",
            b"[1] x",
            b"\"text\"",
            b"3",
            b"-3",
            b"1.5",
            b"true",
            b"null",
            b"nul",
            b"\xff",
            &[b'['; 200],
        ];
        for body in bodies {
            let names = ["Id", "AbsoluteTime", "Id2", "Other"];
            assert_eq!(parse_json_members(body, names), as_object(body, names), "{:?}", String::from_utf8_lossy(body));
            assert_eq!(parse_json_members(body, []), as_object(body, []), "{:?}", String::from_utf8_lossy(body));
        }
        let nested = format!("{{\"Id\":{}1{}}}", "[".repeat(126), "]".repeat(126));
        let too_deep = format!("{{\"Id\":{}1{}}}", "[".repeat(127), "]".repeat(127));
        for body in [nested, too_deep] {
            assert_eq!(parse_json_members(body.as_bytes(), ["Id"]), as_object(body.as_bytes(), ["Id"]));
        }
        assert_eq!(parse_json_members(br#"{"a":1}"#, ["a"]).unwrap(), [Some(Value::from(1))]);
    }

    #[test]
    fn data_errors_do_not_quote_values() {
        let err = serde_json::from_str::<u32>(r#""s3cr3t""#).unwrap_err();
        let text = describe_json_error(&err);
        assert!(!text.contains("s3cr3t") && text.contains("wrong type"), "{text}");
    }
}
