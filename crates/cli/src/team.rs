//! `litopys team`: share the library with colleagues through a PostgreSQL
//! database (join, sync, status, leave, members; admins add and remove
//! members). Thin: the work is in the `litopys-team` crate.

use std::path::Path;
use std::process::ExitCode;

use clap::Subcommand;
use litopys_core::Library;
use litopys_team::{Error, Role, Secrets};

use crate::terminal::text;
use litopys_cli::to_json;

#[derive(Subcommand)]
pub enum TeamCommand {
    /// Join the team database at URL (postgresql://NAME@HOST:PORT/DATABASE[?sslmode=verify-full&sslrootcert=CA.pem]);
    /// in an empty database you own, this creates the team with you as its admin.
    /// The password comes from ~/.pgpass (or PGPASSFILE, PGPASSWORD); it is never stored in the library
    Join {
        /// The team database: postgresql://NAME@HOST:PORT/DATABASE (no password)
        url: String,
        /// Your PostgreSQL role in the team
        #[arg(long, value_name = "NAME")]
        user: String,
        /// Print JSON: {url, member, role, created}
        #[arg(long)]
        json: bool,
    },
    /// Send this library's changes and fetch the team's (safe to interrupt)
    Sync {
        /// Print JSON: {pushed, pulled, refused, not_shared, role} (counts by kind)
        #[arg(long)]
        json: bool,
    },
    /// Which team, as whom, and the changes not sent yet (works offline)
    Status {
        /// Print JSON: {joined, url, member, pulled_seq, pending}
        #[arg(long)]
        json: bool,
    },
    /// Unlink this library from its team (nothing is deleted on either side)
    Leave {
        /// Print JSON: {left}
        #[arg(long)]
        json: bool,
    },
    /// The team's members and their roles
    Members {
        /// Print JSON: [{name, role, removed}]
        #[arg(long)]
        json: bool,
    },
    /// Admin: add a member (or change their role); their password is read from
    /// the environment variable LITOPYS_MEMBER_PASSWORD when set
    AddMember {
        /// The member's PostgreSQL role (created if missing)
        name: String,
        /// reader (pull only), editor or admin
        #[arg(long, default_value = "editor")]
        role: String,
        /// Print JSON: {member, role}
        #[arg(long)]
        json: bool,
    },
    /// Admin: remove a member (the database refuses them from then on)
    RemoveMember {
        /// The member to remove
        name: String,
        /// Print JSON: {removed}
        #[arg(long)]
        json: bool,
    },
}

fn counts(c: &litopys_team::feed::Counts) -> String {
    if c.is_empty() {
        return "nothing".into();
    }
    c.iter()
        .map(|(k, n)| format!("{n} {k}"))
        .collect::<Vec<_>>()
        .join(", ")
}

pub fn run(path: &Path, command: TeamCommand) -> ExitCode {
    let json = match &command {
        TeamCommand::Join { json, .. }
        | TeamCommand::Sync { json }
        | TeamCommand::Status { json }
        | TeamCommand::Leave { json }
        | TeamCommand::Members { json }
        | TeamCommand::AddMember { json, .. }
        | TeamCommand::RemoveMember { json, .. } => *json,
    };
    match execute(path, command) {
        Ok(out) => {
            if json {
                println!("{}", to_json(&out.json));
            } else {
                println!("{}", text(&out.text));
            }
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("litopys: {}", text(&e.to_string()));
            if json {
                let v = serde_json::json!({"error": {"code": e.code(), "message": e.to_string()}});
                println!("{v}");
            }
            ExitCode::from(2)
        }
    }
}

struct Out {
    text: String,
    json: serde_json::Value,
}

fn out<T: serde::Serialize>(text: String, value: &T) -> Result<Out, Error> {
    Ok(Out {
        text,
        json: serde_json::to_value(value).map_err(|e| Error::Server(e.to_string()))?,
    })
}

fn execute(path: &Path, command: TeamCommand) -> Result<Out, Error> {
    let secrets = Secrets::from_environment();
    match command {
        TeamCommand::Join { url, user, .. } => {
            // Joining may start a new library: a new member pulls the team's.
            let mut lib = Library::open(path)?;
            let j = litopys_team::join(&mut lib, &url, &user, &secrets)?;
            let how = if j.created {
                "created the team; you are its admin"
            } else {
                "joined"
            };
            out(
                format!(
                    "{how}: {} as {} ({}); `litopys team sync` shares this library",
                    j.url,
                    j.member,
                    j.role.as_str()
                ),
                &j,
            )
        }
        TeamCommand::Sync { .. } => {
            let mut lib = Library::open_existing(path)?;
            let r = litopys_team::sync(&mut lib, &secrets)?;
            let mut t = format!("sent {}; received {}", counts(&r.pushed), counts(&r.pulled));
            if r.not_shared > 0 {
                t.push_str(&format!(
                    "\n{} local change(s) not sent: your role is reader",
                    r.not_shared
                ));
            }
            for f in &r.refused {
                t.push_str(&format!("\nnot applied: {f}"));
            }
            out(t, &r)
        }
        TeamCommand::Status { .. } => {
            let lib = Library::open_existing(path)?;
            let s = litopys_team::status(&lib)?;
            let t = match (&s.url, &s.member) {
                (Some(url), Some(member)) => format!(
                    "team: {url} as {member}; feed applied up to {}; not sent yet: {}",
                    s.pulled_seq,
                    counts(&s.pending)
                ),
                _ => "not joined to a team".to_owned(),
            };
            out(t, &s)
        }
        TeamCommand::Leave { .. } => {
            let mut lib = Library::open_existing(path)?;
            litopys_team::leave(&mut lib)?;
            out(
                "left the team; the library keeps everything it has".into(),
                &serde_json::json!({"left": true}),
            )
        }
        TeamCommand::Members { .. } => {
            let lib = Library::open_existing(path)?;
            let m = litopys_team::members(&lib, &secrets)?;
            let t = m
                .iter()
                .map(|m| {
                    format!(
                        "{}  {}{}",
                        m.name,
                        m.role.as_str(),
                        if m.removed { "  (removed)" } else { "" }
                    )
                })
                .collect::<Vec<_>>()
                .join("\n");
            out(t, &m)
        }
        TeamCommand::AddMember { name, role, .. } => {
            let lib = Library::open_existing(path)?;
            let role = Role::parse(&role)?;
            let password = std::env::var("LITOPYS_MEMBER_PASSWORD").ok();
            litopys_team::add_member(&lib, &secrets, &name, role, password.as_deref())?;
            out(
                format!("{name} is a member ({})", role.as_str()),
                &serde_json::json!({"member": name, "role": role}),
            )
        }
        TeamCommand::RemoveMember { name, .. } => {
            let lib = Library::open_existing(path)?;
            litopys_team::remove_member(&lib, &secrets, &name)?;
            out(
                format!("{name} was removed"),
                &serde_json::json!({"removed": name}),
            )
        }
    }
}
