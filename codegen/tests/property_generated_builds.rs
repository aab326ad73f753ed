//! Mutated real models that the generator accepts produce crates that build without warnings:
//! no accepted model yields uncompilable output. A handful per run, built in one cargo call.

#[path = "../../fuzz/src/mutate.rs"]
mod mutate;

use chatsmith_codegen::model::ModelSource;
use chatsmith_codegen::{Request, generate};
use mutate::{Choices, SplitMix64, mutated, real_model_files};
use std::collections::{BTreeMap, HashSet};
use std::path::Path;
use std::process::Command;

const CRATES: usize = 4;

fn request(names: &[String], texts: &[String], crate_name: &str, runtime: &str) -> Request {
    Request {
        sources: names
            .iter()
            .zip(texts)
            .map(|(name, text)| ModelSource { name: name.clone(), text: text.clone() })
            .collect(),
        service: None,
        crate_name: crate_name.into(),
        source_label: "models/connectparticipant".into(),
        runtime_path: runtime.into(),
        standalone: false,
    }
}

#[test]
fn accepted_mutations_build_without_warnings() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let runtime = root.join("crates/runtime").canonicalize().expect("runtime").to_string_lossy().into_owned();
    let files = real_model_files(&root);
    let names: Vec<String> = files.iter().map(|(n, _)| n.clone()).collect();
    let texts: Vec<String> = files.iter().map(|(_, t)| t.clone()).collect();
    let original = generate(&request(&names, &texts, "original", &runtime)).expect("the real models generate");

    let out = Path::new(env!("CARGO_TARGET_TMPDIR")).join("mutated-crates");
    let _ = std::fs::remove_dir_all(&out);
    let mut picked: Vec<(String, BTreeMap<String, String>, String)> = Vec::new();
    let mut seen = HashSet::new();
    for case in 0..5_000u64 {
        if picked.len() == CRATES {
            break;
        }
        let mut rng = SplitMix64(0xB01D_u64 ^ case.wrapping_mul(0x9E37_79B9_7F4A_7C15));
        let count = 1 + rng.below(2);
        let (texts, kinds) = mutated(&mut rng, &files, count);
        if !seen.insert(texts.clone()) {
            continue;
        }
        let name = format!("mutated-{}", picked.len());
        let Ok(crate_files) = generate(&request(&names, &texts, &name, &runtime)) else { continue };
        // Only mutations that change the Rust (not just docs or names in text) are worth a build.
        let rust = |files: &BTreeMap<String, String>| files.iter().filter(|(p, _)| p.ends_with(".rs")).count();
        if rust(&crate_files) == rust(&original)
            && crate_files.get("src/protocol/shapes.rs") == original.get("src/protocol/shapes.rs")
        {
            continue;
        }
        picked.push((name, crate_files, format!("case {case}, mutations {kinds:?}")));
    }
    assert_eq!(picked.len(), CRATES, "enough accepted mutations that change the generated code");

    let members: Vec<String> = picked.iter().map(|(name, _, _)| format!("{name:?}")).collect();
    std::fs::create_dir_all(&out).expect("writable");
    std::fs::write(
        out.join("Cargo.toml"),
        format!("[workspace]\nresolver = \"3\"\nmembers = [{}]\n", members.join(", ")),
    )
    .expect("writable");
    for (name, files, _) in &picked {
        for (path, text) in files {
            let path = out.join(name).join(path);
            std::fs::create_dir_all(path.parent().expect("a folder")).expect("writable");
            std::fs::write(path, text).expect("writable");
        }
    }
    let lock = root.join("Cargo.lock");
    if lock.is_file() {
        std::fs::copy(lock, out.join("Cargo.lock")).expect("lock copied");
    }
    let output = Command::new(env!("CARGO"))
        .args(["build", "--offline", "--quiet", "--workspace"])
        .current_dir(&out)
        .env("CARGO_TARGET_DIR", out.join("target"))
        .env("RUSTFLAGS", "-D warnings")
        .output()
        .expect("cargo runs");
    let text = format!("{}{}", String::from_utf8_lossy(&output.stdout), String::from_utf8_lossy(&output.stderr));
    let cases: Vec<&str> = picked.iter().map(|(_, _, what)| what.as_str()).collect();
    assert!(
        output.status.success() && !text.contains("warning:"),
        "mutated crates ({cases:?}) do not build cleanly:\n{text}"
    );
}
