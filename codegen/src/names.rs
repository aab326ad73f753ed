//! Rust names for model names, made once during lowering.
//!
//! heck does the case conversion; before it, plural acronyms (`ARNs`, `IDs`) are folded so
//! that `ChannelARNs` becomes `channel_arns`, not `channel_ar_ns`. Rust keywords become raw
//! identifiers (`Type` -> `r#type`), except the few that cannot be raw, which get a suffix.

use heck::{ToSnakeCase, ToUpperCamelCase};

/// Keywords that are valid as raw identifiers.
const RAW_KEYWORDS: &[&str] = &[
    "as", "async", "await", "break", "const", "continue", "do", "dyn", "else", "enum", "extern", "false", "fn", "for",
    "gen", "if", "impl", "in", "let", "loop", "match", "mod", "move", "mut", "pub", "ref", "return", "static",
    "struct", "trait", "true", "type", "unsafe", "use", "where", "while", "abstract", "become", "box", "final",
    "macro", "override", "priv", "try", "typeof", "unsized", "virtual", "yield",
];

/// Keywords that cannot be raw identifiers.
const UNRAWABLE: &[&str] = &["self", "Self", "super", "crate", "_"];

/// Type names that would shadow what generated code uses unqualified.
const RESERVED_TYPES: &[&str] = &["Option", "Result", "String", "Vec", "Box", "Some", "None", "Ok", "Err", "Self"];

/// `snake_case` for a member or operation name (without keyword escaping).
pub fn snake(name: &str) -> String {
    fold_plural_acronyms(name).to_snake_case()
}

/// `UpperCamelCase` for a shape or enum member name.
pub fn camel(name: &str) -> String {
    let camel = fold_plural_acronyms(name).to_upper_camel_case();
    if RESERVED_TYPES.contains(&camel.as_str()) { format!("{camel}Value") } else { camel }
}

/// The Rust spelling of a field or function name: `type` -> `r#type`, `self` -> `self_`.
pub fn field(name: &str) -> String {
    let snake = snake(name);
    escape(&snake)
}

/// Escapes a snake-case identifier that is a keyword.
pub fn escape(snake: &str) -> String {
    if UNRAWABLE.contains(&snake) {
        format!("{snake}_")
    } else if RAW_KEYWORDS.contains(&snake) {
        format!("r#{snake}")
    } else if snake.starts_with(|c: char| c.is_ascii_digit()) {
        format!("_{snake}")
    } else {
        snake.to_owned()
    }
}

/// A module name: `snake_case`, with a `_` suffix for keywords (`r#` paths do not work in doc links).
pub fn module(name: &str) -> String {
    let snake = snake(name);
    if escape(&snake) == snake { snake } else { format!("{}_", snake.trim_start_matches('_')) }
}

/// The identifier without `r#`, for building derived names (`set_type`).
pub fn unraw(ident: &str) -> &str {
    ident.strip_prefix("r#").unwrap_or(ident)
}

/// `ARNs` -> `Arns`, `IDs` -> `Ids`: an upper-case run followed by a plural `s`.
fn fold_plural_acronyms(name: &str) -> String {
    let chars: Vec<char> = name.chars().collect();
    let mut out = String::with_capacity(name.len());
    let mut i = 0;
    while i < chars.len() {
        let start = i;
        while i < chars.len() && chars[i].is_ascii_uppercase() {
            i += 1;
        }
        let run = i - start;
        let plural = run >= 2 && chars.get(i) == Some(&'s') && chars.get(i + 1).is_none_or(|c| !c.is_ascii_lowercase());
        if plural {
            out.push(chars[start]);
            out.extend(chars[start + 1..i].iter().map(char::to_ascii_lowercase));
            out.push('s');
            i += 1;
        } else if run > 0 {
            out.extend(&chars[start..i]);
        } else {
            out.push(chars[i]);
            i += 1;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn aws_names() {
        assert_eq!(field("ChannelArn"), "channel_arn");
        assert_eq!(field("ChannelARNs"), "channel_arns");
        assert_eq!(field("MemberIDs"), "member_ids");
        assert_eq!(field("Type"), "r#type");
        assert_eq!(field("Self"), "self_");
        assert_eq!(field("ChimeBearer"), "chime_bearer");
        assert_eq!(camel("NON_PERSISTENT"), "NonPersistent");
        assert_eq!(camel("STANDARD"), "Standard");
        assert_eq!(camel("Option"), "OptionValue");
        assert_eq!(snake("SendChannelMessage"), "send_channel_message");
        assert_eq!(snake("SMSConfig"), "sms_config");
    }
}
