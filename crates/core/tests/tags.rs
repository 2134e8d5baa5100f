//! Tags: hierarchy, bulk tagging by ids and by query, rename, merge, delete.

mod common;

use litopys_core::search::{matching_ids, search, Sort};
use litopys_core::store::tags;
use litopys_core::{Error, Library};

fn demo() -> (tempfile::TempDir, Library) {
    let (dir, mut lib) = common::temp_library();
    litopys_core::demo::add_samples(&mut lib).unwrap();
    (dir, lib)
}

fn total(lib: &Library, q: &str) -> i64 {
    search(lib.conn(), q, Sort::Relevance, 10, 0).unwrap().total
}

fn count_of(lib: &Library, name: &str) -> Option<i64> {
    tags::list(lib.conn())
        .unwrap()
        .into_iter()
        .find(|t| t.name == name)
        .map(|t| t.count)
}

#[test]
fn tag_by_ids_and_by_query_with_hierarchy() {
    let (_d, mut lib) = demo();
    let all = matching_ids(lib.conn(), "lang:uk").unwrap();
    assert_eq!(
        tags::add(lib.conn_mut(), "war/diplomacy/geneva", &all[..2]).unwrap(),
        2
    );
    // Tagging again changes nothing.
    assert_eq!(
        tags::add(lib.conn_mut(), "War/Diplomacy/Geneva", &all[..2]).unwrap(),
        0
    );
    let n = tags::add_by_query(lib.conn_mut(), "war", "Лавров lang:ru").unwrap();
    assert_eq!(n, 1);
    assert_eq!(
        total(&lib, "tag:war"),
        3,
        "a parent's filter includes its children"
    );
    assert_eq!(total(&lib, "tag:war/diplomacy"), 2);
    assert_eq!(total(&lib, "tag:war -tag:war/diplomacy/geneva"), 1);
    assert_eq!(total(&lib, "tag:war/diplomacy/geneva OR lang:ru"), 3);
    assert_eq!(
        tags::remove_by_query(lib.conn_mut(), "war", "lang:ru").unwrap(),
        1
    );
    assert_eq!(count_of(&lib, "war"), Some(0));
    assert_eq!(
        tags::remove(lib.conn_mut(), "war/diplomacy/geneva", &all[..1]).unwrap(),
        1
    );
    assert_eq!(count_of(&lib, "war/diplomacy/geneva"), Some(1));
}

#[test]
fn invalid_names_unknown_ids_and_colours_change_nothing() {
    let (_d, mut lib) = demo();
    for bad in ["", " / ", "a//b", "war/*", "tab\there"] {
        assert!(
            matches!(
                tags::add(lib.conn_mut(), bad, &[1]),
                Err(Error::InvalidInput(_))
            ),
            "{bad:?}"
        );
    }
    assert!(matches!(
        tags::article_ids(lib.conn(), &["ffffffff".into()]),
        Err(Error::ArticleNotFound(_))
    ));
    assert!(tags::describe(lib.conn(), "x", Some("red"), None).is_err());
    assert!(tags::list(lib.conn())
        .unwrap()
        .iter()
        .all(|t| t.name == "x" || t.count > 0));
    tags::describe(lib.conn(), "x", Some("#A0B0C0"), Some("Перевірити")).unwrap();
    let x = tags::list(lib.conn())
        .unwrap()
        .into_iter()
        .find(|t| t.name == "x")
        .unwrap();
    assert_eq!(
        (x.color.as_deref(), x.description.as_deref()),
        (Some("#a0b0c0"), Some("Перевірити"))
    );
}

#[test]
fn rename_merge_and_delete_move_the_subtree() {
    let (_d, mut lib) = demo();
    let all = matching_ids(lib.conn(), "").unwrap();
    tags::add(lib.conn_mut(), "war/geneva", &all[..2]).unwrap();
    tags::add(lib.conn_mut(), "war", &all[2..3]).unwrap();
    tags::add(lib.conn_mut(), "talks/geneva", &all[1..4]).unwrap();

    tags::rename(lib.conn_mut(), "war", "conflict").unwrap();
    assert_eq!(count_of(&lib, "conflict/geneva"), Some(2));
    assert_eq!(count_of(&lib, "war/geneva"), None);
    assert!(
        tags::rename(lib.conn_mut(), "conflict", "talks").is_err(),
        "names meet: merge instead"
    );

    let impact = tags::impact(lib.conn(), "conflict").unwrap();
    assert_eq!(
        (impact.articles, impact.subtags.clone()),
        (3, vec!["conflict/geneva".to_owned()])
    );
    tags::merge(lib.conn_mut(), "conflict", "talks").unwrap();
    // conflict/geneva (0,1) ∪ talks/geneva (1,2,3) = 4 articles, no duplicates.
    assert_eq!(count_of(&lib, "talks/geneva"), Some(4));
    assert_eq!(count_of(&lib, "talks"), Some(1));
    assert!(tags::merge(lib.conn_mut(), "talks", "talks/geneva").is_err());

    let gone = tags::delete(lib.conn_mut(), "talks").unwrap();
    assert_eq!(gone.articles, 4);
    assert!(tags::list(lib.conn()).unwrap().is_empty());
    assert_eq!(total(&lib, ""), 5, "articles stay");
}
