//! Bringing the stories up to date: the queue of changed articles flushed
//! (each re-indexed by `index`), and the clusters they touch recomputed with
//! their first publishers (`first`) and source counts (`read`).

use std::collections::HashSet;

use rusqlite::{params, Connection, TransactionBehavior};

use super::ahead::{for_each_fingerprint, Ahead};
use super::first::first_publisher;
use super::holders::{ReadAhead, Seek, SliceChanges};
use super::index::{component, facts, index_article, SLICE};
use super::read::count_sources;
use crate::error::Result;

/// Recomputes the stories of the components holding `seeds`.
pub(super) fn recluster(conn: &Connection, seeds: &[i64]) -> Result<()> {
    let mut done: HashSet<i64> = HashSet::new();
    let mut clear = conn.prepare_cached("DELETE FROM story_members WHERE article_id = ?1")?;
    let mut put = conn.prepare_cached(
        "INSERT INTO story_members (article_id, story, size, sources, is_first)
         VALUES (?1, ?2, ?3, ?4, ?5)
         ON CONFLICT (article_id) DO UPDATE SET story = excluded.story, size = excluded.size,
             sources = excluded.sources, is_first = excluded.is_first",
    )?;
    for &seed in seeds {
        if done.contains(&seed) {
            continue;
        }
        let members = component(conn, seed)?;
        done.extend(members.iter().copied());
        let mut facts_all = Vec::with_capacity(members.len());
        for &m in &members {
            if let Some(f) = facts(conn, m)? {
                facts_all.push(f);
            }
        }
        if facts_all.len() < 2 {
            for &m in &members {
                clear.execute([m])?;
            }
            continue;
        }
        // Members are in internal-id order: the first imported names the story.
        let story = facts_all[0].uid.clone();
        let sources = count_sources(facts_all.iter().map(|f| f.source.as_deref()));
        let first = first_publisher(conn, &facts_all)?.0;
        for (i, f) in facts_all.iter().enumerate() {
            put.execute(params![
                f.id,
                story,
                facts_all.len() as i64,
                sources as i64,
                i64::from(first == Some(i))
            ])?;
        }
    }
    Ok(())
}

/// Brings up to `limit` queued articles' stories up to date; returns how many.
pub fn flush_pending(conn: &Connection, limit: usize) -> Result<usize> {
    flush(conn, limit, false)
}

/// As [`flush_pending`], in `tx`, a write transaction that has written
/// nothing yet, then commits it: what it reads is then what is committed,
/// so the holders of the articles' anchors are read ahead through a second
/// connection ([`super::holders`]). How an import and [`flush_all`] flush
/// the queue, a slice at a time.
pub fn flush_slice(tx: rusqlite::Transaction, limit: usize) -> Result<usize> {
    let n = flush(&tx, limit, true)?;
    tx.commit()?;
    Ok(n)
}

fn flush(conn: &Connection, limit: usize, fresh: bool) -> Result<usize> {
    let ids: Vec<i64> = conn
        .prepare_cached(
            "DELETE FROM story_pending WHERE article_id IN
                 (SELECT article_id FROM story_pending ORDER BY article_id LIMIT ?1)
             RETURNING article_id",
        )?
        .query_map([limit as i64], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    let mut touched = Vec::new();
    let mut ordered = ids.clone();
    ordered.sort_unstable();
    let read_ahead = match fresh {
        true => ReadAhead::for_slice(conn, &ordered)?,
        false => None,
    };
    let mut seek = Seek::new(conn)?;
    let mut slice = SliceChanges::default();
    for_each_fingerprint(conn, &ordered, read_ahead, |id, made| {
        let Ahead {
            fingerprint,
            holders,
            never_indexed,
        } = made;
        slice.index(id, fingerprint.as_ref().map(|f| f.anchors.as_slice()));
        let mut holders_of = |i: usize, anchor: u64, out: &mut Vec<i64>| match &holders {
            Some(read) => {
                slice.merge(anchor, read.get(i).map_or(&[], Vec::as_slice), out);
                // Tests (debug builds) check every merged list against a
                // seek in the transaction.
                #[cfg(debug_assertions)]
                {
                    let mut sought = Vec::new();
                    seek.holders(anchor, &mut sought)?;
                    debug_assert_eq!(*out, sought, "holders of anchor {anchor} for article {id}");
                }
                Ok(())
            }
            None => seek.holders(anchor, out),
        };
        touched.extend(index_article(
            conn,
            id,
            fingerprint,
            never_indexed,
            &mut holders_of,
        )?);
        Ok(())
    })?;
    touched.sort_unstable();
    touched.dedup();
    recluster(conn, &touched)?;
    Ok(ids.len())
}

/// Flushes the whole queue, a slice per transaction; `progress` gets
/// (done, total) after each slice.
pub fn flush_all(conn: &mut Connection, progress: &mut dyn FnMut(usize, usize)) -> Result<()> {
    let total: i64 = conn.query_row("SELECT count(*) FROM story_pending", [], |r| r.get(0))?;
    let mut done = 0usize;
    let conn: &Connection = conn;
    without_foreign_keys(conn, || loop {
        let tx = rusqlite::Transaction::new_unchecked(conn, TransactionBehavior::Immediate)?;
        let n = flush_slice(tx, SLICE)?;
        done += n;
        progress(done, total.max(0) as usize);
        if n < SLICE {
            return Ok(());
        }
    })
}

/// Runs `f` with the connection's foreign-key checks off, set on again after
/// (also when `f` fails). Outside a transaction only: SQLite ignores the
/// switch inside one. For flushes of the queue: every story row they write
/// names an article read in the same write transaction (and `story_links`
/// the holder of a `story_articles` row, which goes with its article), so
/// checking each of an article's ~60 postings against `articles` is pure
/// cost, and they delete no article, so no cascade is missed.
pub fn without_foreign_keys<T>(conn: &Connection, f: impl FnOnce() -> Result<T>) -> Result<T> {
    conn.pragma_update(None, "foreign_keys", "OFF")?;
    let result = f();
    conn.pragma_update(None, "foreign_keys", "ON")?;
    result
}
