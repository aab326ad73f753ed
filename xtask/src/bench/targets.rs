//! The targets of issue 6, checked against the figures of this run.
//!
//! Only reported, never asserted: CI machines are shared and noisy, and `--quick` runs measure
//! too little (and nothing of the official SDK) for a verdict.

use super::section::Section;
use serde_json::{Value, json};
use std::fmt::Write;

/// One target: what is compared, the two figures, the verdict.
struct Target {
    figure: &'static str,
    goal: &'static str,
    /// Ours, theirs (official SDK or floor), both as shown; `None` when not measured.
    figures: Option<(String, String)>,
    /// ours / theirs.
    ratio: Option<f64>,
    met: Option<bool>,
}

pub fn evaluate(sections: &[Section], quick: bool) -> Section {
    let find = |name: &str| sections.iter().find(|s| s.name == name).map(|s| &s.json);
    let mut targets = build_targets(find("build"));
    let mut timed = runtime_targets(find("runtime"));
    timed.push(codegen_target(find("codegen")));
    if quick {
        // Unoptimized builds: the figures show that it runs, a verdict on them would mislead.
        timed.iter_mut().for_each(|t| t.met = None);
    }
    targets.extend(timed);

    let mut md =
        String::from("| figure | ours | compared with | ratio | target | met |\n|---|---:|---:|---:|---|---|\n");
    for t in &targets {
        let (ours, theirs) = t.figures.clone().unwrap_or_else(|| ("not measured".into(), String::new()));
        let ratio = t.ratio.map_or(String::new(), |r| format!("{r:.2}x"));
        let met = match t.met {
            Some(true) => "yes",
            Some(false) => "**no**",
            None => "-",
        };
        let _ = writeln!(md, "| {} | {ours} | {theirs} | {ratio} | {} | {met} |", t.figure, t.goal);
    }
    if quick {
        md.push_str(
            "\n`--quick`: nothing built cold, no official SDK run; the timed figures come from \
             unoptimized builds with few samples, so they get no verdict.\n",
        );
    }
    let json = targets
        .iter()
        .map(|t| json!({ "figure": t.figure, "target": t.goal, "ratio": t.ratio, "met": t.met }))
        .collect::<Vec<_>>();
    Section { name: "targets", markdown: md, json: json!(json) }
}

/// The median of `field` for `client` on SendMessage with `tasks` tasks.
fn loopback(runtime: &Value, client: &str, tasks: u64, field: &str) -> Option<f64> {
    runtime["loopback"].as_array()?.iter().find_map(|row| {
        (row["client"] == client && row["operation"] == "SendMessage" && row["tasks"] == tasks)
            .then(|| row["median"][field].as_f64())
            .flatten()
    })
}

fn runtime_targets(runtime: Option<&Value>) -> Vec<Target> {
    let compare = |figure, goal, tasks, field, unit: &'static str, check: fn(f64) -> bool| {
        let pair =
            runtime.and_then(|r| Some((loopback(r, "chatsmith", tasks, field)?, loopback(r, "floor", tasks, field)?)));
        let show = |v: f64| if unit == "req/s" { format!("{v:.0} req/s") } else { format!("{v:.1} {unit}") };
        Target {
            figure,
            goal,
            figures: pair.map(|(ours, floor)| (show(ours), format!("floor {}", show(floor)))),
            ratio: pair.map(|(ours, floor)| ours / floor),
            met: pair.map(|(ours, floor)| check(ours / floor)),
        }
    };
    vec![
        compare("sequential SendMessage, rate", "at least 0.90x the floor", 1, "requests_per_second", "req/s", |r| {
            r >= 0.90
        }),
        compare(
            "sequential SendMessage, client CPU per request",
            "at most 1.2x the floor",
            1,
            "client_cpu_us_per_request",
            "µs",
            |r| r <= 1.2,
        ),
        compare(
            "64 concurrent SendMessage, rate",
            "at least 0.80x the floor",
            64,
            "requests_per_second",
            "req/s",
            |r| r >= 0.80,
        ),
    ]
}

fn codegen_target(codegen: Option<&Value>) -> Target {
    let median = codegen.and_then(|c| {
        c["inputs"].as_array()?.iter().find(|i| i["input"] == "chime-sdk-messaging")?["median_ms"].as_f64()
    });
    Target {
        figure: "generator, complete Chime SDK Messaging model",
        goal: "under 300 ms",
        figures: median.map(|ms| (format!("{ms:.1} ms"), "300 ms".into())),
        ratio: median.map(|ms| ms / 300.0),
        met: median.map(|ms| ms < 300.0),
    }
}

/// The build figures that carry a target (ratio to the official SDK), as the build section
/// judged them, and the SigV4 check of the Connect Participant crate.
fn build_targets(build: Option<&Value>) -> Vec<Target> {
    let figure = |key: &str| {
        build
            .and_then(|b| b["figures"].as_array()?.iter().find(|f| f["key"] == key).cloned())
            .filter(|f| !f["met"].is_null())
    };
    let show = |value: &Value, unit: &str| match value.as_f64() {
        Some(v) if unit == "MB" => format!("{:.2} MB", v / 1e6),
        Some(v) if unit == "s" => format!("{v:.1} s"),
        Some(v) => format!("{v:.0}"),
        None => "-".into(),
    };
    // Crates: those a cold build compiled when there was one (`--quick` has none), else the
    // build graph, which counts the same packages without building.
    let crates = if figure("debug_crates").is_some() { "debug_crates" } else { "graph_crates" };
    let mut targets: Vec<Target> = [
        ("debug_wall_s", "cold debug build of the app, wall time", "at most 1/3 of the official SDK's", "s"),
        (crates, "crates compiled for the app", "at most 3/5 of the official SDK's", ""),
        ("release_binary_bytes", "stripped release binary of the app", "at most 1/4 of the official SDK's", "MB"),
    ]
    .into_iter()
    .map(|(key, name, goal, unit)| {
        let f = figure(key);
        Target {
            figure: name,
            goal,
            figures: f
                .as_ref()
                .map(|f| (show(&f["chatsmith"], unit), format!("official {}", show(&f["official"], unit)))),
            ratio: f.as_ref().and_then(|f| f["ratio"].as_f64()),
            met: f.as_ref().and_then(|f| f["met"].as_bool()),
        }
    })
    .collect();
    let sigv4 = build.and_then(|b| b["connectparticipant_pulls_in_sigv4"].as_bool());
    targets.push(Target {
        figure: "Connect Participant crate pulls in SigV4",
        goal: "no",
        figures: sigv4.map(|yes| (if yes { "yes" } else { "no" }.into(), String::new())),
        ratio: None,
        met: sigv4.map(|yes| !yes),
    });
    targets
}
