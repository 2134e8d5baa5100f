//! Removing articles (issue 19): by id and by query, with their tags,
//! annotations, counts, index and stories following; the trash keeps them
//! as bundle lines, puts them back losslessly and forgets them after 30 days.

mod harness;

use std::path::Path;

use litopys_core::removal::{self, RemovalReport};
use litopys_core::search::{search, Sort};
use litopys_core::store::annotations::{self, Target};
use litopys_core::store::trash::{self, Which};
use litopys_core::store::{articles, stories, tags};
use litopys_core::{Error, Library};
use serde_json::json;

/// A library with the five sample articles; the id of the one about Blinken.
fn samples() -> (tempfile::TempDir, Library, String) {
    let (dir, mut lib) = harness::temp_library();
    litopys_core::demo::add_samples(&mut lib).unwrap();
    let id = hits(&lib, "Блінкен зажадав")[0].clone();
    (dir, lib, id)
}

fn hits(lib: &Library, query: &str) -> Vec<String> {
    search(lib.conn(), query, Sort::Relevance, 100, 0)
        .unwrap()
        .hits
        .into_iter()
        .map(|h| h.id)
        .collect()
}

fn tag_count(lib: &Library, name: &str) -> i64 {
    tags::list(lib.conn())
        .unwrap()
        .into_iter()
        .find(|t| t.name == name)
        .map_or(-1, |t| t.count)
}

/// Tags the article `verify` (red) and puts a tagged note on a quote in it.
fn curate(lib: &mut Library, id: &str) {
    let internal = tags::article_ids(lib.conn(), &[id.to_owned()]).unwrap();
    tags::add(lib.conn_mut(), "verify", &internal).unwrap();
    tags::describe(lib.conn(), "verify", Some("#cc0000"), Some("check it")).unwrap();
    annotations::create(
        lib.conn_mut(),
        id,
        &Target::Quote {
            text: "Блінкен".into(),
            occurrence: 1,
        },
        "who said it",
        None,
        &["people/blinken".into()],
    )
    .unwrap();
}

#[test]
fn removing_an_article_takes_its_tags_notes_counts_and_index_and_undo_brings_all_back() {
    let (_d, mut lib, id) = samples();
    curate(&mut lib, &id);
    let before = articles::stats(lib.conn()).unwrap();

    let report = removal::remove_ids(&mut lib, std::slice::from_ref(&id)).unwrap();
    assert_eq!(report.removed, 1);
    assert_eq!(report.annotations, 1);
    assert_eq!(report.ids, std::slice::from_ref(&id));
    assert!(matches!(
        articles::get(lib.conn(), &id),
        Err(Error::ArticleNotFound(_))
    ));
    assert!(
        hits(&lib, "Блінкен зажадав").is_empty(),
        "still in the index"
    );
    assert!(hits(&lib, "note:who").is_empty(), "its note is still found");
    let after = articles::stats(lib.conn()).unwrap();
    assert_eq!(after.articles, before.articles - 1);
    assert_eq!(
        after.by_source.values().sum::<i64>(),
        before.by_source.values().sum::<i64>() - 1
    );
    assert_eq!(tag_count(&lib, "verify"), 0);
    let annotated: i64 = lib
        .conn()
        .query_row("SELECT count(*) FROM annotations", [], |r| r.get(0))
        .unwrap();
    assert_eq!(annotated, 0);
    let listed = trash::list(lib.conn()).unwrap();
    assert_eq!(listed.len(), 1);
    assert_eq!(listed[0].id, id);
    assert_eq!(Some(listed[0].removal), report.removal);

    // The tag itself goes too: the trash keeps its colour and description.
    tags::delete(lib.conn_mut(), "verify").unwrap();
    let back = removal::restore(&mut lib, &Which::Removal(report.removal.unwrap())).unwrap();
    assert_eq!((back.restored, back.already_there), (1, 0), "{back:?}");
    assert!(back.failed.is_empty(), "{:?}", back.failed);
    assert_eq!(articles::get(lib.conn(), &id).unwrap().id, id);
    assert_eq!(hits(&lib, "Блінкен зажадав"), std::slice::from_ref(&id));
    assert_eq!(hits(&lib, "note:who"), std::slice::from_ref(&id));
    assert_eq!(articles::stats(lib.conn()).unwrap(), before);
    let verify = tags::list(lib.conn())
        .unwrap()
        .into_iter()
        .find(|t| t.name == "verify")
        .expect("the tag is back");
    assert_eq!(verify.count, 1);
    assert_eq!(verify.color.as_deref(), Some("#cc0000"));
    assert_eq!(verify.description.as_deref(), Some("check it"));
    let internal = tags::article_ids(lib.conn(), std::slice::from_ref(&id)).unwrap()[0];
    let notes = annotations::of_article(lib.conn(), internal).unwrap();
    assert_eq!(notes.len(), 1);
    assert_eq!(notes[0].note, "who said it");
    assert_eq!(notes[0].tags, ["people/blinken"]);
    assert!(!notes[0].orphaned);
    assert!(trash::list(lib.conn()).unwrap().is_empty());
}

#[test]
fn removing_by_query_removes_every_match_and_nothing_else() {
    let (_d, mut lib, _) = samples();
    let all = hits(&lib, "");
    let chosen = hits(&lib, "Женева OR Блінкен");
    assert!(chosen.len() >= 2 && chosen.len() < all.len(), "{chosen:?}");
    assert_eq!(
        removal::count_query(lib.conn(), "Женева OR Блінкен").unwrap(),
        chosen.len() as u64
    );
    let report = removal::remove_query(&mut lib, "Женева OR Блінкен").unwrap();
    assert_eq!(report.removed, chosen.len() as u64);
    let mut gone = report.ids.clone();
    gone.sort();
    let mut expected = chosen.clone();
    expected.sort();
    assert_eq!(gone, expected);
    let left = hits(&lib, "");
    assert_eq!(left.len(), all.len() - chosen.len());
    assert!(left.iter().all(|id| !chosen.contains(id)));
    assert_eq!(
        articles::count(lib.conn()).unwrap() as usize,
        all.len() - chosen.len()
    );

    let back = removal::restore(&mut lib, &Which::All).unwrap();
    assert_eq!(back.restored, chosen.len() as u64);
    assert_eq!(hits(&lib, "").len(), all.len());
}

#[test]
fn an_unknown_id_removes_nothing() {
    let (_d, mut lib, id) = samples();
    let n = articles::count(lib.conn()).unwrap();
    let err = removal::remove_ids(&mut lib, &[id, "0123456789abcdef".into()]).unwrap_err();
    assert_eq!(err.code(), "not_found", "{err}");
    assert_eq!(articles::count(lib.conn()).unwrap(), n);
    assert!(trash::list(lib.conn()).unwrap().is_empty());
}

#[test]
fn an_empty_query_is_refused_rather_than_removing_the_library() {
    let (_d, mut lib, _) = samples();
    let err = removal::remove_query(&mut lib, "  ").unwrap_err();
    assert_eq!(err.code(), "invalid_input");
    assert_eq!(articles::count(lib.conn()).unwrap(), 5);
}

#[test]
fn a_query_matching_nothing_removes_nothing_and_adds_no_removal() {
    let (_d, mut lib, _) = samples();
    let report = removal::remove_query(&mut lib, "nosuchwordanywhere").unwrap();
    assert_eq!(report, RemovalReport::default());
    assert_eq!(trash::count(lib.conn()).unwrap(), 0);
}

#[test]
fn restoring_an_id_not_in_the_trash_says_so() {
    let (_d, mut lib, _) = samples();
    let err = removal::restore(&mut lib, &Which::Ids(vec!["abcdef12".into()])).unwrap_err();
    assert_eq!(err.code(), "not_found");
    assert!(err.to_string().contains("trash"), "{err}");
}

#[test]
fn an_article_imported_again_after_removal_takes_back_its_notes_from_the_trash() {
    let (_d, mut lib, id) = samples();
    curate(&mut lib, &id);
    removal::remove_ids(&mut lib, std::slice::from_ref(&id)).unwrap();
    litopys_core::demo::add_samples(&mut lib).unwrap();
    assert!(annotations::of_article(
        lib.conn(),
        tags::article_ids(lib.conn(), std::slice::from_ref(&id)).unwrap()[0]
    )
    .unwrap()
    .is_empty());
    let back = removal::restore(&mut lib, &Which::Ids(vec![id[..8].to_owned()])).unwrap();
    assert_eq!((back.restored, back.already_there), (0, 1));
    assert_eq!(tag_count(&lib, "verify"), 1);
    assert_eq!(trash::count(lib.conn()).unwrap(), 0);
}

// Regression (issue 19): a removed article's story partner kept showing a
// story of two whose other member was gone.
#[test]
fn a_removed_reprint_leaves_its_original_without_a_story() {
    let (dir, mut lib) = harness::temp_library();
    let body = std::str::from_utf8(litopys_core::demo::SAMPLES[0].1)
        .unwrap()
        .split_once('\n')
        .unwrap()
        .1
        .trim()
        .to_owned();
    let ids = import_jsonl(
        &mut lib,
        dir.path(),
        &[
            json!({"title": "Original", "body": body, "source": "a.ua", "date": "2022-02-01"}),
            json!({"title": "Reprint", "body": format!("{body}\n\nПідписуйтесь на наш канал."),
                   "source": "b.ua", "date": "2022-02-02"}),
        ],
    );
    let story = stories::of_article(lib.conn(), &ids[0])
        .unwrap()
        .expect("a story of two");
    assert_eq!(story.size, 2);

    removal::remove_ids(&mut lib, &ids[1..]).unwrap();
    assert!(stories::of_article(lib.conn(), &ids[0]).unwrap().is_none());
    assert!(stories::list(lib.conn(), 2).unwrap().is_empty());

    removal::restore(&mut lib, &Which::All).unwrap();
    let story = stories::of_article(lib.conn(), &ids[0])
        .unwrap()
        .expect("together again");
    assert_eq!(story.size, 2);
}

fn import_jsonl(lib: &mut Library, dir: &Path, items: &[serde_json::Value]) -> Vec<String> {
    let path = dir.join("items.jsonl");
    let lines: Vec<String> = items.iter().map(|v| v.to_string()).collect();
    std::fs::write(&path, lines.join("\n")).unwrap();
    let (totals, reports) = harness::import(lib, &[path], &Default::default());
    assert_eq!(totals.failed, 0, "{reports:?}");
    reports.into_iter().map(|r| r.id.unwrap()).collect()
}

#[test]
fn the_trash_forgets_what_was_removed_more_than_30_days_ago_when_the_library_opens() {
    let (dir, mut lib, id) = samples();
    removal::remove_ids(&mut lib, std::slice::from_ref(&id)).unwrap();
    let other = hits(&lib, "")[0].clone();
    removal::remove_ids(&mut lib, std::slice::from_ref(&other)).unwrap();
    lib.conn()
        .execute(
            "UPDATE trash SET removed_at = '2020-01-01T00:00:00Z' WHERE uid = ?1",
            [&id],
        )
        .unwrap();
    drop(lib);
    let lib = Library::open(&dir.path().join("test.litopys")).unwrap();
    let left = trash::list(lib.conn()).unwrap();
    assert_eq!(left.len(), 1);
    assert_eq!(left[0].id, other);
}
