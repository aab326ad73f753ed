//! A case's `params` as Rust expressions of the generated crate's types.
//!
//! The IR (`chatsmith_codegen::ir`) gives the Rust names and types; the model gives what the IR
//! does not say (which collections are `@sparse`). Conventions of the compliance cases:
//! timestamps are epoch seconds, blobs are plain text, non-finite floats are the strings `NaN`,
//! `Infinity` and `-Infinity`, documents are any JSON value.

use chatsmith_codegen::ir::{Field, Presence, Service, Structure, Type};
use proc_macro2::{Ident, Literal, Span, TokenStream};
use quote::{format_ident, quote};
use serde_json::{Map, Value};

/// Turns values into expressions, for one generated crate.
pub struct Values<'a> {
    /// The IR of the generated crate.
    pub service: &'a Service,
    /// The model it was generated from (Smithy JSON AST).
    pub model: &'a Value,
    /// The generated crate's library name (`restjson`).
    pub krate: Ident,
}

/// A Rust identifier, raw when it starts with `r#`.
pub fn ident(name: &str) -> Ident {
    match name.strip_prefix("r#") {
        Some(raw) => Ident::new_raw(raw, Span::call_site()),
        None => format_ident!("{}", name),
    }
}

/// The setter of a field on a builder (`set_query_string`).
pub fn set_ident(field: &Field) -> Ident {
    format_ident!("set_{}", field.ident.trim_start_matches("r#"))
}

impl Values<'_> {
    /// `.set_x(Some(..))` calls for the members given in `params` (`null` members are left unset).
    pub fn setters(&self, s: &Structure, params: &Map<String, Value>) -> Result<Vec<TokenStream>, String> {
        let mut calls = Vec::new();
        for (name, value) in params {
            let field = s
                .fields
                .iter()
                .find(|f| &f.model_name == name)
                .ok_or_else(|| format!("{} has no member {name}", s.shape_id))?;
            if value.is_null() {
                continue;
            }
            let target = self.member_target(&s.shape_id, name);
            let expr = self.value(&field.ty, target.as_deref(), value).map_err(|e| format!("{name}: {e}"))?;
            let set = set_ident(field);
            calls.push(quote!(.#set(Some(#expr))));
        }
        Ok(calls)
    }

    /// `.set_x(Some(..))` calls that fill every required member with some value, so that an
    /// input builds and serializes (response cases do not care about the input).
    pub fn required_placeholders(&self, s: &Structure) -> Vec<TokenStream> {
        s.fields
            .iter()
            .filter(|f| f.presence == Presence::Required)
            .map(|f| {
                let set = set_ident(f);
                let value = self.placeholder(&f.ty);
                quote!(.#set(Some(#value)))
            })
            .collect()
    }

    /// The value of type `ty` (model shape `shape`, when known) that `value` stands for.
    pub fn value(&self, ty: &Type, shape: Option<&str>, value: &Value) -> Result<TokenStream, String> {
        let krate = &self.krate;
        let wrong = |what: &str| Err(format!("expected {what}, found {value}"));
        Ok(match ty {
            Type::String => match value.as_str() {
                Some(s) => quote!(#s.to_owned()),
                None => return wrong("a string"),
            },
            Type::Bool => match value.as_bool() {
                Some(b) => quote!(#b),
                None => return wrong("a boolean"),
            },
            Type::Byte | Type::Short | Type::Integer | Type::Long => {
                let Some(n) = value.as_i64() else { return wrong("an integer") };
                match ty {
                    Type::Byte => int(n, i8::try_from(n).map(Literal::i8_suffixed))?,
                    Type::Short => int(n, i16::try_from(n).map(Literal::i16_suffixed))?,
                    Type::Integer => int(n, i32::try_from(n).map(Literal::i32_suffixed))?,
                    _ => {
                        let lit = Literal::i64_suffixed(n);
                        quote!(#lit)
                    }
                }
            }
            Type::Float | Type::Double => {
                let float = if *ty == Type::Float { quote!(f32) } else { quote!(f64) };
                match value {
                    Value::String(s) if s == "NaN" => quote!(#float::NAN),
                    Value::String(s) if s == "Infinity" => quote!(#float::INFINITY),
                    Value::String(s) if s == "-Infinity" => quote!(#float::NEG_INFINITY),
                    Value::Number(n) => {
                        let Some(x) = n.as_f64() else { return wrong("a number") };
                        let lit =
                            if *ty == Type::Float { Literal::f32_suffixed(x as f32) } else { Literal::f64_suffixed(x) };
                        quote!(#lit)
                    }
                    _ => return wrong("a number"),
                }
            }
            Type::BigInteger | Type::BigDecimal => {
                let text = match value {
                    Value::Number(n) => n.to_string(),
                    Value::String(s) => s.clone(),
                    _ => return wrong("a number"),
                };
                quote!(#krate::primitives::BigNumber::from(#text))
            }
            Type::Timestamp => {
                let Value::Number(n) = value else { return wrong("epoch seconds") };
                let (secs, nanos) = epoch(&n.to_string()).ok_or_else(|| format!("bad epoch seconds {n}"))?;
                let (secs, nanos) = (Literal::i64_suffixed(secs), Literal::u32_suffixed(nanos));
                quote!(#krate::primitives::DateTime::from_secs_and_nanos(#secs, #nanos))
            }
            Type::Blob => match value.as_str() {
                Some(s) => {
                    let bytes = Literal::byte_string(s.as_bytes());
                    quote!(#krate::primitives::Blob::new(#bytes.to_vec()))
                }
                None => return wrong("a string"),
            },
            Type::Document => {
                let json = serde_json::to_string(value).map_err(|e| e.to_string())?;
                quote!(serde_json::from_str::<serde_json::Value>(#json).unwrap())
            }
            Type::Enum(name) => match value.as_str() {
                Some(s) => {
                    let name = ident(name);
                    quote!(#krate::types::#name::from(#s))
                }
                None => return wrong("a string"),
            },
            Type::IntEnum(name) => match value.as_i64().and_then(|n| i32::try_from(n).ok()) {
                Some(n) => {
                    let (name, lit) = (ident(name), Literal::i32_suffixed(n));
                    quote!(#krate::types::#name::from(#lit))
                }
                None => return wrong("an integer"),
            },
            Type::Struct(name) => {
                let Value::Object(params) = value else { return wrong("an object") };
                let s = self.structure(name)?;
                self.build(s, params)?
            }
            Type::Union(name) => {
                let Value::Object(members) = value else { return wrong("an object") };
                let u = self
                    .service
                    .unions
                    .iter()
                    .find(|u| &u.name == name)
                    .ok_or_else(|| format!("no union {name} in the IR"))?;
                let mut set = members.iter().filter(|(_, v)| !v.is_null());
                let (Some((member, inner)), None) = (set.next(), set.next()) else {
                    return wrong("a union with one member set");
                };
                let variant = u
                    .variants
                    .iter()
                    .find(|v| &v.model_name == member)
                    .ok_or_else(|| format!("union {name} has no member {member}"))?;
                let (union_name, id) = (ident(name), ident(&variant.ident));
                if variant.ty == Type::Unit {
                    quote!(#krate::types::#union_name::#id(()))
                } else {
                    let target = self.member_target(&u.shape_id, member);
                    let inner =
                        self.value(&variant.ty, target.as_deref(), inner).map_err(|e| format!("{member}: {e}"))?;
                    quote!(#krate::types::#union_name::#id(#inner))
                }
            }
            Type::List(element) => {
                let Value::Array(items) = value else { return wrong("a list") };
                let sparse = shape.is_some_and(|id| crate::cases::is_sparse(self.model, id));
                let target = shape.and_then(|id| self.member_target(id, "member"));
                let mut out = Vec::new();
                for (i, item) in items.iter().enumerate() {
                    out.push(match (sparse, item.is_null()) {
                        (true, true) => quote!(None),
                        (true, false) => {
                            let v =
                                self.value(&element.ty, target.as_deref(), item).map_err(|e| format!("[{i}]: {e}"))?;
                            quote!(Some(#v))
                        }
                        (false, _) => {
                            self.value(&element.ty, target.as_deref(), item).map_err(|e| format!("[{i}]: {e}"))?
                        }
                    });
                }
                quote!(vec![#(#out),*])
            }
            Type::Map(key, element) => {
                let Value::Object(entries) = value else { return wrong("a map") };
                let sparse = shape.is_some_and(|id| crate::cases::is_sparse(self.model, id));
                let key_target = shape.and_then(|id| self.member_target(id, "key"));
                let target = shape.and_then(|id| self.member_target(id, "value"));
                let mut out = Vec::new();
                for (k, item) in entries {
                    let k_expr = self.value(&key.ty, key_target.as_deref(), &Value::String(k.clone()))?;
                    let v = match (sparse, item.is_null()) {
                        (true, true) => quote!(None),
                        (true, false) => {
                            let v =
                                self.value(&element.ty, target.as_deref(), item).map_err(|e| format!("{k}: {e}"))?;
                            quote!(Some(#v))
                        }
                        // A dense map does not hold nulls: the entry is dropped.
                        (false, true) => continue,
                        (false, false) => {
                            self.value(&element.ty, target.as_deref(), item).map_err(|e| format!("{k}: {e}"))?
                        }
                    };
                    out.push(quote!((#k_expr, #v)));
                }
                quote!(std::collections::BTreeMap::from([#(#out),*]))
            }
            Type::Unit => quote!(()),
        })
    }

    /// `Name::builder()...build()` of structure `s` with `params`.
    pub fn build(&self, s: &Structure, params: &Map<String, Value>) -> Result<TokenStream, String> {
        let krate = &self.krate;
        let name = ident(&s.name);
        let setters = self.setters(s, params)?;
        let unwrap = s.has_required().then(|| quote!(.unwrap()));
        Ok(quote!(#krate::types::#name::builder() #(#setters)* .build() #unwrap))
    }

    /// Some value of type `ty`, with required members filled all the way down.
    fn placeholder(&self, ty: &Type) -> TokenStream {
        let krate = &self.krate;
        match ty {
            Type::String => quote!("x".to_owned()),
            Type::Bool => quote!(false),
            Type::Byte => quote!(0i8),
            Type::Short => quote!(0i16),
            Type::Integer => quote!(0i32),
            Type::Long => quote!(0i64),
            Type::Float => quote!(0f32),
            Type::Double => quote!(0f64),
            Type::BigInteger | Type::BigDecimal => quote!(#krate::primitives::BigNumber::from("0")),
            Type::Timestamp => quote!(#krate::primitives::DateTime::from_secs(0)),
            Type::Blob => quote!(#krate::primitives::Blob::new(Vec::new())),
            Type::Document => quote!(serde_json::Value::Null),
            Type::Enum(name) => {
                let name = ident(name);
                quote!(#krate::types::#name::from("x"))
            }
            Type::IntEnum(name) => {
                let name = ident(name);
                quote!(#krate::types::#name::from(0i32))
            }
            Type::Struct(name) => match self.structure(name) {
                Ok(s) => {
                    let name = ident(&s.name);
                    let setters = self.required_placeholders(s);
                    let unwrap = s.has_required().then(|| quote!(.unwrap()));
                    quote!(#krate::types::#name::builder() #(#setters)* .build() #unwrap)
                }
                Err(_) => quote!(Default::default()),
            },
            Type::Union(name) => {
                let union = self.service.unions.iter().find(|u| &u.name == name);
                match union.and_then(|u| u.variants.first().map(|v| (u, v))) {
                    Some((u, v)) => {
                        let (union_name, id) = (ident(&u.name), ident(&v.ident));
                        let inner = self.placeholder(&v.ty);
                        quote!(#krate::types::#union_name::#id(#inner))
                    }
                    None => quote!(Default::default()),
                }
            }
            Type::List(_) => quote!(Vec::new()),
            Type::Map(..) => quote!(std::collections::BTreeMap::new()),
            Type::Unit => quote!(()),
        }
    }

    fn structure(&self, name: &str) -> Result<&Structure, String> {
        self.service
            .structures
            .iter()
            .chain(&self.service.errors)
            .find(|s| s.name == name)
            .ok_or_else(|| format!("no structure {name} in the IR"))
    }

    /// The target shape id of member `member` of shape `shape` in the model.
    pub fn member_target(&self, shape: &str, member: &str) -> Option<String> {
        let shape = self.model.get("shapes")?.get(shape)?;
        let target = match member {
            "member" | "key" | "value" if shape.get("members").is_none() => shape.get(member)?,
            _ => shape.get("members")?.get(member)?,
        };
        target.get("target")?.as_str().map(str::to_owned)
    }
}

fn int<E>(n: i64, lit: Result<Literal, E>) -> Result<TokenStream, String> {
    let lit = lit.map_err(|_| format!("{n} is out of range"))?;
    Ok(quote!(#lit))
}

/// Epoch seconds as text (`1576540098`, `946845296.123`, `-1.5`) to whole seconds and nanoseconds.
fn epoch(text: &str) -> Option<(i64, u32)> {
    let text = text.to_ascii_lowercase();
    if text.contains('e') {
        let x: f64 = text.parse().ok()?;
        let secs = x.floor();
        return Some((secs as i64, ((x - secs) * 1e9).round() as u32));
    }
    let (whole, frac) = text.split_once('.').unwrap_or((&text, ""));
    let secs: i64 = whole.parse().ok()?;
    let digits: String = frac.chars().take(9).collect();
    let nanos: u32 = if digits.is_empty() { 0 } else { format!("{digits:0<9}").parse().ok()? };
    if whole.starts_with('-') && nanos > 0 { Some((secs - 1, 1_000_000_000 - nanos)) } else { Some((secs, nanos)) }
}

#[cfg(test)]
mod tests {
    use super::epoch;

    #[test]
    fn epoch_seconds() {
        assert_eq!(epoch("1576540098"), Some((1_576_540_098, 0)));
        assert_eq!(epoch("946845296.123"), Some((946_845_296, 123_000_000)));
        assert_eq!(epoch("-1.5"), Some((-2, 500_000_000)));
    }
}
