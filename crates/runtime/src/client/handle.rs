//! The handle generated clients hold, and the life of one call.

use super::endpoint::Endpoint;
use super::retry_quota::RetryQuota;
use super::{
    Config, ConfigError, ConfigErrorKind, ConnectorError, ConnectorErrorKind, DispatchError, HttpConnector,
    HttpRequestParts, HyperConnector, Operation, RawResponse, ResponseError, ResponseFailure, RetryClassify,
    RetryConfig, SdkError, ServiceError, ServiceMeta, TimeoutError, TimeoutKind, Validation, request,
};
use crate::Validate;
use http::{HeaderValue, Uri};
use std::fmt;
use std::future::Future;
use std::pin::Pin;
use std::sync::atomic::{AtomicU32, Ordering};
use std::sync::{Arc, Mutex, OnceLock};
use std::time::Duration;

#[cfg(feature = "sigv4")]
use super::{Credentials, clock_skew::ClockSkew};

/// The future of [`Handle::invoke`].
pub type Invocation<'a, T, E> = Pin<Box<dyn Future<Output = Result<T, SdkError<E>>> + Send + 'a>>;

/// A configured client, shared by every operation of a generated crate.
///
/// Cheap to clone: clones share the configuration, the connection pool, the retry quota,
/// the learned clock skew and the resolved endpoints.
#[derive(Clone)]
pub struct Handle {
    inner: Arc<Inner>,
}

struct Inner {
    config: Config,
    connector: Arc<dyn HttpConnector>,
    quota: RetryQuota,
    /// What the first service called through this handle needs on every call, read without a
    /// lock (a generated client only ever calls its own service), with the address of its
    /// `ServiceMeta`. The configuration cannot change, so neither can it.
    first_service: OnceLock<(usize, CachedService)>,
    /// The same for any other service, by the address of its `ServiceMeta`.
    other_services: Mutex<Vec<(usize, CachedService)>>,
    #[cfg(feature = "sigv4")]
    skew: ClockSkew,
    #[cfg(feature = "sigv4")]
    credentials: OnceLock<Credentials>,
    /// Signs, and keeps the last signing key for the next request.
    #[cfg(feature = "sigv4")]
    signer: super::sigv4::Signer,
}

/// What every call to one service needs under the handle's configuration, made once: its
/// endpoint and `user-agent` (resolving and formatting them on each call cost about 3,000
/// instructions per SendMessage, callgrind). An `Err` is why the service has no endpoint.
type CachedService = Result<Arc<ServiceState>, ConfigError>;

struct ServiceState {
    endpoint: Endpoint,
    user_agent: HeaderValue,
}

/// A [`ServiceState`], borrowed from the handle or shared with it.
enum ServiceRef<'a> {
    Borrowed(&'a ServiceState),
    Shared(Arc<ServiceState>),
}

impl std::ops::Deref for ServiceRef<'_> {
    type Target = ServiceState;

    fn deref(&self) -> &ServiceState {
        match self {
            ServiceRef::Borrowed(state) => state,
            ServiceRef::Shared(state) => state,
        }
    }
}

/// Everything one call needs that does not change between attempts.
struct Plan<'a> {
    parts: &'a HttpRequestParts,
    uri: Uri,
    /// The `host` header: the endpoint's, or that of the URI with its host prefix.
    host: Option<HeaderValue>,
    service: ServiceRef<'a>,
    invocation_id: uuid::Uuid,
    signing: Option<Signing>,
    token: Option<String>,
}

/// How to sign: present only for operations whose service has a signing name.
#[cfg_attr(not(feature = "sigv4"), allow(dead_code))]
struct Signing {
    #[cfg(feature = "sigv4")]
    credentials: Credentials,
    #[cfg(feature = "sigv4")]
    region: String,
    #[cfg(feature = "sigv4")]
    name: &'static str,
}

/// What one attempt produced, before the operation parses it.
enum Exchange {
    Response(RawResponse),
    AttemptTimeout(Duration),
    Failed(ConnectorError),
}

impl Handle {
    /// A handle for `config`; the default connector is made here when none is configured.
    /// No I/O happens until the first call.
    pub fn new(config: Config) -> Self {
        let connector = config
            .connector
            .clone()
            .unwrap_or_else(|| Arc::new(HyperConnector::new(config.connect_timeout, config.max_response_body_size)));
        let quota = RetryQuota::new(config.retry.quota_capacity());
        Self {
            inner: Arc::new(Inner {
                config,
                connector,
                quota,
                first_service: OnceLock::new(),
                other_services: Mutex::new(Vec::new()),
                #[cfg(feature = "sigv4")]
                skew: ClockSkew::default(),
                #[cfg(feature = "sigv4")]
                credentials: OnceLock::new(),
                #[cfg(feature = "sigv4")]
                signer: super::sigv4::Signer::new(),
            }),
        }
    }

    /// The configuration.
    pub fn config(&self) -> &Config {
        &self.inner.config
    }

    /// Sends one operation and returns its output or why it failed.
    ///
    /// 1. validates the input (unless [`Validation::Off`]): a broken constraint fails with
    ///    [`InvalidInput::Validation`](super::InvalidInput::Validation) and nothing is sent;
    /// 2. fills unset idempotency tokens, once; serializes once;
    /// 3. per attempt: builds the request at the resolved endpoint, signs it when the service
    ///    signs, sends it within the attempt timeout and parses the response;
    /// 4. retries what may be retried (see [`RetryConfig`]) with the same token and body bytes,
    ///    all within the total timeout.
    ///
    /// Must run on a Tokio runtime (with the time and I/O drivers enabled).
    ///
    /// The future is boxed: a caller's future then holds a pointer instead of the whole call's
    /// state, and the call's code is compiled once per operation instead of being inlined
    /// into every `async` caller (a third of an application's code, measured on `bench/compare`).
    pub fn invoke<O: Operation>(&self, input: O::Input) -> Invocation<'_, O::Output, O::Error> {
        Box::pin(self.call::<O>(input))
    }

    async fn call<O: Operation>(&self, mut input: O::Input) -> Result<O::Output, SdkError<O::Error>> {
        if tokio::runtime::Handle::try_current().is_err() {
            return Err(
                ConfigError::new(ConfigErrorKind::NoRuntime, "the client must be called on a Tokio runtime").into()
            );
        }
        let config = &self.inner.config;
        if config.validation == Validation::Enforce {
            input.validate()?;
        }
        let provider = &config.token_provider;
        let token = O::prepare(&mut input, &|| provider.make_token());
        let parts = O::serialize(&input)?;
        drop(input);

        let service = self.service(O::SERVICE)?;
        let host_prefix = parts.host_prefix.as_deref().filter(|prefix| !prefix.is_empty());
        let uri = service.endpoint.uri_with_host_prefix(host_prefix, &parts.path_and_query)?;
        let host = match host_prefix {
            None => service.endpoint.host().cloned().or_else(|| request::host(&uri)),
            Some(_) => request::host(&uri),
        };
        let plan = Plan {
            parts: &parts,
            uri,
            host,
            service,
            invocation_id: request::new_invocation_id(),
            signing: self.signing(O::SERVICE)?,
            token,
        };
        let attempts = AtomicU32::new(0);
        let run = self.run::<O>(&plan, &attempts);
        match config.total_timeout {
            None => run.await,
            Some(limit) => tokio::time::timeout(limit, run).await.unwrap_or_else(|_| {
                Err(SdkError::Timeout(TimeoutError {
                    kind: TimeoutKind::Total,
                    after: limit,
                    attempts: attempts.load(Ordering::Relaxed),
                    token: plan.token.clone(),
                }))
            }),
        }
    }

    /// What calls to `service` need, made on first use and kept for the handle's life.
    fn service(&self, service: &'static ServiceMeta) -> Result<ServiceRef<'_>, ConfigError> {
        let key = std::ptr::from_ref(service) as usize;
        let make = || {
            let endpoint = Endpoint::resolve(&self.inner.config, service)?;
            Ok(Arc::new(ServiceState { endpoint, user_agent: request::user_agent(service) }))
        };
        let (first_key, first) = self.inner.first_service.get_or_init(|| (key, make()));
        if *first_key == key {
            return first.as_deref().map(ServiceRef::Borrowed).map_err(ConfigError::clone);
        }
        let mut others = self.inner.other_services.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
        let known = match others.iter().find(|(k, _)| *k == key) {
            Some((_, known)) => known.clone(),
            None => {
                let made = make();
                others.push((key, made.clone()));
                made
            }
        };
        known.map(ServiceRef::Shared)
    }

    /// The attempts of one call.
    async fn run<O: Operation>(&self, plan: &Plan<'_>, attempts: &AtomicU32) -> Result<O::Output, SdkError<O::Error>> {
        let retry = &self.inner.config.retry;
        let max_attempts = retry.max_attempts();
        loop {
            let attempt = attempts.fetch_add(1, Ordering::Relaxed) + 1;
            let service = &*plan.service;
            let mut request = request::build(&plan.uri, plan.parts, plan.host.as_ref(), &service.user_agent);
            for (name, value) in service.endpoint.headers() {
                request.headers_mut().append(name.clone(), value.clone());
            }
            self.sign(&mut request, plan.signing.as_ref())?;
            request::add_attempt_headers(&mut request, plan.invocation_id, attempt, max_attempts);

            let (error, retry_cost) = match self.exchange(request).await {
                Exchange::Response(response) => match O::parse(&response) {
                    Ok(output) => {
                        self.inner.quota.refund(RetryConfig::SUCCESS_REFUND);
                        return Ok(output);
                    }
                    Err(failure) => self.judge_failure::<O>(failure, response, attempt, plan),
                },
                Exchange::AttemptTimeout(after) => (
                    SdkError::Timeout(TimeoutError {
                        kind: TimeoutKind::Attempt,
                        after,
                        attempts: attempt,
                        token: plan.token.clone(),
                    }),
                    Some(RetryConfig::TIMEOUT_RETRY_COST),
                ),
                Exchange::Failed(err) => self.judge_connector_error(err, attempt, plan),
            };
            let retry_now = retry_cost.is_some_and(|cost| attempt < max_attempts && self.inner.quota.try_acquire(cost));
            if !retry_now {
                return Err(error);
            }
            tokio::time::sleep(retry.backoff(attempt)).await;
        }
    }

    /// Sends one request within the attempt timeout and enforces the body size limit.
    async fn exchange(&self, request: http::Request<bytes::Bytes>) -> Exchange {
        let config = &self.inner.config;
        let call = self.inner.connector.call(request);
        let result = match config.attempt_timeout {
            None => call.await,
            Some(limit) => match tokio::time::timeout(limit, call).await {
                Ok(result) => result,
                Err(_) => return Exchange::AttemptTimeout(limit),
            },
        };
        match result {
            Err(err) => Exchange::Failed(err),
            Ok(response) if response.body().len() > config.max_response_body_size => {
                Exchange::Failed(ConnectorError::response_too_large(config.max_response_body_size))
            }
            Ok(response) => {
                let (parts, body) = response.into_parts();
                Exchange::Response(RawResponse { status: parts.status.as_u16(), headers: parts.headers, body })
            }
        }
    }

    /// The error of a response the operation did not accept, and the retry cost if it may be retried.
    fn judge_failure<O: Operation>(
        &self,
        failure: ResponseFailure<O::Error>,
        response: RawResponse,
        attempt: u32,
        plan: &Plan<'_>,
    ) -> (SdkError<O::Error>, Option<u32>) {
        let transient_status = matches!(response.status, 500 | 502 | 503 | 504);
        let skewed = self.learn_skew(&response, plan.signing.as_ref());
        let request_id = crate::protocol::restjson::request_id(&response.headers);
        let retryable_error = match &failure {
            ResponseFailure::Service(err) => err.retry_kind().is_some(),
            ResponseFailure::Malformed(_) => false,
        };
        let error = match failure {
            ResponseFailure::Service(err) => SdkError::Service(ServiceError {
                err,
                status: response.status,
                request_id,
                attempts: attempt,
                token: plan.token.clone(),
            }),
            ResponseFailure::Malformed(problem) => SdkError::Response(ResponseError {
                status: Some(response.status),
                request_id,
                problem,
                attempts: attempt,
                token: plan.token.clone(),
            }),
        };
        let retry = retryable_error || transient_status || skewed;
        (error, retry.then_some(RetryConfig::RETRY_COST))
    }

    /// The error of a failed exchange, and the retry cost if it may be retried.
    fn judge_connector_error<E>(
        &self,
        err: ConnectorError,
        attempt: u32,
        plan: &Plan<'_>,
    ) -> (SdkError<E>, Option<u32>) {
        let token = plan.token.clone();
        match err.kind() {
            ConnectorErrorKind::ConnectTimeout => (
                SdkError::Timeout(TimeoutError {
                    kind: TimeoutKind::Connect,
                    after: self.inner.config.connect_timeout.unwrap_or_default(),
                    attempts: attempt,
                    token,
                }),
                Some(RetryConfig::TIMEOUT_RETRY_COST),
            ),
            // The service answered; a server error among such answers is retried like any other.
            ConnectorErrorKind::ResponseTooLarge | ConnectorErrorKind::InvalidResponse => {
                let retry = matches!(err.status(), Some(500 | 502 | 503 | 504)).then_some(RetryConfig::RETRY_COST);
                let (status, request_id) = (err.status(), err.request_id().map(str::to_owned));
                (
                    SdkError::Response(ResponseError {
                        status,
                        request_id,
                        problem: err.to_string(),
                        attempts: attempt,
                        token,
                    }),
                    retry,
                )
            }
            _ => (
                SdkError::Dispatch(DispatchError { source: err, attempts: attempt, token }),
                Some(RetryConfig::RETRY_COST),
            ),
        }
    }

    /// How to sign for `service`, or `None` when its operations are not signed.
    #[cfg(feature = "sigv4")]
    fn signing(&self, service: &ServiceMeta) -> Result<Option<Signing>, ConfigError> {
        let Some(name) = service.signing_name else { return Ok(None) };
        let config = &self.inner.config;
        let region = config.region().ok_or_else(|| {
            ConfigError::new(
                ConfigErrorKind::MissingRegion,
                format!(
                    "no region configured, and {} requests are signed with it: set one with \
                     Config::builder().region(..) or AWS_REGION",
                    service.sdk_id
                ),
            )
        })?;
        let credentials = match self.inner.credentials.get() {
            Some(credentials) => credentials.clone(),
            None => {
                let env = |name: &str| std::env::var(name).ok();
                let credentials = super::credentials_loader::resolve(&config.credentials, &env).map_err(|err| {
                    ConfigError::new(
                        ConfigErrorKind::MissingCredentials,
                        format!("{} requests are signed (SigV4) and need credentials: {err}", service.sdk_id),
                    )
                })?;
                let _ = self.inner.credentials.set(credentials.clone());
                credentials
            }
        };
        Ok(Some(Signing { credentials, region: region.to_owned(), name }))
    }

    /// Without the `sigv4` feature a signed operation cannot be sent.
    #[cfg(not(feature = "sigv4"))]
    fn signing(&self, service: &ServiceMeta) -> Result<Option<Signing>, ConfigError> {
        match service.signing_name {
            None => Ok(None),
            Some(_) => Err(ConfigError::new(
                ConfigErrorKind::SigningUnavailable,
                format!(
                    "{} requests must be signed (SigV4), and chatsmith-runtime was built without \
                     its `sigv4` feature",
                    service.sdk_id
                ),
            )),
        }
    }

    #[cfg(feature = "sigv4")]
    fn sign(&self, request: &mut http::Request<bytes::Bytes>, signing: Option<&Signing>) -> Result<(), ConfigError> {
        match signing {
            None => Ok(()),
            Some(signing) => self.inner.signer.sign(
                request,
                &signing.credentials,
                &signing.region,
                signing.name,
                self.inner.skew.now(),
            ),
        }
    }

    #[cfg(not(feature = "sigv4"))]
    fn sign(&self, _request: &mut http::Request<bytes::Bytes>, _signing: Option<&Signing>) -> Result<(), ConfigError> {
        Ok(())
    }

    /// Whether `response` was a clock-skew error of a signed request that a retry may fix.
    #[cfg(feature = "sigv4")]
    fn learn_skew(&self, response: &RawResponse, signing: Option<&Signing>) -> bool {
        signing.is_some() && self.inner.skew.observe(response)
    }

    #[cfg(not(feature = "sigv4"))]
    fn learn_skew(&self, _response: &RawResponse, _signing: Option<&Signing>) -> bool {
        false
    }
}

impl fmt::Debug for Handle {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Handle")
            .field("config", &self.inner.config)
            .field("retry_quota", &self.inner.quota.available())
            .finish_non_exhaustive()
    }
}
