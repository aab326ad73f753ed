//! Client configuration and its builder.

use super::{Credentials, CredentialsSource, HttpConnector, IdempotencyTokenProvider, RandomToken, RetryConfig};
use std::fmt;
use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;

/// Whether the client checks inputs against their model before sending.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Validation {
    /// Check every constraint; a broken one fails the call with
    /// [`InvalidInput::Validation`](super::InvalidInput::Validation) and nothing is sent.
    #[default]
    Enforce,
    /// Send inputs as they are and let the service judge them.
    Off,
}

/// Everything a [`Handle`](super::Handle) needs besides the operation: where to send, how to
/// sign, how long to wait and how often to retry.
///
/// `Debug` never shows secrets: credentials print their access key id only.
#[derive(Clone)]
pub struct Config {
    pub(crate) region: Option<String>,
    pub(crate) endpoint_url: Option<String>,
    pub(crate) use_fips: Option<bool>,
    pub(crate) use_dual_stack: Option<bool>,
    pub(crate) credentials: CredentialsSource,
    pub(crate) connect_timeout: Option<Duration>,
    pub(crate) attempt_timeout: Option<Duration>,
    pub(crate) total_timeout: Option<Duration>,
    pub(crate) retry: RetryConfig,
    pub(crate) validation: Validation,
    pub(crate) token_provider: Arc<dyn IdempotencyTokenProvider>,
    pub(crate) connector: Option<Arc<dyn HttpConnector>>,
    pub(crate) max_response_body_size: usize,
}

impl Config {
    /// The default connect timeout: 3.1 s, as the AWS SDKs.
    pub const DEFAULT_CONNECT_TIMEOUT: Duration = Duration::from_millis(3100);
    /// The default per-attempt timeout: 30 s.
    pub const DEFAULT_ATTEMPT_TIMEOUT: Duration = Duration::from_secs(30);
    /// The default response body limit: 4 MiB.
    pub const DEFAULT_MAX_RESPONSE_BODY_SIZE: usize = 4 * 1024 * 1024;

    /// A builder with the defaults.
    pub fn builder() -> ConfigBuilder {
        ConfigBuilder { config: Self::default() }
    }

    /// A builder starting from this configuration.
    pub fn to_builder(&self) -> ConfigBuilder {
        ConfigBuilder { config: self.clone() }
    }

    /// The region (`us-east-1`).
    pub fn region(&self) -> Option<&str> {
        self.region.as_deref()
    }

    /// The endpoint URL that replaces the default endpoint.
    pub fn endpoint_url(&self) -> Option<&str> {
        self.endpoint_url.as_deref()
    }

    /// Whether requests go to FIPS endpoints (needs the service's endpoint rules).
    pub fn use_fips(&self) -> bool {
        self.use_fips.unwrap_or(false)
    }

    /// Whether requests go to dual-stack (IPv4 and IPv6) endpoints (needs the service's
    /// endpoint rules).
    pub fn use_dual_stack(&self) -> bool {
        self.use_dual_stack.unwrap_or(false)
    }

    /// Where credentials come from.
    pub fn credentials_source(&self) -> &CredentialsSource {
        &self.credentials
    }

    /// The connect timeout.
    pub fn connect_timeout(&self) -> Option<Duration> {
        self.connect_timeout
    }

    /// The timeout of one attempt (sending the request and reading the whole response).
    pub fn attempt_timeout(&self) -> Option<Duration> {
        self.attempt_timeout
    }

    /// The timeout of the whole call, retries and backoff included.
    pub fn total_timeout(&self) -> Option<Duration> {
        self.total_timeout
    }

    /// The retry settings.
    pub fn retry(&self) -> &RetryConfig {
        &self.retry
    }

    /// Whether inputs are validated before sending.
    pub fn validation(&self) -> Validation {
        self.validation
    }

    /// The largest response body read, in bytes.
    pub fn max_response_body_size(&self) -> usize {
        self.max_response_body_size
    }

    /// A token from the configured idempotency token provider.
    pub fn make_token(&self) -> String {
        self.token_provider.make_token()
    }
}

impl Default for Config {
    fn default() -> Self {
        Self {
            region: None,
            endpoint_url: None,
            use_fips: None,
            use_dual_stack: None,
            credentials: CredentialsSource::DefaultChain,
            connect_timeout: Some(Self::DEFAULT_CONNECT_TIMEOUT),
            attempt_timeout: Some(Self::DEFAULT_ATTEMPT_TIMEOUT),
            total_timeout: None,
            retry: RetryConfig::standard(),
            validation: Validation::Enforce,
            token_provider: Arc::new(RandomToken),
            connector: None,
            max_response_body_size: Self::DEFAULT_MAX_RESPONSE_BODY_SIZE,
        }
    }
}

impl fmt::Debug for Config {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Config")
            .field("region", &self.region)
            .field("endpoint_url", &self.endpoint_url)
            .field("use_fips", &self.use_fips())
            .field("use_dual_stack", &self.use_dual_stack())
            .field("credentials", &self.credentials)
            .field("connect_timeout", &self.connect_timeout)
            .field("attempt_timeout", &self.attempt_timeout)
            .field("total_timeout", &self.total_timeout)
            .field("retry", &self.retry)
            .field("validation", &self.validation)
            .field("http_connector", &if self.connector.is_some() { "custom" } else { "default" })
            .field("max_response_body_size", &self.max_response_body_size)
            .finish_non_exhaustive()
    }
}

/// Builds a [`Config`]. Every setting has a default; see each method.
#[derive(Clone, Debug)]
pub struct ConfigBuilder {
    config: Config,
}

impl ConfigBuilder {
    /// The AWS region (`us-east-1`). Default: `AWS_REGION`, else `AWS_DEFAULT_REGION`, read by
    /// [`build`](Self::build). A region is needed unless an endpoint URL is given and the
    /// operation is not signed.
    pub fn region(mut self, region: impl Into<String>) -> Self {
        self.config.region = Some(region.into());
        self
    }

    /// Sends to this URL instead of the service's endpoint (`http://127.0.0.1:8080`); a path
    /// in it is kept as a prefix of every request path. With endpoint rules, the URL is their
    /// `SDK::Endpoint` parameter (the AWS rulesets refuse it together with FIPS or dual-stack).
    pub fn endpoint_url(mut self, url: impl Into<String>) -> Self {
        self.config.endpoint_url = Some(url.into());
        self
    }

    /// Sends to the service's FIPS endpoints (`participant.connect-fips.us-east-1.amazonaws.com`).
    /// Default: `AWS_USE_FIPS_ENDPOINT` (`true` or `false`), read by [`build`](Self::build),
    /// else `false`. Resolution fails where the partition or service has no FIPS endpoint.
    pub fn use_fips(mut self, use_fips: bool) -> Self {
        self.config.use_fips = Some(use_fips);
        self
    }

    /// Sends to the service's dual-stack (IPv4 and IPv6) endpoints
    /// (`participant.connect.us-east-1.api.aws`). Default: `AWS_USE_DUALSTACK_ENDPOINT`
    /// (`true` or `false`), read by [`build`](Self::build), else `false`.
    pub fn use_dual_stack(mut self, use_dual_stack: bool) -> Self {
        self.config.use_dual_stack = Some(use_dual_stack);
        self
    }

    /// Signs with these credentials.
    pub fn credentials(mut self, credentials: Credentials) -> Self {
        self.config.credentials = CredentialsSource::Static(credentials);
        self
    }

    /// Signs with `AWS_ACCESS_KEY_ID`, `AWS_SECRET_ACCESS_KEY` and `AWS_SESSION_TOKEN`.
    pub fn credentials_from_env(mut self) -> Self {
        self.config.credentials = CredentialsSource::Environment;
        self
    }

    /// Signs with the static keys of `profile` in the shared credentials file.
    pub fn credentials_from_profile(mut self, profile: impl Into<String>) -> Self {
        self.config.credentials = CredentialsSource::Profile { file: None, name: Some(profile.into()) };
        self
    }

    /// Signs with the static keys of `profile` in the credentials file at `file`.
    pub fn credentials_from_profile_file(mut self, file: impl Into<PathBuf>, profile: impl Into<String>) -> Self {
        self.config.credentials = CredentialsSource::Profile { file: Some(file.into()), name: Some(profile.into()) };
        self
    }

    /// Where credentials come from. Default: [`CredentialsSource::DefaultChain`].
    pub fn credentials_source(mut self, source: CredentialsSource) -> Self {
        self.config.credentials = source;
        self
    }

    /// The longest wait for a connection. Default: 3.1 s.
    pub fn connect_timeout(mut self, timeout: Duration) -> Self {
        self.config.connect_timeout = Some(timeout);
        self
    }

    /// The longest wait for one attempt: sending the request and reading the whole response.
    /// Default: 30 s. A timed-out attempt is retried.
    pub fn attempt_timeout(mut self, timeout: Duration) -> Self {
        self.config.attempt_timeout = Some(timeout);
        self
    }

    /// The longest wait for the whole call, retries and backoff included. Default: none.
    pub fn total_timeout(mut self, timeout: Duration) -> Self {
        self.config.total_timeout = Some(timeout);
        self
    }

    /// The retry settings. Default: [`RetryConfig::standard`].
    pub fn retry(mut self, retry: RetryConfig) -> Self {
        self.config.retry = retry;
        self
    }

    /// Whether inputs are validated before sending. Default: [`Validation::Enforce`].
    pub fn validation(mut self, validation: Validation) -> Self {
        self.config.validation = validation;
        self
    }

    /// Makes the tokens of unset `@idempotencyToken` members. Default: [`RandomToken`].
    pub fn idempotency_token_provider(mut self, provider: impl IdempotencyTokenProvider) -> Self {
        self.config.token_provider = Arc::new(provider);
        self
    }

    /// Sends requests through this connector. Default: [`HyperConnector`](super::HyperConnector).
    pub fn http_connector(mut self, connector: impl HttpConnector) -> Self {
        self.config.connector = Some(Arc::new(connector));
        self
    }

    /// The largest response body read, in bytes; a longer one fails the call. Default: 4 MiB.
    pub fn max_response_body_size(mut self, bytes: usize) -> Self {
        self.config.max_response_body_size = bytes;
        self
    }

    /// The configuration; the region falls back to `AWS_REGION`, then `AWS_DEFAULT_REGION`,
    /// the FIPS and dual-stack switches to `AWS_USE_FIPS_ENDPOINT` and
    /// `AWS_USE_DUALSTACK_ENDPOINT` (other values than `true` and `false` are ignored).
    pub fn build(mut self) -> Config {
        if self.config.region.is_none() {
            self.config.region = ["AWS_REGION", "AWS_DEFAULT_REGION"]
                .iter()
                .find_map(|name| std::env::var(name).ok().filter(|v| !v.is_empty()));
        }
        if self.config.use_fips.is_none() {
            self.config.use_fips = env_flag("AWS_USE_FIPS_ENDPOINT");
        }
        if self.config.use_dual_stack.is_none() {
            self.config.use_dual_stack = env_flag("AWS_USE_DUALSTACK_ENDPOINT");
        }
        self.config
    }
}

/// `true` or `false` (any case, surrounding space ignored) from the environment variable `name`.
fn env_flag(name: &str) -> Option<bool> {
    parse_flag(&std::env::var(name).ok()?)
}

fn parse_flag(value: &str) -> Option<bool> {
    match value.trim().to_ascii_lowercase().as_str() {
        "true" => Some(true),
        "false" => Some(false),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn flags() {
        assert_eq!(parse_flag("true"), Some(true));
        assert_eq!(parse_flag(" TRUE "), Some(true));
        assert_eq!(parse_flag("false"), Some(false));
        assert_eq!(parse_flag("1"), None);
        assert_eq!(parse_flag(""), None);
    }

    #[test]
    fn explicit_switches_win() {
        let config = Config::builder().use_fips(true).use_dual_stack(false).build();
        assert!(config.use_fips());
        assert!(!config.use_dual_stack());
        assert!(!Config::default().use_fips());
        let rebuilt = config.to_builder().build();
        assert!(rebuilt.use_fips());
    }
}
