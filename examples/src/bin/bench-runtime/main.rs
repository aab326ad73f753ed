//! `bench-runtime`: what the generated clients and their runtime cost per request.
//!
//! ```sh
//! cargo xtask bench runtime [--quick]
//! # or
//! cargo run --release -p chatsmith-examples --bin bench-runtime -- [--quick] [--json PATH] [--server-threads N]
//! ```
//!
//! 1. In process, per operation: build + validate, validate, and `send()` through connectors
//!    that refuse or answer at once (client CPU per call with no network), median of N batches.
//! 2. Loopback: a server in a separate process (this executable with `--serve`), and client
//!    processes (this executable with `--client`) sending SendMessage and SendChannelMessage one
//!    after the other, then from 64 tasks: requests/s, p50 and p99 latency, client CPU per
//!    request (`/proc/self/stat`), peak RSS (`VmHWM`). Linux only.
//!
//! Prints a Markdown table on stdout (progress goes to stderr) and writes the figures as JSON to
//! `$CARGO_TARGET_DIR/bench/runtime.json` (else `target/bench/runtime.json`), or `--json PATH`.
//!
//! Run it optimized: a debug build measures the wrong thing (it says so and refuses).
#![forbid(unsafe_code)]

mod loopback;
mod micro;
mod procfs;
mod report;
mod server;
mod timer;
mod workload;

use loopback::Workload;
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::{Duration, Instant};
use workload::Op;

const USAGE: &str = "usage: bench-runtime [--quick] [--only in-process|loopback] [--json PATH] [--server-threads N]
       bench-runtime --serve [--server-threads N]
       bench-runtime --client chatsmith --operation OP --endpoint URL --tasks N --requests N --warmup N";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let result = if args.iter().any(|a| a == "--help" || a == "-h") {
        println!("{USAGE}");
        Ok(())
    } else if args.iter().any(|a| a == "--serve") {
        server_threads(&args).and_then(server::serve)
    } else if args.iter().any(|a| a == "--client") {
        loopback::client_main(&args)
    } else {
        benchmark(&args)
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("bench-runtime: {message}");
            ExitCode::FAILURE
        }
    }
}

/// How much to measure.
struct Plan {
    timer: timer::Timer,
    runs: usize,
    workloads: Vec<Workload>,
}

impl Plan {
    fn new(quick: bool) -> Self {
        // On 2 cores a sequential request takes about 50 µs and a concurrent one 30-40 µs: a
        // quick run spends about half a second per workload and run, a full one three times that.
        // Client CPU time has a 10 ms resolution, so each run uses a few hundred ms of it.
        let (batch, batches, runs, scale) =
            if quick { (Duration::from_millis(2), 31, 3, 1) } else { (Duration::from_millis(5), 101, 5, 3) };
        let workload =
            |op, tasks, requests: usize| Workload { op, tasks, requests: requests * scale, warmup: requests / 10 };
        Self {
            timer: timer::Timer { batch, batches },
            runs,
            workloads: vec![
                workload(Op::SendMessage, 1, 10_000),
                workload(Op::SendMessage, 64, 40_000),
                workload(Op::SendChannelMessage, 1, 5_000),
                workload(Op::SendChannelMessage, 64, 20_000),
            ],
        }
    }
}

fn benchmark(args: &[String]) -> Result<(), String> {
    if cfg!(debug_assertions) {
        return Err("this is a debug build, which would measure the wrong thing: run it with \
                    `cargo run --release -p chatsmith-examples --bin bench-runtime` or `cargo xtask bench runtime`"
            .into());
    }
    let quick = args.iter().any(|a| a == "--quick");
    let json_path = match args.iter().position(|a| a == "--json") {
        Some(i) => PathBuf::from(args.get(i + 1).ok_or("--json needs a path")?),
        None => default_json_path(),
    };
    let mut rest = args.iter();
    while let Some(arg) = rest.next() {
        match arg.as_str() {
            "--quick" => {}
            "--json" | "--server-threads" | "--only" => {
                rest.next(); // the value, read above / below
            }
            unknown => return Err(format!("unknown argument {unknown:?}\n{USAGE}")),
        }
    }
    let server_threads = server_threads(args)?;
    let only = args.iter().position(|a| a == "--only").map(|i| args.get(i + 1).map_or("", String::as_str));
    let (in_process, over_loopback) = match only {
        None => (true, true),
        Some("in-process") => (true, false),
        Some("loopback") => (false, true),
        Some(other) => return Err(format!("--only takes in-process or loopback, not {other:?}")),
    };
    let plan = Plan::new(quick);
    let started = Instant::now();
    let busy_before = procfs::Busy::now();

    let mut micro = Vec::new();
    if in_process {
        eprintln!("bench-runtime: in-process measurements");
        micro = micro::run(&plan.timer)?;
    }
    let mut loopback = Vec::new();
    if over_loopback {
        eprintln!("bench-runtime: loopback measurements ({} runs each)", plan.runs);
        let server = server::ServerProcess::start(server_threads)?;
        for workload in &plan.workloads {
            eprintln!("  loopback: {}", workload.label());
            loopback.push((*workload, loopback::run(&server.url, workload, plan.runs)?));
        }
    }

    let others = busy_before.zip(procfs::Busy::now()).map(|(before, after)| after.others_since(&before));
    let report = report::Report { machine: procfs::machine(), quick, server_threads, others, micro, loopback };
    print!("{}", report.markdown());
    if let Some(dir) = json_path.parent() {
        std::fs::create_dir_all(dir).map_err(|e| format!("cannot create {}: {e}", dir.display()))?;
    }
    let json = serde_json::to_string_pretty(&report.json()).map_err(|e| e.to_string())?;
    std::fs::write(&json_path, json + "\n").map_err(|e| format!("cannot write {}: {e}", json_path.display()))?;
    eprintln!("bench-runtime: wrote {} ({:.1} s)", json_path.display(), started.elapsed().as_secs_f64());
    Ok(())
}

/// `--server-threads N`, default 1.
fn server_threads(args: &[String]) -> Result<usize, String> {
    match args.iter().position(|a| a == "--server-threads") {
        None => Ok(1),
        Some(i) => args
            .get(i + 1)
            .and_then(|n| n.parse().ok())
            .filter(|&n| n >= 1)
            .ok_or_else(|| "--server-threads needs a number of at least 1".to_owned()),
    }
}

/// `$CARGO_TARGET_DIR/bench/runtime.json`, else `<workspace>/target/bench/runtime.json`.
fn default_json_path() -> PathBuf {
    let target = std::env::var_os("CARGO_TARGET_DIR")
        .filter(|dir| !dir.is_empty())
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/../target")));
    target.join("bench").join("runtime.json")
}
