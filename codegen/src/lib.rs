//! `chatsmith-codegen`: Smithy JSON AST (restJson1) models in, typed Rust crates out.
//!
//! The pipeline is load -> check -> lower -> emit -> format, then write:
//!
//! - [`model::load`] merges model files and adds the Smithy prelude;
//! - [`check`] refuses what cannot be generated, before anything is written;
//! - [`lower`] turns the model into the [`ir`], making every Rust name once;
//! - `emit` writes small `quote!` fragments into an ordered map of files;
//! - `format` runs prettyplease and adds the `@generated` header;
//! - [`mod@write`] puts files in place atomically, touching only those that changed.
//!
//! [`generate`] is the pure core: model text in, file contents out. The `chatsmith-codegen`
//! binary and `cargo xtask regenerate` are thin wrappers around it.
#![forbid(unsafe_code)]

pub mod check;
pub mod diag;
pub mod docs;
mod ecma;
mod emit;
mod format;
pub mod ir;
pub mod lower;
pub mod model;
pub mod names;
pub mod pattern;
pub mod workspace;
pub mod write;

use diag::{Diagnostics, ModelErrors};
use model::ModelSource;
use std::collections::BTreeMap;

/// What to generate.
#[derive(Clone, Debug)]
pub struct Request {
    /// The model files (all of a service's files, plus any trait definitions they use).
    pub sources: Vec<ModelSource>,
    /// The service shape id, when the model has several.
    pub service: Option<String>,
    /// Package name of the generated crate.
    pub crate_name: String,
    /// Where the models came from, for the `@generated` header (`models/connectparticipant`).
    pub source_label: String,
    /// Path of `chatsmith-runtime`, relative to the generated crate's folder.
    pub runtime_path: String,
    /// Make the crate its own Cargo workspace (for crates generated outside this workspace).
    pub standalone: bool,
}

/// Generates one crate: file contents by path relative to the crate folder.
///
/// Pure: reads nothing but `request`, writes nothing. Every model problem found is returned
/// at once, each naming its file and JSON pointer.
pub fn generate(request: &Request) -> Result<BTreeMap<String, String>, ModelErrors> {
    let service = lower_request(request)?;
    let header = format::header(&request.source_label);
    let files = emit::emit(&service, &request.runtime_path, &header, request.standalone);
    format::format(files, &header).map_err(|message| {
        ModelErrors(vec![diag::Diagnostic { file: request.source_label.clone(), location: String::new(), message }])
    })
}

/// Loads, checks and lowers: the IR of the requested service.
pub fn lower_request(request: &Request) -> Result<ir::Service, ModelErrors> {
    let model = model::load(&request.sources)?;
    let mut diags = Diagnostics::default();
    let Some(service) = check::select_service(&model, request.service.as_deref(), &mut diags) else {
        return Err(diags.into_result(()).expect_err("a missing service is reported"));
    };
    check::check(&model, service, &mut diags);
    if !diags.is_empty() {
        return Err(diags.into_result(()).expect_err("not empty"));
    }
    let options =
        lower::CrateOptions { crate_name: request.crate_name.clone(), source_label: request.source_label.clone() };
    let service = lower::lower(&model, service, &options, &mut diags);
    diags.into_result(service)
}

/// Reads model files: each path is a `.json` file or a folder of them (sorted, not recursive).
/// Errors name the path as given.
pub fn read_sources(paths: &[std::path::PathBuf]) -> Result<Vec<ModelSource>, ModelErrors> {
    let mut diags = Diagnostics::default();
    let mut sources = Vec::new();
    for path in paths {
        let shown = path.to_string_lossy().replace('\\', "/");
        let files = if path.is_dir() {
            match std::fs::read_dir(path) {
                Ok(entries) => {
                    let mut files: Vec<_> = entries
                        .filter_map(|e| e.ok().map(|e| e.path()))
                        .filter(|p| p.extension().is_some_and(|x| x == "json"))
                        .collect();
                    files.sort();
                    if files.is_empty() {
                        diags.push(&shown, "", "no .json model files in this folder");
                    }
                    files
                }
                Err(err) => {
                    diags.push(&shown, "", format!("cannot read folder: {err}"));
                    continue;
                }
            }
        } else {
            vec![path.clone()]
        };
        for file in files {
            let name = file.to_string_lossy().replace('\\', "/");
            match std::fs::read_to_string(&file) {
                Ok(text) => sources.push(ModelSource { name, text }),
                Err(err) => diags.push(&name, "", format!("cannot read model file: {err}")),
            }
        }
    }
    diags.into_result(sources)
}
