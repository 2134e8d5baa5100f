//! Shared helpers for the core's integration tests.
#![allow(dead_code)]

pub mod stories;

use std::path::PathBuf;
use std::sync::atomic::AtomicBool;

use litopys_core::import::{
    import_inputs, import_paths, ImportEvent, ImportOptions, ImportTotals, Input, ItemReport,
};
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

/// An in-memory library of `(name, text)` articles, with each name's article id.
pub struct Named {
    pub lib: Library,
    pub ids: Vec<(String, String)>,
}

pub fn named_library(articles: &[(&str, &str)]) -> Named {
    let mut lib = Library::open_in_memory().unwrap();
    let inputs = articles
        .iter()
        .map(|(name, text)| Input::Memory {
            name: format!("{name}.txt"),
            bytes: std::borrow::Cow::Owned(text.as_bytes().to_vec()),
        })
        .collect();
    let mut ids = Vec::new();
    import_inputs(
        &mut lib,
        inputs,
        &ImportOptions::default(),
        &AtomicBool::new(false),
        &mut |e| {
            if let ImportEvent::Item(item) = e {
                let name = item.path.trim_end_matches(".txt").to_owned();
                ids.push((name, item.id.unwrap()));
            }
        },
    )
    .unwrap();
    Named { lib, ids }
}

impl Named {
    /// Names of the articles `query` finds, sorted.
    pub fn found(&self, query: &str) -> Vec<String> {
        let sort = litopys_core::search::Sort::Relevance;
        let r = litopys_core::search::search(self.lib.conn(), query, sort, 100, 0).unwrap();
        let mut names: Vec<String> = r.hits.iter().map(|h| self.name(&h.id)).collect();
        names.sort();
        names
    }

    pub fn name(&self, id: &str) -> String {
        let named = self.ids.iter().find(|(_, i)| i == id);
        named.map(|(n, _)| n.clone()).unwrap_or_default()
    }

    pub fn id(&self, name: &str) -> &str {
        let named = self.ids.iter().find(|(n, _)| n == name);
        named.map(|(_, i)| i.as_str()).unwrap_or_default()
    }
}
