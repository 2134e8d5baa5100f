//! Stories wider than the candidate bound (issue 16): only an anchor's
//! first holders are paired with the others (`stories::FIRST_HOLDERS`), and
//! a pair sharing a single common anchor is not compared. A story reprinted
//! by more outlets than that must still be one story, on import as after a
//! rebuild, and its first publisher must stay the original.

mod harness;

use harness::stories::{article, drop_words, import, seed, story_of};

use litopys_core::store::stories;

/// Regression guard for the bound: 45 outlets republishing one story (more
/// than twice `FIRST_HOLDERS`), whole, trimmed, edited or with a credit lead,
/// imported in three batches.
#[test]
fn a_story_republished_by_more_outlets_than_the_candidate_bound_is_one_story() {
    let copies = 2 * stories::FIRST_HOLDERS + 5;
    let (dir, mut lib) = harness::temp_library();
    let body = seed(2);
    let words: Vec<&str> = body.split(' ').collect();
    let original = import(
        &mut lib,
        dir.path(),
        "original",
        &[article(
            "Оригінал",
            &body,
            Some("origin.ua"),
            Some("2022-03-01T08:00:00Z"),
        )],
    );
    let mut all = original.clone();
    let mut batch = Vec::new();
    for i in 0..copies {
        // Each copy its own text (identical ones would be merged on import).
        let text = match i % 4 {
            0 => format!("{body}\n\nФото: outlet-{i}"),
            1 => words[..words.len() * 2 / 3 - i].join(" "),
            2 => drop_words(&body, 9 + i),
            _ => format!("Як повідомляє outlet-{}, {body}", i + 1),
        };
        batch.push(article(
            &format!("Передрук {i}"),
            &text,
            Some(&format!("outlet-{i}.example")),
            Some(&format!("2022-03-{:02}T10:00:00Z", 2 + i % 20)),
        ));
        if batch.len() == copies / 3 || i + 1 == copies {
            all.extend(import(&mut lib, dir.path(), &format!("b{i}"), &batch));
            batch.clear();
        }
    }
    assert_eq!(all.len(), copies + 1);
    let check = |lib: &litopys_core::Library, when: &str| {
        let story = story_of(lib, &original[0]).expect("the original is in a story");
        let detail = stories::detail(lib.conn(), &story.id).expect("story detail");
        let mut members: Vec<String> = detail.articles.iter().map(|m| m.id.clone()).collect();
        members.sort();
        let mut expected = all.clone();
        expected.sort();
        assert_eq!(members, expected, "{when}: every copy in the one story");
        assert_eq!(
            detail.first.as_deref(),
            Some(original[0].as_str()),
            "{when}"
        );
    };
    check(&lib, "after import");
    stories::rebuild(lib.conn_mut(), &mut |_, _| {}).expect("rebuild");
    check(&lib, "after a rebuild");
}
