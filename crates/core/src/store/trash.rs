//! The trash (migration 0010): removed articles, each kept as one bundle
//! line with the header tags it uses, until it is put back or expires.
//! Which articles go and how they come back is `crate::removal`'s work; this
//! module only keeps the rows.

use rusqlite::{params, Connection, OptionalExtension};
use serde::Serialize;

use crate::error::{Error, Result};

/// Days a removed article stays in the trash; older entries are dropped when
/// the library is opened.
pub const KEEP_DAYS: i64 = 30;

/// A removed article as the trash lists it.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct TrashEntry {
    /// The article's stable id when it was removed.
    pub id: String,
    pub title: String,
    /// The removal it went with (one Undo puts a whole removal back).
    pub removal: i64,
    /// When it was removed (RFC 3339 UTC).
    pub removed_at: String,
}

/// An article on its way into the trash.
pub struct Kept {
    pub uid: String,
    pub title: String,
    /// The bundle line (JSON, without a newline).
    pub line: String,
    /// The bundle header's tags the line uses (JSON array).
    pub tags: String,
}

/// A stored entry on its way back.
pub struct Stored {
    pub row: i64,
    pub line: String,
    pub tags: String,
}

/// Which entries to put back.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Which {
    /// Stable ids (or unambiguous prefixes), all or nothing.
    Ids(Vec<String>),
    /// Everything one removal took.
    Removal(i64),
    All,
}

/// A number for a new removal, above every one in the trash.
pub fn next_removal(conn: &Connection) -> Result<i64> {
    Ok(
        conn.query_row("SELECT coalesce(max(removal), 0) + 1 FROM trash", [], |r| {
            r.get(0)
        })?,
    )
}

pub fn put(conn: &Connection, removal: i64, removed_at: &str, kept: &Kept) -> Result<()> {
    conn.prepare_cached(
        "INSERT INTO trash (uid, title, line, tags, removal, removed_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
    )?
    .execute(params![
        kept.uid, kept.title, kept.line, kept.tags, removal, removed_at
    ])?;
    Ok(())
}

/// Everything in the trash, the latest removal first.
pub fn list(conn: &Connection) -> Result<Vec<TrashEntry>> {
    let mut stmt = conn
        .prepare("SELECT uid, title, removal, removed_at FROM trash ORDER BY removal DESC, id")?;
    let rows = stmt.query_map([], |r| {
        Ok(TrashEntry {
            id: r.get(0)?,
            title: r.get(1)?,
            removal: r.get(2)?,
            removed_at: r.get(3)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

pub fn count(conn: &Connection) -> Result<u64> {
    Ok(conn.query_row("SELECT count(*) FROM trash", [], |r| r.get::<_, i64>(0))? as u64)
}

/// The stored entries `which` names, in the order they were removed. An id
/// that names no entry (or several articles) is an error and nothing is read.
pub fn stored(conn: &Connection, which: &Which) -> Result<Vec<Stored>> {
    let rows: Vec<i64> = match which {
        Which::All => conn
            .prepare("SELECT id FROM trash ORDER BY id")?
            .query_map([], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?,
        Which::Removal(n) => conn
            .prepare("SELECT id FROM trash WHERE removal = ?1 ORDER BY id")?
            .query_map([n], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?,
        Which::Ids(ids) => {
            let mut rows = Vec::new();
            for id in ids {
                rows.extend(rows_of(conn, id)?);
            }
            rows.sort_unstable();
            rows.dedup();
            rows
        }
    };
    let mut stmt = conn.prepare_cached("SELECT line, tags FROM trash WHERE id = ?1")?;
    let mut out = Vec::with_capacity(rows.len());
    for row in rows {
        let (line, tags) = stmt.query_row([row], |r| Ok((r.get(0)?, r.get(1)?)))?;
        out.push(Stored { row, line, tags });
    }
    Ok(out)
}

/// The rows of one id or unambiguous id prefix (an article removed, imported
/// again and removed again is there twice).
fn rows_of(conn: &Connection, id: &str) -> Result<Vec<i64>> {
    let id = id.trim();
    let hex = !id.is_empty() && id.len() <= 16 && id.bytes().all(|b| b.is_ascii_hexdigit());
    if !hex {
        return Err(Error::NotInTrash(id.to_owned()));
    }
    let id = id.to_ascii_lowercase();
    let mut stmt = conn.prepare_cached(
        "SELECT id, uid FROM trash WHERE uid >= ?1 AND uid < ?1 || 'g' ORDER BY id",
    )?;
    let found: Vec<(i64, String)> = stmt
        .query_map([&id], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<rusqlite::Result<_>>()?;
    match found.first() {
        None => Err(Error::NotInTrash(id)),
        Some((_, first)) if found.iter().any(|(_, u)| u != first) => Err(Error::AmbiguousId(id)),
        Some(_) => Ok(found.into_iter().map(|(row, _)| row).collect()),
    }
}

/// Drops entries (by row); returns how many went.
pub fn drop_rows(conn: &Connection, rows: &[i64]) -> Result<usize> {
    let mut stmt = conn.prepare_cached("DELETE FROM trash WHERE id = ?1")?;
    let mut n = 0;
    for row in rows {
        n += stmt.execute([row])?;
    }
    Ok(n)
}

/// Empties the trash; returns how many entries went.
pub fn empty(conn: &Connection) -> Result<usize> {
    Ok(conn.execute("DELETE FROM trash", [])?)
}

/// Drops the entries removed before `cutoff` (RFC 3339 UTC); returns how many.
pub fn purge_before(conn: &Connection, cutoff: &str) -> Result<usize> {
    Ok(conn.execute("DELETE FROM trash WHERE removed_at < ?1", [cutoff])?)
}

/// Drops the entries older than [`KEEP_DAYS`] (run when a library is opened).
pub fn purge_expired(conn: &Connection) -> Result<usize> {
    let cutoff = time::OffsetDateTime::now_utc() - time::Duration::days(KEEP_DAYS);
    // A look at the oldest entry first: opening then takes no write lock
    // (which could wait behind another program's import) unless one expired.
    let oldest: Option<String> = conn
        .query_row("SELECT min(removed_at) FROM trash", [], |r| r.get(0))
        .optional()?
        .flatten();
    match oldest {
        Some(o) if o < super::rfc3339(cutoff) => purge_before(conn, &super::rfc3339(cutoff)),
        _ => Ok(0),
    }
}
