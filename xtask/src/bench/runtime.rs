//! `cargo xtask bench runtime [--quick] [...]`: the runtime benchmark.
//!
//! The measuring code lives in the examples package (`chatsmith-examples`, binary
//! `bench-runtime`), which depends on the generated crates, Tokio and hyper; xtask stays light and
//! only runs it, optimized:
//!
//! ```sh
//! cargo run --release -p chatsmith-examples --bin bench-runtime -- [--quick] [...]
//! ```
//!
//! The binary prints a Markdown table (build + validate and `send()` in process per operation;
//! loopback requests/s, p50/p99 latency, client CPU per request and peak RSS, against a server
//! in a separate process) and writes the figures to `target/bench/runtime.json` (under
//! `CARGO_TARGET_DIR` when set). Arguments are passed on: `--quick`, `--json PATH`,
//! `--server-threads N`.

use std::process::Command;

pub fn run(args: &[&str]) -> Result<(), String> {
    let root = crate::regenerate::workspace_root();
    // The cargo that runs xtask, so that toolchain overrides carry over.
    let cargo = std::env::var_os("CARGO").unwrap_or_else(|| env!("CARGO").into());
    let status = Command::new(cargo)
        .current_dir(&root)
        .args(["run", "--release", "--package", "chatsmith-examples", "--bin", "bench-runtime", "--"])
        .args(args)
        .status()
        .map_err(|e| format!("cannot run cargo: {e}"))?;
    if status.success() { Ok(()) } else { Err("the runtime benchmark failed".into()) }
}
