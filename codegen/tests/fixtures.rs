//! Small fixture models, one per feature area, in `tests/fixtures/`: each generated crate is
//! pinned as one insta snapshot (`tests/snapshots/fixtures__<stem>.snap`), and one test builds
//! every fixture crate (warnings denied) and runs its doc examples.
//!
//! Update the snapshots after an intended change with `INSTA_UPDATE=always cargo test -p
//! chatsmith-codegen --test fixtures`, then review the diff of `tests/snapshots/`.
//!
//! `tests/regressions/` holds models that once generated crates that did not build cleanly
//! (each file's service documentation says what went wrong); they must build now.

mod snapshot_support;

use chatsmith_codegen::generate;
use snapshot_support::{catch, crate_text, json_stems, request, source, workspace_root};
use std::collections::BTreeMap;
use std::path::Path;
use std::process::Command;
use std::time::Instant;

/// `Cargo.toml` of the snapshots points at the runtime as if the crate were generated into
/// `<workspace>/target/fixture-crates/<stem>`; the build test uses the runtime's absolute path.
const SNAPSHOT_RUNTIME_PATH: &str = "../../../crates/runtime";

/// One snapshot test per fixture file; the list must name every file of `tests/fixtures/`.
macro_rules! fixtures {
    ($($stem:ident),* $(,)?) => {
        const FIXTURES: &[&str] = &[$(stringify!($stem)),*];
        $(
            #[test]
            fn $stem() {
                let files = generate_crate("tests/fixtures", stringify!($stem), SNAPSHOT_RUNTIME_PATH);
                insta::assert_snapshot!(stringify!($stem), crate_text(&files));
            }
        )*
    };
}

fixtures!(collections, constraint_kinds, enums_unions, html_docs, http_bindings, names, sensitive);

#[test]
fn every_fixture_file_has_a_snapshot_test() {
    let mut listed: Vec<&str> = FIXTURES.to_vec();
    listed.sort_unstable();
    assert_eq!(json_stems("tests/fixtures"), listed, "add the new fixture to `fixtures!` in tests/fixtures.rs");
}

/// Builds every fixture crate with `-D warnings` and runs its doc tests.
#[test]
fn fixture_crates_build_without_warnings_and_run_their_doc_tests() {
    let stems: Vec<String> = FIXTURES.iter().map(|s| (*s).to_owned()).collect();
    build_and_doc_test("tests/fixtures", &stems, false);
}

/// The models of `tests/regressions/`: generator bugs once, they must build cleanly now.
#[test]
fn regression_crates_build_without_warnings_and_run_their_doc_tests() {
    build_and_doc_test("tests/regressions", &json_stems("tests/regressions"), true);
}

/// Generates the crate of `<dir>/<stem>.json` (with our trait definitions loaded).
fn generate_crate(dir: &str, stem: &str, runtime_path: &str) -> BTreeMap<String, String> {
    let file = format!("{dir}/{stem}.json");
    let crate_name = format!("fixture-{}", stem.replace('_', "-"));
    let req = request(vec![source(&file)], &crate_name, &file, runtime_path);
    match catch(|| generate(&req)) {
        Ok(Ok(files)) => files,
        Ok(Err(errors)) => panic!("{file} does not generate:\n{errors}"),
        Err(panic) => panic!("the generator panicked on {file}: {panic}"),
    }
}

/// Writes each crate of `<dir>/<stem>.json` under `CARGO_TARGET_TMPDIR/fixture-crates/` and runs
/// one `cargo test --doc` per crate (all sharing one target folder): that builds the library
/// with `-D warnings` and runs its doc examples. With `rustdoc`, a second invocation per crate,
/// `cargo doc`, also denies rustdoc warnings (broken intra-doc links). Fails listing every crate
/// that did not pass.
fn build_and_doc_test(dir: &str, stems: &[String], rustdoc: bool) {
    let tmp = Path::new(env!("CARGO_TARGET_TMPDIR"));
    let crates = tmp.join("fixture-crates");
    let target = tmp.join("fixture-target");
    let runtime = workspace_root().join("crates/runtime");
    let runtime_path = runtime.to_str().expect("a UTF-8 path to the runtime");
    // The workspace's lock file pins the versions the workspace builds with (and has cached).
    let lock = std::fs::read(workspace_root().join("Cargo.lock")).expect("the workspace Cargo.lock");
    let cargo = std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into());
    let started = Instant::now();
    let mut failures = Vec::new();
    for stem in stems {
        let crate_dir = crates.join(stem);
        if crate_dir.exists() {
            std::fs::remove_dir_all(&crate_dir).expect("remove the previous crate");
        }
        for (path, text) in generate_crate(dir, stem, runtime_path) {
            let path = crate_dir.join(path);
            std::fs::create_dir_all(path.parent().expect("files are in the crate folder")).expect("create a folder");
            std::fs::write(&path, text).expect("write a generated file");
        }
        std::fs::write(crate_dir.join("Cargo.lock"), &lock).expect("write Cargo.lock");
        let one = Instant::now();
        let commands: &[&[&str]] = if rustdoc {
            &[&["test", "--doc", "--offline", "--quiet"], &["doc", "--no-deps", "--offline", "--quiet"]]
        } else {
            &[&["test", "--doc", "--offline", "--quiet"]]
        };
        for args in commands {
            let output = Command::new(&cargo)
                .args(*args)
                .current_dir(&crate_dir)
                .env("CARGO_TARGET_DIR", &target)
                .env("RUSTFLAGS", "-D warnings")
                .env("RUSTDOCFLAGS", "-D warnings")
                .env_remove("CARGO_ENCODED_RUSTFLAGS")
                .env_remove("CARGO_ENCODED_RUSTDOCFLAGS")
                .output()
                .expect("run cargo");
            let stderr = String::from_utf8_lossy(&output.stderr);
            if !output.status.success() || stderr.contains("warning") {
                let stdout = String::from_utf8_lossy(&output.stdout);
                let command = args.join(" ");
                failures.push(format!(
                    "{dir}/{stem}.json, cargo {command} in {}:\n{stderr}\n{stdout}",
                    crate_dir.display()
                ));
                break;
            }
        }
        eprintln!("{dir}/{stem}.json: built and doc-tested in {:.1?}", one.elapsed());
    }
    eprintln!("{} crates of {dir} built and doc-tested in {:.1?}", stems.len(), started.elapsed());
    assert!(
        failures.is_empty(),
        "{} of {} crates do not build cleanly or fail their doc tests:\n\n{}",
        failures.len(),
        stems.len(),
        failures.join("\n\n")
    );
}
