//! `@pattern`s as trees for the runtime's matcher (`chatsmith_runtime::pattern`).
//!
//! A model pattern is an ECMA-262 regex. The `ecma` module rewrites it in `regex` crate syntax
//! with ECMA-262 meaning; `regex-syntax` parses that into its high-level form (classes already
//! written out, `?`/`*`/`+` as counted repetitions), which is lowered here into a [`Node`] tree
//! and simplified: capture groups dropped, nested sequences and alternations flattened, adjacent
//! literals merged, one-character alternatives merged into a class, `x{1}` written as `x` and
//! `x{0}` as nothing. The runtime matches that tree (the generator writes it as constant data);
//! whatever it could not match is refused here, with the reason.
//!
//! Greediness is dropped too: whether a pattern matches somewhere does not depend on it.

use regex_syntax::hir::{self, Hir, HirKind};

/// How deeply a tree may nest; the runtime matches nothing below that (its `MAX_DEPTH`).
pub const MAX_DEPTH: usize = 32;

/// A node of a pattern tree; the runtime's `Node` has the same variants.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Node {
    /// The empty string.
    Empty,
    /// This text.
    Literal(String),
    /// One character in one of these inclusive ranges, sorted and not overlapping.
    Class(Vec<(char, char)>),
    /// Each node in turn (at least two, none a `Concat`, no two literals in a row).
    Concat(Vec<Node>),
    /// Any one of the nodes (at least two, none an `Alternate`).
    Alternate(Vec<Node>),
    /// `node` at least `min` and at most `max` times (any number of times when `None`).
    Repeat {
        /// What is repeated.
        node: Box<Node>,
        /// The fewest repetitions.
        min: u32,
        /// The most repetitions, if limited.
        max: Option<u32>,
    },
    /// An assertion about a position.
    Look(Look),
}

/// An assertion about a position; the runtime's `Look` has the same variants.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Look {
    /// `^`: the start of the value.
    Start,
    /// `$`: the end of the value.
    End,
    /// `\b`: an ASCII word boundary.
    WordBoundary,
    /// `\B`: not an ASCII word boundary.
    NotWordBoundary,
}

/// A model pattern made ready for the runtime.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Lowered {
    /// The `regex` crate spelling with ECMA-262 meaning (the `ecma` module's translation).
    pub engine: String,
    /// The tree the runtime matches.
    pub root: Node,
}

/// The tree of the ECMA-262 pattern `pattern`, or why the runtime cannot match it.
pub fn lower(pattern: &str) -> Result<Lowered, String> {
    let engine = crate::ecma::translate(pattern)?;
    // The parser's message draws a caret diagram over several lines; its last line says what is wrong.
    let hir = regex_syntax::ParserBuilder::new()
        .build()
        .parse(&engine)
        .map_err(|e| e.to_string().lines().last().unwrap_or_default().trim_start_matches("error: ").to_owned())?;
    let root = node(&hir)?;
    let depth = root.depth();
    if depth > MAX_DEPTH {
        return Err(format!(
            "it nests {depth} levels deep (repetitions, alternatives and sequences inside each other), more than the {MAX_DEPTH} the runtime matches"
        ));
    }
    Ok(Lowered { engine, root })
}

impl Node {
    /// Levels of nesting: 1 for a node without children.
    pub fn depth(&self) -> usize {
        match self {
            Node::Concat(nodes) | Node::Alternate(nodes) => 1 + nodes.iter().map(Node::depth).max().unwrap_or(0),
            Node::Repeat { node, .. } => 1 + node.depth(),
            Node::Empty | Node::Literal(_) | Node::Class(_) | Node::Look(_) => 1,
        }
    }

    /// Whether a [`Look`] occurs in the tree.
    pub fn has_look(&self) -> bool {
        match self {
            Node::Look(_) => true,
            Node::Concat(nodes) | Node::Alternate(nodes) => nodes.iter().any(Node::has_look),
            Node::Repeat { node, .. } => node.has_look(),
            Node::Empty | Node::Literal(_) | Node::Class(_) => false,
        }
    }
}

fn node(hir: &Hir) -> Result<Node, String> {
    Ok(match hir.kind() {
        HirKind::Empty => Node::Empty,
        HirKind::Literal(hir::Literal(bytes)) => match std::str::from_utf8(bytes) {
            Ok(text) => Node::Literal(text.to_owned()),
            Err(_) => return Err("it matches bytes that are not UTF-8 text".to_owned()),
        },
        HirKind::Class(hir::Class::Unicode(class)) => {
            Node::Class(class.ranges().iter().map(|r| (r.start(), r.end())).collect())
        }
        HirKind::Class(hir::Class::Bytes(class)) => {
            if !class.is_ascii() {
                return Err("it has a class of bytes beyond ASCII".to_owned());
            }
            Node::Class(class.ranges().iter().map(|r| (char::from(r.start()), char::from(r.end()))).collect())
        }
        HirKind::Look(look) => Node::Look(match look {
            hir::Look::Start => Look::Start,
            hir::Look::End => Look::End,
            hir::Look::WordAscii => Look::WordBoundary,
            hir::Look::WordAsciiNegate => Look::NotWordBoundary,
            other => return Err(format!("the assertion {other:?} is not supported")),
        }),
        HirKind::Repetition(repetition) => {
            let sub = node(&repetition.sub)?;
            match (repetition.min, repetition.max) {
                (_, Some(0)) => Node::Empty,
                (1, Some(1)) => sub,
                _ if sub == Node::Empty => Node::Empty,
                (min, max) => Node::Repeat { node: Box::new(sub), min, max },
            }
        }
        HirKind::Capture(capture) => node(&capture.sub)?,
        HirKind::Concat(subs) => {
            let mut nodes: Vec<Node> = Vec::with_capacity(subs.len());
            for sub in subs {
                match node(sub)? {
                    Node::Empty => {}
                    Node::Concat(inner) => nodes.extend(inner),
                    other => nodes.push(other),
                }
            }
            sequence(nodes)
        }
        HirKind::Alternation(subs) => {
            let mut nodes = Vec::with_capacity(subs.len());
            for sub in subs {
                match node(sub)? {
                    Node::Alternate(inner) => nodes.extend(inner),
                    other => nodes.push(other),
                }
            }
            alternatives(nodes)
        }
    })
}

/// Alternatives (none `Alternate`), those of one character merged into one class where the
/// first of them was (order does not change where a pattern matches).
fn alternatives(nodes: Vec<Node>) -> Node {
    let mut merged: Vec<Node> = Vec::with_capacity(nodes.len());
    let mut class_at = None;
    for node in nodes {
        let ranges = one_char_ranges(&node);
        if ranges.is_empty() && node != Node::Class(Vec::new()) {
            merged.push(node);
            continue;
        }
        match class_at.and_then(|at| merged.get_mut(at)) {
            Some(first) => *first = Node::Class(union(&one_char_ranges(first), &ranges)),
            None => {
                class_at = Some(merged.len());
                merged.push(node);
            }
        }
    }
    if merged.len() == 1 { merged.pop().unwrap_or(Node::Empty) } else { Node::Alternate(merged) }
}

/// The characters of a class, or of a literal of one character; none for other nodes.
fn one_char_ranges(node: &Node) -> Vec<(char, char)> {
    match node {
        Node::Class(ranges) => ranges.clone(),
        Node::Literal(text) if text.chars().count() == 1 => text.chars().map(|c| (c, c)).collect(),
        _ => Vec::new(),
    }
}

/// The union of two sets of ranges, sorted and merged.
fn union(a: &[(char, char)], b: &[(char, char)]) -> Vec<(char, char)> {
    let mut all: Vec<(char, char)> = a.iter().chain(b).copied().collect();
    all.sort_unstable();
    let mut out: Vec<(char, char)> = Vec::with_capacity(all.len());
    for (low, high) in all {
        match out.last_mut() {
            // Ranges that touch merge too; no character lies between U+D7FF and U+E000.
            Some((_, last)) if u32::from(low) <= if *last == '\u{d7ff}' { 0xE000 } else { u32::from(*last) + 1 } => {
                *last = (*last).max(high);
            }
            _ => out.push((low, high)),
        }
    }
    out
}

/// A sequence of nodes (none `Empty` or `Concat`), adjacent literals merged.
fn sequence(nodes: Vec<Node>) -> Node {
    let mut merged: Vec<Node> = Vec::with_capacity(nodes.len());
    for node in nodes {
        match (merged.last_mut(), node) {
            (Some(Node::Literal(text)), Node::Literal(more)) => text.push_str(&more),
            (_, node) => merged.push(node),
        }
    }
    match merged.len() {
        0 => Node::Empty,
        1 => merged.pop().unwrap_or(Node::Empty),
        _ => Node::Concat(merged),
    }
}

#[cfg(test)]
mod tests {
    use super::{Look, Node, lower};

    fn tree(pattern: &str) -> Node {
        lower(pattern).unwrap_or_else(|e| panic!("{pattern:?} is refused: {e}")).root
    }

    fn class(ranges: &[(char, char)]) -> Node {
        Node::Class(ranges.to_vec())
    }

    #[test]
    fn the_channel_arn_pattern() {
        let name =
            || Node::Repeat { node: Box::new(class(&[('-', '.'), ('0', '9'), ('a', 'z')])), min: 0, max: Some(63) };
        let first =
            Node::Repeat { node: Box::new(class(&[('-', '.'), ('0', '9'), ('a', 'z')])), min: 1, max: Some(63) };
        let dot = class(&[('\0', '\t'), ('\u{b}', '\u{c}'), ('\u{e}', '\u{2027}'), ('\u{202a}', '\u{10ffff}')]);
        assert_eq!(
            tree(r"^arn:[a-z0-9-\.]{1,63}:[a-z0-9-\.]{0,63}:[a-z0-9-\.]{0,63}:[a-z0-9-\.]{0,63}:[^/].{0,1023}$"),
            Node::Concat(vec![
                Node::Look(Look::Start),
                Node::Literal("arn:".into()),
                first,
                Node::Literal(":".into()),
                name(),
                Node::Literal(":".into()),
                name(),
                Node::Literal(":".into()),
                name(),
                Node::Literal(":".into()),
                class(&[('\0', '.'), ('0', '\u{10ffff}')]),
                Node::Repeat { node: Box::new(dot), min: 0, max: Some(1023) },
                Node::Look(Look::End),
            ])
        );
    }

    #[test]
    fn groups_are_dropped_and_sequences_flattened() {
        assert_eq!(tree("a(?:b(c))d"), Node::Literal("abcd".into()));
        assert_eq!(tree("(a|(b|c))x"), Node::Concat(vec![class(&[('a', 'c')]), Node::Literal("x".into())]));
        assert_eq!(tree("x{0}"), Node::Empty);
        assert_eq!(tree("(?:ab){1}"), Node::Literal("ab".into()));
        assert_eq!(tree("()*"), Node::Empty);
        assert_eq!(
            tree(r"\bab|cd\B"),
            Node::Alternate(vec![
                Node::Concat(vec![Node::Look(Look::WordBoundary), Node::Literal("ab".into())]),
                Node::Concat(vec![Node::Literal("cd".into()), Node::Look(Look::NotWordBoundary)]),
            ])
        );
    }

    #[test]
    fn what_the_runtime_cannot_match_is_refused() {
        for (pattern, reason) in [
            ("^(?=x)a", "look-around"),
            (r"(a)\1", "back-reference"),
            ("(?i)a", "inline flags"),
            (&format!("{}a{}", "(".repeat(40), ")*".repeat(40)), "nests 41 levels"),
        ] {
            let err = lower(pattern).expect_err(pattern);
            assert!(err.contains(reason), "{pattern}: {err}");
        }
        // Groups alone do not nest.
        assert!(lower(&format!("{}a{}", "(".repeat(100), ")".repeat(100))).is_ok());
    }
}
