//! The Litopys desktop app: one window over the default library.
//! Commands stay thin; all logic lives in `litopys_core`.

use std::collections::BTreeMap;
use std::sync::Mutex;

use litopys_core::store::{self, articles, Article, ArticleSummary};
use litopys_core::Library;
use serde::Serialize;

/// How many summaries the overview sends to the window.
const OVERVIEW_LIMIT: u32 = 200;

/// The `{code, message}` error shape shared with the CLI.
#[derive(Debug, Serialize)]
pub struct IpcError {
    code: String,
    message: String,
}

impl From<litopys_core::Error> for IpcError {
    fn from(e: litopys_core::Error) -> Self {
        IpcError {
            code: e.code().to_owned(),
            message: e.to_string(),
        }
    }
}

#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Overview {
    path: String,
    article_count: i64,
    by_language: BTreeMap<String, i64>,
    articles: Vec<ArticleSummary>,
}

/// The opened library, or why it could not be opened (shown in the window).
struct AppState(Mutex<Result<Library, IpcError>>);

impl AppState {
    fn with<T>(&self, f: impl FnOnce(&Library) -> litopys_core::Result<T>) -> Result<T, IpcError> {
        // A poisoned lock only means an earlier command panicked; the connection is still usable.
        let guard = self.0.lock().unwrap_or_else(|p| p.into_inner());
        match &*guard {
            Ok(lib) => f(lib).map_err(IpcError::from),
            Err(e) => Err(IpcError {
                code: e.code.clone(),
                message: e.message.clone(),
            }),
        }
    }
}

/// Opens the library (`LITOPYS_LIBRARY`, else the OS data dir — `default_library_path`
/// honours the variable); a library created just now gets the demo articles.
fn open_library() -> litopys_core::Result<Library> {
    let path = store::default_library_path();
    let first_start = !path.exists();
    let mut lib = Library::open(&path)?;
    if first_start {
        litopys_core::demo::add_samples(&mut lib)?;
    }
    Ok(lib)
}

#[tauri::command]
fn library_overview(state: tauri::State<'_, AppState>) -> Result<Overview, IpcError> {
    state.with(|lib| {
        let stats = articles::stats(lib.conn())?;
        Ok(Overview {
            path: lib.path().display().to_string(),
            article_count: stats.articles,
            by_language: stats.by_language,
            articles: articles::list(lib.conn(), OVERVIEW_LIMIT, 0)?,
        })
    })
}

#[tauri::command]
fn article(state: tauri::State<'_, AppState>, id: String) -> Result<Article, IpcError> {
    state.with(|lib| articles::get(lib.conn(), &id))
}

pub fn run() {
    let library = open_library().map_err(IpcError::from);
    if let Err(e) = &library {
        eprintln!("litopys: {}", e.message);
    }
    let result = tauri::Builder::default()
        .manage(AppState(Mutex::new(library)))
        .invoke_handler(tauri::generate_handler![library_overview, article])
        .run(tauri::generate_context!());
    if let Err(e) = result {
        eprintln!("litopys: cannot start the window: {e}");
        std::process::exit(1);
    }
}
