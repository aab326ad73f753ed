//! Small fixture models, one per feature area, in `tests/fixtures/`: each generated crate is
//! pinned as one insta snapshot (`tests/snapshots/fixtures__<stem>.snap`), and one test builds
//! every fixture crate (warnings denied) and runs its doc examples.
//!
//! Update the snapshots after an intended change with `INSTA_UPDATE=always cargo test -p
//! chatsmith-codegen --test fixtures`, then review the diff of `tests/snapshots/`.

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
                let files = generate_fixture(stringify!($stem), SNAPSHOT_RUNTIME_PATH);
                insta::assert_snapshot!(stringify!($stem), crate_text(&files));
            }
        )*
    };
}

fixtures!(collections, constraint_kinds, enums_unions, html_docs, http_bindings, names, sensitive);

fn crate_name(stem: &str) -> String {
    format!("fixture-{}", stem.replace('_', "-"))
}

/// Generates the crate of `tests/fixtures/<stem>.json` (with our trait definitions loaded).
fn generate_fixture(stem: &str, runtime_path: &str) -> BTreeMap<String, String> {
    let file = format!("tests/fixtures/{stem}.json");
    let req = request(vec![source(&file)], &crate_name(stem), &file, runtime_path);
    match catch(|| generate(&req)) {
        Ok(Ok(files)) => files,
        Ok(Err(errors)) => panic!("fixture {file} does not generate:\n{errors}"),
        Err(panic) => panic!("the generator panicked on fixture {file}: {panic}"),
    }
}

#[test]
fn every_fixture_file_has_a_snapshot_test() {
    let mut listed: Vec<&str> = FIXTURES.to_vec();
    listed.sort_unstable();
    assert_eq!(json_stems("tests/fixtures"), listed, "add the new fixture to `fixtures!` in tests/fixtures.rs");
}

/// Writes every fixture crate under `CARGO_TARGET_TMPDIR/fixture-crates/` and, one cargo
/// invocation per crate sharing one target folder, builds it with `-D warnings` and runs its
/// doc tests (the input examples must compile and run).
#[test]
fn fixture_crates_build_without_warnings_and_run_their_doc_tests() {
    let tmp = Path::new(env!("CARGO_TARGET_TMPDIR"));
    let crates = tmp.join("fixture-crates");
    let target = tmp.join("fixture-target");
    let runtime = workspace_root().join("crates/runtime");
    let runtime_path = runtime.to_str().expect("a UTF-8 path to the runtime");
    let lock = std::fs::read(workspace_root().join("Cargo.lock")).expect("the workspace Cargo.lock");
    let cargo = std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into());
    let started = Instant::now();
    let mut failures = Vec::new();
    for stem in FIXTURES {
        let dir = crates.join(stem);
        if dir.exists() {
            std::fs::remove_dir_all(&dir).expect("remove the previous fixture crate");
        }
        for (path, text) in generate_fixture(stem, runtime_path) {
            let path = dir.join(path);
            std::fs::create_dir_all(path.parent().expect("files are in the crate folder")).expect("create folder");
            std::fs::write(&path, text).expect("write a generated file");
        }
        // The workspace's lock file pins the same dependency versions the workspace builds with.
        std::fs::write(dir.join("Cargo.lock"), &lock).expect("write Cargo.lock");
        let one = Instant::now();
        let output = Command::new(&cargo)
            .args(["test", "--doc", "--offline", "--quiet"])
            .current_dir(&dir)
            .env("CARGO_TARGET_DIR", &target)
            .env("RUSTFLAGS", "-D warnings")
            .env("RUSTDOCFLAGS", "-D warnings")
            .env_remove("CARGO_ENCODED_RUSTFLAGS")
            .env_remove("CARGO_ENCODED_RUSTDOCFLAGS")
            .output()
            .expect("run cargo");
        let stderr = String::from_utf8_lossy(&output.stderr);
        let stdout = String::from_utf8_lossy(&output.stdout);
        eprintln!("fixture {stem}: cargo test --doc in {:.1?}", one.elapsed());
        if !output.status.success() || stderr.contains("warning") {
            failures.push(format!("{stem} ({}):\n{stderr}\n{stdout}", dir.display()));
        }
    }
    eprintln!("all fixture crates built and doc-tested in {:.1?}", started.elapsed());
    assert!(failures.is_empty(), "fixture crates that do not build cleanly or fail their doc tests:\n\n{}", failures.join("\n\n"));
}
