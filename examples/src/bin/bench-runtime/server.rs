//! The loopback server: `bench-runtime --serve`, a separate process, so that its CPU time is not
//! counted as the client's.
//!
//! A minimal hyper HTTP/1.1 server that reads each request whole and answers the three
//! operations with canned responses (the same as the in-process connector's), keeping nothing
//! (unlike `FakeService`, which records every request and would grow during a long run). It
//! prints `listening http://127.0.0.1:<port>` on stdout, and exits when its stdin closes, so it
//! never outlives the benchmark that started it. Any client may be pointed at it, the official
//! SDK included.

use bytes::Bytes;
use chatsmith_loadgen::{Op, REQUEST_ID};
use http_body_util::{BodyExt, Full};
use hyper::body::Incoming;
use hyper::server::conn::http1;
use hyper::service::service_fn;
use hyper_util::rt::TokioIo;
use std::convert::Infallible;
use std::io::Write;
use std::process::{Child, ChildStdin, Command, Stdio};

/// The first line the server prints, before its URL.
const READY: &str = "listening ";

/// Runs the server until stdin closes. `threads` is the number of Tokio workers (1: a
/// current-thread runtime).
pub fn serve(threads: usize) -> Result<(), String> {
    // Exit when the parent closes our stdin (or dies).
    std::thread::spawn(|| {
        let _ = std::io::copy(&mut std::io::stdin().lock(), &mut std::io::sink());
        std::process::exit(0);
    });
    let runtime = if threads <= 1 {
        tokio::runtime::Builder::new_current_thread().enable_all().build()
    } else {
        tokio::runtime::Builder::new_multi_thread().worker_threads(threads).enable_all().build()
    }
    .map_err(|e| e.to_string())?;
    runtime.block_on(async {
        let listener = tokio::net::TcpListener::bind(("127.0.0.1", 0)).await.map_err(|e| e.to_string())?;
        let addr = listener.local_addr().map_err(|e| e.to_string())?;
        let mut stdout = std::io::stdout().lock();
        writeln!(stdout, "{READY}http://{addr}").and_then(|()| stdout.flush()).map_err(|e| e.to_string())?;
        drop(stdout);
        loop {
            let Ok((stream, _)) = listener.accept().await else { continue };
            let _ = stream.set_nodelay(true);
            tokio::spawn(async move {
                let _ = http1::Builder::new().serve_connection(TokioIo::new(stream), service_fn(answer)).await;
            });
        }
    })
}

async fn answer(request: http::Request<Incoming>) -> Result<http::Response<Full<Bytes>>, Infallible> {
    let (parts, body) = request.into_parts();
    let _ = body.collect().await;
    let path = parts.uri.path();
    let op = if path == "/participant/message" {
        Some(Op::SendMessage)
    } else if path == "/participant/event" {
        Some(Op::SendEventTyping)
    } else if path.starts_with("/channels/") && path.ends_with("/messages") {
        Some(Op::SendChannelMessage)
    } else {
        None
    };
    let (status, body) = match op {
        Some(op) if parts.method == http::Method::POST => op.response(),
        _ => (404, r#"{"message":"no such operation"}"#),
    };
    let mut response = http::Response::new(Full::new(Bytes::from_static(body.as_bytes())));
    *response.status_mut() = http::StatusCode::from_u16(status).unwrap_or(http::StatusCode::INTERNAL_SERVER_ERROR);
    let headers = response.headers_mut();
    headers.insert(http::header::CONTENT_TYPE, http::HeaderValue::from_static("application/json"));
    headers.insert("x-amzn-requestid", http::HeaderValue::from_static(REQUEST_ID));
    if status == 404 {
        headers.insert("x-amzn-errortype", http::HeaderValue::from_static("UnknownOperationException"));
    }
    Ok(response)
}

/// A server process started by the benchmark; stopped when dropped.
pub struct ServerProcess {
    child: Child,
    stdin: Option<ChildStdin>,
    pub url: String,
}

impl ServerProcess {
    /// Starts this executable with `--serve` and waits for its URL.
    pub fn start(threads: usize) -> Result<Self, String> {
        let exe = std::env::current_exe().map_err(|e| format!("cannot find this executable: {e}"))?;
        let mut child = Command::new(exe)
            .args(["--serve", "--server-threads", &threads.to_string()])
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .spawn()
            .map_err(|e| format!("cannot start the server process: {e}"))?;
        let stdin = child.stdin.take();
        let mut line = String::new();
        if let Some(stdout) = child.stdout.take() {
            let _ = std::io::BufRead::read_line(&mut std::io::BufReader::new(stdout), &mut line);
        }
        let mut server = Self { child, stdin, url: String::new() };
        match line.trim().strip_prefix(READY) {
            Some(url) => server.url = url.to_owned(),
            None => return Err(format!("the server process did not start (it printed {line:?})")),
        }
        Ok(server)
    }
}

impl Drop for ServerProcess {
    fn drop(&mut self) {
        // Closing stdin makes the server exit; kill it if it does not within a second.
        drop(self.stdin.take());
        for _ in 0..100 {
            if matches!(self.child.try_wait(), Ok(Some(_))) {
                return;
            }
            std::thread::sleep(std::time::Duration::from_millis(10));
        }
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}
