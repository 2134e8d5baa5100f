//! Index entries written after a batch instead of by the insert trigger.
//!
//! FTS5 writes its pending in-memory index to disk at every savepoint, and
//! every statement that may need undoing part-way (an insert that fires
//! triggers, an `INSERT … SELECT`) opens one. Fed by the `articles` insert
//! trigger, the index was therefore flushed once per imported article, and
//! merging those one-article segments took a third of an import's time
//! (`perf`, 20,000 articles: 32.6% of all samples under `fts5SavepointMethod`).
//!
//! While [`without_index_trigger`] runs, the insert and update triggers
//! (migration 0014) leave the index alone; the caller then writes the entries of the rows it
//! inserted with [`index_rows`], single-row inserts that open no savepoint, in
//! the same transaction (so the rows and their entries commit or roll back
//! together), and FTS5 writes them to disk once, at the commit.

use std::cell::Cell;

use rusqlite::functions::FunctionFlags;
use rusqlite::{params, Connection};

use crate::error::Result;

/// The SQL function the insert trigger asks (migration 0014).
const NAME: &str = "litopys_fts_by_trigger";

thread_local! {
    /// True while this thread's caller writes the index entries itself.
    static DEFERRED: Cell<bool> = const { Cell::new(false) };
}

/// Registers [`NAME`]: true unless this thread is inside [`without_index_trigger`].
pub(super) fn register(conn: &Connection) -> Result<()> {
    // Not deterministic: the answer changes with the thread's state.
    let flags = FunctionFlags::SQLITE_UTF8 | FunctionFlags::SQLITE_INNOCUOUS;
    conn.create_scalar_function(NAME, 0, flags, |_| Ok(!DEFERRED.get()))?;
    Ok(())
}

/// Runs `f` with the `articles` insert trigger leaving the index alone; the
/// caller must give every row it inserted meanwhile to [`index_rows`] before
/// its transaction commits. SQLite calls the trigger's function on the thread
/// that steps the statement, so only this thread's statements are affected.
pub fn without_index_trigger<T>(f: impl FnOnce() -> T) -> T {
    struct Restore(bool);
    impl Drop for Restore {
        fn drop(&mut self) {
            DEFERRED.set(self.0);
        }
    }
    let _restore = Restore(DEFERRED.replace(true));
    f()
}

/// Writes the index entries of the articles `rows` (inserted under
/// [`without_index_trigger`]), as the trigger would have.
pub fn index_rows(conn: &Connection, rows: &[i64]) -> Result<()> {
    let mut read = conn.prepare_cached("SELECT title, body, blocks FROM articles WHERE id = ?1")?;
    // One row per statement: a multi-row insert is an `INSERT … SELECT`,
    // which would open a savepoint (and flush) again.
    let mut write = conn.prepare_cached(
        "INSERT INTO articles_fts (rowid, title, story, extra)
         VALUES (?1, ?2, litopys_story(?3, ?4), litopys_extra(?3, ?4))",
    )?;
    for &row in rows {
        let (title, body, blocks): (String, String, Option<String>) =
            read.query_row([row], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?;
        write.execute(params![row, title, body, blocks])?;
    }
    Ok(())
}

/// Sets the `blocks` of many articles, `(row, blocks)`, re-indexing them with
/// two flushes in all instead of one per article: first every old entry is
/// deleted, then the rows are updated with the update trigger left out, then
/// the new entries are written.
pub fn set_blocks(conn: &Connection, changes: &[(i64, String)]) -> Result<()> {
    // Each row once: a second 'delete' of the same entry would damage the index.
    let changes: std::collections::BTreeMap<i64, &str> =
        changes.iter().map(|(row, b)| (*row, b.as_str())).collect();
    if changes.is_empty() {
        return Ok(());
    }
    let mut read = conn.prepare_cached("SELECT title, body, blocks FROM articles WHERE id = ?1")?;
    let mut delete = conn.prepare_cached(
        "INSERT INTO articles_fts (articles_fts, rowid, title, story, extra)
         VALUES ('delete', ?1, ?2, litopys_story(?3, ?4), litopys_extra(?3, ?4))",
    )?;
    for row in changes.keys() {
        let (title, body, blocks): (String, String, Option<String>) =
            read.query_row([row], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?;
        delete.execute(params![row, title, body, blocks])?;
    }
    let mut update = conn.prepare_cached("UPDATE articles SET blocks = ?1 WHERE id = ?2")?;
    without_index_trigger(|| -> Result<()> {
        for (row, blocks) in &changes {
            update.execute(params![blocks, row])?;
        }
        Ok(())
    })?;
    let rows: Vec<i64> = changes.into_keys().collect();
    index_rows(conn, &rows)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::Library;

    fn by_trigger(conn: &Connection) -> bool {
        conn.query_row("SELECT litopys_fts_by_trigger()", [], |r| r.get(0))
            .unwrap()
    }

    fn add(conn: &Connection, title: &str) -> i64 {
        conn.execute(
            "INSERT INTO articles (uid, title, body, language, imported_at, origin_path,
                                   origin_format, content_hash)
             VALUES (?1, ?2, 'текст', 'uk', '2026-01-01T00:00:00Z', 'x', 'txt', ?1)",
            params![format!("{title:0>16}"), title],
        )
        .unwrap();
        conn.last_insert_rowid()
    }

    fn index_is_whole(conn: &Connection) -> bool {
        conn.execute(
            "INSERT INTO articles_fts (articles_fts, rank) VALUES ('integrity-check', 1)",
            [],
        )
        .is_ok()
    }

    #[test]
    fn the_trigger_indexes_again_once_the_scope_ends_even_after_a_panic() {
        let lib = Library::open_in_memory().unwrap();
        assert!(by_trigger(lib.conn()));
        without_index_trigger(|| assert!(!by_trigger(lib.conn())));
        assert!(by_trigger(lib.conn()));
        let unwound = std::panic::catch_unwind(|| without_index_trigger(|| panic!("in scope")));
        assert!(unwound.is_err());
        assert!(by_trigger(lib.conn()));
    }

    #[test]
    fn rows_inserted_in_the_scope_are_indexed_by_index_rows_and_only_then() {
        let mut lib = Library::open_in_memory().unwrap();
        let tx = lib.conn_mut().transaction().unwrap();
        let by_trigger_row = add(&tx, "перший");
        let rows: Vec<i64> = without_index_trigger(|| vec![add(&tx, "другий"), add(&tx, "третій")]);
        // The two rows are stored but not indexed yet: the index disagrees with the table.
        assert!(!index_is_whole(&tx));
        index_rows(&tx, &rows).unwrap();
        assert!(index_is_whole(&tx));
        tx.commit().unwrap();
        let found: Vec<i64> = lib
            .conn()
            .prepare("SELECT rowid FROM articles_fts WHERE articles_fts MATCH 'title:текст OR story:текст' ORDER BY rowid")
            .unwrap()
            .query_map([], |r| r.get(0))
            .unwrap()
            .collect::<rusqlite::Result<_>>()
            .unwrap();
        assert_eq!(found, vec![by_trigger_row, rows[0], rows[1]]);
    }

    #[test]
    fn blocks_set_together_re_index_each_article_once() {
        let mut lib = Library::open_in_memory().unwrap();
        let tx = lib.conn_mut().transaction().unwrap();
        let (a, b) = (add(&tx, "перший"), add(&tx, "другий"));
        // The whole text (5 code points) as boilerplate: the story column empties.
        let changes = [
            (a, "bt0-5".to_owned()),
            (b, "bt0-5".to_owned()),
            (a, "bt0-5".to_owned()),
        ];
        set_blocks(&tx, &changes).unwrap();
        assert!(index_is_whole(&tx));
        let in_story: i64 = tx
            .query_row(
                "SELECT count(*) FROM articles_fts WHERE articles_fts MATCH 'story:текст'",
                [],
                |r| r.get(0),
            )
            .unwrap();
        let in_extra: i64 = tx
            .query_row(
                "SELECT count(*) FROM articles_fts WHERE articles_fts MATCH 'extra:текст'",
                [],
                |r| r.get(0),
            )
            .unwrap();
        assert_eq!((in_story, in_extra), (0, 2));
    }
}
