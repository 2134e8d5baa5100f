//! Re-indexing articles already in stories (issue 16): a slice of the queue
//! reads its articles' anchor holders ahead through a second connection, as
//! committed before the slice, and merges in what the slice itself changed
//! (the old postings of the articles it re-indexes, the new ones it writes).
//! Debug builds check every merged list against a seek in the transaction;
//! these tests give that check slices whose articles all had postings.

mod harness;

use harness::stories::{article, drop_words, library_of, russian, story_of};
use litopys_core::store::stories;
use litopys_core::Library;

const BOOKS: [&str; 5] = [
    "book_100.txt",
    "book_105.txt",
    "book_115.txt",
    "book_117.txt",
    "book_124.txt",
];

/// Five stories of three copies each (an original, a copy with every 13th
/// word dropped, a copy with a lead), from five outlets.
fn five_stories() -> Vec<serde_json::Value> {
    let mut items = Vec::new();
    for (s, book) in BOOKS.iter().enumerate() {
        let text = russian(book);
        let copies = [
            text.clone(),
            drop_words(&text, 13),
            format!("Как сообщает агентство, {text}"),
        ];
        for (c, body) in copies.iter().enumerate() {
            let source = format!("outlet{c}.ru");
            let date = format!("2022-03-0{}T0{c}:00:00Z", s + 1);
            items.push(article(
                &format!("{s}/{c}"),
                body,
                Some(&source),
                Some(&date),
            ));
        }
    }
    items
}

/// Every link, as (uid, uid) pairs in order.
fn links(lib: &Library) -> Vec<(String, String)> {
    let mut stmt = lib
        .conn()
        .prepare(
            "SELECT x.uid, y.uid FROM story_links l
             JOIN articles x ON x.id = l.a JOIN articles y ON y.id = l.b ORDER BY 1, 2",
        )
        .unwrap();
    stmt.query_map([], |r| Ok((r.get(0).unwrap(), r.get(1).unwrap())))
        .unwrap()
        .map(Result::unwrap)
        .collect()
}

fn requeue_all_and_flush(lib: &mut Library) {
    lib.conn()
        .execute(
            "INSERT OR IGNORE INTO story_pending SELECT id FROM articles",
            [],
        )
        .unwrap();
    stories::flush_all(lib.conn_mut(), &mut |_, _| {}).unwrap();
}

#[test]
fn a_slice_reindexing_every_article_finds_the_links_the_import_found() {
    let (_dir, mut lib, ids) = library_of(&five_stories());
    let imported = links(&lib);
    // 3 links in each story of three.
    assert_eq!(imported.len(), 15, "{imported:?}");
    requeue_all_and_flush(&mut lib);
    assert_eq!(links(&lib), imported);
    for (i, id) in ids.iter().enumerate() {
        let s = story_of(&lib, id).expect("every article is in a story");
        assert_eq!(s.size, 3, "article {i}");
    }
}

#[test]
fn a_slice_reindexing_changed_texts_moves_them_to_their_new_story() {
    let (_dir, mut lib, ids) = library_of(&five_stories());
    // The third copy of story 0 now carries story 4's text: re-queued by the
    // triggers with every other article, its old postings must not count.
    lib.conn()
        .execute(
            "UPDATE articles SET body = ?1 WHERE uid = ?2",
            [&drop_words(&russian(BOOKS[4]), 17), &ids[2]],
        )
        .unwrap();
    requeue_all_and_flush(&mut lib);
    let moved = story_of(&lib, &ids[2]).expect("the changed copy is in a story");
    let four = story_of(&lib, &ids[12]).expect("story 4");
    assert_eq!(moved.id, four.id);
    assert_eq!(four.size, 4);
    assert_eq!(story_of(&lib, &ids[0]).map(|s| s.size), Some(2));
}
