//! Is the library file sound? Checks at open, before an import, and on demand.
//!
//! SQLite's `quick_check` reads every page of the file, so its cost grows
//! with the library: at open it runs under a time budget (a small library is
//! checked whole, a large one as far as the budget reaches), before an import
//! and in `litopys check` it runs to the end, and `litopys check` adds the
//! full `integrity_check` (indexes against tables) and FTS5's own check of
//! each full-text index against its rows.

use std::sync::mpsc;
use std::time::Duration;

use rusqlite::Connection;
use serde::Serialize;

use crate::error::{Error, Result};

/// How long opening a library may spend checking it.
pub const OPEN_CHECK_BUDGET: Duration = Duration::from_millis(300);

/// What a check found.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct CheckReport {
    /// No problem found in what was checked.
    pub ok: bool,
    /// The whole file was checked (false when a time budget ran out first).
    pub complete: bool,
    /// SQLite's and FTS5's descriptions of each problem (at most 100).
    pub problems: Vec<String>,
}

impl CheckReport {
    /// The problems as one line, for an error message.
    pub fn summary(&self) -> String {
        let first: Vec<&str> = self.problems.iter().take(3).map(String::as_str).collect();
        let more = self.problems.len().saturating_sub(3);
        if more > 0 {
            format!("{} and {more} more problems", first.join("; "))
        } else {
            first.join("; ")
        }
    }
}

/// The structure of every page of every ordinary table and index
/// (`PRAGMA quick_check(TABLE)` table by table), stopped after `budget` when
/// one is given.
///
/// Table by table, because a plain `quick_check` also runs each virtual
/// table's own check, and FTS5's re-reads every document of the full-text
/// index — the cost of a re-index, not of a quick check; and it reads the
/// index with whatever structure this connection cached, so a merge another
/// program committed since looked like damage ("fts5: corruption found
/// reading blob", seen with two imports at once). The index's own tables are
/// ordinary tables and are checked here page by page.
pub fn quick_check(conn: &Connection, budget: Option<Duration>) -> Result<CheckReport> {
    let Some(budget) = budget else {
        return tables_check(conn);
    };
    let handle = conn.get_interrupt_handle();
    let (done, wait) = mpsc::channel::<()>();
    let timer = std::thread::Builder::new()
        .name("litopys-check-timer".into())
        .spawn(move || {
            if let Err(mpsc::RecvTimeoutError::Timeout) = wait.recv_timeout(budget) {
                handle.interrupt();
            }
        })
        .map_err(|e| Error::io("(check timer)", e))?;
    let result = tables_check(conn);
    let _ = done.send(());
    let _ = timer.join();
    match result {
        Err(Error::Database(e))
            if e.sqlite_error_code() == Some(rusqlite::ErrorCode::OperationInterrupted) =>
        {
            Ok(CheckReport {
                ok: true,
                complete: false,
                problems: Vec::new(),
            })
        }
        other => other,
    }
}

/// Everything: every page and index (`integrity_check`) and each full-text
/// index against its rows (FTS5 `integrity-check`).
pub fn full_check(conn: &Connection) -> Result<CheckReport> {
    // A read of each full-text index first: FTS5 then drops an index
    // structure this connection cached before another program changed it.
    for table in ["articles_fts", "annotations_fts"] {
        let _ = conn.query_row(
            &format!("SELECT count(*) FROM {table} WHERE rowid = 0"),
            [],
            |r| r.get::<_, i64>(0),
        );
    }
    let mut report = pragma_check(conn, "integrity_check(100)")?;
    for table in ["articles_fts", "annotations_fts"] {
        let sql = format!("INSERT INTO {table} ({table}, rank) VALUES ('integrity-check', 1)");
        if let Err(e) = conn.execute(&sql, []) {
            report.ok = false;
            report
                .problems
                .push(format!("full-text index {table}: {e}"));
        }
    }
    Ok(report)
}

fn tables_check(conn: &Connection) -> Result<CheckReport> {
    let tables: rusqlite::Result<Vec<String>> = conn
        .prepare(
            "SELECT name FROM sqlite_schema WHERE type = 'table'
             AND sql NOT LIKE 'CREATE VIRTUAL TABLE%' ORDER BY rootpage",
        )
        .and_then(|mut s| s.query_map([], |r| r.get::<_, String>(0))?.collect());
    let tables = match tables {
        Ok(t) => t,
        Err(e) if is_damage(&e) => {
            return Ok(CheckReport {
                ok: false,
                complete: true,
                problems: vec![e.to_string()],
            })
        }
        Err(e) => return Err(Error::Database(e)),
    };
    let mut report = CheckReport {
        ok: true,
        complete: true,
        problems: Vec::new(),
    };
    for table in tables {
        let quoted = format!("\"{}\"", table.replace('"', "\"\""));
        let one = pragma_check(conn, &format!("quick_check({quoted})"))?;
        if !one.ok {
            report.ok = false;
            report.problems.extend(one.problems);
        }
    }
    Ok(report)
}

fn is_damage(e: &rusqlite::Error) -> bool {
    matches!(
        e.sqlite_error_code(),
        Some(rusqlite::ErrorCode::DatabaseCorrupt | rusqlite::ErrorCode::NotADatabase)
    )
}

fn pragma_check(conn: &Connection, pragma: &str) -> Result<CheckReport> {
    let sql = format!("PRAGMA {pragma}");
    let rows: rusqlite::Result<Vec<String>> = conn
        .prepare(&sql)
        .and_then(|mut s| s.query_map([], |r| r.get::<_, String>(0))?.collect());
    let rows = match rows {
        Ok(rows) => rows,
        // A page so damaged that the check itself cannot go on.
        Err(e) if is_damage(&e) => vec![e.to_string()],
        Err(e) => return Err(Error::Database(e)),
    };
    let ok = rows.len() == 1 && rows[0] == "ok";
    Ok(CheckReport {
        ok,
        complete: true,
        problems: if ok { Vec::new() } else { rows },
    })
}

/// The error to give when a check found damage.
pub fn damage_error(report: &CheckReport) -> Error {
    Error::Damaged(report.summary())
}
