//! Redaction of secrets in `Debug` output and error text.

use std::fmt;

/// What `Debug` prints in place of a `@sensitive` member or a bearer token.
pub const REDACTED: &str = "*** redacted ***";

/// Formats as [`REDACTED`], whatever it wraps; generated `Debug` impls put it in place of secrets.
#[derive(Clone, Copy)]
pub struct Redacted;

impl fmt::Debug for Redacted {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("\"")?;
        f.write_str(REDACTED)?;
        f.write_str("\"")
    }
}

impl fmt::Display for Redacted {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(REDACTED)
    }
}
