//! The library: one SQLite file (WAL, foreign keys on) with numbered,
//! append-only migrations applied in a single transaction.

pub mod annotations;
pub mod articles;
pub mod blocks;
pub mod fts;
mod migrations;
pub mod tags;

use std::path::{Path, PathBuf};

use rusqlite::{Connection, OpenFlags};

use crate::error::{Error, Result};

pub use articles::{Article, ArticleSummary, InsertOutcome, NewArticle, Stats};

/// File name of a library inside the OS data directory.
pub const DEFAULT_FILE_NAME: &str = "library.litopys";

/// How long a statement waits for another connection's write to finish.
pub(crate) const BUSY_TIMEOUT: std::time::Duration = std::time::Duration::from_secs(10);

pub struct Library {
    conn: Connection,
    path: PathBuf,
}

impl Library {
    /// Opens the library at `path`, creating it (and its folder) if missing.
    pub fn open(path: &Path) -> Result<Library> {
        let open_err = |reason: String| Error::LibraryOpen {
            path: path.to_path_buf(),
            reason,
        };
        if let Some(parent) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
            std::fs::create_dir_all(parent).map_err(|e| open_err(e.to_string()))?;
        }
        if path.is_dir() {
            return Err(open_err("it is a folder, not a library file".into()));
        }
        let flags = OpenFlags::SQLITE_OPEN_READ_WRITE
            | OpenFlags::SQLITE_OPEN_CREATE
            | OpenFlags::SQLITE_OPEN_NO_MUTEX;
        let conn = Connection::open_with_flags(path, flags).map_err(|e| open_err(e.to_string()))?;
        configure(&conn).map_err(|e| match e {
            Error::Database(db) => open_err(describe_open_error(&db)),
            other => other,
        })?;
        let mut lib = Library {
            conn,
            path: path.to_path_buf(),
        };
        migrations::apply(&mut lib.conn, path)?;
        Ok(lib)
    }

    /// A library that lives only in memory (tests, benchmarks).
    pub fn open_in_memory() -> Result<Library> {
        let mut conn = Connection::open_in_memory()?;
        configure(&conn)?;
        migrations::apply(&mut conn, Path::new(":memory:"))?;
        Ok(Library {
            conn,
            path: PathBuf::from(":memory:"),
        })
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    pub fn conn(&self) -> &Connection {
        &self.conn
    }

    pub fn conn_mut(&mut self) -> &mut Connection {
        &mut self.conn
    }

    /// A number that changes whenever another connection — another program
    /// such as the CLI, or another thread's connection — commits to this
    /// library; this connection's own writes leave it as it is.
    pub fn data_version(&self) -> Result<i64> {
        Ok(self
            .conn
            .query_row("PRAGMA data_version", [], |r| r.get(0))?)
    }

    pub fn schema_version(&self) -> Result<i64> {
        Ok(self
            .conn
            .query_row("PRAGMA user_version", [], |r| r.get(0))?)
    }
}

fn configure(conn: &Connection) -> Result<()> {
    conn.busy_timeout(BUSY_TIMEOUT)?;
    // Reading the schema first makes a non-database file fail here, clearly.
    conn.query_row("SELECT count(*) FROM sqlite_schema", [], |r| {
        r.get::<_, i64>(0)
    })?;
    // Articles are ~4 KB: 16 KB pages keep a row on one page (no overflow chain).
    // Takes effect only when the file is new, before WAL is switched on.
    conn.pragma_update(None, "page_size", 16384)?;
    conn.pragma_update(None, "journal_mode", "WAL")?;
    conn.pragma_update(None, "synchronous", "NORMAL")?;
    conn.pragma_update(None, "foreign_keys", "ON")?;
    fts::register(conn)?;
    blocks::register(conn)?;
    // 64 MB of page cache: FTS merges re-read recent pages many times.
    conn.pragma_update(None, "cache_size", -65536)?;
    Ok(())
}

fn describe_open_error(err: &rusqlite::Error) -> String {
    match err.sqlite_error_code() {
        Some(rusqlite::ErrorCode::NotADatabase) => {
            "the file is not a Litopys library (not an SQLite database)".into()
        }
        Some(rusqlite::ErrorCode::DatabaseCorrupt) => "the library file is damaged".into(),
        Some(rusqlite::ErrorCode::ReadOnly) | Some(rusqlite::ErrorCode::PermissionDenied) => {
            "no permission to write the library file".into()
        }
        _ => err.to_string(),
    }
}

/// Where a library lives when none is named: `LITOPYS_LIBRARY`, else the OS data directory.
pub fn default_library_path() -> PathBuf {
    if let Some(p) = std::env::var_os("LITOPYS_LIBRARY").filter(|p| !p.is_empty()) {
        return PathBuf::from(p);
    }
    dirs::data_dir()
        .unwrap_or_else(|| PathBuf::from("."))
        .join("Litopys")
        .join(DEFAULT_FILE_NAME)
}

/// The current time in UTC, RFC 3339 to the second.
pub fn now_rfc3339() -> String {
    let now = time::OffsetDateTime::now_utc();
    format!(
        "{:04}-{:02}-{:02}T{:02}:{:02}:{:02}Z",
        now.year(),
        u8::from(now.month()),
        now.day(),
        now.hour(),
        now.minute(),
        now.second()
    )
}
