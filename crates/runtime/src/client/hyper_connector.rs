//! The default connector: hyper 1 over a pooled HTTP/1.1 client, HTTPS with rustls.

use super::{ConnectorError, HttpConnector};
use bytes::{Bytes, BytesMut};
use http_body_util::{BodyExt, Full};
use hyper::body::Incoming;
use hyper_rustls::{HttpsConnector, HttpsConnectorBuilder};
use hyper_util::client::legacy::Client;
use hyper_util::client::legacy::connect::HttpConnector as TcpConnector;
use hyper_util::rt::{TokioExecutor, TokioTimer};
use std::error::Error as StdError;
use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;
use std::time::Duration;

type HyperClient = Client<HttpsConnector<TcpConnector>, Full<Bytes>>;

/// The default [`HttpConnector`]: hyper 1 with hyper-util's pooled client, HTTP/1.1 only,
/// `https` through rustls (ring, Mozilla's roots from `webpki-roots`) and plain `http`.
///
/// Bodies are read up to `max_response_body_size` bytes; a longer body fails the exchange
/// with [`ConnectorErrorKind::ResponseTooLarge`](super::ConnectorErrorKind::ResponseTooLarge).
/// Calls must run on a Tokio runtime.
#[derive(Clone)]
pub struct HyperConnector {
    client: Result<HyperClient, Arc<str>>,
    max_response_body_size: usize,
}

impl HyperConnector {
    /// A connector with the given connect timeout and response size limit.
    pub fn new(connect_timeout: Option<Duration>, max_response_body_size: usize) -> Self {
        let client = tls_config()
            .map(|tls| {
                let mut tcp = TcpConnector::new();
                tcp.enforce_http(false);
                tcp.set_nodelay(true);
                tcp.set_connect_timeout(connect_timeout);
                let https = HttpsConnectorBuilder::new()
                    .with_tls_config(tls)
                    .https_or_http()
                    .enable_http1()
                    .wrap_connector(tcp);
                Client::builder(TokioExecutor::new())
                    .timer(TokioTimer::new())
                    .pool_timer(TokioTimer::new())
                    .pool_idle_timeout(Duration::from_secs(90))
                    .build(https)
            })
            .map_err(|err| Arc::from(format!("TLS setup failed: {err}")));
        Self { client, max_response_body_size }
    }
}

impl std::fmt::Debug for HyperConnector {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("HyperConnector")
            .field("max_response_body_size", &self.max_response_body_size)
            .finish_non_exhaustive()
    }
}

fn tls_config() -> Result<rustls::ClientConfig, rustls::Error> {
    let provider = Arc::new(rustls::crypto::ring::default_provider());
    let mut roots = rustls::RootCertStore::empty();
    roots.extend(webpki_roots::TLS_SERVER_ROOTS.iter().cloned());
    Ok(rustls::ClientConfig::builder_with_provider(provider)
        .with_safe_default_protocol_versions()?
        .with_root_certificates(roots)
        .with_no_client_auth())
}

impl HttpConnector for HyperConnector {
    fn call(
        &self,
        request: http::Request<Bytes>,
    ) -> Pin<Box<dyn Future<Output = Result<http::Response<Bytes>, ConnectorError>> + Send + '_>> {
        Box::pin(async move {
            let client = self.client.as_ref().map_err(|err| ConnectorError::other(err.to_string()))?;
            let limit = self.max_response_body_size;
            let response = client.request(request.map(Full::new)).await.map_err(classify_client_error)?;
            let (parts, body) = response.into_parts();
            let declared = parts
                .headers
                .get(http::header::CONTENT_LENGTH)
                .and_then(|v| v.to_str().ok())
                .and_then(|v| v.parse::<u64>().ok());
            let status = parts.status.as_u16();
            let request_id = || crate::protocol::restjson::request_id(&parts.headers);
            if declared.is_some_and(|len| len > limit as u64) {
                return Err(ConnectorError::response_too_large_with(limit, status, request_id()));
            }
            let body = read_body(body, limit).await.map_err(|err| match err {
                BodyError::TooLarge => ConnectorError::response_too_large_with(limit, status, request_id()),
                BodyError::Io(err) => ConnectorError::io(err),
            })?;
            Ok(http::Response::from_parts(parts, body))
        })
    }
}

/// Why [`read_body`] failed.
enum BodyError {
    /// The body grew past the limit.
    TooLarge,
    /// The connection failed while reading it.
    Io(hyper::Error),
}

/// The whole body of a response, failing as soon as it grows past `limit` bytes; trailers are
/// ignored.
///
/// What `Limited::new(body, limit).collect()` did, without its list of chunks: a body that
/// comes in one frame, as small ones do, is returned as it is. Saves about 500 instructions
/// per response (callgrind).
async fn read_body(mut body: Incoming, limit: usize) -> Result<Bytes, BodyError> {
    let mut whole = Bytes::new();
    let mut joined: Option<BytesMut> = None;
    while let Some(frame) = body.frame().await {
        let data = match frame.map_err(BodyError::Io)?.into_data() {
            Ok(data) if !data.is_empty() => data,
            _ => continue, // trailers, or an empty chunk
        };
        let len = joined.as_ref().map_or(whole.len(), BytesMut::len) + data.len();
        if len > limit {
            return Err(BodyError::TooLarge);
        }
        match &mut joined {
            Some(buffer) => buffer.extend_from_slice(&data),
            None if whole.is_empty() => whole = data,
            None => {
                let mut buffer = BytesMut::with_capacity(len);
                buffer.extend_from_slice(&whole);
                buffer.extend_from_slice(&data);
                joined = Some(buffer);
            }
        }
    }
    Ok(joined.map_or(whole, BytesMut::freeze))
}

fn classify_client_error(err: hyper_util::client::legacy::Error) -> ConnectorError {
    if !err.is_connect() {
        // A response hyper cannot parse (a head too large, say) is the server's answer, not a
        // broken connection: the request reached the service, and sending it again will not help.
        let mut cause: Option<&(dyn StdError + 'static)> = err.source();
        while let Some(inner) = cause {
            if inner.downcast_ref::<hyper::Error>().is_some_and(hyper::Error::is_parse) {
                return ConnectorError::invalid_response(err);
            }
            cause = inner.source();
        }
        return ConnectorError::io(err);
    }
    let mut cause: Option<&(dyn StdError + 'static)> = err.source();
    while let Some(inner) = cause {
        if let Some(io) = inner.downcast_ref::<std::io::Error>()
            && io.kind() == std::io::ErrorKind::TimedOut
        {
            return ConnectorError::connect_timeout(err);
        }
        cause = inner.source();
    }
    ConnectorError::connect(err)
}
