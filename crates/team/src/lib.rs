//! Litopys team library (issue 17): colleagues share one archive through a
//! PostgreSQL database. The local SQLite library stays the working copy;
//! `sync` pushes its changes (the outbox the core's triggers fill) and pulls
//! the team's, with the bundle-merge rules decided by a hybrid logical clock
//! (last change wins per item; sets are items of their own, so a union
//! grows and an untag propagates). GUI-free: the CLI and the app call this.

pub mod address;
pub mod connect;
pub mod error;
pub mod feed;
pub mod items;
pub mod link;
pub mod local_server;
pub mod passfile;
pub mod server;

use litopys_core::Library;
use serde::Serialize;

pub use address::Address;
pub use connect::Secrets;
pub use error::{Error, Result};
pub use server::{Member, Role};

/// What `join` did.
#[derive(Debug, Clone, Serialize)]
pub struct Joined {
    /// The stored URL (no password).
    pub url: String,
    pub member: String,
    pub role: Role,
    /// Whether this join created the team schema (the joiner is its first admin).
    pub created: bool,
}

/// Joins `lib` to the team database at `url` as `member`. In an empty
/// database (which `member` owns, with CREATEROLE) this creates the team;
/// otherwise `member` must have been added by an admin. The library is
/// only changed once the team database said yes.
pub fn join(lib: &mut Library, url: &str, member: &str, secrets: &Secrets) -> Result<Joined> {
    lib.ensure_writable()?;
    if let Some(l) = link::get(lib.conn())? {
        return Err(Error::AlreadyJoined(l.url));
    }
    let addr = Address::parse(url)?;
    let mut client = connect::connect(&addr, member, secrets)?;
    let before = server_version(&mut client, member)?;
    server::prepare(&mut client, &addr.database, member)?;
    let role = server::role_of(&mut client, member)?;
    let stored = addr.stored(member);
    link::store(lib.conn_mut(), &stored, member)?;
    Ok(Joined {
        url: stored,
        member: member.to_owned(),
        role,
        created: before.is_none(),
    })
}

fn server_version(client: &mut postgres::Client, member: &str) -> Result<Option<()>> {
    let row = client
        .query_one("SELECT to_regclass('public.team_meta')::text", &[])
        .map_err(|e| error::from_pg(e, member, "?", "read the team database"))?;
    Ok(row.get::<_, Option<String>>(0).map(|_| ()))
}

/// Unlinks the library from its team (nothing is deleted on either side).
pub fn leave(lib: &mut Library) -> Result<()> {
    lib.ensure_writable()?;
    link::require(lib.conn())?;
    link::remove(lib.conn_mut())
}

/// Counts of one sync by kind.
#[derive(Debug, Clone, Default, Serialize)]
pub struct SyncReport {
    pub pushed: feed::Counts,
    pub pulled: feed::Counts,
    /// Team changes that could not be applied here, with why.
    pub refused: Vec<String>,
    /// Local changes a reader keeps to themself (not pushed).
    pub not_shared: u64,
    pub role: Role,
}

/// An open connection to the library's team, checked: the schema is one
/// this build knows and the member still belongs to the team.
pub struct Session {
    pub client: postgres::Client,
    pub member: String,
    pub role: Role,
    pub database: String,
}

pub fn open_session(lib: &Library, secrets: &Secrets) -> Result<Session> {
    let l = link::require(lib.conn())?;
    let addr = Address::parse(&l.url)?;
    let mut client = connect::connect(&addr, &l.member, secrets)?;
    // A member whose team roles were taken cannot even read the schema's name.
    check_schema(&mut client, &addr.database, &l.member).map_err(|e| match e {
        Error::NotAllowed { member, .. } => Error::NotAMember(member),
        other => other,
    })?;
    let role = server::role_of(&mut client, &l.member)?;
    Ok(Session {
        client,
        member: l.member,
        role,
        database: addr.database,
    })
}

/// Refuses a database that is not (or no longer) a team this build knows,
/// without changing it (members other than admins may not migrate).
fn check_schema(client: &mut postgres::Client, database: &str, member: &str) -> Result<()> {
    let e = |err| error::from_pg(err, member, "?", "read the team database");
    if server_version(client, member)?.is_none() {
        return Err(Error::ForeignDatabase(database.to_owned()));
    }
    let rows = client
        .query("SELECT key, value FROM team_meta", &[])
        .map_err(e)?;
    let get = |k: &str| {
        rows.iter()
            .find(|r| r.get::<_, String>(0) == k)
            .map(|r| r.get::<_, String>(1))
    };
    if get("schema").as_deref() != Some(server::SCHEMA_NAME) {
        return Err(Error::ForeignDatabase(database.to_owned()));
    }
    let found = get("version")
        .and_then(|v| v.parse::<i64>().ok())
        .unwrap_or(i64::MAX);
    if found > server::latest_version() {
        return Err(Error::SchemaTooNew {
            found,
            known: server::latest_version(),
        });
    }
    if found < server::latest_version() {
        server::prepare(client, database, member)?;
    }
    Ok(())
}

/// Pushes the library's changes (unless the member is a reader) and pulls
/// the team's. Safe to interrupt at any point; sync again to finish.
pub fn sync(lib: &mut Library, secrets: &Secrets) -> Result<SyncReport> {
    lib.ensure_writable()?;
    let mut s = open_session(lib, secrets)?;
    sync_session(lib, &mut s)
}

/// `sync` over an open session (the app keeps one between syncs).
pub fn sync_session(lib: &mut Library, s: &mut Session) -> Result<SyncReport> {
    let mut report = SyncReport {
        role: s.role,
        ..SyncReport::default()
    };
    let role = s.role.as_str();
    if s.role == Role::Reader {
        report.not_shared = link::pending(lib.conn())?
            .iter()
            .map(|(_, n)| *n as u64)
            .sum();
    } else {
        report.pushed = feed::push(lib.conn_mut(), &mut s.client, &s.member, role)?;
    }
    let pulled = feed::pull(lib.conn_mut(), &mut s.client, &s.member, role)?;
    report.pulled = pulled.counts;
    report.refused = pulled.refused;
    Ok(report)
}

/// Where the library stands with its team, without contacting it.
#[derive(Debug, Clone, Serialize)]
pub struct Status {
    pub joined: bool,
    pub url: Option<String>,
    pub member: Option<String>,
    pub pulled_seq: i64,
    /// Local changes not pushed yet, by kind.
    pub pending: feed::Counts,
}

pub fn status(lib: &Library) -> Result<Status> {
    let l = link::get(lib.conn())?;
    let pending = link::pending(lib.conn())?
        .into_iter()
        .map(|(k, n)| (k, n as u64))
        .collect();
    Ok(Status {
        joined: l.is_some(),
        url: l.as_ref().map(|l| l.url.clone()),
        member: l.as_ref().map(|l| l.member.clone()),
        pulled_seq: l.as_ref().map_or(0, |l| l.pulled_seq),
        pending,
    })
}

pub fn members(lib: &Library, secrets: &Secrets) -> Result<Vec<Member>> {
    let mut s = open_session(lib, secrets)?;
    server::members(&mut s.client, &s.member)
}

pub fn add_member(
    lib: &Library,
    secrets: &Secrets,
    name: &str,
    role: Role,
    password: Option<&str>,
) -> Result<()> {
    let mut s = open_session(lib, secrets)?;
    server::add_member(&mut s.client, &s.database, &s.member, name, role, password)
}

pub fn remove_member(lib: &Library, secrets: &Secrets, name: &str) -> Result<()> {
    let mut s = open_session(lib, secrets)?;
    server::remove_member(&mut s.client, &s.database, &s.member, name)
}
