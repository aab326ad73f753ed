//! The intermediate representation: what the Rust side needs to know, names already made.
//!
//! Lowering turns the Smithy [`Model`](crate::model::Model) into these types; emitting reads
//! only these. Nothing here refers back to shape ids except for documentation.

/// One generated crate: a service with its operations and types.
#[derive(Clone, Debug)]
pub struct Service {
    /// The crate name (`chatsmith-connectparticipant`).
    pub crate_name: String,
    /// Where the models came from, for the `@generated` header (`models/connectparticipant`).
    pub source_label: String,
    /// The service shape id.
    pub shape_id: String,
    /// `smithy.api#title`, else the shape name.
    pub title: String,
    /// Service documentation, Markdown.
    pub docs: String,
    /// `aws.api#service` `sdkId`.
    pub sdk_id: String,
    /// `aws.api#service` `endpointPrefix`.
    pub endpoint_prefix: Option<String>,
    /// `aws.auth#sigv4` `name`: the SigV4 signing name.
    pub signing_name: Option<String>,
    /// The API version.
    pub version: Option<String>,
    /// `smithy.rules#endpointRuleSet` as compact JSON, for the runtime's rules engine.
    pub endpoint_rules: Option<String>,
    /// Operations, by name.
    pub operations: Vec<Operation>,
    /// Structures of `types::`.
    pub structures: Vec<Structure>,
    /// Enums of `types::`.
    pub enums: Vec<Enum>,
    /// Unions of `types::`.
    pub unions: Vec<Union>,
    /// The distinct `@pattern`s, each a `static` of `src/patterns.rs` that every member it
    /// constrains shares.
    pub patterns: Vec<NamedPattern>,
    /// Exception structures of `types::error`, by name.
    pub errors: Vec<Structure>,
}

impl Service {
    /// Whether any operation of the service is signed with SigV4.
    pub fn signs(&self) -> bool {
        self.operations.iter().any(|op| op.signed)
    }
}

/// One operation.
#[derive(Clone, Debug)]
pub struct Operation {
    /// The model name, also the prefix of its Rust types (`SendMessage`).
    pub name: String,
    /// The module and method name (`send_message`).
    pub module: String,
    /// Documentation, Markdown.
    pub docs: String,
    /// HTTP method.
    pub method: String,
    /// URI template, query literals included.
    pub uri: String,
    /// Status code of a successful response.
    pub success_code: u16,
    /// The input (`SendMessageInput`).
    pub input: Structure,
    /// The output (`SendMessageOutput`).
    pub output: Structure,
    /// Rust names of the exception structures the operation may return, by name.
    pub errors: Vec<String>,
    /// Whether requests are signed with SigV4 (else only modelled headers, such as bearer tokens, authenticate).
    pub signed: bool,
    /// The deprecation message, if deprecated.
    pub deprecated: Option<String>,
    /// `@paginated`, when its tokens are top-level members.
    pub pagination: Option<Pagination>,
    /// `@httpChecksumRequired`: the request carries `Content-MD5`.
    pub checksum_required: bool,
    /// `@requestCompression` encodings, in order of preference (`gzip`).
    pub request_compression: Vec<String>,
    /// `@endpoint` `hostPrefix` (`foo.{label}.`), with `{label}` naming `@hostLabel` members.
    pub host_prefix: Option<String>,
}

/// How an operation pages through results (`@paginated`).
#[derive(Clone, Debug)]
pub struct Pagination {
    /// The input member that carries the token (Rust field name).
    pub input_token: String,
    /// The output member with the next token (Rust field name).
    pub output_token: String,
    /// The output member listing the items of a page (Rust field name), and the item type.
    pub items: Option<(String, Type)>,
    /// The input member that sets the page size (Rust field name).
    pub page_size: Option<String>,
}

/// What part a structure plays.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Role {
    /// An operation input.
    Input,
    /// An operation output.
    Output,
    /// An exception.
    Error,
    /// A structure used by members.
    Shared,
}

/// A structure (also the input, output and exception types).
#[derive(Clone, Debug)]
pub struct Structure {
    /// The Rust type name.
    pub name: String,
    /// The model shape id, for documentation.
    pub shape_id: String,
    /// Documentation, Markdown.
    pub docs: String,
    /// Members in model order.
    pub fields: Vec<Field>,
    /// What part it plays.
    pub role: Role,
    /// Whether it is reachable from an operation input (and so gets a validator).
    pub validated: bool,
    /// For exceptions: fault, status and retry behaviour.
    pub error: Option<ErrorInfo>,
    /// `@sensitive` on the structure itself: `Debug` hides every member.
    pub sensitive: bool,
    /// The deprecation message, if deprecated.
    pub deprecated: Option<String>,
}

impl Structure {
    /// Whether `build()` can fail: some member is required and has no default.
    pub fn has_required(&self) -> bool {
        self.fields.iter().any(|f| f.presence == Presence::Required)
    }
}

/// Facts about an exception.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ErrorInfo {
    /// `client` or `server`.
    pub fault: Fault,
    /// `@httpError`, else 400 for client and 500 for server faults.
    pub status: u16,
    /// `@retryable`: `Some(true)` for throttling.
    pub retryable: Option<bool>,
}

/// Who is to blame for an error.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Fault {
    /// The caller.
    Client,
    /// The service.
    Server,
}

/// How a member is held.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Presence {
    /// A plain field the builder requires.
    Required,
    /// An `Option`.
    Optional,
}

/// A structure member.
#[derive(Clone, Debug)]
pub struct Field {
    /// The Rust field name (`content_type`, `r#type`).
    pub ident: String,
    /// The member name in the model (`ContentType`), used in paths and error text.
    pub model_name: String,
    /// The JSON property name (`@jsonName`, else the member name).
    pub wire_name: String,
    /// The value type, with its element constraints.
    pub ty: Type,
    /// Plain field or `Option`.
    pub presence: Presence,
    /// `@required` in the model (an idempotency token may be required yet optional here).
    pub model_required: bool,
    /// `@idempotencyToken`: filled by the client when unset.
    pub idempotency_token: bool,
    /// `@sensitive`: never printed.
    pub sensitive: bool,
    /// Documentation, Markdown.
    pub docs: String,
    /// Constraints on the member's own value.
    pub constraints: Vec<Constraint>,
    /// Constraints that apply when another member has given values.
    pub conditions: Vec<Conditional>,
    /// Where the member goes in an HTTP message.
    pub binding: Binding,
    /// `@timestampFormat` of the member or its target, when the model sets one.
    pub timestamp_format: Option<TimestampFormat>,
    /// The deprecation message, if deprecated.
    pub deprecated: Option<String>,
    /// Held in a `Box`: the member's structure or union contains this one again (recursion).
    pub boxed: bool,
    /// `@hostLabel`: the value fills `{name}` of the operation's host prefix.
    pub host_label: bool,
    /// `@mediaType` of the member's target (`application/json`): a string with one is base64 in
    /// a header; a payload with one is sent with that `Content-Type`.
    pub media_type: Option<String>,
    /// `@default` of the member (or its target), when not `null`: responses fill it in when
    /// absent, and a structure nested in an input sends it when the member is unset.
    pub default: Option<serde_json::Value>,
    /// `@clientOptional`: the client never fills in the member's default.
    pub client_optional: bool,
}

/// Where a member is carried in the HTTP message.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Binding {
    /// In the JSON body.
    Body,
    /// `@httpHeader`.
    Header(String),
    /// `@httpPrefixHeaders`.
    PrefixHeaders(String),
    /// `@httpLabel` in the URI (greedy for `{Name+}`).
    Label {
        /// Whether the label is greedy (`/` kept).
        greedy: bool,
    },
    /// `@httpQuery`.
    Query(String),
    /// `@httpQueryParams`.
    QueryParams,
    /// `@httpPayload`: the whole body.
    Payload,
    /// `@httpResponseCode`.
    ResponseCode,
}

/// A value type.
#[derive(Clone, Debug, PartialEq)]
pub enum Type {
    /// `String`.
    String,
    /// `bool`.
    Bool,
    /// `i8`.
    Byte,
    /// `i16`.
    Short,
    /// `i32`.
    Integer,
    /// `i64`.
    Long,
    /// `f32`.
    Float,
    /// `f64`.
    Double,
    /// Arbitrary-precision integer, kept as text.
    BigInteger,
    /// Arbitrary-precision decimal, kept as text.
    BigDecimal,
    /// A point in time.
    Timestamp,
    /// Bytes.
    Blob,
    /// Any JSON value.
    Document,
    /// A generated enum in `types::`.
    Enum(String),
    /// A generated integer enum in `types::`.
    IntEnum(String),
    /// A generated structure in `types::`.
    Struct(String),
    /// A generated union in `types::`.
    Union(String),
    /// A list.
    List(Box<Element>),
    /// A map with string keys.
    Map(Box<Element>, Box<Element>),
    /// `smithy.api#Unit`: a union member without a value.
    Unit,
}

/// The element of a list, or the key or value of a map.
#[derive(Clone, Debug, PartialEq)]
pub struct Element {
    /// The element type.
    pub ty: Type,
    /// Constraints on each element.
    pub constraints: Vec<Constraint>,
    /// Whether elements are `@sensitive`.
    pub sensitive: bool,
    /// `@timestampFormat` of the element, when the model sets one.
    pub timestamp_format: Option<TimestampFormat>,
    /// The collection is `@sparse`: elements (list items, map values) may be null, `Option` in Rust.
    pub sparse: bool,
}

/// `@timestampFormat` values.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TimestampFormat {
    /// `epoch-seconds`.
    EpochSeconds,
    /// `date-time` (RFC 3339).
    DateTime,
    /// `http-date` (IMF-fixdate).
    HttpDate,
}

/// A `@pattern`, named after the shape (or member) that carries it.
#[derive(Clone, Debug, PartialEq)]
pub struct NamedPattern {
    /// `SCREAMING_SNAKE_CASE`, unique in the crate.
    pub name: String,
    /// As written in the model (ECMA-262).
    pub model: String,
    /// The tree the runtime matches (see [`crate::pattern`]).
    pub root: crate::pattern::Node,
    /// Where it is written: the shape or `Shape$member`.
    pub source: String,
}

/// A constraint on a value.
#[derive(Clone, Debug, PartialEq)]
pub enum Constraint {
    /// `@length`: characters for strings, items for lists, entries for maps, bytes for blobs.
    Length {
        /// Smallest allowed.
        min: Option<u64>,
        /// Largest allowed.
        max: Option<u64>,
    },
    /// Our `utf8Length`: bytes of the UTF-8 encoding.
    Utf8Length {
        /// Smallest allowed.
        min: Option<u64>,
        /// Largest allowed.
        max: Option<u64>,
    },
    /// `@range`, bounds as written in the model.
    Range {
        /// Smallest allowed.
        min: Option<String>,
        /// Largest allowed.
        max: Option<String>,
    },
    /// `@pattern`: one of [`Service::patterns`].
    Pattern {
        /// As written in the model (ECMA-262).
        model: String,
        /// The name of its `static` in `src/patterns.rs`.
        name: String,
    },
    /// Our `allowedValues`.
    AllowedValues(Vec<AllowedValue>),
    /// `@uniqueItems`: no two list items are equal.
    UniqueItems,
    /// Our `jsonObject`.
    JsonObject {
        /// Members that must be JSON strings.
        string_members: Vec<String>,
    },
}

/// One allowed value.
#[derive(Clone, Debug, PartialEq)]
pub struct AllowedValue {
    /// The value.
    pub value: String,
    /// Why it is deprecated, if it is.
    pub deprecated: Option<String>,
}

/// Rules that apply when a sibling member has one of some values (our `when` trait).
#[derive(Clone, Debug, PartialEq)]
pub struct Conditional {
    /// The sibling's model name.
    pub member: String,
    /// The sibling's Rust field name.
    pub member_ident: String,
    /// Whether the sibling is an `Option`.
    pub member_optional: bool,
    /// Wire values that trigger the rules.
    pub values: Vec<String>,
    /// The member must be set.
    pub required: bool,
    /// The member must not be set.
    pub forbidden: bool,
    /// Constraints on the member's value.
    pub constraints: Vec<Constraint>,
    /// Where the rule comes from, Markdown.
    pub docs: Option<String>,
}

impl Conditional {
    /// `ContentType is text/plain or text/markdown`.
    pub fn describe(&self) -> String {
        format!("{} is {}", self.member, self.values.join(" or "))
    }
}

/// An enum.
#[derive(Clone, Debug)]
pub struct Enum {
    /// Rust type name.
    pub name: String,
    /// The model shape id.
    pub shape_id: String,
    /// Documentation, Markdown.
    pub docs: String,
    /// Known variants in model order.
    pub variants: Vec<Variant>,
    /// Integer enum (values are numbers).
    pub int: bool,
}

/// An enum variant.
#[derive(Clone, Debug)]
pub struct Variant {
    /// Rust variant name (`NonPersistent`).
    pub ident: String,
    /// The value on the wire (`NON_PERSISTENT`, or a number for int enums).
    pub value: String,
    /// Documentation, Markdown.
    pub docs: String,
    /// The deprecation message, if deprecated.
    pub deprecated: Option<String>,
}

/// A union: exactly one member is set.
#[derive(Clone, Debug)]
pub struct Union {
    /// Rust type name.
    pub name: String,
    /// The model shape id.
    pub shape_id: String,
    /// Documentation, Markdown.
    pub docs: String,
    /// One variant per member.
    pub variants: Vec<Field>,
    /// Reachable from an input (gets a validator).
    pub validated: bool,
    /// `@sensitive` on the union itself: `Debug` hides the value.
    pub sensitive: bool,
}
