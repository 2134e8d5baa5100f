//! Stories of short texts and first-publisher ties (issue 16): a news flash
//! and its reprints form a story while the flash glues no longer stories; a
//! short reprint is found; when dates tie, the credited source, then the text
//! containing the other, then import order decide. Real articles, real libraries.

mod harness;

use harness::stories::{article, first_of, library_of, russian, seed, story_of};

/// The first `n` words of `text`, as one line.
fn first_words(text: &str, n: usize) -> String {
    text.split_whitespace()
        .take(n)
        .collect::<Vec<_>>()
        .join(" ")
}

/// `text` with its `at`-th word replaced by `by`.
fn replace_word(text: &str, at: usize, by: &str) -> String {
    text.split_whitespace()
        .enumerate()
        .map(|(i, w)| if i == at { by } else { w })
        .collect::<Vec<_>>()
        .join(" ")
}

/// `text` under a lead crediting `source` ("Як повідомляє X, …").
fn led(lead: &str, source: &str, text: &str) -> String {
    format!("{lead} {source}, {text}")
}

/// A story of two articles, `a` (source, date, text) and `b`: their ids.
fn two(
    a: (&str, &str, &str),
    b: (&str, &str, &str),
) -> (tempfile::TempDir, litopys_core::Library, Vec<String>) {
    library_of(&[
        article("A", a.2, Some(a.0), Some(a.1)),
        article("B", b.2, Some(b.0), Some(b.1)),
    ])
}

#[test]
fn a_flash_reprinted_under_a_credit_lead_joins_its_original() {
    let flash = first_words(&seed(0), 30);
    let reprint = led("Як повідомляє", "a.ua", &flash);
    let (_dir, lib, ids) = two(
        ("a.ua", "2022-03-01T09:00:00Z", &flash),
        ("b.ua", "2022-03-01T09:40:00Z", &reprint),
    );
    let s = story_of(&lib, &ids[1]).expect("the flash's reprint is in its story");
    assert_eq!(s.size, 2);
    assert_eq!(s.first.as_deref(), Some(ids[0].as_str()));
}

#[test]
fn a_flash_quoted_in_long_stories_joins_its_reprint_but_not_them() {
    let flash = first_words(&russian("book_100.txt"), 24);
    let quoting = |body: String| format!("{flash}\n\n{body}");
    let (_dir, lib, ids) = library_of(&[
        article("Флэш", &flash, Some("a.ru"), Some("2010-06-28")),
        article(
            "Флэш",
            &led("Как сообщает", "a.ru", &flash),
            Some("b.ru"),
            Some("2010-06-29"),
        ),
        article("X", &quoting(seed(1)), Some("c.ua"), Some("2010-06-29")),
        article("Y", &quoting(seed(2)), Some("d.ua"), Some("2010-06-29")),
    ]);
    let s = story_of(&lib, &ids[0]).expect("the flash and its reprint are one story");
    assert_eq!(s.size, 2, "only the two flashes");
    for long in &ids[2..] {
        assert_eq!(
            story_of(&lib, long),
            None,
            "a long story quoting the flash stays out"
        );
    }
}

#[test]
fn flashes_of_one_source_join_only_as_near_copies() {
    let flash = first_words(&seed(3), 40);
    // Two words changed: ~28 of the 36 shingles kept (0.78), enough across
    // sources (0.6), not within one (0.8: an outlet's flashes share phrasing).
    let edited = replace_word(&replace_word(&flash, 12, "сьогодні"), 27, "вчора");
    let (_dir, lib, ids) = two(
        ("a.ua", "2022-03-01", &flash),
        ("a.ua", "2022-03-02", &edited),
    );
    assert_eq!(story_of(&lib, &ids[0]), None, "one outlet's two flashes");
    let (_dir, lib, ids) = two(
        ("a.ua", "2022-03-01", &flash),
        ("b.ua", "2022-03-02", &edited),
    );
    assert!(
        story_of(&lib, &ids[0]).is_some(),
        "another outlet's edited reprint"
    );
}

#[test]
fn a_short_story_s_edited_reprint_is_found() {
    let story = first_words(&russian("book_105.txt"), 80);
    // A word changed every 16: every shingle is kept for a short text, so
    // the ~70% left are counted exactly, not estimated from ~10 samples.
    let mut edited = story.clone();
    for at in (8..80).step_by(16) {
        edited = replace_word(&edited, at, "также");
    }
    let (_dir, lib, ids) = two(
        ("a.ru", "2010-07-01T10:00:00Z", &story),
        ("b.ru", "2010-07-01T12:00:00Z", &edited),
    );
    let s = story_of(&lib, &ids[1]).expect("the edited short reprint is found");
    assert_eq!(s.first.as_deref(), Some(ids[0].as_str()));
}

#[test]
fn in_a_tie_the_credited_source_is_first_though_its_reprint_was_imported_first() {
    let body = seed(1);
    let reprint = led("Як повідомляє", "origin.example", &body);
    let when = "2022-05-01T10:00:00Z";
    let (_dir, lib, ids) = two(
        ("copy.example", when, &reprint),
        ("origin.example", when, &body),
    );
    let (first, note) = first_of(&lib, &ids[0]);
    assert_eq!(first.as_deref(), Some(ids[1].as_str()));
    assert!(note.starts_with("tie: 2 members"), "{note}");
    assert!(note.contains("the others credit"), "{note}");
}

#[test]
fn in_a_tie_without_credits_the_full_text_is_first_before_its_trimmed_reprint() {
    let body = seed(2);
    let trimmed = first_words(&body, 200);
    let (_dir, lib, ids) = two(
        ("copy.example", "2022-05-01", &trimmed),
        ("origin.example", "2022-05-01", &body),
    );
    let (first, note) = first_of(&lib, &ids[0]);
    assert_eq!(first.as_deref(), Some(ids[1].as_str()));
    assert!(note.contains("contains"), "{note}");
}

#[test]
fn in_a_tie_of_equal_texts_the_one_imported_first_is_first_and_the_note_says_so() {
    let body = seed(4);
    // The same story text (a page identical to another is one article).
    let dressed = format!("{body}\n\nПідписуйтесь на наш Telegram-канал");
    let (_dir, lib, ids) = two(
        ("a.example", "2022-05-01", &body),
        ("b.example", "2022-05-01", &dressed),
    );
    let (first, note) = first_of(&lib, &ids[1]);
    assert_eq!(first.as_deref(), Some(ids[0].as_str()));
    assert!(note.contains("imported first"), "{note}");
}

#[test]
fn a_line_under_fifteen_words_joins_only_its_word_for_word_reprint() {
    let line = first_words(&seed(2), 10);
    let reprint = led("Як повідомляє", "a.ua", &line);
    let changed = replace_word(&line, 5, "сьогодні");
    let (_dir, lib, ids) = library_of(&[
        article("1", &line, Some("a.ua"), Some("2022-03-01T08:00:00Z")),
        article("2", &reprint, Some("b.ua"), Some("2022-03-01T09:00:00Z")),
        article("3", &changed, Some("c.ua"), Some("2022-03-01T10:00:00Z")),
    ]);
    let s = story_of(&lib, &ids[1]).expect("the credited word-for-word reprint joins");
    assert_eq!((s.size, s.first.as_deref()), (2, Some(ids[0].as_str())));
    assert_eq!(
        story_of(&lib, &ids[2]),
        None,
        "one word changed in ten is another line"
    );
}

#[test]
fn lines_under_one_shingle_are_never_linked() {
    let line = first_words(&seed(3), 4);
    let reprint = led("Як повідомляє", "a.ua", &line);
    let (_dir, lib, ids) = two(
        ("a.ua", "2022-03-01", &line),
        ("b.ua", "2022-03-01", &reprint),
    );
    assert_eq!(story_of(&lib, &ids[0]), None);
}

/// Regression (labelled set of 20 stories, precision 0.746): in a small
/// library an outlet's sidebar of headlines is not learned as boilerplate
/// yet, so a short article of that outlet is mostly its sidebar — 80% of it
/// found in each of the outlet's long articles — and linked to both, it
/// glued their two unrelated stories into one.
#[test]
fn a_short_article_that_is_mostly_its_outlet_s_sidebar_glues_no_stories() {
    let sidebar: String = (0..18)
        .map(|i| {
            format!(
                "{:02}:{:02} {}",
                23 - i,
                (i * 23) % 60,
                first_words(
                    &seed(4)
                        .split_whitespace()
                        .skip(i * 7)
                        .collect::<Vec<_>>()
                        .join(" "),
                    7
                )
            )
        })
        .collect::<Vec<_>>()
        .join("\n");
    let dressed = |text: &str| format!("{text}\n\nГоловне за добу\n{sidebar}");
    let (a, b) = (seed(0), seed(1));
    let (_dir, lib, ids) = library_of(&[
        article("A", &dressed(&a), Some("x.ua"), Some("2022-05-01")),
        article("B", &dressed(&b), Some("x.ua"), Some("2022-05-02")),
        article(
            "Коротко",
            &dressed(&first_words(&seed(3), 15)),
            Some("x.ua"),
            Some("2022-05-03"),
        ),
        article("A у Y", &a, Some("y.ua"), Some("2022-05-02")),
        article("B у Z", &b, Some("z.ua"), Some("2022-05-03")),
    ]);
    let story = |i: usize| story_of(&lib, &ids[i]).map(|s| s.id);
    assert!(story(0).is_some() && story(1).is_some());
    assert_ne!(
        story(0),
        story(1),
        "two stories, not one glued by the short article"
    );
    assert_eq!(story(0), story(3));
    assert_eq!(story(1), story(4));
    assert_eq!(story(2), None, "the short article is in no story");
}

#[test]
fn foreign_keys_are_on_again_after_an_import_flushed_its_stories() {
    // The queue's flushes run with foreign-key checks off; a library whose
    // connection kept them off would no longer cascade deletes.
    let text = seed(0);
    let (_dir, lib, ids) = two(
        ("a.ua", "2022-03-01T09:00:00Z", &text),
        (
            "b.ua",
            "2022-03-01T09:40:00Z",
            &text.replace("Україн", "україн"),
        ),
    );
    assert!(
        story_of(&lib, &ids[1]).is_some(),
        "the reprint is in a story"
    );
    let on: i64 = lib
        .conn()
        .query_row("PRAGMA foreign_keys", [], |r| r.get(0))
        .unwrap();
    assert_eq!(on, 1);
}
