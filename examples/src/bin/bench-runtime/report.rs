//! The Markdown table and the JSON file.

use crate::loopback::{RunResult, Workload};
use crate::micro::MicroResult;
use crate::timer::Timing;
use serde_json::{Value, json};
use std::fmt::Write;
use std::time::Duration;

/// Everything one benchmark run measured.
pub struct Report {
    pub machine: String,
    pub quick: bool,
    pub server_threads: usize,
    /// The share of the machine's CPU that other processes used during the run, when known.
    pub others: Option<f64>,
    pub micro: Vec<MicroResult>,
    pub loopback: Vec<(Workload, Vec<RunResult>)>,
}

/// The official AWS SDK for Rust on this machine, quoted from `../shared/reference-wire/README.md`
/// (not measured by this program): label, requests/s, p50, client CPU per request, peak RSS.
const REFERENCE: [(&str, &str, &str, &str, &str); 4] = [
    ("official AWS SDK for Rust, SendMessage, sequential", "5,850", "153-165 µs", "133-141 µs", "10.5 MB"),
    ("official AWS SDK for Rust, SendMessage, 64 concurrent tasks", "24,700", "", "60 µs", "16.4 MB"),
    ("minimal hand-written hyper client, sequential", "13,200", "", "63 µs", ""),
    ("minimal hand-written hyper client, 64 concurrent tasks", "89,700", "", "", ""),
];
const REFERENCE_SOURCE: &str = "../shared/reference-wire/README.md";
/// The official SDK's client CPU per sequential SendMessage, in µs (low and high of the range).
const REFERENCE_SEQUENTIAL_CPU_US: (f64, f64) = (133.0, 141.0);

/// Above this share of the machine used by other processes, the report says its figures are unreliable.
const BUSY_WARNING: f64 = 0.10;

/// The median of `f` over the runs.
fn median_of(runs: &[RunResult], f: impl Fn(&RunResult) -> f64) -> f64 {
    let mut values: Vec<f64> = runs.iter().map(f).collect();
    values.sort_by(f64::total_cmp);
    crate::timer::percentile(&values, 0.5)
}

struct Medians {
    requests_per_second: f64,
    p50_us: f64,
    p99_us: f64,
    cpu_us_per_request: f64,
    peak_rss_mib: f64,
}

fn medians(runs: &[RunResult]) -> Medians {
    let us = |d: Duration| d.as_secs_f64() * 1e6;
    Medians {
        requests_per_second: median_of(runs, RunResult::requests_per_second),
        p50_us: median_of(runs, |r| us(r.p50)),
        p99_us: median_of(runs, |r| us(r.p99)),
        cpu_us_per_request: median_of(runs, |r| us(r.cpu_per_request())),
        peak_rss_mib: median_of(runs, |r| r.peak_rss_kib as f64 / 1024.0),
    }
}

/// `12345.6` as `12,346`.
fn grouped(value: f64) -> String {
    if !value.is_finite() {
        return "n/a".to_owned();
    }
    let digits = format!("{:.0}", value.abs());
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    if value < 0.0 { format!("-{out}") } else { out }
}

impl Report {
    pub fn markdown(&self) -> String {
        let mut md = String::new();
        let mode = if self.quick { "--quick" } else { "full" };
        let _ = writeln!(md, "Runtime benchmark ({mode}), {}.\n", self.machine);
        if let Some(others) = self.others.filter(|&share| share > BUSY_WARNING) {
            let _ = writeln!(
                md,
                "**Warning: other processes used {:.0}% of the machine's CPU during this run; the \
                 figures below are unreliable. Run again on a quiet machine.**\n",
                others * 100.0
            );
        }

        if !self.micro.is_empty() {
            let batches = self.micro[0].round_trip.per_call_ns.len();
            let _ = writeln!(
                md,
                "In process, no network: ns per call (wall time on one thread), median of {batches} batches.\n"
            );
            let _ = writeln!(
                md,
                "| operation | build + validate | of which validate | send(), refused at the connector | send(), answered at once | difference: response handling |"
            );
            let _ = writeln!(md, "|---|---:|---:|---:|---:|---:|");
            for m in &self.micro {
                let _ = writeln!(
                    md,
                    "| {} | {} | {} | {} | {} | {} |",
                    m.op.label(),
                    grouped(m.build_validate.median()),
                    grouped(m.validate.median()),
                    grouped(m.request.median()),
                    grouped(m.round_trip.median()),
                    grouped(m.round_trip.median() - m.request.median()),
                );
            }
            let _ = writeln!(
                md,
                "\n`refused at the connector`: build, validate, idempotency token, serialize, endpoint, \
                 headers, SigV4 (Chime), then a connector that fails at once (one attempt). \
                 `answered at once`: the same with a connector that returns the canned response, \
                 which the client parses. Serialization and parsing cannot be timed alone: the \
                 generated crates keep them private.\n"
            );
        }

        if !self.loopback.is_empty() {
            let runs = self.loopback[0].1.len();
            let _ = writeln!(
                md,
                "Loopback HTTP/1.1, server in a separate process ({} thread{}): median of {runs} runs, \
                 each in a fresh client process.\n",
                self.server_threads,
                if self.server_threads == 1 { "" } else { "s" }
            );
            let _ = writeln!(
                md,
                "| workload | requests per run | requests/s | p50 | p99 | client CPU per request | peak RSS |"
            );
            let _ = writeln!(md, "|---|---:|---:|---:|---:|---:|---:|");
            for (workload, runs) in &self.loopback {
                let m = medians(runs);
                let _ = writeln!(
                    md,
                    "| {} | {} | {} | {:.0} µs | {:.0} µs | {:.1} µs | {:.1} MiB |",
                    workload.label(),
                    grouped(workload.requests as f64),
                    grouped(m.requests_per_second),
                    m.p50_us,
                    m.p99_us,
                    m.cpu_us_per_request,
                    m.peak_rss_mib
                );
            }
            for (label, rps, p50, cpu, rss) in REFERENCE {
                let _ = writeln!(md, "| *{label} (quoted)* | | {rps} | {p50} | | {cpu} | {rss} |");
            }
            let _ = writeln!(
                md,
                "\nClient CPU is utime + stime of the client process (/proc/self/stat, {} ms \
                 resolution per reading) over the measured requests; peak RSS is its VmHWM. \
                 Quoted rows come from {REFERENCE_SOURCE} (same kind of machine), not from this run. \
                 Sequential figures depend on how idle the machine is (waking an idle core costs CPU \
                 time: they get better when other processes keep the cores busy), so compare clients \
                 measured in the same conditions.",
                crate::procfs::CPU_TIME_RESOLUTION.as_millis()
            );
            if let Some((_, runs)) =
                self.loopback.iter().find(|(w, _)| w.op == crate::workload::Op::SendMessage && w.tasks == 1)
            {
                let cpu = medians(runs).cpu_us_per_request;
                let (low, high) = REFERENCE_SEQUENTIAL_CPU_US;
                let _ = writeln!(
                    md,
                    "\nSequential SendMessage: {cpu:.1} µs of client CPU per request, against {low:.0}-{high:.0} µs \
                     for the official SDK ({:.1}x to {:.1}x less).",
                    low / cpu,
                    high / cpu
                );
            }
        }
        md
    }

    pub fn json(&self) -> Value {
        let timing = |t: &Timing| {
            json!({
                "median_ns": t.median(),
                "min_ns": t.min(),
                "max_ns": t.max(),
                "batches": t.per_call_ns.len(),
                "calls_per_batch": t.calls_per_batch,
            })
        };
        let micro: Vec<Value> = self
            .micro
            .iter()
            .map(|m| {
                json!({
                    "client": "chatsmith",
                    "operation": m.op.label(),
                    "build_validate": timing(&m.build_validate),
                    "validate": timing(&m.validate),
                    "send_refused_at_connector": timing(&m.request),
                    "send_answered_at_once": timing(&m.round_trip),
                })
            })
            .collect();
        let loopback: Vec<Value> = self
            .loopback
            .iter()
            .map(|(workload, runs)| {
                let m = medians(runs);
                json!({
                    "client": "chatsmith",
                    "operation": workload.op.label(),
                    "tasks": workload.tasks,
                    "requests_per_run": workload.requests,
                    "warmup_requests": workload.warmup,
                    "median": {
                        "requests_per_second": m.requests_per_second,
                        "p50_us": m.p50_us,
                        "p99_us": m.p99_us,
                        "client_cpu_us_per_request": m.cpu_us_per_request,
                        "peak_rss_mib": m.peak_rss_mib,
                    },
                    "runs": runs.iter().map(|r| json!({
                        "requests": r.requests,
                        "wall_s": r.wall.as_secs_f64(),
                        "requests_per_second": r.requests_per_second(),
                        "p50_us": r.p50.as_secs_f64() * 1e6,
                        "p99_us": r.p99.as_secs_f64() * 1e6,
                        "client_cpu_s": r.cpu.as_secs_f64(),
                        "peak_rss_kib": r.peak_rss_kib,
                    })).collect::<Vec<_>>(),
                })
            })
            .collect();
        let reference: Vec<Value> = REFERENCE
            .iter()
            .map(|(label, rps, p50, cpu, rss)| {
                json!({ "workload": label, "requests_per_second": rps, "p50": p50, "client_cpu_per_request": cpu, "peak_rss": rss })
            })
            .collect();
        json!({
            "schema": "chatsmith-bench-runtime/1",
            "machine": self.machine,
            "quick": self.quick,
            "server_threads": self.server_threads,
            "cpu_share_of_other_processes": self.others,
            "cpu_time_source": "/proc/self/stat utime+stime, USER_HZ=100",
            "in_process_unit": "ns of wall time per call, one thread",
            "in_process": micro,
            "loopback": loopback,
            "reference": { "source": REFERENCE_SOURCE, "quoted_not_measured": true, "rows": reference },
        })
    }
}
