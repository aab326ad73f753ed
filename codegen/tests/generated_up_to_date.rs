//! A plain `cargo test` fails when the committed generated crates do not match `models/`.

use chatsmith_codegen::{workspace, write};
use std::path::Path;

#[test]
fn generated_crates_match_the_models() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("..").canonicalize().expect("workspace root");
    let outputs = workspace::generate_all(&root).unwrap_or_else(|e| panic!("the models do not generate:\n{e}"));
    let changes = write::changes(&outputs).expect("crates/ is readable");
    let listed: Vec<String> = changes.iter().map(|c| format!("  {c}")).collect();
    assert!(
        changes.is_empty(),
        "the generated crates are stale; run `cargo xtask regenerate` and commit the result:\n{}",
        listed.join("\n")
    );
}
