//! The feeds and feed_items tables.

use rusqlite::{params, Connection, OptionalExtension};
use serde::Serialize;

use crate::error::{CaptureError, Result};
use crate::fetch::Validators;

fn db(e: rusqlite::Error) -> CaptureError {
    CaptureError::Library(e.into())
}

/// A subscribed feed as listed.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct Feed {
    pub id: i64,
    pub url: String,
    pub added_at: String,
    pub last_polled_at: Option<String>,
    pub last_success_at: Option<String>,
    pub last_error: Option<String>,
    /// Items seen in it so far.
    pub items: i64,
    /// Items captured so far.
    pub captured: i64,
}

/// Subscribes to a feed; adding one already there returns it unchanged.
pub fn add(conn: &Connection, url: &str, now: &str) -> Result<Feed> {
    conn.execute(
        "INSERT INTO feeds (url, added_at) VALUES (?1, ?2) ON CONFLICT (url) DO NOTHING",
        params![url, now],
    )
    .map_err(db)?;
    find(conn, url)
}

pub fn find(conn: &Connection, key: &str) -> Result<Feed> {
    let id: Option<i64> = conn
        .query_row(
            "SELECT id FROM feeds WHERE url = ?1 OR CAST(id AS TEXT) = ?1",
            [key],
            |r| r.get(0),
        )
        .optional()
        .map_err(db)?;
    let id = id.ok_or_else(|| CaptureError::NoFeed(key.to_owned()))?;
    list(conn)?
        .into_iter()
        .find(|f| f.id == id)
        .ok_or_else(|| CaptureError::NoFeed(key.to_owned()))
}

pub fn list(conn: &Connection) -> Result<Vec<Feed>> {
    let mut stmt = conn
        .prepare(
            "SELECT f.id, f.url, f.added_at, f.last_polled_at, f.last_success_at, f.last_error,
                    (SELECT count(*) FROM feed_items i WHERE i.feed_id = f.id),
                    (SELECT count(*) FROM feed_items i WHERE i.feed_id = f.id AND i.capture_id IS NOT NULL)
             FROM feeds f ORDER BY f.id",
        )
        .map_err(db)?;
    let rows = stmt
        .query_map([], |r| {
            Ok(Feed {
                id: r.get(0)?,
                url: r.get(1)?,
                added_at: r.get(2)?,
                last_polled_at: r.get(3)?,
                last_success_at: r.get(4)?,
                last_error: r.get(5)?,
                items: r.get(6)?,
                captured: r.get(7)?,
            })
        })
        .and_then(|rows| rows.collect::<rusqlite::Result<Vec<_>>>())
        .map_err(db)?;
    Ok(rows)
}

/// Unsubscribes (its captures stay in the library).
pub fn remove(conn: &Connection, key: &str) -> Result<Feed> {
    let feed = find(conn, key)?;
    conn.execute("DELETE FROM feed_items WHERE feed_id = ?1", [feed.id])
        .map_err(db)?;
    conn.execute("DELETE FROM feeds WHERE id = ?1", [feed.id])
        .map_err(db)?;
    Ok(feed)
}

pub fn validators(conn: &Connection, id: i64) -> Result<Validators> {
    conn.query_row(
        "SELECT etag, last_modified FROM feeds WHERE id = ?1",
        [id],
        |r| {
            Ok(Validators {
                etag: r.get(0)?,
                last_modified: r.get(1)?,
            })
        },
    )
    .map_err(db)
}

/// Records a poll that worked (new validators when the server sent a full answer).
pub fn succeeded(
    conn: &Connection,
    id: i64,
    now: &str,
    validators: Option<&Validators>,
) -> Result<()> {
    conn.execute(
        "UPDATE feeds SET last_polled_at = ?2, last_success_at = ?2, last_error = NULL WHERE id = ?1",
        params![id, now],
    )
    .map_err(db)?;
    if let Some(v) = validators {
        conn.execute(
            "UPDATE feeds SET etag = ?2, last_modified = ?3 WHERE id = ?1",
            params![id, v.etag, v.last_modified],
        )
        .map_err(db)?;
    }
    Ok(())
}

pub fn failed(conn: &Connection, id: i64, now: &str, error: &str) -> Result<()> {
    conn.execute(
        "UPDATE feeds SET last_polled_at = ?2, last_error = ?3 WHERE id = ?1",
        params![id, now, error],
    )
    .map_err(db)?;
    Ok(())
}

/// Records the items of a feed (new ones only), in one transaction.
pub fn remember_items(
    conn: &mut Connection,
    id: i64,
    items: &[super::parse::Item],
    now: &str,
) -> Result<u64> {
    let tx = conn.transaction().map_err(db)?;
    let mut added = 0;
    {
        let mut stmt = tx
            .prepare_cached(
                "INSERT INTO feed_items (feed_id, key, link, first_seen_at) VALUES (?1, ?2, ?3, ?4)
                 ON CONFLICT DO NOTHING",
            )
            .map_err(db)?;
        for item in items {
            added += stmt
                .execute(params![id, item.key, item.link, now])
                .map_err(db)? as u64;
        }
    }
    tx.commit().map_err(db)?;
    Ok(added)
}

/// Items of a feed still to capture (not captured, fewer than `max_attempts` failures), oldest first.
pub fn pending(
    conn: &Connection,
    id: i64,
    max_attempts: i64,
    limit: usize,
) -> Result<Vec<(String, String)>> {
    let mut stmt = conn
        .prepare_cached(
            "SELECT key, link FROM feed_items WHERE feed_id = ?1 AND capture_id IS NULL AND attempts < ?2
             ORDER BY first_seen_at LIMIT ?3",
        )
        .map_err(db)?;
    let rows = stmt
        .query_map(params![id, max_attempts, limit as i64], |r| {
            Ok((r.get(0)?, r.get(1)?))
        })
        .and_then(|rows| rows.collect::<rusqlite::Result<Vec<_>>>())
        .map_err(db)?;
    Ok(rows)
}

/// A capture of this link already made for any feed.
pub fn captured_link(conn: &Connection, link: &str) -> Result<Option<i64>> {
    conn.query_row(
        "SELECT capture_id FROM feed_items WHERE link = ?1 AND capture_id IS NOT NULL LIMIT 1",
        [link],
        |r| r.get(0),
    )
    .optional()
    .map_err(db)
}

pub fn item_captured(conn: &Connection, id: i64, key: &str, capture: i64) -> Result<()> {
    conn.execute(
        "UPDATE feed_items SET capture_id = ?3, error = NULL WHERE feed_id = ?1 AND key = ?2",
        params![id, key, capture],
    )
    .map_err(db)?;
    Ok(())
}

pub fn item_failed(conn: &Connection, id: i64, key: &str, error: &str) -> Result<()> {
    conn.execute(
        "UPDATE feed_items SET attempts = attempts + 1, error = ?3 WHERE feed_id = ?1 AND key = ?2",
        params![id, key, error],
    )
    .map_err(db)?;
    Ok(())
}
