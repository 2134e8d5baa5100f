//! The team database's schema: created and migrated by Litopys (numbered,
//! append-only files under `crates/team/migrations`, applied under an
//! advisory lock so two members starting at once do not both migrate), and
//! named in `team_meta` so a database of something else, or a newer team
//! schema, is refused before anything is written. Also the members and
//! their roles (PostgreSQL roles: `<database>_reader|_editor|_admin`).

use postgres::{Client, Transaction};
use serde::Serialize;

use crate::error::{from_pg, Error, Result};

pub const SCHEMA_NAME: &str = "litopys-team";

/// `MIGRATIONS[i]` brings the team schema from version `i` to `i + 1`.
const MIGRATIONS: &[&str] = &[
    include_str!("../migrations/0001_changes.sql"),
    include_str!("../migrations/0002_feed_at_scale.sql"),
];

/// Advisory lock keys (arbitrary constants, "LTPS" + purpose).
const MIGRATE_LOCK: i64 = 0x4c54_5053_0001;
pub const FEED_LOCK: i64 = 0x4c54_5053_0002;

pub fn latest_version() -> i64 {
    MIGRATIONS.len() as i64
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Role {
    #[default]
    Reader,
    Editor,
    Admin,
}

impl Role {
    pub fn parse(s: &str) -> Result<Role> {
        match s {
            "reader" => Ok(Role::Reader),
            "editor" => Ok(Role::Editor),
            "admin" => Ok(Role::Admin),
            other => Err(Error::BadUrl(format!(
                "“{other}” is not a role (reader, editor or admin)"
            ))),
        }
    }
    pub fn as_str(self) -> &'static str {
        match self {
            Role::Reader => "reader",
            Role::Editor => "editor",
            Role::Admin => "admin",
        }
    }
}

#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct Member {
    pub name: String,
    pub role: Role,
    pub removed: bool,
}

/// `"name"`: a PostgreSQL identifier, quoted.
pub fn ident(name: &str) -> String {
    format!("\"{}\"", name.replace('"', "\"\""))
}

/// `'text'`: a string literal (standard_conforming_strings is on since 9.1).
fn literal(text: &str) -> String {
    format!("'{}'", text.replace('\'', "''"))
}

/// This database's group role for `role`.
pub fn group_role(database: &str, role: Role) -> String {
    format!("{database}_{}", role.as_str())
}

fn pg<'a>(member: &'a str, what: &str) -> impl Fn(postgres::Error) -> Error + 'a {
    let what = what.to_owned();
    move |e| from_pg(e, member, "?", &what)
}

/// What the team database is, read before changing anything.
enum Found {
    Empty,
    Team { version: i64 },
    Foreign,
}

fn inspect(tx: &mut Transaction, database: &str, member: &str) -> Result<Found> {
    let e = pg(member, "read the team database");
    let meta: Option<String> = tx
        .query_one("SELECT to_regclass('public.team_meta')::text", &[])
        .map_err(&e)?
        .get(0);
    if meta.is_none() {
        let tables: i64 = tx
            .query_one(
                "SELECT count(*) FROM pg_catalog.pg_class c
                 JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
                 WHERE c.relkind IN ('r', 'p', 'v', 'm')
                   AND n.nspname NOT IN ('pg_catalog', 'information_schema')
                   AND n.nspname NOT LIKE 'pg\\_%'",
                &[],
            )
            .map_err(&e)?
            .get(0);
        return Ok(if tables == 0 {
            Found::Empty
        } else {
            Found::Foreign
        });
    }
    let rows = tx
        .query("SELECT key, value FROM team_meta", &[])
        .map_err(&e)?;
    let get = |k: &str| {
        rows.iter()
            .find(|r| r.get::<_, String>(0) == k)
            .map(|r| r.get::<_, String>(1))
    };
    if get("schema").as_deref() != Some(SCHEMA_NAME) {
        return Ok(Found::Foreign);
    }
    let version = get("version")
        .and_then(|v| v.parse::<i64>().ok())
        .ok_or_else(|| Error::ForeignDatabase(database.to_owned()))?;
    Ok(Found::Team { version })
}

/// Checks the team schema and brings it up to date; in an empty database,
/// creates it, the three group roles, and makes `member` (who must own the
/// database and may create roles) its first admin.
pub fn prepare(client: &mut Client, database: &str, member: &str) -> Result<()> {
    let e = pg(member, "set up the team database");
    let mut tx = client.transaction().map_err(&e)?;
    tx.execute("SELECT pg_advisory_xact_lock($1)", &[&MIGRATE_LOCK])
        .map_err(&e)?;
    let current = match inspect(&mut tx, database, member)? {
        Found::Foreign => return Err(Error::ForeignDatabase(database.to_owned())),
        Found::Team { version } if version > latest_version() => {
            return Err(Error::SchemaTooNew {
                found: version,
                known: latest_version(),
            })
        }
        Found::Team { version } if version == latest_version() => return Ok(()),
        Found::Team { version } => version,
        Found::Empty => {
            create_roles(&mut tx, database, member)?;
            tx.batch_execute(
                "CREATE TABLE team_meta (key text PRIMARY KEY, value text NOT NULL);
                 REVOKE ALL ON team_meta FROM PUBLIC;",
            )
            .map_err(&e)?;
            tx.execute(
                "INSERT INTO team_meta (key, value) VALUES ('schema', $1), ('version', '0')",
                &[&SCHEMA_NAME],
            )
            .map_err(&e)?;
            0
        }
    };
    let roles = |sql: &str| {
        sql.replace("{reader}", &ident(&group_role(database, Role::Reader)))
            .replace("{editor}", &ident(&group_role(database, Role::Editor)))
            .replace("{admin}", &ident(&group_role(database, Role::Admin)))
    };
    for (i, sql) in MIGRATIONS.iter().enumerate().skip(current as usize) {
        tx.batch_execute(&roles(sql)).map_err(&e)?;
        tx.execute(
            "UPDATE team_meta SET value = $1 WHERE key = 'version'",
            &[&(i as i64 + 1).to_string()],
        )
        .map_err(&e)?;
    }
    if current == 0 {
        tx.execute(
            "INSERT INTO members (name, role) VALUES ($1, 'admin') ON CONFLICT DO NOTHING",
            &[&member],
        )
        .map_err(&e)?;
        tx.batch_execute(&format!(
            "GRANT {} TO {}",
            ident(&group_role(database, Role::Admin)),
            ident(member)
        ))
        .map_err(&e)?;
    }
    tx.commit().map_err(&e)
}

fn create_roles(tx: &mut Transaction, database: &str, member: &str) -> Result<()> {
    let e = pg(member, "create the team's roles (it needs CREATEROLE)");
    let mut previous: Option<String> = None;
    for role in [Role::Reader, Role::Editor, Role::Admin] {
        let name = group_role(database, role);
        let exists = tx
            .query_opt("SELECT 1 FROM pg_roles WHERE rolname = $1", &[&name])
            .map_err(&e)?
            .is_some();
        if !exists {
            tx.batch_execute(&format!("CREATE ROLE {} NOLOGIN", ident(&name)))
                .map_err(&e)?;
        }
        // Each role has every right of the one before it.
        if let Some(p) = &previous {
            tx.batch_execute(&format!("GRANT {} TO {}", ident(p), ident(&name)))
                .map_err(&e)?;
        }
        previous = Some(name);
    }
    Ok(())
}

/// The role of `member`, or why they may not use this team.
pub fn role_of(client: &mut Client, member: &str) -> Result<Role> {
    let row = client
        .query_opt(
            "SELECT role, removed_at IS NOT NULL FROM members WHERE name = $1",
            &[&member],
        )
        .map_err(pg(member, "read the members"))?;
    match row {
        Some(r) if !r.get::<_, bool>(1) => Role::parse(&r.get::<_, String>(0)),
        _ => Err(Error::NotAMember(member.to_owned())),
    }
}

pub fn members(client: &mut Client, member: &str) -> Result<Vec<Member>> {
    let rows = client
        .query(
            "SELECT name, role, removed_at IS NOT NULL FROM members ORDER BY name",
            &[],
        )
        .map_err(pg(member, "read the members"))?;
    rows.iter()
        .map(|r| {
            Ok(Member {
                name: r.get(0),
                role: Role::parse(&r.get::<_, String>(1))?,
                removed: r.get(2),
            })
        })
        .collect()
}

/// Adds (or re-adds, or changes the role of) a member: their login role is
/// created if missing, with `password` if given. Only an admin may.
pub fn add_member(
    client: &mut Client,
    database: &str,
    admin: &str,
    name: &str,
    role: Role,
    password: Option<&str>,
) -> Result<()> {
    if name.is_empty() || name.len() > 63 || name.chars().any(char::is_control) {
        return Err(Error::BadUrl(format!(
            "“{name}” cannot be a member name (1–63 characters)"
        )));
    }
    let e = |err| from_pg(err, admin, "admin", "add members");
    let mut tx = client.transaction().map_err(e)?;
    let exists = tx
        .query_opt("SELECT 1 FROM pg_roles WHERE rolname = $1", &[&name])
        .map_err(e)?
        .is_some();
    let password = password.map(|p| format!(" PASSWORD {}", literal(p)));
    let sql = if exists {
        format!(
            "ALTER ROLE {} LOGIN{}",
            ident(name),
            password.unwrap_or_default()
        )
    } else {
        format!(
            "CREATE ROLE {} LOGIN{}",
            ident(name),
            password.unwrap_or_default()
        )
    };
    tx.batch_execute(&sql).map_err(e)?;
    revoke_roles(&mut tx, database, name).map_err(e)?;
    tx.batch_execute(&format!(
        "GRANT {} TO {}",
        ident(&group_role(database, role)),
        ident(name)
    ))
    .map_err(e)?;
    tx.execute(
        "INSERT INTO members (name, role) VALUES ($1, $2)
         ON CONFLICT (name) DO UPDATE SET role = excluded.role, removed_at = NULL",
        &[&name, &role.as_str()],
    )
    .map_err(e)?;
    tx.commit().map_err(e)
}

/// Removes a member: their rows stay (their changes still name them), their
/// group role is revoked, so the database itself refuses them from now on.
pub fn remove_member(client: &mut Client, database: &str, admin: &str, name: &str) -> Result<()> {
    let e = |err| from_pg(err, admin, "admin", "remove members");
    let mut tx = client.transaction().map_err(e)?;
    let n = tx
        .execute(
            "UPDATE members SET removed_at = now() WHERE name = $1 AND removed_at IS NULL",
            &[&name],
        )
        .map_err(e)?;
    if n == 0 {
        return Err(Error::NotAMember(name.to_owned()));
    }
    revoke_roles(&mut tx, database, name).map_err(e)?;
    tx.commit().map_err(e)
}

/// Takes every team role from `name`.
fn revoke_roles(
    tx: &mut Transaction,
    database: &str,
    name: &str,
) -> std::result::Result<(), postgres::Error> {
    for r in [Role::Reader, Role::Editor, Role::Admin] {
        tx.batch_execute(&format!(
            "REVOKE {} FROM {}",
            ident(&group_role(database, r)),
            ident(name)
        ))?;
    }
    Ok(())
}
