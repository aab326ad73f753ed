//! Validators: `impl Validate`, one short check per constraint of the model.

use super::rust_types::ident;
use crate::ir::{Conditional, Constraint, Field, Presence, Type, Union};
use proc_macro2::{Literal, TokenStream};
use quote::quote;

/// `impl Validate` for a structure with these fields.
pub fn structure_validator(name: &str, fields: &[Field]) -> TokenStream {
    let checks: Vec<TokenStream> = fields.iter().map(field_checks).filter(|c| !c.is_empty()).collect();
    validator(name, quote!(#(#checks)*))
}

/// `impl Validate` for a union: the set variant is checked.
pub fn union_validator(union: &Union) -> TokenStream {
    let arms: Vec<TokenStream> = union
        .variants
        .iter()
        .filter(|v| v.ty != Type::Unit)
        .filter_map(|v| {
            let checks = value_checks(&quote!(value), &v.ty, &v.constraints, v.sensitive, None);
            if checks.is_empty() {
                return None;
            }
            let (variant, member) = (ident(&v.ident), &v.model_name);
            Some(quote! {
                Self::#variant(value) => {
                    let path = path.member(#member);
                    #checks
                }
            })
        })
        .collect();
    let body = if arms.is_empty() { quote!() } else { quote!(match self { #(#arms)* _ => {} }) };
    validator(&union.name, body)
}

fn validator(name: &str, body: TokenStream) -> TokenStream {
    let ty = ident(name);
    let (path, out) = if body.is_empty() { (quote!(_path), quote!(_out)) } else { (quote!(path), quote!(out)) };
    quote! {
        impl chatsmith_runtime::Validate for #ty {
            const SHAPE: &'static str = #name;

            fn validate_at(
                &self,
                #path: &chatsmith_runtime::validate::Path<'_>,
                #out: &mut chatsmith_runtime::validate::Violations,
            ) {
                #body
            }
        }
    }
}

fn field_checks(field: &Field) -> TokenStream {
    let id = ident(&field.ident);
    let member = &field.model_name;
    // A `when` rule that limits the length narrows the model-wide limit of the same kind:
    // where it applies, the model-wide one is not checked, so one problem is reported once.
    let (superseded, general): (Vec<Constraint>, Vec<Constraint>) =
        field.constraints.iter().cloned().partition(|c| field.conditions.iter().any(|rule| narrows(rule, c)));
    let mut own = value_checks(&quote!(value), &field.ty, &general, field.sensitive, None);
    if !superseded.is_empty() {
        let checks = value_checks(&quote!(value), &field.ty, &superseded, field.sensitive, None);
        let triggers = field.conditions.iter().filter(|rule| superseded.iter().any(|c| narrows(rule, c))).map(trigger);
        own.extend(quote!(if !(#(#triggers)||*) { #checks }));
    }
    let conditional: Vec<TokenStream> = field.conditions.iter().map(|c| conditional_checks(field, c)).collect();
    let bind = match field.presence {
        Presence::Required => quote!(let value = &self.#id;),
        Presence::Optional => quote!(),
    };
    let own = match (own.is_empty(), field.presence) {
        (true, _) => quote!(),
        (false, Presence::Required) => own,
        (false, Presence::Optional) => quote! {
            if let Some(value) = &self.#id {
                #own
            }
        },
    };
    if own.is_empty() && conditional.is_empty() {
        return quote!();
    }
    quote! {
        {
            let path = path.member(#member);
            #bind
            #own
            #(#conditional)*
        }
    }
}

/// Whether `rule` limits the same measure as `constraint` (so it narrows it where it applies).
fn narrows(rule: &Conditional, constraint: &Constraint) -> bool {
    rule.constraints.iter().any(|c| std::mem::discriminant(c) == std::mem::discriminant(constraint))
        && matches!(constraint, Constraint::Length { .. } | Constraint::Utf8Length { .. })
}

/// Whether the sibling member named by `rule` has one of the rule's values.
fn trigger(rule: &Conditional) -> TokenStream {
    let sibling = ident(&rule.member_ident);
    let values = rule.values.iter().map(|v| quote!(#v));
    // `as_str()` exists on `String` and on generated enums alike.
    if rule.member_optional {
        quote!(matches!(self.#sibling.as_ref().map(|v| v.as_str()), Some(#(#values)|*)))
    } else {
        quote!(matches!(self.#sibling.as_str(), #(#values)|*))
    }
}

/// The checks of one `when` rule, run when the sibling member has one of the rule's values.
fn conditional_checks(field: &Field, rule: &Conditional) -> TokenStream {
    let id = ident(&field.ident);
    let trigger = trigger(rule);
    let condition = rule.describe();
    let mut checks = Vec::new();
    let optional = field.presence == Presence::Optional;
    let rule_type = quote!(chatsmith_runtime::validate::Rule);
    if rule.required && optional {
        checks.push(quote!(out.check_when(&path, #condition, self.#id.is_none().then_some(#rule_type::Required));));
    }
    if rule.forbidden {
        let set = if optional { quote!(self.#id.is_some()) } else { quote!(true) };
        checks.push(quote!(out.check_when(&path, #condition, #set.then_some(#rule_type::Forbidden));));
    }
    let value_checks = value_checks(&quote!(value), &field.ty, &rule.constraints, field.sensitive, Some(&condition));
    if !value_checks.is_empty() {
        // A required field's `value` is already bound by `field_checks`.
        checks.push(if optional { quote!(if let Some(value) = &self.#id { #value_checks }) } else { value_checks });
    }
    quote! {
        if #trigger {
            #(#checks)*
        }
    }
}

/// Checks of the value `value` (a reference) of type `ty`, recording at `path`.
fn value_checks(
    value: &TokenStream,
    ty: &Type,
    constraints: &[Constraint],
    sensitive: bool,
    when: Option<&str>,
) -> TokenStream {
    let record = |rule: TokenStream| match when {
        Some(condition) => quote!(out.check_when(&path, #condition, #rule);),
        None => quote!(out.check(&path, #rule);),
    };
    let check = quote!(chatsmith_runtime::validate::check);
    let unit = quote!(chatsmith_runtime::validate::LengthUnit);
    let mut out: Vec<TokenStream> = Vec::new();
    for constraint in constraints {
        let rule = match (constraint, ty) {
            (Constraint::Length { min, max }, Type::String) => {
                let (min, max) = (bound(*min), bound(*max));
                Some(quote!(#check::length(#value, #min, #max)))
            }
            (Constraint::Length { min, max }, Type::List(_) | Type::Map(..) | Type::Blob) => {
                let (min, max) = (bound(*min), bound(*max));
                let what = match ty {
                    Type::List(_) => quote!(Items),
                    Type::Map(..) => quote!(Entries),
                    _ => quote!(Bytes),
                };
                Some(quote!(#check::count(#value.len(), #min, #max, #unit::#what)))
            }
            (Constraint::Utf8Length { min, max }, Type::String) => {
                let (min, max) = (bound(*min), bound(*max));
                Some(quote!(#check::utf8_length(#value, #min, #max)))
            }
            (Constraint::Range { min, max }, ty) if is_number(ty) => {
                let (min, max) = (number(min.as_deref(), ty), number(max.as_deref(), ty));
                Some(quote!(#check::range(*#value, #min, #max, #sensitive)))
            }
            (Constraint::Pattern { name, .. }, Type::String) => {
                let name = ident(name);
                Some(quote!(#check::pattern(#value, &crate::patterns::#name)))
            }
            (Constraint::AllowedValues(values), Type::String) => {
                let values = values.iter().map(|v| &v.value);
                Some(quote!(#check::one_of(#value, &[#(#values),*], #sensitive)))
            }
            (Constraint::UniqueItems, Type::List(_)) => Some(quote!(#check::unique_items(#value))),
            (Constraint::JsonObject { string_members }, Type::String) => {
                Some(quote!(#check::json_object(#value, &[#(#string_members),*])))
            }
            _ => None,
        };
        if let Some(rule) = rule {
            out.push(record(rule));
        }
    }
    match ty {
        Type::Enum(name) => {
            let name = ident(name);
            out.push(record(quote!(#check::one_of(#value.as_str(), crate::types::#name::values(), #sensitive))));
        }
        Type::Struct(_) | Type::Union(_) if when.is_none() => {
            out.push(quote!(chatsmith_runtime::Validate::validate_at(#value, &path, out);));
        }
        Type::List(element) => {
            let mut item = value_checks(&quote!(item), &element.ty, &element.constraints, element.sensitive, when);
            if element.sparse && !item.is_empty() {
                item = quote!(if let Some(item) = item { #item });
            }
            if !item.is_empty() {
                out.push(quote! {
                    for (index, item) in #value.iter().enumerate() {
                        let path = path.index(index);
                        #item
                    }
                });
            }
        }
        Type::Map(key, entry) => {
            let key_checks = value_checks(&quote!(key), &key.ty, &key.constraints, key.sensitive, when);
            let mut entry_checks = value_checks(&quote!(item), &entry.ty, &entry.constraints, entry.sensitive, when);
            if entry.sparse && !entry_checks.is_empty() {
                entry_checks = quote!(if let Some(item) = item { #entry_checks });
            }
            if !key_checks.is_empty() || !entry_checks.is_empty() {
                let path = if key.sensitive { quote!(path.redacted_key()) } else { quote!(path.key(key)) };
                let key_name = if key_checks.is_empty() && key.sensitive { quote!(_key) } else { quote!(key) };
                let item_name = if entry_checks.is_empty() { quote!(_item) } else { quote!(item) };
                out.push(quote! {
                    for (#key_name, #item_name) in #value {
                        let path = #path;
                        #key_checks
                        #entry_checks
                    }
                });
            }
        }
        _ => {}
    }
    quote!(#(#out)*)
}

fn bound(value: Option<u64>) -> TokenStream {
    match value {
        Some(v) => {
            let v = Literal::u64_unsuffixed(v);
            quote!(Some(#v))
        }
        None => quote!(None),
    }
}

fn is_number(ty: &Type) -> bool {
    matches!(ty, Type::Byte | Type::Short | Type::Integer | Type::Long | Type::Float | Type::Double)
}

/// A range bound as a literal of the value's type.
fn number(text: Option<&str>, ty: &Type) -> TokenStream {
    let Some(text) = text else { return quote!(None) };
    let float = matches!(ty, Type::Float | Type::Double);
    let literal = if float {
        text.parse::<f64>().map(Literal::f64_unsuffixed).ok()
    } else {
        text.parse::<i64>().map(Literal::i64_unsuffixed).ok()
    };
    match literal {
        Some(l) => quote!(Some(#l)),
        None => quote!(None),
    }
}
