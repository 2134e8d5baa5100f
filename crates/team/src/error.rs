//! Errors of the team library. Every variant has a stable code, so the CLI
//! and the app show the same `{code, message}` shape as for core errors.

#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("{0}")]
    Core(#[from] litopys_core::Error),

    #[error("invalid team address: {0}")]
    BadUrl(String),

    #[error("cannot reach the team database at {0}: the server is down, the address is wrong, or the network is cut; the local library is unchanged and still usable")]
    Unreachable(String),

    #[error("the team database refused the login of “{member}”: wrong or missing password (put it in ~/.pgpass or the file PGPASSFILE names: host:port:database:{member}:password)")]
    BadPassword { member: String },

    #[error("secure connection failed: {0}")]
    Tls(String),

    #[error("the database {0} holds something else (it has tables but no Litopys team schema); use an empty database for a team")]
    ForeignDatabase(String),

    #[error("the team database uses a newer schema (version {found}; this Litopys knows up to {known}); update Litopys")]
    SchemaTooNew { found: i64, known: i64 },

    #[error("“{0}” is not a member of this team (removed, or never added); ask a team admin (`litopys team add-member`)")]
    NotAMember(String),

    #[error("“{member}” may not {what}: the role {role} does not allow it (refused by the team database)")]
    NotAllowed {
        member: String,
        role: String,
        what: String,
    },

    #[error("this library is not joined to a team (`litopys team join URL --user NAME`)")]
    NotJoined,

    #[error("this library is already joined to {0}; `litopys team leave` first")]
    AlreadyJoined(String),

    #[error("the connection to the team database was lost during sync ({0}); nothing half-done was kept, sync again when the network is back")]
    Interrupted(String),

    #[error("team database error: {0}")]
    Server(String),

    #[error("invalid change from the team database ({kind} {key}): {reason}")]
    BadChange {
        kind: String,
        key: String,
        reason: String,
    },
}

impl Error {
    pub fn code(&self) -> litopys_core::error::ErrorCode {
        use litopys_core::error::ErrorCode as C;
        match self {
            Error::Core(e) => e.code(),
            Error::BadUrl(_) => C::TeamBadUrl,
            Error::Unreachable(_) => C::TeamUnreachable,
            Error::BadPassword { .. } => C::TeamBadPassword,
            Error::Tls(_) => C::TeamTls,
            Error::ForeignDatabase(_) => C::TeamForeignDatabase,
            Error::SchemaTooNew { .. } => C::TeamSchemaTooNew,
            Error::NotAMember(_) => C::TeamNotAMember,
            Error::NotAllowed { .. } => C::TeamNotAllowed,
            Error::NotJoined => C::TeamNotJoined,
            Error::AlreadyJoined(_) => C::TeamAlreadyJoined,
            Error::Interrupted(_) => C::TeamInterrupted,
            Error::Server(_) => C::TeamServer,
            Error::BadChange { .. } => C::TeamBadChange,
        }
    }
}

impl From<rusqlite::Error> for Error {
    fn from(e: rusqlite::Error) -> Self {
        Error::Core(litopys_core::Error::from(e))
    }
}

/// A PostgreSQL error while talking to the team database, told as the user
/// meets it: lost connections, refused logins and permission denials each
/// get their own message.
pub fn from_pg(e: postgres::Error, member: &str, role: &str, what: &str) -> Error {
    if let Some(db) = e.as_db_error() {
        return match db.code().code() {
            // insufficient_privilege; RLS refusals come as the same code
            "42501" => Error::NotAllowed {
                member: member.to_owned(),
                role: role.to_owned(),
                what: what.to_owned(),
            },
            "28P01" | "28000" => Error::BadPassword {
                member: member.to_owned(),
            },
            _ => Error::Server(db.message().to_owned()),
        };
    }
    if e.is_closed() {
        return Error::Interrupted(e.to_string());
    }
    let text = source_text(&e);
    if text.contains("password") {
        return Error::BadPassword {
            member: member.to_owned(),
        };
    }
    Error::Interrupted(text)
}

/// The error with its causes, one after another.
pub fn source_text(e: &dyn std::error::Error) -> String {
    let mut s = e.to_string();
    let mut cur = e.source();
    while let Some(c) = cur {
        let t = c.to_string();
        if !s.contains(&t) {
            s.push_str(": ");
            s.push_str(&t);
        }
        cur = c.source();
    }
    s
}

pub type Result<T> = std::result::Result<T, Error>;
