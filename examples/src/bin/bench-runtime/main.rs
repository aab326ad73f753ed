//! `bench-runtime`: what a request costs through our generated clients, the floor (a minimal
//! hand-written hyper client) and, when given, the official AWS SDK for Rust.
//!
//! ```sh
//! cargo xtask bench runtime [--quick]
//! # or
//! cargo run --release -p chatsmith-examples --bin bench-runtime -- [--quick] [--official PATH] [--json PATH] [--server-threads N]
//! ```
//!
//! A server in a separate process (this executable with `--serve`) answers the three operations;
//! client processes (this executable with `--client chatsmith|floor`, or the official SDK's
//! client from `bench/compare` given with `--official`) send SendMessage, then SendChannelMessage,
//! one after the other and from 64 tasks: requests/s, p50 and p99 latency, client CPU per request
//! (`/proc/self/stat`), peak RSS (`VmHWM`). Linux only.
//!
//! Prints a Markdown table on stdout (progress goes to stderr) and writes the figures as JSON to
//! `$CARGO_TARGET_DIR/bench/runtime.json` (else `target/bench/runtime.json`), or `--json PATH`.
//!
//! Run it optimized: a debug build measures the wrong thing (it says so and refuses), except
//! with `--quick`, where it makes a smoke run with a twentieth of the requests (CI's, after the
//! tests built it unoptimized).
#![forbid(unsafe_code)]

mod floor;
mod loopback;
mod report;
mod server;
mod workload;

use chatsmith_loadgen::{Op, Workload, procfs};
use loopback::Client;
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Instant;

const USAGE: &str = "usage: bench-runtime [--quick] [--official PATH] [--json PATH] [--server-threads N]
       bench-runtime --serve [--server-threads N]
       bench-runtime --client chatsmith|floor --operation OP --endpoint URL --tasks N --requests N --warmup N";

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

/// How much to measure: runs per client and the workloads.
fn plan(quick: bool) -> (usize, Vec<Workload>) {
    if quick && cfg!(debug_assertions) {
        let (_, workloads) = plan_optimized(true);
        return (
            1,
            workloads.into_iter().map(|w| Workload { requests: w.requests / 20, warmup: w.warmup / 20, ..w }).collect(),
        );
    }
    plan_optimized(quick)
}

fn plan_optimized(quick: bool) -> (usize, Vec<Workload>) {
    // On 2 cores a sequential request takes 70-170 µs and a concurrent one 15-60 µs of wall
    // time: a quick run spends well under a second per workload and client, a full one about
    // three times that per run. Client CPU time has a 10 ms resolution, so each run uses a few
    // hundred ms of it.
    let (runs, scale) = if quick { (3, 1) } else { (5, 3) };
    let workload =
        |op, tasks, requests: usize| Workload { op, tasks, requests: requests * scale, warmup: requests / 10 };
    (
        runs,
        vec![
            workload(Op::SendMessage, 1, 5_000),
            workload(Op::SendMessage, 64, 20_000),
            workload(Op::SendChannelMessage, 1, 3_000),
            workload(Op::SendChannelMessage, 64, 10_000),
        ],
    )
}

fn benchmark(args: &[String]) -> Result<(), String> {
    let quick = args.iter().any(|a| a == "--quick");
    if cfg!(debug_assertions) && !quick {
        return Err("this is a debug build, which would measure the wrong thing: run it with \
                    `cargo run --release -p chatsmith-examples --bin bench-runtime` or `cargo xtask bench runtime` \
                    (or make a smoke run with --quick)"
            .into());
    }
    let value = |name: &str| {
        args.iter().position(|a| a == name).map(|i| args.get(i + 1).ok_or(format!("{name} needs a value")))
    };
    let json_path = value("--json").transpose()?.map_or_else(default_json_path, PathBuf::from);
    let mut rest = args.iter();
    while let Some(arg) = rest.next() {
        match arg.as_str() {
            "--quick" => {}
            "--json" | "--server-threads" | "--official" => {
                rest.next(); // the value, read above / below
            }
            unknown => return Err(format!("unknown argument {unknown:?}\n{USAGE}")),
        }
    }
    let server_threads = server_threads(args)?;
    let this = loopback::this_exe()?;
    let mut clients = vec![Client { name: "chatsmith", exe: this.clone() }, Client { name: "floor", exe: this }];
    if let Some(path) = value("--official").transpose()? {
        clients.push(loopback::official(path.as_ref())?);
    }
    let (runs, workloads) = plan(quick);
    let started = Instant::now();
    let busy_before = procfs::Busy::now();

    eprintln!("bench-runtime: loopback measurements ({runs} runs per client)");
    let server = server::ServerProcess::start(server_threads)?;
    let mut loopback = Vec::new();
    for workload in workloads {
        eprintln!("  loopback: {}", workload.label());
        loopback.push((workload, loopback::run(&server.url, &workload, &clients, runs)?));
    }
    drop(server);

    let others = busy_before.zip(procfs::Busy::now()).map(|(before, after)| after.others_since(&before));
    let report = report::Report {
        machine: procfs::machine(),
        quick,
        server_threads,
        others,
        clients: clients.iter().map(|c| c.name).collect(),
        loopback,
    };
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
