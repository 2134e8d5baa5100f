//! The baseline the import benchmark compares with: plain rusqlite inserts of
//! the same rows into a table plus a stock `unicode61` FTS5 table.

use std::io::BufRead;
use std::path::Path;

use rusqlite::{params, Connection};

#[derive(serde::Deserialize)]
struct Row {
    title: String,
    text: String,
    source: String,
    published: String,
    lang: String,
}

pub fn run(jsonl: &Path, db: &Path) -> Result<u64, String> {
    let err = |e: &dyn std::fmt::Display| e.to_string();
    let mut conn = Connection::open(db).map_err(|e| err(&e))?;
    conn.execute_batch(
        "PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL;
         CREATE TABLE IF NOT EXISTS articles (id INTEGER PRIMARY KEY, title TEXT, body TEXT,
             source TEXT, published_at TEXT, language TEXT);
         CREATE VIRTUAL TABLE IF NOT EXISTS articles_fts USING fts5(title, body,
             content='articles', content_rowid='id', tokenize='unicode61');",
    )
    .map_err(|e| err(&e))?;
    let file = std::fs::File::open(jsonl).map_err(|e| format!("{}: {e}", jsonl.display()))?;
    let mut n = 0u64;
    let mut tx = conn.transaction().map_err(|e| err(&e))?;
    for line in std::io::BufReader::new(file).lines() {
        let line = line.map_err(|e| err(&e))?;
        let r: Row = serde_json::from_str(&line).map_err(|e| err(&e))?;
        {
            let mut insert = tx
                .prepare_cached(
                    "INSERT INTO articles (title, body, source, published_at, language)
                     VALUES (?1, ?2, ?3, ?4, ?5)",
                )
                .map_err(|e| err(&e))?;
            insert
                .execute(params![r.title, r.text, r.source, r.published, r.lang])
                .map_err(|e| err(&e))?;
            let id = tx.last_insert_rowid();
            let mut fts = tx
                .prepare_cached("INSERT INTO articles_fts (rowid, title, body) VALUES (?1, ?2, ?3)")
                .map_err(|e| err(&e))?;
            fts.execute(params![id, r.title, r.text])
                .map_err(|e| err(&e))?;
        }
        n += 1;
        if n.is_multiple_of(2000) {
            tx.commit().map_err(|e| err(&e))?;
            tx = conn.transaction().map_err(|e| err(&e))?;
        }
    }
    tx.commit().map_err(|e| err(&e))?;
    Ok(n)
}
