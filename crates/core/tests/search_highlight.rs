//! The reader's highlights are the search's matches (issue 15): on real
//! Ukrainian and Russian articles, the words the reader marks in a found
//! article are exactly those FTS5 itself marks for the compiled query
//! (`highlight()` over the story and the rest of the page), form for form.

mod harness;

use litopys_core::import::ImportOptions;
use litopys_core::reading::article_detail;
use litopys_core::search::{prepare, search, Sort};
use litopys_core::Library;

fn library() -> (tempfile::TempDir, Library) {
    let (dir, mut lib) = harness::temp_library();
    let mut files = Vec::new();
    for corpus in ["ua-gec", "factrueval-ru"] {
        let mut some: Vec<_> = std::fs::read_dir(harness::corpus(corpus))
            .expect("corpus")
            .flatten()
            .map(|e| e.path())
            .filter(|p| p.extension().is_some_and(|e| e == "txt"))
            .collect();
        some.sort();
        some.truncate(40);
        files.extend(some);
    }
    let (totals, _) = harness::import(&mut lib, &files, &ImportOptions::default());
    assert!(totals.imported >= 60, "{totals:?}");
    (dir, lib)
}

/// Words marked between STX and ETX, lower-cased.
fn between_marks(marked: &str) -> Vec<String> {
    marked
        .split('\u{2}')
        .skip(1)
        .filter_map(|part| part.split_once('\u{3}').map(|(w, _)| w.to_lowercase()))
        .collect()
}

/// What FTS5 marks in the story and the rest of article `id` for `query`.
fn marked_by_fts5(lib: &Library, query: &str, id: &str) -> Vec<String> {
    let plan = prepare(lib.conn(), query).expect("query compiles");
    let fts = plan.fts.expect("a query with words");
    let (story, rest): (String, String) = lib
        .conn()
        .query_row(
            "SELECT highlight(articles_fts, 1, char(2), char(3)),
                    highlight(articles_fts, 2, char(2), char(3))
             FROM articles_fts JOIN articles a ON a.id = articles_fts.rowid
             WHERE articles_fts MATCH ?1 AND a.uid = ?2",
            rusqlite::params![fts, id],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .expect("the article matches");
    let mut words = between_marks(&story);
    words.extend(between_marks(&rest));
    words.sort();
    words
}

/// What the reader marks in article `id` for `query`.
fn marked_by_reader(lib: &Library, query: &str, id: &str) -> Vec<String> {
    let detail = article_detail(lib.conn(), id, query).expect("article");
    let chars: Vec<char> = detail.article.body.chars().collect();
    let mut words: Vec<String> = detail
        .highlights
        .iter()
        .map(|s| {
            chars[s.start..s.end]
                .iter()
                .collect::<String>()
                .to_lowercase()
        })
        .collect();
    words.sort();
    words
}

/// Query words: a few longer words from the start of each article, and the
/// words of issue 13's misses and false merges.
fn queries(lib: &Library) -> Vec<String> {
    let mut out: Vec<String> = [
        "Женева",
        "рік",
        "ріки",
        "серпень",
        "спосіб",
        "другом",
        "переговори",
        "Лавров",
        "американцы",
        "году",
        "заявил",
        "України",
        "президент*",
        "Київ*",
    ]
    .iter()
    .map(|w| w.to_string())
    .collect();
    let all = search(lib.conn(), "", Sort::Oldest, 30, 0).expect("all");
    for hit in all.hits {
        let body = litopys_core::store::articles::get(lib.conn(), &hit.id)
            .expect("article")
            .body;
        let long: Vec<&str> = body
            .split(|c: char| !c.is_alphabetic())
            .filter(|w| w.chars().count() >= 6)
            .collect();
        out.extend(long.iter().step_by(7).take(3).map(|w| w.to_string()));
    }
    out
}

#[test]
fn the_reader_marks_exactly_what_fts5_matched_in_every_found_article() {
    let (_dir, lib) = library();
    let (mut compared, mut marked) = (0, 0);
    for word in queries(&lib) {
        // `in:all`: FTS5 marks only the columns a query is kept to, while the
        // reader marks the words wherever they are in the body.
        let query = format!("in:all {word}");
        let hits = search(lib.conn(), &query, Sort::Relevance, 50, 0).expect("search");
        for hit in hits.hits {
            let fts5 = marked_by_fts5(&lib, &query, &hit.id);
            let reader = marked_by_reader(&lib, &query, &hit.id);
            assert_eq!(reader, fts5, "{query} in {} ({})", hit.id, hit.title);
            compared += 1;
            marked += reader.len();
        }
    }
    assert!(compared >= 100, "only {compared} articles compared");
    assert!(marked >= 300, "only {marked} words marked");
}

#[test]
fn a_negated_word_found_nowhere_is_marked_nowhere() {
    let (_dir, lib) = library();
    let hits = search(lib.conn(), "України -Києві", Sort::Relevance, 20, 0).expect("search");
    assert!(!hits.hits.is_empty());
    for hit in hits.hits {
        let reader = marked_by_reader(&lib, "України -Києві", &hit.id);
        assert!(
            reader
                .iter()
                .all(|w| !w.starts_with("київ") && !w.starts_with("києв")),
            "{reader:?}"
        );
    }
}
