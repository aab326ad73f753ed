//! The fake service itself.

use crate::support::run;
use chatsmith_runtime::test_util::{FakeResponse, FakeService};
use http::Method;
use std::time::{Duration, Instant};

/// Sends a raw HTTP/1.1 request with a blocking socket on the blocking pool.
async fn send(fake: &FakeService, method: &str, path: &str, body: &str) -> (u16, String, Option<String>) {
    use std::io::{Read, Write};
    let addr = fake.addr();
    let request = format!(
        "{method} {path} HTTP/1.1\r\nhost: x\r\nx-amz-bearer: secret-bearer\r\ncontent-length: {}\r\nconnection: close\r\n\r\n{body}",
        body.len()
    );
    let response = tokio::task::spawn_blocking(move || {
        let mut stream = std::net::TcpStream::connect(addr).unwrap();
        stream.set_read_timeout(Some(Duration::from_secs(5))).unwrap();
        stream.write_all(request.as_bytes()).unwrap();
        let mut response = String::new();
        stream.read_to_string(&mut response).unwrap();
        response
    })
    .await
    .unwrap();
    let status = response[9..12].parse().unwrap();
    let (head, body) = response.split_once("\r\n\r\n").unwrap();
    let error_type = head.lines().find_map(|line| {
        let (name, value) = line.split_once(": ")?;
        name.eq_ignore_ascii_case("x-amzn-errortype").then(|| value.to_owned())
    });
    (status, body.to_owned(), error_type)
}

#[test]
fn queue_first_then_longest_route_then_404() {
    run(async {
        let fake = FakeService::start().await;
        fake.route(Method::POST, "/", FakeResponse::json(200, "root"));
        fake.route(Method::POST, "/participant/", FakeResponse::json(200, "participant"));
        fake.enqueue(FakeResponse::json(201, "queued"));

        assert_eq!(send(&fake, "POST", "/participant/message", "{}").await.1, "queued");
        assert_eq!(fake.queued(), 0);
        assert_eq!(send(&fake, "POST", "/participant/message", "{}").await.1, "participant");
        assert_eq!(send(&fake, "POST", "/other", "{}").await.1, "root");
        let (status, body, code) = send(&fake, "GET", "/participant/x?a=b", "").await;
        assert_eq!(status, 404);
        assert_eq!(code.as_deref(), Some("FakeServiceNoRoute"));
        assert!(body.contains("no route for GET /participant/x"), "{body}");

        let requests = fake.requests();
        assert_eq!(fake.request_count(), 4);
        assert_eq!(requests[3].path(), "/participant/x");
        assert_eq!(requests[3].query(), Some("a=b"));
        assert_eq!(requests[0].body_str(), Some("{}"));
        assert_eq!(requests[0].header("x-amz-bearer"), Some("secret-bearer"));
        assert!(!format!("{requests:?}").contains("secret-bearer"), "bearer values are sensitive");
    });
}

#[test]
fn delays_and_replaced_routes() {
    run(async {
        let fake = FakeService::start().await;
        fake.route(Method::POST, "/", FakeResponse::json(200, "old"));
        fake.route(Method::POST, "/", FakeResponse::json(200, "new").delay(Duration::from_millis(50)));
        let started = Instant::now();
        assert_eq!(send(&fake, "POST", "/", "").await.1, "new");
        assert!(started.elapsed() >= Duration::from_millis(50));
    });
}
