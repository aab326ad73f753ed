//! Helpers shared by the snapshot tests (`generated_crates`, `fixtures`, `broken_models`).
#![allow(dead_code)] // each test binary uses a part of this module

use chatsmith_codegen::Request;
use chatsmith_codegen::model::ModelSource;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// The workspace root (`codegen/..`).
pub fn workspace_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..").canonicalize().expect("the workspace root exists")
}

/// This package's folder (`codegen/`).
pub fn package_dir() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// A whole generated crate as one text: every file, in path order, after a `==> path <==` line.
pub fn crate_text(files: &BTreeMap<String, String>) -> String {
    let mut out = String::new();
    for (path, text) in files {
        out.push_str("==> ");
        out.push_str(path);
        out.push_str(" <==\n");
        out.push_str(text);
        if !text.ends_with('\n') {
            out.push('\n');
        }
        out.push('\n');
    }
    out
}

/// A model file of this package, named in errors by its path relative to `codegen/`
/// (`tests/broken/foo.json`), so error text does not depend on where the checkout is.
pub fn source(relative: &str) -> ModelSource {
    let path = package_dir().join(relative);
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()));
    ModelSource { name: relative.to_owned(), text }
}

/// The definitions of our own traits, `models/chatsmith/constraints.json`.
pub fn constraint_traits() -> ModelSource {
    let path = workspace_root().join("models/chatsmith/constraints.json");
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()));
    ModelSource { name: "models/chatsmith/constraints.json".into(), text }
}

/// A request for `sources` plus our trait definitions, as a standalone crate.
pub fn request(sources: Vec<ModelSource>, crate_name: &str, source_label: &str, runtime_path: &str) -> Request {
    let mut sources = sources;
    sources.push(constraint_traits());
    Request {
        sources,
        service: None,
        crate_name: crate_name.to_owned(),
        source_label: source_label.to_owned(),
        runtime_path: runtime_path.to_owned(),
        standalone: true,
    }
}

/// The `.json` file stems of a folder of this package, sorted.
pub fn json_stems(relative_dir: &str) -> Vec<String> {
    let dir = package_dir().join(relative_dir);
    let mut stems: Vec<String> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", dir.display()))
        .map(|entry| entry.expect("readable folder entry").path())
        .filter(|path| path.extension().is_some_and(|ext| ext == "json"))
        .map(|path| path.file_stem().expect("a file name").to_string_lossy().into_owned())
        .collect();
    stems.sort();
    stems
}

/// Runs `f`, turning a panic into an `Err` carrying the panic message.
pub fn catch<T>(f: impl FnOnce() -> T) -> Result<T, String> {
    std::panic::catch_unwind(std::panic::AssertUnwindSafe(f)).map_err(|payload| {
        payload
            .downcast_ref::<&str>()
            .map(|s| (*s).to_owned())
            .or_else(|| payload.downcast_ref::<String>().cloned())
            .unwrap_or_else(|| "a panic without a message".to_owned())
    })
}
