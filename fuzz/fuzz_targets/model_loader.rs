//! Any bytes as one model file: `model::load` must not panic, and every error names the file
//! and a location.
#![no_main]

use chatsmith_codegen::model::{ModelSource, load};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data).into_owned();
    let name = "fuzz/input.json".to_owned();
    if let Err(errors) = load(&[ModelSource { name: name.clone(), text }]) {
        chatsmith_fuzz::check_diagnostics(&errors, &[name]);
    }
});
