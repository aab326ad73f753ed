//! The whole generator on hostile models. The first input byte picks the mode:
//! - even: the rest is one arbitrary model file, generated together with our trait definitions;
//! - odd: the rest drives mutations (JSON and byte level) of the real ConnectParticipant
//!   models and `models/chatsmith/constraints.json`.
//! Either way `generate` must not panic, and every diagnostic names an input file and a location.
#![no_main]

use chatsmith_codegen::model::ModelSource;
use chatsmith_codegen::{Request, generate};
use chatsmith_fuzz::mutate::{ByteChoices, Choices, mutated, real_model_files};
use libfuzzer_sys::fuzz_target;
use std::sync::OnceLock;

fn real() -> &'static [(String, String)] {
    static FILES: OnceLock<Vec<(String, String)>> = OnceLock::new();
    FILES.get_or_init(|| real_model_files(&std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("..")))
}

fn request(sources: Vec<ModelSource>) -> Request {
    Request {
        sources,
        service: None,
        crate_name: "fuzzed".into(),
        source_label: "fuzz".into(),
        runtime_path: "../runtime".into(),
        standalone: true,
    }
}

fuzz_target!(|data: &[u8]| {
    let Some((&mode, rest)) = data.split_first() else { return };
    let real = real();
    let constraints = real.last().expect("constraints.json").clone();
    let sources: Vec<ModelSource> = if mode % 2 == 0 {
        let text = String::from_utf8_lossy(rest).into_owned();
        vec![
            ModelSource { name: "fuzz/input.json".into(), text },
            ModelSource { name: constraints.0, text: constraints.1 },
        ]
    } else {
        let mut choices = ByteChoices::new(rest);
        let count = 1 + choices.below(4);
        let (texts, _) = mutated(&mut choices, real, count);
        real.iter().zip(texts).map(|((name, _), text)| ModelSource { name: name.clone(), text }).collect()
    };
    let names: Vec<String> = sources.iter().map(|s| s.name.clone()).collect();
    match generate(&request(sources)) {
        Ok(files) => {
            assert!(files.keys().any(|p| p == "src/lib.rs"), "no src/lib.rs");
            assert!(files.values().all(|t| !t.is_empty()), "an empty generated file");
        }
        Err(errors) => chatsmith_fuzz::check_diagnostics(&errors, &names),
    }
});
