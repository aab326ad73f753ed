//! `cargo xtask bench codegen`: the generator's time, from reading model files to formatted
//! output (nothing written), on `models/` and on the complete upstream models.

use super::section::Section;
use super::shared_dir;
use chatsmith_codegen::{Request, generate, read_sources};
use serde_json::{Value, json};
use std::fmt::Write;
use std::path::Path;
use std::time::{Duration, Instant};

pub fn run(quick: bool) -> Result<Section, String> {
    let root = crate::regenerate::workspace_root();
    std::env::set_current_dir(&root).map_err(|e| e.to_string())?;
    let runs = if quick { 3 } else { 50 };
    let mut md =
        String::from("| generator input | first run | runs | median | min | max |\n|---|---:|---:|---:|---:|---:|\n");
    let mut rows = Vec::new();
    let ours = measure(runs, || chatsmith_codegen::workspace::generate_all(Path::new(".")).map(|_| ()))?;
    rows.push(row(&mut md, "models/ (both services, 3 operations)", "models", &ours));
    let shared = shared_dir();
    for (service, file) in
        [("Chime SDK Messaging", "chime-sdk-messaging"), ("Connect Participant", "connectparticipant")]
    {
        let path = shared.join("upstream-models/smithy").join(format!("{file}.json"));
        if !path.is_file() {
            let _ = writeln!(md, "| complete upstream {service}: skipped, {} not found | | | | | |", path.display());
            continue;
        }
        let times = measure(runs, || {
            let sources = read_sources(std::slice::from_ref(&path)).map_err(|e| e.to_string())?;
            let request = Request {
                sources,
                service: None,
                crate_name: file.into(),
                source_label: file.into(),
                runtime_path: "../runtime".into(),
                standalone: true,
            };
            generate(&request).map(|_| ()).map_err(|e| e.to_string())
        })?;
        rows.push(row(&mut md, &format!("complete upstream {service}"), file, &times));
    }
    let build =
        if cfg!(debug_assertions) { "Unoptimized build (`--quick`: not a measurement)" } else { "Optimized build" };
    let _ = writeln!(md, "\n{build}, one thread; the first run has cold caches (and proves the input generates).");
    Ok(Section { name: "codegen", markdown: md, json: json!({ "runs": runs, "inputs": rows }) })
}

/// The first run (cold caches; it also proves the input generates), then `runs` sorted durations.
struct Times {
    first: Duration,
    sorted: Vec<Duration>,
}

fn measure(runs: usize, mut f: impl FnMut() -> Result<(), String>) -> Result<Times, String> {
    let start = Instant::now();
    f()?;
    let first = start.elapsed();
    let mut sorted: Vec<Duration> = (0..runs)
        .map(|_| {
            let start = Instant::now();
            let _ = std::hint::black_box(f());
            start.elapsed()
        })
        .collect();
    sorted.sort();
    Ok(Times { first, sorted })
}

fn row(md: &mut String, label: &str, key: &str, times: &Times) -> Value {
    let ms = |d: Duration| d.as_secs_f64() * 1e3;
    let sorted = &times.sorted;
    let (median, min, max) = (sorted[sorted.len() / 2], sorted[0], sorted[sorted.len() - 1]);
    let _ = writeln!(
        md,
        "| {label} | {:.1} ms | {} | {:.1} ms | {:.1} ms | {:.1} ms |",
        ms(times.first),
        sorted.len(),
        ms(median),
        ms(min),
        ms(max)
    );
    json!({ "input": key, "first_ms": ms(times.first), "median_ms": ms(median), "min_ms": ms(min), "max_ms": ms(max) })
}
