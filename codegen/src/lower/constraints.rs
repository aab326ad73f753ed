//! Constraint traits, Smithy's and our own (`chatsmith.constraints#*`), read into the IR.
//!
//! Our traits are a small closed vocabulary defined in `models/chatsmith/constraints.json`;
//! their JSON forms are parsed strictly (unknown keys are errors), so a typo cannot pass.

use crate::diag::Diagnostics;
use crate::ir::{AllowedValue, Constraint, NamedPattern};
use crate::model::{Location, Member, Model, Shape, Traits, namespace};
use serde::Deserialize;
use serde_json::Value;

/// Namespace of our own traits.
pub const OURS: &str = "chatsmith.constraints";
pub const ALLOWED_VALUES: &str = "chatsmith.constraints#allowedValues";
pub const UTF8_LENGTH: &str = "chatsmith.constraints#utf8Length";
pub const JSON_OBJECT: &str = "chatsmith.constraints#jsonObject";
pub const WHEN: &str = "chatsmith.constraints#when";
const IMPLEMENTED: &[&str] = &[ALLOWED_VALUES, UTF8_LENGTH, JSON_OBJECT, WHEN];

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Bounds {
    min: Option<u64>,
    max: Option<u64>,
}

impl Bounds {
    /// Whether min <= max; reports the model error otherwise.
    fn ordered(&self, at: &Location, diags: &mut Diagnostics) -> bool {
        match (self.min, self.max) {
            (Some(min), Some(max)) if min > max => {
                diags.at(at, format!("min {min} is above max {max}: no value could pass"));
                false
            }
            _ => true,
        }
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Allowed {
    value: String,
    deprecated: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
struct JsonObject {
    string_members: Vec<String>,
}

/// One entry of our `when` trait, as written.
#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct WhenRule {
    pub member: String,
    pub values: Vec<String>,
    #[serde(default)]
    pub required: bool,
    #[serde(default)]
    pub forbidden: bool,
    length: Option<Bounds>,
    utf8_length: Option<Bounds>,
    json_object: Option<JsonObject>,
    pub documentation: Option<String>,
}

impl WhenRule {
    /// The value constraints of the rule.
    pub fn constraints(&self) -> Vec<Constraint> {
        let mut out = Vec::new();
        if let Some(b) = &self.length {
            out.push(Constraint::Length { min: b.min, max: b.max });
        }
        if let Some(b) = &self.utf8_length {
            out.push(Constraint::Utf8Length { min: b.min, max: b.max });
        }
        if let Some(j) = &self.json_object {
            out.push(Constraint::JsonObject { string_members: j.string_members.clone() });
        }
        out
    }

    fn is_empty(&self) -> bool {
        !self.required
            && !self.forbidden
            && self.length.is_none()
            && self.utf8_length.is_none()
            && self.json_object.is_none()
    }
}

/// Reads a trait value of a known form, reporting a located error when it does not fit.
fn parse<T: for<'de> Deserialize<'de>>(
    value: &Value,
    at: &Location,
    trait_id: &str,
    diags: &mut Diagnostics,
) -> Option<T> {
    match T::deserialize(value) {
        Ok(parsed) => Some(parsed),
        Err(err) => {
            diags.at(at, format!("invalid value for trait {trait_id}: {err}"));
            None
        }
    }
}

/// Constraints on a value: the target shape's, overridden by the member's, plus our own traits
/// on the member. `member` is `None` for a value that is not reached through a member.
pub fn value_constraints(
    model: &Model,
    member: Option<&Member>,
    target: &Shape,
    patterns: &mut Vec<NamedPattern>,
    diags: &mut Diagnostics,
) -> Vec<Constraint> {
    let lookup = |id: &str| -> Option<(&Value, Location)> {
        if let Some(member) = member
            && let Some(value) = member.traits.get(id)
        {
            return Some((value, member.at.child("traits").child(id)));
        }
        target.traits.get(id).map(|value| (value, target.at.child("traits").child(id)))
    };
    // The member or the shape a trait is written on, to name what it makes.
    let carrier = |id: &str| match member {
        Some(member) if member.traits.contains_key(id) => member.name.clone(),
        _ => target.name().to_owned(),
    };
    let mut out = Vec::new();
    if let Some((value, at)) = lookup("smithy.api#length")
        && let Some(b) = parse::<Bounds>(value, &at, "smithy.api#length", diags)
        && b.ordered(&at, diags)
    {
        out.push(Constraint::Length { min: b.min, max: b.max });
    }
    if let Some((value, at)) = lookup("smithy.api#range") {
        let bound = |key: &str, diags: &mut Diagnostics| match value.get(key) {
            None => None,
            Some(Value::Number(n)) => Some(n.to_string()),
            Some(_) => {
                diags.at(&at, format!("@range `{key}` must be a number"));
                None
            }
        };
        let (min, max) = (bound("min", diags), bound("max", diags));
        let as_f64 = |b: &Option<String>| b.as_deref().and_then(|t| t.parse::<f64>().ok());
        if let (Some(lo), Some(hi)) = (as_f64(&min), as_f64(&max))
            && lo > hi
        {
            diags.at(&at, format!("@range min {lo} is above max {hi}: no value could pass"));
        } else {
            out.push(Constraint::Range { min, max });
        }
    }
    if let Some((value, at)) = lookup("smithy.api#pattern") {
        match value.as_str() {
            // A pattern every string matches (`^[\s\S]*$` is common in AWS models) checks nothing
            // and costs a scan of the whole value: it is left out.
            Some(pattern) if matches_everything(pattern) => {}
            Some(pattern) => match share_pattern(patterns, pattern, carrier("smithy.api#pattern")) {
                Ok(name) => out.push(Constraint::Pattern { model: pattern.to_owned(), name }),
                Err(err) => diags
                    .at(&at, format!("@pattern {pattern:?} is not supported by the runtime's pattern matcher: {err}")),
            },
            None => diags.at(&at, "@pattern must be a string"),
        }
    }
    if lookup("smithy.api#uniqueItems").is_some() {
        out.push(Constraint::UniqueItems);
    }
    if let Some(member) = member {
        out.extend(member_traits(model, member, diags));
    }
    out
}

fn member_traits(model: &Model, member: &Member, diags: &mut Diagnostics) -> Vec<Constraint> {
    let mut out = Vec::new();
    for (id, value) in &member.traits {
        let at = member.at.child("traits").child(id);
        if !known_trait(model, id, &at, diags) {
            continue;
        }
        match id.as_str() {
            ALLOWED_VALUES => {
                if let Some(values) = parse::<Vec<Allowed>>(value, &at, id, diags) {
                    if values.is_empty() {
                        diags.at(&at, "allowedValues needs at least one value");
                    }
                    out.push(Constraint::AllowedValues(
                        values.into_iter().map(|a| AllowedValue { value: a.value, deprecated: a.deprecated }).collect(),
                    ));
                }
            }
            UTF8_LENGTH => {
                if let Some(b) = parse::<Bounds>(value, &at, id, diags).filter(|b| b.ordered(&at, diags)) {
                    out.push(Constraint::Utf8Length { min: b.min, max: b.max });
                }
            }
            JSON_OBJECT => {
                if let Some(j) = parse::<JsonObject>(value, &at, id, diags) {
                    out.push(Constraint::JsonObject { string_members: j.string_members });
                }
            }
            _ => {}
        }
    }
    out
}

/// The `when` rules on a member, each with its location.
pub fn when_rules(model: &Model, member: &Member, diags: &mut Diagnostics) -> Vec<(WhenRule, Location)> {
    let Some(value) = member.traits.get(WHEN) else { return Vec::new() };
    let at = member.at.child("traits").child(WHEN);
    if !known_trait(model, WHEN, &at, diags) {
        return Vec::new();
    }
    let Some(rules) = parse::<Vec<WhenRule>>(value, &at, WHEN, diags) else { return Vec::new() };
    rules
        .into_iter()
        .enumerate()
        .filter_map(|(i, rule)| {
            let at = at.child(&i.to_string());
            if rule.is_empty() {
                diags
                    .at(&at, "a `when` rule needs at least one of required, forbidden, length, utf8Length, jsonObject");
                return None;
            }
            if rule.values.is_empty() {
                diags.at(&at, "a `when` rule needs at least one value");
                return None;
            }
            Some((rule, at))
        })
        .collect()
}

/// Whether a trait of our namespace is defined in the model and implemented here.
fn known_trait(model: &Model, id: &str, at: &Location, diags: &mut Diagnostics) -> bool {
    if !namespace(id).starts_with("chatsmith") {
        return false;
    }
    let defined = model.get(id).is_some_and(|s| s.has("smithy.api#trait"));
    if !defined {
        let known: Vec<&str> = model
            .shapes
            .values()
            .filter(|s| namespace(&s.id) == OURS && s.has("smithy.api#trait"))
            .map(|s| s.id.as_str())
            .collect();
        let hint = match crate::check::closest(id, known.iter().copied()) {
            Some(close) => format!(" (did you mean {close}?)"),
            None if known.is_empty() => {
                " (its definitions are in models/chatsmith/constraints.json; is that file loaded?)".to_owned()
            }
            None => format!(" (defined: {})", known.join(", ")),
        };
        diags.at(at, format!("unknown trait {id}{hint}"));
        return false;
    }
    if !IMPLEMENTED.contains(&id) {
        diags.at(
            at,
            format!(
                "trait {id} is defined but this generator does not implement it (known: {})",
                IMPLEMENTED.join(", ")
            ),
        );
        return false;
    }
    true
}

/// Reports our traits used on shapes rather than members (they are member traits).
pub fn check_shape_traits(shape: &Shape, diags: &mut Diagnostics) {
    for id in shape.traits.keys().filter(|id| namespace(id) == OURS) {
        diags.at(
            &shape.at.child("traits").child(id),
            format!("trait {id} applies to members, not shapes (target shapes are shared)"),
        );
    }
}

/// The `smithy.api#deprecated` message of a trait map.
pub fn deprecation(traits: &Traits) -> Option<String> {
    let value = traits.get("smithy.api#deprecated")?;
    let message = value.get("message").and_then(Value::as_str);
    let since = value.get("since").and_then(Value::as_str);
    Some(match (message, since) {
        (Some(m), Some(s)) => format!("{m} (since {s})"),
        (Some(m), None) => m.to_owned(),
        (None, Some(s)) => format!("deprecated since {s}"),
        (None, None) => "deprecated".to_owned(),
    })
}

/// The name of `model`'s `static`, lowered and added to `patterns` on first use only (models
/// repeat a few patterns on many members: every ARN), or why the matcher cannot take it. The
/// name is that of the shape or member that carries it (`CHIME_ARN`), numbered when another
/// pattern took it first.
fn share_pattern(patterns: &mut Vec<NamedPattern>, model: &str, source: String) -> Result<String, String> {
    use heck::ToShoutySnakeCase;
    if let Some(known) = patterns.iter().find(|p| p.model == model) {
        return Ok(known.name.clone());
    }
    let root = crate::pattern::lower(model)?.root;
    let base = source.to_shouty_snake_case();
    let base = if base.is_empty() || base.starts_with(|c: char| c.is_ascii_digit()) {
        format!("PATTERN_{base}")
    } else {
        base
    };
    let taken = |name: &str| patterns.iter().any(|p| p.name == name);
    let name =
        std::iter::once(base.clone()).chain((2..).map(|n| format!("{base}_{n}"))).find(|n| !taken(n)).unwrap_or(base);
    patterns.push(NamedPattern { name: name.clone(), model: model.to_owned(), root, source });
    Ok(name)
}

/// Whether every string matches `pattern`: the any-character class anchored at both ends, or an
/// unanchored pattern that matches the empty string (it then matches at the start of any value).
fn matches_everything(pattern: &str) -> bool {
    if matches!(pattern, r"^[\s\S]*$" | r"^[\S\s]*$" | r"[\s\S]*" | r"[\S\s]*") {
        return true;
    }
    let unanchored = !pattern.contains(['^', '$', '\\']);
    unanchored
        && crate::ecma::translate(pattern)
            .ok()
            .and_then(|engine| regex::Regex::new(&engine).ok())
            .is_some_and(|re| re.is_match(""))
}

#[cfg(test)]
mod tests {
    use super::{matches_everything, share_pattern};

    #[test]
    fn patterns_are_shared_by_text_and_named_after_their_carrier() {
        let mut patterns = Vec::new();
        let mut share = |model: &str, source: &str| share_pattern(&mut patterns, model, source.into()).expect("lowers");
        assert_eq!(share("^a$", "ChimeArn"), "CHIME_ARN");
        assert_eq!(share("^a$", "ChannelArn"), "CHIME_ARN");
        assert_eq!(share("^b$", "ChimeArn"), "CHIME_ARN_2");
        assert_eq!(share("^c$", "3d"), "PATTERN_3D");
        let names: Vec<&str> = patterns.iter().map(|p| p.name.as_str()).collect();
        assert_eq!(names, ["CHIME_ARN", "CHIME_ARN_2", "PATTERN_3D"]);
    }

    #[test]
    fn patterns_that_check_nothing() {
        for pattern in [r"^[\s\S]*$", ".*", "[a-z]*", "x?"] {
            assert!(matches_everything(pattern), "{pattern}");
        }
        for pattern in ["^.*$", "^[a-z]*$", "[a-z]+", r"\d*x", "^arn:"] {
            assert!(!matches_everything(pattern), "{pattern}");
        }
    }
}
