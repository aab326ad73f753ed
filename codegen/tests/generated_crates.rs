//! The generated code of the workspace's crates, pinned: each crate is one insta snapshot
//! (`tests/snapshots/generated_crates__<service>.snap`), every file after a `==> path <==` line,
//! so a change to the generator shows up as one reviewable diff of generated code.
//!
//! After an intended change: `INSTA_UPDATE=always cargo test -p chatsmith-codegen --test
//! generated_crates`, then review the diff of `tests/snapshots/`.

mod snapshot_support;

use chatsmith_codegen::workspace::generate_service;
use snapshot_support::{catch, crate_text, workspace_root};

fn snapshot_service(service: &str) {
    let root = workspace_root();
    let (_, files) = match catch(|| generate_service(&root, service)) {
        Ok(Ok(generated)) => generated,
        Ok(Err(errors)) => panic!("models/{service} does not generate:\n{errors}"),
        Err(panic) => panic!("the generator panicked on models/{service}: {panic}"),
    };
    insta::assert_snapshot!(service, crate_text(&files));
}

#[test]
fn connectparticipant() {
    snapshot_service("connectparticipant");
}

#[test]
fn chime_sdk_messaging() {
    snapshot_service("chime-sdk-messaging");
}
