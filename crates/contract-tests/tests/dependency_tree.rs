//! Neither generated crate pulls in an AWS SDK crate: Chime signs with chatsmith-runtime's own
//! SigV4 signer (feature `sigv4`, on `ring`, which rustls already brings), and Connect
//! Participant is not signed at all (its operations carry `smithy.api#auth: []`), so its crate
//! builds chatsmith-runtime without that feature. Read from `cargo tree` on the locked
//! dependency graph (offline, no build), resolved for each crate alone as a user's build would.

use std::process::Command;

/// The lines `cargo tree --prefix none` prints for `package` with `args`, sorted, deduplicated.
fn cargo_tree(package: &str, args: &[&str]) -> Vec<String> {
    let output = Command::new(env!("CARGO"))
        .args(["tree", "--offline", "--locked", "--prefix", "none", "--package", package])
        .args(args)
        .current_dir(concat!(env!("CARGO_MANIFEST_DIR"), "/../.."))
        .output()
        .expect("cargo runs");
    assert!(output.status.success(), "cargo tree -p {package} {args:?}: {}", String::from_utf8_lossy(&output.stderr));
    let mut lines: Vec<String> = String::from_utf8_lossy(&output.stdout)
        .lines()
        .map(|line| line.trim_end_matches(" (*)").to_owned())
        .filter(|line| !line.is_empty())
        .collect();
    lines.sort();
    lines.dedup();
    lines
}

/// The distinct packages (`name vX.Y.Z`) in the normal dependency tree of `package`.
fn dependency_tree(package: &str) -> Vec<String> {
    let tree = cargo_tree(package, &["--edges", "normal"]);
    assert!(tree.iter().any(|p| p.starts_with("hyper ")), "the tree of {package} was read: {tree:?}");
    tree
}

/// The features of chatsmith-runtime that `package` turns on (`client`, `sigv4`, ...).
fn runtime_features(package: &str) -> Vec<String> {
    cargo_tree(package, &["--edges", "features", "--invert", "chatsmith-runtime"])
        .iter()
        .filter_map(|line| line.strip_prefix("chatsmith-runtime feature \"")?.strip_suffix('"').map(str::to_owned))
        .collect()
}

fn aws_crates(tree: &[String]) -> Vec<&String> {
    tree.iter().filter(|p| p.starts_with("aws-")).collect()
}

fn versions_of<'a>(tree: &'a [String], name: &str) -> Vec<&'a String> {
    let prefix = format!("{name} v");
    tree.iter().filter(|p| p.starts_with(&prefix)).collect()
}

#[test]
fn connect_participant_pulls_in_no_signing() {
    let tree = dependency_tree("chatsmith-connectparticipant");
    assert_eq!(aws_crates(&tree), Vec::<&String>::new(), "AWS SDK crates under chatsmith-connectparticipant");
    let features = runtime_features("chatsmith-connectparticipant");
    assert!(features.iter().any(|f| f == "client"), "the features were read: {features:?}");
    assert!(!features.iter().any(|f| f == "sigv4"), "chatsmith-runtime's `sigv4` is on: {features:?}");
}

#[test]
fn chime_signs_with_the_runtime_signer_and_no_aws_crate() {
    let tree = dependency_tree("chatsmith-chime-sdk-messaging");
    assert_eq!(aws_crates(&tree), Vec::<&String>::new(), "AWS SDK crates under chatsmith-chime-sdk-messaging");
    let features = runtime_features("chatsmith-chime-sdk-messaging");
    assert!(features.iter().any(|f| f == "sigv4"), "chatsmith-runtime's `sigv4` is off: {features:?}");
    // The signer's ring is the one rustls uses: one version in the tree.
    assert_eq!(versions_of(&tree, "ring").len(), 1, "{tree:?}");
}
