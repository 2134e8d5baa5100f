//! Search over the library: the query language ([`query`]) compiled to SQL and
//! FTS5 ([`compile`]); a page of ranked hits with snippets, the total, facet
//! counts, a histogram over time, and "more like this".

pub mod compile;
mod counts;
pub mod forms;
pub mod fts_expr;
pub mod highlight;
pub mod kept;
mod lex;
mod named;
mod page;
pub mod plan;
pub mod query;
mod readings;
pub mod related;
pub mod saved;
mod sql;
pub mod timeline;

use std::collections::BTreeMap;

use rusqlite::Connection;
use serde::{Deserialize, Serialize};

use crate::error::Result;
use counts::{count_rows, facets_of, story_facet, CountRow};
use kept::Answer;
pub(crate) use page::hits;
use page::{hits_of, hits_walking, walk_by_date};
use plan::Plan;

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
    /// Articles of the largest stories first (a story's members together,
    /// earliest first); articles in no story last, newest first.
    #[serde(rename = "story-size")]
    StorySize,
}

#[derive(Debug, Clone, Serialize, PartialEq)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct SearchHit {
    pub id: String,
    pub title: String,
    pub source: Option<String>,
    pub published_at: Option<String>,
    pub language: String,
    /// Text around the matches (the start of the text without words).
    pub snippet: String,
    /// The matched words in `snippet`, as code-point spans.
    pub marks: Vec<highlight::Span>,
    /// BM25 relevance (higher is better) when sorted by relevance; 0 in date order.
    pub score: f64,
    /// The article's tags, by name.
    pub tags: Vec<String>,
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
    /// Matching articles that are in a story (`story`), first publishers of
    /// theirs (`first`), in a story with another source (`reprints`); empty
    /// when the library has no stories.
    #[serde(default)]
    pub story: BTreeMap<String, i64>,
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
    search_plan_keeping_from(conn, plan, sort, limit, offset, kept::KEEP_FROM)
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
    let (results, rows) = results_and_counts(conn, &plan, sort, limit, offset, kept::KEEP_FROM)?;
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
    let (hits, rows, kept) = match kept::answer(conn, plan, keep_from)? {
        Some(Answer::Kept(kept)) => {
            let rows = kept::counts(conn, plan, &kept)?;
            let hits = match kept::page(conn, plan, &kept, &rows, sort, limit, offset)? {
                Some(ids) => hits_of(conn, plan, &ids)?,
                None => hits(conn, plan, sort, limit, offset)?,
            };
            (hits, rows, true)
        }
        Some(Answer::Counted(rows)) => (hits(conn, plan, sort, limit, offset)?, rows, false),
        None => {
            let rows = count_rows(conn, plan, counts::any_story(conn)?)?;
            let walk = walk_by_date(conn, plan, sort, limit, offset, &rows)?;
            (
                hits_walking(conn, plan, sort, limit, offset, walk)?,
                rows,
                false,
            )
        }
    };
    let (total, mut facets) = facets_of(&rows);
    // Most articles match a kept word: look its tagged articles up instead.
    facets.tag = tag_facet(conn, plan, kept)?;
    facets.story = story_facet(conn, plan, &rows)?;
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

/// Total and facet counts in one pass over the matches (or over the kept
/// counts, when the query only filters by source, language and date).
pub fn facets(conn: &Connection, plan: &Plan) -> Result<(i64, Facets)> {
    let rows = count_rows(conn, plan, counts::any_story(conn)?)?;
    let (total, mut f) = facets_of(&rows);
    f.tag = tag_facet(conn, plan, false)?;
    f.story = story_facet(conn, plan, &rows)?;
    Ok((total, f))
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
    if plan.fts.is_none() && plan.filter.is_none() {
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
            plan.filter_sql()
        )
    } else {
        format!(
            "SELECT t.name, count(*) FROM article_tags x JOIN tags t ON t.id = x.tag_id
             WHERE x.article_id IN (SELECT a.id FROM {}) GROUP BY t.id",
            plan.narrow_from_where()
        )
    };
    crate::store::articles::group_counts(conn, &sql, rusqlite::params_from_iter(&plan.params))
}
