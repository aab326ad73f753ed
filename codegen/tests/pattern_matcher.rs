//! The runtime's pattern matcher says what the `regex` crate says.
//!
//! Every `@pattern` of the complete upstream models (Smithy and botocore, both services), and a
//! list of tricky patterns, is lowered as the generator lowers it; its tree is built into a
//! `chatsmith_runtime::pattern::Pattern` (leaked, as `static` data would be), and on many inputs
//! `Pattern::is_match` must equal `regex::Regex::is_match` on the pattern's `regex` spelling
//! (`ecma::translate`'s output, which the `regex` crate reads with the ECMA meaning the tree has).
//!
//! The inputs are deterministic: the empty string, strings drawn from the pattern's own
//! characters and from characters where engines tend to differ (line terminators, ECMA white
//! space, non-ASCII letters and digits, astral characters), strings generated from the tree
//! (so that long, complex patterns match often) and mutations of them, and long strings of
//! 1,000 to 5,000 characters. The upstream models are the shared reference data; without them
//! the upstream half says so and passes, except under `CI=true`.

use chatsmith_codegen::pattern::{self, Look, Node};
use chatsmith_runtime::pattern as runtime;
use serde_json::Value;
use std::collections::BTreeSet;

/// Patterns where a matcher is easily wrong, as written in a model (ECMA-262).
const TRICKY: &[&str] = &[
    // Anchors inside alternatives and in the middle.
    "^a|b$",
    "a^b",
    "a$b",
    "(^a|b)c",
    "a(b$|c)",
    "(^|x)y",
    "x(y|$)",
    "^$",
    "^",
    "$",
    "",
    "(?:)",
    "^(?:^a$)$",
    // Empty alternatives.
    "a|",
    "|a",
    "x(|y)z",
    "^(|a)$",
    "(a|)+b",
    "^(a|)*$",
    // Counted and nested repetitions, empty matches inside repetitions.
    "(ab|c){2,5}",
    "^(ab|c){2,5}$",
    "(a*)*",
    "^(a*)*$",
    "^(a*)+b$",
    "^(a|b*)*c$",
    "^(a?){3}a{3}$",
    "x{0}",
    "^x{0}$",
    "a{0}b",
    "^(a{2}){3}$",
    "^(a{1,3}){2,3}$",
    "^((a|b)(c|d)){2}$",
    "^(?:ab){5,7}$",
    "^a{100}$",
    "a{3,}",
    "^[ab]{2,}c{0,2}$",
    "(?:a|ab)(?:c|bcd)d*",
    "^(?:(?:a)|(?:b)){0,}$",
    "(a|b|c|d)*abc",
    "^(?:\\d{3}-)?\\d{4}$",
    "^[a-z]+(?:-[a-z]+)*$",
    "^\\d{1,3}(\\.\\d{1,3}){3}$",
    "^(?:(a)|b)*$",
    // Repetitions of one character from starts of different lengths.
    "^(?:|zzz)z{1,2}$",
    "^(?:a|aaa)a{1,2}$",
    "(?:|aaa|aaaaa)a{2,3}b",
    "^(?:x|xyy)y{0,1}$",
    // Exact rounds of a sequence that ends in a repetition.
    "^(?:a+){2}$",
    "^(?:[a-z]+:){3}$",
    "(?:x[ab]*){2}b",
    "^(?:-[0-9a-f]{1,4}){2}-",
    "^(\\b|a)+$",
    "^(?:a|\\B)*b$",
    // Lazy quantifiers: where a pattern matches does not depend on them.
    "a+?b",
    "^a{2,}?$",
    "a??b",
    "^(a|b)*?$",
    "^.*?$",
    // Word boundaries at the edges and next to non-ASCII letters.
    "\\bfoo\\b",
    "\\b",
    "\\B",
    "^\\B$",
    "^\\b",
    "\\b$",
    "a\\b",
    "\\Ba\\B",
    "é\\b",
    "\\bé",
    "\\bcafé\\b",
    "\\b\\w+\\b",
    "\\b[^a]",
    // Multi-byte characters in classes and literals.
    "[é-ü]+",
    "^[^é]+$",
    "😀{2}",
    "^[😀-😂]{1,3}$",
    "^é+😀?$",
    "[\\u00e9\\u4e00-\\u9fff]",
    "^[^\\x00-\\x7f]*$",
    "日本",
    // `.` and line terminators; `\s` and ECMA white space.
    "^.$",
    "^.+$",
    "a.b",
    "^.{2}$",
    "[^\\n]",
    "^\\s+$",
    "\\S",
    "^\\S+$",
    "^[\\s\\S]{3}$",
    "^[^\\s]*$",
    "[\\u0085]",
    "\\u00a0",
    "^[\\s-x]+$",
    // General categories written out as ranges.
    "^\\p{L}+$",
    "[\\p{N}_]{2,4}",
    "^\\P{L}*$",
    "^\\p{Lu}\\p{Ll}*$",
    "\\p{Z}",
    "^[^\\p{L}\\p{N}]+$",
    // Escapes.
    "\\cJ",
    "[\\b]",
    "\\0",
    "^\\x41\\u0042$",
    "\\x{41}",
    "^\\t\\n\\v\\f\\r$",
    "[\\w-.]+",
    "^[\\w.-]+$",
    "\\w+@\\w+\\.\\w+",
    // Long bounds of one class, as in ARNs.
    "^[^/].{0,10}$",
    ".{0,1023}$",
    "^[a-z]{1,63}:[a-z]{0,63}$",
    "arn:[a-z0-9-.]{1,63}:[a-z0-9-.]{0,63}:[a-z0-9-.]{0,63}:[a-z0-9-.]{0,63}:[^/].{0,1023}",
];

/// Characters where engines tend to differ, added to every pattern's own.
const EDGE: &[char] = &[
    '\n',
    '\r',
    '\u{2028}',
    '\u{2029}',
    '\u{85}',
    '\u{feff}',
    '\u{a0}',
    '\u{3000}',
    '\u{180e}',
    '\u{200b}',
    ' ',
    '\t',
    '\u{b}',
    '\u{c}',
    '\u{8}',
    '\0',
    'a',
    'b',
    'z',
    'A',
    'Z',
    '0',
    '9',
    '_',
    '-',
    '.',
    ':',
    '/',
    'é',
    'É',
    '١',
    '😀',
    '\u{10ffff}',
    '\u{d7ff}',
    '\u{e000}',
    '\u{fffd}',
    'x',
    'y',
];

/// A deterministic pseudo-random sequence (SplitMix64).
struct Random(u64);

impl Random {
    fn seeded(text: &str) -> Self {
        Self(text.bytes().fold(0xcbf2_9ce4_8422_2325, |hash, b| (hash ^ u64::from(b)).wrapping_mul(0x100_0000_01b3)))
    }

    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    /// A number in `0..n` (`n` > 0).
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }

    fn chance(&mut self, one_in: usize) -> bool {
        self.below(one_in) == 0
    }

    fn pick<T: Copy>(&mut self, items: &[T]) -> T {
        items[self.below(items.len())]
    }
}

/// The tree as the runtime's constant data, leaked to live as long as `static` data does.
fn runtime_node(node: &Node) -> runtime::Node {
    fn leak<T>(items: Vec<T>) -> &'static [T] {
        Box::leak(items.into_boxed_slice())
    }
    match node {
        Node::Empty => runtime::Node::Empty,
        Node::Literal(text) => runtime::Node::Literal(Box::leak(text.clone().into_boxed_str())),
        Node::Class(ranges) => runtime::Node::class(leak(ranges.clone())),
        Node::Concat(nodes) => runtime::Node::Concat(leak(nodes.iter().map(runtime_node).collect())),
        Node::Alternate(nodes) => runtime::Node::Alternate(leak(nodes.iter().map(runtime_node).collect())),
        Node::Repeat { node, min, max } => {
            runtime::Node::Repeat { node: Box::leak(Box::new(runtime_node(node))), min: *min, max: *max }
        }
        Node::Look(look) => runtime::Node::Look(match look {
            Look::Start => runtime::Look::Start,
            Look::End => runtime::Look::End,
            Look::WordBoundary => runtime::Look::WordBoundary,
            Look::NotWordBoundary => runtime::Look::NotWordBoundary,
        }),
    }
}

/// The characters a pattern names: its literals, and the ends, middles and neighbours of its
/// class ranges.
fn own_chars(node: &Node, out: &mut BTreeSet<char>) {
    match node {
        Node::Literal(text) => out.extend(text.chars()),
        Node::Class(ranges) => {
            for &(low, high) in ranges.iter().take(64) {
                let (low, high) = (u32::from(low), u32::from(high));
                for c in [low.wrapping_sub(1), low, low + (high - low) / 2, high, high + 1] {
                    out.extend(char::from_u32(c));
                }
            }
        }
        Node::Concat(nodes) | Node::Alternate(nodes) => nodes.iter().for_each(|n| own_chars(n, out)),
        Node::Repeat { node, .. } => own_chars(node, out),
        Node::Empty | Node::Look(_) => {}
    }
}

/// A string the tree is likely to match (assertions are not checked), about `budget` characters
/// at most; `long` draws repetition counts up to their bounds.
fn sample(node: &Node, random: &mut Random, long: bool, budget: &mut usize, out: &mut String) {
    match node {
        Node::Empty | Node::Look(_) => {}
        Node::Literal(text) => {
            out.push_str(text);
            *budget = budget.saturating_sub(text.chars().count());
        }
        Node::Class(ranges) if ranges.is_empty() => {}
        Node::Class(ranges) => {
            let (low, high) = random.pick(ranges);
            let (low, high) = (u32::from(low), u32::from(high));
            let c = match random.below(4) {
                0 => low,
                1 => high,
                _ => low + (random.next() % u64::from(high - low + 1)) as u32,
            };
            out.push(char::from_u32(c).unwrap_or(char::from_u32(low).unwrap_or('a')));
            *budget = budget.saturating_sub(1);
        }
        Node::Concat(nodes) => nodes.iter().for_each(|n| sample(n, random, long, budget, out)),
        Node::Alternate(nodes) => sample(&nodes[random.below(nodes.len())], random, long, budget, out),
        Node::Repeat { node, min, max } => {
            let min = *min as usize;
            let span = match (max, long) {
                (Some(max), true) => *max as usize - min,
                (Some(max), false) => (*max as usize - min).min(4),
                (None, true) => *budget,
                (None, false) => 4,
            };
            let count = match random.below(4) {
                0 => min,
                1 if long => min + span,
                _ => min + random.below(span + 1),
            };
            for i in 0..count {
                if i >= min && *budget == 0 {
                    break;
                }
                sample(node, random, long, budget, out);
            }
        }
    }
}

/// `value` changed in one place: a character inserted, removed or replaced, or text added at
/// either end.
fn mutate(value: &str, alphabet: &[char], random: &mut Random) -> String {
    let mut chars: Vec<char> = value.chars().collect();
    let at = random.below(chars.len() + 1);
    match random.below(5) {
        0 => chars.insert(at, random.pick(alphabet)),
        1 if at < chars.len() => {
            chars.remove(at);
        }
        2 if at < chars.len() => chars[at] = random.pick(alphabet),
        3 => chars.insert(0, random.pick(alphabet)),
        _ => chars.push(random.pick(alphabet)),
    }
    chars.into_iter().collect()
}

/// The inputs one pattern is checked on.
fn inputs(model: &str, root: &Node) -> Vec<String> {
    let mut random = Random::seeded(model);
    let mut own = BTreeSet::new();
    own_chars(root, &mut own);
    let own: Vec<char> = own.into_iter().collect();
    let alphabet: Vec<char> = own.iter().chain(EDGE).copied().collect();
    let mut inputs = vec![String::new()];
    inputs.extend(alphabet.iter().map(char::to_string));
    for _ in 0..300 {
        let len = if random.chance(8) { random.below(60) } else { random.below(12) };
        let from = if !own.is_empty() && random.chance(2) { &own } else { &alphabet };
        inputs.push((0..len).map(|_| random.pick(from)).collect());
    }
    for _ in 0..300 {
        let mut value = String::new();
        sample(root, &mut random, false, &mut 200, &mut value);
        for _ in 0..random.below(3) {
            value = mutate(&value, &alphabet, &mut random);
        }
        inputs.push(value);
    }
    for round in 0..24 {
        let len = 1000 + random.below(4001);
        let value: String = match round % 4 {
            0 => (0..len).map(|_| random.pick(&alphabet)).collect(),
            1 => {
                let mut value = String::new();
                sample(root, &mut random, true, &mut len.clone(), &mut value);
                if random.chance(2) { mutate(&value, &alphabet, &mut random) } else { value }
            }
            2 => {
                let mut value = String::new();
                while value.chars().count() < len {
                    sample(root, &mut random, false, &mut 200, &mut value);
                    value.push(random.pick(&alphabet));
                }
                value
            }
            _ => {
                let from = if own.is_empty() { &alphabet } else { &own };
                let mut value: String = (0..len).map(|_| random.pick(from)).collect();
                let mut tail = String::new();
                sample(root, &mut random, false, &mut 200, &mut tail);
                value.push_str(&tail);
                value
            }
        };
        inputs.push(value);
    }
    inputs
}

/// Checks one pattern on its inputs; the number of inputs, and of those it matches.
fn check(model: &str) -> (usize, usize) {
    let lowered = pattern::lower(model).unwrap_or_else(|e| panic!("{model:?} is refused: {e}"));
    let regex =
        regex::Regex::new(&lowered.engine).unwrap_or_else(|e| panic!("{:?} does not compile: {e}", lowered.engine));
    let ours = runtime::Pattern::new(Box::leak(model.to_owned().into_boxed_str()), runtime_node(&lowered.root));
    let inputs = inputs(model, &lowered.root);
    let mut matched = 0;
    for value in &inputs {
        let expected = regex.is_match(value);
        matched += usize::from(expected);
        assert_eq!(
            ours.is_match(value),
            expected,
            "pattern {model:?} (regex {:?}, tree {:?}) on {value:?}",
            lowered.engine,
            lowered.root
        );
    }
    (inputs.len(), matched)
}

/// Checks every pattern; the number of inputs, after saying how many matched.
fn check_all<'a>(what: &str, patterns: impl ExactSizeIterator<Item = &'a str>) -> usize {
    let count = patterns.len();
    let (checked, matched) = patterns.map(check).fold((0, 0), |(a, b), (c, d)| (a + c, b + d));
    eprintln!("{what}: {count} patterns, {checked} inputs, {matched} of them matching");
    // Both verdicts are well represented.
    assert!(matched > checked / 10 && matched < checked * 9 / 10, "{matched} of {checked}");
    checked
}

#[test]
fn tricky_patterns() {
    let checked = check_all("tricky patterns", TRICKY.iter().copied());
    assert!(checked > TRICKY.len() * 600);
}

/// Every `@pattern` of a Smithy JSON AST model.
fn smithy_patterns(model: &Value, out: &mut BTreeSet<String>) {
    let shapes = model["shapes"].as_object().expect("shapes");
    for shape in shapes.values() {
        let members = shape.get("members").and_then(Value::as_object).into_iter().flat_map(|m| m.values());
        for traits in std::iter::once(shape).chain(members).filter_map(|s| s.get("traits")) {
            if let Some(pattern) = traits.get("smithy.api#pattern").and_then(Value::as_str) {
                out.insert(pattern.to_owned());
            }
        }
    }
}

/// Every `pattern` of a botocore service model.
fn botocore_patterns(model: &Value, out: &mut BTreeSet<String>) {
    let shapes = model["shapes"].as_object().expect("shapes");
    out.extend(shapes.values().filter_map(|s| s.get("pattern")).filter_map(Value::as_str).map(str::to_owned));
}

#[test]
fn every_upstream_pattern() {
    let Some(shared) = chatsmith_contract_tests::shared_dir("pattern_matcher") else { return };
    let read = |path: std::path::PathBuf| -> Value {
        let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        serde_json::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
    };
    let mut patterns = BTreeSet::new();
    for service in ["connectparticipant", "chime-sdk-messaging"] {
        smithy_patterns(&read(shared.join(format!("upstream-models/smithy/{service}.json"))), &mut patterns);
        botocore_patterns(
            &read(shared.join(format!("upstream-models/botocore/{service}/service-2.json"))),
            &mut patterns,
        );
    }
    assert!(patterns.len() >= 10, "{patterns:?}");
    check_all("upstream patterns", patterns.iter().map(String::as_str));
}

#[test]
fn the_depth_limit_is_the_runtime_s() {
    assert_eq!(pattern::MAX_DEPTH, runtime::MAX_DEPTH);
}
