//! Integration tests of the async client: `Handle::invoke` with hand-written operations shaped
//! like generated code, against `FakeService` on loopback or an in-process connector.

mod endpoint;
mod endpoint_rules_client;
mod endpoint_rules_engine;
mod endpoint_rules_upstream;
mod fake_service;
mod invoke;
mod redaction;
mod restjson;
mod retry;
mod sigv4;
mod support;
