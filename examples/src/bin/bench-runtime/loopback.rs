//! Loopback throughput: client processes send to the server process over 127.0.0.1.
//!
//! Each run is a fresh client process (`<exe> --client NAME ...`, see [`chatsmith_loadgen`]), so
//! that its peak RSS is that of a process doing only this, and its CPU time is the client's alone:
//! the server runs in another process. The clients measured are ours and the floor (both in this
//! executable) and, when its client executable is given, the official AWS SDK for Rust. Their runs
//! alternate (ours, floor, official, ours, ...), so that a slow drift of the machine affects
//! them alike.

use crate::floor::Floor;
use crate::workload::Chatsmith;
use chatsmith_connectparticipant::client::Config;
use chatsmith_loadgen::{ClientArgs, Op, REGION, RunResult, Workload, run_client};
use std::path::{Path, PathBuf};

/// A measured client: its name and the executable that runs it.
#[derive(Clone, Debug)]
pub struct Client {
    pub name: &'static str,
    pub exe: PathBuf,
}

impl Client {
    /// Whether this client can send `op` (the floor does not sign: no Chime).
    pub fn supports(&self, op: Op) -> bool {
        self.name != "floor" || !matches!(op, Op::SendChannelMessage | Op::SendChannelMessageLong)
    }
}

/// The runs of every client on one workload, in the order of `clients`.
pub fn run(url: &str, workload: &Workload, clients: &[Client], runs: usize) -> Result<Vec<Vec<RunResult>>, String> {
    let mut results = vec![Vec::with_capacity(runs); clients.len()];
    for _ in 0..runs {
        for (client, results) in clients.iter().zip(&mut results) {
            if client.supports(workload.op) {
                results.push(workload.run_process(&client.exe, client.name, url)?);
            }
        }
    }
    Ok(results)
}

/// `bench-runtime --client chatsmith|floor ...`: one measured run in this process.
pub fn client_main(args: &[String]) -> Result<(), String> {
    let args = ClientArgs::parse(args)?;
    let op = args.workload.op;
    match args.client.as_str() {
        "chatsmith" => run_client(&args, || async {
            let config = Config::builder().region(REGION).endpoint_url(&args.endpoint).build();
            Ok(Chatsmith::new(op, &config))
        }),
        "floor" => run_client(&args, || async { Floor::new(op, &args.endpoint) }),
        other => Err(format!("unknown client {other:?}; this executable has chatsmith and floor")),
    }
}

/// This executable, which runs our client and the floor.
pub fn this_exe() -> Result<PathBuf, String> {
    std::env::current_exe().map_err(|e| format!("cannot find this executable: {e}"))
}

/// The official SDK's client executable, checked to exist.
pub fn official(path: &Path) -> Result<Client, String> {
    if path.is_file() {
        Ok(Client { name: "official", exe: path.to_owned() })
    } else {
        Err(format!("no official SDK client at {}", path.display()))
    }
}
