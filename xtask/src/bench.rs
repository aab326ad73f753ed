//! `cargo xtask bench codegen [--quick]`: median time of the generator, parse to formatted files.

use std::path::Path;
use std::time::{Duration, Instant};

pub fn run(args: &[&str]) -> Result<(), String> {
    let quick = args.contains(&"--quick");
    let what: Vec<&str> = args.iter().copied().filter(|a| !a.starts_with("--")).collect();
    match what.as_slice() {
        [] | ["codegen"] | ["all"] => codegen(quick),
        other => Err(format!("unknown benchmark {other:?}; available: codegen")),
    }
}

fn codegen(quick: bool) -> Result<(), String> {
    let root = super::regenerate::workspace_root();
    std::env::set_current_dir(&root).map_err(|e| e.to_string())?;
    let runs = if quick { 5 } else { 50 };
    // One warm-up run also proves the models generate.
    chatsmith_codegen::workspace::generate_all(Path::new("."))?;
    let mut times: Vec<Duration> = (0..runs)
        .map(|_| {
            let start = Instant::now();
            let out = chatsmith_codegen::workspace::generate_all(Path::new("."));
            let elapsed = start.elapsed();
            std::hint::black_box(out).ok();
            elapsed
        })
        .collect();
    times.sort();
    let median = times[times.len() / 2];
    let (min, max) = (times[0], times[times.len() - 1]);
    println!("| benchmark | runs | median | min | max |");
    println!("|---|---|---|---|---|");
    println!("| codegen: whole models/ tree (read, load, check, lower, emit, format) | {runs} | {:.2} ms | {:.2} ms | {:.2} ms |", ms(median), ms(min), ms(max));
    Ok(())
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1e3
}
