//! `@pattern` regexes, compiled once on first use.

use std::sync::OnceLock;

/// A model `@pattern`, compiled the first time it is used and cached for the life of the process.
///
/// Patterns are ECMA-262 regexes matched anywhere in the value (not anchored), as Smithy says.
/// The generator compiles every pattern when it generates code, so a pattern that reaches
/// this type is known to compile.
pub struct Pattern {
    source: &'static str,
    compiled: OnceLock<Option<regex::Regex>>,
}

impl Pattern {
    /// A pattern from the model source text.
    pub const fn new(source: &'static str) -> Self {
        Self { source, compiled: OnceLock::new() }
    }

    /// The pattern as written in the model.
    pub fn source(&self) -> &'static str {
        self.source
    }

    /// Whether `value` matches; a pattern that does not compile matches nothing.
    pub fn is_match(&self, value: &str) -> bool {
        self.compiled.get_or_init(|| regex::Regex::new(self.source).ok()).as_ref().is_some_and(|re| re.is_match(value))
    }
}

impl std::fmt::Debug for Pattern {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_tuple("Pattern").field(&self.source).finish()
    }
}
