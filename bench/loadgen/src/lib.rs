//! The loopback load generator shared by every client the benchmarks measure.
//!
//! A measured client is a process of its own: `<exe> --client NAME --operation OP --endpoint URL
//! --tasks N --requests N --warmup N`. It implements [`Subject`] (send one request) and hands it to
//! [`run_client`], which sends the warm-up and the measured requests from one task or many, then
//! prints one JSON line ([`RunResult`]): wall time, p50 and p99 latency, the process's CPU time and
//! peak RSS. Ours, the official AWS SDK for Rust and the minimal hyper "floor" all go through this
//! same code, against the same server, with the same inputs ([`Op`]).
//!
//! Linux only: CPU time and peak RSS come from `/proc` ([`procfs`]).
#![forbid(unsafe_code)]

#[cfg(feature = "chatsmith")]
pub mod chatsmith;
mod client;
mod op;
pub mod procfs;
mod run;

pub use client::{ClientArgs, run_client};
pub use op::*;
pub use run::{RunResult, Workload, percentile};

use std::future::Future;

/// A client under test: sends one request of its operation and says whether it succeeded.
pub trait Subject: Send + Sync + 'static {
    /// Sends one request; an error says what failed.
    fn call(&self) -> impl Future<Output = Result<(), String>> + Send;
}
