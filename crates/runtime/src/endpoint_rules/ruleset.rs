//! A parsed ruleset and resolution against it.

use super::endpoint::ResolvedEndpoint;
use super::error::{ResolveError, ResolveErrorKind, RuleSetError};
use super::eval::{Outcome, evaluate};
use super::parameter::Parameter;
use super::params::Params;
use super::parse::parse_ruleset;
use super::syntax::Rule;
use std::fmt;

/// An endpoint ruleset (the value of a service's `smithy.rules#endpointRuleSet` trait),
/// parsed and checked once, resolved any number of times.
///
/// ```
/// use chatsmith_runtime::endpoint_rules::{Params, RuleSet};
///
/// let rules = RuleSet::parse(r#"{
///     "version": "1.0",
///     "parameters": {"Region": {"type": "string", "builtIn": "AWS::Region", "required": false}},
///     "rules": [
///         {"conditions": [
///             {"fn": "isSet", "argv": [{"ref": "Region"}]},
///             {"fn": "aws.partition", "argv": [{"ref": "Region"}], "assign": "P"}
///          ],
///          "endpoint": {"url": "https://example.{Region}.{P#dnsSuffix}"}, "type": "endpoint"},
///         {"conditions": [], "error": "Invalid Configuration: Missing Region", "type": "error"}
///     ]
/// }"#).unwrap();
/// let endpoint = rules.resolve(&Params::new().with("Region", "cn-north-1")).unwrap();
/// assert_eq!(endpoint.url(), "https://example.cn-north-1.amazonaws.com.cn");
/// let err = rules.resolve(&Params::new()).unwrap_err();
/// assert_eq!(err.message(), "Invalid Configuration: Missing Region");
/// ```
#[derive(Clone)]
pub struct RuleSet {
    version: String,
    parameters: Vec<Parameter>,
    rules: Vec<Rule>,
}

impl RuleSet {
    /// Parses the JSON text of a ruleset.
    pub fn parse(text: &str) -> Result<Self, RuleSetError> {
        let doc: serde_json::Value =
            serde_json::from_str(text).map_err(|err| RuleSetError::new("", format!("it is not JSON: {err}")))?;
        Self::from_json(&doc)
    }

    /// Parses a ruleset already read as JSON.
    pub fn from_json(doc: &serde_json::Value) -> Result<Self, RuleSetError> {
        let parsed = parse_ruleset(doc)?;
        Ok(Self { version: parsed.version, parameters: parsed.parameters, rules: parsed.rules })
    }

    /// The ruleset's `version` (`1.0`).
    pub fn version(&self) -> &str {
        &self.version
    }

    /// The declared parameters, in declaration order.
    pub fn parameters(&self) -> &[Parameter] {
        &self.parameters
    }

    /// The declared parameter `name`.
    pub fn parameter(&self, name: &str) -> Option<&Parameter> {
        self.parameters.iter().find(|p| p.name() == name)
    }

    /// The endpoint for `params`.
    ///
    /// Fails when a given parameter is not declared or has the wrong type, when a required
    /// parameter has neither a value nor a default, when an `error` rule matches (the error's
    /// [`message`](ResolveError::message) is then the rule's text), when no rule matches, or
    /// when evaluation meets a value of the wrong type.
    pub fn resolve(&self, params: &Params) -> Result<ResolvedEndpoint, ResolveError> {
        for (name, value) in params.iter() {
            let parameter = self.parameter(name).ok_or_else(|| {
                ResolveError::new(
                    ResolveErrorKind::InvalidParameter,
                    format!("the ruleset declares no parameter `{name}`"),
                )
            })?;
            if !parameter.parameter_type().admits(value) {
                return Err(ResolveError::new(
                    ResolveErrorKind::InvalidParameter,
                    format!(
                        "parameter `{name}` must be a {}, not a {}",
                        parameter.parameter_type().name(),
                        value.type_name()
                    ),
                ));
            }
        }
        let mut scope = Vec::with_capacity(self.parameters.len());
        for parameter in &self.parameters {
            match params.get(parameter.name()).or(parameter.default_value()) {
                Some(value) => scope.push((parameter.name(), value.clone())),
                None if parameter.is_required() => {
                    return Err(ResolveError::new(
                        ResolveErrorKind::MissingParameter,
                        format!("the required parameter `{}` has no value", parameter.name()),
                    ));
                }
                None => {}
            }
        }
        match evaluate(&self.rules, scope)? {
            Outcome::Endpoint(endpoint) => Ok(endpoint),
            Outcome::Error(message) => Err(ResolveError::new(ResolveErrorKind::RuleError, message)),
        }
    }
}

impl fmt::Debug for RuleSet {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("RuleSet")
            .field("version", &self.version)
            .field("parameters", &self.parameters.iter().map(Parameter::name).collect::<Vec<_>>())
            .field("rules", &self.rules.len())
            .finish()
    }
}
