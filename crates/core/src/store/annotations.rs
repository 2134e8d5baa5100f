//! Annotations: a span of an article's body (or the whole article) with a
//! note, a colour and tags. Spans are kept as code-point positions plus the
//! quote with its context, so they can be found again if the text changes;
//! those that cannot are kept as orphaned, never dropped.

use rusqlite::{params, Connection, OptionalExtension};
use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};
use crate::store::{now_rfc3339, tags};
use crate::text::anchor::{self, Found, Quote};

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct Annotation {
    pub id: String,
    /// Stable id of the article.
    pub article: String,
    /// Code points into the article's body; `None` for a note on the whole article.
    pub start: Option<usize>,
    pub end: Option<usize>,
    pub exact: Option<String>,
    pub prefix: Option<String>,
    pub suffix: Option<String>,
    pub note: String,
    pub color: Option<String>,
    pub tags: Vec<String>,
    /// The quote could not be found after the text changed.
    pub orphaned: bool,
    pub created_at: String,
    pub updated_at: String,
}

/// What an annotation is attached to.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase", tag = "kind")]
pub enum Target {
    /// The `occurrence`-th (1-based) appearance of `text` in the body.
    Quote { text: String, occurrence: usize },
    /// Code points `start..end` of the body.
    Span { start: usize, end: usize },
    /// The whole article.
    Article,
}

/// A fresh random-looking id (UUID-shaped, so W3C exports can use `urn:uuid:`).
pub fn new_uid(seed: &str) -> String {
    use std::sync::atomic::{AtomicU64, Ordering};
    static COUNTER: AtomicU64 = AtomicU64::new(0);
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_nanos());
    let mut h = blake3::Hasher::new();
    h.update(seed.as_bytes());
    h.update(&nanos.to_le_bytes());
    h.update(&COUNTER.fetch_add(1, Ordering::Relaxed).to_le_bytes());
    h.update(&std::process::id().to_le_bytes());
    let x = h.finalize().to_hex();
    format!(
        "{}-{}-4{}-a{}-{}",
        &x[0..8],
        &x[8..12],
        &x[13..16],
        &x[17..20],
        &x[20..32]
    )
}

const COLUMNS: &str = "n.id, n.uid, a.uid, n.span_start, n.span_end, n.exact, n.prefix, n.suffix,
                       n.note, n.color, n.orphaned, n.created_at, n.updated_at";

fn read_rows(conn: &Connection, sql: &str, p: impl rusqlite::Params) -> Result<Vec<Annotation>> {
    let mut stmt = conn.prepare_cached(sql)?;
    let rows: Vec<(i64, Annotation)> = stmt
        .query_map(p, |r| {
            Ok((
                r.get(0)?,
                Annotation {
                    id: r.get(1)?,
                    article: r.get(2)?,
                    start: r.get::<_, Option<i64>>(3)?.map(|v| v as usize),
                    end: r.get::<_, Option<i64>>(4)?.map(|v| v as usize),
                    exact: r.get(5)?,
                    prefix: r.get(6)?,
                    suffix: r.get(7)?,
                    note: r.get(8)?,
                    color: r.get(9)?,
                    tags: Vec::new(),
                    orphaned: r.get(10)?,
                    created_at: r.get(11)?,
                    updated_at: r.get(12)?,
                },
            ))
        })?
        .collect::<rusqlite::Result<_>>()?;
    let mut tag_stmt = conn.prepare_cached(
        "SELECT t.name FROM annotation_tags x JOIN tags t ON t.id = x.tag_id
         WHERE x.annotation_id = ?1 ORDER BY t.key",
    )?;
    rows.into_iter()
        .map(|(id, mut a)| {
            a.tags = tag_stmt
                .query_map([id], |r| r.get(0))?
                .collect::<rusqlite::Result<_>>()?;
            Ok(a)
        })
        .collect()
}

/// Annotations of one article (by internal id), in text order, article notes first.
pub fn of_article(conn: &Connection, article: i64) -> Result<Vec<Annotation>> {
    read_rows(
        conn,
        &format!(
            "SELECT {COLUMNS} FROM annotations n JOIN articles a ON a.id = n.article_id
             WHERE n.article_id = ?1 ORDER BY n.span_start IS NOT NULL, n.span_start, n.span_end, n.id"
        ),
        [article],
    )
}

pub fn get(conn: &Connection, uid: &str) -> Result<Annotation> {
    read_rows(
        conn,
        &format!("SELECT {COLUMNS} FROM annotations n JOIN articles a ON a.id = n.article_id WHERE n.uid = ?1"),
        [uid],
    )?
    .pop()
    .ok_or_else(|| Error::AnnotationNotFound(uid.to_owned()))
}

/// Every orphaned annotation, for the user to re-attach or delete.
pub fn orphaned(conn: &Connection) -> Result<Vec<Annotation>> {
    read_rows(
        conn,
        &format!(
            "SELECT {COLUMNS} FROM annotations n JOIN articles a ON a.id = n.article_id
             WHERE n.orphaned = 1 ORDER BY n.article_id, n.span_start"
        ),
        [],
    )
}

fn set_tags(conn: &Connection, annotation: i64, names: &[String]) -> Result<()> {
    conn.execute(
        "DELETE FROM annotation_tags WHERE annotation_id = ?1",
        [annotation],
    )?;
    for name in names {
        let tag = tags::ensure(conn, name)?;
        conn.execute(
            "INSERT INTO annotation_tags (tag_id, annotation_id) VALUES (?1, ?2) ON CONFLICT DO NOTHING",
            params![tag, annotation],
        )?;
    }
    Ok(())
}

/// Annotates article `article_id` (stable id or prefix). Changes nothing on error.
pub fn create(
    conn: &mut Connection,
    article_id: &str,
    target: &Target,
    note: &str,
    color: Option<&str>,
    tag_names: &[String],
) -> Result<Annotation> {
    let article = crate::store::articles::get(conn, article_id)?;
    let color = tags::normalize_color(color)?;
    for t in tag_names {
        tags::normalize_name(t)?;
    }
    let body: Vec<char> = article.body.chars().collect();
    let span = match target {
        Target::Article => None,
        Target::Span { start, end } => {
            if start >= end || *end > body.len() {
                return Err(Error::InvalidInput(format!(
                    "span {start}..{end} is not inside article {} ({} characters)",
                    article.id,
                    body.len()
                )));
            }
            Some((*start, *end))
        }
        Target::Quote { text, occurrence } => {
            if text.trim().is_empty() {
                return Err(Error::InvalidInput("the quote is empty".into()));
            }
            match anchor::find(&article.body, text, *occurrence) {
                Ok(span) => Some(span),
                Err(0) => {
                    return Err(Error::InvalidInput(format!(
                        "the quote “{text}” is not in the text of article {}",
                        article.id
                    )))
                }
                Err(n) => {
                    return Err(Error::InvalidInput(format!(
                        "the quote “{text}” appears {n} time(s) in article {}; choose an occurrence from 1 to {n}",
                        article.id
                    )))
                }
            }
        }
    };
    let quote = span.map(|(s, e)| anchor::quote_at(&body, s, e));
    let now = now_rfc3339();
    let uid = new_uid(&format!("{}{span:?}{note}", article.id));
    let tx = conn.transaction()?;
    tx.execute(
        "INSERT INTO annotations (uid, article_id, span_start, span_end, exact, prefix, suffix,
                                  note, color, created_at, updated_at)
         VALUES (?1, (SELECT id FROM articles WHERE uid = ?2), ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?10)",
        params![
            uid,
            article.id,
            span.map(|s| s.0 as i64),
            span.map(|s| s.1 as i64),
            quote.as_ref().map(|q| &q.exact),
            quote.as_ref().map(|q| &q.prefix),
            quote.as_ref().map(|q| &q.suffix),
            note,
            color,
            now
        ],
    )?;
    let id = tx.last_insert_rowid();
    set_tags(&tx, id, tag_names)?;
    tx.commit()?;
    get(conn, &uid)
}

/// Changes the note, colour (`Some(None)` clears) and/or tags of an annotation.
pub fn update(
    conn: &mut Connection,
    uid: &str,
    note: Option<&str>,
    color: Option<Option<&str>>,
    tag_names: Option<&[String]>,
) -> Result<Annotation> {
    let id: i64 = conn
        .query_row("SELECT id FROM annotations WHERE uid = ?1", [uid], |r| {
            r.get(0)
        })
        .optional()?
        .ok_or_else(|| Error::AnnotationNotFound(uid.to_owned()))?;
    let color = color.map(tags::normalize_color).transpose()?;
    let tx = conn.transaction()?;
    let now = now_rfc3339();
    if let Some(n) = note {
        tx.execute(
            "UPDATE annotations SET note = ?2 WHERE id = ?1",
            params![id, n],
        )?;
    }
    if let Some(c) = color {
        tx.execute(
            "UPDATE annotations SET color = ?2 WHERE id = ?1",
            params![id, c],
        )?;
    }
    if let Some(t) = tag_names {
        set_tags(&tx, id, t)?;
    }
    tx.execute(
        "UPDATE annotations SET updated_at = ?2 WHERE id = ?1",
        params![id, now],
    )?;
    tx.commit()?;
    get(conn, uid)
}

pub fn delete(conn: &Connection, uid: &str) -> Result<()> {
    if conn.execute("DELETE FROM annotations WHERE uid = ?1", [uid])? == 0 {
        return Err(Error::AnnotationNotFound(uid.to_owned()));
    }
    Ok(())
}

#[derive(Debug, Clone, Default, Serialize, PartialEq, Eq)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct Reanchored {
    pub unchanged: usize,
    pub moved: usize,
    pub fuzzy: usize,
    pub orphaned: usize,
}

/// Finds every span of article `article` (internal id) again in its new `body`.
/// Run inside the transaction that changes the body.
pub fn reanchor_article(conn: &Connection, article: i64, body: &str) -> Result<Reanchored> {
    let mut report = Reanchored::default();
    let spans: Vec<(i64, i64, Quote)> = {
        let mut stmt = conn.prepare_cached(
            "SELECT id, span_start, exact, coalesce(prefix, ''), coalesce(suffix, '')
             FROM annotations WHERE article_id = ?1 AND exact IS NOT NULL",
        )?;
        let rows = stmt
            .query_map([article], |r| {
                Ok((
                    r.get(0)?,
                    r.get(1)?,
                    Quote {
                        exact: r.get(2)?,
                        prefix: r.get(3)?,
                        suffix: r.get(4)?,
                    },
                ))
            })?
            .collect::<rusqlite::Result<_>>()?;
        rows
    };
    let chars: Vec<char> = body.chars().collect();
    let mut update = conn.prepare_cached(
        "UPDATE annotations SET span_start = ?2, span_end = ?3, exact = ?4, prefix = ?5, suffix = ?6,
                                orphaned = 0 WHERE id = ?1",
    )?;
    for (id, old_start, quote) in spans {
        match anchor::reanchor(body, &quote, old_start as usize) {
            Some((s, e, how)) => {
                let q = anchor::quote_at(&chars, s, e);
                update.execute(params![id, s as i64, e as i64, q.exact, q.prefix, q.suffix])?;
                match how {
                    Found::Unchanged => report.unchanged += 1,
                    Found::Moved => report.moved += 1,
                    Found::Fuzzy => report.fuzzy += 1,
                }
            }
            None => {
                conn.execute("UPDATE annotations SET orphaned = 1 WHERE id = ?1", [id])?;
                report.orphaned += 1;
            }
        }
    }
    Ok(report)
}
