//! Rustdoc attributes: model docs, constraints and HTTP facts, written once per item.

use crate::ir::{Binding, Conditional, Constraint, Field, Presence, Type};
use proc_macro2::TokenStream;
use quote::quote;

/// `#[doc = "..."]` lines for Markdown text (nothing for empty text).
pub fn doc(markdown: &str) -> TokenStream {
    let lines = markdown.lines().map(|line| if line.is_empty() { String::new() } else { format!(" {line}") });
    quote!(#( #[doc = #lines] )*)
}

/// The `#[deprecated]` attribute, if any.
pub fn deprecated(message: Option<&str>) -> TokenStream {
    match message {
        Some(note) => quote!(#[deprecated(note = #note)]),
        None => quote!(),
    }
}

/// The full documentation of a field: model docs, then what a caller must know.
pub fn field_docs(field: &Field, in_input: bool) -> String {
    let mut out = field.docs.clone();
    let mut facts = Vec::new();
    if in_input {
        if field.idempotency_token {
            facts.push("Idempotency token: the client fills it with a fresh UUID when you leave it unset, and sends the same value on every retry.".to_owned());
        } else if field.presence == Presence::Required {
            facts.push("Required.".to_owned());
        }
    }
    match &field.binding {
        Binding::Header(name) => facts.push(format!("Sent in the `{name}` HTTP header.")),
        Binding::PrefixHeaders(prefix) => facts.push(format!("Sent as HTTP headers prefixed `{prefix}`.")),
        Binding::Label { .. } => facts.push("Sent in the request URI.".to_owned()),
        Binding::Query(name) => facts.push(format!("Sent as the `{name}` query parameter.")),
        Binding::QueryParams => facts.push("Sent as query parameters.".to_owned()),
        Binding::Payload => facts.push("Sent as the HTTP body.".to_owned()),
        Binding::ResponseCode => facts.push("The HTTP status code.".to_owned()),
        Binding::Body => {}
    }
    if field.sensitive {
        facts.push("Sensitive: `Debug` prints it as `*** redacted ***` and no error repeats it.".to_owned());
    }
    if !facts.is_empty() {
        push_paragraph(&mut out, &facts.join(" "));
    }
    let rules = constraint_lines(field);
    if !rules.is_empty() {
        push_paragraph(&mut out, &format!("**Constraints** (checked by `validate()`):\n{}", rules.join("\n")));
    }
    out
}

fn push_paragraph(out: &mut String, text: &str) {
    if !out.is_empty() {
        out.push_str("\n\n");
    }
    out.push_str(text);
}

fn constraint_lines(field: &Field) -> Vec<String> {
    let mut lines: Vec<String> = field.constraints.iter().map(|c| format!("- {}", describe(c, &field.ty))).collect();
    lines.extend(element_lines(&field.ty, "each item"));
    lines.extend(field.conditions.iter().flat_map(|c| conditional_lines(c, &field.ty)));
    if field
        .conditions
        .iter()
        .any(|c| c.constraints.iter().any(|k| matches!(k, Constraint::Length { .. } | Constraint::Utf8Length { .. })))
    {
        lines.push("- where a `when` limit applies, it replaces the general limit of the same kind".to_owned());
    }
    lines
}

fn element_lines(ty: &Type, what: &str) -> Vec<String> {
    match ty {
        Type::List(e) => e.constraints.iter().map(|c| format!("- {what}: {}", describe(c, &e.ty))).collect(),
        Type::Map(k, v) => k
            .constraints
            .iter()
            .map(|c| format!("- each key: {}", describe(c, &k.ty)))
            .chain(v.constraints.iter().map(|c| format!("- each value: {}", describe(c, &v.ty))))
            .collect(),
        _ => Vec::new(),
    }
}

fn conditional_lines(rule: &Conditional, ty: &Type) -> Vec<String> {
    let values: Vec<String> = rule.values.iter().map(|v| format!("`{v}`")).collect();
    let when = format!("when `{}` is {}", rule.member, values.join(" or "));
    let mut parts = Vec::new();
    if rule.required {
        parts.push("required".to_owned());
    }
    if rule.forbidden {
        parts.push("must not be set".to_owned());
    }
    parts.extend(rule.constraints.iter().map(|c| describe(c, ty)));
    let mut line = format!("- {when}: {}", parts.join("; "));
    if let Some(docs) = &rule.docs {
        line.push_str(&format!("\n\n  {}", docs.replace('\n', "\n  ")));
        line.push('\n');
    }
    vec![line]
}

/// One constraint in words.
pub fn describe(constraint: &Constraint, ty: &Type) -> String {
    let unit = match ty {
        Type::List(_) => "items",
        Type::Map(..) => "entries",
        Type::Blob => "bytes",
        _ => "characters",
    };
    match constraint {
        Constraint::Length { min, max } => {
            let unit =
                if *max == Some(1) || (max.is_none() && *min == Some(1)) { unit.trim_end_matches('s') } else { unit };
            format!("length {} {unit}", bounds(min, max))
        }
        Constraint::Utf8Length { min, max } => format!("size {} bytes of UTF-8", bounds(min, max)),
        Constraint::Range { min, max } => format!("value {}", bounds(min, max)),
        Constraint::Pattern { model, .. } => format!("matches `{}`", model.replace('`', "\\`")),
        Constraint::AllowedValues(values) => {
            let listed: Vec<String> = values
                .iter()
                .map(|v| match &v.deprecated {
                    Some(note) => format!("`{}` (deprecated: {note})", v.value),
                    None => format!("`{}`", v.value),
                })
                .collect();
            format!("one of {}", listed.join(", "))
        }
        Constraint::UniqueItems => "no two items are equal".to_owned(),
        Constraint::JsonObject { string_members } => {
            let names: Vec<String> = string_members.iter().map(|m| format!("`{m}`")).collect();
            format!("a JSON object with string member {}", names.join(", "))
        }
    }
}

fn bounds<T: std::fmt::Display>(min: &Option<T>, max: &Option<T>) -> String {
    match (min, max) {
        (Some(min), Some(max)) => format!("{min} to {max}"),
        (Some(min), None) => format!("at least {min}"),
        (None, Some(max)) => format!("at most {max}"),
        (None, None) => "unbounded".to_owned(),
    }
}

/// `#![doc = "..."]` lines: documentation of the enclosing module or crate.
pub fn inner_doc(markdown: &str) -> TokenStream {
    let lines = markdown.lines().map(|line| if line.is_empty() { String::new() } else { format!(" {line}") });
    quote!(#( #![doc = #lines] )*)
}
