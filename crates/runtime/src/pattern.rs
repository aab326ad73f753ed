//! `@pattern` regexes, compiled once on first use.

use std::sync::OnceLock;

/// A model `@pattern`, compiled the first time it is used and cached for the life of the process.
///
/// Patterns are ECMA-262 regexes matched anywhere in the value (not anchored), as Smithy says.
/// The generator rewrites the few constructs whose meaning differs in the `regex` crate (see
/// [`Pattern::translated`]) and compiles every pattern when it generates code, so a pattern
/// that reaches this type is known to compile.
pub struct Pattern {
    model: &'static str,
    engine: &'static str,
    compiled: OnceLock<Option<regex::Regex>>,
}

impl Pattern {
    /// A pattern whose model text means the same to the `regex` crate.
    pub const fn new(model: &'static str) -> Self {
        Self::translated(model, model)
    }

    /// A pattern as written in the model, and its `regex` crate spelling, which means what
    /// ECMA-262 says without drawing on Unicode tables (the runtime's `regex` has none): `.`
    /// also excludes `\r`, U+2028 and U+2029, `\d`, `\w` and `\b` are ASCII, `\s` is ECMA's
    /// white space, and `\p{..}` general categories are written out as ranges.
    pub const fn translated(model: &'static str, engine: &'static str) -> Self {
        Self { model, engine, compiled: OnceLock::new() }
    }

    /// The pattern as written in the model.
    pub fn source(&self) -> &'static str {
        self.model
    }

    /// Whether `value` matches; a pattern that does not compile matches nothing.
    pub fn is_match(&self, value: &str) -> bool {
        self.compiled.get_or_init(|| regex::Regex::new(self.engine).ok()).as_ref().is_some_and(|re| re.is_match(value))
    }
}

impl std::fmt::Debug for Pattern {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_tuple("Pattern").field(&self.model).finish()
    }
}
