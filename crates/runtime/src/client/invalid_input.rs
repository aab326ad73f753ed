//! Why an input could not become a request.

use crate::{BuildError, ValidationErrors};
use std::fmt;

/// An input that was refused before anything was sent.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum InvalidInput {
    /// A builder was missing required members.
    Build(BuildError),
    /// The input broke constraints of its model (checked unless `Validation::Off`).
    Validation(ValidationErrors),
    /// A member's value cannot be put on the wire (a header value with a line break, an
    /// empty URI label). The problem never repeats the value.
    Serialization {
        /// The member, by its name in the model.
        member: &'static str,
        /// What is wrong with it.
        problem: String,
    },
}

impl InvalidInput {
    /// A serialization problem of `member`; `problem` must not contain the value.
    pub fn serialization(member: &'static str, problem: impl Into<String>) -> Self {
        Self::Serialization { member, problem: problem.into() }
    }
}

impl fmt::Display for InvalidInput {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Build(err) => err.fmt(f),
            Self::Validation(err) => err.fmt(f),
            Self::Serialization { member, problem } => {
                write!(f, "cannot serialize member {member}: {problem}")
            }
        }
    }
}

impl std::error::Error for InvalidInput {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            Self::Build(err) => Some(err),
            Self::Validation(err) => Some(err),
            Self::Serialization { .. } => None,
        }
    }
}

impl From<BuildError> for InvalidInput {
    fn from(err: BuildError) -> Self {
        Self::Build(err)
    }
}

impl From<ValidationErrors> for InvalidInput {
    fn from(err: ValidationErrors) -> Self {
        Self::Validation(err)
    }
}
