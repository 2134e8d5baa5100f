//! `litopys repair`: make a damaged library usable again, losing as little as
//! the damage allows and never the damaged file itself.
//!
//! First the indexes are rebuilt in place (SQL indexes, both full-text
//! indexes): damage confined to them is then gone. When the full check still
//! fails, the articles, tags, annotations, line classes and saved searches
//! (and the trash) that can still be read are copied row by row into a new library, which
//! takes the library's name; the damaged file is kept beside it as
//! `NAME.damaged-STAMP`.

use std::path::{Path, PathBuf};

use rusqlite::types::Value;
use rusqlite::Connection;
use serde::Serialize;

use super::health::{self, CheckReport};
use crate::error::{Error, Result};

#[derive(Debug, Clone, Serialize)]
pub struct RepairReport {
    /// What the full check found before repairing.
    pub before: CheckReport,
    /// The indexes were rebuilt in place and that was enough.
    pub rebuilt_in_place: bool,
    /// Rows copied into a new library when rebuilding was not enough.
    pub salvaged: Option<Salvaged>,
    /// Where the damaged file was kept.
    pub damaged_kept_at: Option<PathBuf>,
    /// The full check of the library after the repair.
    pub after: CheckReport,
}

#[derive(Debug, Clone, Default, Serialize)]
pub struct Salvaged {
    pub articles: u64,
    /// Articles whose rows could not be read.
    pub articles_lost: u64,
    pub tags: u64,
    pub article_tags: u64,
    pub annotations: u64,
    pub block_overrides: u64,
    pub saved_searches: u64,
    /// Removed articles kept in the trash.
    pub trashed: u64,
}

/// Repairs the library at `path` (see the module comment).
pub fn repair(path: &Path) -> Result<RepairReport> {
    let before = {
        let lib = super::Library::open_unchecked(path)?;
        let before = health::full_check(lib.conn())?;
        if before.ok {
            let after = before.clone();
            return Ok(RepairReport {
                before,
                rebuilt_in_place: false,
                salvaged: None,
                damaged_kept_at: None,
                after,
            });
        }
        // The user's own work first, while it can still be read.
        let _ = super::backup::write(lib.conn(), path, "before-repair");
        let rebuilt = lib.conn().execute_batch(
            "REINDEX;
             INSERT INTO articles_fts (articles_fts) VALUES ('rebuild');
             INSERT INTO annotations_fts (annotations_fts) VALUES ('rebuild');",
        );
        if rebuilt.is_ok() {
            let after = health::full_check(lib.conn())?;
            if after.ok {
                return Ok(RepairReport {
                    before,
                    rebuilt_in_place: true,
                    salvaged: None,
                    damaged_kept_at: None,
                    after,
                });
            }
        }
        before
    };
    let stamp = crate::store::now_rfc3339().replace(['-', ':'], "");
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "library".into());
    let fresh = path.with_file_name(format!(".{name}.repairing"));
    for f in sidecars(&fresh) {
        let _ = std::fs::remove_file(f);
    }
    let salvaged = {
        let src = Connection::open_with_flags(path, rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY)
            .map_err(|e| Error::io(path, e))?;
        super::fts::register(&src)?;
        super::block_column::register(&src)?;
        let mut dest = super::Library::open(&fresh)?;
        let salvaged = salvage(&src, dest.conn_mut())?;
        // Classified again on the next open, learning from every article.
        dest.conn()
            .execute("DELETE FROM library_meta WHERE key = 'blocks_version'", [])?;
        dest.conn()
            .execute_batch("PRAGMA wal_checkpoint(TRUNCATE);")?;
        salvaged
    };
    let kept = path.with_file_name(format!("{name}.damaged-{stamp}"));
    std::fs::rename(path, &kept).map_err(|e| Error::io(path, e))?;
    for (from, to) in sidecars(path).into_iter().zip(sidecars(&kept)).skip(1) {
        let _ = std::fs::rename(from, to);
    }
    std::fs::rename(&fresh, path).map_err(|e| Error::io(path, e))?;
    for f in sidecars(&fresh).into_iter().skip(1) {
        let _ = std::fs::remove_file(f);
    }
    let lib = super::Library::open(path)?;
    let after = health::full_check(lib.conn())?;
    Ok(RepairReport {
        before,
        rebuilt_in_place: false,
        salvaged: Some(salvaged),
        damaged_kept_at: Some(kept),
        after,
    })
}

/// The library file and its WAL and shared-memory files.
fn sidecars(path: &Path) -> Vec<PathBuf> {
    let s = path.as_os_str().to_owned();
    let with = |suffix: &str| {
        let mut p = s.clone();
        p.push(suffix);
        PathBuf::from(p)
    };
    vec![path.to_path_buf(), with("-wal"), with("-shm")]
}

/// Copies every readable row; a row (or a run of rows) that cannot be read is skipped.
fn salvage(src: &Connection, dest: &mut Connection) -> Result<Salvaged> {
    let mut s = Salvaged::default();
    let tx = dest.transaction()?;
    let columns: Vec<String> = src
        .prepare("SELECT name FROM pragma_table_info('articles') WHERE name <> 'id'")?
        .query_map([], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    let list = columns.join(", ");
    let marks = vec!["?"; columns.len()].join(", ");
    let last: i64 = src
        .query_row("SELECT max(id) FROM articles", [], |r| {
            r.get::<_, Option<i64>>(0)
        })
        .ok()
        .flatten()
        .unwrap_or(0);
    {
        let mut read = src.prepare(&format!("SELECT {list} FROM articles WHERE id = ?1"))?;
        let mut write = tx.prepare(&format!(
            "INSERT OR IGNORE INTO articles ({list}) VALUES ({marks})"
        ))?;
        for id in 1..=last {
            let row: rusqlite::Result<Option<Vec<Value>>> =
                read.query([id]).and_then(|mut rows| match rows.next()? {
                    Some(r) => (0..columns.len())
                        .map(|i| r.get::<_, Value>(i))
                        .collect::<rusqlite::Result<Vec<_>>>()
                        .map(Some),
                    None => Ok(None),
                });
            match row {
                Ok(Some(values)) => match write.execute(rusqlite::params_from_iter(values)) {
                    Ok(1) => s.articles += 1,
                    _ => s.articles_lost += 1,
                },
                Ok(None) => {}
                Err(_) => s.articles_lost += 1,
            }
        }
    }
    s.tags = copy_rows(
        src,
        &tx,
        "SELECT name, key, color, description, created_at, updated_at FROM tags",
        "INSERT OR IGNORE INTO tags (name, key, color, description, created_at, updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
    );
    s.article_tags = copy_rows(
        src,
        &tx,
        "SELECT a.uid, t.key FROM article_tags x JOIN articles a ON a.id = x.article_id JOIN tags t ON t.id = x.tag_id",
        "INSERT OR IGNORE INTO article_tags (article_id, tag_id)
         SELECT a.id, t.id FROM articles a, tags t WHERE a.uid = ?1 AND t.key = ?2",
    );
    s.annotations = copy_rows(
        src,
        &tx,
        "SELECT n.uid, a.uid, n.span_start, n.span_end, n.exact, n.prefix, n.suffix, n.note, n.color,
                n.orphaned, n.created_at, n.updated_at
         FROM annotations n JOIN articles a ON a.id = n.article_id",
        "INSERT OR IGNORE INTO annotations (uid, article_id, span_start, span_end, exact, prefix, suffix,
                                            note, color, orphaned, created_at, updated_at)
         SELECT ?1, a.id, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12 FROM articles a WHERE a.uid = ?2",
    );
    copy_rows(
        src,
        &tx,
        "SELECT n.uid, t.key FROM annotation_tags x JOIN annotations n ON n.id = x.annotation_id
         JOIN tags t ON t.id = x.tag_id",
        "INSERT OR IGNORE INTO annotation_tags (annotation_id, tag_id)
         SELECT n.id, t.id FROM annotations n, tags t WHERE n.uid = ?1 AND t.key = ?2",
    );
    s.block_overrides = copy_rows(
        src,
        &tx,
        "SELECT a.uid, o.text_key, o.class, o.created_at FROM block_overrides o JOIN articles a ON a.id = o.article_id",
        "INSERT OR IGNORE INTO block_overrides (article_id, text_key, class, created_at)
         SELECT a.id, ?2, ?3, ?4 FROM articles a WHERE a.uid = ?1",
    );
    s.saved_searches = copy_rows(
        src,
        &tx,
        "SELECT name, query, created_at, updated_at FROM saved_searches",
        "INSERT OR IGNORE INTO saved_searches (name, query, created_at, updated_at) VALUES (?1, ?2, ?3, ?4)",
    );
    // Removed articles can still be put back after a repair.
    s.trashed = copy_rows(
        src,
        &tx,
        "SELECT uid, title, line, tags, removal, removed_at FROM trash",
        "INSERT INTO trash (uid, title, line, tags, removal, removed_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
    );
    tx.commit()?;
    Ok(s)
}

/// Copies the rows `read` yields with `write`, stopping quietly where the
/// damaged file cannot be read further; returns how many rows were written.
fn copy_rows(src: &Connection, dest: &Connection, read: &str, write: &str) -> u64 {
    let Ok(mut read) = src.prepare(read) else {
        return 0;
    };
    let Ok(mut write) = dest.prepare(write) else {
        return 0;
    };
    let n = read.column_count();
    let Ok(mut rows) = read.query([]) else {
        return 0;
    };
    let mut copied = 0;
    while let Ok(Some(row)) = rows.next() {
        let Ok(values) = (0..n)
            .map(|i| row.get::<_, Value>(i))
            .collect::<rusqlite::Result<Vec<_>>>()
        else {
            continue;
        };
        if let Ok(k) = write.execute(rusqlite::params_from_iter(values)) {
            copied += k as u64;
        }
    }
    copied
}
