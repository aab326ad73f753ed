//! Members to fields: Rust names, types, presence, bindings, docs and constraints.

use super::Lowerer;
use super::constraints::{self, value_constraints, when_rules};
use crate::ir::{Binding, Conditional, Element, Field, Presence, Role, Type};
use crate::model::{Kind, Member, Shape};
use crate::names;
use serde_json::Value;

/// Field names that would clash with generated methods; such members get a `_value` suffix.
const RESERVED_FIELDS: &[&str] = &["builder", "build", "validate", "validate_at", "meta", "request_id"];

impl Lowerer<'_, '_> {
    pub(super) fn field(&mut self, owner: &Shape, member: &Member, role: Role) -> Field {
        let target = self.model.get(&member.target.target).expect("checked: targets exist");
        let mut ident = names::field(&member.name);
        if RESERVED_FIELDS.contains(&ident.as_str()) {
            ident = format!("{ident}_value");
        }
        let docs = member
            .traits
            .get("smithy.api#documentation")
            .or_else(|| target.traits.get("smithy.api#documentation"))
            .and_then(Value::as_str)
            .map(crate::docs::to_markdown)
            .filter(|d| !d.is_empty())
            .unwrap_or_else(|| format!("The `{}` member.", member.name));
        let conditions = self.conditions(owner, member, role);
        Field {
            ident,
            model_name: member.name.clone(),
            wire_name: member
                .traits
                .get("smithy.api#jsonName")
                .and_then(Value::as_str)
                .unwrap_or(&member.name)
                .to_owned(),
            ty: self.ty(target),
            presence: presence(self.model, member, role),
            model_required: member.has("smithy.api#required"),
            idempotency_token: member.has("smithy.api#idempotencyToken"),
            sensitive: member.has("smithy.api#sensitive") || target.has("smithy.api#sensitive"),
            docs,
            constraints: value_constraints(self.model, Some(member), target, &mut self.patterns, self.diags),
            conditions,
            binding: binding(member),
            timestamp_format: timestamp_format(self.model, member),
            boxed: matches!(target.kind, Kind::Structure | Kind::Union) && self.reaches_directly(&target.id, &owner.id),
            deprecated: constraints::deprecation(&member.traits),
            host_label: member.has("smithy.api#hostLabel"),
            media_type: self
                .model
                .effective_trait(member, "smithy.api#mediaType")
                .and_then(Value::as_str)
                .map(str::to_owned),
            default: self.model.effective_trait(member, "smithy.api#default").filter(|v| !v.is_null()).cloned(),
            client_optional: member.has("smithy.api#clientOptional"),
        }
    }

    /// Whether `to` can be reached from `from` through structure and union members alone
    /// (no list or map in between): then a member of type `from` inside `to` needs a `Box`.
    fn reaches_directly(&self, from: &str, to: &str) -> bool {
        let mut stack = vec![from];
        let mut seen = std::collections::BTreeSet::new();
        while let Some(id) = stack.pop() {
            if id == to {
                return true;
            }
            let Some(shape) = self.model.get(id).filter(|s| matches!(s.kind, Kind::Structure | Kind::Union)) else {
                continue;
            };
            if seen.insert(id) {
                stack.extend(shape.members.iter().map(|m| m.target.target.as_str()));
            }
        }
        false
    }

    pub(super) fn ty(&mut self, shape: &Shape) -> Type {
        let named = || self.names.get(&shape.id).cloned().unwrap_or_else(|| names::camel(shape.name()));
        match shape.kind {
            Kind::String if shape.has("smithy.api#enum") => Type::Enum(named()),
            Kind::String => Type::String,
            Kind::Boolean => Type::Bool,
            Kind::Byte => Type::Byte,
            Kind::Short => Type::Short,
            Kind::Integer => Type::Integer,
            Kind::Long => Type::Long,
            Kind::Float => Type::Float,
            Kind::Double => Type::Double,
            Kind::BigInteger => Type::BigInteger,
            Kind::BigDecimal => Type::BigDecimal,
            Kind::Timestamp => Type::Timestamp,
            Kind::Blob => Type::Blob,
            Kind::Document => Type::Document,
            Kind::Enum => Type::Enum(named()),
            Kind::IntEnum => Type::IntEnum(named()),
            Kind::Structure if shape.has("smithy.api#unitType") => Type::Unit,
            Kind::Structure => Type::Struct(named()),
            Kind::Union => Type::Union(named()),
            Kind::List | Kind::Set => Type::List(Box::new(self.element(shape, "member"))),
            Kind::Map => Type::Map(Box::new(self.element(shape, "key")), Box::new(self.element(shape, "value"))),
            Kind::Service | Kind::Operation | Kind::Resource => unreachable!("checked: members target values"),
        }
    }

    fn element(&mut self, collection: &Shape, name: &str) -> Element {
        let sparse = name != "key" && collection.has("smithy.api#sparse");
        let member = collection.member(name).expect("loaded: lists and maps have their members");
        let target = self.model.get(&member.target.target).expect("checked: targets exist");
        Element {
            ty: self.ty(target),
            constraints: value_constraints(self.model, Some(member), target, &mut self.patterns, self.diags),
            sensitive: member.has("smithy.api#sensitive") || target.has("smithy.api#sensitive"),
            timestamp_format: timestamp_format(self.model, member),
            sparse,
        }
    }

    /// Our `when` rules on `member`, resolved against its siblings in `owner`.
    fn conditions(&mut self, owner: &Shape, member: &Member, role: Role) -> Vec<Conditional> {
        let mut out = Vec::new();
        for (rule, at) in when_rules(self.model, member, self.diags) {
            let Some(sibling) = owner.member(&rule.member) else {
                let hint = crate::check::closest(&rule.member, owner.members.iter().map(|m| m.name.as_str()))
                    .map(|m| format!(" (did you mean {m}?)"))
                    .unwrap_or_default();
                self.diags.at(
                    &at.child("member"),
                    format!("`when` names {}, which is not a member of {}{hint}", rule.member, owner.id),
                );
                continue;
            };
            let sibling_target = self.model.get(&sibling.target.target).expect("checked: targets exist");
            let allowed: Option<Vec<String>> = match sibling_target.kind {
                Kind::Enum => Some(
                    sibling_target
                        .members
                        .iter()
                        .map(|m| {
                            m.traits.get("smithy.api#enumValue").and_then(Value::as_str).unwrap_or(&m.name).to_owned()
                        })
                        .collect(),
                ),
                Kind::String => None,
                _ => {
                    self.diags.at(
                        &at.child("member"),
                        format!("`when` needs a string or enum member; {} is not", rule.member),
                    );
                    continue;
                }
            };
            if let Some(allowed) = allowed {
                for value in rule.values.iter().filter(|v| !allowed.contains(v)) {
                    self.diags.at(
                        &at.child("values"),
                        format!("{value:?} is not a value of {} ({})", rule.member, allowed.join(", ")),
                    );
                }
            }
            out.push(Conditional {
                member_ident: names::field(&sibling.name),
                member_optional: presence(self.model, sibling, role) == Presence::Optional,
                member: rule.member.clone(),
                values: rule.values.clone(),
                required: rule.required,
                forbidden: rule.forbidden,
                constraints: rule.constraints(),
                docs: rule.documentation.as_deref().map(crate::docs::to_markdown),
            });
        }
        out
    }
}

/// A plain field when the model requires the member and gives it no default; idempotency tokens
/// (the client fills them) and exception members (services omit them) are always `Option`.
fn presence(model: &crate::model::Model, member: &Member, role: Role) -> Presence {
    let has_default = model.effective_trait(member, "smithy.api#default").is_some_and(|v| !v.is_null());
    let required = member.has("smithy.api#required") && !has_default;
    if required && !member.has("smithy.api#idempotencyToken") && role != Role::Error {
        Presence::Required
    } else {
        Presence::Optional
    }
}

fn binding(member: &Member) -> Binding {
    let text = |id: &str| member.traits.get(id).and_then(Value::as_str).map(str::to_owned);
    if let Some(name) = text("smithy.api#httpHeader") {
        Binding::Header(name)
    } else if let Some(prefix) = text("smithy.api#httpPrefixHeaders") {
        Binding::PrefixHeaders(prefix)
    } else if member.has("smithy.api#httpLabel") {
        Binding::Label { greedy: false }
    } else if let Some(name) = text("smithy.api#httpQuery") {
        Binding::Query(name)
    } else if member.has("smithy.api#httpQueryParams") {
        Binding::QueryParams
    } else if member.has("smithy.api#httpPayload") {
        Binding::Payload
    } else if member.has("smithy.api#httpResponseCode") {
        Binding::ResponseCode
    } else {
        Binding::Body
    }
}

fn timestamp_format(model: &crate::model::Model, member: &Member) -> Option<crate::ir::TimestampFormat> {
    use crate::ir::TimestampFormat;
    match model.effective_trait(member, "smithy.api#timestampFormat")?.as_str()? {
        "epoch-seconds" => Some(TimestampFormat::EpochSeconds),
        "date-time" => Some(TimestampFormat::DateTime),
        "http-date" => Some(TimestampFormat::HttpDate),
        _ => None,
    }
}
