//! Rust spellings of IR types.

use crate::ir::{Element, Field, Presence, Type};
use proc_macro2::{Ident, Span, TokenStream};
use quote::{format_ident, quote};

/// An identifier, raw when it starts with `r#`.
pub fn ident(name: &str) -> Ident {
    match name.strip_prefix("r#") {
        Some(raw) => Ident::new_raw(raw, Span::call_site()),
        None => format_ident!("{}", name),
    }
}

/// The Rust type of a value.
pub fn value_type(ty: &Type) -> TokenStream {
    match ty {
        Type::String => quote!(String),
        Type::Bool => quote!(bool),
        Type::Byte => quote!(i8),
        Type::Short => quote!(i16),
        Type::Integer => quote!(i32),
        Type::Long => quote!(i64),
        Type::Float => quote!(f32),
        Type::Double => quote!(f64),
        Type::BigInteger | Type::BigDecimal => quote!(chatsmith_runtime::primitives::BigNumber),
        Type::Timestamp => quote!(chatsmith_runtime::primitives::DateTime),
        Type::Blob => quote!(chatsmith_runtime::primitives::Blob),
        Type::Document => quote!(chatsmith_runtime::primitives::Document),
        Type::Enum(name) | Type::IntEnum(name) | Type::Struct(name) | Type::Union(name) => {
            let name = ident(name);
            quote!(crate::types::#name)
        }
        Type::List(element) => {
            let inner = value_type(&element.ty);
            quote!(Vec<#inner>)
        }
        Type::Map(key, value) => {
            let (key, value) = (value_type(&key.ty), value_type(&value.ty));
            quote!(std::collections::BTreeMap<#key, #value>)
        }
        Type::Unit => quote!(()),
    }
}

/// The field's type as declared: plain or `Option`.
pub fn field_type(field: &Field) -> TokenStream {
    let ty = value_type(&field.ty);
    let ty = if field.boxed { quote!(Box<#ty>) } else { ty };
    match field.presence {
        Presence::Required => ty,
        Presence::Optional => quote!(Option<#ty>),
    }
}

/// Whether values of the type are `Copy` (returned by value from getters).
pub fn is_copy(ty: &Type) -> bool {
    matches!(
        ty,
        Type::Bool
            | Type::Byte
            | Type::Short
            | Type::Integer
            | Type::Long
            | Type::Float
            | Type::Double
            | Type::Timestamp
    )
}

/// Whether the type's values can be compared with `Eq` (no floats or documents inside).
pub fn is_eq(ty: &Type, floats_in: &dyn Fn(&str) -> bool) -> bool {
    match ty {
        Type::Float | Type::Double | Type::Document => false,
        Type::Struct(name) | Type::Union(name) => !floats_in(name),
        Type::List(e) => is_eq(&e.ty, floats_in),
        Type::Map(k, v) => is_eq(&k.ty, floats_in) && is_eq(&v.ty, floats_in),
        _ => true,
    }
}

/// Whether `Debug` must hide the field: it is sensitive, or holds sensitive elements or keys.
pub fn redacted(field: &Field) -> bool {
    field.sensitive || holds_sensitive(&field.ty)
}

fn holds_sensitive(ty: &Type) -> bool {
    let element = |e: &Element| e.sensitive || holds_sensitive(&e.ty);
    match ty {
        Type::List(e) => element(e),
        Type::Map(k, v) => element(k) || element(v),
        _ => false,
    }
}
