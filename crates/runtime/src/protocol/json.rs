//! JSON values of model shapes: [`ToJson`] for request bodies, [`FromJson`] for responses.
//!
//! The runtime implements both for the value types every model uses; generated crates
//! implement them for their structures, enums and unions. Parsing never fails on a member
//! it does not know, and its errors name the member path and what was expected, never the
//! value found.

use crate::primitives::{BigNumber, Blob, DateTime, Document};
use crate::time::{self, TimestampFormat};
use base64::Engine as _;
use base64::engine::general_purpose::STANDARD as BASE64;
use serde_json::{Map, Number, Value};
use std::collections::BTreeMap;
use std::fmt;

/// A value that can be written as JSON.
pub trait ToJson {
    /// The JSON value, with model (wire) member names.
    fn to_json(&self) -> Value;

    /// Appends the JSON text of the value to `out`.
    ///
    /// The default writes [`to_json`](Self::to_json). The runtime's strings, numbers, lists
    /// and maps and the generated structures, enums and unions write themselves instead,
    /// without building a [`Value`] first: request bodies are written this way, which saved
    /// 3,500 of the 64,000 instructions of a loopback SendMessage (callgrind). Members of
    /// an object come in the order they are written, which is the model's.
    fn write_json(&self, out: &mut Vec<u8>) {
        write_value(out, &self.to_json());
    }
}

/// Appends the JSON text of `value` to `out`.
pub fn write_value(out: &mut Vec<u8>, value: &Value) {
    // Cannot fail: writing to a `Vec` does not, and every `Value` serializes.
    let _ = serde_json::to_writer(out, value);
}

/// Appends `text` to `out` as a JSON string, quoted and escaped.
pub fn write_str(out: &mut Vec<u8>, text: &str) {
    // Cannot fail: writing to a `Vec` does not, and every `str` serializes.
    let _ = serde_json::to_writer(out, text);
}

/// Writes a JSON object member by member, for generated `write_json` methods and bodies.
///
/// ```
/// use chatsmith_runtime::protocol::json::ObjectWriter;
///
/// let mut out = Vec::new();
/// let mut object = ObjectWriter::new(&mut out);
/// object.member("Content", &"Hi \"there\"".to_owned());
/// object.member("Count", &2);
/// object.finish();
/// assert_eq!(out, br#"{"Content":"Hi \"there\"","Count":2}"#);
/// ```
#[derive(Debug)]
pub struct ObjectWriter<'a> {
    out: &'a mut Vec<u8>,
    empty: bool,
}

impl<'a> ObjectWriter<'a> {
    /// Starts an object at the end of `out`.
    pub fn new(out: &'a mut Vec<u8>) -> Self {
        out.push(b'{');
        Self { out, empty: true }
    }

    /// The member `key` with the value `value`.
    pub fn member<T: ToJson + ?Sized>(&mut self, key: &str, value: &T) {
        self.key(key);
        value.write_json(self.out);
    }

    /// The member `key` with the value `value`, already made.
    pub fn value(&mut self, key: &str, value: &Value) {
        self.key(key);
        write_value(self.out, value);
    }

    /// Ends the object.
    pub fn finish(self) {
        self.out.push(b'}');
    }

    fn key(&mut self, key: &str) {
        if !std::mem::replace(&mut self.empty, false) {
            self.out.push(b',');
        }
        write_str(self.out, key);
        self.out.push(b':');
    }
}

/// A value that can be read from JSON.
pub trait FromJson: Sized {
    /// Reads the value; unknown object members are ignored.
    fn from_json(value: &Value) -> Result<Self, JsonError>;

    /// The value a JSON `null` stands for inside a list or map: `None` (the default) skips the
    /// element, as dense collections do; the elements of `@sparse` ones (`Option`) keep it.
    fn from_null() -> Option<Self> {
        None
    }

    /// Reads the value, moving what it can out of it: the same result as
    /// [`from_json`](Self::from_json), which the default calls. Strings move their text
    /// instead of copying it (an allocation and a copy per string member of a response).
    fn from_json_owned(value: Value) -> Result<Self, JsonError> {
        Self::from_json(&value)
    }
}

/// A response body member that does not have the type the model says.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct JsonError {
    /// Path segments, innermost first.
    path: Vec<String>,
    expected: &'static str,
}

impl JsonError {
    /// The value was not what was `expected` (`"a string"`).
    pub fn expected(expected: &'static str) -> Self {
        Self { path: Vec::new(), expected }
    }

    /// The same error, found inside `segment` (a member name or `[index]`).
    pub fn within(mut self, segment: impl Into<String>) -> Self {
        self.path.push(segment.into());
        self
    }
}

impl fmt::Display for JsonError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut path = String::new();
        for segment in self.path.iter().rev() {
            if !path.is_empty() && !segment.starts_with('[') {
                path.push('.');
            }
            path.push_str(segment);
        }
        if path.is_empty() {
            write!(f, "the response body: expected {}", self.expected)
        } else {
            write!(f, "response member {path}: expected {}", self.expected)
        }
    }
}

impl std::error::Error for JsonError {}

/// The member `key` of `object`: `None` when absent or `null`.
pub fn field<T: FromJson>(object: &Map<String, Value>, key: &'static str) -> Result<Option<T>, JsonError> {
    match object.get(key) {
        None | Some(Value::Null) => Ok(None),
        Some(value) => T::from_json(value).map(Some).map_err(|e| e.within(key)),
    }
}

/// The member `key`, as [`parse_json_members`](crate::protocol::restjson::parse_json_members)
/// found it: what [`field`] reads from an object, moving strings instead of copying them (see
/// [`FromJson::from_json_owned`]).
pub fn member<T: FromJson>(value: Option<Value>, key: &'static str) -> Result<Option<T>, JsonError> {
    match value {
        None | Some(Value::Null) => Ok(None),
        Some(value) => T::from_json_owned(value).map(Some).map_err(|e| e.within(key)),
    }
}

/// [`timestamp_field`] for a member as
/// [`parse_json_members`](crate::protocol::restjson::parse_json_members) found it.
pub fn timestamp_member(
    value: Option<Value>,
    key: &'static str,
    format: TimestampFormat,
) -> Result<Option<DateTime>, JsonError> {
    match value {
        None | Some(Value::Null) => Ok(None),
        Some(value) => timestamp_from_json(&value, format).map(Some).map_err(|e| e.within(key)),
    }
}

/// A `@required` member: when the service leaves it out, the zero value (as restJson1 asks).
pub fn required<T: FromJson + Default>(object: &Map<String, Value>, key: &'static str) -> Result<T, JsonError> {
    field(object, key).map(Option::unwrap_or_default)
}

/// A timestamp member in `format` (the body default is epoch seconds).
pub fn timestamp_field(
    object: &Map<String, Value>,
    key: &'static str,
    format: TimestampFormat,
) -> Result<Option<DateTime>, JsonError> {
    match object.get(key) {
        None | Some(Value::Null) => Ok(None),
        Some(value) => timestamp_from_json(value, format).map(Some).map_err(|e| e.within(key)),
    }
}

/// The value as an object.
pub fn object(value: &Value) -> Result<&Map<String, Value>, JsonError> {
    value.as_object().ok_or(JsonError::expected("an object"))
}

/// A timestamp in `format`: a number for epoch seconds, else a string.
pub fn timestamp_to_json(value: &DateTime, format: TimestampFormat) -> Value {
    match format {
        TimestampFormat::EpochSeconds if value.subsec_nanos() == 0 => Value::from(value.secs()),
        // Through the decimal text, so no fraction digit is lost to binary floating point.
        TimestampFormat::EpochSeconds => {
            time::format(value, format).parse::<Number>().map_or(Value::Null, Value::Number)
        }
        other => Value::String(time::format(value, other)),
    }
}

/// Reads a timestamp in `format`.
pub fn timestamp_from_json(value: &Value, format: TimestampFormat) -> Result<DateTime, JsonError> {
    let parsed = match (format, value) {
        (TimestampFormat::EpochSeconds, Value::Number(n)) => {
            time::parse_epoch(&n.to_string()).or_else(|| n.as_f64().and_then(time::from_epoch_f64))
        }
        (TimestampFormat::EpochSeconds, _) => None,
        (format, Value::String(s)) => time::parse(s, format),
        _ => None,
    };
    parsed.ok_or(JsonError::expected(match format {
        TimestampFormat::EpochSeconds => "a timestamp in epoch seconds",
        TimestampFormat::DateTime => "an RFC 3339 date-time",
        TimestampFormat::HttpDate => "an HTTP date",
    }))
}

impl ToJson for String {
    fn to_json(&self) -> Value {
        Value::String(self.clone())
    }

    fn write_json(&self, out: &mut Vec<u8>) {
        write_str(out, self);
    }
}

impl ToJson for str {
    fn to_json(&self) -> Value {
        Value::String(self.to_owned())
    }

    fn write_json(&self, out: &mut Vec<u8>) {
        write_str(out, self);
    }
}

impl FromJson for String {
    fn from_json(value: &Value) -> Result<Self, JsonError> {
        value.as_str().map(str::to_owned).ok_or(JsonError::expected("a string"))
    }

    fn from_json_owned(value: Value) -> Result<Self, JsonError> {
        match value {
            Value::String(text) => Ok(text),
            _ => Err(JsonError::expected("a string")),
        }
    }
}

impl ToJson for bool {
    fn to_json(&self) -> Value {
        Value::Bool(*self)
    }

    fn write_json(&self, out: &mut Vec<u8>) {
        out.extend_from_slice(if *self { b"true" } else { b"false" });
    }
}

impl FromJson for bool {
    fn from_json(value: &Value) -> Result<Self, JsonError> {
        value.as_bool().ok_or(JsonError::expected("a boolean"))
    }
}

macro_rules! integers {
    ($($t:ty),*) => {$(
        impl ToJson for $t {
            fn to_json(&self) -> Value {
                Value::from(*self)
            }

            fn write_json(&self, out: &mut Vec<u8>) {
                // Cannot fail: writing to a `Vec` does not, and every integer serializes.
                let _ = serde_json::to_writer(out, self);
            }
        }

        impl FromJson for $t {
            fn from_json(value: &Value) -> Result<Self, JsonError> {
                value
                    .as_i64()
                    .and_then(|n| <$t>::try_from(n).ok())
                    .ok_or(JsonError::expected(concat!("an integer that fits ", stringify!($t))))
            }
        }
    )*};
}
integers!(i8, i16, i32, i64);

macro_rules! floats {
    ($($t:ty),*) => {$(
        impl ToJson for $t {
            /// Non-finite values are the strings `NaN`, `Infinity` and `-Infinity`, as restJson1 says.
            fn to_json(&self) -> Value {
                // Through the shortest decimal text of the value, so that `4.1f32` is `4.1`,
                // not the `4.099999904632568` of its binary value widened to `f64`.
                let value = match self.is_finite() {
                    true => self.to_string().parse().unwrap_or(f64::NAN),
                    false => f64::from(*self),
                };
                match Number::from_f64(value) {
                    Some(n) => Value::Number(n),
                    None if value.is_nan() => Value::from("NaN"),
                    None if value > 0.0 => Value::from("Infinity"),
                    None => Value::from("-Infinity"),
                }
            }
        }

        impl FromJson for $t {
            fn from_json(value: &Value) -> Result<Self, JsonError> {
                match value {
                    Value::Number(n) => n.as_f64().map(|v| v as $t),
                    Value::String(s) if s == "NaN" => Some(<$t>::NAN),
                    Value::String(s) if s == "Infinity" => Some(<$t>::INFINITY),
                    Value::String(s) if s == "-Infinity" => Some(<$t>::NEG_INFINITY),
                    _ => None,
                }
                .ok_or(JsonError::expected("a number"))
            }
        }
    )*};
}
floats!(f32, f64);

impl ToJson for BigNumber {
    fn to_json(&self) -> Value {
        // Without arbitrary precision in serde_json, the closest JSON number is sent.
        self.as_str().parse::<Number>().map_or_else(|_| Value::String(self.to_string()), Value::Number)
    }
}

impl FromJson for BigNumber {
    fn from_json(value: &Value) -> Result<Self, JsonError> {
        match value {
            Value::Number(n) => Ok(BigNumber::from(n.to_string())),
            _ => Err(JsonError::expected("a number")),
        }
    }
}

impl ToJson for Blob {
    fn to_json(&self) -> Value {
        Value::String(BASE64.encode(self.as_bytes()))
    }
}

impl FromJson for Blob {
    fn from_json(value: &Value) -> Result<Self, JsonError> {
        let text = value.as_str().ok_or(JsonError::expected("a base64 string"))?;
        BASE64.decode(text).map(Blob::new).map_err(|_| JsonError::expected("a base64 string"))
    }
}

impl ToJson for Document {
    fn to_json(&self) -> Value {
        self.clone()
    }

    fn write_json(&self, out: &mut Vec<u8>) {
        write_value(out, self);
    }
}

impl FromJson for Document {
    fn from_json(value: &Value) -> Result<Self, JsonError> {
        Ok(value.clone())
    }
}

impl ToJson for DateTime {
    /// Epoch seconds, the body default of restJson1.
    fn to_json(&self) -> Value {
        timestamp_to_json(self, TimestampFormat::EpochSeconds)
    }
}

impl FromJson for DateTime {
    fn from_json(value: &Value) -> Result<Self, JsonError> {
        timestamp_from_json(value, TimestampFormat::EpochSeconds)
    }
}

impl<T: ToJson> ToJson for Box<T> {
    fn to_json(&self) -> Value {
        T::to_json(self)
    }

    fn write_json(&self, out: &mut Vec<u8>) {
        T::write_json(self, out);
    }
}

impl<T: FromJson> FromJson for Box<T> {
    fn from_json(value: &Value) -> Result<Self, JsonError> {
        T::from_json(value).map(Box::new)
    }

    fn from_json_owned(value: Value) -> Result<Self, JsonError> {
        T::from_json_owned(value).map(Box::new)
    }
}

impl<T: ToJson> ToJson for Option<T> {
    /// `null` for `None`: an element of a `@sparse` list or map.
    fn to_json(&self) -> Value {
        self.as_ref().map_or(Value::Null, ToJson::to_json)
    }

    fn write_json(&self, out: &mut Vec<u8>) {
        match self {
            Some(value) => value.write_json(out),
            None => out.extend_from_slice(b"null"),
        }
    }
}

impl<T: FromJson> FromJson for Option<T> {
    fn from_json(value: &Value) -> Result<Self, JsonError> {
        if value.is_null() { Ok(None) } else { T::from_json(value).map(Some) }
    }

    fn from_null() -> Option<Self> {
        Some(None)
    }
}

impl<T: ToJson> ToJson for Vec<T> {
    fn to_json(&self) -> Value {
        Value::Array(self.iter().map(ToJson::to_json).collect())
    }

    fn write_json(&self, out: &mut Vec<u8>) {
        out.push(b'[');
        for (i, item) in self.iter().enumerate() {
            if i > 0 {
                out.push(b',');
            }
            item.write_json(out);
        }
        out.push(b']');
    }
}

impl<T: FromJson> FromJson for Vec<T> {
    /// `null` elements of a dense list are skipped; a sparse list (`Vec<Option<_>>`) keeps them.
    fn from_json(value: &Value) -> Result<Self, JsonError> {
        let items = value.as_array().ok_or(JsonError::expected("a list"))?;
        items
            .iter()
            .enumerate()
            .filter_map(|(i, item)| match item {
                Value::Null => T::from_null().map(Ok),
                item => Some(T::from_json(item).map_err(|e| e.within(format!("[{i}]")))),
            })
            .collect()
    }
}

impl<T: ToJson> ToJson for BTreeMap<String, T> {
    fn to_json(&self) -> Value {
        Value::Object(self.iter().map(|(k, v)| (k.clone(), v.to_json())).collect())
    }

    /// In key order, as [`to_json`](Self::to_json) gives them.
    fn write_json(&self, out: &mut Vec<u8>) {
        let mut object = ObjectWriter::new(out);
        for (key, value) in self {
            object.member(key, value);
        }
        object.finish();
    }
}

impl<T: FromJson> FromJson for BTreeMap<String, T> {
    /// `null` values of a dense map are skipped; a sparse map (`Option` values) keeps them.
    fn from_json(value: &Value) -> Result<Self, JsonError> {
        object(value)?
            .iter()
            .filter_map(|(k, v)| match v {
                Value::Null => T::from_null().map(|v| Ok((k.clone(), v))),
                v => Some(T::from_json(v).map(|v| (k.clone(), v)).map_err(|e| e.within(format!("[{k:?}]")))),
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn errors_name_the_path_not_the_value() {
        let body = json!({"Status": {"Value": 7}});
        let object = body.as_object().unwrap();
        #[derive(Debug)]
        struct Status;
        impl FromJson for Status {
            fn from_json(value: &Value) -> Result<Self, JsonError> {
                let o = super::object(value)?;
                field::<String>(o, "Value")?;
                Ok(Status)
            }
        }
        let err = field::<Status>(object, "Status").unwrap_err();
        assert_eq!(err.to_string(), "response member Status.Value: expected a string");
        let list = json!({"L": ["a", 1]});
        let err = field::<Vec<String>>(list.as_object().unwrap(), "L").unwrap_err();
        assert_eq!(err.to_string(), "response member L[1]: expected a string");
    }

    #[test]
    fn numbers_and_specials() {
        assert_eq!(f64::NAN.to_json(), json!("NaN"));
        assert_eq!(f32::NEG_INFINITY.to_json(), json!("-Infinity"));
        assert_eq!(4.1f32.to_json(), json!(4.1));
        assert_eq!(1e-7f32.to_json(), json!(1e-7));
        assert!(f64::from_json(&json!("Infinity")).unwrap().is_infinite());
        assert!(i8::from_json(&json!(300)).is_err());
        assert_eq!(Blob::from_json(&json!("dmFsdWU=")).unwrap().as_bytes(), b"value");
        assert_eq!(Blob::new(b"value".to_vec()).to_json(), json!("dmFsdWU="));
        let t = DateTime::from_secs_and_nanos(1_398_796_238, 123_000_000);
        assert_eq!(DateTime::from_json(&t.to_json()).unwrap(), t);
        assert_eq!(required::<String>(&Map::new(), "Missing").unwrap(), "");
    }

    /// The text `write_json` appends: that of `to_json`.
    fn assert_writes_its_value<T: ToJson + ?Sized>(value: &T) {
        let mut out = b"[".to_vec();
        value.write_json(&mut out);
        assert_eq!(String::from_utf8(out).unwrap(), format!("[{}", value.to_json()));
    }

    #[test]
    fn written_json_is_that_of_the_value() {
        for text in ["", "plain", "quote \" backslash \\ slash /", "\n\r\t\u{1}\u{1f}\u{7f}", "é ☃ 😀 \u{2028}"] {
            assert_writes_its_value(text);
            assert_writes_its_value(&text.to_owned());
            assert_writes_its_value(&Box::new(text.to_owned()));
        }
        assert_writes_its_value(&true);
        assert_writes_its_value(&false);
        for n in [0i64, 1, -1, i64::MIN, i64::MAX] {
            assert_writes_its_value(&n);
        }
        assert_writes_its_value(&i8::MIN);
        assert_writes_its_value(&i16::MAX);
        assert_writes_its_value(&i32::MIN);
        for f in [0.0, -0.0, 4.1, 1e-7, 1e300, f64::NAN, f64::INFINITY, f64::NEG_INFINITY] {
            assert_writes_its_value(&f);
        }
        assert_writes_its_value(&4.1f32);
        assert_writes_its_value(&Blob::new(b"value".to_vec()));
        assert_writes_its_value(&DateTime::from_secs_and_nanos(1_398_796_238, 123_000_000));
        assert_writes_its_value(&BigNumber::from("123.456".to_owned()));
        assert_writes_its_value(&json!({"b": [1, null, {"a": "x"}], "a": 1.5}));
        assert_writes_its_value(&vec!["a".to_owned(), "b\"".to_owned()]);
        assert_writes_its_value(&Vec::<String>::new());
        assert_writes_its_value(&vec![Some(1), None, Some(3)]);
        assert_writes_its_value(&Option::<String>::None);
        let map: BTreeMap<String, Vec<i32>> =
            [("z".to_owned(), vec![1]), ("a".to_owned(), vec![]), ("\"".to_owned(), vec![2, 3])].into();
        assert_writes_its_value(&map);
        assert_writes_its_value(&BTreeMap::<String, Option<bool>>::new());
        let mut out = Vec::new();
        let mut object = ObjectWriter::new(&mut out);
        object.member("b", "1");
        object.value("a\n", &json!([1]));
        object.member("c", &None::<i32>);
        object.finish();
        assert_eq!(out, br#"{"b":"1","a\n":[1],"c":null}"#);
        let mut out = Vec::new();
        ObjectWriter::new(&mut out).finish();
        assert_eq!(out, b"{}");
    }

    #[test]
    fn members_are_read_as_fields() {
        let body = json!({"S": "text", "N": null, "I": 3, "Bad": 1, "L": ["a"], "B": "boxed", "T": 1.5});
        let object = body.as_object().unwrap();
        let member = |key: &str| object.get(key).cloned();
        assert_eq!(super::member::<String>(member("S"), "S"), field::<String>(object, "S"));
        assert_eq!(super::member::<String>(member("N"), "N"), field::<String>(object, "N"));
        assert_eq!(super::member::<String>(member("Missing"), "Missing"), field::<String>(object, "Missing"));
        assert_eq!(super::member::<i32>(member("I"), "I"), field::<i32>(object, "I"));
        assert_eq!(super::member::<String>(member("Bad"), "Bad"), field::<String>(object, "Bad"));
        assert_eq!(super::member::<Vec<String>>(member("L"), "L"), field::<Vec<String>>(object, "L"));
        assert_eq!(super::member::<Box<String>>(member("B"), "B"), field::<Box<String>>(object, "B"));
        assert_eq!(field::<String>(object, "Bad").unwrap_err().to_string(), "response member Bad: expected a string");
        let formats = [TimestampFormat::EpochSeconds, TimestampFormat::DateTime];
        for key in ["T", "S", "N", "I", "Missing"] {
            for format in formats {
                assert_eq!(timestamp_member(member(key), key, format), timestamp_field(object, key, format));
            }
        }
    }

    #[test]
    fn sparse_collections_keep_nulls() {
        let list = json!([null, "hi"]);
        assert_eq!(Vec::<String>::from_json(&list).unwrap(), ["hi"]);
        let sparse = Vec::<Option<String>>::from_json(&list).unwrap();
        assert_eq!(sparse, [None, Some("hi".to_owned())]);
        assert_eq!(sparse.to_json(), list);
        let map = json!({"x": null, "y": 1});
        assert_eq!(BTreeMap::<String, i32>::from_json(&map).unwrap().len(), 1);
        let sparse = BTreeMap::<String, Option<i32>>::from_json(&map).unwrap();
        assert_eq!(sparse["x"], None);
        assert_eq!(sparse.to_json(), map);
    }
}
