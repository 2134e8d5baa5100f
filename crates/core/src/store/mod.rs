//! The library: one SQLite file (WAL, foreign keys on) with numbered,
//! append-only migrations applied in a single transaction.

pub mod annotations;
pub mod articles;
pub mod backup;
pub mod block_column;
pub mod blocks;
#[allow(unsafe_code)] // the FTS5 tokenizer: SQLite C API (SAFETY comments there)
pub mod fts;
pub mod health;
mod migrations;
mod open;
pub mod repair;
pub mod stories;
pub mod tags;
pub mod trash;

use std::path::{Path, PathBuf};

use rusqlite::Connection;

use crate::error::{Error, Result};

pub use articles::{Article, ArticleSummary, InsertOutcome, NewArticle, Stats};
pub use open::Create;

/// File name of a library inside the OS data directory.
pub const DEFAULT_FILE_NAME: &str = "library.litopys";

pub use crate::error::BUSY_TIMEOUT;

pub struct Library {
    conn: Connection,
    path: PathBuf,
    read_only: bool,
}

impl Library {
    /// Opens the library at `path`, creating a new one (and its folder) when
    /// nothing is there. Anything else at the path must be a Litopys library:
    /// see [`open`] for what is refused.
    pub fn open(path: &Path) -> Result<Library> {
        Library::open_with(path, Create::IfMissing, true)
    }

    /// Opens the library at `path`; a missing path is an error, not a new library.
    pub fn open_existing(path: &Path) -> Result<Library> {
        Library::open_with(path, Create::Never, true)
    }

    /// Opens without the integrity check (for `litopys check` and `repair`,
    /// which check and mend the library themselves).
    pub fn open_unchecked(path: &Path) -> Result<Library> {
        Library::open_with(path, Create::Never, false)
    }

    fn open_with(path: &Path, create: Create, check: bool) -> Result<Library> {
        let open_err = |reason: String| Error::LibraryOpen {
            path: path.to_path_buf(),
            reason,
        };
        let kind = open::inspect(path, create)?;
        let (conn, read_only) = open::connect(path, &kind)?;
        conn.busy_timeout(BUSY_TIMEOUT)?;
        // Before anything is written: switching to WAL alone would rewrite
        // another program's database.
        let schema = open::identify(&conn, path)?;
        if read_only && schema == open::SchemaKind::Blank {
            return Err(Error::ReadOnly);
        }
        if check && schema == open::SchemaKind::Litopys {
            let report = health::quick_check(&conn, Some(health::OPEN_CHECK_BUDGET))?;
            if !report.ok {
                return Err(health::damage_error(&report));
            }
        }
        let mut conn = conn;
        configure(&mut conn, read_only).map_err(|e| match e {
            Error::Database(db) => open_err(open::describe_open_error(&db)),
            other => other,
        })?;
        let mut lib = Library {
            conn,
            path: path.to_path_buf(),
            read_only,
        };
        if read_only {
            migrations::check_current(&lib.conn, path)?;
        } else {
            migrations::apply(&mut lib.conn, path)?;
            trash::purge_expired(&lib.conn)?;
        }
        Ok(lib)
    }

    /// A library that lives only in memory (tests, benchmarks).
    pub fn open_in_memory() -> Result<Library> {
        let mut conn = Connection::open_in_memory()?;
        configure(&mut conn, false)?;
        migrations::apply(&mut conn, Path::new(":memory:"))?;
        Ok(Library {
            conn,
            path: PathBuf::from(":memory:"),
            read_only: false,
        })
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    /// The file could only be opened for reading (permissions, read-only medium).
    pub fn is_read_only(&self) -> bool {
        self.read_only
    }

    /// An error unless the library may be written.
    pub fn ensure_writable(&self) -> Result<()> {
        if self.read_only {
            return Err(Error::ReadOnly);
        }
        Ok(())
    }

    /// The whole-file structural check (`PRAGMA quick_check`) run before an
    /// import writes: damage found then stops the import before it adds to it.
    pub fn check_before_write(&self) -> Result<()> {
        self.ensure_writable()?;
        let report = health::quick_check(&self.conn, None)?;
        if !report.ok {
            return Err(health::damage_error(&report));
        }
        Ok(())
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

fn configure(conn: &mut Connection, read_only: bool) -> Result<()> {
    conn.busy_timeout(BUSY_TIMEOUT)?;
    // Every write transaction takes the write lock at BEGIN, where SQLite
    // waits for it; a deferred one that reads first and then writes fails at
    // once with "database is locked" when another writer got there first.
    conn.set_transaction_behavior(rusqlite::TransactionBehavior::Immediate);
    // Reading the schema first makes a non-database file fail here, clearly.
    conn.query_row("SELECT count(*) FROM sqlite_schema", [], |r| {
        r.get::<_, i64>(0)
    })?;
    if !read_only {
        // Articles are ~4 KB: 16 KB pages keep a row on one page (no overflow chain).
        // Takes effect only when the file is new, before WAL is switched on.
        conn.pragma_update(None, "page_size", 16384)?;
        conn.pragma_update(None, "journal_mode", "WAL")?;
        conn.pragma_update(None, "synchronous", "NORMAL")?;
    }
    conn.pragma_update(None, "foreign_keys", "ON")?;
    fts::register(conn)?;
    block_column::register(conn)?;
    // Import, blocks and stories together keep more than rusqlite's default
    // 16 cached statements in use: evicted ones were parsed again per article
    // (6% of a story rebuild's time in `perf`).
    conn.set_prepared_statement_cache_capacity(64);
    // 64 MB of page cache: FTS merges re-read recent pages many times.
    conn.pragma_update(None, "cache_size", -65536)?;
    Ok(())
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
    rfc3339(time::OffsetDateTime::now_utc())
}

/// `when` in UTC, RFC 3339 to the second (sorts as text in time order).
pub fn rfc3339(when: time::OffsetDateTime) -> String {
    let now = when.to_offset(time::UtcOffset::UTC);
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
