//! The official Smithy protocol compliance cases as tests of a generated crate.
//!
//! [`run`] reads the cases of a service from its model ([`cases`]), generates the service's crate
//! with `chatsmith_codegen::generate`, writes one test function per case into the crate's
//! `tests/` ([`emit`], [`values`]), runs `cargo test` there and reads the outcome of every case
//! ([`results`]). Nothing it writes is committed: it all lives under `target/`.
//!
//! Skipped cases are listed in one file (`skips.json`: case id → reason). A skipped case is
//! still generated, into a test target of its own, and run: a skip whose case passes is stale
//! and reported as such.
#![forbid(unsafe_code)]

pub mod cases;
pub mod emit;
pub mod results;
pub mod values;

use cases::Case;
use results::Outcome;
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::process::Command;

/// What to run.
#[derive(Clone, Debug)]
pub struct Suite {
    /// The model file holding the service and its cases (Smithy JSON AST).
    pub model: PathBuf,
    /// The service shape id (`aws.protocoltests.restjson#RestJson`).
    pub service: String,
    /// Package name of the generated crate (`restjson`).
    pub crate_name: String,
    /// Where the crate is generated.
    pub out_dir: PathBuf,
    /// `CARGO_TARGET_DIR` of its build (kept between runs, so that reruns are incremental).
    pub target_dir: PathBuf,
    /// The `chatsmith-runtime` crate folder.
    pub runtime_dir: PathBuf,
    /// A `Cargo.lock` to start from (the workspace's), so that the build resolves offline to the
    /// versions the workspace uses.
    pub lock_file: Option<PathBuf>,
    /// Skipped cases: case id → reason.
    pub skips: BTreeMap<String, String>,
}

/// The outcome of a run.
#[derive(Clone, Debug, Default)]
pub struct Report {
    /// Cases that passed, as `request RestJsonAllQueryStringTypes`.
    pub passed: Vec<String>,
    /// Cases that failed, with why.
    pub failed: Vec<(String, String)>,
    /// Skipped cases, with the reason from the skip list.
    pub skipped: Vec<(String, String)>,
    /// Skip list entries whose case passes.
    pub stale_skips: Vec<String>,
    /// Skip list entries that name no case.
    pub unknown_skips: Vec<String>,
    /// Client cases read, by kind.
    pub request_cases: usize,
    /// Client response cases read.
    pub response_cases: usize,
}

impl Report {
    /// `protocol tests: N passed, M failed, K skipped`.
    pub fn summary(&self) -> String {
        format!(
            "protocol tests: {} passed, {} failed, {} skipped",
            self.passed.len(),
            self.failed.len(),
            self.skipped.len()
        )
    }

    /// Whether every case that is not skipped passed and the skip list is exact.
    pub fn ok(&self) -> bool {
        self.failed.is_empty() && self.stale_skips.is_empty() && self.unknown_skips.is_empty()
    }
}

/// Reads a skip list: a JSON object of case id → reason (keys starting with `_` are comments).
pub fn read_skips(path: &Path) -> Result<BTreeMap<String, String>, String> {
    let text = std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))?;
    let value: serde_json::Value = serde_json::from_str(&text).map_err(|e| format!("{}: {e}", path.display()))?;
    let object = value.as_object().ok_or_else(|| format!("{}: not a JSON object", path.display()))?;
    let mut skips = BTreeMap::new();
    for (id, reason) in object.iter().filter(|(id, _)| !id.starts_with('_')) {
        let reason = reason.as_str().filter(|r| !r.trim().is_empty());
        let reason = reason.ok_or_else(|| format!("{}: the skip of {id} needs a reason", path.display()))?;
        skips.insert(id.clone(), reason.to_owned());
    }
    Ok(skips)
}

/// The test target of the cases that are not skipped.
const CASES_TARGET: &str = "cases";

/// Generates the crate and its tests, runs them and reports every case.
pub fn run(suite: &Suite) -> Result<Report, String> {
    let text = std::fs::read_to_string(&suite.model).map_err(|e| format!("{}: {e}", suite.model.display()))?;
    let model: serde_json::Value =
        serde_json::from_str(&text).map_err(|e| format!("{}: {e}", suite.model.display()))?;
    let cases = cases::read(&model, &suite.service)?;
    let mut report = Report {
        request_cases: cases.iter().filter(|c| c.kind == cases::Kind::Request).count(),
        response_cases: cases.iter().filter(|c| c.kind == cases::Kind::Response).count(),
        ..Report::default()
    };
    let ids: BTreeSet<&str> = cases.iter().map(|c| c.id.as_str()).collect();
    report.unknown_skips = suite.skips.keys().filter(|id| !ids.contains(id.as_str())).cloned().collect();

    // The crate.
    let request = chatsmith_codegen::Request {
        sources: vec![chatsmith_codegen::model::ModelSource {
            name: suite.model.to_string_lossy().replace('\\', "/"),
            text,
        }],
        service: Some(suite.service.clone()),
        crate_name: suite.crate_name.clone(),
        source_label: format!("the protocol compliance model, service {}", suite.service),
        runtime_path: suite.runtime_dir.to_string_lossy().replace('\\', "/"),
        standalone: true,
    };
    let ir = chatsmith_codegen::lower_request(&request).map_err(|e| format!("the model does not lower:\n{e}"))?;
    let mut files = chatsmith_codegen::generate(&request).map_err(|e| format!("the crate is not generated:\n{e}"))?;
    let manifest = files.get_mut("Cargo.toml").ok_or("the generated crate has no Cargo.toml")?;
    manifest.push_str(TEST_MANIFEST);
    let values =
        values::Values { service: &ir, model: &model, krate: values::ident(&suite.crate_name.replace('-', "_")) };

    // The tests: skipped cases each in a target of their own, so that one that does not compile
    // hides nothing; the others together.
    let header = format!("@generated by chatsmith-protocol-tests from {}. Do not edit.", suite.model.display());
    let mut tests: BTreeMap<String, Vec<(&Case, proc_macro2::TokenStream)>> = BTreeMap::new();
    for case in &cases {
        match emit::case_test(&values, case) {
            Ok(test) => {
                let target = if suite.skips.contains_key(&case.id) {
                    format!("skipped_{}", case.test_name())
                } else {
                    CASES_TARGET.to_owned()
                };
                tests.entry(target).or_default().push((case, test));
            }
            // A skipped case that cannot even be generated is still skipped (and not stale).
            Err(_) if suite.skips.contains_key(&case.id) => {
                report.skipped.push((case.label(), suite.skips[&case.id].clone()));
            }
            Err(why) => report.failed.push((case.label(), format!("no test could be generated: {why}"))),
        }
    }
    files.insert("tests/support/mod.rs".into(), format!("// {header}\n\n{}", emit::SUPPORT));
    std::fs::create_dir_all(&suite.out_dir).map_err(|e| format!("{}: {e}", suite.out_dir.display()))?;
    // The workspace's lock, each time: the crate then resolves, offline, to the versions the
    // workspace uses (Cargo drops the entries it does not need).
    if let Some(lock) = &suite.lock_file {
        std::fs::copy(lock, suite.out_dir.join("Cargo.lock")).map_err(|e| format!("{}: {e}", lock.display()))?;
    }

    // Build; a case whose test does not compile is failed and left out, then build again.
    let mut excluded: BTreeMap<String, String> = BTreeMap::new();
    let built = loop {
        let mut all = files.clone();
        let mut lines: BTreeMap<String, Vec<(usize, String)>> = BTreeMap::new();
        for (target, entries) in &tests {
            let kept: Vec<_> = entries.iter().filter(|(c, _)| !excluded.contains_key(&c.label())).collect();
            if kept.is_empty() {
                continue;
            }
            let file = emit::test_file(&header, &kept.iter().map(|(_, t)| t.clone()).collect::<Vec<_>>())?;
            lines.insert(
                format!("tests/{target}.rs"),
                test_lines(&file, &kept.iter().map(|(c, _)| *c).collect::<Vec<_>>()),
            );
            all.insert(format!("tests/{target}.rs"), file);
        }
        write_crate(&suite.out_dir, &all)?;
        let mut args = vec!["test", "--offline", "--no-run", "--no-fail-fast", "--message-format=short"];
        let targets: Vec<String> =
            lines.keys().map(|f| f.trim_start_matches("tests/").trim_end_matches(".rs").to_owned()).collect();
        for target in &targets {
            args.extend(["--test", target.as_str()]);
        }
        let build = cargo(suite, &args)?;
        if build.status.success() {
            break targets;
        }
        let stderr = String::from_utf8_lossy(&build.stderr).into_owned();
        let errors = results::compile_errors(&stderr);
        let mut newly = 0;
        let mut broken_targets = BTreeSet::new();
        for (file, line, message) in &errors {
            let Some(starts) = lines.get(file.as_str()) else {
                if file.starts_with("tests/") && file != "tests/support/mod.rs" {
                    continue;
                }
                return Err(format!("the generated crate does not compile:\n{}", tail(&stderr, 80)));
            };
            match starts.iter().rev().find(|(start, _)| start <= line) {
                Some((_, label)) if file == &format!("tests/{CASES_TARGET}.rs") => {
                    let entry = excluded.entry(label.clone()).or_default();
                    if entry.is_empty() {
                        newly += 1;
                    }
                    entry.push_str(&format!("{message} (line {line})\n"));
                }
                Some(_) => {
                    broken_targets.insert(file.clone());
                }
                None => return Err(format!("the generated tests do not compile:\n{}", tail(&stderr, 80))),
            }
        }
        if newly == 0 {
            // Only skipped cases' targets fail to compile (or nothing could be attributed).
            if errors.iter().any(|(f, _, _)| f == &format!("tests/{CASES_TARGET}.rs")) || errors.is_empty() {
                return Err(format!("the generated crate and its tests do not build:\n{}", tail(&stderr, 80)));
            }
            break lines
                .keys()
                .filter(|f| !broken_targets.contains(*f))
                .map(|f| f.trim_start_matches("tests/").trim_end_matches(".rs").to_owned())
                .collect();
        }
    };

    // Run.
    let mut args = vec!["test", "--offline", "--no-fail-fast"];
    for target in &built {
        args.extend(["--test", target.as_str()]);
    }
    let outcomes = if built.is_empty() {
        BTreeMap::new()
    } else {
        let run = cargo(suite, &args)?;
        results::parse(&String::from_utf8_lossy(&run.stdout))
    };
    for (target, entries) in &tests {
        for (case, _) in entries {
            let label = case.label();
            let outcome = outcomes.get(&case.test_name());
            if let Some(reason) = suite.skips.get(&case.id) {
                if outcome == Some(&Outcome::Passed) && built.contains(target) {
                    report.stale_skips.push(label.clone());
                }
                report.skipped.push((label, reason.clone()));
                continue;
            }
            match (excluded.get(&label), outcome) {
                (Some(errors), _) => report.failed.push((label, format!("the test does not compile:\n{errors}"))),
                (None, Some(Outcome::Passed)) => report.passed.push(label),
                (None, Some(Outcome::Failed(message))) => report.failed.push((label, message.clone())),
                (None, None) => report.failed.push((label, "the test did not run".into())),
            }
        }
    }
    Ok(report)
}

/// Added to the generated `Cargo.toml`: what the tests use, and a lighter debug profile.
const TEST_MANIFEST: &str = r#"
[dev-dependencies]
bytes = "1"
serde_json = "1"
tokio = { version = "1", default-features = false, features = ["rt", "time"] }

[profile.dev]
debug = false
"#;

/// The first line of each case's test function in `file`, with the case's label.
fn test_lines(file: &str, cases: &[&Case]) -> Vec<(usize, String)> {
    let by_name: BTreeMap<String, String> = cases.iter().map(|c| (c.test_name(), c.label())).collect();
    let mut starts = Vec::new();
    let mut pending_start = None;
    for (i, line) in file.lines().enumerate() {
        let trimmed = line.trim_start();
        // A test starts at its doc comment, which comes right before `#[test]` and `fn`.
        if trimmed.starts_with("///") && pending_start.is_none() {
            pending_start = Some(i + 1);
        } else if let Some(rest) = trimmed.strip_prefix("fn ") {
            let name = rest.split('(').next().unwrap_or_default();
            if let Some(label) = by_name.get(name) {
                starts.push((pending_start.unwrap_or(i + 1), label.clone()));
            }
            pending_start = None;
        } else if !trimmed.starts_with("#[") {
            pending_start = None;
        }
    }
    starts
}

/// Writes the crate's files, touching only those whose content changed (so that rebuilds stay
/// incremental), and removes test targets that are no longer generated.
fn write_crate(dir: &Path, files: &BTreeMap<String, String>) -> Result<(), String> {
    for (path, content) in files {
        let path = dir.join(path);
        if std::fs::read_to_string(&path).is_ok_and(|old| &old == content) {
            continue;
        }
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).map_err(|e| format!("{}: {e}", parent.display()))?;
        }
        std::fs::write(&path, content).map_err(|e| format!("{}: {e}", path.display()))?;
    }
    let tests = dir.join("tests");
    for entry in std::fs::read_dir(&tests).map_err(|e| format!("{}: {e}", tests.display()))?.flatten() {
        let name = format!("tests/{}", entry.file_name().to_string_lossy());
        if name.ends_with(".rs") && !files.contains_key(&name) {
            std::fs::remove_file(entry.path()).map_err(|e| format!("{name}: {e}"))?;
        }
    }
    Ok(())
}

/// Runs `cargo <args>` in the generated crate with its own target folder.
fn cargo(suite: &Suite, args: &[&str]) -> Result<std::process::Output, String> {
    let cargo = std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into());
    Command::new(cargo)
        .args(args)
        .current_dir(&suite.out_dir)
        .env("CARGO_TARGET_DIR", &suite.target_dir)
        .env("CARGO_TERM_COLOR", "never")
        .env("RUST_BACKTRACE", "0")
        .output()
        .map_err(|e| format!("cannot run cargo: {e}"))
}

/// The last `n` lines of `text`.
fn tail(text: &str, n: usize) -> String {
    let lines: Vec<&str> = text.lines().collect();
    lines[lines.len().saturating_sub(n)..].join("\n")
}
