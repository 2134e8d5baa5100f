//! Search over the library: the query language ([`query`]) compiled to SQL and
//! FTS5 ([`compile`]); a page of ranked hits with snippets, the total, facet
//! counts, a histogram over time, and "more like this".

pub mod common;
pub mod compile;
pub mod highlight;
pub mod query;
pub mod related;
pub mod saved;
pub mod timeline;

use std::collections::BTreeMap;

use rusqlite::types::Value;
use rusqlite::Connection;
use serde::{Deserialize, Serialize};

use crate::error::Result;
use crate::store::articles::UNKNOWN;
use common::{Answer, CountRow};
use compile::Plan;

pub use related::more_like_this;
pub use timeline::{histogram, histogram_of, Bucket, Histogram};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "lowercase")]
pub enum Sort {
    #[default]
    Relevance,
    Newest,
    Oldest,
}

#[derive(Debug, Clone, Serialize, PartialEq)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct SearchHit {
    pub id: String,
    pub title: String,
    pub source: Option<String>,
    pub published_at: Option<String>,
    pub language: String,
    /// Text around the matches, matched words between `[[` and `]]`.
    pub snippet: String,
    /// BM25 relevance (higher is better) when sorted by relevance; 0 in date order.
    pub score: f64,
}

/// Counts of matching articles by value; articles without one count as `unknown`.
#[derive(Debug, Clone, Serialize, PartialEq, Default)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct Facets {
    pub source: BTreeMap<String, i64>,
    pub language: BTreeMap<String, i64>,
    pub year: BTreeMap<String, i64>,
    /// `YYYY-MM`.
    pub month: BTreeMap<String, i64>,
    /// Tag name → matching articles with that tag (not counting tags below it).
    pub tag: BTreeMap<String, i64>,
}

#[derive(Debug, Clone, Serialize, PartialEq)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct SearchResults {
    pub total: i64,
    pub hits: Vec<SearchHit>,
    pub facets: Facets,
}

/// Parses and compiles `text` (see [`query`] for the language).
pub fn prepare(conn: &Connection, text: &str) -> Result<Plan> {
    compile::plan(conn, &query::parse(text)?)
}

/// Articles matching `text`, a page of hits, the total, and facet counts. An
/// empty query matches every article.
pub fn search(
    conn: &Connection,
    text: &str,
    sort: Sort,
    limit: u32,
    offset: u32,
) -> Result<SearchResults> {
    search_plan(conn, &prepare(conn, text)?, sort, limit, offset)
}

/// [`search`] of a compiled query.
pub fn search_plan(
    conn: &Connection,
    plan: &Plan,
    sort: Sort,
    limit: u32,
    offset: u32,
) -> Result<SearchResults> {
    search_plan_keeping_from(conn, plan, sort, limit, offset, common::KEEP_FROM)
}

/// [`search_plan`] that keeps the answer of a query without conditions once
/// it has `keep_from` matches (tests use small libraries).
#[doc(hidden)]
pub fn search_plan_keeping_from(
    conn: &Connection,
    plan: &Plan,
    sort: Sort,
    limit: u32,
    offset: u32,
    keep_from: i64,
) -> Result<SearchResults> {
    Ok(results_and_counts(conn, plan, sort, limit, offset, keep_from)?.0)
}

/// [`search`] and the [`histogram`] of its matches by `bucket`, from one pass
/// over them: what the window asks for on every keystroke.
pub fn search_with_timeline(
    conn: &Connection,
    text: &str,
    sort: Sort,
    limit: u32,
    offset: u32,
    bucket: Bucket,
) -> Result<(SearchResults, Histogram)> {
    let plan = prepare(conn, text)?;
    let (results, rows) = results_and_counts(conn, &plan, sort, limit, offset, common::KEEP_FROM)?;
    Ok((results, timeline::of_rows(&rows, bucket)))
}

/// A page of results and the counts of all matches by source, language and
/// day that its total and facets come from.
fn results_and_counts(
    conn: &Connection,
    plan: &Plan,
    sort: Sort,
    limit: u32,
    offset: u32,
    keep_from: i64,
) -> Result<(SearchResults, Vec<CountRow>)> {
    let (hits, rows, kept) = match common::answer(conn, plan, keep_from)? {
        Some(Answer::Kept(kept)) => {
            let rows = common::counts(conn, plan, &kept)?;
            let hits = match common::page(conn, plan, &kept, &rows, sort, limit, offset)? {
                Some(ids) => hits_of(conn, plan, &ids)?,
                None => hits(conn, plan, sort, limit, offset)?,
            };
            (hits, rows, true)
        }
        Some(Answer::Counted(rows)) => (hits(conn, plan, sort, limit, offset)?, rows, false),
        None => (
            hits(conn, plan, sort, limit, offset)?,
            count_rows(conn, plan)?,
            false,
        ),
    };
    let (total, mut facets) = facets_of(&rows);
    // Most articles match a kept word: look its tagged articles up instead.
    facets.tag = tag_facet(conn, plan, kept)?;
    let results = SearchResults {
        total,
        hits,
        facets,
    };
    Ok((results, rows))
}

/// The ids of every article matching `text`, in storage order (for bulk work such as tagging).
pub fn matching_ids(conn: &Connection, text: &str) -> Result<Vec<i64>> {
    let plan = prepare(conn, text)?;
    let sql = format!("SELECT a.id FROM {}", plan.from_where());
    let mut stmt = conn.prepare(&sql)?;
    let ids = stmt
        .query_map(rusqlite::params_from_iter(&plan.params), |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    Ok(ids)
}

/// [`Plan::from_where`] for work that needs of each match only the columns
/// in the narrow index `articles_search_cover` (id, source, language,
/// published_at): ranked queries read those from the index instead of the wide
/// rows. Without words SQLite picks its own index (by date, for a sorted page).
fn narrow_from_where(plan: &Plan) -> String {
    match plan.fts {
        Some(_) => format!(
            "articles_fts JOIN articles a INDEXED BY articles_search_cover \
             ON a.id = articles_fts.rowid WHERE articles_fts MATCH ?1 AND ({})",
            plan.filter
        ),
        None => format!(
            "articles a INDEXED BY articles_search_cover WHERE ?1 IS NULL AND ({})",
            plan.filter
        ),
    }
}

pub(crate) fn hits(
    conn: &Connection,
    plan: &Plan,
    sort: Sort,
    limit: u32,
    offset: u32,
) -> Result<Vec<SearchHit>> {
    let mut stmt = conn.prepare(&hits_sql(plan, sort, limit, offset))?;
    let hits = stmt
        .query_map(rusqlite::params_from_iter(&plan.params), hit_of_row)?
        .collect::<rusqlite::Result<_>>()?;
    Ok(hits)
}

/// The statement behind [`hits`].
fn hits_sql(plan: &Plan, sort: Sort, limit: u32, offset: u32) -> String {
    let ranked = plan.fts.is_some();
    let score = if ranked && sort == Sort::Relevance {
        "-bm25(articles_fts, 5.0, 1.0, 0.5)"
    } else {
        "0.0"
    };
    let order = match sort {
        Sort::Relevance if ranked => "t_score DESC, t_id DESC",
        // Undated articles sort last in a descending order anyway, so the date index serves it.
        Sort::Relevance | Sort::Newest => "t_pub DESC, t_id DESC",
        Sort::Oldest => "t_pub IS NULL, t_pub ASC, t_id ASC",
    };
    // The page is chosen first and only its rows get snippets: SQLite would
    // otherwise build a snippet for every match before sorting.
    let page = format!(
        "SELECT a.id AS t_id, a.published_at AS t_pub, {score} AS t_score FROM {}
         ORDER BY {order} LIMIT {limit} OFFSET {offset}",
        if ranked {
            narrow_from_where(plan)
        } else {
            plan.from_where()
        }
    );
    let sql = if ranked {
        format!(
            "WITH page AS MATERIALIZED ({page})
             SELECT a.uid, a.title, a.source, a.published_at, a.language,
                    snippet(articles_fts, -1, '[[', ']]', '…', 24), t_score
             FROM page {} articles a ON a.id = t_id {} articles_fts ON articles_fts.rowid = t_id
             WHERE articles_fts MATCH ?1 ORDER BY {order}",
            page_first(plan),
            page_first(plan),
        )
    } else {
        format!(
            "WITH page AS MATERIALIZED ({page})
             SELECT a.uid, a.title, a.source, a.published_at, a.language, substr(a.body, 1, 200), t_score
             FROM page JOIN articles a ON a.id = t_id ORDER BY {order}"
        )
    };
    sql
}

/// How a page of hits joins its articles and their index rows. Left to
/// itself SQLite may scan every match and read each one's (wide) article row
/// to find the 50 of the page: tens of milliseconds for a few thousand
/// matches. `CROSS JOIN` keeps the page outermost, so only its rows are read
/// and looked up in the index. Not for a prefix, which FTS5 would expand
/// again for every row looked up: one pass over the matches is cheaper then.
fn page_first(plan: &Plan) -> &'static str {
    match plan.fts.as_deref().is_some_and(common::has_prefix) {
        true => "JOIN",
        false => "CROSS JOIN",
    }
}

/// A hit from the columns uid, title, source, published_at, language, snippet, score.
fn hit_of_row(r: &rusqlite::Row) -> rusqlite::Result<SearchHit> {
    Ok(SearchHit {
        id: r.get(0)?,
        title: r.get(1)?,
        source: r.get(2)?,
        published_at: r.get(3)?,
        language: r.get(4)?,
        snippet: r.get(5)?,
        score: r.get(6)?,
    })
}

/// Hits for the articles `ids` with their scores, in that order (all of them match `plan`).
fn hits_of(conn: &Connection, plan: &Plan, ids: &[(i64, f64)]) -> Result<Vec<SearchHit>> {
    let ids = serde_json::to_string(ids).map_err(|e| crate::Error::InvalidInput(e.to_string()))?;
    // No bm25() here: for a lookup by rowid FTS5 would count the documents
    // of each term again for every row. A prefix is expanded to its terms
    // for each lookup too, so for a prefix one pass over the matches makes
    // the snippets instead (`+rowid` keeps FTS5 from looking rows up).
    let page = "WITH page AS MATERIALIZED (
             SELECT j.key AS t_ord, j.value ->> 0 AS t_id, j.value ->> 1 AS t_score FROM json_each(?2) j)";
    let columns = "a.uid, a.title, a.source, a.published_at, a.language";
    let snippet = "snippet(articles_fts, -1, '[[', ']]', '…', 24)";
    let sql = if plan.fts.as_deref().is_some_and(common::has_prefix) {
        format!(
            "{page}, snips AS MATERIALIZED (
                 SELECT rowid AS s_id, {snippet} AS snip FROM articles_fts
                 WHERE articles_fts MATCH ?1 AND +rowid IN (SELECT t_id FROM page))
             SELECT {columns}, snip, t_score
             FROM page JOIN articles a ON a.id = t_id JOIN snips ON s_id = t_id ORDER BY t_ord"
        )
    } else {
        format!(
            "{page} SELECT {columns}, {snippet}, t_score
             FROM page CROSS JOIN articles a ON a.id = t_id
             CROSS JOIN articles_fts ON articles_fts.rowid = t_id
             WHERE articles_fts MATCH ?1 ORDER BY t_ord"
        )
    };
    let mut stmt = conn.prepare(&sql)?;
    let params = [plan.params[0].clone(), Value::Text(ids)];
    let hits = stmt
        .query_map(rusqlite::params_from_iter(&params), hit_of_row)?
        .collect::<rusqlite::Result<_>>()?;
    Ok(hits)
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

/// Total and facets (but tags) from counts by source, language and day.
fn facets_of(rows: &[CountRow]) -> (i64, Facets) {
    let mut f = Facets::default();
    let mut total = 0;
    fn some(s: &str) -> Option<&str> {
        (!s.is_empty()).then_some(s)
    }
    for (source, language, day, n) in rows {
        total += n;
        add_count(
            &mut f,
            some(source).map(str::to_owned),
            language.clone(),
            some(day),
            *n,
        );
    }
    (total, f)
}

/// Total and facet counts in one pass over the matches (or over the kept
/// counts, when the query only filters by source, language and date).
pub fn facets(conn: &Connection, plan: &Plan) -> Result<(i64, Facets)> {
    let (total, mut f) = facets_of(&count_rows(conn, plan)?);
    f.tag = tag_facet(conn, plan, false)?;
    Ok((total, f))
}

/// Counts of `plan`'s matches by source, language and day: from the kept
/// counts when the query only filters by those, else one pass over the matches.
pub(crate) fn count_rows(conn: &Connection, plan: &Plan) -> Result<Vec<CountRow>> {
    let (from_where, count) = match plan.counts_only {
        true => (
            format!(
                "article_counts_view a WHERE ?1 IS NULL AND ({})",
                plan.filter
            ),
            "sum(a.n)",
        ),
        false => (narrow_from_where(plan), "count(*)"),
    };
    let sql = format!(
        "SELECT coalesce(a.source, ''), a.language, coalesce(substr(a.published_at, 1, 10), ''), {count}
         FROM {from_where} GROUP BY 1, 2, 3"
    );
    let mut stmt = conn.prepare(&sql)?;
    let rows = stmt
        .query_map(rusqlite::params_from_iter(&plan.params), |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?))
        })?
        .collect::<rusqlite::Result<_>>()?;
    Ok(rows)
}

/// Matching articles by tag. With `probe`, each tagged article is looked up
/// in the index instead of listing every match: quicker when most articles match.
fn tag_facet(conn: &Connection, plan: &Plan, probe: bool) -> Result<BTreeMap<String, i64>> {
    let any_tags: bool = conn.query_row("SELECT EXISTS (SELECT 1 FROM article_tags)", [], |r| {
        r.get(0)
    })?;
    if !any_tags {
        return Ok(BTreeMap::new());
    }
    if plan.fts.is_none() && plan.filter == "1" {
        return crate::store::articles::group_counts(
            conn,
            "SELECT t.name, count(*) FROM article_tags x JOIN tags t ON t.id = x.tag_id GROUP BY t.id",
            [],
        );
    }
    let sql = if probe && plan.fts.is_some() {
        format!(
            "SELECT t.name, count(*) FROM article_tags x JOIN tags t ON t.id = x.tag_id
             JOIN articles a INDEXED BY articles_search_cover ON a.id = x.article_id
             WHERE ({}) AND EXISTS (SELECT 1 FROM articles_fts
                 WHERE articles_fts MATCH ?1 AND articles_fts.rowid = x.article_id)
             GROUP BY t.id",
            plan.filter
        )
    } else {
        format!(
            "SELECT t.name, count(*) FROM article_tags x JOIN tags t ON t.id = x.tag_id
             WHERE x.article_id IN (SELECT a.id FROM {}) GROUP BY t.id",
            narrow_from_where(plan)
        )
    };
    crate::store::articles::group_counts(conn, &sql, rusqlite::params_from_iter(&plan.params))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Regression: SQLite scanned every match of a word (reading each one's
    /// wide article row) to join the 50 of a page, 4x slower at 6,500 matches.
    #[test]
    fn a_page_of_hits_reads_only_its_own_rows() {
        let mut lib = crate::Library::open_in_memory().unwrap();
        crate::demo::add_samples(&mut lib).unwrap();
        let conn = lib.conn();
        for (q, page_first) in [("Лавров", true), ("Лавров lang:uk", true), ("Лавр*", false)]
        {
            let plan = prepare(conn, q).unwrap();
            let sql = format!(
                "EXPLAIN QUERY PLAN {}",
                hits_sql(&plan, Sort::Relevance, 50, 0)
            );
            let mut stmt = conn.prepare(&sql).unwrap();
            let steps: Vec<String> = stmt
                .query_map(rusqlite::params_from_iter(&plan.params), |r| r.get(3))
                .unwrap()
                .collect::<rusqlite::Result<_>>()
                .unwrap();
            let page_outermost = steps.iter().any(|s| s == "SCAN page");
            assert_eq!(page_outermost, page_first, "{q}: {steps:?}");
        }
    }
}
