//! Step 2 of the pipeline: refuse what the generator cannot honour, before anything is written.
//!
//! These are structural checks on the selected service's closure: every reference resolves,
//! the protocol is restJson1, HTTP bindings agree with their URI, names can become Rust.
//! Trait values are checked where they are read, during lowering.

use crate::diag::Diagnostics;
use crate::model::{Kind, Location, Model, Shape, shape_name};
use std::collections::{BTreeSet, VecDeque};

/// The protocol trait this generator implements.
pub const REST_JSON: &str = "aws.protocols#restJson1";

const PROTOCOLS: &[&str] = &[
    "aws.protocols#awsJson1_0",
    "aws.protocols#awsJson1_1",
    "aws.protocols#awsQuery",
    "aws.protocols#ec2Query",
    "aws.protocols#restXml",
    "smithy.protocols#rpcv2Cbor",
];

/// Picks the service to generate: `wanted` if given, else the only one.
pub fn select_service<'m>(model: &'m Model, wanted: Option<&str>, diags: &mut Diagnostics) -> Option<&'m Shape> {
    let services: Vec<&Shape> = model.services().collect();
    match wanted {
        Some(id) => {
            let found = services.iter().copied().find(|s| s.id == id);
            if found.is_none() {
                let known: Vec<&str> = services.iter().map(|s| s.id.as_str()).collect();
                diags.push(
                    "<arguments>",
                    "",
                    format!("--service {id}: no such service in the model (services: {})", list_or_none(&known)),
                );
            }
            found
        }
        None => match services.as_slice() {
            [only] => Some(only),
            [] => {
                // Said of the model's first file, where a service shape would be listed.
                let ours =
                    |s: &&Shape| s.at.file == "<prelude>" || crate::model::namespace(&s.id).starts_with("chatsmith.");
                let file = model.shapes.values().filter(|s| !ours(s)).map(|s| s.at.file.as_str()).next();
                diags.push(file.unwrap_or("<arguments>"), "/shapes", "the model defines no service shape");
                None
            }
            many => {
                let ids: Vec<&str> = many.iter().map(|s| s.id.as_str()).collect();
                diags.push(
                    "<arguments>",
                    "",
                    format!("the model defines several services; pick one with --service ({})", ids.join(", ")),
                );
                None
            }
        },
    }
}

fn list_or_none(items: &[&str]) -> String {
    if items.is_empty() { "none".into() } else { items.join(", ") }
}

/// Every check, on the closure of `service`.
pub fn check(model: &Model, service: &Shape, diags: &mut Diagnostics) {
    check_protocol(service, diags);
    let closure = closure(model, service, diags);
    for id in &closure {
        let Some(shape) = model.get(id) else { continue };
        check_members(model, shape, diags);
        match shape.kind {
            Kind::Operation => check_operation(model, shape, diags),
            Kind::Union if shape.has("smithy.api#streaming") => diags.at(
                &shape.at,
                "event streams (`@streaming` unions) are not supported by this generator; remove the operation or generate without it",
            ),
            _ => {}
        }
    }
}

fn check_protocol(service: &Shape, diags: &mut Diagnostics) {
    if service.has(REST_JSON) {
        return;
    }
    let found: Vec<&str> = PROTOCOLS.iter().copied().filter(|p| service.has(p)).collect();
    let message = if found.is_empty() {
        format!("service {} has no protocol trait; this generator supports only {REST_JSON}", service.id)
    } else {
        format!("unsupported protocol {}: this generator supports only {REST_JSON}", found.join(", "))
    };
    diags.at(&service.at.child("traits"), message);
}

/// The shape ids reachable from `service`, reporting unknown targets on the way.
pub fn closure(model: &Model, service: &Shape, diags: &mut Diagnostics) -> BTreeSet<String> {
    let mut seen = BTreeSet::from([service.id.clone()]);
    let mut queue = VecDeque::from([service]);
    while let Some(shape) = queue.pop_front() {
        for (reference, expected) in references(shape) {
            let Some(target) = model.get(&reference.target) else {
                diags.at(&reference.at, unknown_shape(model, &reference.target));
                continue;
            };
            if let Some(problem) = expected.refuses(target) {
                diags.at(&reference.at, format!("{} is {problem}", target.id));
                continue;
            }
            if seen.insert(target.id.clone()) {
                queue.push_back(target);
            }
        }
    }
    seen
}

/// What a reference may point at.
#[derive(Clone, Copy)]
enum Expect {
    Value,
    Structure,
    Error,
    Operation,
    Resource,
}

impl Expect {
    fn refuses(self, target: &Shape) -> Option<String> {
        let kind = format!("{:?}", target.kind).to_lowercase();
        let ok = match self {
            Expect::Value => !matches!(target.kind, Kind::Service | Kind::Operation | Kind::Resource),
            Expect::Structure => target.kind == Kind::Structure,
            Expect::Error => target.kind == Kind::Structure && target.has("smithy.api#error"),
            Expect::Operation => target.kind == Kind::Operation,
            Expect::Resource => target.kind == Kind::Resource,
        };
        let wanted = match self {
            Expect::Value => "a member target",
            Expect::Structure => "a structure",
            Expect::Error => "a structure with @error",
            Expect::Operation => "an operation",
            Expect::Resource => "a resource",
        };
        (!ok).then(|| {
            let article = if kind.starts_with(['a', 'e', 'i', 'o', 'u']) { "an" } else { "a" };
            format!("{article} {kind}, not {wanted}")
        })
    }
}

fn references(shape: &Shape) -> Vec<(&crate::model::Ref, Expect)> {
    let members = shape.members.iter().filter(|_| shape.kind != Kind::Enum && shape.kind != Kind::IntEnum);
    members
        .map(|m| (&m.target, Expect::Value))
        .chain(shape.input.iter().map(|r| (r, Expect::Structure)))
        .chain(shape.output.iter().map(|r| (r, Expect::Structure)))
        .chain(shape.errors.iter().map(|r| (r, Expect::Error)))
        .chain(shape.operations.iter().map(|r| (r, Expect::Operation)))
        .chain(shape.resources.iter().map(|r| (r, Expect::Resource)))
        .collect()
}

/// The candidate closest to `wanted` by edit distance, if it is close enough to be a typo.
pub(crate) fn closest<'a>(wanted: &str, candidates: impl Iterator<Item = &'a str>) -> Option<&'a str> {
    closest_by(wanted, candidates, |c| c)
}

/// [`closest`], comparing `key(candidate)` with `wanted` (ties go to the smaller candidate).
fn closest_by<'a>(wanted: &str, candidates: impl Iterator<Item = &'a str>, key: fn(&str) -> &str) -> Option<&'a str> {
    candidates
        .map(|c| (edit_distance(key(c), wanted), c))
        .filter(|(distance, _)| *distance <= 2.max(wanted.len() / 4))
        .min()
        .map(|(_, c)| c)
}

/// Prelude shapes are suggested only for a prelude id.
fn unknown_shape(model: &Model, id: &str) -> String {
    let candidates = model.shapes.keys().map(String::as_str).filter(|candidate| {
        !candidate.starts_with("smithy.api#") || !id.contains('#') || id.starts_with("smithy.api#")
    });
    match closest_by(shape_name(id), candidates, shape_name) {
        Some(candidate) => format!("unknown shape {id} (did you mean {candidate}?)"),
        None => format!("unknown shape {id}"),
    }
}

fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut previous = row[0];
        row[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let substitution = previous + usize::from(ca != *cb);
            previous = row[j + 1];
            row[j + 1] = substitution.min(row[j] + 1).min(previous + 1);
        }
    }
    row[b.len()]
}

fn check_members(model: &Model, shape: &Shape, diags: &mut Diagnostics) {
    if !matches!(shape.kind, Kind::Structure | Kind::Union | Kind::Enum | Kind::IntEnum) {
        return;
    }
    if shape.members.is_empty() && shape.kind != Kind::Structure {
        let kind = format!("{:?}", shape.kind).to_lowercase();
        diags.at(&shape.at, format!("{kind} {} has no members; Smithy requires at least one", shape.id));
    }
    let mut fields: Vec<(String, &Location, &str)> = Vec::new();
    for member in &shape.members {
        if !crate::model::valid_identifier(&member.name) {
            diags.at(&member.at, format!("member name {:?} cannot become a Rust identifier (use letters, digits and `_`, not starting with a digit)", member.name));
            continue;
        }
        let rust = if matches!(shape.kind, Kind::Enum | Kind::IntEnum) {
            crate::names::camel(&member.name)
        } else {
            crate::names::snake(&member.name)
        };
        if let Some((_, _, other)) = fields.iter().find(|(name, _, _)| *name == rust) {
            diags.at(&member.at, format!("members {other} and {} both become `{rust}` in Rust", member.name));
        }
        fields.push((rust, &member.at, &member.name));
        if shape.kind == Kind::Union && model.get(&member.target.target).is_some_and(|t| t.has("smithy.api#streaming"))
        {
            diags.at(&member.at, "streaming members in unions are not supported");
        }
    }
}

fn check_operation(model: &Model, operation: &Shape, diags: &mut Diagnostics) {
    let http_at = operation.at.child("traits").child("smithy.api#http");
    let Some(http) = operation.traits.get("smithy.api#http") else {
        diags.at(
            &operation.at,
            format!("operation {} has no @http trait; restJson1 needs a method and URI", operation.id),
        );
        return;
    };
    let method = http.get("method").and_then(|m| m.as_str());
    let uri = http.get("uri").and_then(|u| u.as_str());
    if method.is_none_or(str::is_empty) {
        diags.at(&http_at, "@http needs a `method`");
    }
    let Some(uri) = uri.filter(|u| u.starts_with('/')) else {
        diags.at(&http_at.child("uri"), "@http needs a `uri` starting with `/`");
        return;
    };
    let labels = match uri_labels(uri) {
        Ok(labels) => labels,
        Err(problem) => {
            diags.at(&http_at.child("uri"), format!("{problem} in URI {uri:?}"));
            return;
        }
    };
    let input = operation.input.as_ref().and_then(|r| model.get(&r.target));
    let label_members: Vec<_> =
        input.map(|i| i.members.iter().filter(|m| m.has("smithy.api#httpLabel")).collect()).unwrap_or_default();
    for (label, _) in &labels {
        if !label_members.iter().any(|m| m.name == *label) {
            diags.at(
                &http_at.child("uri"),
                format!("URI label {{{label}}} has no input member with @httpLabel named {label}"),
            );
        }
    }
    for member in label_members {
        if !labels.iter().any(|(label, _)| *label == member.name) {
            diags.at(
                &member.at,
                format!("@httpLabel member {} has no {{{}}} in the URI {uri:?}", member.name, member.name),
            );
        } else if !member.has("smithy.api#required") {
            diags.at(&member.at, format!("@httpLabel member {} must be @required", member.name));
        }
    }
}

/// The `{label}` names of a URI template (query part excluded), with whether each is greedy.
pub fn uri_labels(uri: &str) -> Result<Vec<(String, bool)>, String> {
    let path = uri.split_once('?').map_or(uri, |(path, _)| path);
    let mut labels = Vec::new();
    let mut rest = path;
    while let Some(open) = rest.find('{') {
        let close = rest[open..].find('}').ok_or("unclosed `{`")? + open;
        let label = &rest[open + 1..close];
        let (name, greedy) = match label.strip_suffix('+') {
            Some(name) => (name, true),
            None => (label, false),
        };
        if !crate::model::valid_identifier(name) {
            return Err(format!("invalid label {{{label}}}"));
        }
        if labels.iter().any(|(l, _): &(String, bool)| l == name) {
            return Err(format!("label {{{name}}} used twice"));
        }
        labels.push((name.to_owned(), greedy));
        rest = &rest[close + 1..];
    }
    if rest.contains('}') {
        return Err("unmatched `}`".into());
    }
    Ok(labels)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels_are_found() {
        assert_eq!(uri_labels("/channels/{ChannelArn}/messages").unwrap(), vec![("ChannelArn".to_owned(), false)]);
        assert_eq!(uri_labels("/a/{Key+}?x=y").unwrap(), vec![("Key".to_owned(), true)]);
        assert!(uri_labels("/a/{Key").is_err());
    }

    #[test]
    fn distance() {
        assert_eq!(edit_distance("ChatContnt", "ChatContent"), 1);
    }
}
