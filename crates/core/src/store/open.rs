//! What a file must be before it is opened as a library, and how it is opened.
//!
//! A library is never made out of something else by accident: a zero-byte
//! file, a FIFO or device, a file that is not SQLite and another program's
//! SQLite database are refused before anything is written to them (setting
//! WAL mode alone would rewrite a foreign database's header). A file the user
//! may not write is opened read-only instead of failing.

use std::io::Read;
use std::path::Path;

use rusqlite::{Connection, OpenFlags};

use crate::error::{Error, Result};

/// Whether opening may create a new library where the path holds nothing.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Create {
    /// Create a new, empty library when nothing is at the path.
    IfMissing,
    /// Only open a library that exists: a missing path is an error.
    Never,
}

/// What a path holds, read before SQLite touches it.
#[derive(Debug, PartialEq, Eq)]
pub(crate) enum FileKind {
    Missing,
    Sqlite,
}

pub(crate) fn inspect(path: &Path, create: Create) -> Result<FileKind> {
    let refuse = |reason: &str| Error::NotALibrary {
        path: path.to_path_buf(),
        reason: reason.to_owned(),
    };
    let meta = match std::fs::metadata(path) {
        Ok(m) => m,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            return match create {
                Create::IfMissing => Ok(FileKind::Missing),
                Create::Never => Err(Error::LibraryMissing {
                    path: path.to_path_buf(),
                }),
            };
        }
        Err(e) => {
            return Err(Error::LibraryOpen {
                path: path.to_path_buf(),
                reason: e.to_string(),
            })
        }
    };
    if meta.is_dir() {
        return Err(refuse("it is a folder, not a library file"));
    }
    if !meta.is_file() {
        // A FIFO would block the open forever; a device is never a library.
        return Err(refuse(
            "it is not a regular file (a pipe, socket or device)",
        ));
    }
    if meta.len() == 0 {
        return Err(refuse(
            "the file is empty (0 bytes); a library is never empty, so this one was cut short \
             or is something else — move it away to create a new library here",
        ));
    }
    let mut header = [0u8; 16];
    let read = std::fs::File::open(path)
        .and_then(|mut f| f.read(&mut header))
        .map_err(|e| Error::LibraryOpen {
            path: path.to_path_buf(),
            reason: e.to_string(),
        })?;
    if read < 16 || &header != b"SQLite format 3\0" {
        return Err(refuse("the file is not an SQLite database"));
    }
    Ok(FileKind::Sqlite)
}

/// Opens the connection: read-write when the file may be written, else read-only.
/// Returns the connection and whether it is read-only.
pub(crate) fn connect(path: &Path, kind: &FileKind) -> Result<(Connection, bool)> {
    let open_err = |reason: String| Error::LibraryOpen {
        path: path.to_path_buf(),
        reason,
    };
    let rw = OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX;
    if *kind == FileKind::Missing {
        if let Some(parent) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
            std::fs::create_dir_all(parent).map_err(|e| open_err(e.to_string()))?;
        }
        let conn = Connection::open_with_flags(path, rw | OpenFlags::SQLITE_OPEN_CREATE)
            .map_err(|e| open_err(e.to_string()))?;
        return Ok((conn, false));
    }
    let writable = std::fs::OpenOptions::new().write(true).open(path).is_ok();
    if writable {
        if let Ok(conn) = Connection::open_with_flags(path, rw) {
            return Ok((conn, false));
        }
    }
    let ro = OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX;
    let conn = Connection::open_with_flags(path, ro).map_err(|e| open_err(e.to_string()))?;
    // A WAL library on a read-only medium cannot get its shared-memory file:
    // reading it then needs SQLite's immutable mode (nobody writes it anyway).
    if conn
        .query_row("SELECT count(*) FROM sqlite_schema", [], |_| Ok(()))
        .is_ok()
    {
        return Ok((conn, true));
    }
    drop(conn);
    let uri = format!("file:{}?immutable=1", uri_path(path));
    let conn = Connection::open_with_flags(&uri, ro | OpenFlags::SQLITE_OPEN_URI)
        .map_err(|e| open_err(e.to_string()))?;
    Ok((conn, true))
}

/// `path` as the path part of an SQLite `file:` URI (`?`, `#` and `%` escaped).
fn uri_path(path: &Path) -> String {
    let mut out = String::new();
    for c in path.to_string_lossy().chars() {
        match c {
            '?' | '#' | '%' => out.push_str(&format!("%{:02X}", c as u32)),
            '\\' => out.push('/'),
            c => out.push(c),
        }
    }
    out
}

/// What the schema says the database is.
#[derive(Debug, PartialEq, Eq)]
pub(crate) enum SchemaKind {
    /// No tables yet: a new library.
    Blank,
    /// A Litopys library (it has `library_meta`, which every version creates first).
    Litopys,
}

/// Reads the schema without writing: refuses another program's database.
pub(crate) fn identify(conn: &Connection, path: &Path) -> Result<SchemaKind> {
    let names: Vec<String> = conn
        .prepare("SELECT name FROM sqlite_schema WHERE type = 'table' ORDER BY name")
        .and_then(|mut s| {
            s.query_map([], |r| r.get::<_, String>(0))?
                .collect::<rusqlite::Result<Vec<_>>>()
        })
        .map_err(|e| Error::LibraryOpen {
            path: path.to_path_buf(),
            reason: describe_open_error(&e),
        })?;
    let objects: i64 = conn
        .query_row("SELECT count(*) FROM sqlite_schema", [], |r| r.get(0))
        .map_err(|e| Error::LibraryOpen {
            path: path.to_path_buf(),
            reason: describe_open_error(&e),
        })?;
    if objects == 0 {
        return Ok(SchemaKind::Blank);
    }
    if names.iter().any(|n| n == "library_meta") {
        return Ok(SchemaKind::Litopys);
    }
    let shown: Vec<&str> = names.iter().take(5).map(String::as_str).collect();
    let more = if names.len() > 5 { ", …" } else { "" };
    Err(Error::NotALibrary {
        path: path.to_path_buf(),
        reason: if names.is_empty() {
            "it is an SQLite database of another program".into()
        } else {
            format!(
                "it is an SQLite database of another program (tables: {}{more})",
                shown.join(", ")
            )
        },
    })
}

pub(crate) fn describe_open_error(err: &rusqlite::Error) -> String {
    match err.sqlite_error_code() {
        Some(rusqlite::ErrorCode::NotADatabase) => {
            "the file is not a Litopys library (not an SQLite database)".into()
        }
        Some(rusqlite::ErrorCode::DatabaseCorrupt) => {
            "the library file is damaged (`litopys repair` can rebuild it)".into()
        }
        Some(rusqlite::ErrorCode::ReadOnly) | Some(rusqlite::ErrorCode::PermissionDenied) => {
            "no permission to write the library file".into()
        }
        _ => err.to_string(),
    }
}
