//! The parameter values one resolution runs with.

use super::error::{ResolveError, ResolveErrorKind};
use super::value::Value;
use std::collections::BTreeMap;

/// Parameter values by name (`Region`, `UseFIPS`, ...). Parameters left out take their
/// declared default, or stay unset.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Params {
    values: BTreeMap<String, Value>,
}

impl Params {
    /// No values.
    pub fn new() -> Self {
        Self::default()
    }

    /// These parameters plus `name` = `value`.
    pub fn with(mut self, name: impl Into<String>, value: impl Into<Value>) -> Self {
        self.set(name, value);
        self
    }

    /// Sets `name` to `value`, replacing an earlier value.
    pub fn set(&mut self, name: impl Into<String>, value: impl Into<Value>) {
        self.values.insert(name.into(), value.into());
    }

    /// The value of `name`, if set.
    pub fn get(&self, name: &str) -> Option<&Value> {
        self.values.get(name)
    }

    /// Every value, by name.
    pub fn iter(&self) -> impl Iterator<Item = (&str, &Value)> {
        self.values.iter().map(|(k, v)| (k.as_str(), v))
    }

    /// The parameters of a JSON object (the `params` of an `endpointTests` case); `null`
    /// members stay unset.
    pub fn from_json(object: &serde_json::Value) -> Result<Self, ResolveError> {
        let invalid = |why: String| ResolveError::new(ResolveErrorKind::InvalidParameter, why);
        let serde_json::Value::Object(fields) = object else {
            return Err(invalid("parameters must be a JSON object".to_owned()));
        };
        let mut params = Self::new();
        for (name, json) in fields.iter().filter(|(_, json)| !json.is_null()) {
            let value = Value::from_json(json)
                .ok_or_else(|| invalid(format!("parameter `{name}` is not a string, boolean or array of strings")))?;
            params.set(name.clone(), value);
        }
        Ok(params)
    }
}
