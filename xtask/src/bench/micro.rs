//! `cargo xtask bench micro`: per-operation cost in process, ours beside the official AWS SDK for
//! Rust, measured by criterion in `bench/compare/benches/micro` (package `bench-micro`).
//!
//! Phases: `validate` (ours only), `request` (`send()` through a connector that refuses at once:
//! everything up to the wire), `round_trip` (through one that answers at once: the same plus
//! parsing) and, derived here, `response handling = round_trip - request`.
//!
//! `--quick` (CI) builds bench-micro without its `official` feature, so the official SDK is not
//! compiled at all, and gives criterion short warm-up and measurement times: a smoke test that
//! the benchmark still builds against the generated crates and that every call still ends as
//! it should, in well under a minute of measuring.

use super::section::Section;
use super::{cargo, compare_manifest, target_dir, thousands};
use serde_json::{Value, json};
use std::fmt::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::SystemTime;

/// Clients in table order.
const CLIENTS: [&str; 2] = ["chatsmith", "official"];
/// Measured phases in table order; response handling is put between them.
const PHASES: [&str; 3] = ["validate", "request", "round_trip"];

/// One criterion estimate, in ns.
#[derive(Clone, Copy, Debug)]
struct Estimate {
    median: f64,
    lower: f64,
    upper: f64,
    confidence_level: f64,
}

/// The section of `all --quick`, which leaves criterion out.
pub fn skipped() -> Section {
    Section {
        name: "micro",
        markdown: "Skipped by `all --quick`: criterion needs an optimized build of `bench/compare`, minutes when \
                   cold. `cargo xtask bench micro --quick` runs a short one of chatsmith alone.\n"
            .into(),
        json: json!({ "skipped": "all --quick" }),
    }
}

pub fn run(quick: bool) -> Result<Section, String> {
    let target = target_dir().join("bench").join("compare");
    let criterion_home = target.join("criterion");
    let manifest_path = target_dir().join("bench").join("micro-manifest.json");
    if let Err(e) = std::fs::remove_file(&manifest_path)
        && e.kind() != std::io::ErrorKind::NotFound
    {
        return Err(format!("cannot remove the old {}: {e}", manifest_path.display()));
    }
    let started = SystemTime::now();

    eprintln!(
        "bench micro: building and running bench-micro (criterion{})",
        if quick { ", --quick: chatsmith only, the official SDK is not built" } else { "" }
    );
    let mut command = Command::new(cargo());
    command
        .current_dir(crate::regenerate::workspace_root())
        .args(["bench", "--quiet", "--locked", "--manifest-path"])
        .arg(compare_manifest())
        .args(["--package", "bench-micro", "--bench", "micro", "--target-dir"])
        .arg(&target);
    if quick {
        command.arg("--no-default-features");
    }
    command.args(["--", "--noplot"]);
    if quick {
        command.args(["--quick", "--warm-up-time", "0.5", "--measurement-time", "1"]);
    }
    // Criterion's progress goes to stderr, so that stdout stays the report's Markdown.
    let status = command
        .env("CRITERION_HOME", &criterion_home)
        .env("BENCH_MICRO_MANIFEST", &manifest_path)
        .stdout(Stdio::from(std::io::stderr()))
        .status()
        .map_err(|e| format!("cannot run cargo: {e}"))?;
    if !status.success() {
        return Err(format!("the micro benchmark (cargo bench -p bench-micro) failed ({status})"));
    }

    let text = std::fs::read_to_string(&manifest_path)
        .map_err(|e| format!("bench-micro wrote no manifest {}: {e}", manifest_path.display()))?;
    let manifest: Value =
        serde_json::from_str(&text).map_err(|e| format!("{}: not JSON: {e}", manifest_path.display()))?;
    report(&manifest, &criterion_home, started, quick)
}

/// The table and JSON of one run, from the manifest and criterion's estimates.
fn report(manifest: &Value, criterion_home: &Path, started: SystemTime, quick: bool) -> Result<Section, String> {
    let benches: Vec<&str> = manifest["benches"].as_array().into_iter().flatten().filter_map(Value::as_str).collect();
    let operations =
        manifest["operations"].as_array().filter(|ops| !ops.is_empty()).ok_or("the manifest lists no operations")?;
    let official_built = manifest["official"].as_bool().unwrap_or(false);

    let mut results = Vec::new();
    let mut rows = Vec::new();
    let mut noisy = false;
    let mut md = String::from(
        "| operation | phase | chatsmith ns | official ns | official / chatsmith |\n|---|---|---:|---:|---:|\n",
    );
    for op in operations {
        let (arg, label) = (op["arg"].as_str().unwrap_or("?"), op["label"].as_str().unwrap_or("?"));
        // Median per (client, phase); None when not benchmarked.
        let mut medians = [[None; PHASES.len()]; CLIENTS.len()];
        for (c, client) in CLIENTS.into_iter().enumerate() {
            for (p, phase) in PHASES.into_iter().enumerate() {
                let id = format!("{arg}/{client}/{phase}");
                if !benches.contains(&id.as_str()) {
                    continue;
                }
                let estimate = read_estimate(criterion_home, &id, started)?;
                medians[c][p] = Some(estimate.median);
                results.push(json!({
                    "operation": arg, "client": client, "phase": phase,
                    "median_ns": estimate.median, "lower_ns": estimate.lower, "upper_ns": estimate.upper,
                    "confidence_level": estimate.confidence_level,
                }));
            }
        }
        let [ours, official] = medians;
        let derived = |m: [Option<f64>; 3]| Some(m[2]? - m[1]?);
        let lines = [
            ("validate", ours[0], official[0]),
            ("request", ours[1], official[1]),
            ("response handling", derived(ours), derived(official)),
            ("round trip", ours[2], official[2]),
        ];
        for (phase, ours, theirs) in lines {
            // A negative difference is noise (round trip measured below request): no ratio of it.
            let ratio = ours.zip(theirs).filter(|(o, t)| *o > 0.0 && *t > 0.0).map(|(o, t)| t / o);
            let shown = |v: f64| if v < 0.0 { format!("{} †", ns(v)) } else { ns(v) };
            noisy |= ours.is_some_and(|v| v < 0.0) || theirs.is_some_and(|v| v < 0.0);
            let theirs_text = match (theirs, phase) {
                (Some(t), _) => shown(t),
                (None, "validate") => "n/a".into(),
                (None, _) if !official_built => "not built".into(),
                (None, _) => "-".into(),
            };
            let ratio_text = ratio.map_or("-".into(), |r| format!("{r:.1}x"));
            let ours_text = ours.map_or("-".into(), shown);
            let _ = writeln!(md, "| {label} | {phase} | {ours_text} | {theirs_text} | {ratio_text} |");
            rows.push(json!({
                "operation": arg, "label": label, "phase": phase,
                "chatsmith_ns": ours, "official_ns": theirs, "official_over_chatsmith": ratio,
            }));
        }
    }

    md.push_str(
        "\nMedians of criterion, in ns per call, in process: no network, one-thread tokio runtime, \
         retries off on both sides. `request` is `send()` through a connector that refuses at once \
         (build, validation for ours, idempotency token, serialization, endpoint, headers, SigV4 for \
         SendChannelMessage); `round trip` goes through one that answers at once with the canned \
         response, which the client parses; `response handling` is their difference. The official \
         Connect Participant client has no AWS credentials, so it sends unsigned, as ours does. \
         `validate`: the official SDK validates nothing on the client (n/a).\n",
    );
    if noisy {
        md.push_str(
            "\n† Round trip measured below request: response handling is smaller than the drift between \
             the two measurements on this machine.\n",
        );
    }
    if quick {
        md.push_str("\n`--quick`: short criterion runs of chatsmith only; the official SDK was not built.\n");
    }
    let json = json!({
        "unit": "ns",
        "statistic": "median",
        "quick": quick,
        "official_built": official_built,
        "table": rows,
        "results": results,
    });
    Ok(Section { name: "micro", markdown: md, json })
}

/// Reads criterion's `<id>/new/estimates.json`, refusing one older than this run.
fn read_estimate(criterion_home: &Path, id: &str, started: SystemTime) -> Result<Estimate, String> {
    let path: PathBuf = criterion_home.join(id).join("new").join("estimates.json");
    let modified = std::fs::metadata(&path)
        .and_then(|m| m.modified())
        .map_err(|e| format!("no criterion result for {id} ({}): {e}", path.display()))?;
    if modified < started {
        return Err(format!("{}: left by an earlier run, {id} was not measured in this one", path.display()));
    }
    let text = std::fs::read_to_string(&path).map_err(|e| format!("cannot read {}: {e}", path.display()))?;
    let estimates: Value = serde_json::from_str(&text).map_err(|e| format!("{}: not JSON: {e}", path.display()))?;
    let median = &estimates["median"];
    let number =
        |v: &Value, what: &str| v.as_f64().ok_or_else(|| format!("{}: no number at median.{what}", path.display()));
    Ok(Estimate {
        median: number(&median["point_estimate"], "point_estimate")?,
        lower: number(&median["confidence_interval"]["lower_bound"], "confidence_interval.lower_bound")?,
        upper: number(&median["confidence_interval"]["upper_bound"], "confidence_interval.upper_bound")?,
        confidence_level: number(
            &median["confidence_interval"]["confidence_level"],
            "confidence_interval.confidence_level",
        )?,
    })
}

/// `12.3` below 100 ns, else whole ns with thousands separators (`12,345`).
fn ns(value: f64) -> String {
    if value.abs() < 100.0 {
        return format!("{value:.1}");
    }
    let out = thousands(value.abs().round() as u64);
    if value < 0.0 { format!("-{out}") } else { out }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Writes criterion's `estimates.json` for `id` with this median.
    fn estimate(home: &Path, id: &str, median: f64) {
        let dir = home.join(id).join("new");
        std::fs::create_dir_all(&dir).unwrap();
        let interval = json!({ "confidence_level": 0.95, "lower_bound": median - 1.0, "upper_bound": median + 1.0 });
        let estimates = json!({ "median": { "point_estimate": median, "confidence_interval": interval } });
        std::fs::write(dir.join("estimates.json"), estimates.to_string()).unwrap();
    }

    #[test]
    fn report_derives_response_handling_and_ratios() {
        let home = std::env::temp_dir().join(format!("xtask-micro-test-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&home);
        let started = SystemTime::now() - std::time::Duration::from_secs(1);
        let figures = [
            ("send-message/chatsmith/validate", 20.0),
            ("send-message/chatsmith/request", 1_000.0),
            ("send-message/chatsmith/round_trip", 1_200.0),
            ("send-message/official/request", 10_000.0),
            ("send-message/official/round_trip", 9_000.0),
        ];
        for (id, median) in figures {
            estimate(&home, id, median);
        }
        let manifest = json!({
            "official": true,
            "operations": [{ "arg": "send-message", "label": "SendMessage" }],
            "benches": figures.map(|(id, _)| id),
        });
        let section = report(&manifest, &home, started, false).unwrap();
        let _ = std::fs::remove_dir_all(&home);
        let md = &section.markdown;
        assert!(md.contains("| SendMessage | validate | 20.0 | n/a | - |"), "{md}");
        assert!(md.contains("| SendMessage | request | 1,000 | 10,000 | 10.0x |"), "{md}");
        assert!(md.contains("| SendMessage | response handling | 200 | -1,000 † | - |"), "{md}");
        assert!(md.contains("| SendMessage | round trip | 1,200 | 9,000 | 7.5x |"), "{md}");
        assert!(md.contains("† Round trip measured below request"), "{md}");
        assert_eq!(section.json["results"].as_array().unwrap().len(), 5);
        assert_eq!(section.json["results"][1]["lower_ns"], 999.0);
    }

    #[test]
    fn report_refuses_results_of_an_earlier_run() {
        let home = std::env::temp_dir().join(format!("xtask-micro-stale-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&home);
        estimate(&home, "send-message/chatsmith/validate", 20.0);
        let manifest = json!({
            "official": false,
            "operations": [{ "arg": "send-message", "label": "SendMessage" }],
            "benches": ["send-message/chatsmith/validate"],
        });
        let later = SystemTime::now() + std::time::Duration::from_secs(60);
        let err = report(&manifest, &home, later, true).unwrap_err();
        let _ = std::fs::remove_dir_all(&home);
        assert!(err.contains("left by an earlier run"), "{err}");
    }

    #[test]
    fn ns_groups_thousands() {
        assert_eq!(ns(42.26), "42.3");
        assert_eq!(ns(999.6), "1,000");
        assert_eq!(ns(1_234_567.0), "1,234,567");
        assert_eq!(ns(-2_500.0), "-2,500");
    }
}
