//! The two clients of the in-process benchmark (`benches/micro.rs`), set up the same way.
//!
//! Our serializers and parsers are private, and the official SDK's are not meant to be called
//! alone, so phases are timed through `send()` with an HTTP connector that does no I/O:
//!
//! - [`Connector::Refuse`] fails every request at once: what is timed is everything up to the
//!   wire (build, validation for ours, idempotency token, serialize, endpoint, headers, SigV4 for
//!   Chime) plus making the error;
//! - [`Connector::Answer`] returns the operation's canned response ([`Op::response`]) at once:
//!   the same plus parsing it.
//!
//! Retries are off on both sides, so a refused request is one attempt. Before anything is
//! timed, each side's `check()` makes sure a call ends as intended, and [`Sent`] that both
//! clients put the same request on the wire: timing a call that failed for another reason, or a
//! different request, would measure the wrong thing.
#![forbid(unsafe_code)]

pub mod chatsmith;
#[cfg(feature = "official")]
pub mod official;

use chatsmith_loadgen::Op;
use std::error::Error;

/// What the in-process connector does with a request.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Connector {
    /// Fails at once, as if no connection could be made.
    Refuse,
    /// Answers at once with [`Op::response`].
    Answer,
}

/// The reason every refused request carries, so that the check tells our refusal from any other
/// failure.
pub const REFUSED: &str = "refused by the benchmark";

/// The content type of every canned response.
pub const RESPONSE_CONTENT_TYPE: &str = "application/json";

/// Whether `err` or any error in its source chain says `needle`.
pub fn chain_mentions(err: &(dyn Error + 'static), needle: &str) -> bool {
    let mut cause = Some(err);
    while let Some(err) = cause {
        if err.to_string().contains(needle) {
            return true;
        }
        cause = err.source();
    }
    false
}

/// The id the canned response of `op` carries: `Id` for Connect Participant, `MessageId` for
/// Chime. A successful call must have parsed it.
pub fn expected_id(op: Op) -> &'static str {
    match op {
        Op::SendMessage | Op::SendMessageLong => "8d6b3f1e-3c2a-4f7b-9e41-0c5d2a7f9b10",
        Op::SendEventTyping | Op::SendEventRead => "c2f0a9d4-7e61-4b8a-a3d5-91b4e6f20c37",
        Op::SendChannelMessage | Op::SendChannelMessageLong => "6e1f7b0c9a2d4e5f8a3b1c0d9e8f7a6b",
    }
}

/// How a checked call ended, as each client reports it.
#[derive(Debug)]
pub enum Outcome<'a> {
    /// It succeeded; the id parsed from the response, if any.
    Parsed(Option<&'a str>),
    /// The connector refused it ([`REFUSED`] in the error chain), after one attempt.
    Refused,
    /// Anything else, described.
    Failed(String),
}

/// Checks that a call with `connector` ended as intended: refused calls with the connector's
/// error, answered calls with the id of the canned response.
pub fn expect(op: Op, client: &str, connector: Connector, outcome: Outcome<'_>) -> Result<(), String> {
    let what = format!("{} ({}), {client} client, {connector:?} connector", op.label(), op.arg());
    match (connector, outcome) {
        (Connector::Answer, Outcome::Parsed(Some(id))) if id == expected_id(op) => Ok(()),
        (Connector::Refuse, Outcome::Refused) => Ok(()),
        (Connector::Answer, Outcome::Parsed(id)) => {
            Err(format!("{what}: the call succeeded but parsed id {id:?}, expected {:?}", expected_id(op)))
        }
        (Connector::Refuse, Outcome::Parsed(_)) => Err(format!("{what}: the call succeeded, expected a refusal")),
        (Connector::Answer, Outcome::Refused) => Err(format!("{what}: refused, expected the canned answer")),
        (_, Outcome::Failed(why)) => Err(format!("{what}: unexpected failure: {why}")),
    }
}

/// What a client put on the wire for one call, as far as both clients must agree on it.
#[derive(Clone, Debug, PartialEq)]
pub struct Sent {
    pub method: String,
    pub uri: String,
    /// The `x-amz-bearer` or `x-amz-chime-bearer` header.
    pub bearer: Option<String>,
    /// Whether an `authorization` header (SigV4) was sent.
    pub signed: bool,
    /// The JSON body without its idempotency token, which differs per call.
    pub body: serde_json::Value,
}

/// The members that carry an idempotency token in the benchmarked operations.
const TOKEN_MEMBERS: [&str; 2] = ["ClientToken", "ClientRequestToken"];

impl Sent {
    /// Reads a request; `header` looks a header up by its lower-case name. Fails unless the body
    /// is a JSON object with a non-empty idempotency token.
    pub fn new(method: &str, uri: &str, header: impl Fn(&str) -> Option<String>, body: &[u8]) -> Result<Self, String> {
        let mut body: serde_json::Value =
            serde_json::from_slice(body).map_err(|e| format!("{method} {uri}: the body is not JSON: {e}"))?;
        let object = body.as_object_mut().ok_or_else(|| format!("{method} {uri}: the body is not a JSON object"))?;
        let token = TOKEN_MEMBERS.iter().find_map(|member| object.remove(*member));
        if token.as_ref().and_then(serde_json::Value::as_str).is_none_or(str::is_empty) {
            return Err(format!("{method} {uri}: no idempotency token in the body, got {token:?}"));
        }
        Ok(Self {
            method: method.to_owned(),
            uri: uri.to_owned(),
            bearer: header("x-amz-bearer").or_else(|| header("x-amz-chime-bearer")),
            signed: header("authorization").is_some(),
            body,
        })
    }
}

/// Checks that both clients sent the same request for `op`, signed exactly for Chime.
pub fn same_request(op: Op, ours: &Sent, official: &Sent) -> Result<(), String> {
    let chime = matches!(op, Op::SendChannelMessage | Op::SendChannelMessageLong);
    if ours != official {
        return Err(format!(
            "{}: the clients send different requests:\n  chatsmith {ours:?}\n  official  {official:?}",
            op.label()
        ));
    }
    if ours.signed != chime {
        return Err(format!("{}: signed is {}, expected {chime}: {ours:?}", op.label(), ours.signed));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn expected_ids_are_those_of_the_canned_responses() {
        for op in Op::ALL {
            assert!(op.response().1.contains(expected_id(op)), "{op:?}");
        }
    }
}
