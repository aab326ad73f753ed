//! The usage example on each operation input: builds a value with every required member.
//! It is a doc test, so the generated crate proves that its own example compiles and runs.

use crate::ir::{Constraint, Field, Presence, Service, Structure, Type};

/// Markdown with a Rust code block that builds the input of `op`.
pub fn input_example(service: &Service, input: &Structure, module: &str) -> String {
    let krate = service.crate_name.replace('-', "_");
    let mut code = format!("use {krate}::operation::{module}::{};\n\n", input.name);
    code.push_str(&format!("let input = {}::builder()\n", input.name));
    for field in required(input) {
        code.push_str(&format!("    .{}({})\n", field.ident, value(service, &krate, field, 0)));
    }
    code.push_str("    .build()?;\n");
    if let Some(first) = required(input).next() {
        code.push_str(&format!("# let _ = input.{}();\n", first.ident));
    }
    format!("# Example\n\n```\n{code}# Ok::<(), {krate}::error::BuildError>(())\n```")
}

fn required(s: &Structure) -> impl Iterator<Item = &Field> {
    s.fields.iter().filter(|f| f.presence == Presence::Required)
}

/// The argument of the setter of `field` in an example.
pub fn setter_value(service: &Service, krate: &str, field: &Field) -> String {
    value(service, krate, field, 0)
}

/// The argument of the setter of `field`: one item for a list, `key, value` for a map.
fn value(service: &Service, krate: &str, field: &Field, depth: usize) -> String {
    let allowed = field.constraints.iter().find_map(|c| match c {
        Constraint::AllowedValues(values) => values.first().map(|v| v.value.clone()),
        _ => None,
    });
    let arn =
        field.constraints.iter().any(|c| matches!(c, Constraint::Pattern { model, .. } if model.contains("arn:")));
    match &field.ty {
        Type::String if allowed.is_some() => format!("{:?}", allowed.unwrap_or_default()),
        Type::String if arn => {
            format!("\"arn:aws:example:us-east-1:111122223333:example/{}\"", field.ident.trim_start_matches("r#"))
        }
        Type::String if field.model_name.contains("Token") => "\"example-token\"".to_owned(),
        Type::String if field.model_name == "Content" => "\"Hello!\"".to_owned(),
        Type::String => format!("\"example {}\"", field.model_name),
        Type::List(element) if element.sparse => format!("Some({})", value_of(service, krate, &element.ty, depth)),
        Type::List(element) => value_of(service, krate, &element.ty, depth),
        Type::Map(_, entry) => format!("\"key\", {}", value_of(service, krate, &entry.ty, depth)),
        other => value_of(service, krate, other, depth),
    }
}

/// A whole value of type `ty`; `depth` bounds how deep nested structures are filled.
fn value_of(service: &Service, krate: &str, ty: &Type, depth: usize) -> String {
    match ty {
        Type::String => "\"example\".to_owned()".to_owned(),
        Type::Bool => "true".to_owned(),
        Type::Byte | Type::Short | Type::Integer | Type::Long => "1".to_owned(),
        Type::Float | Type::Double => "1.0".to_owned(),
        Type::BigInteger | Type::BigDecimal => format!("{krate}::primitives::BigNumber::from(\"1\")"),
        Type::Timestamp => format!("{krate}::primitives::DateTime::from_secs(0)"),
        Type::Blob => format!("{krate}::primitives::Blob::new(b\"example\".to_vec())"),
        Type::Document => format!("{krate}::primitives::Document::Null"),
        Type::Unit => "()".to_owned(),
        Type::Enum(name) => {
            let first = service.enums.iter().find(|e| &e.name == name).and_then(|e| e.variants.first());
            match first {
                Some(v) => format!("{krate}::types::{name}::{}", v.ident),
                None => format!("{krate}::types::{name}::from(\"example\")"),
            }
        }
        Type::IntEnum(name) => format!("{krate}::types::{name}::from(1)"),
        Type::Struct(name) => {
            let Some(s) = service.structures.iter().find(|s| &s.name == name).filter(|_| depth < 3) else {
                return format!("{krate}::types::{name}::builder().build()");
            };
            let mut out = format!("{krate}::types::{name}::builder()");
            for field in required(s) {
                out.push_str(&format!(".{}({})", field.ident, value(service, krate, field, depth + 1)));
            }
            out.push_str(if s.has_required() { ".build()?" } else { ".build()" });
            out
        }
        Type::Union(name) => {
            let first = service.unions.iter().find(|u| &u.name == name).and_then(|u| u.variants.first());
            match first {
                Some(v) if v.ty == Type::Unit => format!("{krate}::types::{name}::{}(())", v.ident),
                Some(v) => format!(
                    "{krate}::types::{name}::{}(({}).into())",
                    v.ident,
                    value_of(service, krate, &v.ty, depth + 1)
                ),
                None => format!("{krate}::types::{name}::Unknown"),
            }
        }
        Type::List(element) if element.sparse => {
            format!("vec![Some({})]", value_of(service, krate, &element.ty, depth + 1))
        }
        Type::List(element) => format!("vec![{}]", value_of(service, krate, &element.ty, depth + 1)),
        Type::Map(_, entry) => {
            let value = value_of(service, krate, &entry.ty, depth + 1);
            let value = if entry.sparse { format!("Some({value})") } else { value };
            format!("std::collections::BTreeMap::from([(\"key\".to_owned(), {value})])")
        }
    }
}
