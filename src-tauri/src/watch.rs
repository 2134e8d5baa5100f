//! Notices when another program (the CLI, a script, a second window) changes
//! the open library, and tells the window with a typed event so its counts,
//! results and tags follow without a restart.

use std::path::PathBuf;
use std::sync::atomic::Ordering;
use std::time::Duration;

use serde::{Deserialize, Serialize};
use tauri::{AppHandle, Manager};
use tauri_specta::Event;

use crate::state::AppState;

/// How often the library is asked whether it changed: a cheap pragma, no I/O.
const INTERVAL: Duration = Duration::from_millis(1000);
/// Rounds of [`INTERVAL`] between two looks at whether a daily backup is due.
const BACKUP_EVERY_ROUNDS: u64 = 60;

/// The open library was changed from outside this window: by another program,
/// or by the window's own import running on its worker thread.
#[derive(Debug, Clone, Serialize, Deserialize, specta::Type)]
pub struct LibraryChanged {
    /// Articles in the library now.
    pub articles: u32,
    /// An import or export of this window is running (its own progress says more).
    pub task_running: bool,
}

impl Event for LibraryChanged {
    const NAME: &'static str = "library-changed";
}

/// Polls the open library's `data_version` and emits [`LibraryChanged`] when it moves.
pub fn start(app: AppHandle) {
    let spawned = std::thread::Builder::new()
        .name("library-watch".into())
        .spawn(move || {
            let mut last: Option<(PathBuf, i64)> = None;
            let mut rounds: u64 = 0;
            loop {
                std::thread::sleep(INTERVAL);
                let state = app.state::<AppState>();
                // A daily backup of the user's own work (tags, annotations…):
                // looked at once a minute, written once a day.
                // `is_multiple_of` needs Rust 1.87; the workspace supports 1.80.
                #[allow(clippy::manual_is_multiple_of)]
                let due = rounds % BACKUP_EVERY_ROUNDS == 0;
                if due {
                    let _ = state.try_with(|lib| {
                        if !lib.is_read_only() {
                            litopys_core::store::backup::daily_if_due(lib.conn(), lib.path())?;
                        }
                        Ok(())
                    });
                }
                rounds += 1;
                // A long search holds the library: skip this round rather than wait.
                let Some(now) =
                    state.try_with(|lib| Ok((lib.path().to_path_buf(), lib.data_version()?)))
                else {
                    continue;
                };
                let changed = matches!((&last, &now), (Some((p, v)), (path, version)) if p == path && v != version);
                last = Some(now);
                if changed {
                    let articles = state
                        .with(|lib| litopys_core::store::articles::count(lib.conn()))
                        .unwrap_or(0);
                    let event = LibraryChanged {
                        articles: articles as u32,
                        task_running: state.busy.load(Ordering::SeqCst),
                    };
                    if event.emit(&app).is_err() {
                        // The window is gone: the app is closing.
                        return;
                    }
                }
            }
        });
    if let Err(e) = spawned {
        eprintln!("litopys: cannot watch the library for outside changes: {e}");
    }
}
