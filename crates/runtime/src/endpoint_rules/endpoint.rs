//! The result of a resolution: an endpoint URL with its headers and properties.

use super::value::Value;
use std::collections::BTreeMap;

/// The endpoint an `endpoint` rule produced.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ResolvedEndpoint {
    pub(crate) url: String,
    pub(crate) headers: BTreeMap<String, Vec<String>>,
    pub(crate) properties: BTreeMap<String, Value>,
}

impl ResolvedEndpoint {
    /// The URL (`https://participant.connect.us-east-1.amazonaws.com`), possibly with a path.
    pub fn url(&self) -> &str {
        &self.url
    }

    /// Headers the requests to this endpoint must carry, name to values.
    pub fn headers(&self) -> &BTreeMap<String, Vec<String>> {
        &self.headers
    }

    /// The endpoint's properties (`authSchemes`, ...), as the rule wrote them.
    pub fn properties(&self) -> &BTreeMap<String, Value> {
        &self.properties
    }

    /// The properties as one JSON object, as `smithy.rules#endpointTests` write them.
    pub fn properties_json(&self) -> serde_json::Value {
        serde_json::Value::Object(self.properties.iter().map(|(k, v)| (k.clone(), v.to_json())).collect())
    }
}
