//! Per-operation cost in process, chatsmith beside the official AWS SDK for Rust (criterion).
//!
//! Benchmark ids are `<operation>/<client>/<phase>`: the operation as `chatsmith_loadgen::Op::arg`
//! names it, the client `chatsmith` or `official`, the phase one of
//!
//! - `validate`: `validate()` of a built input (ours only: the official SDK validates nothing
//!   on the client);
//! - `request`: `send()` through a connector that refuses at once: everything up to the wire;
//! - `round_trip`: `send()` through a connector that answers at once: the same plus parsing.
//!
//! `round_trip - request` is response handling. See the crate docs for the connectors.
//!
//! With `BENCH_MICRO_MANIFEST=<file>`, the list of operations and benchmarks is also written
//! there as JSON, for `cargo xtask bench micro` to read the results in order.
#![forbid(unsafe_code)]

use bench_micro::Connector;
use bench_micro::chatsmith::{self, Input};
use chatsmith_loadgen::Op;
use criterion::{BenchmarkId, Criterion};
use std::hint::black_box;

const CHATSMITH: &str = "chatsmith";
#[cfg(feature = "official")]
const OFFICIAL: &str = "official";

fn phase(connector: Connector) -> &'static str {
    match connector {
        Connector::Refuse => "request",
        Connector::Answer => "round_trip",
    }
}

/// Stops the run: a benchmark of the wrong thing is worse than none.
fn fail(why: String) -> ! {
    eprintln!("bench-micro: {why}");
    std::process::exit(1)
}

fn main() {
    // One thread, as a request is handled on one: both clients alike.
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_time()
        .build()
        .unwrap_or_else(|e| fail(format!("cannot start the tokio runtime: {e}")));
    let mut criterion = Criterion::default().without_plots().configure_from_args();
    let mut benches: Vec<String> = Vec::new();

    for op in Op::ALL {
        let mut group = criterion.benchmark_group(op.arg());
        let mut bench = |client: &str, phase: &str| {
            benches.push(format!("{}/{client}/{phase}", op.arg()));
            BenchmarkId::new(client.to_owned(), phase)
        };

        let input = Input::build(op).unwrap_or_else(|e| fail(format!("{}: cannot build the input: {e}", op.label())));
        if let Err(e) = input.validate() {
            fail(format!("{}: the benchmark input is invalid: {e}", op.label()));
        }
        group.bench_function(bench(CHATSMITH, "validate"), |b| b.iter(|| black_box(&input).validate().is_ok()));

        #[cfg(feature = "official")]
        {
            let ours = rt.block_on(chatsmith::Clients::sent(op)).unwrap_or_else(|e| fail(e));
            let official = rt.block_on(bench_micro::official::Clients::sent(op)).unwrap_or_else(|e| fail(e));
            bench_micro::same_request(op, &ours, &official).unwrap_or_else(|e| fail(e));
        }

        for connector in [Connector::Refuse, Connector::Answer] {
            let ours = chatsmith::Clients::new(op, connector);
            rt.block_on(ours.check(op, connector)).unwrap_or_else(|e| fail(e));
            group.bench_function(bench(CHATSMITH, phase(connector)), |b| b.to_async(&rt).iter(|| ours.send(op)));

            #[cfg(feature = "official")]
            {
                let official = rt.block_on(bench_micro::official::Clients::new(op, connector));
                rt.block_on(official.check(op, connector)).unwrap_or_else(|e| fail(e));
                group.bench_function(bench(OFFICIAL, phase(connector)), |b| b.to_async(&rt).iter(|| official.send(op)));
            }
        }
        group.finish();
    }
    criterion.final_summary();

    if let Some(path) = std::env::var_os("BENCH_MICRO_MANIFEST") {
        let manifest = serde_json::json!({
            "official": cfg!(feature = "official"),
            "operations": Op::ALL.map(|op| serde_json::json!({ "arg": op.arg(), "label": op.label() })),
            "benches": benches,
        });
        std::fs::write(&path, format!("{manifest:#}\n"))
            .unwrap_or_else(|e| fail(format!("cannot write the manifest {}: {e}", path.display())));
    }
}
