//! Project tasks.
//!
//! - `cargo xtask regenerate [--check]`: rebuild `crates/<service>` from `models/<service>`;
//!   with `--check`, change nothing and fail listing stale files.
//! - `cargo xtask bench codegen [--quick]`: time the generator on `models/` and the upstream models.
//! - `cargo xtask bench runtime [--quick]`: client cost per request in process and over loopback.
//! - `cargo xtask bench all [--quick]`: both.
#![forbid(unsafe_code)]

mod bench;
mod regenerate;

use std::process::ExitCode;

const USAGE: &str = "usage: cargo xtask regenerate [--check] | cargo xtask bench [codegen|runtime|all] [--quick]";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    let result = match args.as_slice() {
        ["regenerate"] => regenerate::run(false),
        ["regenerate", "--check"] => regenerate::run(true),
        ["bench", rest @ ..] => bench::run(rest),
        _ => Err(USAGE.to_owned()),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("{}", message.trim_end());
            ExitCode::FAILURE
        }
    }
}
