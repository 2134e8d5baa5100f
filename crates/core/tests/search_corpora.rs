//! Word-form search on the development corpora: a query for one form finds
//! every text that uses any form of the word, and exact-form search would not.

mod harness;

use litopys_core::import::ImportOptions;
use litopys_core::search::{search, Sort};
use litopys_core::store::articles;
use litopys_core::Library;

/// Words of `text`, lower-cased, split the way a reader would.
fn words(text: &str) -> Vec<String> {
    text.split(|c: char| !c.is_alphanumeric() && c != '\'' && c != '’')
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect()
}

/// Imports the first `n` files of a corpus folder.
fn library(corpus: &str, n: usize) -> (tempfile::TempDir, Library) {
    let (dir, mut lib) = harness::temp_library();
    let mut files: Vec<_> = std::fs::read_dir(harness::corpus(corpus))
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .collect();
    files.sort();
    files.truncate(n);
    let (totals, _) = harness::import(&mut lib, &files, &ImportOptions::default());
    assert!(totals.imported > 0);
    (dir, lib)
}

/// Ids of articles whose text or title uses one of `forms` as a whole word.
fn using_forms(lib: &Library, forms: &[&str]) -> Vec<String> {
    let all = search(lib.conn(), "", Sort::Newest, 100_000, 0).unwrap();
    let mut out: Vec<String> = all
        .hits
        .iter()
        .filter(|h| {
            let a = articles::get(lib.conn(), &h.id).unwrap();
            words(&format!("{} {}", a.title, a.body))
                .iter()
                .any(|w| forms.contains(&w.as_str()))
        })
        .map(|h| h.id.clone())
        .collect();
    out.sort();
    out
}

fn check(lib: &Library, query: &str, forms: &[&str]) {
    let want = using_forms(lib, forms);
    let got = harness::found(lib, query);
    let missing: Vec<_> = want.iter().filter(|id| !got.contains(id)).collect();
    assert!(missing.is_empty(), "{query}: misses {missing:?}");
    // Exact-form search finds only a part: the conflation is doing work.
    let exact = harness::found(lib, &format!("\"{query}\""));
    assert!(
        exact.len() < want.len(),
        "{query}: exact {} vs any form {}",
        exact.len(),
        want.len()
    );
}

#[test]
fn ukrainian_corpus_word_families() {
    let (_d, lib) = library("ua-gec", 600);
    check(
        &lib,
        "війна",
        &[
            "війна",
            "війни",
            "війні",
            "війну",
            "війною",
            "війн",
            "війнам",
            "війнами",
            "війнах",
        ],
    );
    check(
        &lib,
        "людина",
        &["людина", "людини", "людині", "людину", "людиною", "людино"],
    );
}

#[test]
fn russian_corpus_word_families() {
    let (_d, lib) = library("factrueval-ru", 200);
    check(
        &lib,
        "компания",
        &[
            "компания",
            "компании",
            "компаний",
            "компанию",
            "компанией",
            "компаниям",
            "компаниями",
            "компаниях",
        ],
    );
    check(
        &lib,
        "президент",
        &[
            "президент",
            "президента",
            "президенту",
            "президентом",
            "президенте",
            "президенты",
            "президентов",
        ],
    );
}
