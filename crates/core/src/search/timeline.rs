//! Matches over time for the timeline chart. The counts by source, language
//! and day that give a query's total and facets give its timeline too, so the
//! window's search walks the matches once, not once for the list and again
//! for the chart.

use std::collections::BTreeMap;

use rusqlite::Connection;
use serde::{Deserialize, Serialize};

use super::counts::{count_rows, CountRow};
use super::kept;
use super::plan::Plan;
use super::prepare;
use crate::error::Result;
use crate::text::dates::week_start;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "lowercase")]
pub enum Bucket {
    Day,
    /// Weeks start on Monday; a week is named by its Monday's date.
    Week,
    #[default]
    Month,
    Year,
}

#[derive(Debug, Clone, Serialize, PartialEq)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct Histogram {
    /// (period, matching articles), oldest first; periods without hits are left out.
    pub buckets: Vec<(String, i64)>,
    /// Matches whose date is missing or too coarse for the bucket.
    pub undated: i64,
}

/// Matches of `text` over time, for the timeline chart.
pub fn histogram(conn: &Connection, text: &str, bucket: Bucket) -> Result<Histogram> {
    histogram_of(conn, &prepare(conn, text)?, bucket)
}

/// [`histogram`] of a compiled query.
pub fn histogram_of(conn: &Connection, plan: &Plan, bucket: Bucket) -> Result<Histogram> {
    let kept = match plan.counts_only {
        true => None,
        false => kept::kept_for(conn, plan)?,
    };
    let rows = match kept {
        Some(kept) => kept::counts(conn, plan, &kept)?,
        None => count_rows(conn, plan, false)?,
    };
    Ok(of_rows(&rows, bucket))
}

/// The timeline of matches counted by day (`CountRow`s: '' when undated).
pub(crate) fn of_rows(rows: &[CountRow], bucket: Bucket) -> Histogram {
    let mut periods: BTreeMap<String, i64> = BTreeMap::new();
    let mut undated = 0;
    for row in rows {
        match period(&row.day, bucket) {
            Some(p) => *periods.entry(p).or_default() += row.n,
            None => undated += row.n,
        }
    }
    Histogram {
        buckets: periods.into_iter().collect(),
        undated,
    }
}

/// The period of `bucket` holding `day` (the first 10 characters of a
/// `published_at`); `None` when the date is too coarse for it.
fn period(day: &str, bucket: Bucket) -> Option<String> {
    let first = |n: usize| -> Option<String> {
        (day.chars().count() >= n).then(|| day.chars().take(n).collect())
    };
    match bucket {
        Bucket::Day => first(10),
        Bucket::Week => week_start(day),
        Bucket::Month => first(7),
        Bucket::Year => (!day.is_empty()).then(|| day.chars().take(4).collect()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Weeks used to be computed by SQLite's `date(d, 'weekday 0', '-6 days')`:
    /// the Rust computation must name the same Monday for every day.
    #[test]
    fn week_start_agrees_with_sqlite() {
        let conn = Connection::open_in_memory().unwrap();
        let mut q = conn
            .prepare("SELECT date(?1, 'weekday 0', '-6 days')")
            .unwrap();
        let mut days = Vec::new();
        for y in [1899, 1900, 1999, 2000, 2022, 2023, 2024, 2100] {
            for m in 1..=12 {
                for d in 1..=31 {
                    days.push(format!("{y:04}-{m:02}-{d:02}"));
                }
            }
        }
        for day in &days {
            let sqlite: Option<String> = q.query_row([day], |r| r.get(0)).unwrap();
            assert_eq!(week_start(day), sqlite, "week of {day}");
        }
    }

    /// Regression: a year-only date went through SQLite's `date('2022')`,
    /// which reads a bare number as a Julian day, into the week of -4707-06-01.
    #[test]
    fn a_year_only_date_has_no_week() {
        assert_eq!(period("2022", Bucket::Week), None);
        assert_eq!(period("2022-03", Bucket::Week), None);
        assert_eq!(period("2022", Bucket::Year).as_deref(), Some("2022"));
        assert_eq!(period("2022", Bucket::Month), None);
        assert_eq!(period("2022-03", Bucket::Month).as_deref(), Some("2022-03"));
        assert_eq!(period("", Bucket::Year), None);
    }

    #[test]
    fn periods_of_a_full_date() {
        let day = "2022-01-15";
        assert_eq!(period(day, Bucket::Day).as_deref(), Some(day));
        assert_eq!(period(day, Bucket::Week).as_deref(), Some("2022-01-10"));
        assert_eq!(period(day, Bucket::Month).as_deref(), Some("2022-01"));
        assert_eq!(period(day, Bucket::Year).as_deref(), Some("2022"));
    }

    #[test]
    fn rows_sum_into_periods_oldest_first() {
        let row = |day: &str, n| CountRow {
            source: "s".to_owned(),
            language: "uk".to_owned(),
            day: day.to_owned(),
            n,
            stories: Default::default(),
        };
        let rows = [
            row("2022-02-01", 2),
            row("2022-01-31", 1),
            row("2022-01-03", 4),
            row("", 5),
            row("2021", 7),
        ];
        let h = of_rows(&rows, Bucket::Month);
        assert_eq!(
            h.buckets,
            vec![("2022-01".to_owned(), 5), ("2022-02".to_owned(), 2)]
        );
        assert_eq!(h.undated, 12);
    }
}
