//! Clock-skew correction for signed requests.
//!
//! A SigV4 signature carries the client's time; a service refuses one more than about five
//! minutes off. When an error response has a skew error code and a `Date` header more than
//! four minutes from the local clock, the client remembers the difference and signs later
//! attempts (this call's retry included) with the corrected time.

use super::RawResponse;
use std::sync::atomic::{AtomicI64, Ordering};
use std::time::{Duration, SystemTime};

/// Error codes that may mean "your clock is wrong".
const SKEW_CODES: &[&str] = &[
    "RequestTimeTooSkewed",
    "RequestExpired",
    "InvalidSignatureException",
    "SignatureDoesNotMatch",
    "RequestInTheFuture",
];

/// Differences below this are not corrected.
const THRESHOLD: Duration = Duration::from_secs(4 * 60);

/// The offset of the service's clock from ours, in milliseconds, shared by a handle's clones.
#[derive(Debug, Default)]
pub(crate) struct ClockSkew {
    offset_ms: AtomicI64,
}

impl ClockSkew {
    /// The local time corrected by the known offset.
    pub(crate) fn now(&self) -> SystemTime {
        shift(SystemTime::now(), self.offset_ms.load(Ordering::Relaxed))
    }

    /// Learns from an error response; true when it was a skew error with a `Date` far from our
    /// corrected clock, so that a retry signed with the new offset may succeed.
    pub(crate) fn observe(&self, response: &RawResponse) -> bool {
        if response.status < 400 {
            return false;
        }
        let code = crate::protocol::restjson::parse_error(response).code;
        if !code.is_some_and(|code| SKEW_CODES.contains(&code.as_str())) {
            return false;
        }
        let Some(server) = server_time(response) else { return false };
        if offset_from(server, self.now()).unsigned_abs() < THRESHOLD.as_millis() as u64 {
            // Our corrected clock agrees with the service's: the error is not about time.
            return false;
        }
        self.offset_ms.store(offset_from(server, SystemTime::now()), Ordering::Relaxed);
        true
    }
}

/// `server - local`, in milliseconds.
fn offset_from(server: SystemTime, local: SystemTime) -> i64 {
    match server.duration_since(local) {
        Ok(ahead) => i64::try_from(ahead.as_millis()).unwrap_or(i64::MAX),
        Err(behind) => -i64::try_from(behind.duration().as_millis()).unwrap_or(i64::MAX),
    }
}

fn server_time(response: &RawResponse) -> Option<SystemTime> {
    let date = response.headers.get(http::header::DATE)?.to_str().ok()?;
    crate::time::parse(date.trim(), crate::time::TimestampFormat::HttpDate)?.to_system_time()
}

fn shift(time: SystemTime, offset_ms: i64) -> SystemTime {
    let delta = Duration::from_millis(offset_ms.unsigned_abs());
    let shifted = if offset_ms >= 0 { time.checked_add(delta) } else { time.checked_sub(delta) };
    shifted.unwrap_or(time)
}
