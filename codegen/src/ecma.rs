//! ECMA-262 regex semantics in `regex` crate syntax, with none of its Unicode tables.
//!
//! Smithy `@pattern`s are ECMA-262 regexes (without flags). The generator rewrites each one here
//! into `regex` crate syntax that means what ECMA-262 says and needs no Unicode table;
//! `regex-syntax` then parses it and [`crate::pattern`] lowers it into the tree the runtime
//! matches (the `regex` crate itself is the reference the tests compare that matcher with). The
//! shared syntax differs in meaning in a few places, which are rewritten:
//!
//! - `.` excludes `\n`, `\r`, U+2028 and U+2029;
//! - `\d`, `\w` (and `\D`, `\W`) are ASCII classes;
//! - `\s` (and `\S`) is ECMA's WhiteSpace and LineTerminator, a fixed list ([`SPACE`]);
//! - `\b`, `\B` are ASCII word boundaries; in a class, `\b` is a backspace (U+0008);
//! - `\cX` is a control character, `\0` is NUL, and `\x`, `\u` not followed by two or four
//!   hex digits, like every other escaped character ECMA gives no meaning (`\<`, `\a`, `\z`),
//!   stand for the character itself (the identity escapes of ECMA-262 Annex B);
//! - `\p{..}`, `\P{..}`: see [`property`].
//!
//! What has no ECMA-262 meaning the runtime could give is refused, with the reason:
//! back-references and octal escapes, inline flags and other `(?` forms ECMA does not have.

/// ECMA-262 WhiteSpace and LineTerminator, as the body of a `regex` class: U+0009, U+000B,
/// U+000C, U+FEFF, the Space_Separator (Zs) category, and U+000A, U+000D, U+2028, U+2029.
/// Zs is U+0020, U+00A0, U+1680, U+2000-U+200A, U+202F, U+205F and U+3000 in Unicode 16.0.0
/// (the Space_Separator table of `regex-syntax` 0.8.11, generated from UCD 16.0.0); the list has
/// been the same since Unicode 6.3 moved U+180E from Zs to Cf (Unicode 17.0.0 keeps it in Cf).
/// U+0085, which the `regex` crate's `\s` includes, is not ECMA white space.
const SPACE: &str =
    r"\t\n\x0B\x0C\r\x20\u{a0}\u{1680}\u{2000}-\u{200a}\u{2028}\u{2029}\u{202f}\u{205f}\u{3000}\u{feff}";

/// ECMA-262 `\d`, as the body of a `regex` class.
const DIGIT: &str = "0-9";

/// ECMA-262 `\w`, as the body of a `regex` class.
const WORD: &str = "A-Za-z0-9_";

/// The `regex` crate spelling of an ECMA-262 pattern, or why it has none.
pub fn translate(pattern: &str) -> Result<String, String> {
    let mut out = String::with_capacity(pattern.len());
    let mut chars = pattern.chars().peekable();
    let mut in_class = false;
    while let Some(c) = chars.next() {
        match c {
            '\\' => match chars.next() {
                Some(escaped) => escape(escaped, &mut chars, in_class, &mut out)?,
                None => out.push('\\'),
            },
            '[' if !in_class => {
                in_class = true;
                out.push('[');
                // A `]` right after `[` or `[^` is literal in neither engine's reading we rely on;
                // copy a leading `^` so the class stays what it was.
                if chars.peek() == Some(&'^') {
                    out.push('^');
                    chars.next();
                }
            }
            ']' if in_class => {
                in_class = false;
                out.push(']');
            }
            '.' if !in_class => out.push_str(r"[^\n\r\u{2028}\u{2029}]"),
            '(' if !in_class && chars.peek() == Some(&'?') => {
                out.push_str("(?");
                chars.next();
                group_kind(&mut chars, &mut out)?;
            }
            c => out.push(c),
        }
    }
    Ok(out)
}

/// After `(?`: the group forms ECMA-262 has, copied (`regex-syntax` refuses the look-arounds
/// itself, with its own message); inline flags and the rest are refused.
fn group_kind(chars: &mut std::iter::Peekable<std::str::Chars<'_>>, out: &mut String) -> Result<(), String> {
    match chars.peek().copied() {
        Some(c @ (':' | '=' | '!' | '<')) => {
            out.push(c);
            chars.next();
            Ok(())
        }
        Some(other) => Err(format!(
            "`(?{other}` is not ECMA-262 syntax (a pattern has no inline flags; groups are `(?:`, `(?<name>`, and look-arounds)"
        )),
        None => Err("the pattern ends in `(?`".to_owned()),
    }
}

/// The escape `\c` (the backslash already read), written to `out`.
fn escape(
    c: char,
    chars: &mut std::iter::Peekable<std::str::Chars<'_>>,
    in_class: bool,
    out: &mut String,
) -> Result<(), String> {
    // A class of its own, also inside a class (regex supports nested classes): a `-` after it is
    // then a literal, as in ECMA-262 (`[\w-.]`), not the end of a range.
    let class = |out: &mut String, body: &str, negative: bool| {
        out.push_str(&format!("[{}{body}]", if negative { "^" } else { "" }));
    };
    match c {
        'd' | 'D' => class(out, DIGIT, c == 'D'),
        'w' | 'W' => class(out, WORD, c == 'W'),
        's' | 'S' => class(out, SPACE, c == 'S'),
        'b' if in_class => out.push_str(r"\x08"),
        'b' | 'B' if !in_class => out.push_str(&format!(r"(?-u:\{c})")),
        'p' | 'P' => out.push_str(&property(c, chars)?),
        // The control escapes `regex` reads as ECMA does.
        't' | 'n' | 'v' | 'f' | 'r' => {
            out.push('\\');
            out.push(c);
        }
        'x' | 'u' => {
            let digits = if c == 'x' { 2 } else { 4 };
            let hex: String = chars.clone().take(digits).collect();
            if hex.len() == digits && hex.chars().all(|h| h.is_ascii_hexdigit()) {
                out.push('\\');
                out.push(c);
                out.push_str(&hex);
                for _ in 0..digits {
                    chars.next();
                }
            } else {
                // `\x{41}` is `x{41}` in ECMA-262 (without the `u` flag): the letter itself.
                out.push(c);
            }
        }
        'c' => match chars.next() {
            Some(letter) if letter.is_ascii_alphabetic() => out.push_str(&format!(r"\x{:02X}", letter as u8 % 32)),
            _ => return Err("`\\c` must be followed by a letter (a control character, `\\cJ`)".to_owned()),
        },
        '0' if !chars.peek().is_some_and(char::is_ascii_digit) => out.push_str(r"\x00"),
        '0'..='9' => {
            return Err(format!("`\\{c}` is a back-reference or an octal escape, which the runtime does not support"));
        }
        'k' if chars.peek() == Some(&'<') => {
            return Err("`\\k<name>` is a back-reference, which the runtime does not support".to_owned());
        }
        // An identity escape: the character itself. `regex` accepts every escaped ASCII
        // punctuation character but `<` and `>` (which it reads as word boundaries).
        c if (c.is_ascii_punctuation() || c == ' ') && !matches!(c, '<' | '>') => {
            out.push('\\');
            out.push(c);
        }
        c => out.push(c),
    }
    Ok(())
}

/// `\p{..}` or `\P{..}` (the `p` or `P` already read), as a `regex` class of code point ranges.
///
/// ECMA-262 reads `\p{..}` as a Unicode property only under the `u` flag, which a Smithy pattern
/// cannot set (without it, `\p` is the letter `p`). AWS models use it in the Unicode sense
/// (Amazon Connect Participant's `ViewName` is `[\p{L}\p{N}_.:\/=+\-@()']+...`) and the runtime
/// has always matched it so: that reading is kept for the general categories (`\p{L}`, `\p{Lu}`,
/// `\p{Letter}`, `\p{gc=Nd}`), written out as ranges from the Unicode 16.0.0 tables of
/// `regex-syntax` 0.8, the same data the runtime's `regex` crate used to carry. Other properties
/// (scripts, binary properties) are refused.
fn property(kind: char, chars: &mut std::iter::Peekable<std::str::Chars<'_>>) -> Result<String, String> {
    let name = match chars.next() {
        Some('{') => {
            let name: String = chars.by_ref().take_while(|&c| c != '}').collect();
            format!("{{{name}}}")
        }
        Some(c) => c.to_string(),
        None => return Err(format!("the pattern ends in `\\{kind}`")),
    };
    let written = format!(r"\{kind}{name}");
    let refused = || {
        format!(
            "`{written}`: only Unicode general categories (like `\\p{{L}}` or `\\p{{Nd}}`) are supported in a Unicode property escape"
        )
    };
    let hir = regex_syntax::ParserBuilder::new().build().parse(&written).map_err(|_| refused())?;
    let regex_syntax::hir::HirKind::Class(regex_syntax::hir::Class::Unicode(class)) = hir.kind() else {
        return Err(refused());
    };
    let mut body = String::new();
    for range in class.ranges() {
        body.push_str(&format!(r"\u{{{:x}}}", u32::from(range.start())));
        if range.end() != range.start() {
            body.push_str(&format!(r"-\u{{{:x}}}", u32::from(range.end())));
        }
    }
    Ok(if body.is_empty() {
        // Nothing matches: a class no character is in.
        r"[^\x00-\u{10ffff}]".to_owned()
    } else {
        format!("[{body}]")
    })
}

#[cfg(test)]
mod tests {
    use super::translate;

    fn ok(pattern: &str) -> String {
        translate(pattern).unwrap_or_else(|e| panic!("{pattern:?} is refused: {e}"))
    }

    /// The translated pattern, compiled as the runtime compiles it.
    fn engine(pattern: &str) -> regex::Regex {
        regex::Regex::new(&ok(pattern)).unwrap_or_else(|e| panic!("{pattern:?} does not compile: {e}"))
    }

    #[test]
    fn dot_and_ascii_classes() {
        assert_eq!(ok("^a.b$"), r"^a[^\n\r\u{2028}\u{2029}]b$");
        assert_eq!(ok(r"[.\d]\w"), r"[.[0-9]][A-Za-z0-9_]");
        assert_eq!(ok(r"\D[^\W]"), r"[^0-9][^[^A-Za-z0-9_]]");
        assert_eq!(ok(r"a\.b\/c"), r"a\.b\/c");
    }

    #[test]
    fn translated_patterns_behave_as_ecma() {
        let re = engine("^a.b$");
        assert!(re.is_match("axb"));
        assert!(!re.is_match("a\rb") && !re.is_match("a\u{2028}b") && !re.is_match("a\nb"));
        let digits = engine(r"^\d+$");
        assert!(digits.is_match("123") && !digits.is_match("١٢٣"));
        let word = engine(r"^\w+$");
        assert!(word.is_match("a_Z9") && !word.is_match("é"));
        assert!(engine(r"^\W$").is_match("é") && engine(r"^\D$").is_match("١"));
    }

    #[test]
    fn white_space_is_ecma_white_space_and_line_terminators() {
        let space = engine(r"^\s$");
        let ecma = [
            '\t', '\n', '\u{0B}', '\u{0C}', '\r', ' ', '\u{A0}', '\u{1680}', '\u{2000}', '\u{2003}', '\u{200A}',
            '\u{2028}', '\u{2029}', '\u{202F}', '\u{205F}', '\u{3000}', '\u{FEFF}',
        ];
        for c in ecma {
            assert!(space.is_match(&c.to_string()), "U+{:04X} is \\s", c as u32);
            assert!(!engine(r"^\S$").is_match(&c.to_string()), "U+{:04X} is not \\S", c as u32);
        }
        // Not ECMA white space: NEL (the `regex` crate's `\s` has it), U+180E (Cf since Unicode
        // 6.3), the zero-width space, letters.
        for c in ['\u{85}', '\u{180E}', '\u{200B}', 'a', '\u{8}'] {
            assert!(!space.is_match(&c.to_string()), "U+{:04X} is not \\s", c as u32);
            assert!(engine(r"^\S$").is_match(&c.to_string()), "U+{:04X} is \\S", c as u32);
        }
        assert!(engine(r"^[\sa]+$").is_match("a \u{2003}a") && !engine(r"^[^\s]$").is_match("\u{3000}"));
        // A `-` after a class escape is a literal (ECMA-262 Annex B), not the end of a range.
        assert!(
            engine(r"^[\s-x]+$").is_match(" -x")
                && engine(r"^[\w-.]+$").is_match("a-.")
                && engine(r"^[\d-]$").is_match("-")
        );
    }

    #[test]
    fn any_character_class_matches_everything() {
        // `[\s\S]` (and `[\S\s]`, `[\d\D]`) is ECMA's any-character idiom, newlines included.
        for pattern in [r"^[\s\S]*$", r"^[\S\s]*$", r"^[\d\D]*$", r"^[\w\W]*$"] {
            let re = engine(pattern);
            for value in ["", "a\nb", "\r\n\u{2028}\u{2029}", "é 😀 \u{0}", "\u{10FFFF}"] {
                assert!(re.is_match(value), "{pattern} matches {value:?}");
            }
        }
    }

    #[test]
    fn word_boundaries_are_ascii() {
        assert_eq!(ok(r"\bfoo\B"), r"(?-u:\b)foo(?-u:\B)");
        let word = engine(r"\bcafé\b");
        // `é` is no ECMA word character: a boundary after it only before a word character.
        assert!(!word.is_match("café") && word.is_match("cafébar") && !word.is_match("xcafébar"));
        assert!(engine(r"^a\b").is_match("aé") && !engine(r"^a\B").is_match("aé"));
        assert!(engine(r"\bx\b").is_match("é x é") && !engine(r"\bx\b").is_match("axb"));
    }

    #[test]
    fn backspace_in_a_class() {
        assert_eq!(ok(r"[\b]"), r"[\x08]");
        assert!(engine(r"^[\b]$").is_match("\u{8}") && !engine(r"^[\b]$").is_match("b"));
    }

    #[test]
    fn other_escapes() {
        assert_eq!(ok(r"\cJ\ca\0\x41\u00e9"), r"\x0A\x01\x00\x41\u00e9");
        // Without two (four) hex digits, `\x` (`\u`) is the letter; identity escapes are the character.
        assert_eq!(ok(r"\x{41}\u12\<\>\a\z\-\ "), r"x{41}u12<>az\-\ ");
        assert!(engine(r"^\<\a\>$").is_match("<a>") && engine(r"^\x{2}$").is_match("xx"));
        assert!(engine(r"^\t\n\v\f\r$").is_match("\t\n\u{b}\u{c}\r"));
    }

    #[test]
    fn general_categories_are_written_out() {
        let letters = engine(r"^[\p{L}\p{N}_]+$");
        assert!(letters.is_match("héllo_١٢٣_日本") && !letters.is_match("a b") && !letters.is_match("a-b"));
        assert!(engine(r"^\p{Z}$").is_match("\u{2029}") && engine(r"^\pL\P{L}$").is_match("é1"));
        assert!(engine(r"^[\P{Lu}]+$").is_match("abc") && !engine(r"^[\P{Lu}]+$").is_match("aBc"));
        assert!(!ok(r"\p{L}").contains(r"\p"), "written out as ranges");
    }

    #[test]
    fn unsupported_constructs_are_refused_with_the_reason() {
        for (pattern, reason) in [
            (r"\p{Greek}", "general categories"),
            (r"\p{Nope}", "general categories"),
            (r"(a)\1", "back-reference"),
            (r"\01", "octal"),
            (r"(?<n>a)\k<n>", "back-reference"),
            (r"(?i)abc", "inline flags"),
            (r"(?s:.)", "inline flags"),
            (r"(?P<n>a)", "inline flags"),
            (r"\c1", "control"),
        ] {
            let err = translate(pattern).expect_err(pattern);
            assert!(err.contains(reason), "{pattern}: {err}");
        }
        // Look-arounds are ECMA syntax: the engine refuses them when the pattern is compiled.
        assert!(regex::Regex::new(&ok("^(?=x)a")).is_err() && engine("(?<n>a)(?:b)").is_match("ab"));
    }
}
