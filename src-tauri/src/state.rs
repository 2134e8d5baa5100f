//! The app's state: the open library (or why it could not be opened), its
//! path, the recent-libraries list, and the cancel flag of the running task.

use std::path::{Path, PathBuf};
use std::sync::atomic::AtomicBool;
use std::sync::{Arc, Mutex};

use litopys_core::error::ErrorCode;
use litopys_core::store;
use litopys_core::Library;
use serde::Serialize;

/// The `{code, message}` error shape shared with the CLI.
#[derive(Debug, Clone, Serialize, specta::Type)]
pub struct IpcError {
    pub code: ErrorCode,
    pub message: String,
}

impl From<litopys_core::Error> for IpcError {
    fn from(e: litopys_core::Error) -> Self {
        IpcError {
            code: e.code(),
            message: e.to_string(),
        }
    }
}

impl IpcError {
    pub fn new(code: ErrorCode, message: impl Into<String>) -> Self {
        IpcError {
            code,
            message: message.into(),
        }
    }
}

pub type IpcResult<T> = Result<T, IpcError>;

pub struct AppState {
    library: Mutex<Result<Library, IpcError>>,
    /// Set to stop the running import or export after its current item.
    pub cancel: Arc<AtomicBool>,
    /// An import or export is running (one at a time).
    pub busy: AtomicBool,
}

/// How many libraries the recent list keeps.
const RECENT: usize = 10;

fn recent_file() -> Option<PathBuf> {
    dirs::config_dir().map(|d| d.join("Litopys").join("recent.json"))
}

pub fn recent() -> Vec<String> {
    recent_file()
        .and_then(|p| std::fs::read_to_string(p).ok())
        .and_then(|s| serde_json::from_str::<Vec<String>>(&s).ok())
        .unwrap_or_default()
}

fn remember(path: &Path) {
    let Some(file) = recent_file() else { return };
    let p = path.display().to_string();
    let mut list = recent();
    list.retain(|x| *x != p);
    list.insert(0, p);
    list.truncate(RECENT);
    if let Some(dir) = file.parent() {
        let _ = std::fs::create_dir_all(dir);
    }
    // The list is a convenience: failing to save it must not fail opening.
    let _ = std::fs::write(file, serde_json::to_string(&list).unwrap_or_default());
}

/// Opens (creating if needed) the library at `path`. A new library starts
/// empty: the window then shows its welcome screen.
pub fn open_at(path: &Path) -> litopys_core::Result<Library> {
    let lib = Library::open(path)?;
    // The window's connection reads and makes small edits; imports and
    // exports open their own. 16 MB of page cache instead of the 64 MB an
    // import wants: the OS keeps the file's pages cached as well.
    lib.conn().pragma_update(None, "cache_size", -16384)?;
    remember(path);
    Ok(lib)
}

/// The sample library: `demo.litopys` beside the default library.
pub fn demo_library_path() -> PathBuf {
    store::default_library_path().with_file_name(DEMO_FILE_NAME)
}

const DEMO_FILE_NAME: &str = "demo.litopys";

/// Opens the sample library, adding the sample articles when it has none
/// (new, or every article removed and the trash emptied).
pub fn open_demo() -> litopys_core::Result<Library> {
    let mut lib = open_at(&demo_library_path())?;
    let empty = store::articles::count(lib.conn())? == 0;
    if empty && store::trash::count(lib.conn())? == 0 {
        litopys_core::demo::add_samples(&mut lib)?;
    }
    Ok(lib)
}

/// `LITOPYS_DEMO=1` (set by `scripts/run-app.sh` unless given): start in the sample library.
fn demo_wanted() -> bool {
    matches!(std::env::var("LITOPYS_DEMO").as_deref(), Ok("1"))
}

impl AppState {
    /// Opens the default library (`LITOPYS_LIBRARY`, else the OS data folder).
    /// With `LITOPYS_DEMO=1`, the sample library instead; the default one is
    /// then still in the recent list, one click away.
    pub fn start() -> AppState {
        let library = if demo_wanted() {
            remember(&store::default_library_path());
            open_demo()
        } else {
            open_at(&store::default_library_path())
        }
        .map_err(IpcError::from);
        if let Err(e) = &library {
            eprintln!("litopys: {}", e.message);
        }
        AppState {
            library: Mutex::new(library),
            cancel: Arc::new(AtomicBool::new(false)),
            busy: AtomicBool::new(false),
        }
    }

    /// Runs `f` on the open library.
    pub fn with<T>(&self, f: impl FnOnce(&mut Library) -> litopys_core::Result<T>) -> IpcResult<T> {
        // A poisoned lock only means an earlier command panicked; the connection is still usable.
        let mut guard = self.library.lock().unwrap_or_else(|p| p.into_inner());
        match &mut *guard {
            Ok(lib) => f(lib).map_err(IpcError::from),
            Err(e) => Err(e.clone()),
        }
    }

    /// Like [`AppState::with`], but `None` at once when the library is in use
    /// (or could not be opened) instead of waiting.
    pub fn try_with<T>(
        &self,
        f: impl FnOnce(&mut Library) -> litopys_core::Result<T>,
    ) -> Option<T> {
        let mut guard = match self.library.try_lock() {
            Ok(g) => g,
            Err(std::sync::TryLockError::Poisoned(p)) => p.into_inner(),
            Err(std::sync::TryLockError::WouldBlock) => return None,
        };
        match &mut *guard {
            Ok(lib) => f(lib).ok(),
            Err(_) => None,
        }
    }

    /// Path of the open library, for work that opens its own connection.
    pub fn path(&self) -> IpcResult<PathBuf> {
        self.with(|lib| Ok(lib.path().to_path_buf()))
    }

    pub fn switch(&self, path: &Path) -> IpcResult<()> {
        self.replace(open_at(path))
    }

    pub fn switch_to_demo(&self) -> IpcResult<()> {
        self.replace(open_demo())
    }

    fn replace(&self, opened: litopys_core::Result<Library>) -> IpcResult<()> {
        let lib = opened.map_err(IpcError::from)?;
        *self.library.lock().unwrap_or_else(|p| p.into_inner()) = Ok(lib);
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The default library starts empty; the sample library beside it gets
    /// the sample articles once, and not again after they were removed.
    #[test]
    fn the_default_library_starts_empty_and_the_demo_library_has_the_samples() {
        let dir = std::env::temp_dir().join(format!("litopys-state-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        // The only test here that touches these variables.
        std::env::set_var("LITOPYS_LIBRARY", dir.join("library.litopys"));
        std::env::set_var("XDG_CONFIG_HOME", dir.join("config"));

        let own = open_at(&store::default_library_path()).unwrap();
        assert_eq!(store::articles::count(own.conn()).unwrap(), 0);
        let mut demo = open_demo().unwrap();
        assert_eq!(demo.path(), dir.join("demo.litopys"));
        assert_eq!(store::articles::count(demo.conn()).unwrap(), 5);

        let all = litopys_core::search::matching_ids(demo.conn(), "lang:uk OR lang:ru").unwrap();
        assert_eq!(all.len(), 5);
        litopys_core::removal::remove_query(&mut demo, "lang:uk OR lang:ru").unwrap();
        drop(demo);
        let demo = open_demo().unwrap();
        assert_eq!(
            store::articles::count(demo.conn()).unwrap(),
            0,
            "removed samples stay removed while the trash has them"
        );
        drop(demo);
        let _ = std::fs::remove_dir_all(&dir);
    }
}
