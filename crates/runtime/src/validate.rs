//! Validation of inputs against the constraints of their model.
//!
//! Generated code implements [`Validate`] for every input and nested structure; the checks
//! themselves live in [`check`], so each generated validator is a short list of calls. A check
//! returns the broken [`Rule`] or `None`; [`Violations::check`] records it with its member path.
//! Paths are rendered only when a rule is broken, so validating a valid value allocates nothing.

use std::fmt;

pub mod check;
mod path;

pub use path::Path;

/// A value that can be checked against the constraints of its model.
pub trait Validate {
    /// The Rust type name, used in [`ValidationErrors`]' text.
    const SHAPE: &'static str;

    /// Checks every constraint and returns all violations at once.
    fn validate(&self) -> Result<(), ValidationErrors> {
        let mut out = Violations::default();
        self.validate_at(&Path::ROOT, &mut out);
        out.into_result(Self::SHAPE)
    }

    /// Adds the violations of `self`, found at `path`, to `out`.
    fn validate_at(&self, path: &Path<'_>, out: &mut Violations);
}

/// A boxed value (a recursive shape) validates as the value it holds.
impl<T: Validate> Validate for Box<T> {
    const SHAPE: &'static str = T::SHAPE;

    fn validate_at(&self, path: &Path<'_>, out: &mut Violations) {
        T::validate_at(self, path, out)
    }
}

/// Violations collected during one validation run.
#[derive(Debug, Default)]
pub struct Violations(Vec<Violation>);

impl Violations {
    /// Records `rule`, if a check returned one, as broken at `path`.
    pub fn check(&mut self, path: &Path<'_>, rule: Option<Rule>) {
        if let Some(rule) = rule {
            self.0.push(Violation { path: path.render(), rule, condition: None });
        }
    }

    /// Like [`check`](Self::check), for a rule that applies only under `condition`
    /// (for example `ContentType is text/plain or text/markdown`).
    pub fn check_when(&mut self, path: &Path<'_>, condition: &'static str, rule: Option<Rule>) {
        if let Some(rule) = rule {
            self.0.push(Violation { path: path.render(), rule, condition: Some(condition) });
        }
    }

    /// `Ok(())` when nothing was recorded, else every violation.
    pub fn into_result(self, shape: &'static str) -> Result<(), ValidationErrors> {
        if self.0.is_empty() { Ok(()) } else { Err(ValidationErrors { shape, violations: self.0 }) }
    }
}

/// Every constraint an input breaks, found in one pass.
///
/// The text names each member by its path in the model (`PushNotification.Title`,
/// `Target[0].MemberArn`), the rule and its limit; it never repeats the value of a
/// `@sensitive` member, nor a sensitive map key.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ValidationErrors {
    shape: &'static str,
    violations: Vec<Violation>,
}

impl ValidationErrors {
    /// The Rust type that failed validation.
    pub fn shape(&self) -> &'static str {
        self.shape
    }

    /// The violations, in model order.
    pub fn violations(&self) -> &[Violation] {
        &self.violations
    }

    /// Whether a violation was found at `path` (as rendered, e.g. `Target[0].MemberArn`).
    pub fn has_violation_at(&self, path: &str) -> bool {
        self.violations.iter().any(|v| v.path == path)
    }
}

impl fmt::Display for ValidationErrors {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "invalid {}: ", self.shape)?;
        for (i, violation) in self.violations.iter().enumerate() {
            if i > 0 {
                f.write_str("; ")?;
            }
            write!(f, "{violation}")?;
        }
        Ok(())
    }
}

impl std::error::Error for ValidationErrors {}

/// One broken constraint.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Violation {
    path: String,
    rule: Rule,
    condition: Option<&'static str>,
}

impl Violation {
    /// The member path, with model member names: `PushNotification.Title`, `Target[0].MemberArn`.
    pub fn path(&self) -> &str {
        &self.path
    }

    /// The rule that was broken.
    pub fn rule(&self) -> &Rule {
        &self.rule
    }

    /// The condition under which the rule applies, for rules that depend on another member.
    pub fn condition(&self) -> Option<&'static str> {
        self.condition
    }
}

impl fmt::Display for Violation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let path = if self.path.is_empty() { "(value)" } else { &self.path };
        write!(f, "{path}: ")?;
        self.rule.fmt_requirement(f)?;
        if let Some(condition) = self.condition {
            write!(f, " when {condition}")?;
        }
        self.rule.fmt_actual(f)
    }
}

/// What a length counts.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum LengthUnit {
    /// Unicode scalar values of a string (`@length`).
    Characters,
    /// Bytes of the UTF-8 encoding of a string, or of a blob.
    Bytes,
    /// Elements of a list.
    Items,
    /// Entries of a map.
    Entries,
}

impl LengthUnit {
    fn name(self) -> &'static str {
        match self {
            Self::Characters => "characters",
            Self::Bytes => "bytes",
            Self::Items => "items",
            Self::Entries => "entries",
        }
    }
}

/// A constraint of the model, as broken by a value.
///
/// Values are carried only for members that are not `@sensitive`.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum Rule {
    /// The member must be set.
    Required,
    /// The member must not be set.
    Forbidden,
    /// A length limit (`@length`, or a limit in UTF-8 bytes).
    Length {
        /// What is counted.
        unit: LengthUnit,
        /// The smallest allowed length.
        min: Option<u64>,
        /// The largest allowed length.
        max: Option<u64>,
        /// The length the value has.
        actual: u64,
    },
    /// A numeric limit (`@range`).
    Range {
        /// The smallest allowed value.
        min: Option<String>,
        /// The largest allowed value.
        max: Option<String>,
        /// The value, unless the member is sensitive.
        actual: Option<String>,
    },
    /// A regex the value must match (`@pattern`).
    Pattern {
        /// The pattern as written in the model.
        pattern: &'static str,
    },
    /// The value must be one of a fixed set (enum values or allowed values).
    OneOf {
        /// The allowed values.
        allowed: &'static [&'static str],
        /// The value, unless the member is sensitive.
        actual: Option<String>,
    },
    /// No two items of the list may be equal (`@uniqueItems`).
    UniqueItems,
    /// The value must be a JSON object with these string members.
    JsonObject {
        /// Members that must be present with a string value.
        string_members: &'static [&'static str],
    },
}

impl Rule {
    fn fmt_requirement(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Required => f.write_str("is required"),
            Self::Forbidden => f.write_str("must not be set"),
            Self::Length { unit, min, max, .. } => {
                f.write_str("length must be ")?;
                fmt_bounds(f, min.as_ref(), max.as_ref())?;
                write!(f, " {}", unit.name())
            }
            Self::Range { min, max, .. } => {
                f.write_str("must be ")?;
                fmt_bounds(f, min.as_ref(), max.as_ref())
            }
            Self::Pattern { pattern } => write!(f, "must match the pattern `{pattern}`"),
            Self::UniqueItems => f.write_str("must not hold the same item twice"),
            Self::OneOf { allowed, .. } => write!(f, "must be one of {}", allowed.join(", ")),
            Self::JsonObject { string_members } => {
                f.write_str("must be a JSON object with string member")?;
                if string_members.len() > 1 {
                    f.write_str("s")?;
                }
                for (i, name) in string_members.iter().enumerate() {
                    f.write_str(if i == 0 { " `" } else { ", `" })?;
                    f.write_str(name)?;
                    f.write_str("`")?;
                }
                Ok(())
            }
        }
    }

    fn fmt_actual(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Length { actual, .. } => write!(f, ", got {actual}"),
            Self::Range { actual: Some(actual), .. } => write!(f, ", got {actual}"),
            Self::OneOf { actual: Some(actual), .. } => write!(f, ", got {actual:?}"),
            _ => Ok(()),
        }
    }
}

fn fmt_bounds<T: fmt::Display>(f: &mut fmt::Formatter<'_>, min: Option<&T>, max: Option<&T>) -> fmt::Result {
    match (min, max) {
        (Some(min), Some(max)) => write!(f, "between {min} and {max}"),
        (Some(min), None) => write!(f, "at least {min}"),
        (None, Some(max)) => write!(f, "at most {max}"),
        (None, None) => f.write_str("anything"),
    }
}
