//! The Litopys bundle: a lossless JSON Lines export that another library can
//! import. Line 1 is a header with the tags (hierarchy by name, colours,
//! descriptions); every further line is one article with all its metadata, its
//! tags and its annotations (W3C-style selectors in code points).
//!
//! Importing merges, never duplicates:
//! - articles are matched by stable id; a known article only gains the
//!   metadata it lacks (source, url, author, date), nothing is overwritten;
//! - tags are matched by name ignoring case; colour and description come from
//!   whichever side changed them last (`updated_at`), the local side on a tie;
//! - an article's tags are the union of both sides;
//! - annotations are matched by id; the version changed last wins as a whole
//!   (note, colour, tags, span), the local one on a tie.
//!
//! Nothing is deleted by an import: a bundle is a set, not a log of changes.

use std::io::{BufRead, Write};
use std::path::Path;
use std::sync::atomic::{AtomicBool, Ordering};

use rusqlite::{params, Connection, OptionalExtension, Transaction};
use serde::{Deserialize, Serialize};

use super::{write_err, ArticleStream, Context, ExportArticle};
use crate::error::{Error, Result};
use crate::store::annotations::Annotation;
use crate::store::tags;
use crate::text::normalize::squash_whitespace;
use crate::Library;

pub const MAGIC: &str = "litopys-bundle";
pub const VERSION: u32 = 1;

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct BundleTag {
    pub name: String,
    pub color: Option<String>,
    pub description: Option<String>,
    pub created_at: String,
    pub updated_at: String,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
struct Header {
    format: String,
    version: u32,
    tags: Vec<BundleTag>,
}

fn bundle_tags(conn: &Connection, ids: &[i64]) -> Result<Vec<BundleTag>> {
    let names: std::collections::BTreeSet<String> = super::used_tags(conn, ids)?
        .into_iter()
        .map(|t| t.name.to_lowercase())
        .collect();
    let mut stmt = conn.prepare_cached(
        "SELECT name, color, description, created_at, updated_at, key FROM tags ORDER BY key",
    )?;
    let all = stmt
        .query_map([], |r| {
            Ok((
                BundleTag {
                    name: r.get(0)?,
                    color: r.get(1)?,
                    description: r.get(2)?,
                    created_at: r.get(3)?,
                    updated_at: r.get(4)?,
                },
                r.get::<_, String>(5)?,
            ))
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(all
        .into_iter()
        .filter(|(_, k)| names.contains(k))
        .map(|(t, _)| t)
        .collect())
}

pub fn write(ctx: &mut Context, stream: &mut ArticleStream, out: &mut dyn Write) -> Result<()> {
    let header = Header {
        format: MAGIC.to_owned(),
        version: VERSION,
        tags: bundle_tags(ctx.conn, ctx.ids)?,
    };
    let line = serde_json::to_string(&header).map_err(|e| Error::InvalidInput(e.to_string()))?;
    writeln!(out, "{line}").map_err(write_err)?;
    for a in stream {
        let a = a?;
        let line = serde_json::to_string(&a).map_err(|e| Error::InvalidInput(e.to_string()))?;
        writeln!(out, "{line}").map_err(write_err)?;
        if !ctx.done(&a) {
            break;
        }
    }
    Ok(())
}

/// Whether `path` starts like a bundle (so `import` can route it here).
pub fn is_bundle(path: &Path) -> bool {
    let Ok(f) = std::fs::File::open(path) else {
        return false;
    };
    let mut first = String::new();
    let mut reader = std::io::BufReader::new(std::io::Read::take(f, 64 * 1024));
    if reader.read_line(&mut first).is_err() {
        return false;
    }
    serde_json::from_str::<Header>(first.trim_start_matches('\u{feff}'))
        .is_ok_and(|h| h.format == MAGIC)
}

#[derive(Debug, Clone, Default, Serialize, PartialEq, Eq)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct MergeTotals {
    pub articles_added: u64,
    pub articles_known: u64,
    pub tags_added: u64,
    pub tags_updated: u64,
    pub annotations_added: u64,
    pub annotations_updated: u64,
    /// `path:line: reason` for every line that could not be used.
    pub failed: Vec<String>,
    pub cancelled: bool,
}

/// Imports a bundle into `lib`, merging as described in the module docs.
/// Bad lines are reported and skipped; the rest is imported.
pub fn import(
    lib: &mut Library,
    path: &Path,
    cancel: &AtomicBool,
    progress: &mut dyn FnMut(u64),
) -> Result<MergeTotals> {
    let file = std::fs::File::open(path).map_err(|e| Error::io(path, e))?;
    let mut lines = std::io::BufReader::new(file).lines();
    let first = lines
        .next()
        .transpose()
        .map_err(|e| Error::io(path, e))?
        .unwrap_or_default();
    let header: Header = serde_json::from_str(first.trim_start_matches('\u{feff}'))
        .ok()
        .filter(|h: &Header| h.format == MAGIC)
        .ok_or_else(|| {
            Error::io(
                path,
                "not a Litopys bundle (its first line is no bundle header)",
            )
        })?;
    if header.version > VERSION {
        return Err(Error::io(
            path,
            format!(
                "bundle version {} is newer than this Litopys reads ({VERSION})",
                header.version
            ),
        ));
    }
    let mut totals = MergeTotals::default();
    let conn = lib.conn_mut();
    let tx = conn.transaction()?;
    for t in &header.tags {
        merge_tag(&tx, t, &mut totals)
            .map_err(|e| Error::io(path, format!("line 1: tag “{}”: {e}", t.name)))?;
    }
    tx.commit()?;
    let mut line_no = 1u64;
    let mut tx = conn.transaction()?;
    for line in lines {
        line_no += 1;
        let line = line.map_err(|e| Error::io(path, e))?;
        if line.trim().is_empty() {
            continue;
        }
        let outcome = serde_json::from_str::<ExportArticle>(&line)
            .map_err(|e| Error::InvalidInput(format!("not a bundle article: {e}")))
            .and_then(|a| {
                tx.execute("SAVEPOINT line", [])?;
                let r = merge_article(&tx, &a, &mut totals);
                tx.execute(
                    if r.is_ok() {
                        "RELEASE line"
                    } else {
                        "ROLLBACK TO line"
                    },
                    [],
                )?;
                if r.is_err() {
                    tx.execute("RELEASE line", [])?;
                }
                r
            });
        if let Err(e) = outcome {
            totals
                .failed
                .push(format!("{}:{line_no}: {e}", path.display()));
        }
        progress(line_no - 1);
        if (line_no - 1).is_multiple_of(1000) {
            tx.commit()?;
            tx = conn.transaction()?;
        }
        if cancel.load(Ordering::Relaxed) {
            totals.cancelled = true;
            break;
        }
    }
    crate::store::blocks::flush_pending(&tx)?;
    tx.commit()?;
    Ok(totals)
}

fn merge_tag(tx: &Transaction, t: &BundleTag, totals: &mut MergeTotals) -> Result<()> {
    let name = tags::normalize_name(&t.name)?;
    let color = tags::normalize_color(t.color.as_deref())?;
    let local: Option<(i64, String)> = tx
        .query_row(
            "SELECT id, updated_at FROM tags WHERE key = ?1",
            [name.to_lowercase()],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .optional()?;
    match local {
        None => {
            tx.execute(
                "INSERT INTO tags (name, key, color, description, created_at, updated_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
                params![
                    name,
                    name.to_lowercase(),
                    color,
                    t.description,
                    t.created_at,
                    t.updated_at
                ],
            )?;
            totals.tags_added += 1;
        }
        Some((id, updated)) if t.updated_at > updated => {
            tx.execute(
                "UPDATE tags SET name = ?2, color = ?3, description = ?4, updated_at = ?5 WHERE id = ?1",
                params![id, name, color, t.description, t.updated_at],
            )?;
            totals.tags_updated += 1;
        }
        Some(_) => {}
    }
    Ok(())
}

fn merge_article(tx: &Transaction, e: &ExportArticle, totals: &mut MergeTotals) -> Result<()> {
    let a = &e.article;
    if !matches!(a.language.as_str(), "uk" | "ru" | "other") {
        return Err(Error::InvalidInput(format!(
            "unknown language “{}”",
            a.language
        )));
    }
    if a.id.len() < 4 || !a.id.chars().all(|c| c.is_ascii_hexdigit()) {
        return Err(Error::InvalidInput(format!(
            "“{}” is not an article id",
            a.id
        )));
    }
    if a.title.trim().is_empty() || a.body.trim().is_empty() {
        return Err(Error::InvalidInput(format!(
            "article {} has no title or text",
            a.id
        )));
    }
    let local: Option<i64> = tx
        .query_row("SELECT id FROM articles WHERE uid = ?1", [&a.id], |r| {
            r.get(0)
        })
        .optional()?;
    let article = match local {
        Some(id) => {
            tx.execute(
                "UPDATE articles SET source = coalesce(source, ?2), url = coalesce(url, ?3),
                        author = coalesce(author, ?4), published_at = coalesce(published_at, ?5)
                 WHERE id = ?1",
                params![id, a.source, a.url, a.author, a.published_at],
            )?;
            totals.articles_known += 1;
            id
        }
        None => {
            // Trust the text, not the hash written beside it (bundles can be edited by hand).
            let hash = blake3::hash(squash_whitespace(&a.body).as_bytes())
                .to_hex()
                .to_string();
            let clash: Option<String> = tx
                .query_row(
                    "SELECT uid FROM articles WHERE content_hash = ?1",
                    [&hash],
                    |r| r.get(0),
                )
                .optional()?;
            if let Some(other) = clash {
                return Err(Error::InvalidInput(format!(
                    "article {} has the same text as article {other} already in the library",
                    a.id
                )));
            }
            tx.execute(
                "INSERT INTO articles (uid, title, body, source, url, author, published_at, language,
                                       imported_at, origin_path, origin_format, encoding, content_hash)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)",
                params![
                    a.id, a.title, a.body, a.source, a.url, a.author, a.published_at, a.language,
                    a.imported_at, a.origin.path, a.origin.format, a.origin.encoding, hash
                ],
            )?;
            totals.articles_added += 1;
            let id = tx.last_insert_rowid();
            crate::store::blocks::classify_stored(tx, id)?;
            id
        }
    };
    crate::store::blocks::adopt_user_blocks(tx, article, &a.body, &e.blocks)?;
    for t in &e.tags {
        let tag = tags::ensure(tx, t)?;
        tx.execute(
            "INSERT INTO article_tags (tag_id, article_id) VALUES (?1, ?2) ON CONFLICT DO NOTHING",
            params![tag, article],
        )?;
    }
    let body_len = a.body.chars().count();
    for n in &e.annotations {
        merge_annotation(tx, article, body_len, n, totals)?;
    }
    Ok(())
}

fn merge_annotation(
    tx: &Transaction,
    article: i64,
    body_len: usize,
    n: &Annotation,
    totals: &mut MergeTotals,
) -> Result<()> {
    let span = match (n.start, n.end) {
        (Some(s), Some(e)) if s <= e && e <= body_len => Some((s as i64, e as i64)),
        (None, None) => None,
        _ => {
            return Err(Error::InvalidInput(format!(
                "annotation {} has a span outside its article's text",
                n.id
            )))
        }
    };
    let color = tags::normalize_color(n.color.as_deref())?;
    let local: Option<(i64, String)> = tx
        .query_row(
            "SELECT id, updated_at FROM annotations WHERE uid = ?1",
            [&n.id],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .optional()?;
    let id = match local {
        None => {
            tx.execute(
                "INSERT INTO annotations (uid, article_id, span_start, span_end, exact, prefix, suffix,
                                          note, color, orphaned, created_at, updated_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)",
                params![
                    n.id, article, span.map(|s| s.0), span.map(|s| s.1), n.exact, n.prefix,
                    n.suffix, n.note, color, n.orphaned, n.created_at, n.updated_at
                ],
            )?;
            totals.annotations_added += 1;
            tx.last_insert_rowid()
        }
        Some((id, updated)) if n.updated_at > updated => {
            tx.execute(
                "UPDATE annotations SET span_start = ?2, span_end = ?3, exact = ?4, prefix = ?5,
                        suffix = ?6, note = ?7, color = ?8, orphaned = ?9, updated_at = ?10
                 WHERE id = ?1",
                params![
                    id,
                    span.map(|s| s.0),
                    span.map(|s| s.1),
                    n.exact,
                    n.prefix,
                    n.suffix,
                    n.note,
                    color,
                    n.orphaned,
                    n.updated_at
                ],
            )?;
            tx.execute("DELETE FROM annotation_tags WHERE annotation_id = ?1", [id])?;
            totals.annotations_updated += 1;
            id
        }
        Some(_) => return Ok(()),
    };
    for t in &n.tags {
        let tag = tags::ensure(tx, t)?;
        tx.execute(
            "INSERT INTO annotation_tags (tag_id, annotation_id) VALUES (?1, ?2) ON CONFLICT DO NOTHING",
            params![tag, id],
        )?;
    }
    Ok(())
}
