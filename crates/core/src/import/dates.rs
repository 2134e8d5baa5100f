//! Publication dates as scrapers, pages and archives write them, normalised to
//! `YYYY-MM-DD`, `YYYY-MM-DDTHH:MM:SS` (local time, zone unknown) or
//! `YYYY-MM-DDTHH:MM:SSZ` (UTC).

use time::format_description::well_known::{Rfc2822, Rfc3339};
use time::{Date, Month, OffsetDateTime, PrimitiveDateTime, Time, UtcOffset};

/// Returns `None` for anything that is not a plausible date (years 1800..=2200).
pub fn normalize_date(raw: &str) -> Option<String> {
    let s = raw.trim();
    if s.is_empty() || s.len() > 64 {
        return None;
    }
    if let Some(ts) = unix_timestamp(s) {
        return Some(utc(ts));
    }
    let iso_t = s.replacen(' ', "T", 1);
    for candidate in [s, iso_t.as_str()] {
        if let Ok(dt) = OffsetDateTime::parse(candidate, &Rfc3339) {
            return plausible(dt.date()).then(|| utc(dt));
        }
    }
    if let Ok(dt) = OffsetDateTime::parse(s, &Rfc2822) {
        return plausible(dt.date()).then(|| utc(dt));
    }
    if let Some(dt) = rfc2822_like(s) {
        return plausible(dt.date()).then(|| utc(dt));
    }
    let (date_part, time_part) = split_date_time(s);
    let date = ymd(date_part).or_else(|| dmy(date_part))?;
    if !plausible(date) {
        return None;
    }
    match time_part.and_then(hms) {
        Some(t) => Some(format_local(PrimitiveDateTime::new(date, t))),
        None => Some(format_date(date)),
    }
}

fn plausible(d: Date) -> bool {
    (1800..=2200).contains(&d.year())
}

fn utc(dt: OffsetDateTime) -> String {
    let dt = dt.to_offset(UtcOffset::UTC);
    format!(
        "{}T{:02}:{:02}:{:02}Z",
        format_date(dt.date()),
        dt.hour(),
        dt.minute(),
        dt.second()
    )
}

fn format_date(d: Date) -> String {
    format!("{:04}-{:02}-{:02}", d.year(), u8::from(d.month()), d.day())
}

fn format_local(dt: PrimitiveDateTime) -> String {
    format!(
        "{}T{:02}:{:02}:{:02}",
        format_date(dt.date()),
        dt.hour(),
        dt.minute(),
        dt.second()
    )
}

/// Seconds (10 digits) or milliseconds (13 digits) since 1970.
fn unix_timestamp(s: &str) -> Option<OffsetDateTime> {
    if !s.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let n: i64 = s.parse().ok()?;
    let secs = match s.len() {
        9 | 10 => n,
        12 | 13 => n / 1000,
        _ => return None,
    };
    OffsetDateTime::from_unix_timestamp(secs).ok()
}

/// `Tue, 1 Feb 2022 10:00:00 GMT` variants the strict parser refuses.
fn rfc2822_like(s: &str) -> Option<OffsetDateTime> {
    let s = s.split_once(',').map_or(s, |(_, rest)| rest).trim();
    let mut it = s.split_whitespace();
    let day: u8 = it.next()?.parse().ok()?;
    let month = month_from_name(it.next()?)?;
    let year: i32 = it.next()?.parse().ok()?;
    let time = it.next().and_then(hms).unwrap_or(Time::MIDNIGHT);
    let date = Date::from_calendar_date(year, month, day).ok()?;
    Some(PrimitiveDateTime::new(date, time).assume_utc())
}

fn month_from_name(name: &str) -> Option<Month> {
    let n = name.get(..3)?.to_ascii_lowercase();
    let m = [
        "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
    ]
    .iter()
    .position(|&x| x == n)?;
    Month::try_from(m as u8 + 1).ok()
}

fn split_date_time(s: &str) -> (&str, Option<&str>) {
    match s.find(['T', ' ']) {
        Some(i) => (&s[..i], Some(s[i + 1..].trim())),
        None => (s, None),
    }
}

fn numbers(s: &str, seps: &[char]) -> Option<Vec<u32>> {
    s.split(seps)
        .map(|p| p.parse::<u32>().ok())
        .collect::<Option<Vec<_>>>()
}

fn ymd(s: &str) -> Option<Date> {
    let n = numbers(s, &['-', '/', '.'])?;
    match n.as_slice() {
        [y, m, d] if *y >= 1000 => calendar(*y, *m, *d),
        [y, m] if *y >= 1000 => calendar(*y, *m, 1),
        [y] if *y >= 1000 && s.len() == 4 => calendar(*y, 1, 1),
        _ => None,
    }
}

/// `01.02.2022`, `01/02/2022` (day first, as in Ukraine and Russia).
fn dmy(s: &str) -> Option<Date> {
    match numbers(s, &['.', '/', '-'])?.as_slice() {
        [d, m, y] if *y >= 1000 => calendar(*y, *m, *d),
        _ => None,
    }
}

fn calendar(y: u32, m: u32, d: u32) -> Option<Date> {
    let month = Month::try_from(u8::try_from(m).ok()?).ok()?;
    Date::from_calendar_date(i32::try_from(y).ok()?, month, u8::try_from(d).ok()?).ok()
}

fn hms(s: &str) -> Option<Time> {
    // Drop fractions and a zone we could not interpret ("10:00:00.123", "10:00 MSK").
    let core: String = s
        .chars()
        .take_while(|c| c.is_ascii_digit() || *c == ':')
        .collect();
    let n = numbers(&core, &[':'])?;
    let (h, m, sec) = match n.as_slice() {
        [h, m] => (*h, *m, 0),
        [h, m, s] => (*h, *m, *s),
        _ => return None,
    };
    Time::from_hms(
        u8::try_from(h).ok()?,
        u8::try_from(m).ok()?,
        u8::try_from(sec).ok()?,
    )
    .ok()
}

#[cfg(test)]
mod tests {
    use super::normalize_date;

    #[test]
    fn formats_scrapers_write() {
        let cases = [
            ("2022-02-01", Some("2022-02-01")),
            ("2022-02-01T10:00:00+02:00", Some("2022-02-01T08:00:00Z")),
            ("2022-02-01 10:30:00", Some("2022-02-01T10:30:00")),
            ("2022-02-01T10:30", Some("2022-02-01T10:30:00")),
            ("2014-01-03T03:03:21Z", Some("2014-01-03T03:03:21Z")),
            (
                "Tue, 01 Feb 2022 10:00:00 GMT",
                Some("2022-02-01T10:00:00Z"),
            ),
            ("1 Feb 2022", Some("2022-02-01T00:00:00Z")),
            ("01.02.2022", Some("2022-02-01")),
            ("01.02.2022 17:55", Some("2022-02-01T17:55:00")),
            ("1643709600", Some("2022-02-01T10:00:00Z")),
            ("1643709600000", Some("2022-02-01T10:00:00Z")),
            ("2022-02", Some("2022-02-01")),
            ("вчора", None),
            ("", None),
            ("2022-13-45", None),
            ("0001-01-01", None),
        ];
        for (input, want) in cases {
            assert_eq!(normalize_date(input).as_deref(), want, "input {input:?}");
        }
    }
}
