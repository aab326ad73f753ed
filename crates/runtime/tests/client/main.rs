//! Integration tests of the async client: `Handle::invoke` with hand-written operations shaped
//! like generated code, against `FakeService` on loopback or an in-process connector.

mod endpoint;
mod fake_service;
mod invoke;
mod redaction;
mod restjson;
mod retry;
mod sigv4;
mod support;
