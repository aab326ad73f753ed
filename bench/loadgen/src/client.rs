//! The client process: `--client NAME --operation OP --endpoint URL --tasks N --requests N --warmup N`.

use crate::run::measure;
use crate::{Op, Subject, Workload};
use serde_json::json;
use std::future::Future;
use std::sync::Arc;

/// The arguments of a client process.
#[derive(Clone, Debug)]
pub struct ClientArgs {
    /// Which client to measure (a process may offer several).
    pub client: String,
    pub endpoint: String,
    pub workload: Workload,
}

impl ClientArgs {
    /// Reads the arguments (the program name excluded); an error names what is missing or wrong.
    pub fn parse(args: &[String]) -> Result<Self, String> {
        let value = |name: &str| -> Result<&str, String> {
            args.iter()
                .position(|a| a == name)
                .and_then(|i| args.get(i + 1))
                .map(String::as_str)
                .ok_or_else(|| format!("missing {name}"))
        };
        let number = |name: &str| -> Result<usize, String> {
            value(name)?.parse().map_err(|_| format!("{name} needs a number"))
        };
        let op = value("--operation")?;
        let op = Op::from_arg(op).ok_or_else(|| format!("unknown --operation {op:?}"))?;
        Ok(Self {
            client: value("--client")?.to_owned(),
            endpoint: value("--endpoint")?.to_owned(),
            workload: Workload {
                op,
                tasks: number("--tasks")?,
                requests: number("--requests")?,
                warmup: number("--warmup")?,
            },
        })
    }
}

/// Runs one measured workload in this process and prints its result as one JSON line.
///
/// The runtime is Tokio's multi-thread runtime with one worker per core, the sequential loop
/// running in `block_on`, as in a `#[tokio::main]` application. `make` builds the subject on
/// that runtime (some clients load their configuration asynchronously). Every response is
/// checked by the subject; one failure fails the run.
pub fn run_client<S, F>(args: &ClientArgs, make: impl FnOnce() -> F) -> Result<(), String>
where
    S: Subject,
    F: Future<Output = Result<S, String>>,
{
    let runtime = tokio::runtime::Builder::new_multi_thread().enable_all().build().map_err(|e| e.to_string())?;
    let result = runtime.block_on(async {
        let subject = make().await?;
        measure(Arc::new(subject), args.workload).await
    })?;
    let mut line = result.to_json();
    line["client"] = json!(args.client);
    println!("{line}");
    Ok(())
}
