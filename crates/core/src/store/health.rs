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

/// `PRAGMA quick_check`, stopped after `budget` when one is given.
pub fn quick_check(conn: &Connection, budget: Option<Duration>) -> Result<CheckReport> {
    let Some(budget) = budget else {
        return pragma_check(conn, "quick_check");
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
    let result = pragma_check(conn, "quick_check");
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
    let mut report = pragma_check(conn, "integrity_check")?;
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

fn pragma_check(conn: &Connection, pragma: &str) -> Result<CheckReport> {
    let sql = format!("PRAGMA {pragma}(100)");
    let rows: rusqlite::Result<Vec<String>> = conn
        .prepare(&sql)
        .and_then(|mut s| s.query_map([], |r| r.get::<_, String>(0))?.collect());
    let rows = match rows {
        Ok(rows) => rows,
        Err(e) => match e.sqlite_error_code() {
            // A page so damaged that the check itself cannot go on.
            Some(rusqlite::ErrorCode::DatabaseCorrupt | rusqlite::ErrorCode::NotADatabase) => {
                vec![e.to_string()]
            }
            _ => return Err(Error::Database(e)),
        },
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
