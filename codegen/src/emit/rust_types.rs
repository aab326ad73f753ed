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
            let inner = element_type(element);
            quote!(Vec<#inner>)
        }
        Type::Map(key, value) => {
            let (key, value) = (value_type(&key.ty), element_type(value));
            quote!(std::collections::BTreeMap<#key, #value>)
        }
        Type::Unit => quote!(()),
    }
}

/// The Rust type of a list item or map value: `Option` in a `@sparse` collection.
pub fn element_type(element: &Element) -> TokenStream {
    let ty = value_type(&element.ty);
    if element.sparse { quote!(Option<#ty>) } else { ty }
}

/// The `@default` of a field as a Rust expression of its value type, when it has one the client
/// fills in (not `@clientOptional`).
pub fn default_value(field: &Field) -> Option<TokenStream> {
    let value = field.default.as_ref().filter(|_| !field.client_optional)?;
    default_of(&field.ty, value)
}

fn default_of(ty: &Type, value: &serde_json::Value) -> Option<TokenStream> {
    use serde_json::Value;
    Some(match (ty, value) {
        (Type::String, Value::String(s)) => quote!(String::from(#s)),
        (Type::Bool, Value::Bool(b)) => quote!(#b),
        (Type::Byte | Type::Short | Type::Integer | Type::Long, Value::Number(n)) => {
            let n = proc_macro2::Literal::i64_unsuffixed(n.as_i64()?);
            quote!(#n)
        }
        (Type::Float | Type::Double, Value::Number(n)) => {
            let n = proc_macro2::Literal::f64_unsuffixed(n.as_f64()?);
            quote!(#n)
        }
        (Type::BigInteger | Type::BigDecimal, Value::Number(n)) => {
            let text = n.to_string();
            quote!(chatsmith_runtime::primitives::BigNumber::from(#text))
        }
        (Type::Timestamp, Value::Number(n)) => {
            let (secs, nanos) = match n.as_i64() {
                Some(secs) => (secs, 0),
                None => {
                    let x = n.as_f64()?;
                    (x.floor() as i64, ((x - x.floor()) * 1e9).round() as u32)
                }
            };
            quote!(chatsmith_runtime::primitives::DateTime::from_secs_and_nanos(#secs, #nanos))
        }
        (Type::Timestamp, Value::String(_)) => return None,
        (Type::Blob, Value::String(s)) => {
            let bytes = proc_macro2::Literal::byte_string(&base64_decode(s)?);
            quote!(chatsmith_runtime::primitives::Blob::new(#bytes.to_vec()))
        }
        (Type::Document, Value::String(s)) => quote!(chatsmith_runtime::primitives::Document::from(#s)),
        (Type::Document, Value::Bool(b)) => quote!(chatsmith_runtime::primitives::Document::Bool(#b)),
        (Type::Document, Value::Number(n)) => match n.as_i64() {
            Some(i) => quote!(chatsmith_runtime::primitives::Document::from(#i)),
            None => {
                let f = n.as_f64()?;
                quote!(chatsmith_runtime::primitives::Document::from(#f))
            }
        },
        (Type::Document, Value::Array(a)) if a.is_empty() => {
            quote!(chatsmith_runtime::primitives::Document::Array(Vec::new()))
        }
        (Type::Document, Value::Object(o)) if o.is_empty() => {
            quote!(chatsmith_runtime::primitives::Document::Object(Default::default()))
        }
        (Type::Enum(name), Value::String(s)) => {
            let name = ident(name);
            quote!(crate::types::#name::from(#s))
        }
        (Type::IntEnum(name), Value::Number(n)) => {
            let (name, n) = (ident(name), proc_macro2::Literal::i32_unsuffixed(i32::try_from(n.as_i64()?).ok()?));
            quote!(crate::types::#name::from(#n))
        }
        (Type::List(_), Value::Array(a)) if a.is_empty() => quote!(Vec::new()),
        (Type::Map(..), Value::Object(o)) if o.is_empty() => quote!(std::collections::BTreeMap::new()),
        _ => return None,
    })
}

/// Standard base64 with padding (the form of a blob's `@default`).
fn base64_decode(text: &str) -> Option<Vec<u8>> {
    const ALPHABET: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = Vec::new();
    let (mut buffer, mut bits) = (0u32, 0);
    for byte in text.bytes().filter(|b| *b != b'=') {
        let digit = ALPHABET.iter().position(|a| *a == byte)? as u32;
        buffer = (buffer << 6) | digit;
        bits += 6;
        if bits >= 8 {
            bits -= 8;
            out.push((buffer >> bits) as u8);
            buffer &= (1 << bits) - 1;
        }
    }
    Some(out)
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
