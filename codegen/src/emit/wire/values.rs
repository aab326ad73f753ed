//! Expressions that convert one value to or from the wire, by type and timestamp format.

use crate::emit::rust_types::ident;
use crate::ir::{Field, Presence, TimestampFormat, Type};
use proc_macro2::TokenStream;
use quote::quote;

/// The runtime's name of a timestamp format.
pub fn format(format: TimestampFormat) -> TokenStream {
    match format {
        TimestampFormat::EpochSeconds => quote!(TimestampFormat::EpochSeconds),
        TimestampFormat::DateTime => quote!(TimestampFormat::DateTime),
        TimestampFormat::HttpDate => quote!(TimestampFormat::HttpDate),
    }
}

/// The JSON value of `value` (a reference to a `ty`).
pub fn to_json(value: &TokenStream, ty: &Type, timestamps: Option<TimestampFormat>) -> TokenStream {
    match (ty, timestamps) {
        (Type::Timestamp, Some(f)) => {
            let f = format(f);
            quote!(json::timestamp_to_json(#value, #f))
        }
        (Type::List(e), _) if e.timestamp_format.is_some() && e.ty == Type::Timestamp => {
            let f = format(e.timestamp_format.expect("checked"));
            if e.sparse {
                quote!(Value::Array(#value.iter().map(|item| item.as_ref().map_or(Value::Null, |item| json::timestamp_to_json(item, #f))).collect()))
            } else {
                quote!(Value::Array(#value.iter().map(|item| json::timestamp_to_json(item, #f)).collect()))
            }
        }
        _ => quote!(json::ToJson::to_json(#value)),
    }
}

/// Writes the member `key` with the JSON of `value` (a reference to a `ty`) to the
/// `json::ObjectWriter` `object`: directly when the type writes itself, else through the
/// `Value` [`to_json`] makes (timestamps in a format of their own).
pub fn write_member(key: &str, value: &TokenStream, ty: &Type, timestamps: Option<TimestampFormat>) -> TokenStream {
    let through_value = match ty {
        Type::Timestamp => timestamps.is_some(),
        Type::List(e) => e.timestamp_format.is_some() && e.ty == Type::Timestamp,
        _ => false,
    };
    if through_value {
        let json = to_json(value, ty, timestamps);
        quote!(object.value(#key, &#json);)
    } else {
        quote!(object.member(#key, #value);)
    }
}

/// Reads field `f` from the JSON object `object`, with `?` for type errors.
///
/// A required member the service left out takes its zero value when its type has one (as
/// restJson1 asks); a required structure, enum or union that is missing is an error.
pub fn field_from_json(f: &Field, object: &TokenStream) -> TokenStream {
    let wire = &f.wire_name;
    let read = match (&f.ty, f.timestamp_format) {
        (Type::Timestamp, Some(ts)) => {
            let ts = format(ts);
            quote!(json::timestamp_field(#object, #wire, #ts)?)
        }
        _ => quote!(json::field(#object, #wire)?),
    };
    with_presence(f, read)
}

/// Reads field `f` from `value`, its member as `restjson::parse_json_members` found it (an
/// `Option<Value>`): the same as [`field_from_json`] on the object, moving strings out.
pub fn field_from_member(f: &Field, value: &proc_macro2::Ident) -> TokenStream {
    let wire = &f.wire_name;
    let read = match (&f.ty, f.timestamp_format) {
        (Type::Timestamp, Some(ts)) => {
            let ts = format(ts);
            quote!(json::timestamp_member(#value, #wire, #ts)?)
        }
        _ => quote!(json::member(#value, #wire)?),
    };
    with_presence(f, read)
}

/// `read` (an `Option`) as the member's value, by its presence and default.
fn with_presence(f: &Field, read: TokenStream) -> TokenStream {
    let wire = &f.wire_name;
    match f.presence {
        // A member with a `@default` the client honours takes it when the service leaves it out.
        Presence::Optional => match crate::emit::rust_types::default_value(f) {
            Some(default) => quote!(#read.or_else(|| Some(#default))),
            None => read,
        },
        Presence::Required if has_zero(&f.ty) && !f.boxed => quote!(#read.unwrap_or_default()),
        Presence::Required => quote!(#read.ok_or_else(|| json::JsonError::expected("a value").within(#wire))?),
    }
}

/// Whether the type has a zero value (`Default`).
fn has_zero(ty: &Type) -> bool {
    !matches!(ty, Type::Enum(_) | Type::IntEnum(_) | Type::Struct(_) | Type::Union(_) | Type::Unit)
}

/// HTTP text of a scalar `value` (a reference), timestamps in `timestamps`.
pub fn to_text(value: &TokenStream, ty: &Type, timestamps: TokenStream) -> TokenStream {
    match ty {
        // `&String` coerces to `&str` where the helpers take text.
        Type::String => quote!(#value),
        _ => quote!(text::HttpText::to_http_text(#value, #timestamps).as_str()),
    }
}

/// The field's timestamp format, else `default`.
pub fn timestamps_of(f: &Field, default: TimestampFormat) -> TokenStream {
    let element = match &f.ty {
        Type::List(e) => e.timestamp_format,
        _ => None,
    };
    format(f.timestamp_format.or(element).unwrap_or(default))
}

/// The field as an identifier.
pub fn id(f: &Field) -> proc_macro2::Ident {
    ident(&f.ident)
}
