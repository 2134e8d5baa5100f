//! Counting a query's matches: by source, language and day (what the total,
//! the facets and the timeline come from) and, in the same pass, how many of
//! them are in a story. Kept answers of common words store these rows
//! (`kept.rs`), so their facets cost what a rare word's do.

use std::collections::BTreeMap;

use rusqlite::Connection;

use super::plan::Plan;
use super::Facets;
use crate::error::Result;
use crate::store::articles::UNKNOWN;

/// Of some matches: how many are in a story, first publishers of theirs, and
/// in a story with another source.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(crate) struct StoryCounts {
    pub members: i64,
    pub firsts: i64,
    pub reprints: i64,
}

/// Matches of one source ('' for none), language and day ('' when undated,
/// else the first 10 characters of `published_at`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct CountRow {
    pub source: String,
    pub language: String,
    pub day: String,
    pub n: i64,
    /// Zero when counted without stories (see [`count_rows`]).
    pub stories: StoryCounts,
}

impl CountRow {
    /// A row of `source, language, day, n, members, firsts, reprints` (sums
    /// over no member are NULL: 0).
    pub(crate) fn read(r: &rusqlite::Row) -> rusqlite::Result<CountRow> {
        let zero_if_null =
            |i: usize| -> rusqlite::Result<i64> { Ok(r.get::<_, Option<i64>>(i)?.unwrap_or(0)) };
        Ok(CountRow {
            source: r.get(0)?,
            language: r.get(1)?,
            day: r.get(2)?,
            n: r.get(3)?,
            stories: StoryCounts {
                members: zero_if_null(4)?,
                firsts: zero_if_null(5)?,
                reprints: zero_if_null(6)?,
            },
        })
    }
}

/// Counts of `plan`'s matches by source, language and day: from the kept
/// counts when the query only filters by those (then without stories), else
/// one pass over the matches, which with `stories` also looks each match up
/// among the story members.
pub(crate) fn count_rows(conn: &Connection, plan: &Plan, stories: bool) -> Result<Vec<CountRow>> {
    let sql = match (plan.counts_only, stories) {
        (true, _) => format!(
            "SELECT coalesce(a.source, ''), a.language, coalesce(substr(a.published_at, 1, 10), ''),
                    sum(a.n), 0, 0, 0
             FROM article_counts_view a WHERE ?1 IS NULL AND ({}) GROUP BY 1, 2, 3",
            plan.filter_sql()
        ),
        (false, false) => format!(
            "SELECT coalesce(a.source, ''), a.language, coalesce(substr(a.published_at, 1, 10), ''),
                    count(*), 0, 0, 0
             FROM {} GROUP BY 1, 2, 3",
            plan.narrow_from_where()
        ),
        // One lookup per match, its flags packed in one value (NULL: in no
        // story): 1 a member, 2 first, 4 across sources.
        (false, true) => format!(
            "SELECT src, lang, day, count(*), count(m), sum(m / 2 % 2), sum(m / 4)
             FROM (SELECT coalesce(a.source, '') AS src, a.language AS lang,
                          coalesce(substr(a.published_at, 1, 10), '') AS day,
                          (SELECT 1 + 2 * (s.is_first <> 0) + 4 * (s.sources > 1)
                           FROM story_members s WHERE s.article_id = a.id) AS m
                   FROM {})
             GROUP BY 1, 2, 3",
            plan.narrow_from_where()
        ),
    };
    let mut stmt = conn.prepare(&sql)?;
    let rows = stmt
        .query_map(rusqlite::params_from_iter(&plan.params), CountRow::read)?
        .collect::<rusqlite::Result<_>>()?;
    Ok(rows)
}

/// Whether the library has any story (else there is no story facet).
pub(crate) fn any_story(conn: &Connection) -> Result<bool> {
    Ok(
        conn.query_row("SELECT EXISTS (SELECT 1 FROM story_members)", [], |r| {
            r.get(0)
        })?,
    )
}

/// Matching articles in a story, first in theirs, and with reprints: summed
/// from `rows` when they were counted over the matches with their stories,
/// else (a query of filters only) by walking the story members.
pub(crate) fn story_facet(
    conn: &Connection,
    plan: &Plan,
    rows: &[CountRow],
) -> Result<BTreeMap<String, i64>> {
    if !any_story(conn)? {
        return Ok(BTreeMap::new());
    }
    let counts = match plan.counts_only {
        false => rows
            .iter()
            .fold(StoryCounts::default(), |sum, r| StoryCounts {
                members: sum.members + r.stories.members,
                firsts: sum.firsts + r.stories.firsts,
                reprints: sum.reprints + r.stories.reprints,
            }),
        // Members are few next to the library: walk them and test each
        // against the filter.
        true => {
            let sql = match plan.filter {
                None => {
                    "SELECT count(*), coalesce(sum(s.is_first), 0), coalesce(sum(s.sources > 1), 0)
                         FROM story_members s WHERE ?1 IS NULL"
                        .to_owned()
                }
                Some(_) => format!(
                    "SELECT count(*), coalesce(sum(s.is_first), 0), coalesce(sum(s.sources > 1), 0)
                     FROM story_members s WHERE s.article_id IN (SELECT a.id FROM {})",
                    plan.from_where()
                ),
            };
            conn.query_row(&sql, rusqlite::params_from_iter(&plan.params), |r| {
                Ok(StoryCounts {
                    members: r.get(0)?,
                    firsts: r.get(1)?,
                    reprints: r.get(2)?,
                })
            })?
        }
    };
    Ok(BTreeMap::from([
        ("story".to_owned(), counts.members),
        ("first".to_owned(), counts.firsts),
        ("reprints".to_owned(), counts.reprints),
    ]))
}

/// Adds `n` articles of one source, language and date (any prefix of
/// `published_at` of at least 7 characters, or a year) to the facets.
fn add_count(f: &mut Facets, source: Option<String>, language: String, date: Option<&str>, n: i64) {
    let key = |v: Option<&str>| v.unwrap_or(UNKNOWN).to_owned();
    *f.source
        .entry(source.unwrap_or_else(|| UNKNOWN.to_owned()))
        .or_default() += n;
    *f.language.entry(language).or_default() += n;
    *f.year
        .entry(key(date.and_then(|d| d.get(..4))))
        .or_default() += n;
    // Year-only dates have no month.
    *f.month
        .entry(key(date.and_then(|d| d.get(..7))))
        .or_default() += n;
}

/// Total and facets (but tags and stories) from counts by source, language and day.
pub(crate) fn facets_of(rows: &[CountRow]) -> (i64, Facets) {
    let mut f = Facets::default();
    let mut total = 0;
    fn some(s: &str) -> Option<&str> {
        (!s.is_empty()).then_some(s)
    }
    for row in rows {
        total += row.n;
        add_count(
            &mut f,
            some(&row.source).map(str::to_owned),
            row.language.clone(),
            some(&row.day),
            row.n,
        );
    }
    (total, f)
}
