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
//!
//! A bundle is untrusted input (anyone can edit one): every line is checked
//! (`bundle_check`) and merged in its own savepoint (`bundle_merge`), so a bad
//! line changes nothing and is reported; a damaged header refuses the file.

use std::io::{BufRead, Write};
use std::path::Path;
use std::sync::atomic::{AtomicBool, Ordering};

use rusqlite::{Connection, Transaction};
use serde::{Deserialize, Serialize};

pub use super::bundle_merge::{BundleTag, MergeTotals};
use super::{bundle_check, bundle_merge, write_err, ArticleStream, Context, ExportArticle};
use crate::error::{Error, Result};
use crate::Library;

pub const MAGIC: &str = "litopys-bundle";
pub const VERSION: u32 = 1;

#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
struct Header {
    format: String,
    version: u32,
    tags: Vec<BundleTag>,
}

/// The tags the articles `ids` or their annotations use (with ancestors), as a header lists them.
pub(crate) fn bundle_tags(conn: &Connection, ids: &[i64]) -> Result<Vec<BundleTag>> {
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
    let line = serde_json::to_string(&header).map_err(|e| Error::Internal(e.to_string()))?;
    writeln!(out, "{line}").map_err(write_err)?;
    for a in stream {
        let mut a = a?;
        let line = article_line(&mut a)?;
        writeln!(out, "{line}").map_err(write_err)?;
        if !ctx.done(&a) {
            break;
        }
    }
    Ok(())
}

/// One article line of a bundle (without its newline).
pub(crate) fn article_line(a: &mut ExportArticle) -> Result<String> {
    bind_id_to_text(a);
    // By place, then by stable id: the store's order breaks ties by row id,
    // which differs between libraries that received the same notes in
    // another order, and synced team libraries must write equal bundles.
    a.annotations.sort_by(|x, y| {
        (x.start.is_some(), x.start, x.end, &x.id).cmp(&(y.start.is_some(), y.start, y.end, &y.id))
    });
    serde_json::to_string(a).map_err(|e| Error::Internal(e.to_string()))
}

/// An article whose text was edited keeps the id of its first text in this
/// library; in a bundle it gets the id of its present text, since importers
/// refuse ids that do not match their text (a forged text must never squat a
/// genuine id). Importing it back here finds it by its text.
fn bind_id_to_text(a: &mut ExportArticle) {
    let id = bundle_check::stable_id(&a.article.body);
    if id != a.article.id {
        for n in &mut a.annotations {
            n.article.clone_from(&id);
        }
        a.article.id = id;
    }
}

/// Whether `path` starts like a bundle (so `import` can route it here). A
/// damaged header still counts, so that `import` refuses the file with a
/// clear error instead of it being read as plain JSONL.
pub fn is_bundle(path: &Path) -> bool {
    let Ok(f) = std::fs::File::open(path) else {
        return false;
    };
    // The start of the first line is enough: the writer puts `format` first.
    let mut head = Vec::new();
    let mut reader = std::io::BufReader::new(std::io::Read::take(f, 64 * 1024));
    if reader.read_until(b'\n', &mut head).is_err() {
        return false;
    }
    looks_like_header(&String::from_utf8_lossy(&head))
}

fn looks_like_header(first: &str) -> bool {
    let first = first.trim_start_matches('\u{feff}').trim();
    match serde_json::from_str::<serde_json::Value>(first) {
        Ok(v) => v
            .get("format")
            .and_then(|f| f.as_str())
            .is_some_and(|f| f.contains("litopys")),
        // Damaged or longer than the part read: judged by its text.
        Err(_) => first.contains(MAGIC) || first.starts_with("{\"format\""),
    }
}

/// Reads the header, refusing the file (naming it and line 1) when it is
/// damaged, of another format or of a newer version.
fn read_header(path: &Path, first: &[u8]) -> Result<Header> {
    let refuse = |why: String| Error::io(path, format!("line 1: {why}"));
    let text = std::str::from_utf8(first)
        .map_err(|_| refuse("the bundle header is damaged (not UTF-8 text)".into()))?;
    let text = text.trim_start_matches('\u{feff}').trim();
    if !looks_like_header(text) {
        return Err(refuse(
            "not a Litopys bundle (its first line is no bundle header)".into(),
        ));
    }
    let header: Header = serde_json::from_str(text)
        .map_err(|e| refuse(format!("the bundle header is damaged ({e})")))?;
    if header.format != MAGIC {
        return Err(refuse(format!(
            "unknown bundle format “{}” (expected {MAGIC})",
            bundle_check::shown(&header.format)
        )));
    }
    if header.version == 0 || header.version > VERSION {
        return Err(refuse(format!(
            "bundle version {} is not one this Litopys reads (1 to {VERSION})",
            header.version
        )));
    }
    Ok(header)
}

/// What [`read_line_capped`] found.
enum Line {
    Eof,
    /// A line, now in the buffer (without its `\n`).
    Read,
    /// A line of this many bytes, longer than the cap: skipped, not kept.
    TooLong(u64),
}

/// One line of at most `cap` bytes into `buf`; a longer one is read to its
/// end without being kept in memory.
fn read_line_capped(
    reader: &mut (impl BufRead + ?Sized),
    buf: &mut Vec<u8>,
    cap: u64,
) -> std::io::Result<Line> {
    buf.clear();
    let (mut total, mut any) = (0u64, false);
    loop {
        let chunk = reader.fill_buf()?;
        if chunk.is_empty() {
            break;
        }
        any = true;
        let (part, used, done) = match chunk.iter().position(|&b| b == b'\n') {
            Some(i) => (&chunk[..i], i + 1, true),
            None => (chunk, chunk.len(), false),
        };
        total += part.len() as u64;
        if total <= cap {
            buf.extend_from_slice(part);
        } else {
            buf.clear();
        }
        reader.consume(used);
        if done {
            break;
        }
    }
    Ok(match (any, total > cap) {
        (false, _) => Line::Eof,
        (true, false) => Line::Read,
        (true, true) => Line::TooLong(total),
    })
}

/// Imports a bundle into `lib`, merging as described in the module docs.
/// Bad lines are reported and skipped; the rest is imported. A damaged
/// header refuses the whole file before anything is stored.
pub fn import(
    lib: &mut Library,
    path: &Path,
    cancel: &AtomicBool,
    progress: &mut dyn FnMut(u64),
) -> Result<MergeTotals> {
    let file = std::fs::File::open(path).map_err(|e| Error::file(path, e))?;
    let mut reader = std::io::BufReader::new(file);
    let mut buf = Vec::new();
    let cap = bundle_check::MAX_LINE_BYTES;
    match read_line_capped(&mut reader, &mut buf, cap).map_err(|e| Error::io(path, e))? {
        Line::Read => {}
        Line::TooLong(len) => {
            return Err(Error::io(
                path,
                format!("line 1: the bundle header is too long ({len} bytes)"),
            ))
        }
        Line::Eof => return Err(Error::io(path, "line 1: the file is empty, not a bundle")),
    }
    let header = read_header(path, &buf)?;
    // Damage found before the merge stops it before it adds to the damage.
    lib.check_before_write()?;
    merge(lib, path, &header.tags, &mut reader, cancel, progress)
}

/// Merges `tags` and then the article lines of `reader` (numbered from line
/// 2, after a header) into `lib`; `path` names the source in failures. The
/// one merge path of bundle files and of the trash (`crate::removal`).
pub(crate) fn merge(
    lib: &mut Library,
    path: &Path,
    tags: &[BundleTag],
    reader: &mut dyn BufRead,
    cancel: &AtomicBool,
    progress: &mut dyn FnMut(u64),
) -> Result<MergeTotals> {
    lib.ensure_writable()?;
    let mut buf = Vec::new();
    let cap = bundle_check::MAX_LINE_BYTES;
    let mut totals = MergeTotals::default();
    let conn = lib.conn_mut();
    let tx = conn.transaction()?;
    for t in tags {
        bundle_merge::merge_tag(&tx, t, &mut totals).map_err(|e| {
            Error::io(
                path,
                format!("line 1: tag “{}”: {e}", bundle_check::shown(&t.name)),
            )
        })?;
    }
    tx.commit()?;
    let mut line_no = 1u64;
    let mut tx = conn.transaction()?;
    loop {
        let line = read_line_capped(reader, &mut buf, cap).map_err(|e| Error::io(path, e))?;
        if matches!(line, Line::Eof) {
            break;
        }
        line_no += 1;
        let outcome = match line {
            Line::TooLong(len) => Err(Error::InvalidInput(format!(
                "the line is too long ({} MB; at most {} MB)",
                len / (1024 * 1024),
                cap / (1024 * 1024)
            ))),
            _ => merge_line(&tx, &buf, &mut totals),
        };
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
    crate::store::stories::flush_pending(&tx, usize::MAX)?;
    tx.commit()?;
    Ok(totals)
}

/// Merges one article line in its own savepoint: it is stored whole or not
/// at all, and only what was stored is added to `totals`.
fn merge_line(tx: &Transaction, bytes: &[u8], totals: &mut MergeTotals) -> Result<()> {
    let text = std::str::from_utf8(bytes)
        .map_err(|_| Error::InvalidInput("the line is not UTF-8 text".into()))?;
    if text.trim().is_empty() {
        return Ok(());
    }
    let a = serde_json::from_str::<ExportArticle>(text).map_err(|e| {
        let what = if e.is_data() {
            "not a bundle article"
        } else {
            "invalid JSON"
        };
        Error::InvalidInput(crate::error::json_line_error(what, &e, text))
    })?;
    let mut line = MergeTotals::default();
    tx.execute("SAVEPOINT line", [])?;
    let r = bundle_merge::merge_article(tx, &a, &mut line);
    if r.is_ok() {
        tx.execute("RELEASE line", [])?;
        totals.add(&line);
    } else {
        tx.execute("ROLLBACK TO line", [])?;
        tx.execute("RELEASE line", [])?;
    }
    r
}
