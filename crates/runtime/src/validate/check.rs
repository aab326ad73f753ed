//! The constraint checks generated validators call.
//!
//! Each returns the broken [`Rule`], or `None` when the value complies.

use super::{LengthUnit, Rule};
use crate::pattern::Pattern;
use std::fmt::Display;

/// `@length` of a string: counts Unicode scalar values, as Smithy specifies.
pub fn length(value: &str, min: Option<u64>, max: Option<u64>) -> Option<Rule> {
    // Byte length bounds the character count from above, so most values skip the count.
    let bytes = value.len() as u64;
    if min.is_none_or(|min| bytes >= min) && max.is_none_or(|max| bytes <= max) && value.is_ascii() {
        return None;
    }
    count(value.chars().count(), min, max, LengthUnit::Characters)
}

/// A length in bytes of the UTF-8 encoding (our `utf8Length` trait) or of a blob.
pub fn utf8_length(value: &str, min: Option<u64>, max: Option<u64>) -> Option<Rule> {
    count(value.len(), min, max, LengthUnit::Bytes)
}

/// A count of `unit`s (list items, map entries, blob bytes) against its limits.
pub fn count(len: usize, min: Option<u64>, max: Option<u64>, unit: LengthUnit) -> Option<Rule> {
    let actual = len as u64;
    let fits = min.is_none_or(|min| actual >= min) && max.is_none_or(|max| actual <= max);
    (!fits).then_some(Rule::Length { unit, min, max, actual })
}

/// `@range` of a number; the value is reported only when `sensitive` is false.
pub fn range<T: PartialOrd + Display>(value: T, min: Option<T>, max: Option<T>, sensitive: bool) -> Option<Rule> {
    use std::cmp::Ordering::{Greater, Less};
    // Incomparable values (NaN) break every bound.
    let below = min.as_ref().is_some_and(|min| matches!(value.partial_cmp(min), Some(Less) | None));
    let above = max.as_ref().is_some_and(|max| matches!(value.partial_cmp(max), Some(Greater) | None));
    (below || above).then(|| Rule::Range {
        min: min.map(|v| v.to_string()),
        max: max.map(|v| v.to_string()),
        actual: (!sensitive).then(|| value.to_string()),
    })
}

/// `@pattern`: the regex must match somewhere in the value.
pub fn pattern(value: &str, pattern: &Pattern) -> Option<Rule> {
    (!pattern.is_match(value)).then(|| Rule::Pattern { pattern: pattern.source() })
}

/// Enum values or allowed values; the value is reported only when `sensitive` is false.
pub fn one_of(value: &str, allowed: &'static [&'static str], sensitive: bool) -> Option<Rule> {
    (!allowed.contains(&value)).then(|| Rule::OneOf { allowed, actual: (!sensitive).then(|| value.to_owned()) })
}

/// `@uniqueItems`: no two items are equal.
pub fn unique_items<T: PartialEq>(items: &[T]) -> Option<Rule> {
    let repeated = items.iter().enumerate().any(|(i, item)| items[..i].contains(item));
    repeated.then_some(Rule::UniqueItems)
}

/// The value must be a JSON object whose `string_members` are all present as strings.
pub fn json_object(value: &str, string_members: &'static [&'static str]) -> Option<Rule> {
    let complies = match serde_json::from_str::<serde_json::Value>(value) {
        Ok(serde_json::Value::Object(object)) => {
            string_members.iter().all(|name| object.get(*name).is_some_and(serde_json::Value::is_string))
        }
        _ => false,
    };
    (!complies).then_some(Rule::JsonObject { string_members })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn length_counts_characters_not_bytes() {
        let four_chars = "é😀ab";
        assert_eq!(length(four_chars, Some(1), Some(4)), None);
        assert_eq!(
            length(four_chars, Some(1), Some(3)),
            Some(Rule::Length { unit: LengthUnit::Characters, min: Some(1), max: Some(3), actual: 4 })
        );
        assert!(length("", Some(1), None).is_some());
    }

    #[test]
    fn utf8_length_counts_bytes() {
        assert_eq!(utf8_length("é", None, Some(2)), None);
        assert!(utf8_length("é", None, Some(1)).is_some());
    }

    #[test]
    fn range_rejects_nan_and_hides_sensitive_values() {
        assert!(range(f64::NAN, Some(0.0), None, false).is_some());
        assert_eq!(range(5, Some(1), Some(10), false), None);
        assert_eq!(
            range(11, Some(1), Some(10), true),
            Some(Rule::Range { min: Some("1".into()), max: Some("10".into()), actual: None })
        );
    }

    #[test]
    fn json_object_needs_string_members() {
        assert_eq!(json_object(r#"{"messageId":"m-1"}"#, &["messageId"]), None);
        assert!(json_object(r#"{"messageId":1}"#, &["messageId"]).is_some());
        assert!(json_object(r#"["messageId"]"#, &["messageId"]).is_some());
        assert!(json_object("not json", &["messageId"]).is_some());
    }

    #[test]
    fn pattern_is_unanchored() {
        use crate::pattern::Node;
        static DIGITS: Pattern =
            Pattern::new("[0-9]+", Node::Repeat { node: &Node::class(&[('0', '9')]), min: 1, max: None });
        assert_eq!(pattern("ab12", &DIGITS), None);
        assert!(pattern("abc", &DIGITS).is_some());
    }
}
