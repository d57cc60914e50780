//! Kratos's RFC 3339 timestamps as epoch milliseconds, and the bucket a
//! relative time falls in (the browser's Intl does the wording).

/// Epoch milliseconds of an RFC 3339 timestamp such as
/// `2026-07-29T09:25:46.123456Z` or `2026-07-29T11:25:46+02:00`.
pub fn parse_rfc3339(s: &str) -> Option<i64> {
    let b = s.as_bytes();
    let num = |from: usize, len: usize| -> Option<i64> {
        let part = s.get(from..from + len)?;
        part.bytes().all(|c| c.is_ascii_digit()).then(|| part.parse().ok())?
    };
    let sep = |at: usize, allowed: &[u8]| b.get(at).is_some_and(|c| allowed.contains(c));
    if !(sep(4, b"-") && sep(7, b"-") && sep(10, b"Tt ") && sep(13, b":") && sep(16, b":")) {
        return None;
    }
    let (year, month, day) = (num(0, 4)?, num(5, 2)?, num(8, 2)?);
    let (hour, minute, second) = (num(11, 2)?, num(14, 2)?, num(17, 2)?);
    if !(1..=12).contains(&month) || !(1..=31).contains(&day) || hour > 23 || minute > 59 || second > 60 {
        return None;
    }
    let mut i = 19;
    let mut millis = 0;
    if b.get(i) == Some(&b'.') {
        i += 1;
        let start = i;
        while b.get(i).is_some_and(u8::is_ascii_digit) {
            i += 1;
        }
        let frac = s.get(start..i)?;
        if frac.is_empty() {
            return None;
        }
        let first3: String = frac.chars().chain("000".chars()).take(3).collect();
        millis = first3.parse().ok()?;
    }
    let offset_min = match b.get(i) {
        Some(b'Z' | b'z') if i + 1 == b.len() => 0,
        Some(sign @ (b'+' | b'-')) if i + 6 == b.len() && sep(i + 3, b":") => {
            let m = num(i + 1, 2)? * 60 + num(i + 4, 2)?;
            if *sign == b'-' {
                -m
            } else {
                m
            }
        }
        _ => return None,
    };
    let days = days_from_civil(year, month, day);
    let secs = days * 86_400 + hour * 3600 + minute * 60 + second - offset_min * 60;
    Some(secs * 1000 + millis)
}

/// Days since 1970-01-01 (Howard Hinnant's algorithm).
fn days_from_civil(y: i64, m: i64, d: i64) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (m + 9) % 12;
    let doy = (153 * mp + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// A unit `Intl.RelativeTimeFormat` understands.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Unit {
    Second,
    Minute,
    Hour,
    Day,
    Week,
    Month,
    Year,
}

impl Unit {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Second => "second",
            Self::Minute => "minute",
            Self::Hour => "hour",
            Self::Day => "day",
            Self::Week => "week",
            Self::Month => "month",
            Self::Year => "year",
        }
    }
}

/// `then` relative to `now` as a whole number of the largest sensible
/// unit: negative in the past. Under a minute reads as "now" (0 seconds).
pub fn relative(now_ms: i64, then_ms: i64) -> (i64, Unit) {
    let diff = (then_ms - now_ms) / 1000;
    let abs = diff.abs();
    let round = |unit: i64| {
        let v = (abs + unit / 2) / unit;
        if diff < 0 {
            -v
        } else {
            v
        }
    };
    const MIN: i64 = 60;
    const HOUR: i64 = 3600;
    const DAY: i64 = 86_400;
    match abs {
        a if a < 45 => (0, Unit::Second),
        a if a < 45 * MIN => (round(MIN), Unit::Minute),
        a if a < 22 * HOUR => (round(HOUR), Unit::Hour),
        a if a < 7 * DAY => (round(DAY), Unit::Day),
        a if a < 28 * DAY => (round(7 * DAY), Unit::Week),
        a if a < 330 * DAY => (round(30 * DAY), Unit::Month),
        _ => (round(365 * DAY), Unit::Year),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_kratos_timestamps() {
        assert_eq!(parse_rfc3339("1970-01-01T00:00:00Z"), Some(0));
        assert_eq!(parse_rfc3339("2026-07-29T09:25:46.123456Z"), Some(1_785_317_146_123));
        assert_eq!(parse_rfc3339("2026-07-29T11:25:46.123+02:00"), Some(1_785_317_146_123));
        assert_eq!(parse_rfc3339("2000-02-29T00:00:00.5Z"), Some(951_782_400_500));
        assert_eq!(parse_rfc3339("2026-07-29"), None);
        assert_eq!(parse_rfc3339("2026-13-01T00:00:00Z"), None);
        assert_eq!(parse_rfc3339("2026-07-29T09:25:46.Z"), None);
        assert_eq!(parse_rfc3339("2026-07-29T09:25:46Zjunk"), None);
        assert_eq!(parse_rfc3339("not a time"), None);
        assert_eq!(parse_rfc3339("2026-07-29T09:25:46é"), None);
    }

    #[test]
    fn buckets() {
        let s = 1000;
        assert_eq!(relative(0, -30 * s), (0, Unit::Second));
        assert_eq!(relative(0, -5 * 60 * s), (-5, Unit::Minute));
        assert_eq!(relative(0, -3 * 3600 * s), (-3, Unit::Hour));
        assert_eq!(relative(0, -23 * 3600 * s), (-1, Unit::Day));
        assert_eq!(relative(0, -3 * 86_400 * s), (-3, Unit::Day));
        assert_eq!(relative(0, -12 * 86_400 * s), (-2, Unit::Week));
        assert_eq!(relative(0, 20 * 3600 * s), (20, Unit::Hour));
        assert_eq!(relative(0, 60 * 86_400 * s), (2, Unit::Month));
        assert_eq!(relative(0, -400 * 86_400 * s), (-1, Unit::Year));
    }
}
