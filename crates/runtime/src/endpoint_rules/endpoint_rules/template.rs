//! Template strings (`https://{Region}.{PartitionResult#dnsSuffix}`) and `getAttr` paths.
//!
//! Every string literal of the rules language is a template: `{Name}` is the value of a
//! parameter or an assigned name, `{Name#path}` a `getAttr` of it, and `{{` / `}}` stand for
//! literal braces.

use super::syntax::{Expr, PathPart, Template, TemplatePart};

/// Splits `text` into literal and dynamic parts. The error says what is unbalanced or invalid.
pub(crate) fn parse_template(text: &str) -> Result<Template, String> {
    let bytes = text.as_bytes();
    let mut parts = Vec::new();
    let mut depth = 0usize;
    let mut start = 0usize; // first byte of the current dynamic part
    let mut text_start = 0usize; // first byte not yet emitted
    let mut i = 0usize;
    while i < bytes.len() {
        let rest = &bytes[i..];
        if rest.starts_with(b"{{") || rest.starts_with(b"}}") {
            i += 2;
            continue;
        }
        match bytes[i] {
            b'{' => {
                if depth == 0 {
                    if text_start < i {
                        parts.push(TemplatePart::Text(unescape(&text[text_start..i])));
                    }
                    start = i + 1;
                }
                depth += 1;
            }
            b'}' => {
                if depth == 0 {
                    return Err(format!("unmatched `}}` in template `{text}`"));
                }
                depth -= 1;
                if depth == 0 {
                    let raw = &text[start..i];
                    let expr = parse_short_form(raw).map_err(|why| format!("in template `{text}`: {why}"))?;
                    parts.push(TemplatePart::Dynamic { raw: raw.to_owned(), expr });
                }
                text_start = i + 1;
            }
            _ => {}
        }
        i += 1;
    }
    if depth != 0 {
        return Err(format!("unmatched `{{` in template `{text}`"));
    }
    if text_start < text.len() {
        parts.push(TemplatePart::Text(unescape(&text[text_start..])));
    }
    Ok(Template { parts })
}

fn unescape(text: &str) -> String {
    text.replace("{{", "{").replace("}}", "}")
}

/// `Name` (a reference) or `Name#path` (`getAttr` of a reference).
fn parse_short_form(raw: &str) -> Result<Expr, String> {
    let (name, path) = match raw.split_once('#') {
        Some((name, path)) => (name, Some(path)),
        None => (raw, None),
    };
    if !is_identifier(name) {
        return Err(format!("`{{{raw}}}` does not name a parameter or assigned value"));
    }
    let reference = Expr::Ref(name.to_owned());
    Ok(match path {
        None => reference,
        Some(path) => Expr::GetAttr(Box::new(reference), parse_path(path)?),
    })
}

/// Whether `name` can be a parameter or assigned name (`Region`, `PartitionResult`, `bucket_arn`).
pub(crate) fn is_identifier(name: &str) -> bool {
    name.chars().next().is_some_and(|c| c.is_ascii_alphabetic() || c == '_')
        && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
}

/// A `getAttr` path: keys separated by `.`, each optionally followed by an index (`a.b[0]`,
/// `resourceId[2]`, `[0]`).
pub(crate) fn parse_path(path: &str) -> Result<Vec<PathPart>, String> {
    let invalid = |why: &str| format!("invalid getAttr path `{path}`: {why}");
    if path.is_empty() {
        return Err(invalid("it is empty"));
    }
    let mut parts = Vec::new();
    for component in path.split('.') {
        let (key, index) = match component.find('[') {
            None => (component, None),
            Some(open) => {
                let slice = &component[open..];
                let digits = slice
                    .strip_prefix('[')
                    .and_then(|s| s.strip_suffix(']'))
                    .ok_or_else(|| invalid("an index must look like `[0]`"))?;
                if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
                    return Err(invalid("an index must be a non-negative integer"));
                }
                let index: usize = digits.parse().map_err(|_| invalid("the index is too large"))?;
                (&component[..open], Some(index))
            }
        };
        if key.is_empty() {
            if index.is_none() {
                return Err(invalid("a path segment is empty"));
            }
        } else {
            parts.push(PathPart::Key(key.to_owned()));
        }
        if let Some(index) = index {
            parts.push(PathPart::Index(index));
        }
    }
    Ok(parts)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn shape(text: &str) -> Vec<String> {
        parse_template(text)
            .unwrap()
            .parts
            .into_iter()
            .map(|part| match part {
                TemplatePart::Text(t) => format!("text:{t}"),
                TemplatePart::Dynamic { raw, .. } => format!("dyn:{raw}"),
            })
            .collect()
    }

    #[test]
    fn templates_split_into_parts() {
        assert_eq!(
            shape("https://{Region}.{P#dnsSuffix}"),
            ["text:https://", "dyn:Region", "text:.", "dyn:P#dnsSuffix"]
        );
        assert_eq!(shape("plain"), ["text:plain"]);
        assert_eq!(shape("{{literal}} {A}"), ["text:{literal} ", "dyn:A"]);
        assert_eq!(shape(""), Vec::<String>::new());
        assert_eq!(shape("é{A}ü"), ["text:é", "dyn:A", "text:ü"]);
    }

    #[test]
    fn broken_templates_are_errors() {
        for bad in ["{", "}", "{A", "A}", "{}", "{A#}", "{A#b[x]}", "{#b}", "{A B}", "{A#b..c}", "{{A}", "{A}}"] {
            assert!(parse_template(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn paths() {
        assert_eq!(
            parse_path("a.b[0]").unwrap(),
            [PathPart::Key("a".into()), PathPart::Key("b".into()), PathPart::Index(0)]
        );
        assert_eq!(parse_path("[2]").unwrap(), [PathPart::Index(2)]);
        for bad in ["", ".", "a.", "a[", "a[]", "a[-1]", "a[1", "a[99999999999999999999999]"] {
            assert!(parse_path(bad).is_err(), "{bad}");
        }
    }
}
