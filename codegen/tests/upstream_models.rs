//! The complete upstream models of both services generate crates that build without warnings;
//! the Chime one also sends a GET request with query parameters and timestamps, and pages.
//!
//! The models are the shared reference data (`../shared/upstream-models/smithy`); without it
//! this test says so and passes, except under `CI=true`.

use chatsmith_codegen::{Request, generate, read_sources};
use std::path::{Path, PathBuf};
use std::process::Command;

const TEST_DEPENDENCIES: &str =
    "\n[dev-dependencies]\ntokio = { version = \"1\", default-features = false, features = [\"macros\", \"rt\"] }\n";

fn generate_crate(model: &Path, name: &str, out: &Path) {
    let runtime = Path::new(env!("CARGO_MANIFEST_DIR")).join("../crates/runtime").canonicalize().expect("runtime");
    let request = Request {
        sources: read_sources(&[model.to_path_buf()]).unwrap_or_else(|e| panic!("{e}")),
        service: None,
        crate_name: name.into(),
        source_label: format!("upstream-models/smithy/{name}.json"),
        runtime_path: runtime.to_string_lossy().into_owned(),
        standalone: true,
    };
    let mut files = generate(&request).unwrap_or_else(|e| panic!("{name} does not generate:\n{e}"));
    files.get_mut("Cargo.toml").expect("a manifest").push_str(TEST_DEPENDENCIES);
    let _ = std::fs::remove_dir_all(out);
    for (path, text) in files {
        let path = out.join(path);
        std::fs::create_dir_all(path.parent().expect("a folder")).expect("writable target dir");
        std::fs::write(path, text).expect("writable target dir");
    }
}

#[test]
fn complete_upstream_models_build_without_warnings_and_send() {
    let Some(shared) = chatsmith_contract_tests::shared_dir("upstream_models") else { return };
    let models = shared.join("upstream-models/smithy");
    let root = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("upstream-crates");
    for name in ["connectparticipant", "chime-sdk-messaging"] {
        generate_crate(&models.join(format!("{name}.json")), name, &root.join(name));
    }
    let chime = root.join("chime-sdk-messaging");
    std::fs::create_dir_all(chime.join("tests")).expect("writable");
    let test = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/upstream/list_channel_messages.rs");
    std::fs::copy(test, chime.join("tests/list_channel_messages.rs")).expect("test copied");

    for name in ["connectparticipant", "chime-sdk-messaging"] {
        let output = Command::new(env!("CARGO"))
            .args(["test", "--offline", "--quiet", "--features", "test-util"])
            .current_dir(root.join(name))
            .env("CARGO_TARGET_DIR", root.join("target"))
            .env("RUSTFLAGS", "-D warnings")
            .output()
            .expect("cargo runs");
        let text = format!("{}{}", String::from_utf8_lossy(&output.stdout), String::from_utf8_lossy(&output.stderr));
        assert!(output.status.success(), "the complete {name} crate does not build and pass its tests:\n{text}");
        assert!(!text.contains("warning:"), "the complete {name} crate has warnings:\n{text}");
    }
}
