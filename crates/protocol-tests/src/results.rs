//! Reading `cargo test` output: the outcome of each test function and the failure messages.

use std::collections::BTreeMap;

/// What happened to one test function.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Outcome {
    /// It passed.
    Passed,
    /// It failed; the text is what it printed (the panic message).
    Failed(String),
}

/// Outcomes by test function name, from the text `cargo test` prints (libtest's default format).
pub fn parse(stdout: &str) -> BTreeMap<String, Outcome> {
    let mut outcomes = BTreeMap::new();
    for line in stdout.lines() {
        let Some(rest) = line.strip_prefix("test ") else { continue };
        let Some((name, result)) = rest.rsplit_once(" ... ") else { continue };
        let outcome = match result.trim() {
            "ok" => Outcome::Passed,
            "FAILED" => Outcome::Failed(String::new()),
            _ => continue,
        };
        outcomes.insert(name.trim().to_owned(), outcome);
    }
    // The `---- name stdout ----` sections hold the messages of failed tests.
    let mut current: Option<(String, String)> = None;
    let finish = |current: &mut Option<(String, String)>, outcomes: &mut BTreeMap<String, Outcome>| {
        if let Some((name, text)) = current.take()
            && let Some(Outcome::Failed(message)) = outcomes.get_mut(&name)
        {
            *message = text.trim_end().to_owned();
        }
    };
    for line in stdout.lines() {
        if let Some(name) = line.strip_prefix("---- ").and_then(|l| l.strip_suffix(" stdout ----")) {
            finish(&mut current, &mut outcomes);
            current = Some((name.to_owned(), String::new()));
        } else if line == "failures:" || line.starts_with("test result:") {
            finish(&mut current, &mut outcomes);
        } else if let Some((_, text)) = &mut current {
            text.push_str(line);
            text.push('\n');
        }
    }
    finish(&mut current, &mut outcomes);
    outcomes
}

/// Compiler errors by file and line, from `--message-format=short` output
/// (`tests/cases.rs:120:5: error[E0308]: mismatched types`).
pub fn compile_errors(stderr: &str) -> Vec<(String, usize, String)> {
    stderr
        .lines()
        .filter_map(|line| {
            let (location, message) = line.split_once(": error")?;
            let mut parts = location.rsplitn(3, ':');
            let (_column, line_number, file) = (parts.next()?, parts.next()?, parts.next()?);
            Some((file.to_owned(), line_number.parse().ok()?, format!("error{message}")))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_libtest_output() {
        let out = "running 2 tests\ntest request__A ... ok\ntest response__B ... FAILED\n\nfailures:\n\n---- response__B stdout ----\n\nthread 'response__B' panicked at tests/cases.rs:9:5:\nboom\n\n\nfailures:\n    response__B\n\ntest result: FAILED. 1 passed; 1 failed\n";
        let outcomes = parse(out);
        assert_eq!(outcomes["request__A"], Outcome::Passed);
        let Outcome::Failed(message) = &outcomes["response__B"] else { panic!() };
        assert!(message.contains("boom"), "{message}");
        let errors = compile_errors("tests/cases.rs:120:5: error[E0308]: mismatched types\nwarning: x\n");
        assert_eq!(errors, [("tests/cases.rs".to_owned(), 120, "error[E0308]: mismatched types".to_owned())]);
    }
}
