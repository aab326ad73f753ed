//! One measured run: warm up, then send and time every request; and its result as JSON.

use crate::{Op, Subject, procfs};
use serde_json::{Value, json};
use std::path::Path;
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

    /// Runs the client process `exe --client <client>` once for this workload against `endpoint`.
    pub fn run_process(&self, exe: &Path, client: &str, endpoint: &str) -> Result<RunResult, String> {
        let output = Command::new(exe)
            .args(["--client", client, "--operation", self.op.arg(), "--endpoint", endpoint])
            .args(["--tasks", &self.tasks.to_string()])
            .args(["--requests", &self.requests.to_string()])
            .args(["--warmup", &self.warmup.to_string()])
            .output()
            .map_err(|e| format!("cannot start the client process {}: {e}", exe.display()))?;
        let stdout = String::from_utf8_lossy(&output.stdout);
        if !output.status.success() {
            return Err(format!(
                "{client}, {}: the client process failed ({}): {}",
                self.label(),
                output.status,
                String::from_utf8_lossy(&output.stderr).trim()
            ));
        }
        stdout
            .lines()
            .last()
            .and_then(|line| serde_json::from_str::<Value>(line).ok())
            .and_then(|value| RunResult::from_json(&value))
            .ok_or_else(|| format!("{client}, {}: unexpected client output {stdout:?}", self.label()))
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

    pub fn to_json(&self) -> Value {
        json!({
            "requests": self.requests,
            "wall_ns": self.wall.as_nanos() as u64,
            "p50_ns": self.p50.as_nanos() as u64,
            "p99_ns": self.p99.as_nanos() as u64,
            "cpu_ns": self.cpu.as_nanos() as u64,
            "peak_rss_kib": self.peak_rss_kib,
        })
    }

    pub fn from_json(value: &Value) -> Option<Self> {
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

/// The `q` quantile (0..=1) of sorted `values`, nearest rank.
pub fn percentile(sorted: &[f64], q: f64) -> f64 {
    if sorted.is_empty() {
        return f64::NAN;
    }
    let rank = (q * (sorted.len() - 1) as f64).round() as usize;
    sorted[rank.min(sorted.len() - 1)]
}

/// Warms up, then measures `workload.requests` calls of `subject`.
pub(crate) async fn measure<S: Subject>(subject: Arc<S>, workload: Workload) -> Result<RunResult, String> {
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
