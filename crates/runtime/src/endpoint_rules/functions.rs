//! The library functions: argument checks and dispatch.
//!
//! An argument that is unset makes the result unset (a condition over it does not hold),
//! except for `isSet`, `coalesce` and the branches of `ite`, which take optional values.
//! An argument of the wrong type is an evaluation error.

use super::syntax::Func;
use super::value::Value;
use super::{aws, partition, url};

/// Calls `func` with evaluated arguments (the count was checked when parsing). The error says
/// which argument has the wrong type.
pub(crate) fn call(func: Func, mut args: Vec<Option<Value>>) -> Result<Option<Value>, String> {
    match func {
        Func::IsSet => return Ok(Some(Value::Bool(args.first().is_some_and(Option::is_some)))),
        Func::Coalesce => return Ok(args.into_iter().flatten().next()),
        Func::Ite => {
            let Some(cond) = args.first().cloned().flatten() else { return Ok(None) };
            let cond = boolean(func, 0, &cond)?;
            let pick = if cond { 1 } else { 2 };
            return Ok(args.get_mut(pick).and_then(Option::take));
        }
        _ => {}
    }
    let Some(args) = args.into_iter().collect::<Option<Vec<Value>>>() else { return Ok(None) };
    let arg = |i: usize| args.get(i).ok_or_else(|| format!("`{}` is missing argument {}", func.name(), i + 1));
    Ok(match func {
        Func::Not => Some(Value::Bool(!boolean(func, 0, arg(0)?)?)),
        Func::BooleanEquals => Some(Value::Bool(boolean(func, 0, arg(0)?)? == boolean(func, 1, arg(1)?)?)),
        Func::StringEquals => Some(Value::Bool(string(func, 0, arg(0)?)? == string(func, 1, arg(1)?)?)),
        Func::Substring => substring(
            string(func, 0, arg(0)?)?,
            integer(func, 1, arg(1)?)?,
            integer(func, 2, arg(2)?)?,
            boolean(func, 3, arg(3)?)?,
        )
        .map(Value::String),
        Func::UriEncode => Some(Value::String(url::uri_encode(string(func, 0, arg(0)?)?))),
        Func::ParseUrl => url::parse_url(string(func, 0, arg(0)?)?),
        Func::IsValidHostLabel => {
            Some(Value::Bool(is_valid_host_label(string(func, 0, arg(0)?)?, boolean(func, 1, arg(1)?)?)))
        }
        Func::AwsPartition => Some(partition::find(string(func, 0, arg(0)?)?).to_value()),
        Func::AwsParseArn => aws::parse_arn(string(func, 0, arg(0)?)?),
        Func::AwsIsVirtualHostableS3Bucket => {
            Some(Value::Bool(aws::is_virtual_hostable_s3_bucket(string(func, 0, arg(0)?)?, boolean(func, 1, arg(1)?)?)))
        }
        Func::IsSet | Func::Coalesce | Func::Ite => None,
    })
}

fn wrong_type(func: Func, i: usize, expected: &str, got: &Value) -> String {
    format!("argument {} of `{}` must be a {expected}, not a {}", i + 1, func.name(), got.type_name())
}

fn string(func: Func, i: usize, value: &Value) -> Result<&str, String> {
    value.as_str().ok_or_else(|| wrong_type(func, i, "string", value))
}

fn boolean(func: Func, i: usize, value: &Value) -> Result<bool, String> {
    value.as_bool().ok_or_else(|| wrong_type(func, i, "boolean", value))
}

fn integer(func: Func, i: usize, value: &Value) -> Result<i64, String> {
    match value {
        Value::Int(n) => Ok(*n),
        other => Err(wrong_type(func, i, "integer", other)),
    }
}

/// `substring(input, start, stop, reverse)`: characters `start..stop` of an ASCII string,
/// counted from the end when `reverse`; unset for non-ASCII input or indexes out of range.
fn substring(input: &str, start: i64, stop: i64, reverse: bool) -> Option<String> {
    if !input.is_ascii() || start < 0 || start >= stop {
        return None;
    }
    let (start, stop) = (usize::try_from(start).ok()?, usize::try_from(stop).ok()?);
    let len = input.len();
    if stop > len {
        return None;
    }
    let range = if reverse { len - stop..len - start } else { start..stop };
    input.get(range).map(str::to_owned)
}

/// `isValidHostLabel(value, allowSubDomains)`: 1 to 63 ASCII letters, digits and `-`, not
/// starting with `-` (RFC 1123); with `allowSubDomains`, one or more such labels joined by `.`.
fn is_valid_host_label(value: &str, allow_sub_domains: bool) -> bool {
    let label = |l: &str| {
        (1..=63).contains(&l.len())
            && l.bytes().next().is_some_and(|b| b.is_ascii_alphanumeric())
            && l.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-')
    };
    if allow_sub_domains { value.split('.').all(label) } else { label(value) }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn s(v: &str) -> Option<Value> {
        Some(Value::from(v))
    }

    #[test]
    fn substrings() {
        assert_eq!(substring("abcdefg", 0, 4, false).as_deref(), Some("abcd"));
        assert_eq!(substring("abcdefg", 0, 4, true).as_deref(), Some("defg"));
        assert_eq!(substring("abcdefg", 1, 7, false).as_deref(), Some("bcdefg"));
        assert_eq!(substring("abcdefg", 0, 8, false), None);
        assert_eq!(substring("abcdefg", 4, 4, false), None);
        assert_eq!(substring("abcdefg", -1, 4, false), None);
        assert_eq!(substring("abcdéfg", 0, 2, false), None);
        assert_eq!(substring("", 0, 1, true), None);
    }

    #[test]
    fn host_labels() {
        for (value, dots, ok) in [
            ("us-east-1", false, true),
            ("a", false, true),
            ("1abc", false, true),
            ("-abc", false, false),
            ("", false, false),
            ("a.b", false, false),
            ("a.b", true, true),
            ("a..b", true, false),
            ("a.", true, false),
            (".a", true, false),
            ("a_b", false, false),
            ("é", false, false),
            (&"a".repeat(63), false, true),
            (&"a".repeat(64), false, false),
        ] {
            assert_eq!(is_valid_host_label(value, dots), ok, "{value} {dots}");
        }
    }

    #[test]
    fn unset_arguments_and_wrong_types() {
        assert_eq!(call(Func::IsSet, vec![None]).unwrap(), Some(Value::Bool(false)));
        assert_eq!(call(Func::StringEquals, vec![None, s("a")]).unwrap(), None);
        assert_eq!(call(Func::Coalesce, vec![None, s("b"), s("c")]).unwrap(), s("b"));
        assert_eq!(call(Func::Ite, vec![Some(Value::Bool(false)), s("x"), s("y")]).unwrap(), s("y"));
        assert_eq!(call(Func::Ite, vec![None, s("x"), s("y")]).unwrap(), None);
        let err = call(Func::BooleanEquals, vec![s("true"), Some(Value::Bool(true))]).unwrap_err();
        assert_eq!(err, "argument 1 of `booleanEquals` must be a boolean, not a string");
        assert!(call(Func::Substring, vec![s("abc"), s("0"), Some(Value::Int(1)), Some(Value::Bool(false))]).is_err());
        assert!(call(Func::Not, vec![]).is_err());
    }
}
