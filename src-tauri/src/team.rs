//! Background team sync (issue 17): a thread with its own connection to the
//! open library syncs it with its team every [`EVERY`] and soon after a
//! local change, keeping one PostgreSQL session open between syncs (a sync
//! with nothing to do then costs well under a millisecond of database work;
//! a new connection costs a login). The window reads a status line; the
//! work is `litopys_team`'s. Passwords come from ~/.pgpass / PGPASSFILE.

use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Mutex;
use std::time::{Duration, Instant};

use litopys_core::Library;
use serde::Serialize;
use tauri::{AppHandle, Manager, State};

use crate::state::{AppState, IpcError, IpcResult};

/// A full sync at least this often while joined.
const EVERY: Duration = Duration::from_secs(30);
/// How often the outbox is looked at (a local change is shared within this).
const LOOK: Duration = Duration::from_secs(2);
/// After a failure (offline), wait this long before trying again.
const RETRY: Duration = Duration::from_secs(15);

/// The team status line.
#[derive(Debug, Clone, Default, Serialize, specta::Type)]
pub struct TeamLine {
    pub joined: bool,
    /// `off` (not joined), `syncing`, `synced`, `offline`, `error`.
    pub state: String,
    /// Why it is offline or failed, or what the last sync moved.
    pub message: String,
    pub member: Option<String>,
    /// Local changes not shared yet.
    pub pending: u32,
    /// RFC 3339 UTC of the last sync that completed.
    pub last_synced: Option<String>,
}

#[derive(Default)]
pub struct TeamState {
    line: Mutex<TeamLine>,
    wake: AtomicBool,
}

impl TeamState {
    fn set(&self, f: impl FnOnce(&mut TeamLine)) {
        f(&mut self.line.lock().unwrap_or_else(|p| p.into_inner()));
    }
    fn get(&self) -> TeamLine {
        self.line.lock().unwrap_or_else(|p| p.into_inner()).clone()
    }
}

/// Who made each annotation's last change, as the team says.
#[derive(Debug, Clone, Serialize, specta::Type)]
pub struct AnnotationAuthor {
    pub annotation: String,
    pub member: String,
}

#[tauri::command(async)]
#[specta::specta]
pub fn team_status(team: State<'_, TeamState>) -> TeamLine {
    team.get()
}

/// Asks the sync thread to sync now; returns the line as it is.
#[tauri::command(async)]
#[specta::specta]
pub fn team_sync_now(team: State<'_, TeamState>) -> TeamLine {
    team.wake.store(true, Ordering::Relaxed);
    team.get()
}

#[tauri::command(async)]
#[specta::specta]
pub fn annotation_authors(
    state: State<'_, AppState>,
    article: String,
) -> IpcResult<Vec<AnnotationAuthor>> {
    state.with(|lib| {
        Ok(litopys_team::link::annotation_authors(lib.conn(), &article)
            .map_err(|e| litopys_core::Error::InvalidInput(e.to_string()))?
            .into_iter()
            .map(|(annotation, member)| AnnotationAuthor { annotation, member })
            .collect())
    })
}

fn team_error(e: &litopys_team::Error) -> IpcError {
    IpcError::new(e.code(), e.to_string())
}

struct Syncer {
    lib: Option<(PathBuf, Library)>,
    session: Option<litopys_team::Session>,
    last: Option<Instant>,
    failed_at: Option<Instant>,
}

impl Syncer {
    /// One look: sync if joined and due. Runs on the sync thread only.
    fn round(&mut self, path: PathBuf, team: &TeamState) {
        if self.lib.as_ref().is_none_or(|(p, _)| *p != path) {
            self.session = None;
            self.lib = Library::open_existing(&path).ok().map(|l| (path, l));
        }
        let Some((_, lib)) = self.lib.as_mut() else {
            return;
        };
        let Ok(status) = litopys_team::status(lib) else {
            return;
        };
        let pending: u64 = status.pending.values().sum();
        team.set(|l| {
            l.joined = status.joined;
            l.member = status.member.clone();
            l.pending = pending as u32;
            if !status.joined {
                l.state = "off".into();
                l.message.clear();
            }
        });
        if !status.joined {
            return;
        }
        let woken = team.wake.swap(false, Ordering::Relaxed);
        let due = self.last.is_none_or(|t| t.elapsed() >= EVERY);
        let resting = self.failed_at.is_some_and(|t| t.elapsed() < RETRY);
        if !(woken || ((pending > 0 || due) && !resting)) {
            return;
        }
        team.set(|l| l.state = "syncing".into());
        let secrets = litopys_team::Secrets::from_environment();
        let result = match self.session.as_mut() {
            Some(s) => litopys_team::sync_session(lib, s),
            None => litopys_team::open_session(lib, &secrets).and_then(|mut s| {
                let r = litopys_team::sync_session(lib, &mut s);
                self.session = Some(s);
                r
            }),
        };
        self.last = Some(Instant::now());
        match result {
            Ok(r) => {
                self.failed_at = None;
                let moved: u64 = r.pushed.values().chain(r.pulled.values()).sum();
                team.set(|l| {
                    l.state = "synced".into();
                    l.message = if r.refused.is_empty() {
                        format!("{moved} change(s) moved")
                    } else {
                        format!("{} change(s) could not be applied", r.refused.len())
                    };
                    l.pending = r.not_shared as u32;
                    l.last_synced = Some(litopys_core::store::now_rfc3339());
                });
            }
            Err(e) => {
                self.session = None;
                self.failed_at = Some(Instant::now());
                let err = team_error(&e);
                let offline = matches!(
                    e,
                    litopys_team::Error::Unreachable(_) | litopys_team::Error::Interrupted(_)
                );
                team.set(|l| {
                    l.state = if offline { "offline" } else { "error" }.into();
                    l.message = err.message;
                });
            }
        }
    }
}

/// Starts the sync thread.
pub fn start(app: AppHandle) {
    let spawned = std::thread::Builder::new()
        .name("team-sync".into())
        .spawn(move || {
            let mut syncer = Syncer {
                lib: None,
                session: None,
                last: None,
                failed_at: None,
            };
            loop {
                std::thread::sleep(LOOK);
                let Ok(path) = app.state::<AppState>().path() else {
                    continue;
                };
                syncer.round(path, &app.state::<TeamState>());
            }
        });
    if let Err(e) = spawned {
        eprintln!("litopys: team sync is off: {e}");
    }
}
