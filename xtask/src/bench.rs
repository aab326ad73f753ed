//! `cargo xtask bench [codegen|build|runtime|micro|all] [--quick]`: the benchmark suite.
//!
//! - `codegen`: the generator's time on `models/` and the complete upstream models;
//! - `build`: the same small app on chatsmith and on the official AWS SDK for Rust: cold build
//!   times, crates compiled, stripped binary size;
//! - `runtime`: loopback requests/s, latency, client CPU and peak RSS of ours, the floor and the
//!   official SDK;
//! - `micro`: per-operation validate, request and response time in process (criterion);
//! - `all`: everything, then the targets of issue 6, met or not.
//!
//! Each prints a Markdown table; the run's report is written to `target/bench/report.md` and
//! `target/bench/report.json` (under `CARGO_TARGET_DIR` when set).
//!
//! `--quick` is CI's smoke run, which must stay under two minutes after the test step: it runs in
//! the profile it was started in (the tests' unoptimized build, so nothing is compiled again),
//! with few samples, no cold builds, no criterion run (`bench micro --quick` runs a short one
//! of chatsmith alone) and nothing of the official SDK but its
//! dependency graph. No target is asserted (shared machines are too noisy for that).

mod build;
mod codegen;
mod micro;
mod runtime;
mod section;
mod targets;

use section::Section;
use serde_json::json;
use std::path::PathBuf;
use std::process::Command;

const BENCHMARKS: &str = "codegen, build, runtime, micro, all";

pub fn run(args: &[&str]) -> Result<(), String> {
    let quick = args.contains(&"--quick");
    if cfg!(debug_assertions) && !quick {
        // Timing a debug build of the generator would measure the wrong thing: run again, optimized.
        let status = Command::new(cargo())
            .args(["run", "--quiet", "--release", "--package", "xtask", "--", "bench"])
            .args(args)
            .status()
            .map_err(|e| format!("cannot run cargo: {e}"))?;
        return if status.success() { Ok(()) } else { Err("benchmark failed".into()) };
    }
    if let Some(unknown) = args.iter().find(|a| a.starts_with("--") && **a != "--quick") {
        return Err(format!("unknown option {unknown}; usage: cargo xtask bench [{BENCHMARKS}] [--quick]"));
    }
    let what: Vec<&str> = args.iter().copied().filter(|a| !a.starts_with("--")).collect();
    let names: &[&str] = match what.as_slice() {
        [] => &["codegen"],
        // Criterion needs an optimized build of bench/compare of its own: minutes when cold.
        ["all"] if quick => &["codegen", "build", "runtime"],
        ["all"] => &["codegen", "build", "runtime", "micro"],
        [one] => std::slice::from_ref(one),
        more => return Err(format!("one benchmark at a time, not {more:?}; available: {BENCHMARKS}")),
    };
    let mut sections = Vec::new();
    for name in names {
        let section = match *name {
            "codegen" => codegen::run(quick)?,
            "build" => build::run(quick)?,
            "runtime" => runtime::run(quick)?,
            "micro" => micro::run(quick)?,
            other => return Err(format!("unknown benchmark {other:?}; available: {BENCHMARKS}")),
        };
        show(&section);
        sections.push(section);
    }
    if quick && what == ["all"] {
        let section = micro::skipped();
        show(&section);
        sections.push(section);
    }
    let summary = (names.len() > 1).then(|| targets::evaluate(&sections, quick));
    if let Some(summary) = &summary {
        show(summary);
    }
    write_report(quick, sections.iter().chain(&summary))
}

/// Prints `section` under its heading.
fn show(section: &Section) {
    println!("\n## {}\n\n{}", heading(section.name), section.markdown.trim_end());
}

fn heading(name: &str) -> &'static str {
    match name {
        "codegen" => "Generator",
        "build" => "Build: the same app on both SDKs",
        "runtime" => "Runtime: loopback",
        "micro" => "In process, per operation",
        "targets" => "Targets",
        _ => "Other",
    }
}

/// Writes `report.md` and `report.json` under `<target>/bench/`.
fn write_report<'a>(quick: bool, sections: impl Iterator<Item = &'a Section> + Clone) -> Result<(), String> {
    let dir = target_dir().join("bench");
    std::fs::create_dir_all(&dir).map_err(|e| format!("cannot create {}: {e}", dir.display()))?;
    let mut md = format!("# chatsmith benchmarks{}\n", if quick { " (--quick)" } else { "" });
    for section in sections.clone() {
        md.push_str(&format!("\n## {}\n\n{}\n", heading(section.name), section.markdown.trim_end()));
    }
    let report = json!({
        "schema": "chatsmith-bench/1",
        "quick": quick,
        "sections": sections.map(|s| (s.name.to_owned(), s.json.clone())).collect::<serde_json::Map<_, _>>(),
    });
    let json = serde_json::to_string_pretty(&report).map_err(|e| e.to_string())?;
    for (file, text) in [("report.md", md), ("report.json", json + "\n")] {
        let path = dir.join(file);
        std::fs::write(&path, text).map_err(|e| format!("cannot write {}: {e}", path.display()))?;
    }
    eprintln!("bench: wrote {}", dir.join("report.{md,json}").display());
    Ok(())
}

/// `n` with thousands separators (`15,368,168`).
pub fn thousands(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// The cargo that runs xtask, so that toolchain overrides carry over.
pub fn cargo() -> std::ffi::OsString {
    std::env::var_os("CARGO").unwrap_or_else(|| env!("CARGO").into())
}

/// `$CARGO_TARGET_DIR`, else `<workspace>/target`.
pub fn target_dir() -> PathBuf {
    std::env::var_os("CARGO_TARGET_DIR")
        .filter(|dir| !dir.is_empty())
        .map(PathBuf::from)
        .unwrap_or_else(|| crate::regenerate::workspace_root().join("target"))
}

/// The comparison workspace's manifest.
pub fn compare_manifest() -> PathBuf {
    crate::regenerate::workspace_root().join("bench").join("compare").join("Cargo.toml")
}

/// `../shared` beside the repository, or `$CHATSMITH_SHARED`.
pub fn shared_dir() -> PathBuf {
    std::env::var_os("CHATSMITH_SHARED")
        .map_or_else(|| crate::regenerate::workspace_root().join("../shared"), PathBuf::from)
}

#[cfg(test)]
mod tests {
    use super::thousands;

    #[test]
    fn thousands_groups_digits() {
        assert_eq!(thousands(0), "0");
        assert_eq!(thousands(999), "999");
        assert_eq!(thousands(1_000), "1,000");
        assert_eq!(thousands(15_368_168), "15,368,168");
    }
}
