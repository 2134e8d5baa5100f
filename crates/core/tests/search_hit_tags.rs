//! Hits carry their articles' tags, so result rows can show them.

mod harness;

use litopys_core::search::{matching_ids, search, Sort};
use litopys_core::store::tags;

#[test]
fn search_hits_carry_their_articles_tags() {
    let (_dir, mut lib) = harness::temp_library();
    litopys_core::demo::add_samples(&mut lib).unwrap();
    let ru = matching_ids(lib.conn(), "Лавров lang:ru").unwrap();
    let uk = matching_ids(lib.conn(), "Лавров lang:uk").unwrap();
    assert_eq!((ru.len(), uk.len()), (1, 4));
    tags::add(lib.conn_mut(), "verify", &ru).unwrap();
    tags::add(lib.conn_mut(), "war/diplomacy", &ru).unwrap();
    tags::add(lib.conn_mut(), "war/diplomacy", &uk[..1]).unwrap();

    // Ranked (snippets from the index) and by date (no words): both carry
    // tags, sorted by name, and untagged hits carry none.
    for q in ["Лавров", ""] {
        let r = search(lib.conn(), q, Sort::Newest, 50, 0).unwrap();
        let tagged: Vec<(i64, Vec<String>)> = r
            .hits
            .iter()
            .filter(|h| !h.tags.is_empty())
            .map(|h| {
                let id = tags::article_ids(lib.conn(), std::slice::from_ref(&h.id)).unwrap()[0];
                (id, h.tags.clone())
            })
            .collect();
        let mut expected = vec![
            (ru[0], vec!["verify".to_owned(), "war/diplomacy".to_owned()]),
            (uk[0], vec!["war/diplomacy".to_owned()]),
        ];
        expected.sort();
        let mut tagged = tagged;
        tagged.sort();
        assert_eq!(tagged, expected, "{q:?}");
    }
}
