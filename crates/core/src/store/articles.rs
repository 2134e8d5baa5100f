//! Articles: insert with de-duplication by content hash, lookup, listing, counts.

use std::collections::BTreeMap;

use rusqlite::{params, Connection, OptionalExtension, Row, Transaction};
use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};
use crate::text::language::Language;

/// A fully prepared article, ready to store.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewArticle {
    pub title: String,
    pub body: String,
    pub source: Option<String>,
    pub url: Option<String>,
    pub author: Option<String>,
    pub published_at: Option<String>,
    pub language: Language,
    pub origin_path: String,
    pub origin_format: String,
    pub encoding: Option<String>,
    pub content_hash: String,
    /// The body's blocks as import classified them (off the writer thread).
    pub layout: super::blocks::Layout,
}

impl NewArticle {
    /// The stable id: derived from the content hash, so the same article gets
    /// the same id in every library it is imported into.
    pub fn uid(&self) -> &str {
        &self.content_hash[..16.min(self.content_hash.len())]
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum InsertOutcome {
    Inserted(String),
    /// The library already holds an article with this content; its id.
    Duplicate(String),
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct Origin {
    pub path: String,
    pub format: String,
    pub encoding: Option<String>,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct Article {
    pub id: String,
    pub title: String,
    pub source: Option<String>,
    pub url: Option<String>,
    pub author: Option<String>,
    pub published_at: Option<String>,
    pub language: String,
    pub imported_at: String,
    pub origin: Origin,
    pub content_hash: String,
    pub body: String,
}

#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct ArticleSummary {
    pub id: String,
    pub title: String,
    pub source: Option<String>,
    pub published_at: Option<String>,
    pub language: String,
}

#[derive(Debug, Clone, Serialize, PartialEq, Eq, Default)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct Stats {
    pub articles: i64,
    pub by_source: BTreeMap<String, i64>,
    pub by_language: BTreeMap<String, i64>,
    pub by_year: BTreeMap<String, i64>,
}

/// Label used in counts for articles whose source or year is not known.
pub const UNKNOWN: &str = "unknown";

pub fn insert(conn: &Connection, a: &NewArticle, imported_at: &str) -> Result<InsertOutcome> {
    let mut layout = a.layout.clone();
    let (blocks, crossing) = super::blocks::before_insert(conn, &mut layout)?;
    let mut stmt = conn.prepare_cached(
        "INSERT INTO articles (uid, title, body, source, url, author, published_at, language,
                               imported_at, origin_path, origin_format, encoding, content_hash,
                               blocks)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14)
         ON CONFLICT DO NOTHING",
    )?;
    let changed = stmt.execute(params![
        a.uid(),
        a.title,
        a.body,
        a.source,
        a.url,
        a.author,
        a.published_at,
        a.language.as_str(),
        imported_at,
        a.origin_path,
        a.origin_format,
        a.encoding,
        a.content_hash,
        blocks,
    ])?;
    if changed == 1 {
        super::blocks::after_insert(conn, conn.last_insert_rowid(), &layout, &crossing)?;
        return Ok(InsertOutcome::Inserted(a.uid().to_owned()));
    }
    let existing: Option<String> = conn
        .prepare_cached("SELECT uid FROM articles WHERE content_hash = ?1")?
        .query_row([&a.content_hash], |r| r.get(0))
        .optional()?;
    match existing {
        Some(uid) => Ok(InsertOutcome::Duplicate(uid)),
        None => Err(Error::InvalidInput(format!(
            "article id {} is already taken by different content",
            a.uid()
        ))),
    }
}

/// Stores an article that comes from another library (a bundle line, a team
/// change) under its own id and import record, and classifies its lines;
/// returns the new row id. The caller has checked it (`bundle_check`) and
/// knows no article here has its id or text. `published_at` is the date as
/// the caller normalized it; `content_hash` the hash of `a.body`.
pub fn insert_copy(
    conn: &Connection,
    a: &Article,
    published_at: Option<&str>,
    content_hash: &str,
) -> Result<i64> {
    conn.prepare_cached(
        "INSERT INTO articles (uid, title, body, source, url, author, published_at, language,
                               imported_at, origin_path, origin_format, encoding, content_hash)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)",
    )?
    .execute(params![
        a.id,
        a.title,
        a.body,
        a.source,
        a.url,
        a.author,
        published_at,
        a.language,
        a.imported_at,
        a.origin.path,
        a.origin.format,
        a.origin.encoding,
        content_hash
    ])?;
    let id = conn.last_insert_rowid();
    super::blocks::classify_stored(conn, id)?;
    Ok(id)
}

pub(crate) const ARTICLE_COLUMNS: &str =
    "uid, title, source, url, author, published_at, language, imported_at,
     origin_path, origin_format, encoding, content_hash, body";

pub(crate) fn article_from_row(r: &Row<'_>) -> rusqlite::Result<Article> {
    Ok(Article {
        id: r.get(0)?,
        title: r.get(1)?,
        source: r.get(2)?,
        url: r.get(3)?,
        author: r.get(4)?,
        published_at: r.get(5)?,
        language: r.get(6)?,
        imported_at: r.get(7)?,
        origin: Origin {
            path: r.get(8)?,
            format: r.get(9)?,
            encoding: r.get(10)?,
        },
        content_hash: r.get(11)?,
        body: r.get(12)?,
    })
}

/// Looks an article up by its id or an unambiguous prefix of it (at least 4 characters).
pub fn get(conn: &Connection, id: &str) -> Result<Article> {
    let id = id.trim().to_ascii_lowercase();
    if id.len() < 4 || !id.chars().all(|c| c.is_ascii_hexdigit()) {
        return Err(Error::ArticleNotFound(id));
    }
    let sql = format!(
        "SELECT {ARTICLE_COLUMNS} FROM articles WHERE uid >= ?1 AND uid < ?1 || 'g' LIMIT 2"
    );
    let mut stmt = conn.prepare_cached(&sql)?;
    let mut found: Vec<Article> = stmt
        .query_map([&id], article_from_row)?
        .collect::<rusqlite::Result<_>>()?;
    match found.len() {
        0 => Err(Error::ArticleNotFound(id)),
        1 => Ok(found.remove(0)),
        _ => Err(Error::AmbiguousId(id)),
    }
}

/// Newest first (by publication date, undated last), then most recently imported.
pub fn list(conn: &Connection, limit: u32, offset: u32) -> Result<Vec<ArticleSummary>> {
    let mut stmt = conn.prepare_cached(
        "SELECT uid, title, source, published_at, language FROM articles
         ORDER BY published_at IS NULL, published_at DESC, id DESC LIMIT ?1 OFFSET ?2",
    )?;
    let rows = stmt
        .query_map(params![limit, offset], |r| {
            Ok(ArticleSummary {
                id: r.get(0)?,
                title: r.get(1)?,
                source: r.get(2)?,
                published_at: r.get(3)?,
                language: r.get(4)?,
            })
        })?
        .collect::<rusqlite::Result<_>>()?;
    Ok(rows)
}

pub fn count(conn: &Connection) -> Result<i64> {
    Ok(conn.query_row("SELECT count(*) FROM articles", [], |r| r.get(0))?)
}

/// Articles in the library, from the counts kept by triggers (no scan).
pub fn kept_count(conn: &Connection) -> Result<i64> {
    Ok(
        conn.query_row("SELECT coalesce(sum(n), 0) FROM article_counts", [], |r| {
            r.get(0)
        })?,
    )
}

/// Counts from a `SELECT key, count(*) … GROUP BY 1` query; a NULL key counts as [`UNKNOWN`].
pub fn group_counts(
    conn: &Connection,
    sql: &str,
    params: impl rusqlite::Params,
) -> Result<BTreeMap<String, i64>> {
    let mut stmt = conn.prepare(sql)?;
    let rows = stmt
        .query_map(params, |r| {
            Ok((r.get::<_, Option<String>>(0)?, r.get::<_, i64>(1)?))
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(rows
        .into_iter()
        .map(|(k, n)| (k.unwrap_or_else(|| UNKNOWN.to_owned()), n))
        .collect())
}

/// Counts of the whole library, from the counts the triggers keep (not a scan).
pub fn stats(conn: &Connection) -> Result<Stats> {
    let grouped = |sql: &str| group_counts(conn, sql, []);
    Ok(Stats {
        articles: kept_count(conn)?,
        by_source: grouped("SELECT source, sum(n) FROM article_counts_view GROUP BY 1")?,
        by_language: grouped("SELECT language, sum(n) FROM article_counts_view GROUP BY 1")?,
        by_year: grouped(
            "SELECT substr(published_at, 1, 4), sum(n) FROM article_counts_view GROUP BY 1",
        )?,
    })
}

/// Replaces an article's text (a corrected or newer version) inside `tx`
/// and classifies its lines anew; the stable id stays. Refused if another
/// article already has exactly this text. Returns the article's internal id
/// and the stored text: whoever changes a body finds its annotations again
/// ([`crate::edits::update_body`]), so the store's articles never call up
/// into its annotations.
pub fn replace_body(tx: &Transaction<'_>, id: &str, body: &str) -> Result<(i64, String)> {
    use crate::text::normalize::{canonical_text, squash_whitespace};
    let article = get(tx, id)?;
    let body = canonical_text(body);
    if body.trim().is_empty() {
        return Err(Error::InvalidInput("the new text is empty".into()));
    }
    let hash = blake3::hash(squash_whitespace(&body).as_bytes())
        .to_hex()
        .to_string();
    let same: Option<String> = tx
        .query_row(
            "SELECT uid FROM articles WHERE content_hash = ?1 AND uid <> ?2",
            params![hash, article.id],
            |r| r.get(0),
        )
        .optional()?;
    if let Some(other) = same {
        return Err(Error::InvalidInput(format!(
            "article {other} already has exactly this text"
        )));
    }
    // Blocks are cleared with the text they described, then classified anew.
    let internal: i64 = tx.query_row(
        "UPDATE articles SET body = ?2, content_hash = ?3, blocks = '' WHERE uid = ?1 RETURNING id",
        params![article.id, body, hash],
        |r| r.get(0),
    )?;
    crate::store::blocks::after_edit(tx, internal)?;
    Ok((internal, body))
}

/// Metadata a user may edit; `None` leaves a field as it is, `Some("")` clears it.
#[derive(Debug, Clone, Default, serde::Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct MetadataEdit {
    pub title: Option<String>,
    pub source: Option<String>,
    pub url: Option<String>,
    pub author: Option<String>,
    pub published_at: Option<String>,
    pub language: Option<String>,
}

pub fn update_metadata(conn: &Connection, id: &str, edit: &MetadataEdit) -> Result<Article> {
    let article = get(conn, id)?;
    // All fields or none: a bad date must not leave a changed title behind.
    let tx = conn.unchecked_transaction()?;
    let field = |v: &Option<String>| v.as_ref().map(|s| s.trim().to_owned());
    if let Some(t) = field(&edit.title) {
        if t.is_empty() {
            return Err(Error::InvalidInput("the title cannot be empty".into()));
        }
        tx.execute(
            "UPDATE articles SET title = ?2 WHERE uid = ?1",
            params![article.id, t],
        )?;
    }
    for (column, value) in [
        ("source", &edit.source),
        ("url", &edit.url),
        ("author", &edit.author),
    ] {
        if let Some(v) = field(value) {
            let v = Some(v).filter(|v| !v.is_empty());
            tx.execute(
                &format!("UPDATE articles SET {column} = ?2 WHERE uid = ?1"),
                params![article.id, v],
            )?;
        }
    }
    if let Some(d) = field(&edit.published_at) {
        let d = if d.is_empty() {
            None
        } else {
            Some(crate::text::dates::normalize_date(&d).ok_or_else(|| {
                Error::InvalidInput(format!("“{d}” is not a date (use YYYY-MM-DD)"))
            })?)
        };
        tx.execute(
            "UPDATE articles SET published_at = ?2 WHERE uid = ?1",
            params![article.id, d],
        )?;
    }
    if let Some(l) = field(&edit.language) {
        if !matches!(l.as_str(), "uk" | "ru" | "other") {
            return Err(Error::InvalidInput(format!(
                "language “{l}”: use uk, ru or other"
            )));
        }
        tx.execute(
            "UPDATE articles SET language = ?2 WHERE uid = ?1",
            params![article.id, l],
        )?;
    }
    // A new date or source can change the story's first publisher.
    crate::store::stories::flush_pending(&tx, usize::MAX)?;
    tx.commit()?;
    get(conn, &article.id)
}
