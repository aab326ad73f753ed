//! Endpoint resolution from a service's `smithy.rules#endpointRuleSet`.
//!
//! An interpreter of the Smithy rules language: a [`RuleSet`] is parsed and checked once
//! (unknown functions, wrong argument counts, broken templates and references to names not in
//! scope are [`RuleSetError`]s naming the JSON pointer), then [`RuleSet::resolve`] evaluates it
//! for [`Params`]: `endpoint`, `error` and `tree` rules in order, conditions with `assign`,
//! template strings (`https://{Region}.{PartitionResult#dnsSuffix}`) and the library
//! functions `isSet`, `not`, `booleanEquals`, `stringEquals`, `getAttr` (paths like `a.b[0]`),
//! `substring`, `uriEncode`, `parseURL`, `isValidHostLabel`, `coalesce`, `ite`,
//! `aws.partition` (with the [`partition`] table), `aws.parseArn` and
//! `aws.isVirtualHostableS3Bucket`.
//!
//! Nothing here panics on any ruleset or parameters: failures are [`ResolveError`]s, and an
//! `error` rule's text comes back exactly as [`ResolveError::message`].
//!
//! The client uses it through [`ServiceMeta::endpoint_rules`](crate::client::ServiceMeta):
//! [`BuiltIns`] maps the configuration (region, FIPS, dual-stack, endpoint URL) onto the
//! parameters that declare those built-ins.

mod aws;
mod builtins;
mod cache;
mod endpoint;
mod error;
mod eval;
mod functions;
mod parameter;
mod params;
mod parse;
pub mod partition;
mod ruleset;
mod syntax;
mod template;
mod url;
mod value;

pub use builtins::BuiltIns;
pub use endpoint::ResolvedEndpoint;
pub use error::{ResolveError, ResolveErrorKind, RuleSetError};
pub use parameter::{Parameter, ParameterType};
pub use params::Params;
pub use ruleset::RuleSet;
pub use value::Value;
