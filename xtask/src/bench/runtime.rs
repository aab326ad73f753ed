//! `cargo xtask bench runtime`: the loopback benchmark.
//!
//! The measuring code is the `bench-runtime` binary of the examples package (our client, the
//! floor, the server); the official SDK's client process is built from the comparison workspace
//! (`bench/compare/clients/official`), not in `--quick` runs, which must not build the official
//! SDK. Both are built optimized, except in `--quick`, which runs the tests' unoptimized
//! bench-runtime (a smoke run: nothing to compile, figures not comparable). xtask only starts
//! them and collects their report.

use super::section::Section;
use super::{cargo, compare_manifest, target_dir};
use serde_json::Value;
use std::path::PathBuf;
use std::process::Command;

pub fn run(quick: bool) -> Result<Section, String> {
    let root = crate::regenerate::workspace_root();
    let mut args: Vec<String> = Vec::new();
    if quick {
        args.push("--quick".into());
    } else {
        args.extend(["--official".into(), official_client()?.display().to_string()]);
    }
    let json_path = target_dir().join("bench").join("runtime.json");
    args.extend(["--json".into(), json_path.display().to_string()]);
    let profile: &[&str] = if quick { &[] } else { &["--release"] };
    eprintln!("bench runtime: building and running bench-runtime ({})", if quick { "debug" } else { "release" });
    let output = Command::new(cargo())
        .current_dir(&root)
        .args(["run", "--quiet", "--package", "chatsmith-examples", "--bin", "bench-runtime"])
        .args(profile)
        .arg("--")
        .args(&args)
        .stderr(std::process::Stdio::inherit())
        .output()
        .map_err(|e| format!("cannot run cargo: {e}"))?;
    if !output.status.success() {
        return Err(format!("the runtime benchmark failed ({})", output.status));
    }
    let mut markdown = String::from_utf8_lossy(&output.stdout).into_owned();
    if quick {
        markdown.push_str(
            "\n`--quick`: an unoptimized build with few requests, to show that it runs; not a measurement.\n",
        );
    }
    let text = std::fs::read_to_string(&json_path).map_err(|e| format!("cannot read {}: {e}", json_path.display()))?;
    let json: Value = serde_json::from_str(&text).map_err(|e| format!("{}: {e}", json_path.display()))?;
    Ok(Section { name: "runtime", markdown, json })
}

/// Builds the official SDK's loopback client (release) and returns its path.
fn official_client() -> Result<PathBuf, String> {
    eprintln!("bench runtime: building the official SDK's client (bench/compare, release)");
    let target = target_dir().join("bench").join("compare");
    let status = Command::new(cargo())
        .args(["build", "--quiet", "--release", "--manifest-path"])
        .arg(compare_manifest())
        .args(["--package", "client-official", "--target-dir"])
        .arg(&target)
        .status()
        .map_err(|e| format!("cannot run cargo: {e}"))?;
    if !status.success() {
        return Err(format!("building the official SDK's client failed ({status})"));
    }
    Ok(target.join("release").join("client-official"))
}
