//! A loopback HTTP/1.1 server that answers with scripted responses.

use super::{FakeResponse, Fault, RecordedRequest};
use bytes::Bytes;
use http::{Method, Request, Response, StatusCode};
use http_body_util::BodyExt;
use hyper::body::{Body, Frame, Incoming, SizeHint};
use hyper::server::conn::http1;
use hyper::service::service_fn;
use hyper_util::rt::TokioIo;
use std::collections::{HashMap, VecDeque};
use std::future::Future;
use std::net::SocketAddr;
use std::pin::Pin;
use std::sync::{Arc, Mutex, MutexGuard, PoisonError};
use std::task::{Context, Poll};
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
/// Every request is recorded ([`requests`](Self::requests)); so is every request answered with
/// a 2xx status ([`success_tokens`](Self::success_tokens) counts their idempotency tokens) and
/// every fault injected ([`faults`](Self::faults)). The server stops, and hung
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
    /// Bodies of the requests answered with a 2xx status (the service acted on them).
    successes: Mutex<Vec<Bytes>>,
    faults: Mutex<FaultCounts>,
    connections: std::sync::atomic::AtomicUsize,
}

/// How many faults the fake service injected, by kind.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
#[non_exhaustive]
pub struct FaultCounts {
    /// Responses that never came ([`FakeResponse::hang`]).
    pub hang: usize,
    /// Connections closed without a response ([`FakeResponse::drop_connection`]).
    pub drop_connection: usize,
    /// Bodies cut short ([`FakeResponse::truncated`], [`FakeResponse::reset_mid_body`]).
    pub cut_body: usize,
    /// Bodies sent slowly ([`FakeResponse::slow_body`]).
    pub slow_body: usize,
    /// Responses sent after a delay ([`FakeResponse::delay`]).
    pub delayed: usize,
}

impl FaultCounts {
    /// All faults together.
    pub fn total(&self) -> usize {
        self.hang + self.drop_connection + self.cut_body + self.slow_body + self.delayed
    }
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

    /// Forgets the requests received so far (and which of them were answered with success).
    pub fn clear_requests(&self) {
        lock(&self.state.requests).clear();
        lock(&self.state.successes).clear();
    }

    /// How many requests were answered with a 2xx status. A success whose body was then cut
    /// ([`FakeResponse::truncated`]) or sent slowly counts: the service acted on the request.
    pub fn success_count(&self) -> usize {
        lock(&self.state.successes).len()
    }

    /// For each idempotency token (the string JSON body member `member`, such as
    /// `ClientToken`) of the requests answered with a 2xx status: how many of them carried it.
    /// A service that deduplicates by token delivers each key once; a count above 1 means the
    /// same message was acted on again (a retry after a lost response). Requests without the
    /// member count under the empty string.
    pub fn success_tokens(&self, member: &str) -> HashMap<String, usize> {
        let mut tokens = HashMap::new();
        for body in lock(&self.state.successes).iter() {
            let token = serde_json::from_slice::<serde_json::Value>(body)
                .ok()
                .and_then(|b| b.get(member).and_then(serde_json::Value::as_str).map(str::to_owned))
                .unwrap_or_default();
            *tokens.entry(token).or_insert(0) += 1;
        }
        tokens
    }

    /// How many distinct idempotency tokens (body member `member`) the requests answered with
    /// success carried: the messages a deduplicating service delivered.
    pub fn unique_success_tokens(&self, member: &str) -> usize {
        self.success_tokens(member).len()
    }

    /// How many connections the server accepted so far.
    pub fn connections_accepted(&self) -> usize {
        self.state.connections.load(std::sync::atomic::Ordering::Relaxed)
    }

    /// The faults injected so far, by kind.
    pub fn faults(&self) -> FaultCounts {
        *lock(&self.state.faults)
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
        state.connections.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        let state = Arc::clone(&state);
        connections.spawn(async move {
            let service = service_fn(move |request| answer(Arc::clone(&state), request));
            let _ = http1::Builder::new().serve_connection(TokioIo::new(stream), service).await;
        });
        while connections.try_join_next().is_some() {}
    }
}

/// The error a fault hands hyper so that it closes the connection.
#[derive(Debug)]
struct InjectedFault;

impl std::fmt::Display for InjectedFault {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("fault injected by FakeService")
    }
}

impl std::error::Error for InjectedFault {}

/// A response body: whole, cut short (then an error, which makes hyper close the
/// connection), or in chunks with a wait before each.
struct FakeBody {
    rest: Bytes,
    chunk: usize,
    interval: Option<Duration>,
    sleep: Option<Pin<Box<tokio::time::Sleep>>>,
    fail_at_end: bool,
    exact: bool,
}

impl FakeBody {
    fn whole(body: Bytes) -> Self {
        Self { chunk: body.len().max(1), rest: body, interval: None, sleep: None, fail_at_end: false, exact: true }
    }
}

impl Body for FakeBody {
    type Data = Bytes;
    type Error = InjectedFault;

    fn poll_frame(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Result<Frame<Bytes>, InjectedFault>>> {
        let this = self.get_mut();
        if this.rest.is_empty() {
            if this.fail_at_end {
                this.fail_at_end = false;
                return Poll::Ready(Some(Err(InjectedFault)));
            }
            return Poll::Ready(None);
        }
        if let Some(interval) = this.interval {
            let sleep = this.sleep.get_or_insert_with(|| Box::pin(tokio::time::sleep(interval)));
            if sleep.as_mut().poll(cx).is_pending() {
                return Poll::Pending;
            }
            this.sleep = None;
        }
        let n = this.chunk.min(this.rest.len());
        Poll::Ready(Some(Ok(Frame::data(this.rest.split_to(n)))))
    }

    fn is_end_stream(&self) -> bool {
        self.rest.is_empty() && !self.fail_at_end
    }

    fn size_hint(&self) -> SizeHint {
        if self.exact { SizeHint::with_exact(self.rest.len() as u64) } else { SizeHint::default() }
    }
}

async fn answer(state: Arc<State>, request: Request<Incoming>) -> Result<Response<FakeBody>, InjectedFault> {
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
    let recorded_body = body.clone();
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
        lock(&state.faults).hang += 1;
        std::future::pending::<()>().await;
    }
    if let Some(delay) = response.delay {
        lock(&state.faults).delayed += 1;
        tokio::time::sleep(delay).await;
    }
    let status = StatusCode::from_u16(response.status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
    let full_length = response.body.len();
    let body = match response.fault {
        None => FakeBody::whole(response.body),
        Some(Fault::DropConnection) => {
            lock(&state.faults).drop_connection += 1;
            return Err(InjectedFault);
        }
        Some(Fault::CutBody { sent }) => {
            lock(&state.faults).cut_body += 1;
            let rest = response.body.slice(..sent.min(full_length));
            FakeBody { chunk: rest.len().max(1), rest, interval: None, sleep: None, fail_at_end: true, exact: false }
        }
        Some(Fault::SlowBody { chunk, interval }) => {
            lock(&state.faults).slow_body += 1;
            FakeBody {
                rest: response.body,
                chunk,
                interval: Some(interval),
                sleep: None,
                fail_at_end: false,
                exact: false,
            }
        }
    };
    if status.is_success() {
        lock(&state.successes).push(recorded_body);
    }
    let mut out = Response::new(body);
    *out.status_mut() = status;
    for (name, value) in response.headers {
        out.headers_mut().append(name, value);
    }
    if matches!(response.fault, Some(Fault::CutBody { .. })) {
        out.headers_mut().insert(http::header::CONTENT_LENGTH, http::HeaderValue::from(full_length));
    }
    Ok(out)
}
