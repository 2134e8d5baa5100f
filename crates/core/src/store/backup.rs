//! Backups of the user's own work: tags, article tags, annotations, line
//! classes the user set, saved searches — what no re-import can bring back.
//!
//! A backup is a small SQLite file beside the library (`NAME-backups/`), keyed
//! by stable ids (article and annotation uids, tag keys), so it restores into
//! the same library, a repaired one or a re-imported one. One is written
//! before each migration and once a day while the app runs; the newest
//! [`KEEP`] are kept. Restoring brings back what the library lacks and never
//! overwrites what it has.

use std::path::{Path, PathBuf};

use rusqlite::Connection;
use serde::Serialize;

use crate::error::{Error, Result};

/// Backups kept per library (older ones are removed when a new one is written).
pub const KEEP: usize = 10;
const EXTENSION: &str = "litopys-backup";

/// The folder holding a library's backups.
pub fn folder(library: &Path) -> PathBuf {
    let name = library
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "library".into());
    library.with_file_name(format!("{name}-backups"))
}

#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct BackupFile {
    pub path: PathBuf,
    /// When it was written (UTC, `YYYYMMDDTHHMMSSZ`) and why (`migration-N`, `daily`, `manual`).
    pub name: String,
}

/// The library's backups, newest first.
pub fn list(library: &Path) -> Result<Vec<BackupFile>> {
    let dir = folder(library);
    let entries = match std::fs::read_dir(&dir) {
        Ok(e) => e,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Vec::new()),
        Err(e) => return Err(Error::io(&dir, e)),
    };
    let mut out: Vec<BackupFile> = entries
        .filter_map(|e| e.ok())
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == EXTENSION) && p.is_file())
        .map(|p| BackupFile {
            name: p
                .file_stem()
                .map(|s| s.to_string_lossy().into_owned())
                .unwrap_or_default(),
            path: p,
        })
        .collect();
    out.sort_by(|a, b| b.name.cmp(&a.name));
    Ok(out)
}

/// Whether the library holds any of the user's own work.
pub fn has_user_work(conn: &Connection) -> Result<bool> {
    Ok(conn.query_row(
        "SELECT EXISTS (SELECT 1 FROM tags) OR EXISTS (SELECT 1 FROM annotations)
             OR EXISTS (SELECT 1 FROM block_overrides) OR EXISTS (SELECT 1 FROM saved_searches)",
        [],
        |r| r.get(0),
    )?)
}

/// Writes a backup of the user's work now; `reason` ends its name. Nothing is
/// written for a library without user work (`Ok(None)`).
pub fn write(conn: &Connection, library: &Path, reason: &str) -> Result<Option<PathBuf>> {
    if library == Path::new(":memory:") || !has_user_work(conn)? {
        return Ok(None);
    }
    let dir = folder(library);
    std::fs::create_dir_all(&dir).map_err(|e| Error::io(&dir, e))?;
    let stamp = crate::store::now_rfc3339().replace(['-', ':'], "");
    let dest = dir.join(format!("{stamp}-{reason}.{EXTENSION}"));
    let tmp = dir.join(format!(".{stamp}-{reason}.{}.tmp", std::process::id()));
    let _ = std::fs::remove_file(&tmp);
    let written = copy_user_work(conn, &tmp);
    if let Err(e) = written {
        let _ = std::fs::remove_file(&tmp);
        return Err(e);
    }
    std::fs::rename(&tmp, &dest).map_err(|e| Error::io(&dest, e))?;
    for old in list(library)?.into_iter().skip(KEEP) {
        let _ = std::fs::remove_file(old.path);
    }
    Ok(Some(dest))
}

/// Writes a daily backup when the newest one is older than a day (or none exists).
pub fn daily_if_due(conn: &Connection, library: &Path) -> Result<Option<PathBuf>> {
    let today = crate::store::now_rfc3339().replace(['-', ':'], "");
    let newest = list(library)?.into_iter().next();
    let due = match newest {
        None => true,
        // Names start with the UTC date: a backup from another day is stale.
        Some(b) => b.name.get(..8) != today.get(..8),
    };
    if due {
        write(conn, library, "daily")
    } else {
        Ok(None)
    }
}

fn copy_user_work(conn: &Connection, dest: &Path) -> Result<()> {
    // The library's connection may not create files (it opens existing
    // libraries without SQLITE_OPEN_CREATE): the file is made here first.
    Connection::open(dest)
        .and_then(|c| c.execute_batch("PRAGMA user_version = 0"))
        .map_err(|e| Error::io(dest, e))?;
    let dest_str = dest.to_string_lossy().into_owned();
    conn.execute("ATTACH DATABASE ?1 AS backup", [&dest_str])?;
    let copied = conn.execute_batch(
        "BEGIN;
         CREATE TABLE backup.meta AS SELECT 'litopys-user-work' AS format, 1 AS version;
         CREATE TABLE backup.tags AS
             SELECT key, name, color, description, created_at, updated_at FROM main.tags;
         CREATE TABLE backup.article_tags AS
             SELECT a.uid AS article_uid, t.key AS tag_key
             FROM main.article_tags x JOIN main.articles a ON a.id = x.article_id
                                      JOIN main.tags t ON t.id = x.tag_id;
         CREATE TABLE backup.annotations AS
             SELECT n.uid, a.uid AS article_uid, n.span_start, n.span_end, n.exact, n.prefix,
                    n.suffix, n.note, n.color, n.orphaned, n.created_at, n.updated_at
             FROM main.annotations n JOIN main.articles a ON a.id = n.article_id;
         CREATE TABLE backup.annotation_tags AS
             SELECT n.uid AS annotation_uid, t.key AS tag_key
             FROM main.annotation_tags x JOIN main.annotations n ON n.id = x.annotation_id
                                         JOIN main.tags t ON t.id = x.tag_id;
         CREATE TABLE backup.block_overrides AS
             SELECT a.uid AS article_uid, o.text_key, o.class, o.created_at
             FROM main.block_overrides o JOIN main.articles a ON a.id = o.article_id;
         CREATE TABLE backup.saved_searches AS
             SELECT name, query, created_at, updated_at FROM main.saved_searches;
         COMMIT;",
    );
    if copied.is_err() && !conn.is_autocommit() {
        let _ = conn.execute_batch("ROLLBACK");
    }
    let detached = conn.execute("DETACH DATABASE backup", []);
    copied?;
    detached?;
    Ok(())
}

/// What a restore brought back.
#[derive(Debug, Clone, Default, Serialize, PartialEq, Eq)]
pub struct Restored {
    pub tags: u64,
    pub article_tags: u64,
    pub annotations: u64,
    pub annotation_tags: u64,
    pub block_overrides: u64,
    pub saved_searches: u64,
    /// Items of the backup whose article is not in the library (not restored).
    pub articles_missing: u64,
}

/// Brings back what the backup has and the library lacks; changes nothing else.
pub fn restore(conn: &mut Connection, backup: &Path) -> Result<Restored> {
    // SQLite's answer for a missing file is "unable to open database file".
    std::fs::metadata(backup).map_err(|e| Error::file(backup, e))?;
    let src = Connection::open_with_flags(backup, rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY)
        .map_err(|e| Error::io(backup, e))?;
    let format: Option<String> = src
        .query_row("SELECT format FROM meta", [], |r| r.get(0))
        .ok();
    if format.as_deref() != Some("litopys-user-work") {
        return Err(Error::InvalidInput(format!(
            "{}: not a Litopys backup of tags and annotations",
            backup.display()
        )));
    }
    drop(src);
    let path = backup.to_string_lossy().into_owned();
    conn.execute("ATTACH DATABASE ?1 AS backup", [&path])?;
    let result = restore_attached(conn);
    let detached = conn.execute("DETACH DATABASE backup", []);
    let restored = result?;
    detached?;
    Ok(restored)
}

fn restore_attached(conn: &mut Connection) -> Result<Restored> {
    let tx = conn.transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
    let mut r = Restored {
        tags: tx.execute(
            "INSERT INTO main.tags (name, key, color, description, created_at, updated_at)
             SELECT name, key, color, description, created_at, updated_at FROM backup.tags
             WHERE key NOT IN (SELECT key FROM main.tags)",
            [],
        )? as u64,
        ..Restored::default()
    };
    r.article_tags = tx.execute(
        "INSERT OR IGNORE INTO main.article_tags (tag_id, article_id)
         SELECT t.id, a.id FROM backup.article_tags x
         JOIN main.articles a ON a.uid = x.article_uid JOIN main.tags t ON t.key = x.tag_key",
        [],
    )? as u64;
    r.annotations = tx.execute(
        "INSERT INTO main.annotations (uid, article_id, span_start, span_end, exact, prefix, suffix,
                                       note, color, orphaned, created_at, updated_at)
         SELECT n.uid, a.id, n.span_start, n.span_end, n.exact, n.prefix, n.suffix, n.note, n.color,
                n.orphaned, n.created_at, n.updated_at
         FROM backup.annotations n JOIN main.articles a ON a.uid = n.article_uid
         WHERE n.uid NOT IN (SELECT uid FROM main.annotations)
           AND (n.span_end IS NULL OR n.span_end <= length(a.body))",
        [],
    )? as u64;
    r.annotation_tags = tx.execute(
        "INSERT OR IGNORE INTO main.annotation_tags (tag_id, annotation_id)
         SELECT t.id, n.id FROM backup.annotation_tags x
         JOIN main.annotations n ON n.uid = x.annotation_uid JOIN main.tags t ON t.key = x.tag_key",
        [],
    )? as u64;
    let overridden: Vec<i64> = tx
        .prepare(
            "INSERT OR IGNORE INTO main.block_overrides (article_id, text_key, class, created_at)
             SELECT a.id, o.text_key, o.class, o.created_at FROM backup.block_overrides o
             JOIN main.articles a ON a.uid = o.article_uid
             RETURNING article_id",
        )?
        .query_map([], |row| row.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    r.block_overrides = overridden.len() as u64;
    let mut articles = overridden;
    articles.sort_unstable();
    articles.dedup();
    // The classes the user set take effect in the stored blocks and the index.
    for id in articles {
        crate::store::blocks::reclassify(&tx, id)?;
    }
    r.saved_searches = tx.execute(
        "INSERT OR IGNORE INTO main.saved_searches (name, query, created_at, updated_at)
         SELECT name, query, created_at, updated_at FROM backup.saved_searches",
        [],
    )? as u64;
    r.articles_missing = tx.query_row(
        "SELECT (SELECT count(*) FROM backup.annotations WHERE article_uid NOT IN (SELECT uid FROM main.articles))
              + (SELECT count(*) FROM backup.article_tags WHERE article_uid NOT IN (SELECT uid FROM main.articles))",
        [],
        |row| row.get::<_, i64>(0),
    )? as u64;
    tx.commit()?;
    Ok(r)
}
