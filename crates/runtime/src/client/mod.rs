//! The async client that generated crates drive.
//!
//! A generated crate implements [`Operation`] once per operation (how to fill idempotency
//! tokens, serialize the input, parse the response) and calls [`Handle::invoke`]. Everything
//! else lives here: validation before sending, endpoint resolution, the `user-agent`, SigV4
//! signing (feature `sigv4`), timeouts, retries with backoff and a retry quota, clock-skew
//! correction and the errors of all of it ([`SdkError`]).
//!
//! ```no_run
//! # async fn demo() {
//! use chatsmith_runtime::client::{Config, Handle, RetryConfig};
//! use std::time::Duration;
//!
//! let config = Config::builder()
//!     .region("us-east-1")
//!     .attempt_timeout(Duration::from_secs(5))
//!     .retry(RetryConfig::standard().with_max_attempts(4))
//!     .build();
//! let handle = Handle::new(config);
//! // Generated clients call `handle.invoke::<SendMessage>(input).await`.
//! # let _ = handle;
//! # }
//! ```

#[cfg(feature = "sigv4")]
mod clock_skew;
mod config;
mod connector;
mod credentials;
mod credentials_loader;
mod endpoint;
mod error_details;
mod handle;
mod hyper_connector;
mod invalid_input;
mod operation;
mod request;
mod retry;
mod retry_quota;
pub mod sdk_error;
#[cfg(feature = "sigv4")]
pub mod sigv4;
mod token;

pub use config::{Config, ConfigBuilder, Validation};
pub use connector::{ConnectorError, ConnectorErrorKind, HttpConnector};
pub use credentials::{Credentials, CredentialsError, CredentialsSource};
pub use error_details::{
    ConfigError, ConfigErrorKind, DispatchError, ResponseError, ServiceError, TimeoutError, TimeoutKind,
};
pub use handle::{Handle, Invocation};
pub use hyper_connector::HyperConnector;
pub use invalid_input::InvalidInput;
pub use operation::{HttpRequestParts, Operation, RawResponse, ResponseFailure, ServiceMeta};
pub use retry::{RetryClassify, RetryConfig, RetryKind};
pub use sdk_error::SdkError;
pub use token::{FixedToken, IdempotencyTokenProvider, RandomToken};

/// The version of this runtime, as it appears in the `user-agent` (`chatsmith/0.1.0`).
pub const RUNTIME_VERSION: &str = env!("CARGO_PKG_VERSION");
