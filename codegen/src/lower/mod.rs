//! Step 3 of the pipeline: lower the checked model into the [IR](crate::ir).
//!
//! All naming happens here, once: type names (after the service's `rename` map), field names,
//! variant names. Name clashes that module scoping cannot resolve are reported as model errors.

mod constraints;
mod fields;

use crate::diag::Diagnostics;
use crate::docs::to_markdown;
use crate::ir::{self, Enum, ErrorInfo, Fault, Operation, Role, Structure, Union, Variant};
use crate::model::{Kind, Model, Shape};
use crate::names;
use serde_json::Value;
use std::collections::{BTreeMap, BTreeSet};

/// What the caller decides about the generated crate.
#[derive(Clone, Debug)]
pub struct CrateOptions {
    /// Package name of the generated crate.
    pub crate_name: String,
    /// Where the models came from, for the `@generated` header.
    pub source_label: String,
}

/// Lowers `service` of `model`. Problems are added to `diags`.
pub fn lower(model: &Model, service: &Shape, options: &CrateOptions, diags: &mut Diagnostics) -> ir::Service {
    let mut lowerer = Lowerer::new(model, service, diags);
    let operation_shapes = lowerer.operation_shapes();
    lowerer.plan_types(&operation_shapes);
    let operations: Vec<Operation> = operation_shapes.iter().map(|op| lowerer.operation(op)).collect();
    let (structures, enums, unions, errors) = lowerer.types();
    let patterns = used_patterns(std::mem::take(&mut lowerer.patterns), &operations, &structures, &unions);
    let service_traits = &service.traits;
    let aws = service_traits.get("aws.api#service");
    let text =
        |value: Option<&Value>, key: &str| value.and_then(|v| v.get(key)).and_then(Value::as_str).map(str::to_owned);
    ir::Service {
        crate_name: options.crate_name.clone(),
        source_label: options.source_label.clone(),
        shape_id: service.id.clone(),
        title: service_traits
            .get("smithy.api#title")
            .and_then(Value::as_str)
            .map_or_else(|| service.name().to_owned(), str::to_owned),
        docs: lowerer.docs(&service.traits),
        sdk_id: text(aws, "sdkId").unwrap_or_else(|| service.name().to_owned()),
        endpoint_prefix: text(aws, "endpointPrefix"),
        signing_name: text(service_traits.get("aws.auth#sigv4"), "name"),
        version: service.version.clone(),
        endpoint_rules: service_traits.get("smithy.rules#endpointRuleSet").map(Value::to_string),
        operations,
        structures,
        enums,
        unions,
        errors,
        patterns,
    }
}

/// The patterns that validators check, by name: those of operation inputs and of the types
/// reachable from one (other shapes get no validator, so their patterns would be dead code).
fn used_patterns(
    patterns: Vec<ir::NamedPattern>,
    operations: &[Operation],
    structures: &[Structure],
    unions: &[Union],
) -> Vec<ir::NamedPattern> {
    fn walk<'a>(constraints: &'a [ir::Constraint], ty: &'a ir::Type, used: &mut BTreeSet<&'a str>) {
        for constraint in constraints {
            if let ir::Constraint::Pattern { name, .. } = constraint {
                used.insert(name);
            }
        }
        match ty {
            ir::Type::List(element) => walk(&element.constraints, &element.ty, used),
            ir::Type::Map(key, value) => {
                walk(&key.constraints, &key.ty, used);
                walk(&value.constraints, &value.ty, used);
            }
            _ => {}
        }
    }
    let mut used = BTreeSet::new();
    let inputs = operations.iter().map(|op| &op.input);
    for field in inputs.chain(structures.iter().filter(|s| s.validated)).flat_map(|s| &s.fields) {
        walk(&field.constraints, &field.ty, &mut used);
    }
    for variant in unions.iter().filter(|u| u.validated).flat_map(|u| &u.variants) {
        walk(&variant.constraints, &variant.ty, &mut used);
    }
    let mut kept: Vec<ir::NamedPattern> = patterns.into_iter().filter(|p| used.contains(p.name.as_str())).collect();
    kept.sort_by(|a, b| a.name.cmp(&b.name));
    kept
}

struct Lowerer<'m, 'd> {
    model: &'m Model,
    service: &'m Shape,
    diags: &'d mut Diagnostics,
    /// Rust names of the shapes that become types, by shape id.
    names: BTreeMap<String, String>,
    /// Shapes reachable from an operation input's members.
    input_side: BTreeSet<String>,
    /// Exception shapes.
    error_shapes: BTreeSet<String>,
    /// The distinct `@pattern`s met so far.
    patterns: Vec<ir::NamedPattern>,
}

impl<'m, 'd> Lowerer<'m, 'd> {
    fn new(model: &'m Model, service: &'m Shape, diags: &'d mut Diagnostics) -> Self {
        Self {
            model,
            service,
            diags,
            names: BTreeMap::new(),
            input_side: BTreeSet::new(),
            error_shapes: BTreeSet::new(),
            patterns: Vec::new(),
        }
    }

    fn docs(&self, traits: &crate::model::Traits) -> String {
        traits.get("smithy.api#documentation").and_then(Value::as_str).map(to_markdown).unwrap_or_default()
    }

    /// The shape's docs, or a line naming it, so every generated item is documented.
    fn shape_docs(&self, shape: &Shape) -> String {
        let docs = self.docs(&shape.traits);
        if docs.is_empty() { format!("The `{}` shape.", shape.name()) } else { docs }
    }

    /// The service's operations, resources walked, sorted by name.
    fn operation_shapes(&mut self) -> Vec<&'m Shape> {
        let mut found = BTreeMap::new();
        let mut stack = vec![self.service];
        let mut seen = BTreeSet::new();
        while let Some(container) = stack.pop() {
            if !seen.insert(container.id.clone()) {
                continue;
            }
            for r in &container.operations {
                if let Some(op) = self.model.get(&r.target).filter(|s| s.kind == Kind::Operation) {
                    found.insert(op.name().to_owned(), op);
                }
            }
            stack.extend(container.resources.iter().filter_map(|r| self.model.get(&r.target)));
        }
        let mut modules: BTreeMap<String, &str> = BTreeMap::new();
        for (name, op) in &found {
            if let Some(other) = modules.insert(names::snake(name), name) {
                self.diags
                    .at(&op.at, format!("operations {other} and {name} both become module `{}`", names::snake(name)));
            }
        }
        found.into_values().collect()
    }

    fn errors_of(&self, operation: &'m Shape) -> Vec<&'m Shape> {
        let mut errors: Vec<&Shape> =
            operation.errors.iter().chain(&self.service.errors).filter_map(|r| self.model.get(&r.target)).collect();
        errors.sort_by(|a, b| a.name().cmp(b.name()));
        errors.dedup_by(|a, b| a.id == b.id);
        errors
    }

    /// Finds every shape that becomes a type, names it, and marks what inputs reach.
    fn plan_types(&mut self, operations: &[&'m Shape]) {
        let mut type_roots = Vec::new();
        let mut input_roots = Vec::new();
        for op in operations {
            for (r, is_input) in op.input.iter().map(|r| (r, true)).chain(op.output.iter().map(|r| (r, false))) {
                if let Some(io) = self.model.get(&r.target) {
                    let targets = io.members.iter().map(|m| m.target.target.clone());
                    if is_input {
                        input_roots.extend(targets.clone());
                    }
                    type_roots.extend(targets);
                }
            }
            for error in self.errors_of(op) {
                self.error_shapes.insert(error.id.clone());
                type_roots.extend(error.members.iter().map(|m| m.target.target.clone()));
            }
        }
        self.input_side = self.reach(input_roots);
        let types = self.reach(type_roots);
        for shape in types.iter().chain(&self.error_shapes).filter_map(|id| self.model.get(id)) {
            constraints::check_shape_traits(shape, self.diags);
        }
        let mut taken: BTreeMap<String, String> = BTreeMap::new();
        let named = types.iter().chain(&self.error_shapes).filter_map(|id| self.model.get(id)).filter(|s| is_type(s));
        for shape in named.collect::<Vec<_>>() {
            let raw = self.service.rename.get(&shape.id).map_or(shape.name(), String::as_str);
            let name = names::camel(raw);
            let scope = if self.error_shapes.contains(&shape.id) { "types::error" } else { "types" };
            let key = format!("{scope}::{name}");
            if let Some(other) = taken.insert(key.clone(), shape.id.clone()) {
                self.diags.at(
                    &shape.at,
                    format!(
                        "shapes {other} and {} both become `{key}`; give one a new name in the service's `rename` map",
                        shape.id
                    ),
                );
            }
            self.names.insert(shape.id.clone(), name);
        }
    }

    /// Every shape reachable from `roots` through members.
    fn reach(&self, roots: Vec<String>) -> BTreeSet<String> {
        let mut seen = BTreeSet::new();
        let mut stack = roots;
        while let Some(id) = stack.pop() {
            if let Some(shape) = self.model.get(&id)
                && seen.insert(id)
                && !matches!(shape.kind, Kind::Enum | Kind::IntEnum)
            {
                stack.extend(shape.members.iter().map(|m| m.target.target.clone()));
            }
        }
        seen
    }

    fn operation(&mut self, op: &'m Shape) -> Operation {
        let http = op.traits.get("smithy.api#http");
        let text = |key: &str| http.and_then(|h| h.get(key)).and_then(Value::as_str).unwrap_or_default().to_owned();
        let uri = text("uri");
        let labels = crate::check::uri_labels(&uri).unwrap_or_default();
        let code = http.and_then(|h| h.get("code")).and_then(Value::as_u64).unwrap_or(200);
        let name = op.name().to_owned();
        let io = |r: &Option<crate::model::Ref>| r.as_ref().and_then(|r| self.model.get(&r.target));
        let (input_shape, output_shape) = (io(&op.input), io(&op.output));
        let mut input = self.structure(input_shape, format!("{name}Input"), Role::Input);
        for field in &mut input.fields {
            if let ir::Binding::Label { greedy } = &mut field.binding {
                *greedy = labels.iter().any(|(label, g)| *label == field.model_name && *g);
            }
        }
        let output = self.structure(output_shape, format!("{name}Output"), Role::Output);
        let pagination = self.pagination(op, &input, &output);
        let errors = self.errors_of(op).iter().filter_map(|e| self.names.get(&e.id).cloned()).collect();
        Operation {
            module: names::module(&name),
            docs: self.docs(&op.traits),
            method: text("method"),
            uri,
            success_code: u16::try_from(code).unwrap_or(200),
            input,
            output,
            errors,
            signed: self.signed(op),
            pagination,
            deprecated: constraints::deprecation(&op.traits),
            checksum_required: op.has("smithy.api#httpChecksumRequired"),
            request_compression: op
                .traits
                .get("smithy.api#requestCompression")
                .and_then(|c| c.get("encodings"))
                .and_then(Value::as_array)
                .map(|e| e.iter().filter_map(Value::as_str).map(str::to_owned).collect())
                .unwrap_or_default(),
            host_prefix: op
                .traits
                .get("smithy.api#endpoint")
                .and_then(|e| e.get("hostPrefix"))
                .and_then(Value::as_str)
                .map(str::to_owned),
            name,
        }
    }

    /// `@paginated` of `op`, its members filled from the service's `@paginated` defaults. Only
    /// top-level token and item members are supported; other paginated operations get no paginator.
    fn pagination(&self, op: &Shape, input: &Structure, output: &Structure) -> Option<ir::Pagination> {
        let own = op.traits.get("smithy.api#paginated")?;
        let defaults = self.service.traits.get("smithy.api#paginated");
        let member = |key: &str| own.get(key).or_else(|| defaults?.get(key)).and_then(Value::as_str);
        let field = |s: &Structure, name: &str| s.fields.iter().find(|f| f.model_name == name).cloned();
        let string_field = |s: &Structure, name: &str| field(s, name).filter(|f| f.ty == ir::Type::String);
        let input_token = string_field(input, member("inputToken")?)?;
        let output_token = string_field(output, member("outputToken")?)?;
        let items = match member("items") {
            Some(name) => {
                let items = field(output, name)?;
                match items.ty {
                    ir::Type::List(element) => Some((items.ident, element.ty)),
                    _ => None,
                }
            }
            None => None,
        };
        let page_size = member("pageSize").and_then(|name| field(input, name)).map(|f| f.ident);
        Some(ir::Pagination { input_token: input_token.ident, output_token: output_token.ident, items, page_size })
    }

    /// Whether the effective auth of `op` includes SigV4.
    fn signed(&self, op: &Shape) -> bool {
        let auth = op.traits.get("smithy.api#auth").or_else(|| self.service.traits.get("smithy.api#auth"));
        match auth.and_then(Value::as_array) {
            Some(schemes) => schemes.iter().any(|s| s.as_str() == Some("aws.auth#sigv4")),
            None => self.service.has("aws.auth#sigv4"),
        }
    }

    /// A structure from `shape` (`None` for `Unit`), named `name`.
    fn structure(&mut self, shape: Option<&'m Shape>, name: String, role: Role) -> Structure {
        let Some(shape) = shape.filter(|s| !s.has("smithy.api#unitType")) else {
            return Structure {
                name,
                shape_id: "smithy.api#Unit".into(),
                docs: String::new(),
                fields: Vec::new(),
                role,
                validated: role == Role::Input,
                error: None,
                sensitive: false,
                deprecated: None,
            };
        };
        let fields = shape.members.iter().map(|m| self.field(shape, m, role)).collect();
        Structure {
            name,
            shape_id: shape.id.clone(),
            // Inputs and outputs without docs are described by their operation when emitted.
            docs: if matches!(role, Role::Input | Role::Output) {
                self.docs(&shape.traits)
            } else {
                self.shape_docs(shape)
            },
            fields,
            role,
            validated: role == Role::Input || self.input_side.contains(&shape.id),
            error: (role == Role::Error).then(|| error_info(shape)),
            sensitive: shape.has("smithy.api#sensitive"),
            deprecated: constraints::deprecation(&shape.traits),
        }
    }

    fn types(&mut self) -> (Vec<Structure>, Vec<Enum>, Vec<Union>, Vec<Structure>) {
        let (mut structures, mut enums, mut unions, mut errors) = (Vec::new(), Vec::new(), Vec::new(), Vec::new());
        let named: Vec<(String, String)> = self.names.iter().map(|(id, name)| (id.clone(), name.clone())).collect();
        for (id, name) in named {
            let shape = self.model.get(&id).expect("named shapes exist");
            match shape.kind {
                Kind::Structure if self.error_shapes.contains(&id) => {
                    errors.push(self.structure(Some(shape), name, Role::Error))
                }
                Kind::Structure => structures.push(self.structure(Some(shape), name, Role::Shared)),
                Kind::Union => unions.push(self.union(shape, name)),
                _ => enums.push(self.enumeration(shape, name)),
            }
        }
        let by_name = |a: &String, b: &String| a.cmp(b);
        structures.sort_by(|a, b| by_name(&a.name, &b.name));
        errors.sort_by(|a, b| by_name(&a.name, &b.name));
        enums.sort_by(|a, b| by_name(&a.name, &b.name));
        unions.sort_by(|a, b| by_name(&a.name, &b.name));
        (structures, enums, unions, errors)
    }

    fn union(&mut self, shape: &'m Shape, name: String) -> Union {
        let variants = shape
            .members
            .iter()
            .map(|m| {
                let mut field = self.field(shape, m, Role::Shared);
                field.ident = names::camel(&m.name);
                if field.ident == "Unknown" {
                    field.ident = "UnknownValue".into();
                }
                field
            })
            .collect();
        Union {
            name,
            shape_id: shape.id.clone(),
            docs: self.shape_docs(shape),
            variants,
            validated: self.input_side.contains(&shape.id),
            sensitive: shape.has("smithy.api#sensitive"),
        }
    }

    fn enumeration(&mut self, shape: &'m Shape, name: String) -> Enum {
        let int = shape.kind == Kind::IntEnum;
        let mut variants: Vec<Variant> = if shape.kind == Kind::String {
            legacy_enum_variants(shape)
        } else {
            shape
                .members
                .iter()
                .map(|m| Variant {
                    ident: names::camel(&m.name),
                    value: match m.traits.get("smithy.api#enumValue") {
                        Some(Value::String(s)) => s.clone(),
                        Some(Value::Number(n)) => n.to_string(),
                        _ => m.name.clone(),
                    },
                    docs: self.docs(&m.traits),
                    deprecated: constraints::deprecation(&m.traits),
                })
                .collect()
        };
        if int {
            for (v, m) in variants.iter().zip(&shape.members) {
                if v.value.parse::<i32>().is_err() {
                    self.diags.at(&m.at, format!("intEnum member {} needs an integer @enumValue", m.name));
                }
            }
        }
        let mut values = BTreeSet::new();
        for v in &variants {
            if !values.insert(v.value.clone()) {
                self.diags.at(&shape.at, format!("enum {} has the value {:?} twice", shape.id, v.value));
            }
        }
        let mut seen = BTreeSet::new();
        for v in &mut variants {
            if v.ident == "Unknown" {
                v.ident = "UnknownValue".into();
            }
            if !seen.insert(v.ident.clone()) {
                self.diags.at(&shape.at, format!("two values of enum {} both become variant `{}`", shape.id, v.ident));
            }
        }
        Enum { name, shape_id: shape.id.clone(), docs: self.shape_docs(shape), variants, int }
    }
}

/// Whether a shape becomes a named Rust type.
fn is_type(shape: &Shape) -> bool {
    match shape.kind {
        Kind::Structure => !shape.has("smithy.api#unitType"),
        Kind::Union | Kind::Enum | Kind::IntEnum => true,
        Kind::String => shape.has("smithy.api#enum"),
        _ => false,
    }
}

/// Variants of a Smithy 1.0 `@enum` string.
fn legacy_enum_variants(shape: &Shape) -> Vec<Variant> {
    let entries = shape.traits.get("smithy.api#enum").and_then(Value::as_array).cloned().unwrap_or_default();
    entries
        .iter()
        .filter_map(|e| {
            let value = e.get("value")?.as_str()?.to_owned();
            let name = e.get("name").and_then(Value::as_str).unwrap_or(&value);
            Some(Variant {
                ident: names::camel(name),
                docs: e.get("documentation").and_then(Value::as_str).map(to_markdown).unwrap_or_default(),
                deprecated: e
                    .get("deprecated")
                    .and_then(Value::as_bool)
                    .unwrap_or(false)
                    .then(|| "deprecated".to_owned()),
                value,
            })
        })
        .collect()
}

fn error_info(shape: &Shape) -> ErrorInfo {
    let fault = match shape.traits.get("smithy.api#error").and_then(Value::as_str) {
        Some("server") => Fault::Server,
        _ => Fault::Client,
    };
    let default_status = if fault == Fault::Server { 500 } else { 400 };
    let status = shape.traits.get("smithy.api#httpError").and_then(Value::as_u64).and_then(|s| u16::try_from(s).ok());
    let retryable =
        shape.traits.get("smithy.api#retryable").map(|r| r.get("throttling").and_then(Value::as_bool).unwrap_or(false));
    ErrorInfo { fault, status: status.unwrap_or(default_status), retryable }
}
