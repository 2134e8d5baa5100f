//! The captures table: one row per fetch kept as evidence.

use rusqlite::{params, Connection, OptionalExtension, Row};
use serde::Serialize;

use crate::error::{CaptureError, Result};

/// A capture as the reader shows it (without its WARC bytes).
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct CaptureRecord {
    pub id: i64,
    /// The article the page's text became (None when no text could be kept).
    pub article_id: Option<String>,
    pub requested_url: String,
    pub final_url: String,
    /// RFC 3339, UTC.
    pub captured_at: String,
    pub http_status: u16,
    pub content_type: Option<String>,
    /// Hex SHA-256 of the body as received.
    pub payload_sha256: String,
    pub payload_bytes: i64,
    pub feed_id: Option<i64>,
}

/// What is written for one capture.
pub struct NewCapture<'a> {
    pub article_id: Option<&'a str>,
    pub requested_url: &'a str,
    pub final_url: &'a str,
    pub captured_at: &'a str,
    pub http_status: u16,
    pub content_type: Option<&'a str>,
    pub payload_sha256: &'a str,
    pub payload_bytes: usize,
    pub warc_gz: &'a [u8],
    pub feed_id: Option<i64>,
}

const COLUMNS: &str = "id, article_uid, requested_url, final_url, captured_at, http_status, \
                       content_type, payload_sha256, payload_bytes, feed_id";

fn from_row(r: &Row<'_>) -> rusqlite::Result<CaptureRecord> {
    Ok(CaptureRecord {
        id: r.get(0)?,
        article_id: r.get(1)?,
        requested_url: r.get(2)?,
        final_url: r.get(3)?,
        captured_at: r.get(4)?,
        http_status: r.get(5)?,
        content_type: r.get(6)?,
        payload_sha256: r.get(7)?,
        payload_bytes: r.get(8)?,
        feed_id: r.get(9)?,
    })
}

pub fn insert(conn: &Connection, c: &NewCapture<'_>) -> Result<i64> {
    conn.execute(
        "INSERT INTO captures (article_uid, requested_url, final_url, captured_at, http_status,
                               content_type, payload_sha256, payload_bytes, warc_gz, feed_id)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
        params![
            c.article_id,
            c.requested_url,
            c.final_url,
            c.captured_at,
            c.http_status,
            c.content_type,
            c.payload_sha256,
            c.payload_bytes as i64,
            c.warc_gz,
            c.feed_id
        ],
    )
    .map_err(litopys_core::Error::from)?;
    Ok(conn.last_insert_rowid())
}

/// The captures of an article, newest first.
pub fn of_article(conn: &Connection, article_id: &str) -> Result<Vec<CaptureRecord>> {
    query(
        conn,
        &format!("SELECT {COLUMNS} FROM captures WHERE article_uid = ?1 ORDER BY captured_at DESC, id DESC"),
        article_id,
    )
}

/// Every capture of an address (requested or final), newest first: the versions of a page.
pub fn of_url(conn: &Connection, url: &str) -> Result<Vec<CaptureRecord>> {
    query(
        conn,
        &format!(
            "SELECT {COLUMNS} FROM captures WHERE final_url = ?1 OR requested_url = ?1
             ORDER BY captured_at DESC, id DESC"
        ),
        url,
    )
}

fn query(conn: &Connection, sql: &str, arg: &str) -> Result<Vec<CaptureRecord>> {
    let mut stmt = conn
        .prepare_cached(sql)
        .map_err(litopys_core::Error::from)?;
    let rows = stmt
        .query_map([arg], from_row)
        .and_then(|rows| rows.collect::<rusqlite::Result<Vec<_>>>())
        .map_err(litopys_core::Error::from)?;
    Ok(rows)
}

pub fn get(conn: &Connection, id: i64) -> Result<CaptureRecord> {
    conn.query_row(
        &format!("SELECT {COLUMNS} FROM captures WHERE id = ?1"),
        [id],
        from_row,
    )
    .optional()
    .map_err(litopys_core::Error::from)?
    .ok_or(CaptureError::NoCapture(id))
}

/// The WARC records of a capture (uncompressed).
pub fn warc(conn: &Connection, id: i64) -> Result<Vec<u8>> {
    let gz: Vec<u8> = conn
        .query_row("SELECT warc_gz FROM captures WHERE id = ?1", [id], |r| {
            r.get(0)
        })
        .optional()
        .map_err(litopys_core::Error::from)?
        .ok_or(CaptureError::NoCapture(id))?;
    crate::warc::gunzip(&gz)
        .map_err(|e| CaptureError::Io(format!("capture {id}: damaged WARC data ({e})")))
}

/// Provenance of an article: its own captures and every capture of the same
/// addresses (the page's other versions), newest first.
#[derive(Debug, Clone, Serialize, Default)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct Provenance {
    pub captures: Vec<CaptureRecord>,
    pub versions: Vec<CaptureRecord>,
}

pub fn provenance(conn: &Connection, article_id: &str) -> Result<Provenance> {
    let captures = of_article(conn, article_id)?;
    let mut versions: Vec<CaptureRecord> = Vec::new();
    let mut urls: Vec<&str> = captures.iter().map(|c| c.final_url.as_str()).collect();
    urls.dedup();
    for url in urls {
        for c in of_url(conn, url)? {
            if !versions.iter().any(|v| v.id == c.id) {
                versions.push(c);
            }
        }
    }
    versions.sort_by(|a, b| b.captured_at.cmp(&a.captured_at).then(b.id.cmp(&a.id)));
    Ok(Provenance { captures, versions })
}
