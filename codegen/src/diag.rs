//! Model errors: what is wrong and where (file and JSON pointer).

use std::fmt;

/// One problem found in a model, located by file and JSON pointer.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct Diagnostic {
    /// The model file, as the caller named it.
    pub file: String,
    /// The JSON pointer of the offending value inside the file (`/shapes/ns#Name/members/Foo`),
    /// or `line L, column C` for JSON syntax errors.
    pub location: String,
    /// What is wrong.
    pub message: String,
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.location.is_empty() {
            write!(f, "{}: {}", self.file, self.message)
        } else {
            write!(f, "{}: {}: {}", self.file, self.location, self.message)
        }
    }
}

/// Every problem of a run, reported together.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Diagnostics(Vec<Diagnostic>);

impl Diagnostics {
    /// Records a problem.
    pub fn push(&mut self, file: &str, location: impl Into<String>, message: impl Into<String>) {
        self.0.push(Diagnostic { file: file.to_owned(), location: location.into(), message: message.into() });
    }

    /// Records a problem at a located model element.
    pub fn at(&mut self, at: &crate::model::Location, message: impl Into<String>) {
        self.push(&at.file, at.pointer.clone(), message);
    }

    /// Whether nothing was recorded.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// The problems, sorted by file and location, duplicates removed.
    pub fn into_sorted(mut self) -> Vec<Diagnostic> {
        self.0.sort();
        self.0.dedup();
        self.0
    }

    /// `Ok(value)` when nothing was recorded, else the problems.
    pub fn into_result<T>(self, value: T) -> Result<T, ModelErrors> {
        if self.is_empty() { Ok(value) } else { Err(ModelErrors(self.into_sorted())) }
    }

    /// Adds every problem of `other`.
    pub fn extend(&mut self, other: ModelErrors) {
        self.0.extend(other.0);
    }
}

/// The error of a generator run: every problem found, one per line.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ModelErrors(pub Vec<Diagnostic>);

impl fmt::Display for ModelErrors {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let count = self.0.len();
        writeln!(f, "{count} model error{}:", if count == 1 { "" } else { "s" })?;
        for diagnostic in &self.0 {
            writeln!(f, "  {diagnostic}")?;
        }
        Ok(())
    }
}

impl std::error::Error for ModelErrors {}

/// Escapes one JSON pointer reference token (RFC 6901).
pub fn pointer_token(token: &str) -> String {
    token.replace('~', "~0").replace('/', "~1")
}
