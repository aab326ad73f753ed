//! What goes wrong: a ruleset that cannot be read, and a resolution that finds no endpoint.

use std::fmt;

/// A ruleset document that is not a valid `smithy.rules#endpointRuleSet`: bad JSON, an unknown
/// rule kind or function, a wrong argument count, a reference to a name that is not in scope.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RuleSetError {
    pointer: String,
    problem: String,
}

impl RuleSetError {
    pub(crate) fn new(pointer: impl Into<String>, problem: impl Into<String>) -> Self {
        Self { pointer: pointer.into(), problem: problem.into() }
    }

    /// The JSON pointer of the offending element within the ruleset (`/rules/0/conditions/1`),
    /// empty for the document itself.
    pub fn pointer(&self) -> &str {
        &self.pointer
    }

    /// What is wrong there.
    pub fn problem(&self) -> &str {
        &self.problem
    }
}

impl fmt::Display for RuleSetError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.pointer.is_empty() {
            write!(f, "invalid endpoint ruleset: {}", self.problem)
        } else {
            write!(f, "invalid endpoint ruleset at {}: {}", self.pointer, self.problem)
        }
    }
}

impl std::error::Error for RuleSetError {}

/// What kind of [`ResolveError`] this is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum ResolveErrorKind {
    /// An `error` rule matched: the parameters describe a configuration the service does not
    /// support (`Invalid Configuration: Missing Region`).
    RuleError,
    /// A `required` parameter without a default was not given.
    MissingParameter,
    /// A parameter was given that the ruleset does not declare, or with the wrong type.
    InvalidParameter,
    /// No rule matched (at the top level, or inside a `tree` rule whose conditions matched).
    NoMatch,
    /// Evaluation failed: a type mismatch, an unset value in a template or URL.
    Evaluation,
}

/// Why a ruleset produced no endpoint for the given parameters.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ResolveError {
    kind: ResolveErrorKind,
    message: String,
}

impl ResolveError {
    pub(crate) fn new(kind: ResolveErrorKind, message: impl Into<String>) -> Self {
        Self { kind, message: message.into() }
    }

    /// What kind of error this is.
    pub fn kind(&self) -> ResolveErrorKind {
        self.kind
    }

    /// The message. For [`ResolveErrorKind::RuleError`] exactly the text of the `error` rule,
    /// as `smithy.rules#endpointTests` cases expect it.
    pub fn message(&self) -> &str {
        &self.message
    }
}

impl fmt::Display for ResolveError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.kind {
            ResolveErrorKind::RuleError => f.write_str(&self.message),
            _ => write!(f, "endpoint resolution failed: {}", self.message),
        }
    }
}

impl std::error::Error for ResolveError {}
