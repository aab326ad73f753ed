//! The Smithy model as loaded: shapes with their traits, each located in its file.

mod load;
mod prelude;

pub(crate) use load::valid_identifier;
pub use load::{ModelSource, load};

use serde_json::Value;
use std::collections::BTreeMap;

/// Trait id to trait value.
pub type Traits = BTreeMap<String, Value>;

/// Where an element of the model was written.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Location {
    /// The model file, as the caller named it.
    pub file: String,
    /// JSON pointer inside that file.
    pub pointer: String,
}

impl Location {
    /// The location of `token` below this one.
    pub fn child(&self, token: &str) -> Location {
        Location { file: self.file.clone(), pointer: format!("{}/{}", self.pointer, crate::diag::pointer_token(token)) }
    }
}

/// The kinds of shape Smithy 2.0 has.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[allow(missing_docs)]
pub enum Kind {
    Blob,
    Boolean,
    String,
    Byte,
    Short,
    Integer,
    Long,
    Float,
    Double,
    BigInteger,
    BigDecimal,
    Timestamp,
    Document,
    Enum,
    IntEnum,
    List,
    Set,
    Map,
    Structure,
    Union,
    Service,
    Operation,
    Resource,
}

impl Kind {
    /// The kind named by an AST `type`.
    pub fn parse(name: &str) -> Option<Kind> {
        Some(match name {
            "blob" => Kind::Blob,
            "boolean" => Kind::Boolean,
            "string" => Kind::String,
            "byte" => Kind::Byte,
            "short" => Kind::Short,
            "integer" => Kind::Integer,
            "long" => Kind::Long,
            "float" => Kind::Float,
            "double" => Kind::Double,
            "bigInteger" => Kind::BigInteger,
            "bigDecimal" => Kind::BigDecimal,
            "timestamp" => Kind::Timestamp,
            "document" => Kind::Document,
            "enum" => Kind::Enum,
            "intEnum" => Kind::IntEnum,
            "list" => Kind::List,
            "set" => Kind::Set,
            "map" => Kind::Map,
            "structure" => Kind::Structure,
            "union" => Kind::Union,
            "service" => Kind::Service,
            "operation" => Kind::Operation,
            "resource" => Kind::Resource,
            _ => return None,
        })
    }

    /// Whether shapes of this kind have named members.
    pub fn has_members(self) -> bool {
        matches!(self, Kind::Enum | Kind::IntEnum | Kind::List | Kind::Set | Kind::Map | Kind::Structure | Kind::Union)
    }
}

/// A reference to another shape (`{"target": "ns#Name"}`), located.
#[derive(Clone, Debug, PartialEq)]
pub struct Ref {
    /// The shape id referred to.
    pub target: String,
    /// Where the reference was written.
    pub at: Location,
}

/// A member of an aggregate shape (structure, union, enum, list `member`, map `key`/`value`).
#[derive(Clone, Debug, PartialEq)]
pub struct Member {
    /// The member name.
    pub name: String,
    /// The shape the member targets.
    pub target: Ref,
    /// The member's own traits.
    pub traits: Traits,
    /// Where the member was written.
    pub at: Location,
}

impl Member {
    /// Whether the member has the trait `id`.
    pub fn has(&self, id: &str) -> bool {
        self.traits.contains_key(id)
    }
}

/// One shape of the model.
#[derive(Clone, Debug, PartialEq)]
pub struct Shape {
    /// `namespace#Name`.
    pub id: String,
    /// What kind of shape it is.
    pub kind: Kind,
    /// Members in model order (for lists `member`, for maps `key` and `value`).
    pub members: Vec<Member>,
    /// The shape's traits.
    pub traits: Traits,
    /// Operation input.
    pub input: Option<Ref>,
    /// Operation output.
    pub output: Option<Ref>,
    /// Operation or service errors.
    pub errors: Vec<Ref>,
    /// Service or resource operations (every lifecycle and collection operation included).
    pub operations: Vec<Ref>,
    /// Service or resource resources.
    pub resources: Vec<Ref>,
    /// The mixins the shape applies (their members and traits are already copied in).
    pub mixins: Vec<Ref>,
    /// The service's `rename` map: shape id to new name.
    pub rename: BTreeMap<String, String>,
    /// The service's version.
    pub version: Option<String>,
    /// Where the shape was defined.
    pub at: Location,
}

impl Shape {
    /// A shape with no members or references yet.
    pub fn new(id: &str, kind: Kind, traits: Traits, at: Location) -> Shape {
        Shape {
            id: id.to_owned(),
            kind,
            members: Vec::new(),
            traits,
            input: None,
            output: None,
            errors: Vec::new(),
            operations: Vec::new(),
            resources: Vec::new(),
            mixins: Vec::new(),
            rename: BTreeMap::new(),
            version: None,
            at,
        }
    }

    /// The part of the id after `#`.
    pub fn name(&self) -> &str {
        shape_name(&self.id)
    }

    /// Whether the shape has the trait `id`.
    pub fn has(&self, id: &str) -> bool {
        self.traits.contains_key(id)
    }

    /// The member called `name`.
    pub fn member(&self, name: &str) -> Option<&Member> {
        self.members.iter().find(|m| m.name == name)
    }
}

/// The part of a shape id after `#`.
pub fn shape_name(id: &str) -> &str {
    id.rsplit_once('#').map_or(id, |(_, name)| name)
}

/// The part of a shape id before `#`.
pub fn namespace(id: &str) -> &str {
    id.split_once('#').map_or("", |(ns, _)| ns)
}

/// Every shape of the loaded files, plus the Smithy prelude.
#[derive(Clone, Debug, Default)]
pub struct Model {
    /// Shapes by id.
    pub shapes: BTreeMap<String, Shape>,
}

impl Model {
    /// The shape `id`, if defined.
    pub fn get(&self, id: &str) -> Option<&Shape> {
        self.shapes.get(id)
    }

    /// The trait `trait_id` of a member, else of its target shape (member traits win).
    pub fn effective_trait<'a>(&'a self, member: &'a Member, trait_id: &str) -> Option<&'a Value> {
        member.traits.get(trait_id).or_else(|| self.get(&member.target.target)?.traits.get(trait_id))
    }

    /// The shapes of kind `service`.
    pub fn services(&self) -> impl Iterator<Item = &Shape> {
        self.shapes.values().filter(|s| s.kind == Kind::Service)
    }
}
