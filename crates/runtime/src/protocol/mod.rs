//! Wire protocols: the helpers generated serializers and deserializers call.

pub mod json;
pub mod restjson;
pub mod text;
