//! The parameters a ruleset declares.

use super::value::Value;

/// The type of a ruleset parameter.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ParameterType {
    /// `string`.
    String,
    /// `boolean`.
    Boolean,
    /// `stringArray`.
    StringArray,
}

impl ParameterType {
    /// The type named in a ruleset (`string`, `boolean`, `stringArray`; any case).
    pub(crate) fn from_name(name: &str) -> Option<Self> {
        match name.to_ascii_lowercase().as_str() {
            "string" => Some(Self::String),
            "boolean" => Some(Self::Boolean),
            "stringarray" => Some(Self::StringArray),
            _ => None,
        }
    }

    /// The name used in rulesets.
    pub fn name(self) -> &'static str {
        match self {
            Self::String => "string",
            Self::Boolean => "boolean",
            Self::StringArray => "stringArray",
        }
    }

    /// Whether `value` is of this type.
    pub fn admits(self, value: &Value) -> bool {
        match self {
            Self::String => matches!(value, Value::String(_)),
            Self::Boolean => matches!(value, Value::Bool(_)),
            Self::StringArray => {
                matches!(value, Value::Array(items) if items.iter().all(|v| matches!(v, Value::String(_))))
            }
        }
    }
}

/// A parameter the ruleset declares (`Region`, `UseFIPS`, `Endpoint`, ...).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Parameter {
    pub(crate) name: String,
    pub(crate) ty: ParameterType,
    pub(crate) built_in: Option<String>,
    pub(crate) required: bool,
    pub(crate) default: Option<Value>,
    pub(crate) documentation: Option<String>,
    pub(crate) deprecated: bool,
}

impl Parameter {
    /// The name rules refer to (`Region`).
    pub fn name(&self) -> &str {
        &self.name
    }

    /// The declared type.
    pub fn parameter_type(&self) -> ParameterType {
        self.ty
    }

    /// The SDK setting that fills it (`AWS::Region`, `AWS::UseFIPS`, `AWS::UseDualStack`,
    /// `SDK::Endpoint`), if any; see [`BuiltIns`](super::BuiltIns).
    pub fn built_in(&self) -> Option<&str> {
        self.built_in.as_deref()
    }

    /// Whether resolution fails when the parameter has neither a value nor a default.
    pub fn is_required(&self) -> bool {
        self.required
    }

    /// The value used when none is given.
    pub fn default_value(&self) -> Option<&Value> {
        self.default.as_ref()
    }

    /// The parameter's documentation in the ruleset.
    pub fn documentation(&self) -> Option<&str> {
        self.documentation.as_deref()
    }

    /// Whether the ruleset marks the parameter deprecated.
    pub fn is_deprecated(&self) -> bool {
        self.deprecated
    }
}
