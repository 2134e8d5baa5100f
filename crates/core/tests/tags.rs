//! Tags: hierarchy, bulk tagging by ids and by query, rename, merge, delete.

mod harness;

use litopys_core::search::{matching_ids, search, Sort};
use litopys_core::store::annotations::{self, Target};
use litopys_core::store::tags;
use litopys_core::tagging;
use litopys_core::{Error, Library};

fn demo() -> (tempfile::TempDir, Library) {
    let (dir, mut lib) = harness::temp_library();
    litopys_core::demo::add_samples(&mut lib).unwrap();
    (dir, lib)
}

fn total(lib: &Library, q: &str) -> i64 {
    search(lib.conn(), q, Sort::Relevance, 10, 0).unwrap().total
}

/// How many articles a tag change touched.
fn changed(change: litopys_core::Result<tags::TagChange>) -> usize {
    change.unwrap().articles.len()
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
        changed(tags::add(lib.conn_mut(), "war/diplomacy/geneva", &all[..2])),
        2
    );
    // Tagging again changes nothing.
    assert_eq!(
        changed(tags::add(lib.conn_mut(), "War/Diplomacy/Geneva", &all[..2])),
        0
    );
    let n = changed(tagging::tag_matching(
        lib.conn_mut(),
        "war",
        "Лавров lang:ru",
    ));
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
        changed(tagging::untag_matching(lib.conn_mut(), "war", "lang:ru")),
        1
    );
    assert_eq!(count_of(&lib, "war"), Some(0));
    assert_eq!(
        changed(tags::remove(
            lib.conn_mut(),
            "war/diplomacy/geneva",
            &all[..1]
        )),
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

fn sorted(mut ids: Vec<String>) -> Vec<String> {
    ids.sort();
    ids
}

#[test]
fn tag_change_names_only_the_articles_that_changed_so_undo_reverts_exactly_them() {
    let (_d, mut lib) = demo();
    let all = harness::found(&lib, "");
    let first = tags::article_ids(lib.conn(), &all[..1]).unwrap();
    tags::add(lib.conn_mut(), "verify", &first).unwrap();

    // Tagging every article by query changes the four that lacked the tag,
    // under the tag's stored spelling.
    let change = tagging::tag_matching(lib.conn_mut(), "Verify", "").unwrap();
    assert_eq!(change.tag, "verify");
    assert_eq!(sorted(change.articles.clone()), all[1..].to_vec());

    // Undo removes exactly those: the article tagged before keeps its tag.
    let internal = tags::article_ids(lib.conn(), &change.articles).unwrap();
    let undone = tags::remove(lib.conn_mut(), "verify", &internal).unwrap();
    assert_eq!(sorted(undone.articles), all[1..].to_vec());
    assert_eq!(harness::found(&lib, "tag:verify"), all[..1].to_vec());

    // Untagging by query names only the article that had the tag; undoing
    // that (tagging those again) restores it and nothing else.
    let removed = tagging::untag_matching(lib.conn_mut(), "verify", "").unwrap();
    assert_eq!(removed.articles, all[..1].to_vec());
    let internal = tags::article_ids(lib.conn(), &removed.articles).unwrap();
    let redone = tags::add(lib.conn_mut(), "verify", &internal).unwrap();
    assert_eq!(redone.articles, all[..1].to_vec());
    assert_eq!(count_of(&lib, "verify"), Some(1));

    // Internal ids of articles that do not exist change nothing and are not reported.
    let ghost = tags::add(lib.conn_mut(), "verify", &[i64::MAX]).unwrap();
    assert!(ghost.articles.is_empty());
}

/// Regression: a tag used only on annotations showed 0 in the sidebar and
/// `tag:` found nothing.
#[test]
fn a_tag_only_on_notes_counts_its_annotations_and_finds_their_articles() {
    let (_d, mut lib) = demo();
    let all = harness::found(&lib, "");
    let noted = &all[2];
    for note in ["check the date", "and the source"] {
        annotations::create(
            lib.conn_mut(),
            noted,
            &Target::Article,
            note,
            None,
            &["verify/source".to_owned()],
        )
        .unwrap();
    }
    let tag = tags::list(lib.conn())
        .unwrap()
        .into_iter()
        .find(|t| t.name == "verify/source")
        .unwrap();
    assert_eq!((tag.count, tag.annotations), (0, 2));

    assert_eq!(
        harness::found(&lib, "tag:verify/source"),
        vec![noted.clone()]
    );
    assert_eq!(
        harness::found(&lib, "tag:verify"),
        vec![noted.clone()],
        "a parent's filter includes notes tagged below it"
    );

    // Articles tagged and articles with tagged notes together, each once.
    let other = tags::article_ids(lib.conn(), &all[..1]).unwrap();
    tags::add(lib.conn_mut(), "verify/source", &other).unwrap();
    let both = sorted(vec![all[0].clone(), noted.clone()]);
    assert_eq!(harness::found(&lib, "tag:verify"), both);
    assert_eq!(total(&lib, "-tag:verify"), 3);
    assert_eq!(total(&lib, "tag:verify OR tag:nothing-like-it"), 2);
    assert_eq!(total(&lib, "tag:nothing-like-it"), 0);

    // Deleting the notes takes their articles out of the filter.
    let notes = annotations::of_article(
        lib.conn(),
        tags::article_ids(lib.conn(), std::slice::from_ref(noted)).unwrap()[0],
    )
    .unwrap();
    for n in notes {
        annotations::delete(lib.conn(), &n.id).unwrap();
    }
    assert_eq!(harness::found(&lib, "tag:verify"), all[..1].to_vec());
}
