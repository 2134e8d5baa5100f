//! Team sync against a real PostgreSQL: members converge, deletions and
//! untagging propagate, the clock keeps an offline edit from being lost or
//! from resurrecting what was deleted after it.

mod support;

use litopys_core::search::saved;
use litopys_core::store::annotations::{self, Target};
use litopys_core::store::tags;
use litopys_core::Library;
use litopys_team::{link, Role};
use support::*;

#[test]
fn two_members_converge_on_articles_tags_notes_and_saved_searches() {
    let Some(mut t) = team() else { return };
    let mut ann = t.admin();
    let mut bob = t.member(&ann, "bob", Role::Editor);
    let ids = add_articles(&mut ann, &[TEXT_A, TEXT_B]);
    add_articles(&mut bob, &[TEXT_C]);
    let a0 = internal_id(&ann, &ids[0]);
    tags::add(ann.conn_mut(), "war/diplomacy", &[a0]).unwrap();
    tags::describe(ann.conn(), "war/diplomacy", Some("#aa0000"), Some("talks")).unwrap();
    annotations::create(
        ann.conn_mut(),
        &ids[0],
        &Target::Quote {
            text: "обмін полоненими".into(),
            occurrence: 1,
        },
        "key outcome",
        None,
        &["war".to_string()],
    )
    .unwrap();
    saved::save(bob.conn(), "energy", "енергетика").unwrap();

    let first = t.sync(&mut ann);
    assert_eq!(first.pushed.get("article"), Some(&2), "{first:?}");
    t.sync(&mut bob);
    t.sync(&mut ann);

    assert_eq!(snapshot(&ann), snapshot(&bob));
    assert_eq!(
        snapshot(&ann)
            .keys()
            .filter(|k| k.starts_with("article "))
            .count(),
        3
    );
    let b0 = internal_id(&bob, &ids[0]);
    assert_eq!(
        tags::of_article(bob.conn(), b0).unwrap(),
        vec!["war/diplomacy".to_string()]
    );
    let notes = annotations::of_article(bob.conn(), b0).unwrap();
    assert_eq!(notes.len(), 1);
    assert_eq!(notes[0].note, "key outcome");
    assert_eq!(
        link::annotation_authors(bob.conn(), &ids[0]).unwrap(),
        vec![(notes[0].id.clone(), "ann".to_string())]
    );
    assert!(saved::get(ann.conn(), "energy").is_ok());

    // Nothing left to do: a second sync moves nothing either way.
    let again = t.sync(&mut bob);
    assert!(
        again.pushed.is_empty() && again.pulled.is_empty(),
        "{again:?}"
    );
}

#[test]
fn untag_and_deletions_propagate() {
    let Some(mut t) = team() else { return };
    let mut ann = t.admin();
    let mut bob = t.member(&ann, "bob", Role::Editor);
    let ids = add_articles(&mut ann, &[TEXT_A, TEXT_B]);
    let (a0, a1) = (internal_id(&ann, &ids[0]), internal_id(&ann, &ids[1]));
    tags::add(ann.conn_mut(), "energy", &[a0, a1]).unwrap();
    let note = annotations::create(
        ann.conn_mut(),
        &ids[1],
        &Target::Article,
        "check",
        None,
        &[],
    )
    .unwrap();
    saved::save(ann.conn(), "talks", "Женева").unwrap();
    t.sync(&mut ann);
    t.sync(&mut bob);
    let b0 = internal_id(&bob, &ids[0]);
    assert_eq!(
        tags::of_article(bob.conn(), b0).unwrap(),
        vec!["energy".to_string()]
    );

    // Bob untags one article, deletes the note and the saved search.
    tags::remove(bob.conn_mut(), "energy", &[b0]).unwrap();
    annotations::delete(bob.conn(), &note.id).unwrap();
    saved::delete(bob.conn(), "talks").unwrap();
    t.sync(&mut bob);
    let pulled = t.sync(&mut ann);
    assert_eq!(pulled.pulled.get("article_tag"), Some(&1), "{pulled:?}");
    assert!(tags::of_article(ann.conn(), a0).unwrap().is_empty());
    assert_eq!(
        tags::of_article(ann.conn(), a1).unwrap(),
        vec!["energy".to_string()]
    );
    assert!(annotations::get(ann.conn(), &note.id).is_err());
    assert!(saved::get(ann.conn(), "talks").is_err());

    // Ann removes an article; it goes from Bob's library too.
    litopys_core::removal::remove_ids(&mut ann, &[ids[1].clone()]).unwrap();
    t.sync(&mut ann);
    t.sync(&mut bob);
    let left: i64 = bob
        .conn()
        .query_row(
            "SELECT count(*) FROM articles WHERE uid = ?1",
            [&ids[1]],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(left, 0);
    assert_eq!(snapshot(&ann), snapshot(&bob));
}

/// Ann and Bob, synced, both holding Ann's note on one article.
fn two_members_sharing_a_note() -> Option<(Team, Library, Library, annotations::Annotation)> {
    let mut t = team()?;
    let mut ann = t.admin();
    let mut bob = t.member(&ann, "bob", Role::Editor);
    let ids = add_articles(&mut ann, &[TEXT_A]);
    let note = annotations::create(
        ann.conn_mut(),
        &ids[0],
        &Target::Article,
        "draft",
        None,
        &[],
    )
    .unwrap();
    t.sync(&mut ann);
    t.sync(&mut bob);
    Some((t, ann, bob, note))
}

#[test]
fn offline_edit_older_than_a_delete_it_never_saw_does_not_resurrect() {
    let Some((t, mut ann, mut bob, note)) = two_members_sharing_a_note() else {
        return;
    };

    // Bob edits offline; later Ann deletes the note and syncs; then Bob syncs.
    annotations::update(bob.conn_mut(), &note.id, Some("bob's edit"), None, None).unwrap();
    std::thread::sleep(std::time::Duration::from_millis(20));
    annotations::delete(ann.conn(), &note.id).unwrap();
    t.sync(&mut ann);
    t.sync(&mut bob);
    t.sync(&mut ann);
    assert!(
        annotations::get(bob.conn(), &note.id).is_err(),
        "resurrected at bob"
    );
    assert!(
        annotations::get(ann.conn(), &note.id).is_err(),
        "resurrected at ann"
    );
    assert_eq!(snapshot(&ann), snapshot(&bob));
}

#[test]
fn offline_edit_newer_than_a_delete_is_not_lost() {
    let Some((t, mut ann, mut bob, note)) = two_members_sharing_a_note() else {
        return;
    };

    annotations::delete(ann.conn(), &note.id).unwrap();
    t.sync(&mut ann);
    std::thread::sleep(std::time::Duration::from_millis(20));
    // Bob has not seen the delete; his edit comes after it.
    annotations::update(bob.conn_mut(), &note.id, Some("still needed"), None, None).unwrap();
    t.sync(&mut bob);
    t.sync(&mut ann);
    assert_eq!(
        annotations::get(ann.conn(), &note.id).unwrap().note,
        "still needed"
    );
    assert_eq!(snapshot(&ann), snapshot(&bob));
}

#[test]
fn renamed_tag_follows_on_other_members() {
    let Some(mut t) = team() else { return };
    let mut ann = t.admin();
    let mut bob = t.member(&ann, "bob", Role::Editor);
    let ids = add_articles(&mut ann, &[TEXT_A]);
    let a0 = internal_id(&ann, &ids[0]);
    tags::add(ann.conn_mut(), "talks", &[a0]).unwrap();
    t.sync(&mut ann);
    t.sync(&mut bob);
    tags::rename(bob.conn_mut(), "talks", "war/talks").unwrap();
    t.sync(&mut bob);
    t.sync(&mut ann);
    assert_eq!(
        tags::of_article(ann.conn(), a0).unwrap(),
        vec!["war/talks".to_string()]
    );
    assert!(tags::list(ann.conn())
        .unwrap()
        .iter()
        .all(|t| t.name != "talks"));
    assert_eq!(snapshot(&ann), snapshot(&bob));
}

#[test]
fn a_member_joining_later_gets_everything_including_tags_of_edited_articles() {
    let Some(mut t) = team() else { return };
    let mut ann = t.admin();
    let ids = add_articles(&mut ann, &[TEXT_A, TEXT_B]);
    let a0 = internal_id(&ann, &ids[0]);
    tags::add(ann.conn_mut(), "energy", &[a0]).unwrap();
    t.sync(&mut ann);
    // The article changes after its tag was shared: it comes later in the feed.
    let edit = litopys_core::store::articles::MetadataEdit {
        title: Some("Geneva talks".into()),
        ..Default::default()
    };
    litopys_core::store::articles::update_metadata(ann.conn(), &ids[0], &edit).unwrap();
    t.sync(&mut ann);
    let mut cid = t.member(&ann, "cid", Role::Reader);
    let report = t.sync(&mut cid);
    assert_eq!(report.pulled.get("article"), Some(&2), "{report:?}");
    assert_eq!(snapshot(&ann), snapshot(&cid));
}

/// Regression (first sync of 10,000 articles took 134 s): a push now goes in
/// chunks of 1,000 rows a statement; a push of several chunks must still
/// arrive whole, with tags before what refers to them.
#[test]
fn a_push_of_several_chunks_arrives_whole() {
    let Some(mut t) = team() else { return };
    let mut ann = t.admin();
    let mut bob = t.member(&ann, "bob", Role::Editor);
    let ids = add_articles(&mut ann, &[TEXT_A, TEXT_B]);
    let a0 = internal_id(&ann, &ids[0]);
    for i in 0..1_200 {
        tags::add(ann.conn_mut(), &format!("topic/{i:04}"), &[a0]).unwrap();
        saved::save(ann.conn(), &format!("search {i:04}"), "енергетика").unwrap();
    }
    let pushed = t.sync(&mut ann).pushed;
    assert!(pushed.get("tag").is_some_and(|n| *n >= 1_200), "{pushed:?}");
    assert_eq!(pushed.get("saved_search"), Some(&1_200), "{pushed:?}");
    assert_eq!(pushed.get("article_tag"), Some(&1_200), "{pushed:?}");
    t.sync(&mut bob);
    assert_eq!(snapshot(&ann), snapshot(&bob));
    let b0 = internal_id(&bob, &ids[0]);
    assert_eq!(tags::of_article(bob.conn(), b0).unwrap().len(), 1_200);
    assert!(link::pending(ann.conn()).unwrap().is_empty());
}
