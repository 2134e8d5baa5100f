//! Removing articles and putting them back.
//!
//! A removal takes chosen articles (by id or by a query's results) out of the
//! library with everything that hangs on them — tags, annotations, line
//! classes, their place in the index, the counts and stories — and keeps each
//! in the trash as one line of the lossless bundle format (`export::bundle`).
//! Putting articles back merges those lines like any bundle, so one path
//! brings articles into a library whatever they come from. The trash forgets
//! what it kept for [`trash::KEEP_DAYS`] days.

use std::collections::BTreeMap;
use std::sync::atomic::AtomicBool;

use rusqlite::Connection;
use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};
use crate::export::bundle::{self, BundleTag};
use crate::export::{self, ArticleStream, ExportArticle, Selection};
use crate::store::trash::{self, Kept, Which};
use crate::Library;

/// What a removal did.
#[derive(Debug, Clone, Default, Serialize, PartialEq, Eq)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct RemovalReport {
    /// Articles removed.
    pub removed: u64,
    /// Their annotations, removed with them.
    pub annotations: u64,
    /// The removal's number in the trash (what Undo puts back); `None` when nothing was removed.
    pub removal: Option<i64>,
    /// The removed articles' stable ids.
    pub ids: Vec<String>,
}

/// What putting articles back did.
#[derive(Debug, Clone, Default, Serialize, PartialEq, Eq)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct RestoreReport {
    /// Articles back in the library.
    pub restored: u64,
    /// Articles that were there already (imported again meanwhile): their
    /// tags and annotations were merged into them.
    pub already_there: u64,
    pub annotations: u64,
    /// Entries that could not be put back (they stay in the trash), with why.
    pub failed: Vec<String>,
}

/// How many articles a query would remove (to ask before removing them).
pub fn count_query(conn: &Connection, query: &str) -> Result<u64> {
    Ok(export::select(conn, &Selection::Query(query.to_owned()))?.len() as u64)
}

/// Removes the articles with these stable ids (or unambiguous prefixes); an
/// unknown id removes nothing and is an error.
pub fn remove_ids(lib: &mut Library, ids: &[String]) -> Result<RemovalReport> {
    if ids.is_empty() {
        return Err(Error::InvalidInput("no article ids given".into()));
    }
    let chosen = export::select(lib.conn(), &Selection::Ids(ids.to_vec()))?;
    remove(lib, chosen)
}

/// Removes every article the query finds.
pub fn remove_query(lib: &mut Library, query: &str) -> Result<RemovalReport> {
    if query.trim().is_empty() {
        // An empty query finds everything: removing the whole library takes a query that says so.
        return Err(Error::InvalidInput(
            "the query is empty; to remove every article, give a query that finds them all".into(),
        ));
    }
    let chosen = export::select(lib.conn(), &Selection::Query(query.to_owned()))?;
    remove(lib, chosen)
}

fn remove(lib: &mut Library, chosen: Vec<i64>) -> Result<RemovalReport> {
    lib.ensure_writable()?;
    let mut report = RemovalReport::default();
    if chosen.is_empty() {
        return Ok(report);
    }
    let removed_at = crate::store::now_rfc3339();
    let tx = lib.conn_mut().transaction()?;
    let removal = trash::next_removal(&tx)?;
    let known: BTreeMap<String, BundleTag> = bundle::bundle_tags(&tx, &chosen)?
        .into_iter()
        .map(|t| (t.name.to_lowercase(), t))
        .collect();
    for a in ArticleStream::new(&tx, chosen.clone()) {
        let mut a = a?;
        report.ids.push(a.article.id.clone());
        report.annotations += a.annotations.len() as u64;
        let kept = Kept {
            uid: a.article.id.clone(),
            title: a.article.title.clone(),
            tags: tags_json(&a, &known)?,
            line: bundle::article_line(&mut a)?,
        };
        trash::put(&tx, removal, &removed_at, &kept)?;
    }
    // Tags, annotations, line classes and story rows go by foreign keys; the
    // index, the counts and the common-word answers by triggers (0006–0009),
    // which also queue the removed articles' story neighbours.
    let list = serde_json::to_string(&chosen).map_err(|e| Error::Internal(e.to_string()))?;
    let n = tx.execute(
        "DELETE FROM articles WHERE id IN (SELECT value FROM json_each(?1))",
        [list],
    )?;
    crate::store::stories::flush_pending(&tx, usize::MAX)?;
    tx.commit()?;
    report.removed = n as u64;
    report.removal = Some(removal);
    Ok(report)
}

/// The header tags (with ancestors) that one article and its annotations use.
fn tags_json(a: &ExportArticle, known: &BTreeMap<String, BundleTag>) -> Result<String> {
    let names = a
        .tags
        .iter()
        .chain(a.annotations.iter().flat_map(|n| n.tags.iter()));
    let mut used = BTreeMap::new();
    for name in names {
        let key = name.to_lowercase();
        let parts: Vec<&str> = key.split('/').collect();
        for i in 1..=parts.len() {
            let k = parts[..i].join("/");
            if let Some(t) = known.get(&k) {
                used.insert(k, t.clone());
            }
        }
    }
    let used: Vec<&BundleTag> = used.values().collect();
    serde_json::to_string(&used).map_err(|e| Error::Internal(e.to_string()))
}

/// Puts articles back from the trash by merging their bundle lines. Entries
/// whose article is back (or was there already) leave the trash; the others
/// stay and are reported.
pub fn restore(lib: &mut Library, which: &Which) -> Result<RestoreReport> {
    lib.ensure_writable()?;
    let stored = trash::stored(lib.conn(), which)?;
    let mut report = RestoreReport::default();
    if stored.is_empty() {
        return Ok(report);
    }
    let mut tags: BTreeMap<String, BundleTag> = BTreeMap::new();
    let mut lines = String::new();
    for s in &stored {
        let theirs: Vec<BundleTag> = serde_json::from_str(&s.tags).unwrap_or_default();
        for t in theirs {
            let key = t.name.to_lowercase();
            // Two removals may carry one tag as it was at different times: the later wins.
            if tags
                .get(&key)
                .is_none_or(|had| had.updated_at < t.updated_at)
            {
                tags.insert(key, t);
            }
        }
        lines.push_str(&s.line);
        lines.push('\n');
    }
    let tags: Vec<BundleTag> = tags.into_values().collect();
    let totals = bundle::merge(
        lib,
        std::path::Path::new("trash"),
        &tags,
        &mut std::io::Cursor::new(lines.as_bytes()),
        &AtomicBool::new(false),
        &mut |_| {},
    )?;
    report.restored = totals.articles_added;
    report.already_there = totals.articles_known;
    report.annotations = totals.annotations_added + totals.annotations_updated;
    report.failed = totals.failed;
    let back: Vec<i64> = stored
        .iter()
        .filter(|s| is_back(lib.conn(), &s.line).unwrap_or(false))
        .map(|s| s.row)
        .collect();
    trash::drop_rows(lib.conn(), &back)?;
    Ok(report)
}

/// Whether the article of a trash line is in the library (by its id, or by
/// its text under another id: merging finds it either way).
fn is_back(conn: &Connection, line: &str) -> Result<bool> {
    #[derive(Deserialize)]
    struct LineId {
        id: String,
    }
    let Ok(l) = serde_json::from_str::<LineId>(line) else {
        return Ok(false);
    };
    // A line's id is the start of its text's hash (`bundle::article_line`).
    Ok(conn.query_row(
        "SELECT EXISTS (SELECT 1 FROM articles WHERE uid = ?1)
             OR EXISTS (SELECT 1 FROM articles WHERE content_hash >= ?1 AND content_hash < ?1 || 'g')",
        [&l.id],
        |r| r.get(0),
    )?)
}
