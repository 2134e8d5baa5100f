//! The holders of an article's anchors (the articles whose postings hold
//! them), which its candidates are counted from ([`super::index`]).
//!
//! In line, each anchor is one index seek in the writer's own transaction.
//! A slice of the queue flushed in a write transaction of its own reads them
//! ahead instead, on the fingerprint thread ([`super::ahead`]) while that
//! thread is ahead of the writer (else the writer seeks them), through a
//! second, read-only connection: what it reads is what is committed, which
//! is the slice's starting state (the writer holds the write lock and has
//! written nothing yet). The writer then merges in what the slice itself
//! changed — it drops the articles it has re-indexed so far (their old
//! postings are gone) and adds the postings it wrote — so the merged lists
//! are the ones a seek in its transaction would have read, and the
//! candidates are the same. Seeking was a quarter of detection's time on
//! import, on the writer's thread (`perf`, labelled set of 3,046 articles).

use std::collections::HashMap;

use rusqlite::{Connection, OpenFlags, Statement};

use super::index::json_list;
use super::MAX_POSTINGS;
use crate::error::Result;

/// The holders of one anchor, in article-id order, up to `limit`.
fn seek_into(stmt: &mut Statement, anchor: u64, out: &mut Vec<i64>) -> Result<()> {
    out.clear();
    let mut rows = stmt.query([anchor as i64])?;
    while let Some(row) = rows.next()? {
        out.push(row.get(0)?);
    }
    Ok(())
}

/// The query for up to `limit` holders of an anchor. The LIMIT is written
/// into the SQL: SQLite reads a bound one while planning, so a bound one
/// made it parse the statement again for every anchor (with the same in
/// `blocks`, 12% of an import's samples in `perf`).
fn holders_sql(limit: usize) -> String {
    format!(
        "SELECT article_id FROM story_shingles WHERE hash = ?1 ORDER BY article_id LIMIT {limit}"
    )
}

/// Seeks of holders on one connection, one more than [`MAX_POSTINGS`] at
/// most in the writer's transaction (so an anchor held too often is seen as
/// such). Prepared once per slice and kept: a statement taken from the
/// connection's cache for each article was parsed again each time
/// (`RePrepare` counted 2,999 for 3,046 articles; 1% of an import's samples).
pub(super) struct Seek<'c>(Statement<'c>);

impl<'c> Seek<'c> {
    pub fn new(conn: &'c Connection) -> Result<Self> {
        Self::up_to(conn, MAX_POSTINGS + 1)
    }

    fn up_to(conn: &'c Connection, limit: usize) -> Result<Self> {
        Ok(Seek(conn.prepare(&holders_sql(limit))?))
    }

    pub fn holders(&mut self, anchor: u64, out: &mut Vec<i64>) -> Result<()> {
        seek_into(&mut self.0, anchor, out)
    }

    /// The holders of each of `anchors`, in their order.
    pub fn all(&mut self, anchors: &[u64]) -> Result<Vec<Vec<i64>>> {
        anchors
            .iter()
            .map(|&a| {
                let mut out = Vec::new();
                self.holders(a, &mut out)?;
                Ok(out)
            })
            .collect()
    }
}

/// How the fingerprint thread reads holders ahead: the library's file, how
/// many holders to read per anchor, and which articles had a story row.
#[derive(Debug, Clone)]
pub(super) struct ReadAhead {
    path: String,
    limit: usize,
    /// The slice's articles that had a story row, in id order.
    indexed: Vec<i64>,
}

impl ReadAhead {
    /// For a slice of `ids` about to be flushed by `conn` in a write
    /// transaction that has written nothing yet; none for a library in
    /// memory (no second connection sees it).
    pub fn for_slice(conn: &Connection, ids: &[i64]) -> Result<Option<Self>> {
        let Some(path) = conn.path().filter(|p| !p.is_empty()) else {
            return Ok(None);
        };
        // Only a library in WAL mode is read by a second connection while
        // the writer holds the lock (in the rollback journal's modes, the
        // reader would wait for the writer, which waits for the reader).
        let mode: String = conn.query_row("PRAGMA journal_mode", [], |r| r.get(0))?;
        if !mode.eq_ignore_ascii_case("wal") {
            return Ok(None);
        }
        // Each article of the slice indexed before may drop out of a list
        // read ahead once the writer re-indexes it: read that many more, so
        // the first MAX_POSTINGS + 1 of what is left are known.
        let indexed: Vec<i64> = conn
            .prepare_cached(
                "SELECT article_id FROM story_articles
                 WHERE article_id IN (SELECT value FROM json_each(?1)) ORDER BY article_id",
            )?
            .query_map(
                // The ids as the signed integers they are (json_list writes
                // each u64 back as the i64 it came from).
                [json_list(
                    &ids.iter().map(|&id| id as u64).collect::<Vec<_>>(),
                )],
                |r| r.get(0),
            )?
            .collect::<rusqlite::Result<_>>()?;
        Ok(Some(ReadAhead {
            path: path.to_owned(),
            limit: MAX_POSTINGS + 1 + indexed.len(),
            indexed,
        }))
    }

    /// Whether article `id` of the slice had a story row when it began.
    pub fn indexed_before(&self, id: i64) -> bool {
        self.indexed.binary_search(&id).is_ok()
    }

    /// Reads ahead from the file at `path` (tests).
    #[cfg(test)]
    pub fn at(path: &str) -> Self {
        ReadAhead {
            path: path.to_owned(),
            limit: MAX_POSTINGS + 1,
            indexed: Vec::new(),
        }
    }

    /// Opens the read connection (on the thread that uses it), in one read
    /// transaction: every list from the same committed state.
    pub fn open(&self) -> Result<Connection> {
        let conn = Connection::open_with_flags(
            &self.path,
            OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX,
        )?;
        conn.busy_timeout(crate::store::BUSY_TIMEOUT)?;
        conn.execute_batch("BEGIN")?;
        Ok(conn)
    }

    /// The seek of this slice on the read connection.
    pub fn seek<'c>(&self, conn: &'c Connection) -> Result<Seek<'c>> {
        Seek::up_to(conn, self.limit)
    }
}

/// What the slice has changed so far: the articles it re-indexed and the
/// postings it wrote.
#[derive(Default)]
pub(super) struct SliceChanges {
    /// In id order (a slice is indexed in id order: each is pushed).
    indexed: Vec<i64>,
    posted: HashMap<u64, Vec<i64>>,
}

impl SliceChanges {
    /// Article `id` is re-indexed with `anchors` (none when it is gone):
    /// its old postings are forgotten, these written.
    pub fn index(&mut self, id: i64, anchors: Option<&[u64]>) {
        if let Err(at) = self.indexed.binary_search(&id) {
            self.indexed.insert(at, id);
        }
        for &a in anchors.unwrap_or_default() {
            let ids = self.posted.entry(a).or_default();
            // An article's anchors may repeat; a posting is written once.
            if ids.last() != Some(&id) {
                ids.push(id);
            }
        }
    }

    /// The holders of `anchor` as the writer's transaction holds them now:
    /// those `read` from the slice's start that the slice has not re-indexed,
    /// with those it posted, in id order, [`MAX_POSTINGS`] + 1 at most.
    pub fn merge(&self, anchor: u64, read: &[i64], out: &mut Vec<i64>) {
        out.clear();
        out.extend(
            read.iter()
                .filter(|id| self.indexed.binary_search(id).is_err()),
        );
        if let Some(posted) = self.posted.get(&anchor) {
            out.extend_from_slice(posted);
            out.sort_unstable();
        }
        out.truncate(MAX_POSTINGS + 1);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn merged_holders_drop_reindexed_articles_and_add_the_slices_postings_in_order() {
        let mut slice = SliceChanges::default();
        // Article 5 held anchor 7 before and is re-indexed without it;
        // article 9 is re-indexed with it; article 2 is new and holds it twice.
        slice.index(5, Some(&[1]));
        slice.index(9, Some(&[7]));
        slice.index(2, Some(&[7, 7]));
        let mut out = Vec::new();
        slice.merge(7, &[3, 5, 9, 12], &mut out);
        assert_eq!(out, vec![2, 3, 9, 12]);
        slice.merge(1, &[], &mut out);
        assert_eq!(out, vec![5]);
        slice.merge(99, &[4], &mut out);
        assert_eq!(out, vec![4]);
    }

    #[test]
    fn merged_holders_stop_one_past_the_postings_limit() {
        let mut slice = SliceChanges::default();
        slice.index(0, Some(&[1]));
        let read: Vec<i64> = (1..=(MAX_POSTINGS as i64 + 10)).collect();
        let mut out = Vec::new();
        slice.merge(1, &read, &mut out);
        assert_eq!(out.len(), MAX_POSTINGS + 1);
        assert_eq!(out[0], 0);
    }
}
