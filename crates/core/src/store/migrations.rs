//! Numbered migrations. The list only grows; a landed migration is never edited.

use std::path::Path;

use rusqlite::Connection;

use crate::error::{Error, Result};

/// `MIGRATIONS[i]` brings the schema from version `i` to `i + 1`.
const MIGRATIONS: &[&str] = &[
    include_str!("../../migrations/0001_articles.sql"),
    include_str!("../../migrations/0002_litopys_tokenizer.sql"),
    include_str!("../../migrations/0003_tags_saved_searches.sql"),
    include_str!("../../migrations/0004_annotations.sql"),
    include_str!("../../migrations/0005_search_cover.sql"),
    include_str!("../../migrations/0006_blocks.sql"),
    include_str!("../../migrations/0007_article_counts.sql"),
    include_str!("../../migrations/0008_common_word_answers.sql"),
    include_str!("../../migrations/0009_stories.sql"),
    include_str!("../../migrations/0010_trash.sql"),
    include_str!("../../migrations/0011_team.sql"),
];

pub fn latest_version() -> i64 {
    MIGRATIONS.len() as i64
}

/// Applies every pending migration in one transaction, recording the version
/// in `PRAGMA user_version`.
pub fn apply(conn: &mut Connection, path: &Path) -> Result<()> {
    let current: i64 = conn.query_row("PRAGMA user_version", [], |r| r.get(0))?;
    let known = latest_version();
    if current > known {
        return Err(Error::SchemaTooNew {
            path: path.to_path_buf(),
            found: current,
            known,
        });
    }
    if current == known {
        return ensure_current(conn);
    }
    // The user's own work is copied aside before its tables change. Tables
    // of all of it exist from schema 6 on; older libraries predate the app.
    if current >= 6 {
        super::backup::write(conn, path, &format!("before-migration-{}", current + 1))?;
    }
    let tx = conn.transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
    // Re-read inside the write lock: another process may have migrated meanwhile.
    let current: i64 = tx.query_row("PRAGMA user_version", [], |r| r.get(0))?;
    for (i, sql) in MIGRATIONS.iter().enumerate().skip(current as usize) {
        tx.execute_batch(sql)?;
        tx.pragma_update(None, "user_version", i as i64 + 1)?;
    }
    tx.commit()?;
    ensure_current(conn)
}

/// For a library opened read-only: it must not need any migration.
pub fn check_current(conn: &Connection, path: &Path) -> Result<()> {
    let current: i64 = conn.query_row("PRAGMA user_version", [], |r| r.get(0))?;
    let known = latest_version();
    if current > known {
        return Err(Error::SchemaTooNew {
            path: path.to_path_buf(),
            found: current,
            known,
        });
    }
    if current < known {
        return Err(Error::LibraryOpen {
            path: path.to_path_buf(),
            reason: format!(
                "it was written by an older Litopys (schema {current}) and must be upgraded, \
                 but it is read-only; open a writable copy once to upgrade it"
            ),
        });
    }
    Ok(())
}

/// Work that migrations cannot do in SQL: classifying blocks, re-indexing for a new tokenizer.
fn ensure_current(conn: &mut Connection) -> Result<()> {
    super::blocks::ensure_current(conn)?;
    super::fts::ensure_current(conn)?;
    super::stories::ensure_current(conn)
}
