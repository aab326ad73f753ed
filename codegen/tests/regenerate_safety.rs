//! `cargo xtask regenerate` on a broken model changes nothing: run over a copy of this
//! workspace's `models/` and `crates/`, with one model file broken at a time.

use chatsmith_codegen::{workspace, write};
use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};

fn copy_tree(from: &Path, to: &Path) {
    fs::create_dir_all(to).unwrap();
    for entry in fs::read_dir(from).unwrap() {
        let path = entry.unwrap().path();
        let target = to.join(path.file_name().unwrap());
        if path.is_dir() {
            if path.file_name().is_some_and(|n| n == "target") {
                continue;
            }
            copy_tree(&path, &target);
        } else {
            fs::copy(&path, &target).unwrap();
        }
    }
}

fn snapshot(dir: &Path, out: &mut BTreeMap<PathBuf, Vec<u8>>) {
    for entry in fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            snapshot(&path, out);
        } else {
            out.insert(path.clone(), fs::read(&path).unwrap());
        }
    }
}

/// Turns a model file's text into a broken one.
type Breakage = fn(&str) -> String;

/// What `cargo xtask regenerate` does: generate everything, then write what changed.
fn regenerate(root: &Path) -> Result<usize, String> {
    let outputs = workspace::generate_all(root)?;
    let changes = write::changes(&outputs).map_err(|e| e.to_string())?;
    write::write(&outputs, &changes).map_err(|e| e.to_string())?;
    Ok(changes.len())
}

#[test]
fn a_broken_model_leaves_the_generated_crates_byte_for_byte() {
    let workspace_root = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let breakages: [(&str, Breakage); 3] = [
        ("models/connectparticipant/send-event.json", |text| text.replacen('{', "", 1)),
        ("models/chime-sdk-messaging/send-channel-message.json", |text| {
            let target = "\"target\": \"com.amazonaws.chimesdkmessaging#NonEmptyContent\"";
            assert!(text.contains(target), "the model refers to NonEmptyContent");
            text.replacen(target, "\"target\": \"com.amazonaws.chimesdkmessaging#NoSuchShape\"", 1)
        }),
        ("models/chatsmith/constraints.json", |text| {
            text.replace("\"smithy.api#trait\"", "\"smithy.api#documentation\"")
        }),
    ];
    for (file, breakage) in breakages {
        let root = Path::new(env!("CARGO_TARGET_TMPDIR")).join("regenerate-safety");
        let _ = fs::remove_dir_all(&root);
        copy_tree(&workspace_root.join("models"), &root.join("models"));
        for service in ["connectparticipant", "chime-sdk-messaging"] {
            copy_tree(&workspace_root.join("crates").join(service), &root.join("crates").join(service));
        }
        assert_eq!(regenerate(&root), Ok(0), "the copy starts up to date");

        let mut before = BTreeMap::new();
        snapshot(&root.join("crates"), &mut before);
        let text = fs::read_to_string(root.join(file)).unwrap();
        fs::write(root.join(file), breakage(&text)).unwrap();

        let err = regenerate(&root).expect_err("a broken model is refused");
        assert!(err.contains(file.rsplit('/').next().unwrap()), "the error names the model file: {err}");
        let mut after = BTreeMap::new();
        snapshot(&root.join("crates"), &mut after);
        assert!(before == after, "{file}: crates/ changed although the run failed");
    }
}
