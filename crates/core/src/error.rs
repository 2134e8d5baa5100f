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

    #[error("no annotation with id {0}")]
    AnnotationNotFound(String),

    #[error("no tag named “{0}”")]
    TagNotFound(String),

    #[error("no saved search named “{0}”")]
    SavedSearchNotFound(String),

    /// What the user asked for cannot be done as given (a bad tag name, an
    /// empty title, a span outside the text, a refused bundle line).
    #[error("{0}")]
    InvalidInput(String),

    /// The disk refused a write the user asked for (an export, a backup).
    #[error("{0}")]
    WriteFailed(String),

    /// A fault of Litopys itself, not of the input: worth a bug report.
    #[error("internal error: {0} (please report it)")]
    Internal(String),

    #[error("{0}")]
    InvalidQuery(String),

    #[error("cancelled")]
    Cancelled,
}

impl Error {
    /// Stable code for the `{code, message}` error shape shared by CLI and app.
    pub fn code(&self) -> ErrorCode {
        use ErrorCode as C;
        match self {
            Error::LibraryOpen { .. } => C::LibraryOpen,
            Error::SchemaTooNew { .. } => C::SchemaTooNew,
            Error::LibraryMissing { .. } => C::LibraryMissing,
            Error::NotALibrary { .. } => C::NotALibrary,
            Error::Damaged(_) => C::LibraryDamaged,
            Error::Busy(_) => C::Busy,
            Error::ReadOnly => C::ReadOnly,
            Error::Database(_) => C::Database,
            Error::ArticleNotFound(_)
            | Error::StoryNotFound(_)
            | Error::NotInTrash(_)
            | Error::AnnotationNotFound(_)
            | Error::TagNotFound(_)
            | Error::SavedSearchNotFound(_) => C::NotFound,
            Error::AmbiguousId(_) => C::AmbiguousId,
            Error::Io { .. } => C::Io,
            Error::NoSuchPath { .. } => C::NoSuchPath,
            Error::NoSuchFolder { .. } => C::NoSuchFolder,
            Error::FileExists { .. } => C::FileExists,
            Error::EmptySelection(_) => C::EmptySelection,
            Error::InvalidInput(_) => C::InvalidInput,
            Error::WriteFailed(_) => C::WriteFailed,
            Error::Internal(_) => C::Internal,
            Error::InvalidQuery(_) => C::InvalidQuery,
            Error::Cancelled => C::Cancelled,
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
/// 2,000 articles (~1.3 s at 100k, measured in `litopys-bench search`), far below this.
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
    pub code: ErrorCode,
    pub message: String,
}

impl From<&Error> for ErrorBody {
    fn from(e: &Error) -> Self {
        ErrorBody {
            code: e.code(),
            message: e.to_string(),
        }
    }
}

/// The machine-readable code of every error any Litopys crate reports: one
/// vocabulary for `--json` and the app's IPC, generated into the TypeScript
/// bindings as a union of strings so the UI can only test for real codes.
/// (Here, on the lowest floor, because every crate's errors map to it.)
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub enum ErrorCode {
    // The library and its files.
    LibraryOpen,
    SchemaTooNew,
    LibraryMissing,
    NotALibrary,
    LibraryDamaged,
    Busy,
    ReadOnly,
    Database,
    Io,
    NoSuchPath,
    NoSuchFolder,
    FileExists,
    WriteFailed,
    // What the user asked for.
    NotFound,
    AmbiguousId,
    EmptySelection,
    InvalidInput,
    InvalidQuery,
    Cancelled,
    Internal,
    // Capture (`litopys-capture`).
    BadUrl,
    InvalidCertificate,
    Timeout,
    Network,
    TooManyRedirects,
    RedirectLoop,
    TooLarge,
    NotHtml,
    HttpStatus,
    RobotsDisallowed,
    RobotsUnreadable,
    BadFeed,
    NotImported,
    NoCapture,
    NoFeed,
    // Team libraries (`litopys-team`).
    TeamBadUrl,
    TeamUnreachable,
    TeamBadPassword,
    TeamTls,
    TeamForeignDatabase,
    TeamSchemaTooNew,
    TeamNotAMember,
    TeamNotAllowed,
    TeamNotJoined,
    TeamAlreadyJoined,
    TeamInterrupted,
    TeamServer,
    TeamBadChange,
}

impl ErrorCode {
    /// The code as it appears in JSON (`not_found`).
    pub fn as_str(self) -> &'static str {
        match self {
            ErrorCode::LibraryOpen => "library_open",
            ErrorCode::SchemaTooNew => "schema_too_new",
            ErrorCode::LibraryMissing => "library_missing",
            ErrorCode::NotALibrary => "not_a_library",
            ErrorCode::LibraryDamaged => "library_damaged",
            ErrorCode::Busy => "busy",
            ErrorCode::ReadOnly => "read_only",
            ErrorCode::Database => "database",
            ErrorCode::Io => "io",
            ErrorCode::NoSuchPath => "no_such_path",
            ErrorCode::NoSuchFolder => "no_such_folder",
            ErrorCode::FileExists => "file_exists",
            ErrorCode::WriteFailed => "write_failed",
            ErrorCode::NotFound => "not_found",
            ErrorCode::AmbiguousId => "ambiguous_id",
            ErrorCode::EmptySelection => "empty_selection",
            ErrorCode::InvalidInput => "invalid_input",
            ErrorCode::InvalidQuery => "invalid_query",
            ErrorCode::Cancelled => "cancelled",
            ErrorCode::Internal => "internal",
            ErrorCode::BadUrl => "bad_url",
            ErrorCode::InvalidCertificate => "invalid_certificate",
            ErrorCode::Timeout => "timeout",
            ErrorCode::Network => "network",
            ErrorCode::TooManyRedirects => "too_many_redirects",
            ErrorCode::RedirectLoop => "redirect_loop",
            ErrorCode::TooLarge => "too_large",
            ErrorCode::NotHtml => "not_html",
            ErrorCode::HttpStatus => "http_status",
            ErrorCode::RobotsDisallowed => "robots_disallowed",
            ErrorCode::RobotsUnreadable => "robots_unreadable",
            ErrorCode::BadFeed => "bad_feed",
            ErrorCode::NotImported => "not_imported",
            ErrorCode::NoCapture => "no_capture",
            ErrorCode::NoFeed => "no_feed",
            ErrorCode::TeamBadUrl => "team_bad_url",
            ErrorCode::TeamUnreachable => "team_unreachable",
            ErrorCode::TeamBadPassword => "team_bad_password",
            ErrorCode::TeamTls => "team_tls",
            ErrorCode::TeamForeignDatabase => "team_foreign_database",
            ErrorCode::TeamSchemaTooNew => "team_schema_too_new",
            ErrorCode::TeamNotAMember => "team_not_a_member",
            ErrorCode::TeamNotAllowed => "team_not_allowed",
            ErrorCode::TeamNotJoined => "team_not_joined",
            ErrorCode::TeamAlreadyJoined => "team_already_joined",
            ErrorCode::TeamInterrupted => "team_interrupted",
            ErrorCode::TeamServer => "team_server",
            ErrorCode::TeamBadChange => "team_bad_change",
        }
    }
}

impl std::fmt::Display for ErrorCode {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

impl PartialEq<&str> for ErrorCode {
    fn eq(&self, other: &&str) -> bool {
        self.as_str() == *other
    }
}

#[cfg(test)]
mod tests {
    use super::ErrorCode;

    #[test]
    fn an_error_code_reads_the_same_in_json_and_as_text() {
        for code in [
            ErrorCode::NotFound,
            ErrorCode::TeamNotAMember,
            ErrorCode::HttpStatus,
        ] {
            let json = serde_json::to_value(code).unwrap_or_default();
            assert_eq!(json.as_str(), Some(code.as_str()));
        }
        assert_eq!(ErrorCode::NotALibrary.as_str(), "not_a_library");
    }
}
