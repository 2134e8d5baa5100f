//! Helpers of the story tests (issue 16): real articles from `../shared`,
//! imported as JSONL into real libraries.

use std::path::{Path, PathBuf};

use litopys_core::import::ImportOptions;
use litopys_core::store::stories;
use litopys_core::Library;
use serde_json::json;

/// The story of a real article (the text after its title line).
pub fn text(path: PathBuf) -> String {
    let t = std::fs::read_to_string(&path).expect("test article");
    match t.split_once('\n') {
        Some((_, rest)) if rest.split_whitespace().count() > 100 => rest.trim().to_owned(),
        _ => t.trim().to_owned(),
    }
}

pub fn seed(i: usize) -> String {
    let mut names: Vec<PathBuf> = std::fs::read_dir(super::seeds())
        .expect("seeds")
        .map(|e| e.expect("entry").path())
        .collect();
    names.sort();
    text(names[i].clone())
}

pub fn russian(name: &str) -> String {
    text(super::corpus("factrueval-ru").join(name))
}

pub fn article(
    title: &str,
    body: &str,
    source: Option<&str>,
    date: Option<&str>,
) -> serde_json::Value {
    json!({"title": title, "body": body, "source": source, "date": date})
}

/// Imports the articles (one JSONL file) and returns their ids, in order.
pub fn import(
    lib: &mut Library,
    dir: &Path,
    name: &str,
    items: &[serde_json::Value],
) -> Vec<String> {
    let path = dir.join(format!("{name}.jsonl"));
    let lines: Vec<String> = items.iter().map(|v| v.to_string()).collect();
    std::fs::write(&path, lines.join("\n")).expect("write jsonl");
    let (totals, reports) = super::import(lib, &[path], &ImportOptions::default());
    assert_eq!(totals.failed, 0, "{reports:?}");
    reports
        .into_iter()
        .map(|r| r.id.expect("imported article has an id"))
        .collect()
}

pub fn story_of(lib: &Library, id: &str) -> Option<stories::ArticleStory> {
    stories::of_article(lib.conn(), id).expect("story lookup")
}

/// A new library holding `items`; their ids in order.
pub fn library_of(items: &[serde_json::Value]) -> (tempfile::TempDir, Library, Vec<String>) {
    let (dir, mut lib) = super::temp_library();
    let ids = import(&mut lib, dir.path(), "items", items);
    (dir, lib, ids)
}

/// The first publisher and its note of the story holding article `id`.
pub fn first_of(lib: &Library, id: &str) -> (Option<String>, String) {
    let s = story_of(lib, id).expect("the article is in a story");
    let d = stories::detail(lib.conn(), &s.id).expect("story detail");
    (d.first, d.first_note.unwrap_or_default())
}

/// Drops every `every`-th word.
pub fn drop_words(text: &str, every: usize) -> String {
    text.split(' ')
        .enumerate()
        .filter(|(i, _)| i % every != every - 1)
        .map(|(_, w)| w)
        .collect::<Vec<_>>()
        .join(" ")
}
