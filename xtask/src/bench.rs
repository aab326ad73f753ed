//! `cargo xtask bench <what> [--quick]`:
//!
//! - `codegen`: median time of the generator, from reading model files to formatted output, on
//!   `models/` and (when `../shared` is present) on the complete upstream models;
//! - `runtime`: what the generated clients cost per request, in process and over loopback
//!   (see [`runtime`]); the other arguments go to the benchmark binary;
//! - `all`: both. Without `<what>`: `codegen`.

mod runtime;

use chatsmith_codegen::{Request, generate, read_sources};
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

pub fn run(args: &[&str]) -> Result<(), String> {
    // The runtime benchmark is a separate, optimized binary: xtask only starts it, so it need
    // not be optimized itself.
    if args.contains(&"runtime") {
        let rest: Vec<&str> = args.iter().copied().filter(|a| *a != "runtime").collect();
        return runtime::run(&rest);
    }
    if cfg!(debug_assertions) {
        // Timing a debug build would measure the wrong thing: run again, optimized.
        let status = Command::new(env!("CARGO"))
            .args(["run", "--quiet", "--release", "--package", "xtask", "--", "bench"])
            .args(args)
            .status()
            .map_err(|e| format!("cannot run cargo: {e}"))?;
        return if status.success() { Ok(()) } else { Err("benchmark failed".into()) };
    }
    let quick = args.contains(&"--quick");
    let what: Vec<&str> = args.iter().copied().filter(|a| !a.starts_with("--")).collect();
    match what.as_slice() {
        [] | ["codegen"] => codegen(quick),
        ["all"] => {
            codegen(quick)?;
            println!();
            runtime::run(if quick { &["--quick"] } else { &[] })
        }
        other => Err(format!("unknown benchmark {other:?}; available: codegen, runtime, all")),
    }
}

fn codegen(quick: bool) -> Result<(), String> {
    let root = super::regenerate::workspace_root();
    std::env::set_current_dir(&root).map_err(|e| e.to_string())?;
    let runs = if quick { 5 } else { 50 };
    println!("| generator input | first run | runs | median | min | max |");
    println!("|---|---|---|---|---|---|");
    let ours = measure(runs, || chatsmith_codegen::workspace::generate_all(Path::new(".")).map(|_| ()))?;
    row("models/ (both services, 3 operations)", runs, &ours);
    let shared = std::env::var_os("CHATSMITH_SHARED").map_or_else(|| root.join("../shared"), PathBuf::from);
    for (service, file) in
        [("Chime SDK Messaging", "chime-sdk-messaging"), ("Connect Participant", "connectparticipant")]
    {
        let path = shared.join("upstream-models/smithy").join(format!("{file}.json"));
        if !path.is_file() {
            println!("| complete upstream {service}: skipped, {} not found | | | | | |", path.display());
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
        row(&format!("complete upstream {service}"), runs, &times);
    }
    Ok(())
}

/// The first run (cold caches; it also proves the input generates), then `runs` sorted durations.
fn measure(runs: usize, mut f: impl FnMut() -> Result<(), String>) -> Result<(Duration, Vec<Duration>), String> {
    let start = Instant::now();
    f()?;
    let first = start.elapsed();
    let mut times: Vec<Duration> = (0..runs)
        .map(|_| {
            let start = Instant::now();
            let _ = std::hint::black_box(f());
            start.elapsed()
        })
        .collect();
    times.sort();
    Ok((first, times))
}

fn row(name: &str, runs: usize, (first, times): &(Duration, Vec<Duration>)) {
    let ms = |d: Duration| d.as_secs_f64() * 1e3;
    let (median, min, max) = (times[times.len() / 2], times[0], times[times.len() - 1]);
    println!(
        "| {name} | {:.1} ms | {runs} | {:.1} ms | {:.1} ms | {:.1} ms |",
        ms(*first),
        ms(median),
        ms(min),
        ms(max)
    );
}
