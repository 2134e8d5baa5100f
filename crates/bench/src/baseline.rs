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

/// Index build of the same rows with two tokenizers, nothing else timed.
#[derive(Clone, Copy, Debug, Default, serde::Serialize, serde::Deserialize)]
pub struct IndexOnly {
    pub articles: usize,
    pub litopys_seconds: f64,
    pub stock_seconds: f64,
    /// `unicode61` over the same rows with every word followed by a second,
    /// distinct term (`слово словоъъ`): what FTS5 itself spends on an index
    /// holding two terms a word, as ours does (surface form and stem), with
    /// the fastest tokenizer there is.
    #[serde(default)]
    pub stock_two_terms_seconds: Option<f64>,
}

/// `text` with every word followed by a second, distinct term.
fn two_terms(text: &str) -> String {
    let mut out = String::with_capacity(text.len() * 2 + 16);
    let mut word = String::new();
    let flush = |word: &mut String, out: &mut String| {
        if !word.is_empty() {
            out.push_str(word);
            out.push(' ');
            out.push_str(word);
            out.push_str("ъъ");
            word.clear();
        }
    };
    for c in text.chars() {
        if c.is_alphanumeric() {
            word.push(c);
        } else {
            flush(&mut word, &mut out);
            out.push(c);
        }
    }
    flush(&mut word, &mut out);
    out
}

/// Builds an FTS5 index over the first `limit` articles of the stock
/// baseline `stock_db` with `unicode61` and with `litopys`, in a scratch
/// database `scratch`, with the same table options a library uses: the
/// tokenizer's own cost, apart from what else an import does (parsing,
/// duplicates, blocks, counts, the articles' own indexes).
pub fn index_only(stock_db: &Path, scratch: &Path, limit: usize) -> Result<IndexOnly, String> {
    let err = |e: &dyn std::fmt::Display| format!("{}: {e}", scratch.display());
    let _ = std::fs::remove_file(scratch);
    let conn = Connection::open(scratch).map_err(|e| err(&e))?;
    litopys_core::store::fts::register(&conn).map_err(|e| err(&e))?;
    conn.execute("ATTACH ?1 AS s", [stock_db.to_string_lossy()])
        .map_err(|e| err(&e))?;
    conn.execute_batch(&format!(
        "PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL;
         CREATE TABLE docs (id INTEGER PRIMARY KEY, title TEXT, body TEXT);
         INSERT INTO docs SELECT id, title, body FROM s.articles ORDER BY id LIMIT {limit};
         DETACH s;"
    ))
    .map_err(|e| err(&e))?;
    let articles: i64 = conn
        .query_row("SELECT count(*) FROM docs", [], |r| r.get(0))
        .map_err(|e| err(&e))?;
    conn.create_scalar_function(
        "two_terms",
        1,
        rusqlite::functions::FunctionFlags::SQLITE_UTF8
            | rusqlite::functions::FunctionFlags::SQLITE_DETERMINISTIC,
        |ctx| Ok(two_terms(&ctx.get::<String>(0)?)),
    )
    .map_err(|e| err(&e))?;
    conn.execute_batch(
        "CREATE TABLE docs2 (id INTEGER PRIMARY KEY, title TEXT, body TEXT);
         INSERT INTO docs2 SELECT id, two_terms(title), two_terms(body) FROM docs;",
    )
    .map_err(|e| err(&e))?;
    let mut seconds = [0.0; 3];
    for (i, (tokenizer, content)) in [
        ("unicode61", "docs"),
        ("litopys", "docs"),
        ("unicode61", "docs2"),
    ]
    .iter()
    .enumerate()
    {
        conn.execute_batch(&format!(
            "CREATE VIRTUAL TABLE fts USING fts5(title, body, content='{content}', content_rowid='id',
                 tokenize='{tokenizer}');
             INSERT INTO fts (fts, rank) VALUES ('hashsize', 8388608);
             INSERT INTO fts (fts, rank) VALUES ('automerge', 8);"
        ))
        .map_err(|e| err(&e))?;
        let start = std::time::Instant::now();
        conn.execute("INSERT INTO fts (fts) VALUES ('rebuild')", [])
            .map_err(|e| err(&e))?;
        seconds[i] = start.elapsed().as_secs_f64();
        conn.execute_batch("DROP TABLE fts; VACUUM;")
            .map_err(|e| err(&e))?;
    }
    drop(conn);
    for suffix in ["", "-wal", "-shm"] {
        let _ = std::fs::remove_file(format!("{}{suffix}", scratch.display()));
    }
    Ok(IndexOnly {
        articles: usize::try_from(articles).unwrap_or_default(),
        stock_seconds: seconds[0],
        litopys_seconds: seconds[1],
        stock_two_terms_seconds: Some(seconds[2]),
    })
}
