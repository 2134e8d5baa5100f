//! Annotations: quotes, spans and article notes; re-anchoring after a text change; search.

mod harness;

use litopys_core::edits;
use litopys_core::search::{search, Sort};
use litopys_core::store::annotations::{self, Target};
use litopys_core::store::{articles, tags};
use litopys_core::{Error, Library};

fn demo() -> (tempfile::TempDir, Library, String) {
    let (dir, mut lib) = harness::temp_library();
    litopys_core::demo::add_samples(&mut lib).unwrap();
    let id = search(lib.conn(), "Блінкен зажадав", Sort::Relevance, 1, 0)
        .unwrap()
        .hits[0]
        .id
        .clone();
    (dir, lib, id)
}

fn quote(text: &str, occurrence: usize) -> Target {
    Target::Quote {
        text: text.into(),
        occurrence,
    }
}

#[test]
fn quotes_spans_and_article_notes_in_code_points() {
    let (_d, mut lib, id) = demo();
    let body: Vec<char> = articles::get(lib.conn(), &id)
        .unwrap()
        .body
        .chars()
        .collect();
    let a = annotations::create(
        lib.conn_mut(),
        &id,
        &quote("Лавровим", 1),
        "хто",
        Some("#FFCC00"),
        &["people/lavrov".into()],
    )
    .unwrap();
    let (s, e) = (a.start.unwrap(), a.end.unwrap());
    assert_eq!(body[s..e].iter().collect::<String>(), "Лавровим");
    assert_eq!(a.color.as_deref(), Some("#ffcc00"));
    assert_eq!(a.tags, ["people/lavrov"]);
    // Overlapping spans are fine.
    let b = annotations::create(
        lib.conn_mut(),
        &id,
        &Target::Span {
            start: s - 7,
            end: e,
        },
        "",
        None,
        &[],
    )
    .unwrap();
    assert_eq!(
        b.exact.as_deref(),
        Some(&*body[s - 7..e].iter().collect::<String>())
    );
    let note = annotations::create(
        lib.conn_mut(),
        &id,
        &Target::Article,
        "Перевірити джерело",
        None,
        &[],
    )
    .unwrap();
    assert_eq!((note.start, note.exact), (None, None));
    let internal = tags::article_ids(lib.conn(), std::slice::from_ref(&id)).unwrap()[0];
    let all = annotations::of_article(lib.conn(), internal).unwrap();
    assert_eq!(all.len(), 3);
    assert_eq!(all[0].id, note.id, "article notes first, then text order");
}

#[test]
fn bad_targets_are_refused_and_change_nothing() {
    let (_d, mut lib, id) = demo();
    let cases = [
        (
            id.as_str(),
            quote("цього немає в тексті", 1),
            "not in the text",
        ),
        (id.as_str(), quote("Блінкен", 99), "choose an occurrence"),
        (id.as_str(), quote("  ", 1), "empty"),
        (id.as_str(), Target::Span { start: 5, end: 5 }, "not inside"),
        (
            id.as_str(),
            Target::Span {
                start: 0,
                end: 1_000_000,
            },
            "not inside",
        ),
    ];
    for (article, target, want) in cases {
        let e = annotations::create(lib.conn_mut(), article, &target, "", None, &[]).unwrap_err();
        assert!(e.to_string().contains(want), "{target:?}: {e}");
    }
    assert!(matches!(
        annotations::create(lib.conn_mut(), "ffffffff", &Target::Article, "x", None, &[]),
        Err(Error::ArticleNotFound(_))
    ));
    assert!(annotations::create(
        lib.conn_mut(),
        &id,
        &Target::Article,
        "x",
        None,
        &["a//b".into()]
    )
    .is_err());
    assert!(annotations::create(
        lib.conn_mut(),
        &id,
        &Target::Article,
        "x",
        Some("blue"),
        &[]
    )
    .is_err());
    let n: i64 = lib
        .conn()
        .query_row("SELECT count(*) FROM annotations", [], |r| r.get(0))
        .unwrap();
    assert_eq!(n, 0);
    assert!(tags::list(lib.conn()).unwrap().is_empty());
}

#[test]
fn spans_follow_a_text_change_and_lost_ones_are_kept_as_orphans() {
    let (_d, mut lib, id) = demo();
    let body = articles::get(lib.conn(), &id).unwrap().body;
    let keep = annotations::create(
        lib.conn_mut(),
        &id,
        &quote("Лавровим", 1),
        "moves",
        None,
        &[],
    )
    .unwrap();
    let edit = annotations::create(
        lib.conn_mut(),
        &id,
        &quote(
            "Держсекретар США Ентоні Блінкен провів телефонну розмову",
            1,
        ),
        "edited",
        None,
        &[],
    )
    .unwrap();
    let lose = annotations::create(
        lib.conn_mut(),
        &id,
        &quote("пресслужба Держдепартаменту США", 1),
        "lost",
        None,
        &[],
    )
    .unwrap();
    let new_body = format!(
        "Оновлено. {}",
        body.replace("провів телефонну розмову", "провів довгу телефонну розмову")
            .replace("пресслужба Держдепартаменту США", "офіційне джерело")
    );
    let report = edits::update_body(lib.conn_mut(), &id, &new_body).unwrap();
    assert_eq!(
        (report.moved, report.fuzzy, report.orphaned),
        (1, 1, 1),
        "{report:?}"
    );
    let chars: Vec<char> = new_body.chars().collect();
    let at = |a: &annotations::Annotation| {
        chars[a.start.unwrap()..a.end.unwrap()]
            .iter()
            .collect::<String>()
    };
    let moved = annotations::get(lib.conn(), &keep.id).unwrap();
    assert_eq!(at(&moved), "Лавровим");
    let fuzzy = annotations::get(lib.conn(), &edit.id).unwrap();
    assert!(at(&fuzzy).contains("довгу телефонну"), "{}", at(&fuzzy));
    let orphan = annotations::get(lib.conn(), &lose.id).unwrap();
    assert!(orphan.orphaned);
    assert_eq!(orphan.exact, lose.exact, "the lost quote is kept");
    assert_eq!(annotations::orphaned(lib.conn()).unwrap().len(), 1);
    assert_eq!(
        search(lib.conn(), "has:orphan", Sort::Relevance, 5, 0)
            .unwrap()
            .total,
        1
    );
    assert_eq!(
        articles::get(lib.conn(), &id).unwrap().id,
        id,
        "the stable id stays"
    );
}

#[test]
fn notes_are_searchable_and_editable() {
    let (_d, mut lib, id) = demo();
    let a = annotations::create(
        lib.conn_mut(),
        &id,
        &quote("Лавровим", 1),
        "Перевірити дату дзвінка",
        None,
        &[],
    )
    .unwrap();
    let found = |q: &str| search(lib.conn(), q, Sort::Relevance, 5, 0).unwrap().total;
    assert_eq!(found("note:дати"), 1, "note words in any form");
    assert_eq!(found("note:\"дату дзвінка\""), 1);
    assert_eq!(found("has:annotation"), 1);
    assert_eq!(found("-has:annotation"), 4);
    annotations::update(
        lib.conn_mut(),
        &a.id,
        Some("інша примітка"),
        Some(Some("#00ff00")),
        Some(&["x".into()]),
    )
    .unwrap();
    let found = |q: &str| search(lib.conn(), q, Sort::Relevance, 5, 0).unwrap().total;
    assert_eq!(found("note:дати"), 0);
    assert_eq!(found("note:примітка"), 1);
    let a = annotations::get(lib.conn(), &a.id).unwrap();
    assert_eq!(
        (a.color.as_deref(), a.tags.clone()),
        (Some("#00ff00"), vec!["x".to_owned()])
    );
    annotations::delete(lib.conn(), &a.id).unwrap();
    assert!(annotations::delete(lib.conn(), &a.id).is_err());
    assert_eq!(
        search(lib.conn(), "has:annotation", Sort::Relevance, 5, 0)
            .unwrap()
            .total,
        0
    );
}
