//! `ToJson`, `FromJson` and `HttpText` for the crate's structures, enums and unions.

use super::values::{field_from_json, to_json, write_member};
use crate::emit::rust_types::ident;
use crate::ir::{Enum, Field, Presence, Structure, Type, Union};
use proc_macro2::TokenStream;
use quote::quote;

/// The impls for a structure used inside bodies (every member is a JSON member).
pub fn structure(s: &Structure) -> TokenStream {
    let name = ident(&s.name);
    if s.fields.is_empty() {
        return quote! {
            impl json::ToJson for crate::types::#name {
                fn to_json(&self) -> Value {
                    Value::Object(Map::new())
                }
                fn write_json(&self, out: &mut Vec<u8>) {
                    out.extend_from_slice(b"{}");
                }
            }

            impl json::FromJson for crate::types::#name {
                fn from_json(value: &Value) -> Result<Self, json::JsonError> {
                    json::object(value)?;
                    Ok(Self {})
                }
            }
        };
    }
    let inserts = s.fields.iter().map(|f| insert(f, &quote!(self)));
    let writes = s.fields.iter().map(|f| write(f, &quote!(self)));
    let reads = s.fields.iter().map(|f| {
        let id = ident(&f.ident);
        let read = field_from_json(f, &quote!(object));
        quote!(#id: #read,)
    });
    quote! {
        impl json::ToJson for crate::types::#name {
            fn to_json(&self) -> Value {
                let mut object = Map::new();
                #(#inserts)*
                Value::Object(object)
            }
            fn write_json(&self, out: &mut Vec<u8>) {
                let mut object = json::ObjectWriter::new(out);
                #(#writes)*
                object.finish();
            }
        }

        impl json::FromJson for crate::types::#name {
            fn from_json(value: &Value) -> Result<Self, json::JsonError> {
                let object = json::object(value)?;
                Ok(Self { #(#reads)* })
            }
        }
    }
}

/// `object.insert(...)` of field `f` of `owner`, skipped when an optional member is unset.
fn insert(f: &Field, owner: &TokenStream) -> TokenStream {
    let (id, wire) = (ident(&f.ident), &f.wire_name);
    match f.presence {
        Presence::Required => {
            let value = to_json(&quote!(&#owner.#id), &f.ty, f.timestamp_format);
            quote!(object.insert(#wire.to_owned(), #value);)
        }
        Presence::Optional => {
            let value = to_json(&quote!(value), &f.ty, f.timestamp_format);
            quote!(if let Some(value) = &#owner.#id { object.insert(#wire.to_owned(), #value); })
        }
    }
}

/// `object.member(...)` of field `f` of `owner` (a `json::ObjectWriter`), skipped when an
/// optional member is unset: the members `insert` puts in a `Map`, in the same order.
pub fn write(f: &Field, owner: &TokenStream) -> TokenStream {
    let (id, wire) = (ident(&f.ident), &f.wire_name);
    match f.presence {
        Presence::Required => write_member(wire, &quote!(&#owner.#id), &f.ty, f.timestamp_format),
        Presence::Optional => {
            let write = write_member(wire, &quote!(value), &f.ty, f.timestamp_format);
            quote!(if let Some(value) = &#owner.#id { #write })
        }
    }
}

/// The impls for an enum: its wire value as a JSON string (or number) and as HTTP text.
pub fn enumeration(e: &Enum) -> TokenStream {
    let name = ident(&e.name);
    if e.int {
        return quote! {
            impl json::ToJson for crate::types::#name {
                fn to_json(&self) -> Value {
                    Value::from(self.as_i32())
                }
                fn write_json(&self, out: &mut Vec<u8>) {
                    json::ToJson::write_json(&self.as_i32(), out);
                }
            }

            impl json::FromJson for crate::types::#name {
                fn from_json(value: &Value) -> Result<Self, json::JsonError> {
                    i32::from_json(value).map(Self::from)
                }
            }

            impl text::HttpText for crate::types::#name {
                fn to_http_text(&self, _: TimestampFormat) -> String {
                    self.as_i32().to_string()
                }
                fn from_http_text(text: &str, _: TimestampFormat) -> Option<Self> {
                    text.trim().parse::<i32>().ok().map(Self::from)
                }
            }
        };
    }
    quote! {
        impl json::ToJson for crate::types::#name {
            fn to_json(&self) -> Value {
                Value::String(self.as_str().to_owned())
            }
            fn write_json(&self, out: &mut Vec<u8>) {
                json::write_str(out, self.as_str());
            }
        }

        impl json::FromJson for crate::types::#name {
            fn from_json(value: &Value) -> Result<Self, json::JsonError> {
                value.as_str().map(Self::from).ok_or(json::JsonError::expected("a string"))
            }
        }

        impl text::HttpText for crate::types::#name {
            fn to_http_text(&self, _: TimestampFormat) -> String {
                self.as_str().to_owned()
            }
            fn from_http_text(text: &str, _: TimestampFormat) -> Option<Self> {
                Some(Self::from(text))
            }
        }
    }
}

/// The impls for a union: a JSON object with exactly one member; unknown members are kept as
/// `Unknown`, and a `__type` key is ignored.
pub fn union(u: &Union) -> TokenStream {
    let name = ident(&u.name);
    let writes = u.variants.iter().map(|v| {
        let (id, wire) = (ident(&v.ident), &v.wire_name);
        if v.ty == Type::Unit {
            quote!(Self::#id(()) => { object.insert(#wire.to_owned(), Value::Object(Map::new())); })
        } else {
            let value = to_json(&quote!(value), &v.ty, v.timestamp_format);
            quote!(Self::#id(value) => { object.insert(#wire.to_owned(), #value); })
        }
    });
    let members = u.variants.iter().map(|v| {
        let (id, wire) = (ident(&v.ident), &v.wire_name);
        if v.ty == Type::Unit {
            quote!(Self::#id(()) => object.value(#wire, &Value::Object(Map::new())),)
        } else {
            let write = write_member(wire, &quote!(value), &v.ty, v.timestamp_format);
            quote!(Self::#id(value) => { #write })
        }
    });
    let reads = u.variants.iter().map(|v| {
        let (id, wire) = (ident(&v.ident), &v.wire_name);
        if v.ty == Type::Unit {
            quote!(#wire => Self::#id(()),)
        } else {
            quote!(#wire => Self::#id(json::FromJson::from_json(value).map_err(|e| e.within(#wire))?),)
        }
    });
    let value = if u.variants.iter().any(|v| v.ty != Type::Unit) { quote!(value) } else { quote!(_) };
    quote! {
        impl json::ToJson for crate::types::#name {
            fn to_json(&self) -> Value {
                let mut object = Map::new();
                match self {
                    #(#writes)*
                    Self::Unknown => {}
                }
                Value::Object(object)
            }
            fn write_json(&self, out: &mut Vec<u8>) {
                let mut object = json::ObjectWriter::new(out);
                match self {
                    #(#members)*
                    Self::Unknown => {}
                }
                object.finish();
            }
        }

        impl json::FromJson for crate::types::#name {
            fn from_json(value: &Value) -> Result<Self, json::JsonError> {
                let object = json::object(value)?;
                let Some((key, #value)) = object.iter().find(|(key, value)| key.as_str() != "__type" && !value.is_null()) else {
                    return Err(json::JsonError::expected("a union with one member set"));
                };
                Ok(match key.as_str() {
                    #(#reads)*
                    _ => Self::Unknown,
                })
            }
        }
    }
}
