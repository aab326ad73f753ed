//! The parsed form of a ruleset: rules, conditions, expressions, templates.
//!
//! Built once by [`parse`](super::parse) and evaluated many times by [`eval`](super::eval).

/// A rule: conditions that must all hold, then what the rule does.
#[derive(Clone, Debug)]
pub(crate) struct Rule {
    /// The rule's JSON pointer in the ruleset, for error messages.
    pub(crate) pointer: String,
    pub(crate) conditions: Vec<Condition>,
    pub(crate) kind: RuleKind,
}

/// What a rule does once its conditions hold.
#[derive(Clone, Debug)]
pub(crate) enum RuleKind {
    /// Resolves to this endpoint.
    Endpoint(EndpointTemplate),
    /// Fails with this message.
    Error(Expr),
    /// Evaluates these rules in order; one of them must match.
    Tree(Vec<Rule>),
}

/// The endpoint of an `endpoint` rule, before evaluation.
#[derive(Clone, Debug)]
pub(crate) struct EndpointTemplate {
    pub(crate) url: Expr,
    pub(crate) headers: Vec<(String, Vec<Expr>)>,
    pub(crate) properties: Vec<(String, Literal)>,
}

/// A condition: a function call whose result must be set and not `false`, optionally bound
/// to a name for the rest of the rule.
#[derive(Clone, Debug)]
pub(crate) struct Condition {
    /// The condition's JSON pointer in the ruleset, for error messages.
    pub(crate) pointer: String,
    pub(crate) expr: Expr,
    pub(crate) assign: Option<String>,
}

/// An expression.
#[derive(Clone, Debug)]
pub(crate) enum Expr {
    /// A literal (its strings are templates).
    Literal(Literal),
    /// The value of a parameter or of an `assign`ed name.
    Ref(String),
    /// `getAttr`: a path into a record or array (`a.b[0]`).
    GetAttr(Box<Expr>, Vec<PathPart>),
    /// A call of a library function.
    Call(Func, Vec<Expr>),
}

/// A literal value. Strings are templates, so a literal may depend on the scope.
#[derive(Clone, Debug)]
pub(crate) enum Literal {
    Str(Template),
    Bool(bool),
    Int(i64),
    Array(Vec<Literal>),
    Record(Vec<(String, Literal)>),
}

/// A template string (`https://{Region}.{PartitionResult#dnsSuffix}`), split into parts.
#[derive(Clone, Debug)]
pub(crate) struct Template {
    pub(crate) parts: Vec<TemplatePart>,
}

/// A piece of a template.
#[derive(Clone, Debug)]
pub(crate) enum TemplatePart {
    /// Text, with `{{` and `}}` already unescaped.
    Text(String),
    /// `{Name}` or `{Name#path}`: a reference, or `getAttr` of one.
    Dynamic { raw: String, expr: Expr },
}

/// One step of a `getAttr` path.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum PathPart {
    /// A record field.
    Key(String),
    /// An array element (out of bounds: unset).
    Index(usize),
}

/// The library functions (`getAttr` is [`Expr::GetAttr`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Func {
    IsSet,
    Not,
    BooleanEquals,
    StringEquals,
    Substring,
    UriEncode,
    ParseUrl,
    IsValidHostLabel,
    Coalesce,
    Ite,
    AwsPartition,
    AwsParseArn,
    AwsIsVirtualHostableS3Bucket,
}

impl Func {
    /// The function of a name in the ruleset (`aws.partition`).
    pub(crate) fn from_name(name: &str) -> Option<Self> {
        Some(match name {
            "isSet" => Func::IsSet,
            "not" => Func::Not,
            "booleanEquals" => Func::BooleanEquals,
            "stringEquals" => Func::StringEquals,
            "substring" => Func::Substring,
            "uriEncode" => Func::UriEncode,
            "parseURL" => Func::ParseUrl,
            "isValidHostLabel" => Func::IsValidHostLabel,
            "coalesce" => Func::Coalesce,
            "ite" => Func::Ite,
            "aws.partition" => Func::AwsPartition,
            "aws.parseArn" => Func::AwsParseArn,
            "aws.isVirtualHostableS3Bucket" => Func::AwsIsVirtualHostableS3Bucket,
            _ => return None,
        })
    }

    /// The name in the ruleset.
    pub(crate) fn name(self) -> &'static str {
        match self {
            Func::IsSet => "isSet",
            Func::Not => "not",
            Func::BooleanEquals => "booleanEquals",
            Func::StringEquals => "stringEquals",
            Func::Substring => "substring",
            Func::UriEncode => "uriEncode",
            Func::ParseUrl => "parseURL",
            Func::IsValidHostLabel => "isValidHostLabel",
            Func::Coalesce => "coalesce",
            Func::Ite => "ite",
            Func::AwsPartition => "aws.partition",
            Func::AwsParseArn => "aws.parseArn",
            Func::AwsIsVirtualHostableS3Bucket => "aws.isVirtualHostableS3Bucket",
        }
    }

    /// Whether `n` arguments are right for the function.
    pub(crate) fn accepts(self, n: usize) -> bool {
        match self {
            Func::IsSet | Func::Not | Func::UriEncode | Func::ParseUrl | Func::AwsPartition | Func::AwsParseArn => {
                n == 1
            }
            Func::BooleanEquals | Func::StringEquals | Func::IsValidHostLabel | Func::AwsIsVirtualHostableS3Bucket => {
                n == 2
            }
            Func::Ite => n == 3,
            Func::Substring => n == 4,
            Func::Coalesce => n >= 2,
        }
    }

    /// The expected argument count, for error messages.
    pub(crate) fn arity(self) -> &'static str {
        match self {
            Func::IsSet | Func::Not | Func::UriEncode | Func::ParseUrl | Func::AwsPartition | Func::AwsParseArn => "1",
            Func::BooleanEquals | Func::StringEquals | Func::IsValidHostLabel | Func::AwsIsVirtualHostableS3Bucket => {
                "2"
            }
            Func::Ite => "3",
            Func::Substring => "4",
            Func::Coalesce => "at least 2",
        }
    }
}
