//! Connect Participant is not signed (its operations carry `smithy.api#auth: []`): its crate
//! must not pull in SigV4 or any other AWS SDK crate. Chime is signed, so its crate does.
//! Read from `cargo tree` on the locked dependency graph (offline, no build).

use std::process::Command;

/// The distinct packages (`name vX.Y.Z`) in the normal dependency tree of `package`.
fn dependency_tree(package: &str) -> Vec<String> {
    let output = Command::new(env!("CARGO"))
        .args(["tree", "--offline", "--locked", "--edges", "normal", "--prefix", "none", "--package", package])
        .current_dir(concat!(env!("CARGO_MANIFEST_DIR"), "/../.."))
        .output()
        .expect("cargo runs");
    assert!(output.status.success(), "cargo tree -p {package}: {}", String::from_utf8_lossy(&output.stderr));
    let mut packages: Vec<String> = String::from_utf8_lossy(&output.stdout)
        .lines()
        .map(|line| line.trim_end_matches(" (*)").to_owned())
        .filter(|line| !line.is_empty())
        .collect();
    packages.sort();
    packages.dedup();
    packages
}

fn aws_crates(tree: &[String]) -> Vec<&String> {
    tree.iter().filter(|p| p.starts_with("aws-")).collect()
}

#[test]
fn connect_participant_pulls_in_no_signing() {
    let tree = dependency_tree("chatsmith-connectparticipant");
    assert_eq!(aws_crates(&tree), Vec::<&String>::new(), "AWS SDK crates under chatsmith-connectparticipant");
    assert!(tree.iter().any(|p| p.starts_with("hyper ")), "the tree was read: {tree:?}");
}

#[test]
fn chime_pulls_in_sigv4() {
    let tree = dependency_tree("chatsmith-chime-sdk-messaging");
    assert!(aws_crates(&tree).iter().any(|p| p.starts_with("aws-sigv4 ")), "{tree:?}");
}
