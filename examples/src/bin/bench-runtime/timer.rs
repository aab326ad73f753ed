//! A small median-of-N timer (no criterion: it would add more to the build than everything else).
//!
//! The work is first repeated until one batch takes about `batch` wall time; then `batches`
//! batches are timed and the per-call time of each is kept. The report uses the median, which
//! ignores the odd batch disturbed by the scheduler.

use std::hint::black_box;
use std::time::{Duration, Instant};

/// How long to measure.
#[derive(Clone, Copy, Debug)]
pub struct Timer {
    /// The target wall time of one batch.
    pub batch: Duration,
    /// How many batches to time.
    pub batches: usize,
}

/// Per-call times of the batches, in nanoseconds, sorted.
#[derive(Clone, Debug)]
pub struct Timing {
    /// Calls per batch.
    pub calls_per_batch: u64,
    /// Nanoseconds per call of each batch, sorted ascending.
    pub per_call_ns: Vec<f64>,
}

impl Timing {
    pub fn median(&self) -> f64 {
        percentile(&self.per_call_ns, 0.5)
    }
    pub fn min(&self) -> f64 {
        self.per_call_ns.first().copied().unwrap_or(f64::NAN)
    }
    pub fn max(&self) -> f64 {
        self.per_call_ns.last().copied().unwrap_or(f64::NAN)
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

impl Timer {
    /// Times `f`.
    pub fn time(&self, mut f: impl FnMut()) -> Timing {
        let calls = self.calibrate(|n| {
            let start = Instant::now();
            for _ in 0..n {
                f();
            }
            start.elapsed()
        });
        let mut per_call_ns: Vec<f64> = (0..self.batches)
            .map(|_| {
                let start = Instant::now();
                for _ in 0..calls {
                    f();
                }
                start.elapsed().as_nanos() as f64 / calls as f64
            })
            .collect();
        per_call_ns.sort_by(f64::total_cmp);
        Timing { calls_per_batch: calls, per_call_ns }
    }

    /// Times the async `f`, on the runtime that polls this future.
    pub async fn time_async(&self, mut f: impl AsyncFnMut()) -> Timing {
        // Calibrate (the closure cannot be shared with a helper taking a sync closure).
        let mut calls = 1u64;
        loop {
            let start = Instant::now();
            for _ in 0..calls {
                f().await;
            }
            match next_calls(calls, start.elapsed(), self.batch) {
                Some(n) => calls = n,
                None => break,
            }
        }
        let mut per_call_ns = Vec::with_capacity(self.batches);
        for _ in 0..self.batches {
            let start = Instant::now();
            for _ in 0..calls {
                f().await;
            }
            per_call_ns.push(start.elapsed().as_nanos() as f64 / calls as f64);
        }
        per_call_ns.sort_by(f64::total_cmp);
        Timing { calls_per_batch: calls, per_call_ns }
    }

    /// The number of calls that take about one batch time (this also warms up).
    fn calibrate(&self, mut run: impl FnMut(u64) -> Duration) -> u64 {
        let mut calls = 1u64;
        loop {
            let elapsed = black_box(run(calls));
            match next_calls(calls, elapsed, self.batch) {
                Some(n) => calls = n,
                None => return calls,
            }
        }
    }
}

/// `None` when `calls` calls took close enough to `batch`; else a better number of calls.
fn next_calls(calls: u64, elapsed: Duration, batch: Duration) -> Option<u64> {
    if elapsed < batch / 10 {
        // Too short to extrapolate from: grow fast.
        return Some(calls.saturating_mul(10));
    }
    let ideal = (calls as f64 * batch.as_secs_f64() / elapsed.as_secs_f64()).max(1.0) as u64;
    // Within 30% of the target: keep (the last run was also a warm-up).
    if (ideal as f64 / calls as f64 - 1.0).abs() < 0.3 { None } else { Some(ideal) }
}
