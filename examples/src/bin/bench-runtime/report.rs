//! The Markdown table and the JSON file of the loopback runs.

use chatsmith_loadgen::{RunResult, Workload, percentile, procfs};
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
    /// The clients' names, in the order of each workload's results.
    pub clients: Vec<&'static str>,
    /// Per workload, the runs of each client (empty for a client that cannot send it).
    pub loopback: Vec<(Workload, Vec<Vec<RunResult>>)>,
}

/// Above this share of the machine used by other processes, the report says its figures are unreliable.
const BUSY_WARNING: f64 = 0.10;

/// The medians over the runs of one client on one workload.
#[derive(Clone, Copy, Debug)]
pub struct Medians {
    pub requests_per_second: f64,
    pub p50_us: f64,
    pub p99_us: f64,
    pub cpu_us_per_request: f64,
    pub peak_rss_mib: f64,
}

impl Medians {
    fn of(runs: &[RunResult]) -> Option<Self> {
        if runs.is_empty() {
            return None;
        }
        let median = |f: &dyn Fn(&RunResult) -> f64| {
            let mut values: Vec<f64> = runs.iter().map(f).collect();
            values.sort_by(f64::total_cmp);
            percentile(&values, 0.5)
        };
        let us = |d: Duration| d.as_secs_f64() * 1e6;
        Some(Self {
            requests_per_second: median(&RunResult::requests_per_second),
            p50_us: median(&|r| us(r.p50)),
            p99_us: median(&|r| us(r.p99)),
            cpu_us_per_request: median(&|r| us(r.cpu_per_request())),
            peak_rss_mib: median(&|r| r.peak_rss_kib as f64 / 1024.0),
        })
    }

    fn to_json(self) -> Value {
        json!({
            "requests_per_second": self.requests_per_second,
            "p50_us": self.p50_us,
            "p99_us": self.p99_us,
            "client_cpu_us_per_request": self.cpu_us_per_request,
            "peak_rss_mib": self.peak_rss_mib,
        })
    }
}

/// `12345.6` as `12,346`.
pub fn grouped(value: f64) -> String {
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
    /// The medians of `client` on `workload`, if it ran.
    fn medians(&self, workload: usize, client: &str) -> Option<Medians> {
        let index = self.clients.iter().position(|c| *c == client)?;
        Medians::of(self.loopback.get(workload)?.1.get(index)?)
    }

    pub fn markdown(&self) -> String {
        let mut md = String::new();
        let mode = match (self.quick, cfg!(debug_assertions)) {
            (true, true) => "--quick, unoptimized: a smoke run, not a measurement",
            (true, false) => "--quick",
            (false, _) => "full",
        };
        let _ = writeln!(md, "Runtime benchmark ({mode}), {}.\n", self.machine);
        if let Some(others) = self.others.filter(|&share| share > BUSY_WARNING) {
            let _ = writeln!(
                md,
                "**Warning: other processes used {:.0}% of the machine's CPU during this run; the \
                 figures below are unreliable. Run again on a quiet machine.**\n",
                others * 100.0
            );
        }
        let Some((_, first)) = self.loopback.first() else { return md };
        let runs = first.iter().map(Vec::len).max().unwrap_or(0);
        let _ = writeln!(
            md,
            "Loopback HTTP/1.1, server in a separate process ({} thread{}): {} per client, each in a \
             fresh client process, the clients' runs alternating. Ratios are against the floor (rate: \
             higher is better; CPU: lower is better).\n",
            self.server_threads,
            if self.server_threads == 1 { "" } else { "s" },
            if runs == 1 { "one run".to_owned() } else { format!("median of {runs} runs") }
        );
        let _ = writeln!(
            md,
            "| workload | client | requests/s | rate vs floor | p50 | p99 | client CPU per request | CPU vs floor | peak RSS |"
        );
        let _ = writeln!(md, "|---|---|---:|---:|---:|---:|---:|---:|---:|");
        for (index, (workload, _)) in self.loopback.iter().enumerate() {
            let floor = self.medians(index, "floor");
            for client in &self.clients {
                let Some(m) = self.medians(index, client) else { continue };
                let ratio = |ours: f64, theirs: Option<f64>| match theirs {
                    Some(theirs) if *client != "floor" => format!("{:.2}x", ours / theirs),
                    _ => String::new(),
                };
                let _ = writeln!(
                    md,
                    "| {} | {client} | {} | {} | {:.0} µs | {:.0} µs | {:.1} µs | {} | {:.1} MiB |",
                    workload.label(),
                    grouped(m.requests_per_second),
                    ratio(m.requests_per_second, floor.map(|f| f.requests_per_second)),
                    m.p50_us,
                    m.p99_us,
                    m.cpu_us_per_request,
                    ratio(m.cpu_us_per_request, floor.map(|f| f.cpu_us_per_request)),
                    m.peak_rss_mib
                );
            }
        }
        let _ = writeln!(
            md,
            "\nClient CPU is utime + stime of the client process (/proc/self/stat, {} ms resolution \
             per reading) over the measured requests; peak RSS is its VmHWM. The floor is a minimal \
             hand-written hyper client (no validation, retries, signing or timeouts); it does not \
             sign, so it has no Chime rows.",
            procfs::CPU_TIME_RESOLUTION.as_millis()
        );
        if !self.clients.contains(&"official") {
            let _ = writeln!(md, "\nThe official AWS SDK for Rust was not measured in this run.");
        }
        md
    }

    pub fn json(&self) -> Value {
        let loopback: Vec<Value> = self
            .loopback
            .iter()
            .enumerate()
            .flat_map(|(index, (workload, per_client))| {
                self.clients.iter().zip(per_client).filter(|(_, runs)| !runs.is_empty()).map(move |(client, runs)| {
                    json!({
                        "client": client,
                        "operation": workload.op.label(),
                        "sequential": workload.tasks == 1,
                        "tasks": workload.tasks,
                        "requests_per_run": workload.requests,
                        "warmup_requests": workload.warmup,
                        "median": self.medians(index, client).map(Medians::to_json),
                        "runs": runs.iter().map(RunResult::to_json).collect::<Vec<_>>(),
                    })
                })
            })
            .collect();
        json!({
            "schema": "chatsmith-bench-runtime/2",
            "machine": self.machine,
            "quick": self.quick,
            "server_threads": self.server_threads,
            "clients": self.clients,
            "cpu_share_of_other_processes": self.others,
            "cpu_time_source": "/proc/self/stat utime+stime, USER_HZ=100",
            "loopback": loopback,
        })
    }
}
