//! Long work — import and export — on a worker thread with its own
//! connection, so the window never freezes and searches go on meanwhile.
//! Progress streams through a channel; `cancel_task` stops after the current item.

use litopys_core::error::ErrorCode;
use std::path::PathBuf;
use std::sync::atomic::Ordering;

use litopys_core::export::{self, ExportOptions, ExportTotals, Format, Selection};
use litopys_core::import::{ImportEvent, ImportOptions, ItemReport, ItemStatus};
use litopys_core::importing::{import_any, BundleOutcome};
use litopys_core::Library;
use serde::Serialize;
use tauri::ipc::Channel;
use tauri::State;

use crate::state::{AppState, IpcError, IpcResult};

#[derive(Debug, Clone, Serialize, specta::Type)]
#[serde(rename_all = "camelCase", tag = "kind")]
pub enum ImportProgress {
    /// The inputs were walked: this many files will be read.
    Planned { files: u32 },
    /// Reading file `index` (0-based) begins.
    File { index: u32, path: String },
    /// Counts so far.
    Counts {
        imported: u32,
        duplicates: u32,
        failed: u32,
    },
}

#[derive(Debug, Clone, Default, Serialize, specta::Type)]
pub struct ImportSummary {
    pub imported: u32,
    pub duplicates: u32,
    pub failed: u32,
    pub cancelled: bool,
    /// Every file or item that failed, with its reason.
    pub failures: Vec<ItemReport>,
    /// Items imported with a warning (e.g. a page's whole visible text kept
    /// because no article was found in it); also counted as imported.
    pub warnings: Vec<ItemReport>,
    /// Litopys bundles merged into the library (or refused).
    pub bundles: Vec<BundleOutcome>,
}

/// Marks the app busy for the life of one task.
struct Busy<'a>(&'a AppState);

impl<'a> Busy<'a> {
    fn start(state: &'a AppState) -> IpcResult<Busy<'a>> {
        if state.busy.swap(true, Ordering::SeqCst) {
            return Err(IpcError::new(
                ErrorCode::Busy,
                "another import or export is running; wait for it or cancel it",
            ));
        }
        state.cancel.store(false, Ordering::SeqCst);
        Ok(Busy(state))
    }
}

impl Drop for Busy<'_> {
    fn drop(&mut self) {
        self.0.busy.store(false, Ordering::SeqCst);
    }
}

fn worker_failed(e: impl std::fmt::Display) -> IpcError {
    IpcError::new(
        ErrorCode::Internal,
        format!("the background task stopped unexpectedly: {e}"),
    )
}

/// Imports files and folders (and merges Litopys bundles) into the open library.
#[tauri::command]
#[specta::specta]
pub async fn import_files(
    state: State<'_, AppState>,
    paths: Vec<String>,
    on_progress: Channel<ImportProgress>,
) -> IpcResult<ImportSummary> {
    let _busy = Busy::start(&state)?;
    let library = state.path()?;
    let cancel = state.cancel.clone();
    tauri::async_runtime::spawn_blocking(move || -> IpcResult<ImportSummary> {
        let mut lib = Library::open(&library)?;
        let paths: Vec<PathBuf> = paths.into_iter().map(PathBuf::from).collect();
        let mut failures = Vec::new();
        let mut warnings = Vec::new();
        let (mut imported, mut duplicates, mut failed) = (0u32, 0u32, 0u32);
        let summary = import_any(
            &mut lib,
            &paths,
            &ImportOptions::default(),
            &cancel,
            &mut |_| {},
            &mut |e| {
                let _ = match e {
                    ImportEvent::Planned { files } => on_progress.send(ImportProgress::Planned {
                        files: files as u32,
                    }),
                    ImportEvent::File { index, path } => on_progress.send(ImportProgress::File {
                        index: index as u32,
                        path,
                    }),
                    ImportEvent::Item(item) => {
                        match item.status {
                            ItemStatus::Imported => {
                                imported += 1;
                                if item.warning.is_some() {
                                    warnings.push(item);
                                }
                            }
                            ItemStatus::Duplicate => duplicates += 1,
                            ItemStatus::Failed => {
                                failed += 1;
                                failures.push(item);
                            }
                        }
                        on_progress.send(ImportProgress::Counts {
                            imported,
                            duplicates,
                            failed,
                        })
                    }
                };
            },
        )?;
        Ok(ImportSummary {
            imported: summary.imported as u32,
            duplicates: summary.duplicates as u32,
            failed: summary.failed as u32,
            cancelled: summary.cancelled,
            failures,
            warnings,
            bundles: summary.bundles,
        })
    })
    .await
    .map_err(worker_failed)?
}

#[derive(Debug, Clone, Serialize, specta::Type)]
pub struct ExportProgress {
    pub done: u32,
    pub total: u32,
}

/// Exports a set of articles; returns what was written.
#[tauri::command]
#[specta::specta]
pub async fn export_set(
    state: State<'_, AppState>,
    selection: Selection,
    format: Format,
    output: String,
    options: ExportOptions,
    on_progress: Channel<ExportProgress>,
) -> IpcResult<ExportTotals> {
    let _busy = Busy::start(&state)?;
    let library = state.path()?;
    let cancel = state.cancel.clone();
    tauri::async_runtime::spawn_blocking(move || -> IpcResult<ExportTotals> {
        let lib = Library::open(&library)?;
        let mut last = 0;
        Ok(export::export(
            lib.conn(),
            &selection,
            format,
            &PathBuf::from(output),
            options,
            &cancel,
            &mut |done, total| {
                // A message per hundred articles is plenty for a progress bar.
                if done == total || done >= last + 100 {
                    last = done;
                    let _ = on_progress.send(ExportProgress {
                        done: done as u32,
                        total: total as u32,
                    });
                }
            },
        )?)
    })
    .await
    .map_err(worker_failed)?
}

/// Stops the running import or export after its current item; what is done is kept.
#[tauri::command(async)]
#[specta::specta]
pub fn cancel_task(state: State<'_, AppState>) {
    state.cancel.store(true, Ordering::SeqCst);
}
