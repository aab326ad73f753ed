//! Loopback throughput: a client process sends to the server process over 127.0.0.1.
//!
//! Each run is a fresh client process (`bench-runtime --client ...`), so that its peak RSS is
//! that of a process doing only this, and its CPU time (from `/proc/self/stat`) is the client's
//! alone: the server runs in another process. The client runtime is Tokio's multi-thread
//! runtime with one worker per core, the sequential loop running in `block_on`, as in a
//! `#[tokio::main]` application. Every response is checked; one failure fails the run.

use crate::procfs;
use crate::timer::percentile;
use crate::workload::{Chatsmith, Op, Subject};
use chatsmith_connectparticipant::client::Config;
use serde_json::{Value, json};
use std::process::Command;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

/// One loopback workload.
#[derive(Clone, Copy, Debug)]
pub struct Workload {
    pub op: Op,
    /// 1: one request after the other; more: that many tasks sending at once.
    pub tasks: usize,
    /// Measured requests per run.
    pub requests: usize,
    /// Requests sent before measuring (connections opened, caches warm).
    pub warmup: usize,
}

impl Workload {
    pub fn label(&self) -> String {
        match self.tasks {
            1 => format!("{}, sequential", self.op.label()),
            n => format!("{}, {n} concurrent tasks", self.op.label()),
        }
    }
}

/// What one client process measured.
#[derive(Clone, Debug)]
pub struct RunResult {
    pub requests: usize,
    pub wall: Duration,
    pub p50: Duration,
    pub p99: Duration,
    pub cpu: Duration,
    pub peak_rss_kib: u64,
}

impl RunResult {
    pub fn requests_per_second(&self) -> f64 {
        self.requests as f64 / self.wall.as_secs_f64()
    }

    pub fn cpu_per_request(&self) -> Duration {
        self.cpu / self.requests.max(1) as u32
    }

    fn to_json(&self) -> Value {
        json!({
            "requests": self.requests,
            "wall_ns": self.wall.as_nanos() as u64,
            "p50_ns": self.p50.as_nanos() as u64,
            "p99_ns": self.p99.as_nanos() as u64,
            "cpu_ns": self.cpu.as_nanos() as u64,
            "peak_rss_kib": self.peak_rss_kib,
        })
    }

    fn from_json(value: &Value) -> Option<Self> {
        let ns = |key: &str| value.get(key).and_then(Value::as_u64).map(Duration::from_nanos);
        Some(Self {
            requests: value.get("requests")?.as_u64()? as usize,
            wall: ns("wall_ns")?,
            p50: ns("p50_ns")?,
            p99: ns("p99_ns")?,
            cpu: ns("cpu_ns")?,
            peak_rss_kib: value.get("peak_rss_kib")?.as_u64()?,
        })
    }
}

/// Runs `workload` `runs` times, each in a fresh client process sending to `url`.
pub fn run(url: &str, workload: &Workload, runs: usize) -> Result<Vec<RunResult>, String> {
    let exe = std::env::current_exe().map_err(|e| format!("cannot find this executable: {e}"))?;
    (0..runs)
        .map(|_| {
            let output = Command::new(&exe)
                .args(["--client", "chatsmith", "--operation", workload.op.arg(), "--endpoint", url])
                .args(["--tasks", &workload.tasks.to_string()])
                .args(["--requests", &workload.requests.to_string()])
                .args(["--warmup", &workload.warmup.to_string()])
                .output()
                .map_err(|e| format!("cannot start a client process: {e}"))?;
            let stdout = String::from_utf8_lossy(&output.stdout);
            if !output.status.success() {
                return Err(format!(
                    "{}: the client process failed ({}): {}",
                    workload.label(),
                    output.status,
                    String::from_utf8_lossy(&output.stderr).trim()
                ));
            }
            stdout
                .lines()
                .last()
                .and_then(|line| serde_json::from_str::<Value>(line).ok())
                .and_then(|value| RunResult::from_json(&value))
                .ok_or_else(|| format!("{}: unexpected client output {stdout:?}", workload.label()))
        })
        .collect()
}

/// `bench-runtime --client <name> --operation <op> --endpoint <url> --tasks N --requests N --warmup N`:
/// one measured run; prints its result as one JSON line.
pub fn client_main(args: &[String]) -> Result<(), String> {
    let value = |name: &str| -> Result<&str, String> {
        args.iter()
            .position(|a| a == name)
            .and_then(|i| args.get(i + 1))
            .map(String::as_str)
            .ok_or_else(|| format!("missing {name}"))
    };
    let number =
        |name: &str| -> Result<usize, String> { value(name)?.parse().map_err(|_| format!("{name} needs a number")) };
    let op = Op::from_arg(value("--operation")?).ok_or("unknown --operation")?;
    let workload =
        Workload { op, tasks: number("--tasks")?, requests: number("--requests")?, warmup: number("--warmup")? };
    let config = Config::builder().region("us-east-1").endpoint_url(value("--endpoint")?).build();
    let runtime = tokio::runtime::Builder::new_multi_thread().enable_all().build().map_err(|e| e.to_string())?;
    let line = match value("--client")? {
        "chatsmith" => measured(&runtime, Chatsmith::new(op, &config), workload)?,
        // The place for the official AWS SDK for Rust, behind a feature, in the comparison to come.
        other => return Err(format!("unknown client {other:?}; available: chatsmith")),
    };
    println!("{line}");
    Ok(())
}

/// Measures `subject`; its result as JSON, with the client's name.
fn measured<S: Subject>(runtime: &tokio::runtime::Runtime, subject: S, workload: Workload) -> Result<Value, String> {
    let name = subject.name();
    let mut value = runtime.block_on(measure(Arc::new(subject), workload))?.to_json();
    value["client"] = json!(name);
    Ok(value)
}

async fn measure<S: Subject>(subject: Arc<S>, workload: Workload) -> Result<RunResult, String> {
    send_all(&subject, workload.warmup, workload.tasks).await?;
    let cpu_before = procfs::cpu_time()?;
    let start = Instant::now();
    let mut latencies = send_all(&subject, workload.requests, workload.tasks).await?;
    let wall = start.elapsed();
    let cpu = procfs::cpu_time()?.saturating_sub(cpu_before);
    latencies.sort_by(f64::total_cmp);
    Ok(RunResult {
        requests: latencies.len(),
        wall,
        p50: Duration::from_secs_f64(percentile(&latencies, 0.50)),
        p99: Duration::from_secs_f64(percentile(&latencies, 0.99)),
        cpu,
        peak_rss_kib: procfs::peak_rss_kib()?,
    })
}

/// Sends `total` requests from `tasks` tasks; returns each request's latency in seconds.
async fn send_all<S: Subject>(subject: &Arc<S>, total: usize, tasks: usize) -> Result<Vec<f64>, String> {
    if tasks <= 1 {
        let mut latencies = Vec::with_capacity(total);
        for _ in 0..total {
            let start = Instant::now();
            subject.call().await?;
            latencies.push(start.elapsed().as_secs_f64());
        }
        return Ok(latencies);
    }
    let next = Arc::new(AtomicUsize::new(0));
    let mut set = tokio::task::JoinSet::new();
    for _ in 0..tasks {
        let (subject, next) = (Arc::clone(subject), Arc::clone(&next));
        set.spawn(async move {
            let mut latencies = Vec::with_capacity(total / tasks + 1);
            while next.fetch_add(1, Ordering::Relaxed) < total {
                let start = Instant::now();
                subject.call().await?;
                latencies.push(start.elapsed().as_secs_f64());
            }
            Ok::<_, String>(latencies)
        });
    }
    let mut all = Vec::with_capacity(total);
    while let Some(joined) = set.join_next().await {
        all.extend(joined.map_err(|e| format!("a sending task failed: {e}"))??);
    }
    Ok(all)
}
