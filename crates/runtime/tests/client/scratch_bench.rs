use crate::support::*;
use chatsmith_runtime::client::Handle;
use chatsmith_runtime::test_util::{FakeResponse, FakeService};

#[test]
#[ignore]
fn scratch_bench() {
    run(async {
        let fake = FakeService::start().await;
        fake.route(http::Method::POST, "/", FakeResponse::json(200, r#"{"Id":"m"}"#));
        let handle = Handle::new(fast_config(&fake).build());
        for _ in 0..200 { handle.invoke::<SendMessage>(SendMessageInput::hello()).await.unwrap(); }
        let n = 5000;
        let t = std::time::Instant::now();
        for _ in 0..n { handle.invoke::<SendMessage>(SendMessageInput::hello()).await.unwrap(); }
        let e = t.elapsed();
        println!("{} req/s, {:?} per request (client+server on one thread)", n as f64 / e.as_secs_f64(), e / n);
    });
}
