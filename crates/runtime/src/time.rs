//! Timestamp formats of Smithy (`@timestampFormat`): epoch seconds, RFC 3339 `date-time` and
//! IMF-fixdate `http-date`, to and from [`DateTime`].

use crate::primitives::DateTime;

/// How a timestamp is written on the wire.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TimestampFormat {
    /// Seconds since the Unix epoch, with an optional fraction (`1576540098.25`).
    EpochSeconds,
    /// RFC 3339 `date-time` in UTC (`2019-12-16T23:48:18Z`).
    DateTime,
    /// IMF-fixdate (`Mon, 16 Dec 2019 23:48:18 GMT`).
    HttpDate,
}

const DAYS: [&str; 7] = ["Thu", "Fri", "Sat", "Sun", "Mon", "Tue", "Wed"];
const MONTHS: [&str; 12] = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

/// Days since 1970-01-01 of a proleptic Gregorian date.
fn days_from_civil(year: i64, month: u32, day: u32) -> i64 {
    let year = if month <= 2 { year - 1 } else { year };
    let era = year.div_euclid(400);
    let year_of_era = year - era * 400;
    let shifted_month = i64::from((month + 9) % 12);
    let day_of_year = (153 * shifted_month + 2) / 5 + i64::from(day) - 1;
    let day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
    era * 146_097 + day_of_era - 719_468
}

/// The date (year, month, day) of a day count since 1970-01-01.
pub(crate) fn civil_from_days(days: i64) -> (i64, u32, u32) {
    let days = days + 719_468;
    let era = days.div_euclid(146_097);
    let day_of_era = days - era * 146_097;
    let year_of_era = (day_of_era - day_of_era / 1460 + day_of_era / 36_524 - day_of_era / 146_096) / 365;
    let day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
    let shifted_month = (5 * day_of_year + 2) / 153;
    let day = (day_of_year - (153 * shifted_month + 2) / 5 + 1) as u32;
    let month = if shifted_month < 10 { shifted_month + 3 } else { shifted_month - 9 } as u32;
    let year = year_of_era + era * 400 + i64::from(month <= 2);
    (year, month, day)
}

/// Formats `time` in `format` (epoch seconds as their decimal text).
pub fn format(time: &DateTime, format: TimestampFormat) -> String {
    let (days, seconds_of_day) = (time.secs().div_euclid(86_400), time.secs().rem_euclid(86_400));
    let (year, month, day) = civil_from_days(days);
    let (hour, minute, second) = (seconds_of_day / 3600, seconds_of_day / 60 % 60, seconds_of_day % 60);
    match format {
        TimestampFormat::EpochSeconds => {
            if time.subsec_nanos() == 0 {
                time.secs().to_string()
            } else {
                format!("{}.{}", time.secs(), fraction(time.subsec_nanos()))
            }
        }
        TimestampFormat::DateTime => {
            let mut out = format!("{year:04}-{month:02}-{day:02}T{hour:02}:{minute:02}:{second:02}");
            if time.subsec_nanos() != 0 {
                out.push('.');
                out.push_str(&fraction(time.subsec_nanos()));
            }
            out.push('Z');
            out
        }
        TimestampFormat::HttpDate => {
            let weekday = DAYS[days.rem_euclid(7) as usize];
            let month = MONTHS[month as usize - 1];
            format!("{weekday}, {day:02} {month} {year:04} {hour:02}:{minute:02}:{second:02} GMT")
        }
    }
}

/// Nanoseconds as a decimal fraction without trailing zeros (`250000000` -> `25`).
fn fraction(nanos: u32) -> String {
    format!("{nanos:09}").trim_end_matches('0').to_owned()
}

/// Parses `text` in `format`; `None` when it is not such a timestamp.
pub fn parse(text: &str, format: TimestampFormat) -> Option<DateTime> {
    match format {
        TimestampFormat::EpochSeconds => parse_epoch(text),
        TimestampFormat::DateTime => parse_date_time(text),
        TimestampFormat::HttpDate => parse_http_date(text),
    }
}

/// `1576540098`, `1576540098.25`, `-1.5`.
pub fn parse_epoch(text: &str) -> Option<DateTime> {
    let (whole, frac) = text.split_once('.').unwrap_or((text, ""));
    let negative = whole.starts_with('-');
    let seconds: i64 = whole.parse().ok()?;
    if !frac.chars().all(|c| c.is_ascii_digit()) || frac.len() > 9 {
        return None;
    }
    let nanos: u32 = if frac.is_empty() { 0 } else { format!("{frac:0<9}").parse().ok()? };
    Some(if negative && nanos > 0 {
        DateTime::from_secs_and_nanos(seconds - 1, 1_000_000_000 - nanos)
    } else {
        DateTime::from_secs_and_nanos(seconds, nanos)
    })
}

/// An epoch-seconds JSON number (integer or float).
pub fn from_epoch_f64(seconds: f64) -> Option<DateTime> {
    if !seconds.is_finite() || seconds.abs() > 1e15 {
        return None;
    }
    let whole = seconds.floor();
    let nanos = ((seconds - whole) * 1e9).round() as u32;
    Some(DateTime::from_secs_and_nanos(whole as i64, nanos.min(999_999_999)))
}

fn digits(text: &str, range: std::ops::Range<usize>) -> Option<u32> {
    let part = text.get(range)?;
    if part.chars().all(|c| c.is_ascii_digit()) { part.parse().ok() } else { None }
}

/// RFC 3339: `2019-12-16T23:48:18Z`, with optional fraction and numeric offset.
fn parse_date_time(text: &str) -> Option<DateTime> {
    let bytes = text.as_bytes();
    if bytes.len() < 20 || bytes[4] != b'-' || bytes[7] != b'-' || !matches!(bytes[10], b'T' | b't' | b' ') {
        return None;
    }
    if bytes[13] != b':' || bytes[16] != b':' {
        return None;
    }
    let (year, month, day) = (digits(text, 0..4)?, digits(text, 5..7)?, digits(text, 8..10)?);
    let (hour, minute, second) = (digits(text, 11..13)?, digits(text, 14..16)?, digits(text, 17..19)?);
    let mut rest = &text[19..];
    let mut nanos = 0;
    if let Some(after_dot) = rest.strip_prefix('.') {
        let len = after_dot.find(|c: char| !c.is_ascii_digit()).unwrap_or(after_dot.len());
        if len == 0 {
            return None;
        }
        let frac = &after_dot[..len.min(9)];
        nanos = format!("{frac:0<9}").parse().ok()?;
        rest = &after_dot[len..];
    }
    let offset_seconds: i64 = match rest {
        "Z" | "z" => 0,
        _ if rest.len() == 6 && matches!(&rest[..1], "+" | "-") && &rest[3..4] == ":" => {
            let (h, m) = (i64::from(digits(rest, 1..3)?), i64::from(digits(rest, 4..6)?));
            let sign = if rest.starts_with('-') { -1 } else { 1 };
            sign * (h * 3600 + m * 60)
        }
        _ => return None,
    };
    valid_clock(month, day, hour, minute, second)?;
    let days = days_from_civil(i64::from(year), month, day);
    let seconds = days * 86_400 + i64::from(hour * 3600 + minute * 60 + second) - offset_seconds;
    Some(DateTime::from_secs_and_nanos(seconds, nanos))
}

fn valid_clock(month: u32, day: u32, hour: u32, minute: u32, second: u32) -> Option<()> {
    ((1..=12).contains(&month) && (1..=31).contains(&day) && hour < 24 && minute < 60 && second <= 60).then_some(())
}

/// IMF-fixdate: `Mon, 16 Dec 2019 23:48:18 GMT` (a fraction of seconds is accepted).
fn parse_http_date(text: &str) -> Option<DateTime> {
    let rest = text.split_once(", ")?.1;
    let mut parts = rest.split(' ');
    let day: u32 = parts.next()?.parse().ok()?;
    let month_name = parts.next()?;
    let month = MONTHS.iter().position(|m| *m == month_name)? as u32 + 1;
    let year: i64 = parts.next()?.parse().ok()?;
    let clock = parts.next()?;
    if parts.next()? != "GMT" || parts.next().is_some() {
        return None;
    }
    let (clock, frac) = clock.split_once('.').unwrap_or((clock, ""));
    let mut hms = clock.split(':').map(|p| p.parse::<u32>().ok());
    let (hour, minute, second) = (hms.next()??, hms.next()??, hms.next()??);
    valid_clock(month, day, hour, minute, second)?;
    let nanos = if frac.is_empty() { 0 } else { format!("{:0<9}", &frac[..frac.len().min(9)]).parse().ok()? };
    let seconds = days_from_civil(year, month, day) * 86_400 + i64::from(hour * 3600 + minute * 60 + second);
    Some(DateTime::from_secs_and_nanos(seconds, nanos))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_the_protocol_test_examples() {
        let t = DateTime::from_secs(1_576_540_098);
        assert_eq!(format(&t, TimestampFormat::DateTime), "2019-12-16T23:48:18Z");
        assert_eq!(format(&t, TimestampFormat::HttpDate), "Mon, 16 Dec 2019 23:48:18 GMT");
        assert_eq!(format(&t, TimestampFormat::EpochSeconds), "1576540098");
        let with_fraction = DateTime::from_secs_and_nanos(1_576_540_098, 250_000_000);
        assert_eq!(format(&with_fraction, TimestampFormat::EpochSeconds), "1576540098.25");
        assert_eq!(format(&with_fraction, TimestampFormat::DateTime), "2019-12-16T23:48:18.25Z");
        assert_eq!(format(&DateTime::from_secs(0), TimestampFormat::HttpDate), "Thu, 01 Jan 1970 00:00:00 GMT");
    }

    #[test]
    fn parses_what_it_formats_and_offsets() {
        for secs in [0, 1, 951_782_400, 1_576_540_098, -86_401, 4_102_444_800] {
            let t = DateTime::from_secs(secs);
            for f in [TimestampFormat::EpochSeconds, TimestampFormat::DateTime, TimestampFormat::HttpDate] {
                assert_eq!(parse(&format(&t, f), f), Some(t), "{secs} {f:?}");
            }
        }
        let offset = parse("2019-12-16T22:48:18-01:00", TimestampFormat::DateTime);
        assert_eq!(offset, Some(DateTime::from_secs(1_576_540_098)));
        let fractional = parse("2000-01-02T20:34:56.123Z", TimestampFormat::DateTime).unwrap();
        assert_eq!((fractional.secs(), fractional.subsec_nanos()), (946_845_296, 123_000_000));
        assert_eq!(parse("2019-13-01T00:00:00Z", TimestampFormat::DateTime), None);
        assert_eq!(parse("yesterday", TimestampFormat::HttpDate), None);
        assert_eq!(parse_epoch("-1.5"), Some(DateTime::from_secs_and_nanos(-2, 500_000_000)));
    }
}
