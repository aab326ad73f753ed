//! Process CPU time and peak memory, read from `/proc` (Linux only; no extra dependency).
//!
//! - CPU time: `utime + stime` of `/proc/self/stat` (fields 14 and 15), all threads of the process,
//!   user and kernel time. The unit is the kernel's `USER_HZ`, which is 100 on every Linux ABI
//!   (`getconf CLK_TCK`), so the resolution is 10 ms per reading: the loopback runs are made long
//!   enough (hundreds of milliseconds of CPU) for that to matter little.
//! - Peak RSS: `VmHWM` of `/proc/self/status`, the high-water mark of the resident set, in KiB.

use std::time::Duration;

/// `USER_HZ`: the unit of the CPU times in `/proc/<pid>/stat`.
const USER_HZ: u64 = 100;

/// CPU time used so far by this process (every thread, user and system).
pub fn cpu_time() -> Result<Duration, String> {
    let [utime, stime, ..] = self_stat_ticks()?;
    Ok(ticks_to_duration(utime + stime))
}

/// `utime`, `stime`, `cutime`, `cstime` of `/proc/self/stat` (fields 14 to 17), in ticks; the
/// last two count the children that were waited for.
fn self_stat_ticks() -> Result<[u64; 4], String> {
    let stat = std::fs::read_to_string("/proc/self/stat").map_err(|e| format!("cannot read /proc/self/stat: {e}"))?;
    // The command name (field 2) is in parentheses and may contain spaces: count from after it.
    let rest = stat.rsplit_once(')').map(|(_, rest)| rest).ok_or("unexpected /proc/self/stat format")?;
    let fields: Vec<&str> = rest.split_whitespace().collect();
    // `rest` starts at field 3 (state), so field n is at index n - 3.
    let ticks = |field: usize| -> Result<u64, String> {
        fields
            .get(field - 3)
            .and_then(|v| v.parse::<u64>().ok())
            .ok_or_else(|| format!("no field {field} in /proc/self/stat"))
    };
    Ok([ticks(14)?, ticks(15)?, ticks(16)?, ticks(17)?])
}

fn ticks_to_duration(ticks: u64) -> Duration {
    Duration::from_nanos(ticks * (1_000_000_000 / USER_HZ))
}

/// How busy the machine is besides this benchmark: a reading of the whole machine's CPU time
/// (`/proc/stat`) and of this process with its waited-for children (server and client processes).
#[derive(Clone, Copy, Debug)]
pub struct Busy {
    machine_busy: u64,
    machine_total: u64,
    own: u64,
}

impl Busy {
    pub fn now() -> Option<Self> {
        let stat = std::fs::read_to_string("/proc/stat").ok()?;
        let line = stat.lines().find(|l| l.starts_with("cpu "))?;
        let v: Vec<u64> = line.split_whitespace().skip(1).filter_map(|f| f.parse().ok()).collect();
        // user nice system idle iowait irq softirq steal (guest time is included in user). Interrupt
        // time is left out: most of it is the loopback traffic of the benchmark itself, which no
        // process is charged for.
        let busy = v.first()? + v.get(1)? + v.get(2)? + v.get(7).copied().unwrap_or(0);
        let total = busy + v.get(3)? + v.get(4)? + v.get(5)? + v.get(6)?;
        let own = self_stat_ticks().ok()?.iter().sum();
        Some(Self { machine_busy: busy, machine_total: total, own })
    }

    /// The share (0..=1) of all cores that other processes used since `earlier`.
    pub fn others_since(&self, earlier: &Busy) -> f64 {
        let total = self.machine_total.saturating_sub(earlier.machine_total);
        let others =
            self.machine_busy.saturating_sub(earlier.machine_busy).saturating_sub(self.own.saturating_sub(earlier.own));
        if total == 0 { 0.0 } else { others as f64 / total as f64 }
    }
}

/// The resolution of [`cpu_time`].
pub const CPU_TIME_RESOLUTION: Duration = Duration::from_nanos(1_000_000_000 / USER_HZ);

/// The peak resident set size of this process so far, in KiB.
pub fn peak_rss_kib() -> Result<u64, String> {
    let status =
        std::fs::read_to_string("/proc/self/status").map_err(|e| format!("cannot read /proc/self/status: {e}"))?;
    status
        .lines()
        .find_map(|line| line.strip_prefix("VmHWM:"))
        .and_then(|value| value.trim().trim_end_matches("kB").trim().parse().ok())
        .ok_or_else(|| "no VmHWM in /proc/self/status".to_owned())
}

/// A short description of the machine, for the report.
pub fn machine() -> String {
    let cores = std::thread::available_parallelism().map_or(0, |n| n.get());
    let cpu = std::fs::read_to_string("/proc/cpuinfo")
        .ok()
        .and_then(|info| {
            info.lines().find_map(|l| {
                l.strip_prefix("model name").and_then(|v| v.split_once(':')).map(|(_, v)| v.trim().to_owned())
            })
        })
        .unwrap_or_else(|| "unknown CPU".to_owned());
    let kernel = std::fs::read_to_string("/proc/sys/kernel/osrelease").map(|s| s.trim().to_owned()).unwrap_or_default();
    format!("{cores} cores, {cpu}, Linux {kernel}")
}
