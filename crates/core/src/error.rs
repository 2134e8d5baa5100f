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

    #[error("no library at {path} (`litopys import` or `litopys demo` creates one there)")]
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
            Error::InvalidInput(_) => "invalid_input",
            Error::InvalidQuery(_) => "invalid_query",
            Error::Cancelled => "cancelled",
        }
    }

    pub fn io(path: impl Into<PathBuf>, err: impl std::fmt::Display) -> Self {
        Error::Io {
            path: path.into(),
            reason: err.to_string(),
        }
    }
}

impl From<rusqlite::Error> for Error {
    /// SQLite's answers that a user can act on get their own kinds; the rest
    /// stay database errors.
    fn from(e: rusqlite::Error) -> Self {
        use rusqlite::ErrorCode as C;
        match e.sqlite_error_code() {
            Some(C::DatabaseBusy | C::DatabaseLocked) => {
                Error::Busy(crate::store::BUSY_TIMEOUT.as_secs())
            }
            Some(C::DatabaseCorrupt | C::NotADatabase) => Error::Damaged(e.to_string()),
            Some(C::ReadOnly) => Error::ReadOnly,
            _ => Error::Database(e),
        }
    }
}

pub type Result<T, E = Error> = std::result::Result<T, E>;
