//! Runs the quick start against the local fake service, so that `cargo test --workspace` fails
//! when the example does (building it is not enough: it must also run).

#[allow(dead_code)] // `main` and its argument handling are not used here.
#[path = "../quickstart.rs"]
mod quickstart;

#[tokio::test]
async fn the_quick_start_runs_against_the_fake_service() {
    // `false`: never live, whatever CHATSMITH_* variables the environment has.
    if let Err(err) = quickstart::run(false).await {
        panic!("the quick start failed: {err}");
    }
}
