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

    #[error("database error: {0}")]
    Database(#[from] rusqlite::Error),

    #[error("no article with id {0}")]
    ArticleNotFound(String),

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
            Error::Database(_) => "database",
            Error::ArticleNotFound(_) => "not_found",
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

pub type Result<T, E = Error> = std::result::Result<T, E>;
