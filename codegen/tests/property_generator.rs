//! Property test: the generator on thousands of mutated real models (the ConnectParticipant
//! models plus `models/chatsmith/constraints.json`). Mutations: drop, rename or retarget a
//! member, corrupt, remove or add a trait, delete or duplicate a shape, swap a shape's type,
//! replace or delete any JSON node, truncate the text or corrupt a byte of it.
//!
//! For every mutated model `generate` must not panic; a refusal must give at least one
//! diagnostic, each `file: location: message` with the file one of the inputs; a model that
//! still generates must give a crate (`Cargo.toml`, `src/lib.rs`, every file non-empty, every
//! Rust file with its `@generated` header; the output has been through prettyplease, so it parses).
//!
//! Every mutated model goes through `lower_request` (load, check, lower: where refusals come
//! from); the first `CHATSMITH_PROPERTY_FULL` (25) that lower also go through the whole
//! `generate` (emit, format), which is slow in a debug build. The fuzz target `generator`
//! (fuzz/README.md) runs the whole `generate` on every input.
//!
//! Deterministic: a seeded SplitMix64. `CHATSMITH_PROPERTY_CASES` and `CHATSMITH_PROPERTY_SEED`
//! change the number of cases and the seed (the failing case's seed is printed).

#[path = "../../fuzz/src/mutate.rs"]
mod mutate;

use chatsmith_codegen::model::ModelSource;
use chatsmith_codegen::{Request, generate, lower_request};
use mutate::{Choices, KINDS, SplitMix64, mutated, real_model_files};
use std::collections::{BTreeMap, HashSet};
use std::path::Path;
use std::time::{Duration, Instant};

fn env_u64(name: &str, default: u64) -> u64 {
    std::env::var(name).ok().and_then(|v| v.parse().ok()).unwrap_or(default)
}

fn request(sources: Vec<ModelSource>) -> Request {
    Request {
        sources,
        service: None,
        crate_name: "mutated".into(),
        source_label: "models/connectparticipant".into(),
        runtime_path: "../runtime".into(),
        standalone: true,
    }
}

#[derive(Default)]
struct Tally {
    cases: usize,
    distinct: usize,
    refused: usize,
    generated: usize,
    root_located: usize,
    lowered_only: usize,
    by_kind: BTreeMap<&'static str, usize>,
    failures: Vec<String>,
}

#[test]
fn mutated_real_models_never_panic_and_every_refusal_is_located() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let files = real_model_files(&root);
    let names: Vec<String> = files.iter().map(|(n, _)| n.clone()).collect();
    let cases = env_u64("CHATSMITH_PROPERTY_CASES", 2000) as usize;
    let seed = env_u64("CHATSMITH_PROPERTY_SEED", 0x5EED_C0DE);
    // Keep CI bounded: stop early (and say so) past this budget.
    let budget = Duration::from_secs(env_u64("CHATSMITH_PROPERTY_SECONDS", 30));
    let full_limit = env_u64("CHATSMITH_PROPERTY_FULL", 25) as usize;

    // Silence the default hook: a panic is reported as a failure with its case seed.
    let hook = std::panic::take_hook();
    std::panic::set_hook(Box::new(|_| {}));

    let started = Instant::now();
    let mut seen = HashSet::new();
    let mut t = Tally::default();
    for case in 0..cases {
        if started.elapsed() > budget {
            break;
        }
        let case_seed = seed ^ (case as u64).wrapping_mul(0x9E37_79B9_7F4A_7C15);
        let mut rng = SplitMix64(case_seed);
        let count = 1 + rng.below(3);
        let (texts, kinds) = mutated(&mut rng, &files, count);
        t.cases += 1;
        for k in &kinds {
            *t.by_kind.entry(KINDS[*k]).or_default() += 1;
        }
        if !seen.insert(texts.clone()) {
            continue;
        }
        t.distinct += 1;
        let sources: Vec<ModelSource> = names
            .iter()
            .zip(&texts)
            .map(|(name, text)| ModelSource { name: name.clone(), text: text.clone() })
            .collect();
        let what = format!("case {case} (CHATSMITH_PROPERTY_SEED={seed}, case seed {case_seed:#x}, kinds {kinds:?})");
        // `lower_request` (load, check, lower) is where models are refused, and cheap; the full
        // `generate` (emit, format) runs for the first `full` models that lower, to stay fast in
        // a debug build. Set CHATSMITH_PROPERTY_FULL to run it for more.
        let req = request(sources);
        let lowered = std::panic::catch_unwind(|| lower_request(&req).map(|_| ()));
        let result = match lowered {
            Ok(Ok(())) if t.generated + t.lowered_only < full_limit => {
                std::panic::catch_unwind(|| generate(&req).map(Some))
            }
            Ok(Ok(())) => Ok(Ok(None)),
            Ok(Err(errors)) => Ok(Err(errors)),
            Err(payload) => Err(payload),
        };
        match result {
            Err(payload) => {
                let msg = payload
                    .downcast_ref::<String>()
                    .cloned()
                    .or_else(|| payload.downcast_ref::<&str>().map(|s| (*s).to_owned()))
                    .unwrap_or_default();
                t.failures.push(format!("{what}: panic: {msg}"));
            }
            Ok(Err(errors)) => {
                t.refused += 1;
                if errors.0.is_empty() {
                    t.failures.push(format!("{what}: refused without a diagnostic"));
                }
                for d in &errors.0 {
                    let line = d.to_string();
                    // `<arguments>`: a problem of the request as a whole (no service shape).
                    let ok_file = names.contains(&d.file) || d.file == "<arguments>";
                    // An empty location is the root pointer `""` (whole-file problems), shown
                    // as `file: message`; else a JSON pointer or `line L, column C`.
                    let ok_shape = !d.message.is_empty()
                        && if d.location.is_empty() {
                            t.root_located += 1;
                            line == format!("{}: {}", d.file, d.message)
                        } else {
                            (d.location.starts_with('/') || d.location.starts_with("line "))
                                && line == format!("{}: {}: {}", d.file, d.location, d.message)
                        };
                    if !ok_file || !ok_shape {
                        t.failures.push(format!("{what}: badly located diagnostic: {line:?} ({d:?})"));
                    }
                }
            }
            Ok(Ok(None)) => t.lowered_only += 1,
            Ok(Ok(Some(out))) => {
                t.generated += 1;
                let mut problems = Vec::new();
                for must in ["Cargo.toml", "src/lib.rs"] {
                    if !out.contains_key(must) {
                        problems.push(format!("no {must}"));
                    }
                }
                for (path, text) in &out {
                    if text.trim().is_empty() {
                        problems.push(format!("{path} is empty"));
                    }
                    if path.ends_with(".rs") && !text.starts_with("// @generated") {
                        problems.push(format!("{path} has no @generated header"));
                    }
                }
                if !problems.is_empty() {
                    t.failures.push(format!("{what}: generated a broken crate: {}", problems.join("; ")));
                }
            }
        }
        if t.failures.len() > 20 {
            break;
        }
    }
    std::panic::set_hook(hook);

    eprintln!(
        "property_generator: {} mutated models ({} distinct) in {:.1?}: {} refused ({} diagnostics at the root pointer), {} fully generated, {} lowered only; mutations {:?}",
        t.cases,
        t.distinct,
        started.elapsed(),
        t.refused,
        t.root_located,
        t.generated,
        t.lowered_only,
        t.by_kind
    );
    assert!(t.failures.is_empty(), "{} failures:\n{}", t.failures.len(), t.failures.join("\n"));
    assert!(t.cases >= 1000.min(cases), "only {} cases ran within the time budget", t.cases);
    assert!(t.generated > 0 && t.refused > 0 && t.lowered_only > 0, "mutations should both keep and break models");
}

/// Every refusal names one of the input files and a JSON pointer (the empty pointer, for
/// problems of the whole document) or a line and column (for JSON syntax errors).
#[test]
fn every_refusal_names_an_input_file_and_a_json_pointer() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let files = real_model_files(&root);
    let names: Vec<String> = files.iter().map(|(n, _)| n.clone()).collect();
    let service = names.iter().position(|n| n.ends_with("/service.json")).expect("service.json");
    let edit = |f: &dyn Fn(&mut serde_json::Value)| -> Vec<ModelSource> {
        let mut model: serde_json::Value = serde_json::from_str(&files[service].1).expect("JSON");
        f(&mut model);
        let mut sources: Vec<ModelSource> =
            files.iter().map(|(name, text)| ModelSource { name: name.clone(), text: text.clone() }).collect();
        sources[service].text = model.to_string();
        sources
    };
    let cases = [
        ("service.json without `smithy`", edit(&|m| drop(m.as_object_mut().expect("object").shift_remove("smithy")))),
        ("service.json as a JSON array", edit(&|m| *m = serde_json::json!([]))),
        (
            "the service shape deleted",
            edit(&|m| {
                drop(
                    m["shapes"]
                        .as_object_mut()
                        .expect("shapes")
                        .shift_remove("com.amazonaws.connectparticipant#AmazonConnectParticipantServiceLambda"),
                )
            }),
        ),
    ];
    let mut bad = Vec::new();
    for (what, sources) in cases {
        let errors = generate(&request(sources)).expect_err("refused");
        for d in errors.0 {
            // The empty pointer is RFC 6901's pointer to the whole document.
            let located = d.location.is_empty() || d.location.starts_with('/') || d.location.starts_with("line ");
            if !names.contains(&d.file) || !located {
                bad.push(format!("{what}: {d}"));
            }
        }
    }
    assert!(bad.is_empty(), "refusals without an input file and a JSON pointer:\n{}", bad.join("\n"));
}
