//! Answers kept for very common words (migration 0008). Ranking and counting
//! every match of a word that most articles contain (`на`, `в`, `что`) reads
//! hundreds of thousands of index entries and rows: seconds at a million
//! articles. For such a MATCH expression the library keeps the counts of its
//! matches by source, language and day and its best-ranked matches; with them
//! a first page, its total, facets and timeline cost what a rare word's do.
//! Pages by date walk the articles newest (or oldest) first and probe the
//! index for each, which is quick exactly when most articles match.

use std::collections::HashMap;
use std::time::Duration;

use rusqlite::types::Value;
use rusqlite::{Connection, OptionalExtension};

use super::counts::{count_rows, CountRow};
use super::plan::Plan;
use super::sql::{exact_rank, RANK};
use super::Sort;
use crate::error::Result;
use crate::text::analyze::tokens;

/// Matches from which a query's answer is kept: below this, ranking and
/// counting all of them takes well under 100 ms.
pub const KEEP_FROM: i64 = 10_000;
/// Best-ranked matches kept: 20 pages of 50.
const RANKED: usize = 1_000;
/// Answers kept at most; the oldest go first.
const MOST_ANSWERS: i64 = 64;
/// A page by date is found by walking the articles only when the walk is
/// expected to visit fewer rows than this.
const MOST_VISITS: f64 = 20_000.0;
/// Articles read to find the library's commonest words after an import.
const SAMPLE: usize = 400;
/// Commonest words whose answers are prepared after an import.
const MOST_WARMED: usize = 12;

pub(crate) struct Kept {
    /// Row of `word_answers`; `None` when it could not be stored (the library
    /// was busy), and the counts below stand in.
    id: Option<i64>,
    pub total: i64,
    /// JSON `[[id, score], …]`, best first.
    ranked: String,
    ranked_len: usize,
    /// The counts of the whole match, when just computed.
    counts: Option<Vec<CountRow>>,
}

pub(crate) enum Answer {
    Kept(Kept),
    /// Counts of a query without conditions, too few matches to keep.
    Counted(Vec<CountRow>),
}

/// The kept answer for `plan`, made now if the query has no conditions and
/// at least `keep_from` matches; `Counted` when it was counted but is too
/// small to keep; `None` for queries this does not serve.
pub(crate) fn answer(conn: &Connection, plan: &Plan, keep_from: i64) -> Result<Option<Answer>> {
    let Some(key) = plan.kept_key() else {
        return Ok(None);
    };
    if !plan.filter_on_counts {
        return Ok(None);
    }
    if let Some(kept) = find(conn, &key)? {
        return Ok(Some(Answer::Kept(kept)));
    }
    if plan.filter.is_some() {
        // A common word under a filter (`американцы lang:ru`) is served by
        // the word's own answer: its counts filter like the library's, and
        // its ranking holds the filter's best matches unless the filter is
        // rare (then `page` leaves the ranking to the live path).
        let word = Plan {
            fts: plan.fts.clone(),
            prefix: plan.prefix,
            terms: plan.terms.clone(),
            exact_forms: plan.exact_forms.clone(),
            filter: None,
            params: plan.params.iter().take(1).cloned().collect(),
            counts_only: false,
            filter_on_counts: true,
        };
        return Ok(match answer(conn, &word, keep_from)? {
            Some(Answer::Kept(kept)) if kept.id.is_some() => Some(Answer::Kept(kept)),
            _ => None,
        });
    }
    // One read snapshot for the counts, the ranking and storing them, so
    // what is kept describes one state of the library.
    let tx = match conn.is_autocommit() {
        // Deferred: a read snapshot, not the write lock (the connection's
        // transactions are IMMEDIATE by default).
        true => Some(rusqlite::Transaction::new_unchecked(
            conn,
            rusqlite::TransactionBehavior::Deferred,
        )?),
        false => None,
    };
    // With their stories, so that the story facet is kept too (any change
    // to the stories drops the answer: migration 0013).
    let counts = count_rows(conn, plan, true)?;
    let total: i64 = counts.iter().map(|c| c.n).sum();
    if total < keep_from {
        return Ok(Some(Answer::Counted(counts)));
    }
    let (params, k) = plan.ranking_params();
    let sql = format!(
        "SELECT a.id, {RANK} AS s, {} AS e FROM {} ORDER BY e DESC, s DESC, a.id DESC LIMIT {RANKED}",
        exact_rank(k),
        plan.narrow_from_where()
    );
    let mut stmt = conn.prepare(&sql)?;
    let ranked: Vec<(i64, f64)> = stmt
        .query_map(rusqlite::params_from_iter(&params), |r| {
            Ok((r.get(0)?, r.get(1)?))
        })?
        .collect::<rusqlite::Result<_>>()?;
    let ranked_len = ranked.len();
    let ranked =
        serde_json::to_string(&ranked).map_err(|e| crate::error::Error::Internal(e.to_string()))?;
    // Keeping is only a speed-up: when another program is writing, answer
    // without waiting for it.
    conn.busy_timeout(Duration::ZERO)?;
    let stored = store(conn, &key, total, &ranked, &counts);
    conn.busy_timeout(crate::store::BUSY_TIMEOUT)?;
    let id = match stored {
        Ok(id) => {
            if let Some(tx) = tx {
                tx.commit()?;
            }
            Some(id)
        }
        Err(_) => None,
    };
    Ok(Some(Answer::Kept(Kept {
        id,
        total,
        ranked,
        ranked_len,
        counts: Some(counts),
    })))
}

/// The kept answer for `plan`'s words, if there is one and its conditions can be read from it.
pub(crate) fn kept_for(conn: &Connection, plan: &Plan) -> Result<Option<Kept>> {
    match plan.kept_key() {
        Some(key) if plan.filter_on_counts => find(conn, &key),
        _ => Ok(None),
    }
}

/// The answer kept under `key` ([`Plan::kept_key`]).
fn find(conn: &Connection, key: &str) -> Result<Option<Kept>> {
    let row: Option<(i64, i64, String)> = conn
        .query_row(
            "SELECT id, total, ranked FROM word_answers WHERE match = ?1",
            [key],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )
        .optional()?;
    let Some((id, total, ranked)) = row else {
        return Ok(None);
    };
    let ranked_len = serde_json::from_str::<Vec<(i64, f64)>>(&ranked)
        .map(|v| v.len())
        .unwrap_or(0);
    Ok(Some(Kept {
        id: Some(id),
        total,
        ranked,
        ranked_len,
        counts: None,
    }))
}

fn store(
    conn: &Connection,
    key: &str,
    total: i64,
    ranked: &str,
    counts: &[CountRow],
) -> rusqlite::Result<i64> {
    conn.execute("DELETE FROM word_answers WHERE match = ?1", [key])?;
    conn.execute(
        "INSERT INTO word_answers (match, total, ranked, kept_at)
         VALUES (?1, ?2, ?3, (SELECT coalesce(max(kept_at), 0) + 1 FROM word_answers))",
        rusqlite::params![key, total, ranked],
    )?;
    let id = conn.last_insert_rowid();
    // Counts left by a connection that deleted answers without foreign keys on.
    conn.execute("DELETE FROM word_answer_counts WHERE answer_id = ?1", [id])?;
    let mut insert = conn.prepare_cached(
        "INSERT INTO word_answer_counts (answer_id, source, language, day, n, members, firsts, reprints)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
    )?;
    for c in counts {
        let s = c.stories;
        insert.execute(rusqlite::params![
            id, c.source, c.language, c.day, c.n, s.members, s.firsts, s.reprints
        ])?;
    }
    conn.execute(
        "DELETE FROM word_answers WHERE id NOT IN
         (SELECT id FROM word_answers ORDER BY kept_at DESC LIMIT ?1)",
        [MOST_ANSWERS],
    )?;
    Ok(id)
}

/// `plan.params` and then one more value, bound to the returned parameter number.
/// Counts of the matches that pass `plan`'s conditions (all of them, when there are none).
pub(crate) fn counts(conn: &Connection, plan: &Plan, kept: &Kept) -> Result<Vec<CountRow>> {
    if let (Some(c), None) = (&kept.counts, &plan.filter) {
        return Ok(c.clone());
    }
    let Some(id) = kept.id else {
        return Ok(Vec::new());
    };
    let (params, k) = plan.params_with(Value::Integer(id));
    // Rows are unique by source, language and day: no grouping needed.
    let sql = format!(
        "SELECT coalesce(a.source, ''), a.language, coalesce(a.published_at, ''), a.n,
                a.members, a.firsts, a.reprints
         FROM word_answer_counts_view a
         WHERE ?1 IS NOT NULL AND a.answer_id = ?{k} AND ({})",
        plan.filter_sql()
    );
    let mut stmt = conn.prepare(&sql)?;
    let rows = stmt
        .query_map(rusqlite::params_from_iter(&params), CountRow::read)?
        .collect::<rusqlite::Result<_>>()?;
    Ok(rows)
}

/// Ids and scores (0 in date order) of a page of `plan`'s matches in `sort`
/// order, from the kept answer and its `rows` ([`counts`] for `plan`); `None` when it cannot give this page quickly
/// (then search ranks live).
pub(crate) fn page(
    conn: &Connection,
    plan: &Plan,
    kept: &Kept,
    rows: &[CountRow],
    sort: Sort,
    limit: u32,
    offset: u32,
) -> Result<Option<Vec<(i64, f64)>>> {
    match sort {
        Sort::Relevance => {
            let (params, k) = plan.params_with(Value::Text(kept.ranked.clone()));
            let sql = format!(
                "SELECT j.value ->> 0, j.value ->> 1 FROM json_each(?{k}) j
                 JOIN articles a INDEXED BY articles_search_cover ON a.id = j.value ->> 0
                 WHERE ?1 IS NOT NULL AND ({}) ORDER BY j.key LIMIT {limit} OFFSET {offset}",
                plan.filter_sql()
            );
            let ids = scored(conn, &sql, &params)?;
            let complete = kept.ranked_len as i64 >= kept.total;
            Ok((ids.len() == limit as usize || complete).then_some(ids))
        }
        // Ordered by a column the kept answer does not hold: ranked live.
        Sort::StorySize => Ok(None),
        // Walking by date looks each article up: too slow for a prefix.
        Sort::Newest | Sort::Oldest if plan.fts.is_some() && plan.prefix => Ok(None),
        Sort::Newest | Sort::Oldest => {
            if walk_visits(conn, rows, limit, offset)? > MOST_VISITS {
                return Ok(None);
            }
            let probe = "EXISTS (SELECT 1 FROM articles_fts
                 WHERE articles_fts MATCH ?1 AND articles_fts.rowid = a.id)";
            let walk = |dated: &str, order: &str, limit: u32, offset: u32| {
                format!(
                    "SELECT a.id, 0.0 FROM articles a INDEXED BY articles_published_at
                     WHERE {dated} AND ({}) AND {probe}
                     ORDER BY {order} LIMIT {limit} OFFSET {offset}",
                    plan.filter_sql()
                )
            };
            if sort == Sort::Newest {
                let sql = walk("1", "a.published_at DESC, a.id DESC", limit, offset);
                return Ok(Some(scored(conn, &sql, &plan.params)?));
            }
            // Oldest: the dated matches by date, then the undated ones by id.
            let sql = walk(
                "a.published_at IS NOT NULL",
                "a.published_at ASC, a.id ASC",
                limit,
                offset,
            );
            let mut page = scored(conn, &sql, &plan.params)?;
            if page.len() < limit as usize {
                let dated: i64 = rows.iter().filter(|r| !r.day.is_empty()).map(|r| r.n).sum();
                let skip = (i64::from(offset) - dated).max(0) as u32;
                let sql = walk(
                    "a.published_at IS NULL",
                    "a.id ASC",
                    limit - page.len() as u32,
                    skip,
                );
                page.extend(scored(conn, &sql, &plan.params)?);
            }
            Ok(Some(page))
        }
    }
}

/// Articles a walk by date is expected to visit to fill a page at `offset`
/// of matches counted in `rows`, with matches spread evenly over the dates.
pub(crate) fn walk_visits(
    conn: &Connection,
    rows: &[CountRow],
    limit: u32,
    offset: u32,
) -> Result<f64> {
    let matches: i64 = rows.iter().map(|r| r.n).sum();
    let articles = crate::store::articles::kept_count(conn)?;
    Ok((f64::from(offset) + f64::from(limit)) * articles as f64 / matches.max(1) as f64)
}

fn scored(conn: &Connection, sql: &str, params: &[Value]) -> Result<Vec<(i64, f64)>> {
    let mut stmt = conn.prepare(sql)?;
    let ids = stmt
        .query_map(rusqlite::params_from_iter(params), |r| {
            Ok((r.get(0)?, r.get(1)?))
        })?
        .collect::<rusqlite::Result<_>>()?;
    Ok(ids)
}

/// Prepares the answers of the library's commonest words (expected in at
/// least `keep_from` articles; [`KEEP_FROM`] outside tests), found in a sample
/// of its articles, so that the first search for them is quick too. Stops
/// early when `cancelled` says so. Returns how many answers were kept.
pub fn keep_common_words(
    conn: &Connection,
    keep_from: i64,
    cancelled: &dyn Fn() -> bool,
) -> Result<usize> {
    let (articles, max_id): (i64, i64) = conn.query_row(
        "SELECT (SELECT coalesce(sum(n), 0) FROM article_counts), (SELECT coalesce(max(id), 0) FROM articles)",
        [],
        |r| Ok((r.get(0)?, r.get(1)?)),
    )?;
    if articles < keep_from {
        return Ok(0);
    }
    // Evenly spread ids: deterministic, and no scan of the whole table.
    let mut read = conn.prepare(
        "SELECT title || ' ' || litopys_story(body, blocks) FROM articles WHERE id >= ?1 ORDER BY id LIMIT 1",
    )?;
    let mut df: HashMap<String, usize> = HashMap::new();
    let mut sampled = 0usize;
    for i in 0..SAMPLE as i64 {
        let text: Option<String> = read
            .query_row([1 + i * max_id / SAMPLE as i64], |r| r.get(0))
            .optional()?;
        let Some(text) = text else { continue };
        sampled += 1;
        let mut seen: Vec<String> = tokens(&text).into_iter().map(|t| t.term).collect();
        seen.sort_unstable();
        seen.dedup();
        for term in seen {
            *df.entry(term).or_default() += 1;
        }
    }
    // Words expected in at least `keep_from` articles.
    let least = (keep_from as f64 / articles as f64 * sampled as f64).ceil() as usize;
    let mut common: Vec<(String, usize)> = df.into_iter().filter(|(_, n)| *n >= least).collect();
    common.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    let mut kept = 0;
    for (word, _) in common.into_iter().take(MOST_WARMED) {
        if cancelled() {
            break;
        }
        let plan = super::prepare(conn, &word)?;
        if let Some(Answer::Kept(k)) = answer(conn, &plan, keep_from)? {
            kept += usize::from(k.id.is_some());
        }
    }
    Ok(kept)
}
