//! The signing time as SigV4 writes it: `YYYYMMDD'T'HHMMSS'Z'` (ISO 8601 basic format, UTC,
//! the fraction of a second dropped), whose first eight characters are the date of the scope.

use crate::primitives::DateTime;
use std::time::SystemTime;

/// `time` as `20150830T123600Z`. Times before 1970 and after 9999 are written too (the year
/// then has a sign or a fifth digit): no service takes them, but they do not panic.
pub(super) fn amz_date_time(time: SystemTime) -> String {
    let time = DateTime::from(time);
    let (days, seconds) = (time.secs().div_euclid(86_400), time.secs().rem_euclid(86_400));
    let (year, month, day) = crate::time::civil_from_days(days);
    let (hour, minute, second) = (seconds / 3600, seconds / 60 % 60, seconds % 60);
    format!("{year:04}{month:02}{day:02}T{hour:02}{minute:02}{second:02}Z")
}

/// The `YYYYMMDD` of an [`amz_date_time`].
pub(super) fn date_of(amz_date_time: &str) -> &str {
    amz_date_time.split_once('T').map_or(amz_date_time, |(date, _)| date)
}
