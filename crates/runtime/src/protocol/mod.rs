//! Wire protocols: the helpers generated serializers and deserializers call.

pub mod restjson;
