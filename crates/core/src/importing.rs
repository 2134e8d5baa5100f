//! Importing whatever the user hands over — files, folders and Litopys
//! bundles mixed — as one use case with one summary, for the CLI and the app
//! alike: bundles merge (they carry tags and annotations), everything else
//! goes through the importers; the totals count both.

use std::path::PathBuf;
use std::sync::atomic::AtomicBool;

use serde::Serialize;

use crate::error::{ErrorBody, Result};
use crate::export::bundle::{self, MergeTotals};
use crate::import::{import_paths, ImportEvent, ImportOptions};
use crate::Library;

/// One bundle of an import: what merging it did, or why it was refused whole.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct BundleOutcome {
    pub path: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub merge: Option<MergeTotals>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub error: Option<ErrorBody>,
}

/// What an import of files and bundles did, in one shape.
#[derive(Debug, Clone, Default, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct ImportSummary {
    /// Articles added: by the importers and by bundle merges.
    pub imported: u64,
    /// Articles already in the library.
    pub duplicates: u64,
    /// Items that failed: files and articles of the importers, lines of
    /// bundles, and bundles refused whole.
    pub failed: u64,
    /// Articles imported with a warning (an HTML page kept as its visible text).
    pub warnings: u64,
    pub cancelled: bool,
    pub bundles: Vec<BundleOutcome>,
}

impl ImportSummary {
    /// Whether anything failed or the import stopped before the end.
    pub fn incomplete(&self) -> bool {
        self.failed > 0 || self.cancelled
    }
}

/// Imports `paths` into `library`: Litopys bundles are merged first (each
/// reported through `on_bundle`; a refused one — a damaged header, an
/// unreadable file — counts as one failed item and the batch goes on),
/// then every other file and folder is imported with `on_event` told of
/// each item. An error of the library itself stops the import and is
/// returned; what was stored stays.
pub fn import_any(
    library: &mut Library,
    paths: &[PathBuf],
    options: &ImportOptions,
    cancel: &AtomicBool,
    on_bundle: &mut dyn FnMut(&BundleOutcome),
    on_event: &mut dyn FnMut(ImportEvent),
) -> Result<ImportSummary> {
    let (bundles, files): (Vec<&PathBuf>, Vec<&PathBuf>) = paths
        .iter()
        .partition(|p| p.is_file() && bundle::is_bundle(p));
    let mut summary = ImportSummary::default();
    for b in bundles {
        let outcome = match bundle::import(library, b, cancel, &mut |_| {}) {
            Ok(t) => {
                summary.imported += t.articles_added;
                summary.duplicates += t.articles_known;
                summary.failed += t.failed.len() as u64;
                summary.cancelled |= t.cancelled;
                BundleOutcome {
                    path: b.display().to_string(),
                    merge: Some(t),
                    error: None,
                }
            }
            Err(e) => {
                summary.failed += 1;
                BundleOutcome {
                    path: b.display().to_string(),
                    merge: None,
                    error: Some(ErrorBody::from(&e)),
                }
            }
        };
        on_bundle(&outcome);
        summary.bundles.push(outcome);
    }
    if files.is_empty() {
        return Ok(summary);
    }
    let files: Vec<PathBuf> = files.into_iter().cloned().collect();
    let totals = import_paths(library, &files, options, cancel, on_event)?;
    summary.imported += totals.imported;
    summary.duplicates += totals.duplicates;
    summary.failed += totals.failed;
    summary.warnings += totals.warnings;
    summary.cancelled |= totals.cancelled;
    Ok(summary)
}
