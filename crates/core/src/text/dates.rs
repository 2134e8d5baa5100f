//! Every date the house reads, in one place (the text floor, so the store,
//! search and importers all reach it downwards): publication dates as
//! scrapers, pages and archives write them, normalised to `YYYY-MM-DD`,
//! `YYYY-MM-DDTHH:MM:SS` (local time, zone unknown) or `YYYY-MM-DDTHH:MM:SSZ`
//! (UTC); datelines inside texts; the periods of `date:`/`after:`/`before:`;
//! the weeks of the timeline. One month-name reader serves them all.

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
    Month::try_from(u8::try_from(month_number(name)?).ok()?).ok()
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

// Datelines: a line of a text that holds only a date and/or time.

/// The date of a line that holds only a date and/or time
/// (`15:15 19 кві 2025.`, `понеділок, 1 грудень 2025, 23:48`, `21.02.2025`, `19:36`):
/// `Some(Some("YYYY-MM-DD[THH:MM:00]"))` when it names a full date, `Some(None)`
/// for a time alone, `None` when the line is anything else.
pub fn parse_dateline(text: &str) -> Option<Option<String>> {
    if text.chars().count() > 60 {
        return None;
    }
    let (mut day, mut month, mut year, mut time) = (None, None, None, None);
    let mut any_digit = false;
    for part in text.split(|c: char| c.is_whitespace() || c == ',') {
        let part = part.trim_end_matches('.');
        if part.is_empty() {
            continue;
        }
        if let Some((h, m)) = part.split_once(':') {
            let (h, m) = (h.parse::<u32>().ok()?, m.parse::<u32>().ok()?);
            if h > 23 || m > 59 {
                return None;
            }
            time = Some((h, m));
            any_digit = true;
        } else if part.contains(['.', '/']) && part.chars().next()?.is_ascii_digit() {
            let n: Vec<u32> = part
                .split(['.', '/'])
                .map(|p| p.parse().ok())
                .collect::<Option<_>>()?;
            let [d, m, y] = n[..] else { return None };
            (day, month, year) = (Some(d), Some(m), Some(y));
            any_digit = true;
        } else if let Ok(n) = part.parse::<u32>() {
            if n >= 1000 {
                year = Some(n);
            } else if n <= 31 && day.is_none() {
                day = Some(n);
            } else {
                return None;
            }
            any_digit = true;
        } else if let Some(m) = month_number(part) {
            month = Some(m);
        } else if !is_date_word(part) {
            return None;
        }
    }
    if !any_digit {
        return None;
    }
    let date = match (year, month, day) {
        (Some(y), Some(m), Some(d)) => normalize_date(&format!("{y:04}-{m:02}-{d:02}")),
        (None, None, None) if time.is_some() => None,
        _ => return None,
    };
    if year.is_some() && date.is_none() {
        return None;
    }
    Some(date.map(|d| match time {
        Some((h, m)) => format!("{d}T{h:02}:{m:02}:00"),
        None => d,
    }))
}

/// Month names and their usual abbreviations in Ukrainian, Russian and English,
/// in any grammatical case.
pub fn month_number(word: &str) -> Option<u32> {
    const STEMS: [&[&str]; 12] = [
        &["січ", "янв", "jan"],
        &["лют", "фев", "feb"],
        &["бер", "мар", "mar"],
        &["кві", "апр", "apr"],
        &["тра", "мая", "май", "may"],
        &["чер", "июн", "jun"],
        &["лип", "июл", "jul"],
        &["сер", "авг", "aug"],
        &["вер", "сен", "sep"],
        &["жов", "окт", "oct"],
        &["лис", "ноя", "nov"],
        &["гру", "дек", "dec"],
    ];
    let w = word.to_lowercase();
    if w.chars().count() > 10 || !w.chars().all(char::is_alphabetic) {
        return None;
    }
    let head: String = w.chars().take(3).collect();
    STEMS
        .iter()
        .position(|s| s.contains(&head.as_str()))
        .map(|i| i as u32 + 1)
}

/// Weekdays and the small words datelines carry (`року`, `г.`, `о`, `в`).
fn is_date_word(word: &str) -> bool {
    const WORDS: &[&str] = &[
        "понеділок",
        "вівторок",
        "середа",
        "четвер",
        "пʼятниця",
        "п'ятниця",
        "субота",
        "неділя",
        "понедельник",
        "вторник",
        "среда",
        "четверг",
        "пятница",
        "суббота",
        "воскресенье",
        "року",
        "рік",
        "р",
        "года",
        "год",
        "г",
        "о",
        "об",
        "в",
        "at",
        "|",
        "-",
        "–",
        "—",
    ];
    WORDS.contains(&word.to_lowercase().as_str())
}

// Query periods: `date:2022`, `after:2022-03`, `before:2022-03-15`.

/// A calendar date or period `YYYY`, `YYYY-MM` or `YYYY-MM-DD`: (year, month, day).
pub type Period = (i32, Option<u32>, Option<u32>);

pub fn parse_period(value: &str) -> Option<Period> {
    let mut parts = value.split(['-', '.', '/']);
    let y = parts.next()?;
    if y.len() != 4 {
        return None;
    }
    let y: i32 = y.parse().ok()?;
    let m = match parts.next() {
        Some(m) if (1..=2).contains(&m.len()) => {
            Some(m.parse::<u32>().ok().filter(|m| (1..=12).contains(m))?)
        }
        Some(_) => return None,
        None => None,
    };
    let d = match parts.next() {
        Some(d) if (1..=2).contains(&d.len()) => {
            let d: u32 = d.parse().ok()?;
            (d >= 1 && d <= days_in_month(y, m?)).then_some(d)?;
            Some(d)
        }
        Some(_) => return None,
        None => None,
    };
    if parts.next().is_some() {
        return None;
    }
    Some((y, m, d))
}

fn days_in_month(y: i32, m: u32) -> u32 {
    match m {
        2 if (y % 4 == 0 && y % 100 != 0) || y % 400 == 0 => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

pub fn format_period(y: i32, m: Option<u32>, d: Option<u32>) -> String {
    match (m, d) {
        (Some(m), Some(d)) => format!("{y:04}-{m:02}-{d:02}"),
        (Some(m), None) => format!("{y:04}-{m:02}"),
        _ => format!("{y:04}"),
    }
}

/// The first moment after the period.
pub fn period_end(y: i32, m: Option<u32>, d: Option<u32>) -> String {
    match (m, d) {
        (Some(m), Some(d)) if d < days_in_month(y, m) => format_period(y, Some(m), Some(d + 1)),
        (Some(12), _) => format_period(y + 1, Some(1), d.map(|_| 1)),
        (Some(m), _) => format_period(y, Some(m + 1), d.map(|_| 1)),
        _ => format_period(y + 1, None, None),
    }
}

// Weeks, for the timeline.

/// The Monday of the week of a `YYYY-MM-DD` date, as `YYYY-MM-DD`. Days past
/// the month's end roll over into the next month, as SQLite's `date()` does.
pub fn week_start(day: &str) -> Option<String> {
    let b = day.as_bytes();
    if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
        return None;
    }
    let num = |s: &[u8]| -> Option<i64> {
        s.iter().try_fold(0i64, |acc, &c| {
            c.is_ascii_digit().then(|| acc * 10 + i64::from(c - b'0'))
        })
    };
    let (y, m, d) = (num(&b[..4])?, num(&b[5..7])?, num(&b[8..])?);
    if !(1..=12).contains(&m) || !(1..=31).contains(&d) {
        return None;
    }
    let days = days_from_civil(y, m, d);
    // 1970-01-01 was a Thursday: Monday is 3 days before it.
    let monday = days - (days + 3).rem_euclid(7);
    let (y, m, d) = civil_from_days(monday);
    Some(format!("{y:04}-{m:02}-{d:02}"))
}

/// Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's algorithm).
fn days_from_civil(y: i64, m: i64, d: i64) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (m + 9) % 12;
    let doy = (153 * mp + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

fn civil_from_days(z: i64) -> (i64, i64, i64) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    (
        if m <= 2 {
            yoe + era * 400 + 1
        } else {
            yoe + era * 400
        },
        m,
        d,
    )
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
            // One month-name reader for import dates and datelines: Ukrainian and Russian too.
            ("5 березня 2024", Some("2024-03-05T00:00:00Z")),
            ("3 марта 2023", Some("2023-03-03T00:00:00Z")),
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
