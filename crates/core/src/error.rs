//! Errors of the core library. Every variant maps to a stable machine-readable
//! code so the CLI and the app can show one `{code, message}` shape.

use std::path::PathBuf;

#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("cannot open library {path}: {reason}")]
    LibraryOpen { path: PathBuf, reason: String },

    #[error(
        "library {path} was written by a newer Litopys (schema {found}, this build knows {known})"
    )]
    SchemaTooNew {
        path: PathBuf,
        found: i64,
        known: i64,
    },

    #[error("no library at {path}: no such file or folder (`litopys import` or `litopys demo` creates one there)")]
    LibraryMissing { path: PathBuf },

    #[error("{path} is not a Litopys library: {reason}; nothing in it was changed")]
    NotALibrary { path: PathBuf, reason: String },

    #[error("the library is damaged ({0}); `litopys check` tells more and `litopys repair` rebuilds it (the damaged file is kept)")]
    Damaged(String),

    #[error("the library is busy: another program is writing to it and did not finish within {0} s; try again when it is done")]
    Busy(u64),

    #[error("the library is read-only (no permission to write the file, or a read-only disk): it can be searched and read, not changed")]
    ReadOnly,

    #[error("database error: {0}")]
    Database(rusqlite::Error),

    #[error("no article with id {0}")]
    ArticleNotFound(String),

    #[error("no article with id {0} in the trash (`litopys trash list` lists it)")]
    NotInTrash(String),

    #[error("no story with id {0} (`litopys stories` lists them)")]
    StoryNotFound(String),

    #[error("id prefix {0} matches more than one article; give more characters")]
    AmbiguousId(String),

    #[error("{path}: {reason}")]
    Io { path: PathBuf, reason: String },

    #[error("{path}: no such file or folder")]
    NoSuchPath { path: PathBuf },

    #[error("the folder {path} does not exist; choose an existing folder (Litopys does not create folders)")]
    NoSuchFolder { path: PathBuf },

    #[error("{path} already exists; choose another name, or confirm replacing it (--force)")]
    FileExists { path: PathBuf },

    #[error("nothing to export: {0} selects no articles")]
    EmptySelection(String),

    #[error("{0}")]
    InvalidInput(String),

    #[error("{0}")]
    InvalidQuery(String),

    #[error("cancelled")]
    Cancelled,
}

impl Error {
    /// Stable code for the `{code, message}` error shape shared by CLI and app.
    pub fn code(&self) -> &'static str {
        match self {
            Error::LibraryOpen { .. } => "library_open",
            Error::SchemaTooNew { .. } => "schema_too_new",
            Error::LibraryMissing { .. } => "library_missing",
            Error::NotALibrary { .. } => "not_a_library",
            Error::Damaged(_) => "library_damaged",
            Error::Busy(_) => "busy",
            Error::ReadOnly => "read_only",
            Error::Database(_) => "database",
            Error::ArticleNotFound(_) | Error::StoryNotFound(_) | Error::NotInTrash(_) => {
                "not_found"
            }
            Error::AmbiguousId(_) => "ambiguous_id",
            Error::Io { .. } => "io",
            Error::NoSuchPath { .. } => "no_such_path",
            Error::NoSuchFolder { .. } => "no_such_folder",
            Error::FileExists { .. } => "file_exists",
            Error::EmptySelection(_) => "empty_selection",
            Error::InvalidInput(_) => "invalid_input",
            Error::InvalidQuery(_) => "invalid_query",
            Error::Cancelled => "cancelled",
        }
    }

    /// An error of reading or writing `path`: a path that does not exist
    /// says so in words (`no_such_path`), whatever the platform's message.
    pub fn file(path: impl Into<PathBuf>, err: std::io::Error) -> Self {
        let path = path.into();
        match err.kind() {
            std::io::ErrorKind::NotFound => Error::NoSuchPath { path },
            std::io::ErrorKind::PermissionDenied => Error::io(path, "permission denied"),
            _ => Error::io(path, err),
        }
    }

    pub fn io(path: impl Into<PathBuf>, err: impl std::fmt::Display) -> Self {
        Error::Io {
            path: path.into(),
            reason: err.to_string(),
        }
    }
}

/// How long a statement waits for another connection's write to finish. Every
/// write transaction starts `IMMEDIATE` (takes the write lock first, waiting
/// here), so two writers queue instead of failing; an import commits every
/// 2,000 articles (~1.3 s at 100k, measured in `bench search`), far below this.
/// (Here, on the lowest floor, because a busy error says how long it waited.)
pub const BUSY_TIMEOUT: std::time::Duration = std::time::Duration::from_secs(30);

impl From<rusqlite::Error> for Error {
    /// SQLite's answers that a user can act on get their own kinds; the rest
    /// stay database errors.
    fn from(e: rusqlite::Error) -> Self {
        use rusqlite::ErrorCode as C;
        match e.sqlite_error_code() {
            Some(C::DatabaseBusy | C::DatabaseLocked) => Error::Busy(BUSY_TIMEOUT.as_secs()),
            Some(C::DatabaseCorrupt | C::NotADatabase) => Error::Damaged(e.to_string()),
            Some(C::ReadOnly) => Error::ReadOnly,
            _ => Error::Database(e),
        }
    }
}

/// `WHAT at column C: reason` for a JSON value read from one line of a file.
/// The caller names the file and the line (`file:LINE: …`), so serde_json's
/// own "at line 1 column C" — always line 1 of a one-line text — is dropped
/// and the line is said once, correctly. serde_json counts the column in
/// bytes; a reader counts characters (`Друга` is 5, not 10), so it is
/// converted using the line's `text`.
pub fn json_line_error(what: &str, e: &serde_json::Error, text: &str) -> String {
    let full = e.to_string();
    let position = format!(" at line {} column {}", e.line(), e.column());
    let reason = full.strip_suffix(&position).unwrap_or(&full);
    if e.line() == 0 {
        return format!("{what}: {reason}");
    }
    let line = text.lines().nth(e.line() - 1).unwrap_or("");
    let column = line
        .char_indices()
        .take_while(|(i, _)| *i < e.column())
        .count()
        .max(1);
    format!("{what} at column {column}: {reason}")
}

pub type Result<T, E = Error> = std::result::Result<T, E>;

/// An error as the user sees it, `{code, message}`: the one shape of
/// `--json` reports and the app's IPC.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct ErrorBody {
    pub code: String,
    pub message: String,
}

impl From<&Error> for ErrorBody {
    fn from(e: &Error) -> Self {
        ErrorBody {
            code: e.code().to_owned(),
            message: e.to_string(),
        }
    }
}
