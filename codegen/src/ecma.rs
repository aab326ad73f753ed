//! ECMA-262 regex semantics on the `regex` crate.
//!
//! Smithy `@pattern`s are ECMA-262 regexes; the runtime matches with the `regex` crate. The
//! syntax the two share differs in meaning in three places, fixed here at generation time:
//! `.` also excludes `\r`, U+2028 and U+2029 in ECMA-262, and `\d`, `\w` (and their negations)
//! are ASCII-only there, Unicode-aware in `regex`.

/// The `regex` crate spelling of an ECMA-262 pattern.
pub fn translate(pattern: &str) -> String {
    let mut out = String::with_capacity(pattern.len());
    let mut chars = pattern.chars();
    let mut in_class = false;
    while let Some(c) = chars.next() {
        match c {
            '\\' => match chars.next() {
                Some(escaped) => out.push_str(&escape(escaped, in_class)),
                None => out.push('\\'),
            },
            '[' if !in_class => {
                in_class = true;
                out.push('[');
                // A `]` right after `[` or `[^` is literal in neither engine's reading we rely on;
                // copy a leading `^` so the class stays what it was.
                if chars.clone().next() == Some('^') {
                    out.push('^');
                    chars.next();
                }
            }
            ']' if in_class => {
                in_class = false;
                out.push(']');
            }
            '.' if !in_class => out.push_str(r"[^\n\r\u{2028}\u{2029}]"),
            c => out.push(c),
        }
    }
    out
}

fn escape(c: char, in_class: bool) -> String {
    let (positive, negative) = match c {
        'd' => ("0-9", false),
        'D' => ("0-9", true),
        'w' => ("A-Za-z0-9_", false),
        'W' => ("A-Za-z0-9_", true),
        other => return format!("\\{other}"),
    };
    match (in_class, negative) {
        (true, false) => positive.to_owned(),
        // A negated ASCII class inside a class: regex supports nested classes.
        (true, true) => format!("[^{positive}]"),
        (false, false) => format!("[{positive}]"),
        (false, true) => format!("[^{positive}]"),
    }
}

#[cfg(test)]
mod tests {
    use super::translate;

    #[test]
    fn dot_and_ascii_classes() {
        assert_eq!(translate("^a.b$"), r"^a[^\n\r\u{2028}\u{2029}]b$");
        assert_eq!(translate(r"[.\d]\w"), r"[.0-9][A-Za-z0-9_]");
        assert_eq!(translate(r"\D[^\W]"), r"[^0-9][^[^A-Za-z0-9_]]");
        assert_eq!(translate(r"a\.b\/c"), r"a\.b\/c");
    }

    #[test]
    fn translated_patterns_behave_as_ecma() {
        let re = regex::Regex::new(&translate("^a.b$")).unwrap();
        assert!(re.is_match("axb"));
        assert!(!re.is_match("a\rb") && !re.is_match("a\u{2028}b") && !re.is_match("a\nb"));
        let digits = regex::Regex::new(&translate(r"^\d+$")).unwrap();
        assert!(digits.is_match("123") && !digits.is_match("١٢٣"));
    }
}
