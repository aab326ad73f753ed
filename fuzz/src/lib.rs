//! Shared code of the fuzz targets.

pub mod mutate;

use chatsmith_codegen::diag::ModelErrors;

/// The file name the generator gives problems of the request as a whole (no service, several
/// services, the named service not found): no model file is at fault.
pub const ARGUMENTS: &str = "<arguments>";

/// Checks that every diagnostic names one of `files` (or [`ARGUMENTS`]) and has a message;
/// panics (a fuzz finding) otherwise. An empty location is the JSON pointer of the whole
/// document (`""`), used for whole-file problems (`missing smithy version`), as the pinned
/// broken-model snapshots show; syntax errors give `line L, column C`.
pub fn check_diagnostics(errors: &ModelErrors, files: &[String]) {
    assert!(!errors.0.is_empty(), "an error without diagnostics");
    for d in &errors.0 {
        assert!(!d.file.is_empty(), "a diagnostic without a file: {d:?}");
        assert!(files.iter().any(|f| *f == d.file) || d.file == ARGUMENTS, "a diagnostic names an unknown file: {d:?}");
        assert!(!d.message.is_empty(), "a diagnostic without a message: {d:?}");
        assert!(
            d.location.is_empty() || d.location.starts_with('/') || d.location.starts_with("line "),
            "a location that is neither a JSON pointer nor a line and column: {d:?}"
        );
    }
}
