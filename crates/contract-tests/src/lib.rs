//! Test support: where the shared reference data lives.
//!
//! The reference data (upstream models, protocol tests, wire captures) is not part of this
//! repository. Tests find it in `$CHATSMITH_SHARED`, else in `../shared` beside the checkout.
//! Where it is missing, as in a user's clone, tests that need it say so and skip; under
//! `CI=true` its absence is a failure.
#![forbid(unsafe_code)]

use std::path::{Path, PathBuf};

/// The workspace root (the folder holding the top-level `Cargo.toml`).
pub fn workspace_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..").canonicalize().expect("workspace root exists")
}

/// The shared reference data folder, or `None` (after saying so) when it is absent outside CI.
///
/// # Panics
///
/// Under `CI=true` when the folder is absent: CI must run every test.
pub fn shared_dir(test: &str) -> Option<PathBuf> {
    let dir = match std::env::var_os("CHATSMITH_SHARED") {
        Some(dir) => PathBuf::from(dir),
        None => workspace_root().join("../shared"),
    };
    if dir.join("upstream-models").is_dir() {
        return Some(dir);
    }
    if std::env::var("CI").is_ok_and(|ci| ci == "true") {
        panic!("{test}: the shared reference data is missing at {} (set CHATSMITH_SHARED)", dir.display());
    }
    eprintln!("{test}: skipped, the shared reference data is not at {} (set CHATSMITH_SHARED)", dir.display());
    None
}

/// The README's Rust examples, compiled and run as doc tests so they cannot go stale.
#[cfg(doctest)]
#[doc = include_str!("../../../README.md")]
pub struct ReadmeExamples;
