//! The error a builder's `build()` returns.

use std::fmt;

/// A builder was asked to build a value while required members were still unset.
///
/// Every missing member is named, by its name in the model, in model order.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct BuildError {
    shape: &'static str,
    missing: Vec<&'static str>,
}

impl BuildError {
    /// A build error for `shape` (the Rust type name) missing the given members.
    pub fn missing(shape: &'static str, missing: Vec<&'static str>) -> Self {
        Self { shape, missing }
    }

    /// The Rust type that could not be built.
    pub fn shape(&self) -> &'static str {
        self.shape
    }

    /// The required members that were not set, by their model names.
    pub fn missing_members(&self) -> &[&'static str] {
        &self.missing
    }
}

impl fmt::Display for BuildError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let plural = if self.missing.len() == 1 { "" } else { "s" };
        write!(f, "cannot build {}: missing required member{plural} {}", self.shape, self.missing.join(", "))
    }
}

impl std::error::Error for BuildError {}
