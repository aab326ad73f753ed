//! The Smithy restJson1 protocol compliance cases of `aws.protocoltests.restjson#RestJson`, as
//! tests of a crate generated from their model, at test time, under `target/protocol-tests/`.
//!
//! Prints one line, `protocol tests: N passed, M failed, K skipped`, after the failures (on
//! stderr), and exits with a failure unless every case that is not skipped passed. It is a
//! plain `main` (`harness = false`), so that its output is never captured.

use chatsmith_protocol_tests::{Suite, read_skips, run};

/// Client cases in the model of `../shared/protocol-tests` (Smithy 1.60/1.61 test set).
const REQUEST_CASES: usize = 133;
const RESPONSE_CASES: usize = 107;

fn main() {
    let Some(shared) = chatsmith_contract_tests::shared_dir("restjson protocol compliance") else { return };
    let workspace = chatsmith_contract_tests::workspace_root();
    let here = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let skips = match read_skips(&here.join("skips.json")) {
        Ok(skips) => skips,
        Err(why) => {
            eprintln!("{why}");
            std::process::exit(1);
        }
    };
    let suite = Suite {
        model: shared.join("protocol-tests/smithy-aws-protocol-tests.json"),
        service: "aws.protocoltests.restjson#RestJson".into(),
        crate_name: "restjson".into(),
        out_dir: workspace.join("target/protocol-tests/restjson"),
        target_dir: workspace.join("target/protocol-tests/target"),
        runtime_dir: workspace.join("crates/runtime"),
        lock_file: Some(workspace.join("Cargo.lock")),
        skips,
    };
    let started = std::time::Instant::now();
    let report = match run(&suite) {
        Ok(report) => report,
        Err(why) => {
            eprintln!("restjson protocol compliance: {why}");
            std::process::exit(1);
        }
    };
    for (case, why) in &report.failed {
        eprintln!("FAILED {case}\n{}\n", indent(why));
    }
    for (case, reason) in &report.skipped {
        eprintln!("skipped {case}: {reason}");
    }
    for case in &report.stale_skips {
        eprintln!("STALE SKIP {case}: it passes; remove it from crates/protocol-tests/skips.json");
    }
    for id in &report.unknown_skips {
        eprintln!("UNKNOWN SKIP {id}: no such case; remove it from crates/protocol-tests/skips.json");
    }
    eprintln!(
        "({} request and {} response cases, {:.0?})",
        report.request_cases,
        report.response_cases,
        started.elapsed()
    );
    println!("{}", report.summary());
    if (report.request_cases, report.response_cases) != (REQUEST_CASES, RESPONSE_CASES) {
        eprintln!("expected {REQUEST_CASES} request and {RESPONSE_CASES} response cases in the model");
        std::process::exit(1);
    }
    if !report.ok() {
        std::process::exit(1);
    }
}

fn indent(text: &str) -> String {
    text.lines().map(|l| format!("    {l}")).collect::<Vec<_>>().join("\n")
}
