//! This workspace's layout: `models/<service>/` generates `crates/<service>/`.

use crate::write::Outputs;
use crate::{Request, generate, read_sources};
use std::path::{Path, PathBuf};

/// Folder of trait definitions shared by every service model.
pub const SHARED_MODELS: &str = "chatsmith";

/// The service folders of `models/`, sorted.
pub fn service_dirs(root: &Path) -> Result<Vec<String>, String> {
    let models = root.join("models");
    let entries = std::fs::read_dir(&models).map_err(|e| format!("cannot read {}: {e}", models.display()))?;
    let mut names: Vec<String> = entries
        .filter_map(|e| e.ok())
        .filter(|e| e.path().is_dir())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|name| name != SHARED_MODELS)
        .collect();
    names.sort();
    Ok(names)
}

/// Generates every crate of the workspace in memory; any model error fails the whole run.
pub fn generate_all(root: &Path) -> Result<Outputs, String> {
    let mut outputs = Outputs::new();
    let mut errors = Vec::new();
    for service in service_dirs(root)? {
        match generate_service(root, &service) {
            Ok((dir, files)) => {
                outputs.insert(dir, files);
            }
            Err(message) => errors.push(message),
        }
    }
    if errors.is_empty() { Ok(outputs) } else { Err(errors.concat()) }
}

/// Generates `crates/<service>` from `models/<service>` and `models/chatsmith`.
pub fn generate_service(
    root: &Path,
    service: &str,
) -> Result<(PathBuf, std::collections::BTreeMap<String, String>), String> {
    let rel = |p: &str| if root == Path::new(".") { PathBuf::from(p) } else { root.join(p) };
    let mut sources = read_sources(&[rel(&format!("models/{service}"))]).map_err(|e| e.to_string())?;
    let shared = rel(&format!("models/{SHARED_MODELS}"));
    if shared.is_dir() {
        sources.extend(read_sources(&[shared]).map_err(|e| e.to_string())?);
    }
    let request = Request {
        sources,
        service: None,
        crate_name: format!("chatsmith-{service}"),
        source_label: format!("models/{service}"),
        runtime_path: "../runtime".into(),
        standalone: false,
    };
    let files = generate(&request).map_err(|e| e.to_string())?;
    Ok((rel(&format!("crates/{service}")), files))
}
