//! The Smithy prelude: the shapes every model may refer to without defining them.

use super::{Kind, Location, Shape, Traits};

const SIMPLE: &[(&str, Kind)] = &[
    ("String", Kind::String),
    ("Blob", Kind::Blob),
    ("BigInteger", Kind::BigInteger),
    ("BigDecimal", Kind::BigDecimal),
    ("Timestamp", Kind::Timestamp),
    ("Document", Kind::Document),
    ("Boolean", Kind::Boolean),
    ("Byte", Kind::Byte),
    ("Short", Kind::Short),
    ("Integer", Kind::Integer),
    ("Long", Kind::Long),
    ("Float", Kind::Float),
    ("Double", Kind::Double),
];

const PRIMITIVE: &[(&str, Kind, &str)] = &[
    ("PrimitiveBoolean", Kind::Boolean, "false"),
    ("PrimitiveByte", Kind::Byte, "0"),
    ("PrimitiveShort", Kind::Short, "0"),
    ("PrimitiveInteger", Kind::Integer, "0"),
    ("PrimitiveLong", Kind::Long, "0"),
    ("PrimitiveFloat", Kind::Float, "0"),
    ("PrimitiveDouble", Kind::Double, "0"),
];

/// The prelude shapes, located in the pseudo-file `<prelude>`.
pub fn shapes() -> Vec<Shape> {
    let simple = SIMPLE.iter().map(|(name, kind)| shape(name, *kind, Traits::new()));
    let primitive = PRIMITIVE.iter().map(|(name, kind, default)| {
        let mut traits = Traits::new();
        traits.insert("smithy.api#default".into(), serde_json::from_str(default).expect("literal"));
        shape(name, *kind, traits)
    });
    let mut unit_traits = Traits::new();
    unit_traits.insert("smithy.api#unitType".into(), serde_json::json!({}));
    let unit = shape("Unit", Kind::Structure, unit_traits);
    simple.chain(primitive).chain(std::iter::once(unit)).collect()
}

fn shape(name: &str, kind: Kind, traits: Traits) -> Shape {
    let id = format!("smithy.api#{name}");
    let at = Location { file: "<prelude>".into(), pointer: format!("/shapes/{id}") };
    Shape::new(&id, kind, traits, at)
}
