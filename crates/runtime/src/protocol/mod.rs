//! Wire protocols: the helpers generated serializers and deserializers call.

pub mod json;
pub mod restjson;
pub mod text;

// Generated crates reach these through the runtime, so they need no dependencies of their own.
pub use bytes;
pub use http;
pub use serde_json;
