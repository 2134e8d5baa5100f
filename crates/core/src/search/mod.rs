//! Search over the library: the query language ([`query`]) compiled to SQL and
//! FTS5 ([`compile`]); a page of ranked hits with snippets, the total, facet
//! counts, a histogram over time, and "more like this".

pub mod compile;
pub mod highlight;
pub mod query;
pub mod related;
pub mod saved;

use std::collections::BTreeMap;

use rusqlite::Connection;
use serde::{Deserialize, Serialize};

use crate::error::Result;
use crate::store::articles::UNKNOWN;
use compile::Plan;

pub use related::more_like_this;

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
    let hits = hits(conn, plan, sort, limit, offset)?;
    let (total, facets) = facets(conn, plan)?;
    Ok(SearchResults {
        total,
        hits,
        facets,
    })
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
    let ranked = plan.fts.is_some();
    let score = if ranked {
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
             FROM page JOIN articles a ON a.id = t_id JOIN articles_fts ON articles_fts.rowid = t_id
             WHERE articles_fts MATCH ?1 ORDER BY {order}"
        )
    } else {
        format!(
            "WITH page AS MATERIALIZED ({page})
             SELECT a.uid, a.title, a.source, a.published_at, a.language, substr(a.body, 1, 200), t_score
             FROM page JOIN articles a ON a.id = t_id ORDER BY {order}"
        )
    };
    let mut stmt = conn.prepare(&sql)?;
    let hits = stmt
        .query_map(rusqlite::params_from_iter(&plan.params), |r| {
            Ok(SearchHit {
                id: r.get(0)?,
                title: r.get(1)?,
                source: r.get(2)?,
                published_at: r.get(3)?,
                language: r.get(4)?,
                snippet: r.get(5)?,
                score: r.get(6)?,
            })
        })?
        .collect::<rusqlite::Result<_>>()?;
    Ok(hits)
}

/// Total and facet counts in one pass over the matches (or over the kept
/// counts, when the query only filters by source, language and date).
pub fn facets(conn: &Connection, plan: &Plan) -> Result<(i64, Facets)> {
    let sql = if plan.counts_only {
        format!(
            "SELECT a.source, a.language, substr(a.published_at, 1, 7), sum(a.n)
             FROM article_counts_view a WHERE ?1 IS NULL AND ({}) GROUP BY 1, 2, 3",
            plan.filter
        )
    } else {
        format!(
            "SELECT a.source, a.language, substr(a.published_at, 1, 7), count(*)
             FROM {} GROUP BY 1, 2, 3",
            narrow_from_where(plan)
        )
    };
    let mut stmt = conn.prepare(&sql)?;
    let mut rows = stmt.query(rusqlite::params_from_iter(&plan.params))?;
    let mut f = Facets::default();
    let mut total = 0;
    let key = |v: Option<String>| v.unwrap_or_else(|| UNKNOWN.to_owned());
    while let Some(r) = rows.next()? {
        let (source, language): (Option<String>, String) = (r.get(0)?, r.get(1)?);
        let month: Option<String> = r.get(2)?;
        let n: i64 = r.get(3)?;
        total += n;
        *f.source.entry(key(source)).or_default() += n;
        *f.language.entry(language).or_default() += n;
        let year = month.as_deref().map(|m| m[..m.len().min(4)].to_owned());
        *f.year.entry(key(year)).or_default() += n;
        // Year-only dates have no month.
        let month = month.filter(|m| m.len() == 7);
        *f.month.entry(key(month)).or_default() += n;
    }
    let any_tags: bool = conn.query_row("SELECT EXISTS (SELECT 1 FROM article_tags)", [], |r| {
        r.get(0)
    })?;
    if any_tags {
        f.tag = if plan.fts.is_none() && plan.filter == "1" {
            crate::store::articles::group_counts(
                conn,
                "SELECT t.name, count(*) FROM article_tags x JOIN tags t ON t.id = x.tag_id GROUP BY t.id",
                [],
            )?
        } else {
            let sql = format!(
                "SELECT t.name, count(*) FROM article_tags x JOIN tags t ON t.id = x.tag_id
                 WHERE x.article_id IN (SELECT a.id FROM {}) GROUP BY t.id",
                narrow_from_where(plan)
            );
            crate::store::articles::group_counts(
                conn,
                &sql,
                rusqlite::params_from_iter(&plan.params),
            )?
        };
    }
    Ok((total, f))
}

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
    let period = match bucket {
        Bucket::Day => {
            "CASE WHEN length(a.published_at) >= 10 THEN substr(a.published_at, 1, 10) END"
        }
        Bucket::Week => "date(substr(a.published_at, 1, 10), 'weekday 0', '-6 days')",
        Bucket::Month => {
            "CASE WHEN length(a.published_at) >= 7 THEN substr(a.published_at, 1, 7) END"
        }
        Bucket::Year => "substr(a.published_at, 1, 4)",
    };
    let sql = if plan.counts_only {
        format!(
            "SELECT {period} AS p, sum(a.n) FROM article_counts_view a
             WHERE ?1 IS NULL AND ({}) GROUP BY p ORDER BY p IS NULL, p",
            plan.filter
        )
    } else {
        format!(
            "SELECT {period} AS p, count(*) FROM {} GROUP BY p ORDER BY p IS NULL, p",
            plan.from_where()
        )
    };
    let mut stmt = conn.prepare(&sql)?;
    let mut rows = stmt.query(rusqlite::params_from_iter(&plan.params))?;
    let mut h = Histogram {
        buckets: Vec::new(),
        undated: 0,
    };
    while let Some(r) = rows.next()? {
        let n: i64 = r.get(1)?;
        match r.get::<_, Option<String>>(0)? {
            Some(p) => h.buckets.push((p, n)),
            None => h.undated += n,
        }
    }
    Ok(h)
}
