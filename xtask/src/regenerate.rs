//! `cargo xtask regenerate [--check]`.

use chatsmith_codegen::write;
use std::path::{Path, PathBuf};

/// Run from anywhere: paths are relative to the workspace root.
pub fn workspace_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).parent().expect("xtask sits in the workspace").to_path_buf()
}

pub fn run(check: bool) -> Result<(), String> {
    let root = workspace_root();
    std::env::set_current_dir(&root).map_err(|e| format!("cannot enter {}: {e}", root.display()))?;
    let outputs = chatsmith_codegen::workspace::generate_all(Path::new("."))?;
    let changes = write::changes(&outputs).map_err(|e| format!("cannot compare with crates/: {e}"))?;
    if check {
        return report_check(&changes);
    }
    write::write(&outputs, &changes).map_err(|e| format!("regeneration failed; nothing was changed: {e}"))?;
    for change in &changes {
        println!("{change}");
    }
    println!("regenerated {} crate(s): {} file(s) changed", outputs.len(), changes.len());
    Ok(())
}

fn report_check(changes: &[write::Change]) -> Result<(), String> {
    if changes.is_empty() {
        println!("generated crates are up to date");
        return Ok(());
    }
    let listed: Vec<String> = changes.iter().map(|c| format!("  {c}")).collect();
    Err(format!("generated crates are stale; run `cargo xtask regenerate`:\n{}", listed.join("\n")))
}
