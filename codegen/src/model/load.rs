//! Step 1 of the pipeline: read model files and merge them into one [`Model`].
//!
//! Files are merged the way Smithy assembles a model: a shape may appear in several files
//! only with the same definition; `apply` statements add traits to shapes defined elsewhere.
//! Every problem is collected, located by file and JSON pointer.

use super::{Kind, Location, Member, Model, Ref, Shape, Traits, prelude};
use crate::diag::{Diagnostics, ModelErrors};
use serde_json::{Map, Value};
use std::collections::BTreeMap;

/// One model file's text and the name errors should use for it.
#[derive(Clone, Debug)]
pub struct ModelSource {
    /// The file name as shown in errors (`models/connectparticipant/send-message.json`).
    pub name: String,
    /// The file's contents.
    pub text: String,
}

/// Parses and merges model files; the Smithy prelude is added.
pub fn load(sources: &[ModelSource]) -> Result<Model, ModelErrors> {
    let mut diags = Diagnostics::default();
    let mut shapes: BTreeMap<String, (Shape, Value)> = BTreeMap::new();
    let mut applies: Vec<(String, Traits, Location)> = Vec::new();
    for source in sources {
        let Some(root) = parse_json(source, &mut diags) else { continue };
        let file = Loader { file: &source.name, diags: &mut diags };
        for (shape, raw) in file.shapes(&root, &mut applies) {
            match shapes.get(&shape.id) {
                Some((first, first_raw)) if *first_raw != raw => diags.at(
                    &shape.at,
                    format!(
                        "shape {} is also defined, differently, at {}: {}",
                        shape.id, first.at.file, first.at.pointer
                    ),
                ),
                Some(_) => {}
                None => {
                    shapes.insert(shape.id.clone(), (shape, raw));
                }
            }
        }
    }
    let mut model = Model { shapes: shapes.into_iter().map(|(id, (shape, _))| (id, shape)).collect() };
    for shape in prelude::shapes() {
        model.shapes.entry(shape.id.clone()).or_insert(shape);
    }
    apply_mixins(&mut model, &mut diags);
    for (target, traits, at) in applies {
        apply(&mut model, &target, traits, &at, &mut diags);
    }
    diags.into_result(model)
}

fn parse_json(source: &ModelSource, diags: &mut Diagnostics) -> Option<Value> {
    match serde_json::from_str::<Value>(&source.text) {
        Ok(value) => Some(value),
        Err(err) => {
            let what = err.to_string();
            // serde_json appends " at line L column C"; the location is reported on its own.
            let what = what.split(" at line ").next().unwrap_or(&what).to_owned();
            diags.push(
                &source.name,
                format!("line {}, column {}", err.line(), err.column()),
                format!("invalid JSON: {what}"),
            );
            None
        }
    }
}

/// Copies the members and traits of each shape's mixins into it, the way Smithy flattens
/// mixins: mixin members come first, in mixin order; a member the shape declares again keeps
/// its place and adds its own traits; the shape's own traits win over its mixins', and a
/// mixin's `smithy.api#mixin` trait and its `localTraits` are not inherited.
fn apply_mixins(model: &mut Model, diags: &mut Diagnostics) {
    let ids: Vec<String> = model.shapes.values().filter(|s| !s.mixins.is_empty()).map(|s| s.id.clone()).collect();
    let mut done = std::collections::BTreeSet::new();
    for id in ids {
        flatten(model, &id, &mut done, &mut Vec::new(), diags);
    }
}

fn flatten(
    model: &mut Model,
    id: &str,
    done: &mut std::collections::BTreeSet<String>,
    stack: &mut Vec<String>,
    diags: &mut Diagnostics,
) {
    if done.contains(id) {
        return;
    }
    let Some(shape) = model.shapes.get(id) else { return };
    if stack.iter().any(|s| s == id) {
        diags.at(&shape.at, format!("shape {id} is its own mixin (through {})", stack.join(", ")));
        return;
    }
    let mixins = shape.mixins.clone();
    stack.push(id.to_owned());
    for mixin in &mixins {
        flatten(model, &mixin.target, done, stack, diags);
    }
    stack.pop();
    done.insert(id.to_owned());
    let mut members: Vec<Member> = Vec::new();
    let mut traits = Traits::new();
    for mixin in &mixins {
        let Some(source) = model.shapes.get(&mixin.target) else {
            diags.at(&mixin.at, format!("unknown mixin {}", mixin.target));
            continue;
        };
        if !source.has("smithy.api#mixin") {
            diags.at(&mixin.at, format!("{} is not a mixin (it lacks the smithy.api#mixin trait)", mixin.target));
            continue;
        }
        let local: Vec<&str> = source
            .traits
            .get("smithy.api#mixin")
            .and_then(|m| m.get("localTraits"))
            .and_then(Value::as_array)
            .map(|l| l.iter().filter_map(Value::as_str).collect())
            .unwrap_or_default();
        for (trait_id, value) in &source.traits {
            if trait_id != "smithy.api#mixin" && !local.contains(&trait_id.as_str()) {
                traits.insert(trait_id.clone(), value.clone());
            }
        }
        for member in &source.members {
            if !members.iter().any(|m| m.name == member.name) {
                members.push(member.clone());
            }
        }
    }
    let shape = model.shapes.get_mut(id).expect("looked up above");
    for own in std::mem::take(&mut shape.members) {
        match members.iter_mut().find(|m| m.name == own.name) {
            Some(inherited) => {
                inherited.traits.extend(own.traits);
                inherited.at = own.at;
            }
            None => members.push(own),
        }
    }
    shape.members = members;
    for (trait_id, value) in std::mem::take(&mut shape.traits) {
        traits.insert(trait_id, value);
    }
    shape.traits = traits;
}

fn apply(model: &mut Model, target: &str, traits: Traits, at: &Location, diags: &mut Diagnostics) {
    let (shape_id, member) = match target.split_once('$') {
        Some((shape, member)) => (shape, Some(member)),
        None => (target, None),
    };
    let Some(shape) = model.shapes.get_mut(shape_id) else {
        diags.at(at, format!("`apply` to unknown shape {target}"));
        return;
    };
    let slot = match member {
        None => &mut shape.traits,
        Some(name) => match shape.members.iter_mut().find(|m| m.name == name) {
            Some(member) => &mut member.traits,
            None => {
                diags.at(at, format!("`apply` to unknown member {target}"));
                return;
            }
        },
    };
    for (id, value) in traits {
        if slot.get(&id).is_some_and(|old| *old != value) {
            diags.at(at, format!("`apply` of trait {id} conflicts with the value already on {target}"));
        } else {
            slot.insert(id, value);
        }
    }
}

struct Loader<'a> {
    file: &'a str,
    diags: &'a mut Diagnostics,
}

impl Loader<'_> {
    fn at(&self, pointer: String) -> Location {
        Location { file: self.file.to_owned(), pointer }
    }

    fn shapes(mut self, root: &Value, applies: &mut Vec<(String, Traits, Location)>) -> Vec<(Shape, Value)> {
        let top = self.at(String::new());
        let Some(root) = root.as_object() else {
            self.diags.at(&top, "a model file must be a JSON object with `smithy` and `shapes`");
            return Vec::new();
        };
        match root.get("smithy").and_then(Value::as_str) {
            Some("2" | "2.0") => {}
            Some(other) => self.diags.at(
                &top.child("smithy"),
                format!("unsupported Smithy version {other:?}: this generator reads Smithy JSON AST 2.0"),
            ),
            None => self.diags.at(&top.child("smithy"), "missing `smithy` version (expected \"2.0\")"),
        }
        let Some(shapes) = root.get("shapes") else { return Vec::new() };
        let Some(shapes) = shapes.as_object() else {
            self.diags.at(&top.child("shapes"), "`shapes` must be an object of shape id to shape");
            return Vec::new();
        };
        let mut out = Vec::new();
        for (id, body) in shapes {
            let at = top.child("shapes").child(id);
            if !valid_shape_id(id) {
                self.diags.at(&at, format!("invalid shape id {id:?}: expected `namespace#Name`"));
                continue;
            }
            let Some(object) = body.as_object() else {
                self.diags.at(&at, "a shape must be a JSON object");
                continue;
            };
            let traits = self.traits(object, &at);
            let kind_name = object.get("type").and_then(Value::as_str);
            if kind_name == Some("apply") {
                applies.push((id.clone(), traits, at));
                continue;
            }
            if id.contains('$') {
                self.diags.at(&at, format!("invalid shape id {id:?}: member ids are allowed only in `apply`"));
                continue;
            }
            let Some(kind) = kind_name.and_then(Kind::parse) else {
                let found = kind_name.map_or("nothing".to_owned(), |k| format!("{k:?}"));
                self.diags.at(&at.child("type"), format!("unknown shape type {found}"));
                continue;
            };
            let shape = self.shape(id, kind, object, traits, at);
            out.push((shape, body.clone()));
        }
        out
    }

    fn shape(&mut self, id: &str, kind: Kind, object: &Map<String, Value>, traits: Traits, at: Location) -> Shape {
        let mut shape = Shape::new(id, kind, traits, at);
        shape.mixins = self.refs(object, &shape.at, "mixins");
        match kind {
            Kind::List | Kind::Set => shape.members = self.fixed_members(object, &shape.at, &["member"]),
            Kind::Map => shape.members = self.fixed_members(object, &shape.at, &["key", "value"]),
            kind if kind.has_members() => shape.members = self.members(object, &shape.at),
            Kind::Operation => {
                shape.input = self.optional_ref(object, &shape.at, "input");
                shape.output = self.optional_ref(object, &shape.at, "output");
                shape.errors = self.refs(object, &shape.at, "errors");
            }
            Kind::Service | Kind::Resource => {
                shape.operations = self.refs(object, &shape.at, "operations");
                for lifecycle in ["create", "put", "read", "update", "delete", "list"] {
                    shape.operations.extend(self.optional_ref(object, &shape.at, lifecycle));
                }
                shape.operations.extend(self.refs(object, &shape.at, "collectionOperations"));
                shape.resources = self.refs(object, &shape.at, "resources");
                shape.errors = self.refs(object, &shape.at, "errors");
                shape.version = object.get("version").and_then(Value::as_str).map(str::to_owned);
                shape.rename = self.rename(object, &shape.at);
            }
            _ => {}
        }
        shape
    }

    fn traits(&mut self, object: &Map<String, Value>, at: &Location) -> Traits {
        match object.get("traits") {
            None => Traits::new(),
            Some(Value::Object(traits)) => {
                let mut out = Traits::new();
                for (id, value) in traits {
                    if valid_shape_id(id) {
                        out.insert(id.clone(), value.clone());
                    } else {
                        self.diags.at(
                            &at.child("traits").child(id),
                            format!("invalid trait id {id:?}: expected `namespace#name`"),
                        );
                    }
                }
                out
            }
            Some(_) => {
                self.diags.at(&at.child("traits"), "`traits` must be an object of trait id to value");
                Traits::new()
            }
        }
    }

    fn members(&mut self, object: &Map<String, Value>, at: &Location) -> Vec<Member> {
        match object.get("members") {
            None => Vec::new(),
            Some(Value::Object(members)) => {
                let at = at.child("members");
                members.iter().filter_map(|(name, body)| self.member(name, body, at.child(name))).collect()
            }
            Some(_) => {
                self.diags.at(&at.child("members"), "`members` must be an object of member name to member");
                Vec::new()
            }
        }
    }

    fn fixed_members(&mut self, object: &Map<String, Value>, at: &Location, names: &[&str]) -> Vec<Member> {
        let mut out = Vec::new();
        for name in names {
            match object.get(*name) {
                Some(body) => out.extend(self.member(name, body, at.child(name))),
                None => self.diags.at(at, format!("missing `{name}`")),
            }
        }
        out
    }

    fn member(&mut self, name: &str, body: &Value, at: Location) -> Option<Member> {
        let Some(object) = body.as_object() else {
            self.diags.at(&at, "a member must be a JSON object with a `target`");
            return None;
        };
        let target = self.target(object, &at)?;
        let traits = self.traits(object, &at);
        Some(Member { name: name.to_owned(), target, traits, at })
    }

    fn target(&mut self, object: &Map<String, Value>, at: &Location) -> Option<Ref> {
        match object.get("target") {
            Some(Value::String(target)) => Some(Ref { target: target.clone(), at: at.child("target") }),
            Some(_) => {
                self.diags.at(&at.child("target"), "`target` must be a shape id string");
                None
            }
            None => {
                self.diags.at(at, "missing `target`");
                None
            }
        }
    }

    fn optional_ref(&mut self, object: &Map<String, Value>, at: &Location, key: &str) -> Option<Ref> {
        let value = object.get(key)?;
        let at = at.child(key);
        match value.as_object() {
            Some(object) => self.target(object, &at),
            None => {
                self.diags.at(&at, format!("`{key}` must be an object with a `target`"));
                None
            }
        }
    }

    fn refs(&mut self, object: &Map<String, Value>, at: &Location, key: &str) -> Vec<Ref> {
        let Some(value) = object.get(key) else { return Vec::new() };
        let at = at.child(key);
        let Some(items) = value.as_array() else {
            self.diags.at(&at, format!("`{key}` must be a list of `{{\"target\": ...}}` objects"));
            return Vec::new();
        };
        let mut out = Vec::new();
        for (index, item) in items.iter().enumerate() {
            let at = at.child(&index.to_string());
            match item.as_object() {
                Some(object) => out.extend(self.target(object, &at)),
                None => self.diags.at(&at, "expected an object with a `target`"),
            }
        }
        out
    }

    fn rename(&mut self, object: &Map<String, Value>, at: &Location) -> BTreeMap<String, String> {
        let Some(value) = object.get("rename") else { return BTreeMap::new() };
        let at = at.child("rename");
        let Some(entries) = value.as_object() else {
            self.diags.at(&at, "`rename` must be an object of shape id to new name");
            return BTreeMap::new();
        };
        let mut out = BTreeMap::new();
        for (id, name) in entries {
            match name.as_str() {
                Some(name) => {
                    out.insert(id.clone(), name.to_owned());
                }
                None => self.diags.at(&at.child(id), "a new name must be a string"),
            }
        }
        out
    }
}

/// `namespace#Name` (or `namespace#Name$member`), with Smithy identifier characters.
fn valid_shape_id(id: &str) -> bool {
    let Some((namespace, rest)) = id.split_once('#') else { return false };
    let name = rest.split_once('$').map_or(rest, |(name, _)| name);
    let member_ok = rest.split_once('$').is_none_or(|(_, member)| valid_identifier(member));
    !namespace.is_empty() && namespace.split('.').all(valid_identifier) && valid_identifier(name) && member_ok
}

/// A Smithy identifier: a letter or `_`, then letters, digits and `_`, not only underscores.
pub(crate) fn valid_identifier(name: &str) -> bool {
    let mut chars = name.chars();
    let first_ok = chars.next().is_some_and(|c| c.is_ascii_alphabetic() || c == '_');
    first_ok && chars.all(|c| c.is_ascii_alphanumeric() || c == '_') && name.chars().any(|c| c != '_')
}
