//! A page of hits: which matches, in which order, with their snippets.

use rusqlite::types::Value;
use rusqlite::Connection;

use super::counts::CountRow;
use super::kept;
use super::plan::Plan;
use super::sql::{exact_rank, snippet_marks, RANK, SNIPPET};
use super::{SearchHit, Sort};
use crate::error::Result;

pub(crate) fn hits(
    conn: &Connection,
    plan: &Plan,
    sort: Sort,
    limit: u32,
    offset: u32,
) -> Result<Vec<SearchHit>> {
    hits_walking(conn, plan, sort, limit, offset, false)
}

/// [`hits`]; with `walk`, a query without words pages by walking the
/// articles by date (see [`walk_by_date`]).
pub(super) fn hits_walking(
    conn: &Connection,
    plan: &Plan,
    sort: Sort,
    limit: u32,
    offset: u32,
    walk: bool,
) -> Result<Vec<SearchHit>> {
    let (params, exact) = match plan.fts.is_some() && sort == Sort::Relevance {
        true => plan.ranking_params(),
        false => (plan.params.clone(), None),
    };
    let mut stmt = conn.prepare(&hits_sql(plan, sort, limit, offset, walk, exact))?;
    let hits = stmt
        .query_map(rusqlite::params_from_iter(&params), hit_of_row)?
        .collect::<rusqlite::Result<_>>()?;
    with_tags(conn, hits)
}

/// `hits` with their articles' tags, looked up in one query for the whole
/// page (a query per hit would be 50 round trips on every keystroke).
fn with_tags(conn: &Connection, mut hits: Vec<SearchHit>) -> Result<Vec<SearchHit>> {
    if hits.is_empty() {
        return Ok(hits);
    }
    let uids: Vec<&str> = hits.iter().map(|h| h.id.as_str()).collect();
    let uids = serde_json::to_string(&uids).map_err(|e| crate::Error::Internal(e.to_string()))?;
    let mut stmt = conn.prepare_cached(
        "SELECT a.uid, t.name FROM json_each(?1) j
         JOIN articles a ON a.uid = j.value
         JOIN article_tags x ON x.article_id = a.id
         JOIN tags t ON t.id = x.tag_id
         ORDER BY t.name",
    )?;
    let mut by_uid: std::collections::HashMap<String, Vec<String>> = Default::default();
    let rows = stmt.query_map([uids], |r| Ok((r.get::<_, String>(0)?, r.get(1)?)))?;
    for row in rows {
        let (uid, name) = row?;
        by_uid.entry(uid).or_default().push(name);
    }
    for hit in &mut hits {
        if let Some(tags) = by_uid.remove(&hit.id) {
            hit.tags = tags;
        }
    }
    Ok(hits)
}

/// The statement behind [`hits`]; `exact`: the parameter holding the typed
/// forms ([`Plan::ranking_params`]).
fn hits_sql(
    plan: &Plan,
    sort: Sort,
    limit: u32,
    offset: u32,
    walk: bool,
    exact: Option<usize>,
) -> String {
    let ranked = plan.fts.is_some();
    let (score, exact) = if ranked && sort == Sort::Relevance {
        (RANK, exact_rank(exact))
    } else {
        ("0.0", "0".to_owned())
    };
    let order = match sort {
        Sort::Relevance if ranked => "t_exact DESC, t_score DESC, t_id DESC",
        // Undated articles sort last in a descending order anyway, so the date index serves it.
        Sort::Relevance | Sort::Newest => "t_pub DESC, t_id DESC",
        Sort::Oldest => "t_pub IS NULL, t_pub ASC, t_id ASC",
        Sort::StorySize => "t_size DESC, t_story, t_pub IS NULL, t_pub ASC, t_id ASC",
    };
    // Looked up only when sorting by it: one probe of story_members per match.
    let story = if sort == Sort::StorySize {
        "coalesce(s.size, 0) AS t_size, s.story AS t_story"
    } else {
        "0 AS t_size, NULL AS t_story"
    };
    let story_join = if sort == Sort::StorySize {
        " LEFT JOIN story_members s ON s.article_id = a.id"
    } else {
        ""
    };
    // The page is chosen first and only its rows get snippets: SQLite would
    // otherwise build a snippet for every match before sorting.
    let page = format!(
        "SELECT a.id AS t_id, a.published_at AS t_pub, {score} AS t_score, {exact} AS t_exact, {story} FROM {}
         ORDER BY {order} LIMIT {limit} OFFSET {offset}",
        with_join(
            story_join,
            if ranked {
                plan.narrow_from_where()
            } else if walk {
                format!(
                    "articles a INDEXED BY articles_published_at WHERE ?1 IS NULL AND ({})",
                    plan.filter_sql()
                )
            } else if plan.filter.is_none() {
                // Every article: SQLite walks the date index itself.
                plan.from_where()
            } else {
                // Left to itself SQLite reads every row the filter's own index
                // finds (wide rows: the body comes first) to sort them by date.
                plan.narrow_from_where()
            }
        )
    );
    let sql = if ranked {
        format!(
            "WITH page AS MATERIALIZED ({page})
             SELECT a.uid, a.title, a.source, a.published_at, a.language,
                    {SNIPPET}, t_score
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

/// `from_where` (`… a … WHERE …`) with `join` added before its `WHERE`.
fn with_join(join: &str, from_where: String) -> String {
    if join.is_empty() {
        return from_where;
    }
    match from_where.find(" WHERE ") {
        Some(at) => format!("{}{join}{}", &from_where[..at], &from_where[at..]),
        None => format!("{from_where}{join}"),
    }
}

/// Rows a walk by date may visit for a page of a query without words: each
/// is a wide row read to test the filter.
const WALK_VISITS: f64 = 2_000.0;

/// Whether a page of a query without words (`lang:ru`, `source:…`), newest
/// first, is found quicker by walking the articles by date than by scanning
/// the narrow index and sorting the matches: when the filter passes so many
/// articles (`rows`: its counts) that the page is near.
pub(super) fn walk_by_date(
    conn: &Connection,
    plan: &Plan,
    sort: Sort,
    limit: u32,
    offset: u32,
    rows: &[CountRow],
) -> Result<bool> {
    if plan.fts.is_some() || matches!(sort, Sort::Oldest | Sort::StorySize) || plan.filter.is_none()
    {
        return Ok(false);
    }
    Ok(kept::walk_visits(conn, rows, limit, offset)? <= WALK_VISITS)
}

/// How a page of hits joins its articles and their index rows. Left to
/// itself SQLite may scan every match and read each one's (wide) article row
/// to find the 50 of the page: tens of milliseconds for a few thousand
/// matches. `CROSS JOIN` keeps the page outermost, so only its rows are read
/// and looked up in the index. Not for a prefix, which FTS5 would expand
/// again for every row looked up: one pass over the matches is cheaper then.
fn page_first(plan: &Plan) -> &'static str {
    match plan.fts.is_some() && plan.prefix {
        true => "JOIN",
        false => "CROSS JOIN",
    }
}

/// A hit from the columns uid, title, source, published_at, language, snippet, score.
pub(super) fn hit_of_row(r: &rusqlite::Row) -> rusqlite::Result<SearchHit> {
    let (snippet, marks) = snippet_marks(&r.get::<_, Option<String>>(5)?.unwrap_or_default());
    Ok(SearchHit {
        id: r.get(0)?,
        title: r.get(1)?,
        source: r.get(2)?,
        published_at: r.get(3)?,
        language: r.get(4)?,
        snippet,
        marks,
        score: r.get(6)?,
        tags: Vec::new(),
    })
}

/// Hits for the articles `ids` with their scores, in that order (all of them match `plan`).
pub(super) fn hits_of(
    conn: &Connection,
    plan: &Plan,
    ids: &[(i64, f64)],
) -> Result<Vec<SearchHit>> {
    let ids = serde_json::to_string(ids).map_err(|e| crate::Error::Internal(e.to_string()))?;
    // No bm25() here: for a lookup by rowid FTS5 would count the documents
    // of each term again for every row. A prefix is expanded to its terms
    // for each lookup too, so for a prefix one pass over the matches makes
    // the snippets instead (`+rowid` keeps FTS5 from looking rows up).
    let page = "WITH page AS MATERIALIZED (
             SELECT j.key AS t_ord, j.value ->> 0 AS t_id, j.value ->> 1 AS t_score FROM json_each(?2) j)";
    let columns = "a.uid, a.title, a.source, a.published_at, a.language";
    let snippet = SNIPPET;
    let sql = if plan.fts.is_some() && plan.prefix {
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
    with_tags(conn, hits)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::search::prepare;

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
            let (params, exact) = plan.ranking_params();
            let sql = format!(
                "EXPLAIN QUERY PLAN {}",
                hits_sql(&plan, Sort::Relevance, 50, 0, false, exact)
            );
            let mut stmt = conn.prepare(&sql).unwrap();
            let steps: Vec<String> = stmt
                .query_map(rusqlite::params_from_iter(&params), |r| r.get(3))
                .unwrap()
                .collect::<rusqlite::Result<_>>()
                .unwrap();
            let page_outermost = steps.iter().any(|s| s == "SCAN page");
            assert_eq!(page_outermost, page_first, "{q}: {steps:?}");
        }
    }

    /// A page of a query without words is the same whether the articles are
    /// walked by date or the narrow index is scanned and sorted.
    #[test]
    fn walking_by_date_and_scanning_give_the_same_page() {
        let dir = tempfile::tempdir().unwrap();
        let mut lib = crate::Library::open(&dir.path().join("t.litopys")).unwrap();
        let path = dir.path().join("a.jsonl");
        let lines: Vec<String> = (0..60)
            .map(|i| {
                // Some share a date, some have none: ties and undated rows.
                let date = (i % 7 != 0).then(|| format!("2022-0{}-1{}", 1 + i % 5, i % 3));
                let source = ["a.example", "b.example", "c.example"][i % 3];
                serde_json::json!({
                    "title": format!("Стаття {i}"),
                    "text": format!("Текст статті номер {i} про зерно і порти."),
                    "source": source,
                    "published_at": date,
                    "language": if i % 4 == 0 { "ru" } else { "uk" },
                })
                .to_string()
            })
            .collect();
        std::fs::write(&path, lines.join("\n")).unwrap();
        let cancel = std::sync::atomic::AtomicBool::new(false);
        crate::import::import_paths(&mut lib, &[path], &Default::default(), &cancel, &mut |_| {})
            .unwrap();
        let conn = lib.conn();
        for q in [
            "lang:ru",
            "source:b.example",
            "-lang:ru",
            "after:2022-02-01 lang:uk",
        ] {
            let plan = prepare(conn, q).unwrap();
            for sort in [Sort::Relevance, Sort::Newest] {
                for offset in [0, 5, 13, 40] {
                    let walked = hits_walking(conn, &plan, sort, 7, offset, true).unwrap();
                    let scanned = hits_walking(conn, &plan, sort, 7, offset, false).unwrap();
                    assert_eq!(walked, scanned, "{q} {sort:?} {offset}");
                }
            }
        }
    }
}
