//! Mutations of Smithy JSON AST models, driven by a source of choices.
//!
//! Shared by the `generator` fuzz target (choices read from the fuzzer's input) and by the CI
//! property test `codegen/tests/property_generator.rs` (choices from a seeded PRNG), which
//! includes this file with `#[path]`. Depends on `serde_json` only.
#![allow(dead_code)]

use serde_json::{Map, Value, json};

/// Where the mutator's choices come from.
pub trait Choices {
    /// A number in `0..n` (`n > 0`).
    fn below(&mut self, n: usize) -> usize;

    /// True with probability about 1/`n`.
    fn one_in(&mut self, n: usize) -> bool {
        self.below(n) == 0
    }
}

/// Choices read from bytes (the fuzzer's input); zero once the bytes run out.
pub struct ByteChoices<'a> {
    bytes: &'a [u8],
}

impl<'a> ByteChoices<'a> {
    /// Choices read from `bytes`.
    pub fn new(bytes: &'a [u8]) -> Self {
        Self { bytes }
    }

    /// The bytes not read yet.
    pub fn rest(&self) -> &'a [u8] {
        self.bytes
    }
}

impl Choices for ByteChoices<'_> {
    fn below(&mut self, n: usize) -> usize {
        let mut value = 0usize;
        for _ in 0..2 {
            let Some((&b, rest)) = self.bytes.split_first() else { break };
            self.bytes = rest;
            value = (value << 8) | b as usize;
        }
        value % n.max(1)
    }
}

/// SplitMix64: a tiny seeded PRNG, deterministic on every platform.
pub struct SplitMix64(pub u64);

impl SplitMix64 {
    /// The next 64 random bits.
    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
}

impl Choices for SplitMix64 {
    fn below(&mut self, n: usize) -> usize {
        (self.next_u64() % n.max(1) as u64) as usize
    }
}

/// The kinds of mutation, for counting.
pub const KINDS: &[&str] = &[
    "drop member",
    "rename member",
    "change target",
    "corrupt trait",
    "delete shape",
    "swap type",
    "truncate text",
    "corrupt byte",
    "remove trait",
    "add trait",
    "replace any node",
    "delete any node",
    "duplicate shape under other id",
];

const NAMES: &[&str] = &[
    "",
    " ",
    "Type",
    "type",
    "self",
    "Self",
    "crate",
    "super",
    "fn",
    "r#type",
    "1abc",
    "a-b",
    "Content",
    "content",
    "CONTENT",
    "ContentType",
    "content_type",
    "\u{e9}t\u{e9}",
    "_",
    "__",
    "A",
    "ClientToken",
    "client_token",
    "Unknown",
    "Builder",
    "Input",
    "Output",
    "Error",
    "a/b",
    "a~b",
    "x#y",
    "x$y",
];

const TYPES: &[&str] = &[
    "blob",
    "boolean",
    "string",
    "byte",
    "short",
    "integer",
    "long",
    "float",
    "double",
    "bigInteger",
    "bigDecimal",
    "timestamp",
    "document",
    "enum",
    "intEnum",
    "list",
    "set",
    "map",
    "structure",
    "union",
    "service",
    "operation",
    "resource",
    "apply",
    "String",
    "",
    "nope",
];

const TRAIT_IDS: &[&str] = &[
    "smithy.api#required",
    "smithy.api#length",
    "smithy.api#range",
    "smithy.api#pattern",
    "smithy.api#http",
    "smithy.api#httpLabel",
    "smithy.api#httpHeader",
    "smithy.api#httpQuery",
    "smithy.api#httpPayload",
    "smithy.api#httpError",
    "smithy.api#error",
    "smithy.api#sensitive",
    "smithy.api#enumValue",
    "smithy.api#idempotencyToken",
    "smithy.api#jsonName",
    "smithy.api#timestampFormat",
    "smithy.api#default",
    "smithy.api#documentation",
    "smithy.api#streaming",
    "smithy.api#input",
    "smithy.api#output",
    "smithy.api#retryable",
    "aws.protocols#restJson1",
    "aws.api#service",
    "smithy.rules#endpointRuleSet",
    "chatsmith.constraints#allowedValues",
    "chatsmith.constraints#utf8Length",
    "chatsmith.constraints#jsonObject",
    "chatsmith.constraints#when",
    "unknown.ns#trait",
];

/// A JSON value of any kind, biased to what breaks generators.
pub fn random_value(c: &mut impl Choices, depth: usize) -> Value {
    match c.below(if depth > 2 { 9 } else { 12 }) {
        0 => Value::Null,
        1 => json!(c.one_in(2)),
        2 => json!([0i64, -1, 1, 2, 30, 4096, i64::MAX, i64::MIN, 1_000_000_000_000][c.below(9)]),
        3 => json!([0.5f64, -0.0, 1e308, -1e308, 1e-300][c.below(5)]),
        4 => json!(18446744073709551615u64),
        5 => Value::String(NAMES[c.below(NAMES.len())].to_owned()),
        6 => Value::String(
            [
                "^[a-z]+$",
                "(",
                "[",
                "(?=x)",
                "\\",
                "a{2,1}",
                "^$",
                ".*",
                "\\p{L}",
                "(?<n>a)\\k<n>",
                "[\\s\\S]*",
                "/x/{Y}",
                "/{a}/{a}",
                "{",
                "/",
                "POST",
                "GET",
                "2.0",
                "1.0",
                "3.0",
                "smithy.api#String",
                "com.amazonaws.connectparticipant#ChatContent",
                "a#b#c",
                "#",
                "ns#",
            ][c.below(25)]
            .to_owned(),
        ),
        7 => json!({}),
        8 => json!([]),
        9 => {
            let n = c.below(4);
            Value::Array((0..n).map(|_| random_value(c, depth + 1)).collect())
        }
        10 => {
            let mut map = Map::new();
            for _ in 0..c.below(4) {
                let key =
                    ["min", "max", "method", "uri", "code", "member", "values", "value", "target", "x"][c.below(10)];
                map.insert(key.to_owned(), random_value(c, depth + 1));
            }
            Value::Object(map)
        }
        _ => {
            // A deeply nested value.
            let mut v = Value::Null;
            for _ in 0..(1 + c.below(200)) {
                v = json!([v]);
            }
            v
        }
    }
}

fn shapes(model: &mut Value) -> Option<&mut Map<String, Value>> {
    model.get_mut("shapes")?.as_object_mut()
}

fn pick_key(c: &mut impl Choices, map: &Map<String, Value>) -> Option<String> {
    if map.is_empty() {
        return None;
    }
    map.keys().nth(c.below(map.len())).cloned()
}

/// Shape ids of every loaded file, plus a few that do not exist or are malformed.
pub fn candidate_targets(models: &[Value]) -> Vec<String> {
    let mut ids: Vec<String> = models
        .iter()
        .filter_map(|m| m.get("shapes").and_then(Value::as_object))
        .flat_map(|s| s.keys().cloned())
        .collect();
    ids.extend(
        [
            "smithy.api#String",
            "smithy.api#Integer",
            "smithy.api#Unit",
            "smithy.api#Document",
            "smithy.api#Timestamp",
            "smithy.api#Blob",
            "smithy.api#PrimitiveBoolean",
            "smithy.api#Nope",
            "com.amazonaws.connectparticipant#Missing",
            "no-namespace",
            "a#b#c",
            "",
            "#",
        ]
        .map(str::to_owned),
    );
    ids
}

/// A random structure-like container of members in the model: `(shape id, members key)`.
fn members_of<'a>(c: &mut impl Choices, model: &'a mut Value) -> Option<&'a mut Map<String, Value>> {
    let shapes = shapes(model)?;
    let with_members: Vec<String> =
        shapes.iter().filter(|(_, s)| s.get("members").is_some_and(Value::is_object)).map(|(k, _)| k.clone()).collect();
    if with_members.is_empty() {
        return None;
    }
    let id = &with_members[c.below(with_members.len())];
    shapes.get_mut(id)?.get_mut("members")?.as_object_mut()
}

/// A random `traits` object of a shape or member (created if `create`).
fn traits_of<'a>(c: &mut impl Choices, model: &'a mut Value, create: bool) -> Option<&'a mut Map<String, Value>> {
    let shapes = shapes(model)?;
    let id = pick_key(c, shapes)?;
    let shape = shapes.get_mut(&id)?.as_object_mut()?;
    let use_member = shape.get("members").and_then(Value::as_object).is_some_and(|m| !m.is_empty()) && c.one_in(2);
    let holder = if use_member {
        let members = shape.get_mut("members")?.as_object_mut()?;
        let name = pick_key(c, members)?;
        members.get_mut(&name)?.as_object_mut()?
    } else {
        shape
    };
    if create && !holder.contains_key("traits") {
        holder.insert("traits".into(), json!({}));
    }
    holder.get_mut("traits")?.as_object_mut()
}

/// A pointer to a random node of `value` (root excluded when possible).
fn random_node_path(c: &mut impl Choices, value: &Value) -> Vec<String> {
    let mut path = Vec::new();
    let mut node = value;
    loop {
        let children: Vec<String> = match node {
            Value::Object(m) => m.keys().cloned().collect(),
            Value::Array(a) => (0..a.len()).map(|i| i.to_string()).collect(),
            _ => break,
        };
        if children.is_empty() || (!path.is_empty() && c.one_in(4)) {
            break;
        }
        // At the top, mostly go into `shapes`: deleting `smithy` hides every other problem.
        let key = if path.is_empty() && children.iter().any(|k| k == "shapes") && !c.one_in(8) {
            "shapes".to_owned()
        } else {
            children[c.below(children.len())].clone()
        };
        node = match node {
            Value::Object(m) => &m[&key],
            Value::Array(a) => &a[key.parse::<usize>().expect("an index")],
            _ => unreachable!(),
        };
        path.push(key);
    }
    path
}

fn node_at<'a>(value: &'a mut Value, path: &[String]) -> Option<&'a mut Value> {
    let mut node = value;
    for key in path {
        node = match node {
            Value::Object(m) => m.get_mut(key)?,
            Value::Array(a) => a.get_mut(key.parse::<usize>().ok()?)?,
            _ => return None,
        };
    }
    Some(node)
}

/// Applies one mutation of kind `kind` (an index of [`KINDS`]) to `models[file]`, which is
/// both parsed (`models`) and as text (`texts`). Text mutations change only `texts[file]`;
/// the others re-serialize the mutated model into it. Returns whether anything changed.
pub fn mutate(c: &mut impl Choices, kind: usize, file: usize, models: &mut [Value], texts: &mut [String]) -> bool {
    let targets = candidate_targets(models);
    let model = &mut models[file];
    let changed = match kind {
        0 => members_of(c, model)
            .and_then(|m| {
                let k = pick_key(c, m)?;
                m.shift_remove(&k)
            })
            .is_some(),
        1 => members_of(c, model)
            .and_then(|m| {
                let k = pick_key(c, m)?;
                let v = m.shift_remove(&k)?;
                m.insert(NAMES[c.below(NAMES.len())].to_owned(), v);
                Some(())
            })
            .is_some(),
        2 => {
            let target = targets[c.below(targets.len())].clone();
            let change_member = c.below(3) != 0;
            let done = if change_member {
                members_of(c, model)
                    .and_then(|m| {
                        let k = pick_key(c, m)?;
                        m.get_mut(&k)?.as_object_mut()?.insert("target".into(), Value::String(target.clone()));
                        Some(())
                    })
                    .is_some()
            } else {
                false
            };
            done || shapes(model)
                .and_then(|s| {
                    // A list member, an operation input/output/error, a service operation.
                    let id = pick_key(c, s)?;
                    let shape = s.get_mut(&id)?.as_object_mut()?;
                    for key in ["member", "input", "output", "key", "value"] {
                        if let Some(Value::Object(r)) = shape.get_mut(key) {
                            r.insert("target".into(), Value::String(target.clone()));
                            return Some(());
                        }
                    }
                    for key in ["errors", "operations"] {
                        if let Some(Value::Array(a)) = shape.get_mut(key)
                            && !a.is_empty()
                        {
                            let i = c.below(a.len());
                            a[i] = json!({ "target": target });
                            return Some(());
                        }
                    }
                    None
                })
                .is_some()
        }
        3 => traits_of(c, model, false)
            .and_then(|t| {
                let k = pick_key(c, t)?;
                let v = random_value(c, 0);
                t.insert(k, v);
                Some(())
            })
            .is_some(),
        4 => shapes(model)
            .and_then(|s| {
                let k = pick_key(c, s)?;
                s.shift_remove(&k)
            })
            .is_some(),
        5 => shapes(model)
            .and_then(|s| {
                let k = pick_key(c, s)?;
                s.get_mut(&k)?
                    .as_object_mut()?
                    .insert("type".into(), Value::String(TYPES[c.below(TYPES.len())].into()));
                Some(())
            })
            .is_some(),
        6 | 7 => {
            let text = &mut texts[file];
            if text.is_empty() {
                return false;
            }
            let mut at = c.below(text.len());
            while !text.is_char_boundary(at) {
                at -= 1;
            }
            if kind == 6 {
                text.truncate(at);
            } else {
                let len = text[at..].chars().next().map_or(0, char::len_utf8);
                let by = ["\"", "{", "}", "[", "]", ",", ":", "\\", "0", "-", "\u{0}", "\u{e9}", "\u{1F600}", "", "x"]
                    [c.below(15)];
                text.replace_range(at..at + len, by);
            }
            return true;
        }
        8 => traits_of(c, model, false)
            .and_then(|t| {
                let k = pick_key(c, t)?;
                t.shift_remove(&k)
            })
            .is_some(),
        9 => {
            let id = TRAIT_IDS[c.below(TRAIT_IDS.len())];
            let value = if c.one_in(3) { json!({}) } else { random_value(c, 0) };
            traits_of(c, model, true).map(|t| t.insert(id.to_owned(), value)).is_some()
        }
        10 | 11 => {
            let path = random_node_path(c, model);
            let Some((last, parent_path)) = path.split_last() else { return false };
            let replacement = random_value(c, 0);
            match node_at(model, parent_path) {
                Some(Value::Object(m)) => {
                    if kind == 10 {
                        m.insert(last.clone(), replacement);
                    } else {
                        m.shift_remove(last);
                    }
                    true
                }
                Some(Value::Array(a)) => {
                    let i: usize = last.parse().unwrap_or(0);
                    if i < a.len() {
                        if kind == 10 {
                            a[i] = replacement;
                        } else {
                            a.remove(i);
                        }
                    }
                    true
                }
                _ => false,
            }
        }
        _ => shapes(model)
            .and_then(|s| {
                let k = pick_key(c, s)?;
                let v = s.get(&k)?.clone();
                let other = targets[c.below(targets.len())].clone();
                s.insert(other, v);
                Some(())
            })
            .is_some(),
    };
    if changed {
        texts[file] = if c.one_in(2) {
            serde_json::to_string_pretty(&models[file]).expect("a JSON value serializes")
        } else {
            serde_json::to_string(&models[file]).expect("a JSON value serializes")
        };
    }
    changed
}

/// The model files a mutation run starts from: `(name, text)`.
pub fn real_model_files(root: &std::path::Path) -> Vec<(String, String)> {
    let mut files = Vec::new();
    for dir in ["models/connectparticipant"] {
        let mut names: Vec<_> = std::fs::read_dir(root.join(dir))
            .expect("models/connectparticipant is readable")
            .map(|e| e.expect("an entry").file_name().to_string_lossy().into_owned())
            .filter(|n| n.ends_with(".json"))
            .collect();
        names.sort();
        for n in names {
            let name = format!("{dir}/{n}");
            files.push((name.clone(), std::fs::read_to_string(root.join(&name)).expect("a readable model")));
        }
    }
    let name = "models/chatsmith/constraints.json".to_owned();
    files.push((name.clone(), std::fs::read_to_string(root.join(&name)).expect("a readable model")));
    files
}

/// Mutates copies of `files` `count` times (each mutation picks a file and a kind); returns
/// the texts and the kinds applied.
pub fn mutated(c: &mut impl Choices, files: &[(String, String)], count: usize) -> (Vec<String>, Vec<usize>) {
    let mut models: Vec<Value> =
        files.iter().map(|(_, t)| serde_json::from_str(t).expect("a real model is JSON")).collect();
    let mut texts: Vec<String> = files.iter().map(|(_, t)| t.clone()).collect();
    let mut kinds = Vec::new();
    let mut text_broken = vec![false; files.len()];
    for _ in 0..count {
        let file = c.below(files.len());
        let kind = c.below(KINDS.len());
        if text_broken[file] && kind != 6 && kind != 7 {
            // The text was mutated as bytes; a JSON mutation would undo that. Mutate the text again.
            continue;
        }
        if mutate(c, kind, file, &mut models, &mut texts) {
            kinds.push(kind);
            if kind == 6 || kind == 7 {
                text_broken[file] = true;
            }
        }
    }
    (texts, kinds)
}
