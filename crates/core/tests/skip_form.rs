//! Issue 13: the user drops a word form from a query (`skip:FORM`, what the
//! app writes when a form is unticked in the forms list). An article found
//! only through that form goes; one holding another form of the word stays;
//! the form stays listed, marked skipped, so it can be ticked again.

use litopys_core::error::ErrorCode;
use litopys_core::reading::article_detail;
use litopys_core::search::{self, forms::forms, Sort};

mod harness;
use harness::{named_library as library, Named};

fn found(lib: &Named, query: &str) -> Vec<String> {
    lib.found(query)
}

fn talks() -> Named {
    library(&[
        (
            "nominative",
            "Переговори у Женеві завершилися без результату, повідомили дипломати.",
        ),
        (
            "genitive",
            "Сторони не дійшли згоди щодо нового раунду переговорів найближчим часом.",
        ),
        (
            "dative",
            "Переговорам завадила нова хвиля обстрілів, заявили в міністерстві.",
        ),
        (
            "both",
            "Переговорам завадили обстріли, але учасники переговорів домовилися зустрітися знову.",
        ),
        (
            "other",
            "Уряд ухвалив бюджет на наступний рік після довгого обговорення.",
        ),
    ])
}

#[test]
fn a_skipped_form_drops_articles_found_only_through_it() {
    let lib = talks();
    assert_eq!(
        found(&lib, "переговори"),
        ["both", "dative", "genitive", "nominative"]
    );
    assert_eq!(
        found(&lib, "переговори skip:переговорам"),
        ["both", "genitive", "nominative"],
        "only the article that says nothing but «переговорам» goes"
    );
    // Any spelling of the form is read as the index holds it.
    assert_eq!(
        found(&lib, "переговори skip:Переговорам"),
        ["both", "genitive", "nominative"]
    );
    assert_eq!(
        found(&lib, "переговори skip:переговорам skip:переговорів"),
        ["nominative"]
    );
}

#[test]
fn a_skip_of_a_form_of_another_word_changes_nothing() {
    let lib = talks();
    assert_eq!(
        found(&lib, "переговори skip:бюджет"),
        ["both", "dative", "genitive", "nominative"]
    );
    assert_eq!(found(&lib, "бюджет skip:переговорам"), ["other"]);
}

#[test]
fn skipped_forms_stay_listed_and_marked() {
    let lib = talks();
    let words = forms(lib.lib.conn(), "переговори skip:переговорам").unwrap();
    assert_eq!(words.len(), 1, "skip: names no query word: {words:?}");
    let listed: Vec<(&str, bool)> = words[0]
        .forms
        .iter()
        .map(|f| (f.form.as_str(), f.skipped))
        .collect();
    assert!(listed.contains(&("переговорам", true)), "{listed:?}");
    assert!(listed.contains(&("переговорів", false)), "{listed:?}");
    assert!(listed.contains(&("переговори", false)), "{listed:?}");
}

#[test]
fn the_reader_marks_no_skipped_form() {
    let lib = talks();
    let id = lib.id("both");
    let detail = article_detail(lib.lib.conn(), id, "переговори skip:переговорам").unwrap();
    let body: Vec<char> = detail.article.body.chars().collect();
    let marked: Vec<String> = detail
        .highlights
        .iter()
        .map(|s| body[s.start..s.end].iter().collect())
        .collect();
    assert_eq!(marked, ["переговорів"]);
}

#[test]
fn skipping_every_form_of_a_word_is_an_error_that_says_so() {
    let lib = talks();
    let err =
        search::search(lib.lib.conn(), "Женеві skip:женеві", Sort::Relevance, 10, 0).unwrap_err();
    assert_eq!(err.code(), ErrorCode::InvalidQuery);
    assert!(err.to_string().contains("keep at least one"), "{err}");
    let err = search::search(lib.lib.conn(), "skip:два слова", Sort::Relevance, 10, 0);
    assert!(err.is_ok(), "skip: takes the next word only: {err:?}");
    let err =
        search::search(lib.lib.conn(), "skip:\"два слова\"", Sort::Relevance, 10, 0).unwrap_err();
    assert_eq!(err.code(), ErrorCode::InvalidQuery);
}

/// Hostile queries: skips of many words, or thousands of skips, are refused
/// with a message instead of reading the vocabulary for each.
#[test]
fn skips_are_bounded_per_query() {
    let lib = talks();
    let words: Vec<String> = (0..20).map(|i| format!("слово{i}")).collect();
    let many = format!(
        "{} {}",
        words.join(" "),
        words
            .iter()
            .map(|w| format!("skip:{w}"))
            .collect::<Vec<_>>()
            .join(" ")
    );
    let err = search::search(lib.lib.conn(), &many, Sort::Relevance, 10, 0).unwrap_err();
    assert_eq!(err.code(), ErrorCode::InvalidQuery);
    assert!(err.to_string().contains("more than 16 words"), "{err}");
    let thousands = format!("переговори {}", "skip:переговорам ".repeat(3000));
    let err = search::search(lib.lib.conn(), &thousands, Sort::Relevance, 10, 0).unwrap_err();
    assert_eq!(err.code(), ErrorCode::InvalidQuery);
}
