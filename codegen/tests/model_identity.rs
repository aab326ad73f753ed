//! Our input models (`models/`) against the upstream AWS models they come from.
//!
//! Our models keep the upstream Smithy shapes exactly: the same shape ids, types, members, targets
//! and traits. They differ in two ways only:
//!
//! - documentation (`smithy.api#documentation`), rewritten in our own words as Markdown;
//! - the deviations listed, each with its reason, in `models/deviations.json`.
//!
//! `models/deviations.json` is `{"deviations": [entry, ...]}`; every entry has a `kind`, a
//! non-empty `reason` and exactly these other fields:
//!
//! | kind | fields | meaning |
//! |---|---|---|
//! | `subset` | `shape`, `path` | the array at `path` (a JSON pointer into the shape) keeps some of the upstream elements, in upstream order |
//! | `added` | `shape`, `path`, `value` | upstream has nothing at `path`; ours has exactly `value` there |
//! | `trait-namespace` | `namespace` | traits of this `chatsmith.*` namespace may be applied to our shapes |
//!
//! The test reads the JSON with plain serde_json (nothing from the generator) and reports every
//! problem of a kind in one failure. The checks that need the upstream models find them through
//! `chatsmith_contract_tests::shared_dir` and skip without them (fail under `CI=true`). The unit
//! tests at the end feed the checks tampered models and pin the complaints.

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::Path;

use serde_json::{Map, Value};

const DOC: &str = "smithy.api#documentation";
const TRAIT: &str = "smithy.api#trait";
const ERROR: &str = "smithy.api#error";
const DEVIATIONS_FILE: &str = "models/deviations.json";
const OUR_MODELS_DIR: &str = "models/chatsmith/";
/// The namespace of our own constraint traits, whose meaning this test checks too.
const CONSTRAINTS: &str = "chatsmith.constraints";
/// Upstream Smithy models, relative to the shared folder.
const UPSTREAM_SMITHY: [&str; 2] =
    ["upstream-models/smithy/connectparticipant.json", "upstream-models/smithy/chime-sdk-messaging.json"];
/// Other upstream documentation our docs must not copy from, relative to the shared folder.
const UPSTREAM_BOTOCORE: [&str; 2] = [
    "upstream-models/botocore/connectparticipant/service-2.json",
    "upstream-models/botocore/chime-sdk-messaging/service-2.json",
];
const SEEDS_DIR: &str = "seeds";
/// Upstream sentences at least this long (in characters) must not appear verbatim in our docs.
const MIN_SHARED_SENTENCE: usize = 60;
/// ... and have at least this many words (a long MIME type alone is no sentence).
const MIN_SENTENCE_WORDS: usize = 6;
/// Shapes of the Smithy prelude that models may target without defining them.
const PRELUDE: &[&str] = &[
    "Blob",
    "Boolean",
    "String",
    "Byte",
    "Short",
    "Integer",
    "Long",
    "Float",
    "Double",
    "BigInteger",
    "BigDecimal",
    "Timestamp",
    "Document",
    "Unit",
    "PrimitiveBoolean",
    "PrimitiveByte",
    "PrimitiveShort",
    "PrimitiveInteger",
    "PrimitiveLong",
    "PrimitiveFloat",
    "PrimitiveDouble",
];

// ------------------------------------------------------------------------------------------------
// The tests on the checked-in models

#[test]
fn model_files_are_well_formed_and_define_each_shape_once() {
    let (_, problems) = load_ours();
    assert_none("model files", &problems);
}

#[test]
fn shapes_equal_upstream_except_the_listed_deviations() {
    let Some(shared) = chatsmith_contract_tests::shared_dir("model_identity") else {
        return;
    };
    let (ours, _) = load_ours();
    let (deviations, mut problems) = parse_deviations(&read_json(&root().join(DEVIATIONS_FILE)));
    problems.extend(identity_problems(&ours, &load_upstream(&shared), &deviations));
    assert_none("models against upstream (see models/deviations.json)", &problems);
}

#[test]
fn constraint_traits_are_allowed_defined_and_well_formed() {
    let (ours, _) = load_ours();
    let (deviations, _) = parse_deviations(&read_json(&root().join(DEVIATIONS_FILE)));
    assert_none("our constraint traits", &constraint_problems(&ours, &deviations));
}

#[test]
fn closure_is_complete_and_shapes_sit_in_the_right_file() {
    let (ours, _) = load_ours();
    let mut problems = closure_problems(&ours);
    problems.extend(placement_problems(&ours));
    assert_none("model closure and file placement", &problems);
}

#[test]
fn every_shape_and_member_is_documented_in_markdown() {
    let (ours, _) = load_ours();
    assert_none("documentation", &doc_presence_problems(&ours));
}

#[test]
fn docs_are_in_our_own_words() {
    let Some(shared) = chatsmith_contract_tests::shared_dir("model_identity") else {
        return;
    };
    let (ours, _) = load_ours();
    let problems = doc_copy_problems(&ours, &load_upstream(&shared), &other_upstream_texts(&shared));
    assert_none("documentation copied from upstream", &problems);
}

fn assert_none(what: &str, problems: &[String]) {
    if !problems.is_empty() {
        panic!("{} problem(s) with {what}:\n  - {}", problems.len(), problems.join("\n  - "));
    }
}

// ------------------------------------------------------------------------------------------------
// Loading

/// One shape of our models and the file (relative to the workspace root) that defines it.
#[derive(Clone, Debug)]
struct Located {
    file: String,
    shape: Value,
}

/// Our shapes by id.
type Shapes = BTreeMap<String, Located>;

fn root() -> std::path::PathBuf {
    chatsmith_contract_tests::workspace_root()
}

fn read_json(path: &Path) -> Value {
    let text = fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{}: not valid JSON: {e}", path.display()))
}

/// Every model file under `models/` (all `*.json` but `deviations.json`) as (relative path, text).
fn model_files(root: &Path) -> Vec<(String, String)> {
    fn walk(dir: &Path, root: &Path, out: &mut Vec<(String, String)>) {
        for entry in fs::read_dir(dir).unwrap_or_else(|e| panic!("{}: {e}", dir.display())) {
            let path = entry.expect("directory entry").path();
            if path.is_dir() {
                walk(&path, root, out);
            } else if path.extension().is_some_and(|ext| ext == "json") {
                let rel = path.strip_prefix(root).expect("under root").to_string_lossy().replace('\\', "/");
                if rel != DEVIATIONS_FILE {
                    out.push((rel, fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))));
                }
            }
        }
    }
    let mut files = Vec::new();
    walk(&root.join("models"), root, &mut files);
    files.sort();
    files
}

fn load_ours() -> (Shapes, Vec<String>) {
    let files = model_files(&root());
    assert!(!files.is_empty(), "no model files under {}", root().join("models").display());
    index(&files)
}

/// Parses model files into one shape map. Problems: invalid JSON, a file that is not
/// `{"smithy": "2.0", "shapes": {...}}` pretty-printed with 2-space indent, a shape defined twice.
fn index(files: &[(String, String)]) -> (Shapes, Vec<String>) {
    let mut shapes = Shapes::new();
    let mut problems = Vec::new();
    for (file, text) in files {
        let json: Value = match serde_json::from_str(text) {
            Ok(json) => json,
            Err(e) => {
                problems.push(format!("{file}: not valid JSON: {e}"));
                continue;
            }
        };
        let Some(top) = json.as_object() else {
            problems.push(format!("{file}: the top level is not an object"));
            continue;
        };
        if top.get("smithy") != Some(&Value::from("2.0")) {
            problems.push(format!("{file}: /smithy must be \"2.0\""));
        }
        for key in top.keys().filter(|key| *key != "smithy" && *key != "shapes") {
            problems.push(format!("{file}: /{}: unexpected top-level key (only smithy and shapes)", esc(key)));
        }
        let Some(file_shapes) = top.get("shapes").and_then(Value::as_object) else {
            problems.push(format!("{file}: /shapes is missing or not an object"));
            continue;
        };
        for (id, shape) in file_shapes {
            if !id.contains('#') || shape.get("type").and_then(Value::as_str).is_none() {
                problems.push(format!("{file}: /shapes/{}: not a shape (an absolute id with a string type)", esc(id)));
                continue;
            }
            if let Some(first) = shapes.get(id) {
                problems.push(format!("{id}: defined twice, in {} and in {file}", first.file));
                continue;
            }
            shapes.insert(id.clone(), Located { file: file.clone(), shape: shape.clone() });
        }
    }
    (shapes, problems)
}

/// Upstream documentation besides the Smithy models: the botocore models' docs and the API
/// documentation seeds.
fn other_upstream_texts(shared: &Path) -> Vec<String> {
    let mut texts = Vec::new();
    for file in UPSTREAM_BOTOCORE {
        collect_documentation_strings(&read_json(&shared.join(file)), &mut texts);
    }
    let mut seeds: Vec<_> = fs::read_dir(shared.join(SEEDS_DIR))
        .expect("seeds folder")
        .map(|entry| entry.expect("seed entry").path())
        .filter(|path| path.extension().is_some_and(|ext| ext == "txt"))
        .collect();
    seeds.sort();
    assert!(!seeds.is_empty(), "no seed files in {}", shared.join(SEEDS_DIR).display());
    for seed in seeds {
        texts.push(fs::read_to_string(&seed).unwrap_or_else(|e| panic!("{}: {e}", seed.display())));
    }
    texts
}

/// All shapes of the upstream Smithy models.
fn load_upstream(shared: &Path) -> Map<String, Value> {
    let mut shapes = Map::new();
    for file in UPSTREAM_SMITHY {
        let json = read_json(&shared.join(file));
        let file_shapes = json.get("shapes").and_then(Value::as_object).unwrap_or_else(|| panic!("{file}: no shapes"));
        shapes.extend(file_shapes.clone());
    }
    shapes
}

// ------------------------------------------------------------------------------------------------
// Shape helpers

fn is_ours_ns(id: &str) -> bool {
    id.starts_with("chatsmith.")
}

fn namespace(id: &str) -> &str {
    id.split_once('#').map_or(id, |(ns, _)| ns)
}

fn is_prelude(id: &str) -> bool {
    id.strip_prefix("smithy.api#").is_some_and(|name| PRELUDE.contains(&name))
}

/// Escapes a key for a JSON pointer.
fn esc(key: &str) -> String {
    key.replace('~', "~0").replace('/', "~1")
}

fn show(value: &Value) -> String {
    let text = value.to_string();
    if text.chars().count() > 160 { text.chars().take(160).collect::<String>() + "…" } else { text }
}

fn shape_type(shape: &Value) -> &str {
    shape.get("type").and_then(Value::as_str).unwrap_or("")
}

/// Where a shape refers to other shapes: (JSON pointer, target id).
fn targets(shape: &Value) -> Vec<(String, &str)> {
    let mut out = Vec::new();
    for key in ["input", "output", "member", "key", "value"] {
        if let Some(target) = shape.get(key).and_then(|t| t.get("target")).and_then(Value::as_str) {
            out.push((format!("/{key}/target"), target));
        }
    }
    for key in ["operations", "resources", "errors"] {
        for (i, entry) in shape.get(key).and_then(Value::as_array).into_iter().flatten().enumerate() {
            if let Some(target) = entry.get("target").and_then(Value::as_str) {
                out.push((format!("/{key}/{i}/target"), target));
            }
        }
    }
    for (name, member) in members(shape) {
        if let Some(target) = member.get("target").and_then(Value::as_str) {
            out.push((format!("/members/{}/target", esc(name)), target));
        }
    }
    out
}

/// The `members` entries of a structure, union or enum.
fn members(shape: &Value) -> impl Iterator<Item = (&String, &Value)> {
    shape.get("members").and_then(Value::as_object).into_iter().flatten()
}

/// A place in a shape that can hold traits: the shape itself or one of its members.
struct Site<'a> {
    /// JSON pointer of the holder within the shape ("" for the shape).
    pointer: String,
    /// The name of a `members` entry.
    member: Option<&'a str>,
    holder: &'a Value,
}

fn sites(shape: &Value) -> Vec<Site<'_>> {
    let mut out = vec![Site { pointer: String::new(), member: None, holder: shape }];
    for key in ["member", "key", "value"] {
        if let Some(holder) = shape.get(key).filter(|holder| holder.is_object()) {
            out.push(Site { pointer: format!("/{key}"), member: None, holder });
        }
    }
    for (name, holder) in members(shape) {
        out.push(Site { pointer: format!("/members/{}", esc(name)), member: Some(name), holder });
    }
    out
}

fn traits(holder: &Value) -> impl Iterator<Item = (&String, &Value)> {
    holder.get("traits").and_then(Value::as_object).into_iter().flatten()
}

fn doc(holder: &Value) -> Option<&str> {
    holder.get("traits").and_then(|t| t.get(DOC)).and_then(Value::as_str)
}

/// Applies `edit` to every trait map of a shape (the shape's and its members'), then drops trait
/// maps left empty.
fn edit_traits(shape: &mut Value, edit: &mut dyn FnMut(&mut Map<String, Value>)) {
    fn one(holder: &mut Value, edit: &mut dyn FnMut(&mut Map<String, Value>)) {
        let Some(object) = holder.as_object_mut() else {
            return;
        };
        if let Some(Value::Object(traits)) = object.get_mut("traits") {
            edit(traits);
            if traits.is_empty() {
                object.remove("traits");
            }
        }
    }
    for key in ["member", "key", "value"] {
        if let Some(holder) = shape.get_mut(key) {
            one(holder, edit);
        }
    }
    if let Some(Value::Object(members)) = shape.get_mut("members") {
        for holder in members.values_mut() {
            one(holder, edit);
        }
    }
    one(shape, edit);
}

/// A copy of the shape without the traits `drop` selects.
fn without_traits(shape: &Value, drop: &dyn Fn(&str) -> bool) -> Value {
    let mut copy = shape.clone();
    edit_traits(&mut copy, &mut |traits| traits.retain(|id, _| !drop(id)));
    copy
}

/// The wire values an enum shape accepts.
fn enum_values(shape: &Value) -> Vec<String> {
    members(shape)
        .map(|(name, member)| {
            member
                .get("traits")
                .and_then(|t| t.get("smithy.api#enumValue"))
                .and_then(Value::as_str)
                .unwrap_or(name)
                .to_owned()
        })
        .collect()
}

/// The shape type a target resolves to ("string", "enum", ...), prelude included.
fn target_type<'a>(ours: &'a Shapes, target: &'a str) -> Option<&'a str> {
    match target.strip_prefix("smithy.api#") {
        Some(name) if is_prelude(target) => Some(match name {
            "String" => "string",
            "Boolean" | "PrimitiveBoolean" => "boolean",
            _ => "other",
        }),
        _ => ours.get(target).map(|located| shape_type(&located.shape)),
    }
}

// ------------------------------------------------------------------------------------------------
// deviations.json

#[derive(Debug)]
struct Deviation {
    /// Position in the `deviations` array.
    index: usize,
    kind: Kind,
}

#[derive(Debug)]
enum Kind {
    Subset { shape: String, path: String },
    Added { shape: String, path: String, value: Value },
    TraitNamespace { namespace: String },
}

impl Deviation {
    fn shape(&self) -> Option<&str> {
        match &self.kind {
            Kind::Subset { shape, .. } | Kind::Added { shape, .. } => Some(shape),
            Kind::TraitNamespace { .. } => None,
        }
    }

    fn describe(&self) -> String {
        let what = match &self.kind {
            Kind::Subset { shape, path } => format!("subset {shape} {path}"),
            Kind::Added { shape, path, .. } => format!("added {shape} {path}"),
            Kind::TraitNamespace { namespace } => format!("trait-namespace {namespace}"),
        };
        format!("{DEVIATIONS_FILE} /deviations/{} ({what})", self.index)
    }
}

/// Reads deviations.json strictly: a known kind, exactly its fields, a non-empty reason, no entry
/// twice.
fn parse_deviations(json: &Value) -> (Vec<Deviation>, Vec<String>) {
    let mut out = Vec::new();
    let mut problems = Vec::new();
    let top = json.as_object();
    if top.is_none_or(|top| top.len() != 1) {
        problems.push(format!("{DEVIATIONS_FILE}: the top level must be an object with the single key `deviations`"));
    }
    let Some(entries) = json.get("deviations").and_then(Value::as_array) else {
        problems.push(format!("{DEVIATIONS_FILE}: /deviations must be an array"));
        return (out, problems);
    };
    let mut seen = BTreeSet::new();
    for (index, entry) in entries.iter().enumerate() {
        let at = format!("{DEVIATIONS_FILE} /deviations/{index}");
        let Some(entry) = entry.as_object() else {
            problems.push(format!("{at}: not an object"));
            continue;
        };
        let text = |key: &str| entry.get(key).and_then(Value::as_str).map(str::to_owned);
        let kind = text("kind").unwrap_or_default();
        let fields: &[&str] = match kind.as_str() {
            "subset" => &["kind", "shape", "path", "reason"],
            "added" => &["kind", "shape", "path", "value", "reason"],
            "trait-namespace" => &["kind", "namespace", "reason"],
            _ => {
                problems
                    .push(format!("{at}: kind must be \"subset\", \"added\" or \"trait-namespace\", found {:?}", kind));
                continue;
            }
        };
        let mut complete = true;
        for field in fields {
            if !entry.contains_key(*field) {
                problems.push(format!("{at}: a {kind} entry needs `{field}`"));
                complete = false;
            }
        }
        for field in entry.keys().filter(|field| !fields.contains(&field.as_str())) {
            problems.push(format!("{at}: unknown field `{field}` for a {kind} entry (allowed: {})", fields.join(", ")));
        }
        if entry.contains_key("reason") && text("reason").is_none_or(|reason| reason.trim().is_empty()) {
            problems.push(format!("{at}: the reason is empty; say why we deviate from upstream"));
        }
        for field in ["shape", "path", "namespace"] {
            if fields.contains(&field) && entry.contains_key(field) && text(field).is_none_or(|v| v.is_empty()) {
                problems.push(format!("{at}: `{field}` must be a non-empty string"));
                complete = false;
            }
        }
        if !complete {
            continue;
        }
        let kind = match kind.as_str() {
            "subset" => Kind::Subset { shape: text("shape").unwrap(), path: text("path").unwrap() },
            "added" => Kind::Added {
                shape: text("shape").unwrap(),
                path: text("path").unwrap(),
                value: entry["value"].clone(),
            },
            _ => Kind::TraitNamespace { namespace: text("namespace").unwrap() },
        };
        match &kind {
            Kind::Subset { path, .. } | Kind::Added { path, .. } if !path.starts_with('/') => {
                problems.push(format!("{at}: path {path:?} is not a JSON pointer (it starts with `/`)"));
                continue;
            }
            Kind::TraitNamespace { namespace } if !namespace.starts_with("chatsmith.") => {
                problems.push(format!(
                    "{at}: only chatsmith.* namespaces can be allowed as a whole, not {namespace:?}; list upstream-namespace traits one by one as `added`"
                ));
                continue;
            }
            _ => {}
        }
        let key = match &kind {
            Kind::Subset { shape, path } | Kind::Added { shape, path, .. } => {
                format!("{shape} {path}")
            }
            Kind::TraitNamespace { namespace } => namespace.clone(),
        };
        if !seen.insert(key.clone()) {
            problems.push(format!("{at}: a second entry for {key}"));
            continue;
        }
        out.push(Deviation { index, kind });
    }
    (out, problems)
}

fn allowed_namespaces(deviations: &[Deviation]) -> BTreeSet<&str> {
    deviations
        .iter()
        .filter_map(|d| match &d.kind {
            Kind::TraitNamespace { namespace } => Some(namespace.as_str()),
            _ => None,
        })
        .collect()
}

// ------------------------------------------------------------------------------------------------
// Identity against upstream

/// Every difference between our shapes (outside `chatsmith.*`) and upstream that neither
/// documentation nor a listed deviation explains, and every deviation that explains nothing.
fn identity_problems(ours: &Shapes, upstream: &Map<String, Value>, deviations: &[Deviation]) -> Vec<String> {
    let mut problems = Vec::new();
    let allowed = allowed_namespaces(deviations);
    let mut used_namespaces = BTreeSet::new();
    for (id, located) in ours.iter().filter(|(id, _)| !is_ours_ns(id)) {
        let Some(theirs) = upstream.get(id) else {
            problems.push(format!(
                "{id} ({}): not in the upstream models; shapes outside chatsmith.* must come from upstream with their ids unchanged",
                located.file
            ));
            continue;
        };
        for site in sites(&located.shape) {
            for (trait_id, _) in traits(site.holder) {
                if allowed.contains(namespace(trait_id)) {
                    used_namespaces.insert(namespace(trait_id).to_owned());
                }
            }
        }
        let mut mine = without_traits(&located.shape, &|t| t == DOC || allowed.contains(namespace(t)));
        let theirs = without_traits(theirs, &|t| t == DOC);
        for deviation in deviations.iter().filter(|d| d.shape() == Some(id)) {
            apply_deviation(id, deviation, &mut mine, &theirs, &mut problems);
        }
        diff(id, "", &theirs, &mine, &mut problems);
    }
    for deviation in deviations {
        match &deviation.kind {
            Kind::Subset { shape, .. } | Kind::Added { shape, .. }
                if !ours.contains_key(shape) || is_ours_ns(shape) =>
            {
                problems.push(format!("{}: stale, {shape} is not one of our upstream shapes", deviation.describe()));
            }
            Kind::TraitNamespace { namespace } if !used_namespaces.contains(namespace) => {
                problems.push(format!("{}: stale, no shape of ours uses a trait of {namespace}", deviation.describe()));
            }
            _ => {}
        }
    }
    problems
}

/// Checks one deviation against our shape and upstream's (both without documentation) and, when
/// it holds, undoes it in `mine` so that the remaining difference is what is unexplained.
fn apply_deviation(id: &str, deviation: &Deviation, mine: &mut Value, theirs: &Value, problems: &mut Vec<String>) {
    let describe = deviation.describe();
    match &deviation.kind {
        Kind::Added { path, value, .. } => {
            if let Some(upstream_value) = theirs.pointer(path) {
                problems.push(format!(
                    "{describe}: upstream already has {} at {path}, so this is no addition",
                    show(upstream_value)
                ));
            }
            match mine.pointer(path) {
                None => problems.push(format!("{describe}: stale, {id} has nothing at {path}")),
                Some(found) if found != value => problems.push(format!(
                    "{id}: {path}: found {}, but {DEVIATIONS_FILE} lists the addition as {}",
                    show(found),
                    show(value)
                )),
                Some(_) => {}
            }
            remove_pointer(mine, path);
            edit_traits(mine, &mut |_| {});
        }
        Kind::Subset { path, .. } => {
            let (Some(Value::Array(kept)), Some(Value::Array(all))) = (mine.pointer(path), theirs.pointer(path)) else {
                problems.push(format!("{describe}: {path} must be an array both in ours and upstream"));
                return;
            };
            // Order is free: a new operation may be appended anywhere.
            for (i, element) in kept.iter().enumerate() {
                if !all.contains(element) {
                    problems.push(format!("{id}: {path}: {} is not in upstream's list", show(element)));
                } else if kept[..i].contains(element) {
                    problems.push(format!("{id}: {path}: {} is listed twice", show(element)));
                }
            }
            if kept.len() >= all.len() {
                problems.push(format!("{describe}: stale, {path} keeps every upstream element"));
            }
            let all = all.clone();
            *mine.pointer_mut(path).expect("checked above") = Value::Array(all);
        }
        Kind::TraitNamespace { .. } => {}
    }
}

fn remove_pointer(value: &mut Value, path: &str) {
    let Some((parent, last)) = path.rsplit_once('/') else {
        return;
    };
    let last = last.replace("~1", "/").replace("~0", "~");
    match value.pointer_mut(parent) {
        Some(Value::Object(object)) => {
            object.remove(&last);
        }
        Some(Value::Array(array)) => {
            if let Ok(index) = last.parse::<usize>()
                && index < array.len()
            {
                array.remove(index);
            }
        }
        _ => {}
    }
}

/// Reports every difference between `expected` (upstream) and `actual` (ours) under `path`.
fn diff(id: &str, path: &str, expected: &Value, actual: &Value, out: &mut Vec<String>) {
    match (expected, actual) {
        (Value::Object(expected), Value::Object(actual)) => {
            // A missing trait map (dropped when empty) is compared as an empty one, so that the
            // complaints name the trait (`/traits/smithy.api#sensitive`, not `/traits`).
            let empty = Value::Object(Map::new());
            for (key, want) in expected {
                let at = format!("{path}/{}", esc(key));
                match actual.get(key) {
                    Some(have) => diff(id, &at, want, have, out),
                    None if key == "traits" => diff(id, &at, want, &empty, out),
                    None => out.push(format!("{id}: {at}: missing, upstream has {}", show(want))),
                }
            }
            for (key, have) in actual.iter().filter(|(key, _)| !expected.contains_key(*key)) {
                let at = format!("{path}/{}", esc(key));
                if key == "traits" {
                    diff(id, &at, &empty, have, out);
                } else {
                    out.push(format!("{id}: {at}: not upstream and not a listed deviation, found {}", show(have)));
                }
            }
        }
        (Value::Array(want), Value::Array(have)) if want.len() == have.len() => {
            for (i, (want, have)) in want.iter().zip(have).enumerate() {
                diff(id, &format!("{path}/{i}"), want, have, out);
            }
        }
        _ if expected == actual => {}
        _ => out.push(format!(
            "{id}: {}: expected {} (upstream), found {}",
            if path.is_empty() { "/" } else { path },
            show(expected),
            show(actual)
        )),
    }
}

// ------------------------------------------------------------------------------------------------
// Our constraint traits

/// Every `chatsmith.*` trait must be allowed by deviations.json, defined in `models/chatsmith/`,
/// applied where its selector says, and have a value of the form its definition gives. Rules of
/// `chatsmith.constraints#when` must name a sibling member and values it can take.
fn constraint_problems(ours: &Shapes, deviations: &[Deviation]) -> Vec<String> {
    let mut problems = Vec::new();
    let allowed = allowed_namespaces(deviations);
    for (id, located) in ours {
        for site in sites(&located.shape) {
            for (trait_id, value) in traits(site.holder).filter(|(t, _)| is_ours_ns(t)) {
                let at = format!("{id}: {}/traits/{}", site.pointer, esc(trait_id));
                if !is_ours_ns(id) && !allowed.contains(namespace(trait_id)) {
                    problems.push(format!(
                        "{at}: the namespace {} is not allowed by {DEVIATIONS_FILE} (add a trait-namespace entry with a reason)",
                        namespace(trait_id)
                    ));
                }
                let Some(definition) =
                    ours.get(trait_id).filter(|d| d.shape.get("traits").and_then(|t| t.get(TRAIT)).is_some())
                else {
                    problems
                        .push(format!("{at}: {trait_id} is not defined (no shape with {TRAIT} in {OUR_MODELS_DIR})"));
                    continue;
                };
                match definition.shape["traits"][TRAIT].get("selector").and_then(Value::as_str) {
                    Some("member") if site.member.is_none() => problems.push(format!(
                        "{at}: {trait_id} applies to members of a structure (selector `member`), not here"
                    )),
                    Some("member") => {}
                    other => problems
                        .push(format!("{at}: {trait_id} has selector {other:?}; this test supports only \"member\"")),
                }
                let before = problems.len();
                check_value(ours, trait_id, value, &at, &mut problems);
                if problems.len() == before
                    && namespace(trait_id) == CONSTRAINTS
                    && let Some(name) = site.member
                {
                    let member = &located.shape["members"][name];
                    check_constraint_meaning(ours, &located.shape, name, member, trait_id, value, &at, &mut problems);
                }
            }
        }
    }
    problems
}

/// Checks a trait value against the shape that defines its form.
fn check_value(ours: &Shapes, shape_id: &str, value: &Value, at: &str, problems: &mut Vec<String>) {
    if let Some(name) = shape_id.strip_prefix("smithy.api#") {
        let ok = match name {
            "String" => value.is_string(),
            "Boolean" | "PrimitiveBoolean" => value.is_boolean(),
            "Integer" | "Long" | "Short" | "Byte" | "PrimitiveInteger" | "PrimitiveLong" => value.is_i64(),
            _ => {
                problems.push(format!("{at}: the form uses {shape_id}, which this test cannot check"));
                return;
            }
        };
        if !ok {
            problems.push(format!("{at}: expected a {name}, found {}", show(value)));
        }
        return;
    }
    let Some(definition) = ours.get(shape_id) else {
        problems.push(format!("{at}: the form refers to {shape_id}, which is not defined"));
        return;
    };
    let shape = &definition.shape;
    let length = shape.get("traits").and_then(|t| t.get("smithy.api#length"));
    let check_length = |count: usize, problems: &mut Vec<String>| {
        let count = count as i64;
        if let Some(min) = length.and_then(|l| l.get("min")).and_then(Value::as_i64).filter(|min| count < *min) {
            problems.push(format!("{at}: needs at least {min} entries, has {count}"));
        }
        if let Some(max) = length.and_then(|l| l.get("max")).and_then(Value::as_i64).filter(|max| count > *max) {
            problems.push(format!("{at}: allows at most {max} entries, has {count}"));
        }
    };
    match shape_type(shape) {
        "structure" => {
            let Some(object) = value.as_object() else {
                problems.push(format!("{at}: expected an object ({shape_id}), found {}", show(value)));
                return;
            };
            let fields: Vec<&String> = members(shape).map(|(name, _)| name).collect();
            for (key, field) in object {
                match shape["members"].get(key) {
                    Some(member) => check_value(
                        ours,
                        member["target"].as_str().unwrap_or(""),
                        field,
                        &format!("{at}/{}", esc(key)),
                        problems,
                    ),
                    None => problems.push(format!(
                        "{at}: unknown field `{key}` ({shape_id} has {})",
                        fields.iter().map(|f| format!("`{f}`")).collect::<Vec<_>>().join(", ")
                    )),
                }
            }
            for (name, member) in members(shape) {
                let required = member.get("traits").is_some_and(|t| t.get("smithy.api#required").is_some());
                if required && !object.contains_key(name) {
                    problems.push(format!("{at}: missing required field `{name}` of {shape_id}"));
                }
            }
        }
        "list" => {
            let Some(array) = value.as_array() else {
                problems.push(format!("{at}: expected an array ({shape_id}), found {}", show(value)));
                return;
            };
            check_length(array.len(), problems);
            let target = shape.get("member").and_then(|m| m.get("target")).and_then(Value::as_str).unwrap_or("");
            for (i, element) in array.iter().enumerate() {
                check_value(ours, target, element, &format!("{at}/{i}"), problems);
            }
        }
        "string" => match value.as_str() {
            Some(text) => check_length(text.chars().count(), problems),
            None => problems.push(format!("{at}: expected a string ({shape_id}), found {}", show(value))),
        },
        other => {
            problems.push(format!("{at}: the form uses a {other} shape ({shape_id}), which this test cannot check"))
        }
    }
}

/// What the well-formed value of a `chatsmith.constraints` trait must also satisfy.
#[allow(clippy::too_many_arguments)]
fn check_constraint_meaning(
    ours: &Shapes,
    structure: &Value,
    name: &str,
    member: &Value,
    trait_id: &str,
    value: &Value,
    at: &str,
    problems: &mut Vec<String>,
) {
    let target = member.get("target").and_then(Value::as_str).unwrap_or("");
    let is_string = target_type(ours, target) == Some("string");
    let range = |range: &Value, at: &str, problems: &mut Vec<String>| {
        let (min, max) = (range.get("min").and_then(Value::as_i64), range.get("max").and_then(Value::as_i64));
        if min.is_none() && max.is_none() {
            problems.push(format!("{at}: gives neither min nor max"));
        }
        if min.is_some_and(|min| min < 0) || max.is_some_and(|max| max < 0) {
            problems.push(format!("{at}: a bound is negative"));
        }
        if let (Some(min), Some(max)) = (min, max)
            && min > max
        {
            problems.push(format!("{at}: min {min} is greater than max {max}"));
        }
    };
    let needs_string = |what: &str, problems: &mut Vec<String>| {
        if !is_string {
            problems.push(format!("{at}: {what} applies to strings, but {name} targets {target}"));
        }
    };
    match trait_id.split_once('#').map_or("", |(_, name)| name) {
        "allowedValues" => {
            needs_string("allowedValues", problems);
            let mut seen = BTreeSet::new();
            for entry in value.as_array().into_iter().flatten() {
                let listed = entry["value"].as_str().unwrap_or("");
                if !seen.insert(listed) {
                    problems.push(format!("{at}: {listed:?} is listed twice"));
                }
            }
        }
        "utf8Length" => {
            needs_string("utf8Length", problems);
            range(value, at, problems);
        }
        "jsonObject" => needs_string("jsonObject", problems),
        "when" => {
            for (i, rule) in value.as_array().into_iter().flatten().enumerate() {
                let at = format!("{at}/{i}");
                let sibling_name = rule["member"].as_str().unwrap_or("");
                let Some(sibling) = structure["members"].get(sibling_name).filter(|_| sibling_name != name) else {
                    problems.push(format!("{at}/member: {sibling_name:?} is not another member of this structure"));
                    continue;
                };
                let sibling_target = sibling.get("target").and_then(Value::as_str).unwrap_or("");
                let known: Option<Vec<String>> = if target_type(ours, sibling_target) == Some("enum") {
                    Some(enum_values(&ours[sibling_target].shape))
                } else {
                    sibling.get("traits").and_then(|t| t.get(format!("{CONSTRAINTS}#allowedValues").as_str())).map(
                        |values| {
                            values
                                .as_array()
                                .into_iter()
                                .flatten()
                                .filter_map(|v| v["value"].as_str().map(str::to_owned))
                                .collect()
                        },
                    )
                };
                for (j, wanted) in rule["values"].as_array().into_iter().flatten().enumerate() {
                    let wanted = wanted.as_str().unwrap_or("");
                    if known.as_ref().is_some_and(|known| !known.iter().any(|k| k == wanted)) {
                        problems.push(format!(
                            "{at}/values/{j}: {sibling_name} never has the value {wanted:?} (it takes {})",
                            known.as_ref().map(|k| k.join(", ")).unwrap_or_default()
                        ));
                    }
                }
                let flag = |key: &str| rule.get(key).and_then(Value::as_bool) == Some(true);
                let constraints: Vec<&str> =
                    ["length", "utf8Length", "jsonObject"].into_iter().filter(|key| rule.get(*key).is_some()).collect();
                if !flag("required") && !flag("forbidden") && constraints.is_empty() {
                    problems.push(format!(
                        "{at}: constrains nothing (give required, forbidden, length, utf8Length or jsonObject)"
                    ));
                }
                if flag("forbidden") && (flag("required") || !constraints.is_empty()) {
                    problems.push(format!("{at}: a forbidden member cannot also be required or constrained"));
                }
                for key in &constraints {
                    needs_string(key, problems);
                }
                for key in ["length", "utf8Length"] {
                    if let Some(bounds) = rule.get(key) {
                        range(bounds, &format!("{at}/{key}"), problems);
                    }
                }
            }
        }
        _ => {}
    }
}

// ------------------------------------------------------------------------------------------------
// Closure and placement

/// The shapes reachable from `start`, each with where it is first referred to. Unknown targets
/// are reported.
fn reach(ours: &Shapes, start: &[&str], problems: &mut Vec<String>) -> BTreeSet<String> {
    let mut seen = BTreeSet::new();
    let mut stack: Vec<String> = start.iter().map(|s| (*s).to_owned()).collect();
    while let Some(id) = stack.pop() {
        if !seen.insert(id.clone()) {
            continue;
        }
        let shape = &ours[&id].shape;
        for (pointer, target) in targets(shape) {
            if is_prelude(target) {
                continue;
            }
            if ours.contains_key(target) {
                stack.push(target.to_owned());
            } else {
                problems.push(format!(
                    "{id}: {pointer}: {target} is not defined in our models (nor in the Smithy prelude)"
                ));
            }
        }
    }
    seen
}

/// Our upstream-derived shapes are exactly those reachable from our services' operations.
fn closure_problems(ours: &Shapes) -> Vec<String> {
    let mut problems = Vec::new();
    let services: Vec<&str> = ours
        .iter()
        .filter(|(id, located)| !is_ours_ns(id) && shape_type(&located.shape) == "service")
        .map(|(id, _)| id.as_str())
        .collect();
    if services.is_empty() {
        problems.push("no service shape in our models".to_owned());
    }
    for service in &services {
        if ours[*service].shape.get("resources").is_some() {
            problems.push(format!("{service}: /resources: our models keep no resources; list the operations directly"));
        }
    }
    let reached = reach(ours, &services, &mut problems);
    for (id, located) in ours.iter().filter(|(id, _)| !is_ours_ns(id) && !reached.contains(*id)) {
        problems.push(format!("{id} ({}): not reachable from any operation of our services; remove it", located.file));
    }
    let ours_ns: Vec<&str> = ours.keys().filter(|id| is_ours_ns(id)).map(String::as_str).collect();
    reach(ours, &ours_ns, &mut problems);
    problems
}

/// `SendChannelMessage` -> `send-channel-message`.
fn kebab(name: &str) -> String {
    let chars: Vec<char> = name.chars().collect();
    let mut out = String::new();
    for (i, c) in chars.iter().enumerate() {
        let after_lower = i > 0 && (chars[i - 1].is_lowercase() || chars[i - 1].is_ascii_digit());
        let acronym_end = i > 0 && chars[i - 1].is_uppercase() && chars.get(i + 1).is_some_and(|n| n.is_lowercase());
        if c.is_uppercase() && (after_lower || acronym_end) {
            out.push('-');
        }
        out.extend(c.to_lowercase());
    }
    out
}

/// Where shapes live: `models/<service>/service.json` holds the service, the error structures and
/// the shapes more than one operation uses; `models/<service>/<operation>.json` holds one operation
/// and the shapes only it uses; `models/chatsmith/` holds our namespace and nothing else.
fn placement_problems(ours: &Shapes) -> Vec<String> {
    let mut problems = Vec::new();
    let mut folders: BTreeMap<&str, Vec<&str>> = BTreeMap::new();
    for (id, located) in ours {
        let in_our_folder = located.file.starts_with(OUR_MODELS_DIR);
        if is_ours_ns(id) != in_our_folder {
            problems
                .push(format!("{id} ({}): chatsmith.* shapes belong in {OUR_MODELS_DIR}, and only they", located.file));
            continue;
        }
        if !in_our_folder {
            let folder = located.file.rsplit_once('/').map_or("", |(folder, _)| folder);
            folders.entry(folder).or_default().push(id);
        }
    }
    for (folder, ids) in folders {
        let service_file = format!("{folder}/service.json");
        let services: Vec<&str> = ids.iter().copied().filter(|id| shape_type(&ours[*id].shape) == "service").collect();
        let [service] = services[..] else {
            problems.push(format!("{folder}: needs exactly one service shape, has {}", services.len()));
            continue;
        };
        if ours[service].file != service_file {
            problems.push(format!("{service}: the service shape belongs in {service_file}"));
        }
        let mut ignored = Vec::new();
        let mut users: BTreeMap<String, BTreeSet<&str>> = BTreeMap::new();
        let mut op_files = BTreeMap::new();
        for (_, op) in targets(&ours[service].shape).into_iter().filter(|(p, _)| p.starts_with("/operations/")) {
            let Some(located) = ours.get(op) else {
                continue;
            };
            let file = format!("{folder}/{}.json", kebab(op.split_once('#').map_or(op, |(_, name)| name)));
            if located.file != file {
                problems.push(format!("{op} ({}): an operation belongs in {file}", located.file));
            }
            op_files.insert(file, op);
            for id in reach(ours, &[op], &mut ignored) {
                users.entry(id).or_default().insert(op);
            }
        }
        for id in ids.into_iter().filter(|id| *id != service) {
            let located = &ours[id];
            let used_by = users.get(id).cloned().unwrap_or_default();
            let list = |ops: &BTreeSet<&str>| ops.iter().copied().collect::<Vec<_>>().join(", ");
            let is_error = located.shape.get("traits").is_some_and(|t| t.get(ERROR).is_some());
            if located.file == service_file {
                if !is_error && used_by.len() < 2 {
                    problems.push(format!(
                        "{id} ({service_file}): used by {} operation(s) ({}); service.json holds only errors and shapes shared by operations",
                        used_by.len(),
                        list(&used_by)
                    ));
                }
            } else if let Some(op) = op_files.get(&located.file) {
                if is_error {
                    problems.push(format!("{id} ({}): error structures belong in {service_file}", located.file));
                } else if used_by.len() != 1 || !used_by.contains(op) {
                    problems.push(format!(
                        "{id} ({}): used by {}, so it belongs {}",
                        located.file,
                        if used_by.is_empty() { "no operation".to_owned() } else { list(&used_by) },
                        if used_by.len() > 1 {
                            format!("in {service_file}")
                        } else {
                            "with the operation that uses it".to_owned()
                        }
                    ));
                }
            } else {
                problems.push(format!(
                    "{id} ({}): this file is neither service.json nor one operation's file",
                    located.file
                ));
            }
        }
    }
    problems
}

// ------------------------------------------------------------------------------------------------
// Documentation

/// Every documentation text of ours: (location, text). Besides `smithy.api#documentation` of
/// shapes and members, the notes inside our constraint traits (`documentation`, `deprecated`).
fn our_docs(ours: &Shapes) -> Vec<(String, &str)> {
    fn notes<'a>(value: &'a Value, at: &str, out: &mut Vec<(String, &'a str)>) {
        match value {
            Value::Object(object) => {
                for (key, value) in object {
                    match (key.as_str(), value.as_str()) {
                        ("documentation" | "deprecated", Some(text)) => out.push((format!("{at}/{key}"), text)),
                        _ => notes(value, &format!("{at}/{}", esc(key)), out),
                    }
                }
            }
            Value::Array(array) => {
                for (i, value) in array.iter().enumerate() {
                    notes(value, &format!("{at}/{i}"), out);
                }
            }
            _ => {}
        }
    }
    let mut out = Vec::new();
    for (id, located) in ours {
        for site in sites(&located.shape) {
            let location = match site.member {
                Some(member) => format!("{id}${member}"),
                None if site.pointer.is_empty() => id.clone(),
                None => format!("{id}{}", site.pointer),
            };
            for (trait_id, value) in traits(site.holder) {
                if trait_id == DOC {
                    out.push((location.clone(), value.as_str().unwrap_or("")));
                } else if is_ours_ns(trait_id) {
                    notes(value, &format!("{location} {trait_id}"), &mut out);
                }
            }
        }
    }
    out
}

/// Every shape and `members` entry has documentation, and no documentation of ours holds HTML.
fn doc_presence_problems(ours: &Shapes) -> Vec<String> {
    let mut problems = Vec::new();
    for (id, located) in ours {
        for site in sites(&located.shape) {
            let location = match site.member {
                Some(member) => format!("{id}${member}"),
                None if site.pointer.is_empty() => id.clone(),
                None => continue, // list and map members are described by their shape
            };
            if doc(site.holder).is_none_or(|text| text.trim().is_empty()) {
                problems.push(format!("{location} ({}): no documentation", located.file));
            }
        }
    }
    for (location, text) in our_docs(ours) {
        if let Some(markup) = html_in(text) {
            problems.push(format!("{location}: HTML {markup:?} in documentation; write Markdown"));
        }
    }
    problems
}

/// The first HTML tag or entity in a Markdown text, ignoring code spans and autolinks.
fn html_in(text: &str) -> Option<String> {
    let mut in_code = false;
    let chars: Vec<char> = text.chars().collect();
    for (i, c) in chars.iter().enumerate() {
        match c {
            '`' => in_code = !in_code,
            '<' if !in_code => {
                let rest: String = chars[i + 1..].iter().take_while(|c| **c != '>' && **c != '<').collect();
                let name: String =
                    rest.trim_start_matches('/').chars().take_while(|c| c.is_ascii_alphanumeric()).collect();
                let after = rest.trim_start_matches('/')[name.len()..].chars().next();
                let closed = chars.get(i + 1 + rest.chars().count()) == Some(&'>');
                if closed
                    && name.starts_with(|c: char| c.is_ascii_alphabetic())
                    && matches!(after, None | Some(' ' | '/' | '\n'))
                {
                    return Some(format!("<{rest}>"));
                }
            }
            '&' if !in_code => {
                let name: String =
                    chars[i + 1..].iter().take_while(|c| c.is_ascii_alphanumeric() || **c == '#').collect();
                if !name.is_empty() && chars.get(i + 1 + name.chars().count()) == Some(&';') {
                    return Some(format!("&{name};"));
                }
            }
            _ => {}
        }
    }
    None
}

/// Text without markup, for comparing wording: tags and autolinks dropped, Markdown links reduced
/// to their text, code and emphasis marks dropped, whitespace collapsed, lowercase.
fn plain(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(c) = rest.chars().next() {
        if c == '<'
            && let Some(end) = rest.find('>')
        {
            out.push(' ');
            rest = &rest[end + 1..];
            continue;
        }
        if c == ']'
            && rest.starts_with("](")
            && let Some(end) = rest.find(')')
        {
            rest = &rest[end + 1..];
            continue;
        }
        if !matches!(c, '`' | '*' | '[' | ']' | '\\') {
            out.push(c);
        }
        rest = &rest[c.len_utf8()..];
    }
    let out =
        out.replace("__", "").replace("&amp;", "&").replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"");
    out.split_whitespace().collect::<Vec<_>>().join(" ").to_lowercase()
}

/// The sentences of an upstream text at least `MIN_SHARED_SENTENCE` characters and
/// `MIN_SENTENCE_WORDS` words long, in `plain` form without the final stop. Blank lines and block
/// tags (`<p>`, `<li>`, ...) end sentences too; inline tags (`<code>`, `<a>`, ...) are dropped.
fn long_sentences(text: &str, out: &mut BTreeSet<String>) {
    const BLOCK_TAGS: &[&str] =
        &["p", "li", "ul", "ol", "note", "important", "br", "div", "dl", "dt", "dd", "table", "tr", "td", "th"];
    let mut broken = String::with_capacity(text.len());
    let mut tag: Option<String> = None;
    for c in text.chars() {
        match (&mut tag, c) {
            (None, '<') => tag = Some(String::new()),
            (Some(inside), '>') => {
                let name: String =
                    inside.trim_start_matches('/').chars().take_while(char::is_ascii_alphanumeric).collect();
                if BLOCK_TAGS.contains(&name.to_ascii_lowercase().as_str()) {
                    broken.push_str("\n\n");
                }
                tag = None;
            }
            (Some(inside), c) => inside.push(c),
            (None, c) => broken.push(c),
        }
    }
    let mut paragraphs = vec![String::new()];
    for line in broken.lines() {
        if line.trim().is_empty() {
            paragraphs.push(String::new());
        } else {
            let last = paragraphs.last_mut().expect("one paragraph");
            last.push(' ');
            last.push_str(line);
        }
    }
    for paragraph in paragraphs {
        let paragraph = plain(&paragraph);
        let mut start = 0;
        let bytes = paragraph.as_bytes();
        for i in 0..=bytes.len() {
            let end = i == bytes.len() || (matches!(bytes[i], b'.' | b'!' | b'?') && bytes.get(i + 1) == Some(&b' '));
            if end {
                let sentence = paragraph[start..i].trim().trim_end_matches(['.', '!', '?']).trim();
                if sentence.chars().count() >= MIN_SHARED_SENTENCE && sentence.split(' ').count() >= MIN_SENTENCE_WORDS
                {
                    out.insert(sentence.to_owned());
                }
                start = (i + 1).min(bytes.len());
            }
        }
    }
}

/// Every string under a `documentation` key (botocore models).
fn collect_documentation_strings(value: &Value, out: &mut Vec<String>) {
    match value {
        Value::Object(object) => {
            for (key, value) in object {
                match value {
                    Value::String(text) if key == "documentation" => out.push(text.clone()),
                    _ => collect_documentation_strings(value, out),
                }
            }
        }
        Value::Array(array) => array.iter().for_each(|value| collect_documentation_strings(value, out)),
        _ => {}
    }
}

/// No doc of ours equals the upstream doc it replaces, and none repeats a long upstream sentence
/// (from the upstream Smithy docs or `other_texts`: botocore docs, the API documentation seeds).
fn doc_copy_problems(ours: &Shapes, upstream: &Map<String, Value>, other_texts: &[String]) -> Vec<String> {
    let mut problems = Vec::new();
    let mut sentences = BTreeSet::new();
    for (id, shape) in upstream {
        for site in sites(shape) {
            let Some(theirs) = doc(site.holder) else {
                continue;
            };
            long_sentences(theirs, &mut sentences);
            let Some(mine) = ours.get(id).and_then(|located| located.shape.pointer(&site.pointer)).and_then(doc) else {
                continue;
            };
            if plain(mine) == plain(theirs) {
                let location = site.member.map_or_else(|| id.clone(), |member| format!("{id}${member}"));
                problems.push(format!("{location}: the documentation is upstream's, not ours"));
            }
        }
    }
    for text in other_texts {
        long_sentences(text, &mut sentences);
    }
    for (location, text) in our_docs(ours) {
        let mine = plain(text);
        for sentence in sentences.iter().filter(|sentence| mine.contains(sentence.as_str())) {
            problems.push(format!("{location}: repeats an upstream sentence verbatim: \"{sentence}\""));
        }
    }
    problems
}

// ------------------------------------------------------------------------------------------------
// The checks catch tampering

mod catches {
    use super::*;
    use serde_json::json;

    /// A small upstream model: a service with two operations, one of which ours keeps.
    fn upstream() -> Map<String, Value> {
        let up = json!({
            "ex#Svc": {"type": "service", "version": "1", "operations": [{"target": "ex#Other"}, {"target": "ex#Op"}],
                "traits": {"smithy.api#documentation": "<p>The example service lets callers send a thing to another place.</p>"}},
            "ex#Op": {"type": "operation", "input": {"target": "ex#OpInput"}, "errors": [{"target": "ex#Boom"}],
                "traits": {"smithy.api#documentation": "<p>Sends a thing to the other side of the wire, quickly and reliably.</p>",
                    "smithy.api#http": {"method": "POST", "uri": "/op", "code": 200}}},
            "ex#OpInput": {"type": "structure", "members": {
                    "Kind": {"target": "ex#Kind", "traits": {"smithy.api#required": {}}},
                    "Body": {"target": "ex#Body", "traits": {"smithy.api#documentation": "<p>The body.</p>"}}},
                "traits": {"smithy.api#input": {}}},
            "ex#Kind": {"type": "enum", "members": {
                "A": {"target": "smithy.api#Unit", "traits": {"smithy.api#enumValue": "a"}},
                "B": {"target": "smithy.api#Unit", "traits": {"smithy.api#enumValue": "b"}}}},
            "ex#Body": {"type": "string", "traits": {"smithy.api#length": {"min": 1, "max": 100}}},
            "ex#Boom": {"type": "structure", "members": {"Message": {"target": "smithy.api#String"}},
                "traits": {"smithy.api#documentation": "<p>Boom.</p>", "smithy.api#error": "client"}},
            "ex#Other": {"type": "operation"}
        });
        up.as_object().unwrap().clone()
    }

    fn our_files() -> Vec<(String, Value)> {
        let d = |text: &str| json!({"smithy.api#documentation": text});
        vec![
            (
                "models/ex/service.json".to_owned(),
                json!({"smithy": "2.0", "shapes": {
                    "ex#Svc": {"type": "service", "version": "1", "operations": [{"target": "ex#Op"}], "traits": d("Example service.")},
                    "ex#Boom": {"type": "structure", "members": {"Message": {"target": "smithy.api#String", "traits": d("What went wrong.")}},
                        "traits": {"smithy.api#documentation": "It failed.", "smithy.api#error": "client"}}
                }}),
            ),
            (
                "models/ex/op.json".to_owned(),
                json!({"smithy": "2.0", "shapes": {
                    "ex#Op": {"type": "operation", "input": {"target": "ex#OpInput"}, "errors": [{"target": "ex#Boom"}],
                        "traits": {"smithy.api#documentation": "Sends a thing.",
                            "smithy.api#http": {"method": "POST", "uri": "/op", "code": 200}, "smithy.api#auth": []}},
                    "ex#OpInput": {"type": "structure", "members": {
                            "Kind": {"target": "ex#Kind", "traits": {"smithy.api#documentation": "Which kind.", "smithy.api#required": {}}},
                            "Body": {"target": "ex#Body", "traits": {"smithy.api#documentation": "Payload.",
                                "chatsmith.constraints#when": [{"member": "Kind", "values": ["a"], "utf8Length": {"max": 10},
                                    "documentation": "Kind `a` is short."}]}}},
                        "traits": {"smithy.api#documentation": "Input.", "smithy.api#input": {}}},
                    "ex#Kind": {"type": "enum", "members": {
                            "A": {"target": "smithy.api#Unit", "traits": {"smithy.api#documentation": "First.", "smithy.api#enumValue": "a"}},
                            "B": {"target": "smithy.api#Unit", "traits": {"smithy.api#documentation": "Second.", "smithy.api#enumValue": "b"}}},
                        "traits": d("Kind of thing.")},
                    "ex#Body": {"type": "string", "traits": {"smithy.api#documentation": "A body.", "smithy.api#length": {"min": 1, "max": 100}}}
                }}),
            ),
        ]
    }

    fn deviations() -> Value {
        json!({"deviations": [
            {"kind": "subset", "shape": "ex#Svc", "path": "/operations", "reason": "Only Op is needed."},
            {"kind": "added", "shape": "ex#Op", "path": "/traits/smithy.api#auth", "value": [], "reason": "Op is not signed."},
            {"kind": "trait-namespace", "namespace": "chatsmith.constraints", "reason": "Our constraints."}
        ]})
    }

    /// Our fixture shapes plus the real constraint trait definitions.
    fn shapes(files: Vec<(String, Value)>) -> Shapes {
        let mut texts: Vec<(String, String)> =
            files.into_iter().map(|(file, json)| (file, serde_json::to_string_pretty(&json).unwrap() + "\n")).collect();
        let constraints = "models/chatsmith/constraints.json";
        texts.push((constraints.to_owned(), fs::read_to_string(root().join(constraints)).unwrap()));
        let (shapes, problems) = index(&texts);
        assert_eq!(problems, Vec::<String>::new());
        shapes
    }

    /// Every complaint of every check, as the real tests make them.
    fn complaints(ours: &Shapes, deviations: &Value) -> Vec<String> {
        let (parsed, mut problems) = parse_deviations(deviations);
        problems.extend(identity_problems(ours, &upstream(), &parsed));
        problems.extend(constraint_problems(ours, &parsed));
        problems.extend(closure_problems(ours));
        problems.extend(placement_problems(ours));
        problems.extend(doc_presence_problems(ours));
        problems.extend(doc_copy_problems(ours, &upstream(), &[]));
        problems
    }

    fn tampered(edit: impl FnOnce(&mut Shapes)) -> Vec<String> {
        let mut ours = shapes(our_files());
        edit(&mut ours);
        complaints(&ours, &deviations())
    }

    fn at<'a>(ours: &'a mut Shapes, id: &str, pointer: &str) -> &'a mut Value {
        ours.get_mut(id).unwrap().shape.pointer_mut(pointer).unwrap_or_else(|| panic!("{id} {pointer}"))
    }

    fn assert_has(problems: &[String], expected: &str) {
        assert!(
            problems.iter().any(|p| p == expected),
            "expected the complaint\n    {expected}\namong\n    {}",
            problems.join("\n    ")
        );
    }

    #[test]
    fn the_untouched_fixture_passes() {
        assert_eq!(tampered(|_| {}), Vec::<String>::new());
    }

    #[test]
    fn a_changed_length_limit_is_reported_with_path_and_both_values() {
        let problems = tampered(|ours| *at(ours, "ex#Body", "/traits/smithy.api#length/max") = json!(50));
        assert_eq!(problems, ["ex#Body: /traits/smithy.api#length/max: expected 100 (upstream), found 50"]);
    }

    #[test]
    fn all_differences_are_reported_at_once() {
        let problems = tampered(|ours| {
            *at(ours, "ex#Body", "/traits/smithy.api#length/max") = json!(50);
            *at(ours, "ex#OpInput", "/members/Kind/target") = json!("ex#Body");
            at(ours, "ex#Op", "/traits").as_object_mut().unwrap().remove("smithy.api#http");
        });
        assert_has(&problems, "ex#Body: /traits/smithy.api#length/max: expected 100 (upstream), found 50");
        assert_has(&problems, "ex#OpInput: /members/Kind/target: expected \"ex#Kind\" (upstream), found \"ex#Body\"");
        assert_has(
            &problems,
            "ex#Op: /traits/smithy.api#http: missing, upstream has {\"method\":\"POST\",\"uri\":\"/op\",\"code\":200}",
        );
    }

    #[test]
    fn a_trait_added_without_a_deviation_is_reported() {
        let problems = tampered(|ours| {
            at(ours, "ex#Body", "/traits").as_object_mut().unwrap().insert("smithy.api#sensitive".into(), json!({}));
        });
        assert_eq!(
            problems,
            ["ex#Body: /traits/smithy.api#sensitive: not upstream and not a listed deviation, found {}"]
        );
    }

    #[test]
    fn an_addition_with_another_value_than_listed_is_reported() {
        let problems = tampered(|ours| *at(ours, "ex#Op", "/traits/smithy.api#auth") = json!(["aws.auth#sigv4"]));
        assert_eq!(
            problems,
            [
                "ex#Op: /traits/smithy.api#auth: found [\"aws.auth#sigv4\"], but models/deviations.json lists the addition as []"
            ]
        );
    }

    #[test]
    fn stale_deviations_are_reported() {
        let mut ours = shapes(our_files());
        at(&mut ours, "ex#Op", "/traits").as_object_mut().unwrap().remove("smithy.api#auth");
        let mut deviations = deviations();
        deviations["deviations"].as_array_mut().unwrap().extend([
            json!({"kind": "added", "shape": "ex#Gone", "path": "/traits/smithy.api#sensitive", "value": {}, "reason": "x"}),
            json!({"kind": "trait-namespace", "namespace": "chatsmith.unused", "reason": "x"}),
        ]);
        let problems = complaints(&ours, &deviations);
        assert_has(
            &problems,
            "models/deviations.json /deviations/1 (added ex#Op /traits/smithy.api#auth): stale, ex#Op has nothing at /traits/smithy.api#auth",
        );
        assert_has(
            &problems,
            "models/deviations.json /deviations/3 (added ex#Gone /traits/smithy.api#sensitive): stale, ex#Gone is not one of our upstream shapes",
        );
        assert_has(
            &problems,
            "models/deviations.json /deviations/4 (trait-namespace chatsmith.unused): stale, no shape of ours uses a trait of chatsmith.unused",
        );
    }

    #[test]
    fn a_subset_keeping_everything_or_inventing_an_operation_is_reported() {
        let all =
            tampered(|ours| *at(ours, "ex#Svc", "/operations") = json!([{"target": "ex#Other"}, {"target": "ex#Op"}]));
        assert_has(
            &all,
            "models/deviations.json /deviations/0 (subset ex#Svc /operations): stale, /operations keeps every upstream element",
        );
        let invented = tampered(|ours| {
            at(ours, "ex#Svc", "/operations").as_array_mut().unwrap().push(json!({"target": "ex#New"}))
        });
        assert_has(&invented, "ex#Svc: /operations: {\"target\":\"ex#New\"} is not in upstream's list");
    }

    #[test]
    fn a_deviation_that_changes_an_upstream_value_is_no_addition() {
        let mut deviations = deviations();
        deviations["deviations"].as_array_mut().unwrap().push(
            json!({"kind": "added", "shape": "ex#Body", "path": "/traits/smithy.api#length", "value": {"min": 1, "max": 50}, "reason": "x"}),
        );
        let mut ours = shapes(our_files());
        *at(&mut ours, "ex#Body", "/traits/smithy.api#length/max") = json!(50);
        let problems = complaints(&ours, &deviations);
        assert_has(
            &problems,
            "models/deviations.json /deviations/3 (added ex#Body /traits/smithy.api#length): upstream already has {\"min\":1,\"max\":100} at /traits/smithy.api#length, so this is no addition",
        );
    }

    #[test]
    fn malformed_deviation_entries_are_reported() {
        let (parsed, problems) = parse_deviations(&json!({"deviations": [
            {"kind": "added", "shape": "ex#Op", "path": "/traits/smithy.api#auth", "value": [], "reason": "  "},
            {"kind": "removed", "shape": "ex#Op", "reason": "x"},
            {"kind": "subset", "shape": "ex#Svc", "path": "operations", "reason": "x", "note": "?"},
            {"kind": "trait-namespace", "namespace": "smithy.api", "reason": "x"},
            {"kind": "added", "shape": "ex#Op", "path": "/traits/smithy.api#auth", "value": [], "reason": "again"}
        ]}));
        assert_eq!(
            problems,
            [
                "models/deviations.json /deviations/0: the reason is empty; say why we deviate from upstream",
                "models/deviations.json /deviations/1: kind must be \"subset\", \"added\" or \"trait-namespace\", found \"removed\"",
                "models/deviations.json /deviations/2: unknown field `note` for a subset entry (allowed: kind, shape, path, reason)",
                "models/deviations.json /deviations/2: path \"operations\" is not a JSON pointer (it starts with `/`)",
                "models/deviations.json /deviations/3: only chatsmith.* namespaces can be allowed as a whole, not \"smithy.api\"; list upstream-namespace traits one by one as `added`",
                "models/deviations.json /deviations/4: a second entry for ex#Op /traits/smithy.api#auth",
            ]
        );
        assert_eq!(parsed.len(), 1);
    }

    #[test]
    fn our_traits_need_the_namespace_allowed_and_a_definition() {
        let mut deviations = deviations();
        deviations["deviations"].as_array_mut().unwrap().pop();
        let problems = complaints(&shapes(our_files()), &deviations);
        assert_has(
            &problems,
            "ex#OpInput: /members/Body/traits/chatsmith.constraints#when: the namespace chatsmith.constraints is not allowed by models/deviations.json (add a trait-namespace entry with a reason)",
        );
        assert_has(
            &problems,
            "ex#OpInput: /members/Body/traits/chatsmith.constraints#when: not upstream and not a listed deviation, found [{\"member\":\"Kind\",\"values\":[\"a\"],\"utf8Length\":{\"max\":10},\"documentation\":\"Kind `a` is short.\"}]",
        );

        let problems = tampered(|ours| {
            at(ours, "ex#OpInput", "/members/Body/traits")
                .as_object_mut()
                .unwrap()
                .insert("chatsmith.constraints#maxBytes".into(), json!(4));
        });
        assert_eq!(
            problems,
            [
                "ex#OpInput: /members/Body/traits/chatsmith.constraints#maxBytes: chatsmith.constraints#maxBytes is not defined (no shape with smithy.api#trait in models/chatsmith/)"
            ]
        );
    }

    #[test]
    fn constraint_trait_values_are_checked_against_their_definitions() {
        let problems = tampered(|ours| {
            *at(ours, "ex#OpInput", "/members/Body/traits/chatsmith.constraints#when/0") =
                json!({"member": "Kind", "values": ["c"], "utf8Length": {"max": 10}, "maxLength": 3});
            at(ours, "ex#OpInput", "/members/Kind/traits")
                .as_object_mut()
                .unwrap()
                .insert("chatsmith.constraints#allowedValues".into(), json!([{"deprecated": "old"}]));
            at(ours, "ex#OpInput", "/traits")
                .as_object_mut()
                .unwrap()
                .insert("chatsmith.constraints#jsonObject".into(), json!({"stringMembers": ["id"]}));
        });
        assert_eq!(
            problems,
            [
                "ex#OpInput: /traits/chatsmith.constraints#jsonObject: chatsmith.constraints#jsonObject applies to members of a structure (selector `member`), not here",
                "ex#OpInput: /members/Kind/traits/chatsmith.constraints#allowedValues/0: missing required field `value` of chatsmith.constraints#AllowedValue",
                "ex#OpInput: /members/Body/traits/chatsmith.constraints#when/0: unknown field `maxLength` (chatsmith.constraints#WhenRule has `member`, `values`, `required`, `forbidden`, `length`, `utf8Length`, `jsonObject`, `documentation`)",
            ]
        );
    }

    #[test]
    fn when_rules_must_name_a_sibling_and_its_values() {
        let problems = tampered(|ours| {
            *at(ours, "ex#OpInput", "/members/Body/traits/chatsmith.constraints#when") = json!([
                {"member": "Kind", "values": ["a", "c"], "length": {"min": 5, "max": 2}},
                {"member": "Body", "values": ["x"], "required": true},
                {"member": "Kind", "values": ["b"], "forbidden": true, "required": true},
                {"member": "Kind", "values": ["b"]}
            ]);
        });
        assert_eq!(
            problems,
            [
                "ex#OpInput: /members/Body/traits/chatsmith.constraints#when/0/values/1: Kind never has the value \"c\" (it takes a, b)",
                "ex#OpInput: /members/Body/traits/chatsmith.constraints#when/0/length: min 5 is greater than max 2",
                "ex#OpInput: /members/Body/traits/chatsmith.constraints#when/1/member: \"Body\" is not another member of this structure",
                "ex#OpInput: /members/Body/traits/chatsmith.constraints#when/2: a forbidden member cannot also be required or constrained",
                "ex#OpInput: /members/Body/traits/chatsmith.constraints#when/3: constrains nothing (give required, forbidden, length, utf8Length or jsonObject)",
            ]
        );
    }

    #[test]
    fn missing_extra_and_misplaced_shapes_are_reported() {
        let mut files = our_files();
        files[1].1["shapes"].as_object_mut().unwrap().remove("ex#Kind");
        files[0].1["shapes"]["ex#Stray"] = json!({"type": "string", "traits": {"smithy.api#documentation": "Unused."}});
        let ours = shapes(files);
        let problems = complaints(&ours, &deviations());
        assert_has(
            &problems,
            "ex#OpInput: /members/Kind/target: ex#Kind is not defined in our models (nor in the Smithy prelude)",
        );
        assert_has(
            &problems,
            "ex#Stray (models/ex/service.json): not reachable from any operation of our services; remove it",
        );
        assert_has(
            &problems,
            "ex#Stray (models/ex/service.json): not in the upstream models; shapes outside chatsmith.* must come from upstream with their ids unchanged",
        );

        let mut files = our_files();
        let body = files[1].1["shapes"].as_object_mut().unwrap().remove("ex#Body").unwrap();
        files[0].1["shapes"]["ex#Body"] = body;
        let problems = complaints(&shapes(files), &deviations());
        assert_eq!(
            problems,
            [
                "ex#Body (models/ex/service.json): used by 1 operation(s) (ex#Op); service.json holds only errors and shapes shared by operations"
            ]
        );
    }

    #[test]
    fn a_shape_defined_twice_is_reported() {
        let files = [
            ("models/a.json".to_owned(), "{\"smithy\": \"2.0\", \"shapes\": {\"ex#S\": {\"type\": \"string\"}}}\n".to_owned()),
            ("models/b.json".to_owned(), "{\n  \"smithy\": \"2.0\",\n  \"shapes\": {\n    \"ex#S\": {\n      \"type\": \"string\"\n    }\n  }\n}\n".to_owned()),
        ];
        let (_, problems) = index(&files);
        assert_eq!(problems, ["ex#S: defined twice, in models/a.json and in models/b.json"]);
    }

    #[test]
    fn missing_html_and_copied_docs_are_reported() {
        let problems = tampered(|ours| {
            at(ours, "ex#Kind", "/members/A/traits").as_object_mut().unwrap().remove(DOC);
            *at(ours, "ex#Kind", "/traits/smithy.api#documentation") =
                json!("Kind of <b>thing</b>; `<p>` in code and <https://example.com> are fine.");
            *at(ours, "ex#OpInput", "/members/Body/traits/smithy.api#documentation") = json!("The body.");
            *at(ours, "ex#Op", "/traits/smithy.api#documentation") =
                json!("It **sends a thing to the other side of the wire, quickly and reliably**, we hope.");
        });
        assert_eq!(
            problems,
            [
                "ex#Kind$A (models/ex/op.json): no documentation",
                "ex#Kind: HTML \"<b>\" in documentation; write Markdown",
                "ex#OpInput$Body: the documentation is upstream's, not ours",
                "ex#Op: repeats an upstream sentence verbatim: \"sends a thing to the other side of the wire, quickly and reliably\"",
            ]
        );
    }

    #[test]
    fn the_real_models_with_a_changed_limit_fail_against_upstream() {
        let Some(shared) = chatsmith_contract_tests::shared_dir("model_identity") else {
            return;
        };
        let (mut ours, _) = load_ours();
        let (deviations, _) = parse_deviations(&read_json(&root().join(DEVIATIONS_FILE)));
        *at(&mut ours, "com.amazonaws.connectparticipant#ChatContent", "/traits/smithy.api#length/max") = json!(1024);
        ours.get_mut("com.amazonaws.chimesdkmessaging#ChimeArn").unwrap().shape["traits"]
            .as_object_mut()
            .unwrap()
            .insert("smithy.api#sensitive".into(), json!({}));
        let problems = identity_problems(&ours, &load_upstream(&shared), &deviations);
        assert_eq!(
            problems,
            [
                "com.amazonaws.chimesdkmessaging#ChimeArn: /traits/smithy.api#sensitive: not upstream and not a listed deviation, found {}",
                "com.amazonaws.connectparticipant#ChatContent: /traits/smithy.api#length/max: expected 16384 (upstream), found 1024",
            ]
        );
    }

    #[test]
    fn the_real_models_with_copied_docs_fail() {
        let Some(shared) = chatsmith_contract_tests::shared_dir("model_identity") else {
            return;
        };
        let (mut ours, _) = load_ours();
        // Upstream's doc of this member, and a sentence that only the API documentation seeds have.
        *at(
            &mut ours,
            "com.amazonaws.chimesdkmessaging#Target",
            "/members/MemberArn/traits/smithy.api#documentation",
        ) = json!("<p>The ARN of the target channel member.</p>");
        *at(&mut ours, "com.amazonaws.connectparticipant#SendEvent", "/traits/smithy.api#documentation") =
            json!("Note: ``ConnectionToken`` is used for invoking this API instead of ``ParticipantToken``.");
        let problems = doc_copy_problems(&ours, &load_upstream(&shared), &other_upstream_texts(&shared));
        assert_eq!(
            problems,
            [
                "com.amazonaws.chimesdkmessaging#Target$MemberArn: the documentation is upstream's, not ours",
                "com.amazonaws.connectparticipant#SendEvent: repeats an upstream sentence verbatim: \"connectiontoken is used for invoking this api instead of participanttoken\"",
            ]
        );
        assert_eq!(
            doc_presence_problems(&ours),
            ["com.amazonaws.chimesdkmessaging#Target$MemberArn: HTML \"<p>\" in documentation; write Markdown"]
        );
    }

    #[test]
    fn kebab_case_file_names() {
        assert_eq!(kebab("SendChannelMessage"), "send-channel-message");
        assert_eq!(kebab("GetHTTPThing2Go"), "get-http-thing2-go");
    }
}
