//! A loopback HTTP/1.1 server that answers with scripted responses.

use super::{FakeResponse, RecordedRequest};
use bytes::Bytes;
use http::{Method, Request, Response, StatusCode};
use http_body_util::{BodyExt, Full};
use hyper::body::Incoming;
use hyper::server::conn::http1;
use hyper::service::service_fn;
use hyper_util::rt::TokioIo;
use std::collections::VecDeque;
use std::convert::Infallible;
use std::net::SocketAddr;
use std::sync::{Arc, Mutex, MutexGuard, PoisonError};
use std::time::Duration;
use tokio::net::TcpListener;
use tokio::task::{JoinHandle, JoinSet};

/// A real HTTP/1.1 server on `127.0.0.1` (a free port) for tests.
///
/// For each request it answers, in order of preference:
/// 1. the next response of the queue ([`enqueue`](Self::enqueue)), whatever the request;
/// 2. the response of the matching route ([`route`](Self::route)) with the longest path prefix;
/// 3. `404` with `X-Amzn-Errortype: FakeServiceNoRoute` and a message naming the request.
///
/// Every request is recorded ([`requests`](Self::requests)). The server stops, and hung
/// responses are dropped, when the `FakeService` is dropped. It must be started and used on a
/// Tokio runtime with I/O and time enabled.
#[derive(Debug)]
pub struct FakeService {
    addr: SocketAddr,
    state: Arc<State>,
    server: JoinHandle<()>,
}

#[derive(Debug, Default)]
struct State {
    routes: Mutex<Vec<Route>>,
    queue: Mutex<VecDeque<FakeResponse>>,
    requests: Mutex<Vec<RecordedRequest>>,
}

#[derive(Debug)]
struct Route {
    method: Method,
    prefix: String,
    response: FakeResponse,
}

/// Locks, going on after a panic elsewhere (the data stays usable).
fn lock<T>(mutex: &Mutex<T>) -> MutexGuard<'_, T> {
    mutex.lock().unwrap_or_else(PoisonError::into_inner)
}

impl FakeService {
    /// Starts a server on `127.0.0.1`, port chosen by the system.
    ///
    /// # Panics
    ///
    /// When no loopback port can be bound (see [`try_start`](Self::try_start)).
    pub async fn start() -> Self {
        match Self::try_start().await {
            Ok(service) => service,
            Err(err) => panic!("FakeService cannot listen on 127.0.0.1: {err}"),
        }
    }

    /// Starts a server on `127.0.0.1`, port chosen by the system.
    pub async fn try_start() -> std::io::Result<Self> {
        let listener = TcpListener::bind(("127.0.0.1", 0)).await?;
        let addr = listener.local_addr()?;
        let state = Arc::new(State::default());
        let server = tokio::spawn(serve(listener, Arc::clone(&state)));
        Ok(Self { addr, state, server })
    }

    /// `http://127.0.0.1:{port}`, for `Config::builder().endpoint_url(..)`.
    pub fn endpoint_url(&self) -> String {
        format!("http://{}", self.addr)
    }

    /// The address the server listens on.
    pub fn addr(&self) -> SocketAddr {
        self.addr
    }

    /// Answers requests with `method` whose path starts with `path_prefix` with `response`
    /// (every time), replacing an earlier route with the same method and prefix.
    pub fn route(&self, method: Method, path_prefix: &str, response: FakeResponse) -> &Self {
        let mut routes = lock(&self.state.routes);
        routes.retain(|r| !(r.method == method && r.prefix == path_prefix));
        routes.push(Route { method, prefix: path_prefix.to_owned(), response });
        self
    }

    /// Answers the next request, whatever it is, with `response`; queued responses are used
    /// once each, in order, before routes.
    pub fn enqueue(&self, response: FakeResponse) -> &Self {
        lock(&self.state.queue).push_back(response);
        self
    }

    /// Queues every response of `responses`, in order.
    pub fn enqueue_all(&self, responses: impl IntoIterator<Item = FakeResponse>) -> &Self {
        lock(&self.state.queue).extend(responses);
        self
    }

    /// Queued responses not used yet.
    pub fn queued(&self) -> usize {
        lock(&self.state.queue).len()
    }

    /// Every request received so far, in order of arrival.
    pub fn requests(&self) -> Vec<RecordedRequest> {
        lock(&self.state.requests).clone()
    }

    /// How many requests were received.
    pub fn request_count(&self) -> usize {
        lock(&self.state.requests).len()
    }

    /// The last request received.
    pub fn last_request(&self) -> Option<RecordedRequest> {
        lock(&self.state.requests).last().cloned()
    }

    /// Forgets the requests received so far.
    pub fn clear_requests(&self) {
        lock(&self.state.requests).clear();
    }
}

impl Drop for FakeService {
    fn drop(&mut self) {
        // Dropping the accept loop drops its `JoinSet`, which aborts every connection task.
        self.server.abort();
    }
}

async fn serve(listener: TcpListener, state: Arc<State>) {
    let mut connections = JoinSet::new();
    loop {
        let stream = match listener.accept().await {
            Ok((stream, _)) => stream,
            Err(_) => {
                // Out of file descriptors or similar: wait a little instead of spinning.
                tokio::time::sleep(Duration::from_millis(10)).await;
                continue;
            }
        };
        let state = Arc::clone(&state);
        connections.spawn(async move {
            let service = service_fn(move |request| answer(Arc::clone(&state), request));
            let _ = http1::Builder::new().serve_connection(TokioIo::new(stream), service).await;
        });
        while connections.try_join_next().is_some() {}
    }
}

async fn answer(state: Arc<State>, request: Request<Incoming>) -> Result<Response<Full<Bytes>>, Infallible> {
    let (mut parts, body) = request.into_parts();
    let body = body.collect().await.map(|b| b.to_bytes()).unwrap_or_default();
    for (name, value) in parts.headers.iter_mut() {
        let name = name.as_str();
        if name == "authorization" || name.contains("bearer") || name.contains("token") {
            value.set_sensitive(true);
        }
    }
    let path_and_query = parts.uri.path_and_query().map(|pq| pq.as_str().to_owned()).unwrap_or_else(|| "/".to_owned());
    let path = path_and_query.split('?').next().unwrap_or_default().to_owned();
    lock(&state.requests).push(RecordedRequest {
        method: parts.method.clone(),
        path_and_query,
        headers: parts.headers,
        body,
    });

    let scripted = lock(&state.queue).pop_front().or_else(|| {
        lock(&state.routes)
            .iter()
            .filter(|r| r.method == parts.method && path.starts_with(&r.prefix))
            .max_by_key(|r| r.prefix.len())
            .map(|r| r.response.clone())
    });
    let response = scripted.unwrap_or_else(|| {
        FakeResponse::error(
            404,
            "FakeServiceNoRoute",
            &format!("FakeService has no queued response and no route for {} {path}", parts.method),
        )
    });
    if response.hang {
        std::future::pending::<()>().await;
    }
    if let Some(delay) = response.delay {
        tokio::time::sleep(delay).await;
    }
    let mut out = Response::new(Full::new(response.body));
    *out.status_mut() = StatusCode::from_u16(response.status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
    for (name, value) in response.headers {
        out.headers_mut().append(name, value);
    }
    Ok(out)
}
