//! Testing without AWS (feature `test-util`).
//!
//! [`FakeService`] is a real HTTP/1.1 server on `127.0.0.1` that answers with responses you
//! script and records every request, so that chat code can be tested end to end (validation,
//! serialization, retries, timeouts, error handling) on loopback.
//!
//! Faults for reliability tests: [`FakeResponse::hang`] (no answer), [`FakeResponse::drop_connection`]
//! (the connection closes without an answer), [`FakeResponse::reset_mid_body`] and
//! [`FakeResponse::truncated`] (the connection closes mid-body), [`FakeResponse::slow_body`]
//! (the body trickles in). [`FakeService::success_tokens`] counts the idempotency tokens of the
//! requests answered with success, so that tests can prove a message is delivered at most once;
//! [`FakeService::faults`] counts the faults injected.
//!
//! ```
//! use chatsmith_runtime::test_util::{FakeResponse, FakeService};
//! use http::Method;
//!
//! # tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap().block_on(async {
//! let fake = FakeService::start().await;
//! // Every POST under /participant/message answers 200 with this body...
//! fake.route(Method::POST, "/participant/message", FakeResponse::json(200, r#"{"Id":"m-1"}"#));
//! // ...except the next request, which is throttled.
//! fake.enqueue(FakeResponse::error(429, "ThrottlingException", "slow down"));
//!
//! // Point the client at it:
//! let config = chatsmith_runtime::client::Config::builder()
//!     .region("us-east-1")
//!     .endpoint_url(fake.endpoint_url())
//!     .build();
//! # let _ = config;
//! // ... call your code, then look at what was sent:
//! for request in fake.requests() {
//!     println!("{} {} {:?}", request.method, request.path_and_query, request.body_json());
//! }
//! # });
//! ```

mod fake_response;
mod fake_service;
mod recorded_request;

pub use fake_response::{FakeResponse, Fault};
pub use fake_service::FakeService;
pub use fake_service::FaultCounts;
pub use recorded_request::RecordedRequest;
// `FakeService::route` and `RecordedRequest` speak `http` types; users need not depend on it.
pub use http;
