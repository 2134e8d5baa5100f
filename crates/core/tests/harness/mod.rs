//! Shared helpers for the core's integration tests.
#![allow(dead_code)]

pub mod stories;

use std::path::PathBuf;
use std::sync::atomic::AtomicBool;

use litopys_core::import::{import_paths, ImportEvent, ImportOptions, ImportTotals, ItemReport};
use litopys_core::Library;

/// `../shared` beside the checkout (tests may read it; the app never does).
pub fn shared() -> PathBuf {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../..");
    let dir = root.join("shared");
    assert!(
        dir.is_dir(),
        "test data folder {} is missing",
        dir.display()
    );
    dir
}

pub fn corpus(name: &str) -> PathBuf {
    shared().join("corpora").join(name)
}

pub fn seeds() -> PathBuf {
    shared().join("seeds")
}

/// Imports `paths` and returns the totals and every item report.
pub fn import(
    lib: &mut Library,
    paths: &[PathBuf],
    options: &ImportOptions,
) -> (ImportTotals, Vec<ItemReport>) {
    let mut items = Vec::new();
    let totals = import_paths(lib, paths, options, &AtomicBool::new(false), &mut |e| {
        if let ImportEvent::Item(i) = e {
            items.push(i);
        }
    })
    .expect("import runs");
    (totals, items)
}

pub fn temp_library() -> (tempfile::TempDir, Library) {
    let dir = tempfile::tempdir().expect("temp dir");
    let lib = Library::open(&dir.path().join("test.litopys")).expect("open library");
    (dir, lib)
}

/// Stable ids of every article matching `q`, sorted.
pub fn found(lib: &Library, q: &str) -> Vec<String> {
    let mut ids: Vec<String> = litopys_core::search::search(
        lib.conn(),
        q,
        litopys_core::search::Sort::Relevance,
        100_000,
        0,
    )
    .unwrap()
    .hits
    .into_iter()
    .map(|h| h.id)
    .collect();
    ids.sort();
    ids
}
