//! Search on the seeds: word forms, look-alike letters, apostrophes, both languages.

mod harness;

use litopys_core::search::{prepare, search, Sort};
use litopys_core::store::articles;
use litopys_core::Library;

fn demo() -> Library {
    let mut lib = Library::open_in_memory().unwrap();
    litopys_core::demo::add_samples(&mut lib).unwrap();
    lib
}

/// Which seeds (by file number) contain `word`, in any of its forms.
fn seeds_matching(lib: &Library, word: &str) -> Vec<usize> {
    let hits = search(lib.conn(), word, Sort::Relevance, 100, 0)
        .unwrap()
        .hits;
    let mut found: Vec<usize> = hits
        .iter()
        .map(|h| {
            let a = articles::get(lib.conn(), &h.id).unwrap();
            a.origin.path.trim_start_matches("demo/")[..3]
                .parse::<usize>()
                .unwrap()
        })
        .collect();
    found.sort();
    found
}

fn seeds_containing(pred: impl Fn(&str) -> bool) -> Vec<usize> {
    let mut out = Vec::new();
    let mut names: Vec<_> = std::fs::read_dir(harness::seeds())
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .collect();
    names.sort();
    for (i, p) in names.iter().enumerate() {
        if pred(&std::fs::read_to_string(p).unwrap()) {
            out.push(i);
        }
    }
    out
}

#[test]
fn a_word_finds_its_other_forms() {
    let lib = demo();
    let want = seeds_containing(|t| {
        t.contains("переговорів") || t.contains("переговорам") || t.contains("переговори")
    });
    assert!(want.len() >= 2, "{want:?}");
    let got = seeds_matching(&lib, "переговори");
    for w in &want {
        assert!(got.contains(w), "переговори should find seed {w}: {got:?}");
    }
}

#[test]
fn cyrillic_query_finds_words_spelled_with_latin_lookalikes() {
    let lib = demo();
    // Three seeds spell it with a Latin "c".
    let latin_c = seeds_containing(|t| t.contains("Підписуйтеcь"));
    assert_eq!(latin_c.len(), 3, "{latin_c:?}");
    // The prompt is boilerplate: found when searching the whole text.
    assert!(seeds_matching(&lib, "Підписуйтесь").is_empty());
    let got = seeds_matching(&lib, "in:all Підписуйтесь");
    for s in &latin_c {
        assert!(got.contains(s), "{got:?}");
    }
}

#[test]
fn lavrov_finds_all_five_in_both_languages() {
    let lib = demo();
    assert_eq!(seeds_matching(&lib, "Лавров"), vec![0, 1, 2, 3, 4]);
}

#[test]
fn apostrophe_variants_are_one_word() {
    let lib = demo();
    // The seed that has both spellings has them in its list of other headlines.
    let a = seeds_matching(&lib, "in:all обов'язковий");
    assert!(!a.is_empty());
    assert_eq!(a, seeds_matching(&lib, "in:all обов’язкове"));
    assert_eq!(a, seeds_matching(&lib, "in:all обовʼязкову"));
}

#[test]
fn index_is_consistent_after_import() {
    let lib = demo();
    lib.conn()
        .execute(
            "INSERT INTO articles_fts(articles_fts) VALUES ('integrity-check')",
            [],
        )
        .unwrap();
}

#[test]
fn highlights_point_at_the_original_text() {
    let lib = demo();
    let expr = prepare(lib.conn(), "in:all Підписуйтесь")
        .unwrap()
        .fts
        .unwrap();
    let marked: Vec<String> = lib
        .conn()
        .prepare("SELECT highlight(articles_fts, 2, '[', ']') FROM articles_fts WHERE articles_fts MATCH ?1")
        .unwrap()
        .query_map([&expr], |r| r.get(0))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    assert_eq!(marked.len(), 3);
    // The highlighted word is the imported one, Latin "c" included.
    assert!(
        marked.iter().all(|m| m.contains("[Підписуйтеcь]")),
        "{marked:?}"
    );
}

#[test]
fn results_have_total_snippets_facets_and_pages() {
    let lib = demo();
    let r = search(lib.conn(), "Лавров", Sort::Relevance, 2, 0).unwrap();
    assert_eq!(r.total, 5);
    assert_eq!(r.hits.len(), 2);
    assert!(r.hits[0].score >= r.hits[1].score);
    assert!(r.hits.iter().all(|h| !h.marks.is_empty()), "{:?}", r.hits);
    assert_eq!(r.facets.language.get("uk"), Some(&4));
    assert_eq!(r.facets.language.get("ru"), Some(&1));
    let rest = search(lib.conn(), "Лавров", Sort::Relevance, 10, 2).unwrap();
    assert_eq!(rest.hits.len(), 3);
    assert!(
        rest.hits
            .iter()
            .all(|h| r.hits.iter().all(|g| g.id != h.id)),
        "pages do not overlap"
    );
    // No words: every article, newest first.
    let all = search(lib.conn(), "  ", Sort::Newest, 50, 0).unwrap();
    assert_eq!((all.total, all.hits.len()), (5, 5));
    let none = search(lib.conn(), "неіснуючеслово", Sort::Oldest, 50, 0).unwrap();
    assert_eq!((none.total, none.hits.len()), (0, 0));
}

/// snippet() tokenizes without stems (they share the word's position and
/// FTS5 skips them there): a form found only through its stem must still be
/// marked, at the right word, and words after it must not shift.
#[test]
fn snippets_mark_forms_found_through_their_stem() {
    let lib = demo();
    let r = search(lib.conn(), "переговори", Sort::Relevance, 10, 0).unwrap();
    assert!(r.total >= 2);
    let marked: Vec<String> = r
        .hits
        .iter()
        .flat_map(|h| {
            let chars: Vec<char> = h.snippet.chars().collect();
            h.marks
                .iter()
                .map(|m| {
                    chars[m.start..m.end]
                        .iter()
                        .collect::<String>()
                        .to_lowercase()
                })
                .collect::<Vec<_>>()
        })
        .collect();
    assert!(
        marked.iter().any(|m| m != "переговори"),
        "another form is marked: {marked:?}"
    );
    assert!(
        marked.iter().all(|m| m.starts_with("переговор")),
        "only forms of the word are marked: {marked:?}"
    );
}

/// Regression (issue 19): a zero-width space or joiner inside a word split it
/// in the index, so the article was not found by the word the reader sees.
#[test]
fn a_word_split_by_a_zero_width_character_is_found() {
    let (dir, mut lib) = harness::temp_library();
    let path = dir.path().join("zw.jsonl");
    let line = serde_json::json!({
        "title": "Заява",
        "text": "Міністр Лав\u{200B}ров заявив про пере\u{200D}говори у Жене\u{2060}ві.",
        "source": "zw.example",
        "published_at": "2022-03-15",
        "language": "uk",
    });
    std::fs::write(&path, line.to_string()).unwrap();
    harness::import(&mut lib, &[path], &Default::default());
    for word in ["Лавров", "переговори", "Женеві"] {
        let r = search(lib.conn(), word, Sort::Relevance, 10, 0).unwrap();
        assert_eq!(r.total, 1, "{word}");
        assert!(!r.hits[0].marks.is_empty(), "{word}: {:?}", r.hits[0]);
    }
}
