//! `chatsmith-codegen`: generate a standalone crate from any Smithy JSON AST restJson1 model.
//!
//! ```text
//! chatsmith-codegen --model <file-or-folder>... --out <dir> [--runtime-path <dir>]
//!                   [--crate-name <name>] [--service <shape-id>] [--check]
//! ```
#![forbid(unsafe_code)]

use chatsmith_codegen::{Request, generate, read_sources, write};
use std::path::{Component, Path, PathBuf};
use std::process::ExitCode;

const USAGE: &str = "usage: chatsmith-codegen --model <file-or-folder>... --out <dir> [--runtime-path <dir>] [--crate-name <name>] [--service <shape-id>] [--check]";

struct Args {
    models: Vec<PathBuf>,
    out: PathBuf,
    runtime_path: Option<PathBuf>,
    crate_name: Option<String>,
    service: Option<String>,
    check: bool,
}

fn parse_args() -> Result<Args, String> {
    let mut args = std::env::args().skip(1);
    let (mut models, mut out, mut runtime_path, mut crate_name, mut service, mut check) =
        (Vec::new(), None, None, None, None, false);
    while let Some(arg) = args.next() {
        let mut value = |name: &str| args.next().ok_or_else(|| format!("{name} needs a value\n{USAGE}"));
        match arg.as_str() {
            "--model" => models.push(PathBuf::from(value("--model")?)),
            "--out" => out = Some(PathBuf::from(value("--out")?)),
            "--runtime-path" => runtime_path = Some(PathBuf::from(value("--runtime-path")?)),
            "--crate-name" => crate_name = Some(value("--crate-name")?),
            "--service" => service = Some(value("--service")?),
            "--check" => check = true,
            "-h" | "--help" => return Err(USAGE.to_owned()),
            other => return Err(format!("unknown argument {other:?}\n{USAGE}")),
        }
    }
    if models.is_empty() {
        return Err(format!("at least one --model is needed\n{USAGE}"));
    }
    let out = out.ok_or_else(|| format!("--out is needed\n{USAGE}"))?;
    Ok(Args { models, out, runtime_path, crate_name, service, check })
}

fn main() -> ExitCode {
    let args = match parse_args() {
        Ok(args) => args,
        Err(message) => {
            eprintln!("{message}");
            return ExitCode::from(2);
        }
    };
    match run(&args) {
        Ok(message) => {
            println!("{message}");
            ExitCode::SUCCESS
        }
        Err(message) => {
            eprint!("{message}");
            if !message.ends_with('\n') {
                eprintln!();
            }
            ExitCode::FAILURE
        }
    }
}

fn run(args: &Args) -> Result<String, String> {
    let sources = read_sources(&args.models).map_err(|e| e.to_string())?;
    let first = &args.models[0];
    let crate_name = args.crate_name.clone().unwrap_or_else(|| {
        first.file_stem().map_or_else(|| "generated".to_owned(), |s| s.to_string_lossy().into_owned())
    });
    let runtime =
        args.runtime_path.clone().unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("../crates/runtime"));
    let request = Request {
        sources,
        service: args.service.clone(),
        crate_name,
        source_label: args.models.iter().map(|m| m.to_string_lossy().replace('\\', "/")).collect::<Vec<_>>().join(", "),
        runtime_path: relative_path(&runtime, &args.out),
        standalone: true,
    };
    let files = generate(&request).map_err(|e| e.to_string())?;
    let outputs = write::Outputs::from([(args.out.clone(), files)]);
    let changes = write::changes(&outputs).map_err(|e| format!("cannot compare with {}: {e}", args.out.display()))?;
    if args.check {
        if changes.is_empty() {
            return Ok(format!("{} is up to date", args.out.display()));
        }
        let listed: Vec<String> = changes.iter().map(|c| format!("  {c}")).collect();
        return Err(format!("{} is stale:\n{}\n", args.out.display(), listed.join("\n")));
    }
    write::write(&outputs, &changes).map_err(|e| format!("nothing was written: {e}"))?;
    Ok(format!("{}: {} file(s) changed", args.out.display(), changes.len()))
}

/// `target` relative to `from` (both made absolute), for the generated `Cargo.toml`.
fn relative_path(target: &Path, from: &Path) -> String {
    let absolute = |p: &Path| -> PathBuf {
        let p = if p.is_absolute() { p.to_path_buf() } else { std::env::current_dir().unwrap_or_default().join(p) };
        normalize(&p)
    };
    let (target, from) = (absolute(target), absolute(from));
    let common = target.components().zip(from.components()).take_while(|(a, b)| a == b).count();
    let mut out = PathBuf::new();
    for _ in from.components().skip(common) {
        out.push("..");
    }
    for c in target.components().skip(common) {
        out.push(c);
    }
    out.to_string_lossy().replace('\\', "/")
}

fn normalize(path: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for c in path.components() {
        match c {
            Component::ParentDir => {
                out.pop();
            }
            Component::CurDir => {}
            other => out.push(other),
        }
    }
    out
}
