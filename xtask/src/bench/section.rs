//! What each benchmark gives the combined report: Markdown for people, JSON for tools.

use serde_json::Value;

/// One benchmark's part of the report.
#[derive(Debug)]
pub struct Section {
    /// The key in the combined JSON (`codegen`, `build`, `runtime`, `micro`).
    pub name: &'static str,
    /// A heading-less Markdown block: one or more tables and their notes.
    pub markdown: String,
    /// The same figures, machine-readable.
    pub json: Value,
}
