//! Value types for Smithy's simple types that Rust lacks: timestamps, blobs, documents and
//! arbitrary-precision numbers.

use std::fmt;

/// Any JSON value (Smithy `document`).
pub type Document = serde_json::Value;

/// A point in time (Smithy `timestamp`), with nanosecond precision, UTC.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct DateTime {
    seconds: i64,
    nanos: u32,
}

impl DateTime {
    /// Seconds since the Unix epoch.
    pub const fn from_secs(seconds: i64) -> Self {
        Self { seconds, nanos: 0 }
    }

    /// Seconds and nanoseconds since the Unix epoch; `nanos` above one second carry over.
    pub const fn from_secs_and_nanos(seconds: i64, nanos: u32) -> Self {
        Self { seconds: seconds + (nanos / 1_000_000_000) as i64, nanos: nanos % 1_000_000_000 }
    }

    /// Whole seconds since the Unix epoch (rounded down).
    pub const fn secs(&self) -> i64 {
        self.seconds
    }

    /// The nanoseconds past [`secs`](Self::secs).
    pub const fn subsec_nanos(&self) -> u32 {
        self.nanos
    }

    /// Seconds since the Unix epoch, with the fraction.
    pub fn as_secs_f64(&self) -> f64 {
        self.seconds as f64 + f64::from(self.nanos) / 1e9
    }

    /// The same point as a [`SystemTime`](std::time::SystemTime); `None` when the platform's
    /// `SystemTime` cannot hold it.
    pub fn to_system_time(&self) -> Option<std::time::SystemTime> {
        let epoch = std::time::UNIX_EPOCH;
        let whole = std::time::Duration::from_secs(self.seconds.unsigned_abs());
        let at_second = if self.seconds >= 0 { epoch.checked_add(whole) } else { epoch.checked_sub(whole) }?;
        at_second.checked_add(std::time::Duration::from_nanos(u64::from(self.nanos)))
    }
}

impl From<std::time::SystemTime> for DateTime {
    fn from(time: std::time::SystemTime) -> Self {
        match time.duration_since(std::time::UNIX_EPOCH) {
            Ok(after) => Self::from_secs_and_nanos(after.as_secs() as i64, after.subsec_nanos()),
            Err(before) => {
                let d = before.duration();
                let (secs, nanos) = (d.as_secs() as i64, d.subsec_nanos());
                if nanos == 0 {
                    Self::from_secs(-secs)
                } else {
                    Self { seconds: -secs - 1, nanos: 1_000_000_000 - nanos }
                }
            }
        }
    }
}

/// Bytes (Smithy `blob`).
#[derive(Clone, Default, PartialEq, Eq, Hash)]
pub struct Blob(Vec<u8>);

impl Blob {
    /// A blob of these bytes.
    pub fn new(bytes: impl Into<Vec<u8>>) -> Self {
        Self(bytes.into())
    }

    /// The bytes.
    pub fn as_bytes(&self) -> &[u8] {
        &self.0
    }

    /// How many bytes.
    pub fn len(&self) -> usize {
        self.0.len()
    }

    /// Whether there are no bytes.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// The bytes, owned.
    pub fn into_inner(self) -> Vec<u8> {
        self.0
    }
}

impl From<Vec<u8>> for Blob {
    fn from(bytes: Vec<u8>) -> Self {
        Self(bytes)
    }
}

impl AsRef<[u8]> for Blob {
    fn as_ref(&self) -> &[u8] {
        &self.0
    }
}

impl fmt::Debug for Blob {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Blob({} bytes)", self.0.len())
    }
}

/// An arbitrary-precision number (Smithy `bigInteger` and `bigDecimal`), kept as its decimal text
/// so that no precision is lost.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct BigNumber(String);

impl BigNumber {
    /// The decimal text.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl From<&str> for BigNumber {
    fn from(text: &str) -> Self {
        Self(text.to_owned())
    }
}

impl From<String> for BigNumber {
    fn from(text: String) -> Self {
        Self(text)
    }
}

impl fmt::Display for BigNumber {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::DateTime;
    use std::time::{Duration, UNIX_EPOCH};

    #[test]
    fn date_times_and_system_times_convert_both_ways() {
        for time in [
            UNIX_EPOCH,
            UNIX_EPOCH + Duration::new(1_795_317_958, 250_000_000),
            UNIX_EPOCH - Duration::from_secs(86_400),
            UNIX_EPOCH - Duration::from_millis(1),
        ] {
            assert_eq!(DateTime::from(time).to_system_time(), Some(time), "{time:?}");
        }
        let before = DateTime::from(UNIX_EPOCH - Duration::from_millis(1));
        assert_eq!((before.secs(), before.subsec_nanos()), (-1, 999_000_000));
    }
}
