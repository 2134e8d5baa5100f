//! Blocks stored beside the text: story-only search by default, `in:all`,
//! learning from the library, the user's choices, and the index kept consistent.

mod harness;

use litopys_core::edits;
use litopys_core::search::{search, Sort};
use litopys_core::store::{articles, blocks};
use litopys_core::text::blocks::{BlockClass, BlockReason};
use litopys_core::Library;

fn demo() -> Library {
    let mut lib = Library::open_in_memory().unwrap();
    litopys_core::demo::add_samples(&mut lib).unwrap();
    lib
}

fn total(lib: &Library, q: &str) -> i64 {
    search(lib.conn(), q, Sort::Relevance, 50, 0).unwrap().total
}

/// The external-content index agrees with what the triggers should have written.
fn assert_index_consistent(lib: &Library) {
    lib.conn()
        .execute(
            "INSERT INTO articles_fts (articles_fts, rank) VALUES ('integrity-check', 1)",
            [],
        )
        .unwrap();
}

#[test]
fn words_only_in_prompts_and_tails_are_not_found_unless_in_all() {
    let lib = demo();
    assert_eq!(total(&lib, "Telegram"), 0);
    assert_eq!(total(&lib, "in:all Telegram"), 3);
    assert_eq!(total(&lib, "Орбан"), 0);
    assert_eq!(total(&lib, "Орбан in:all"), 2);
    // Story words are found as before.
    assert_eq!(total(&lib, "Лавров"), 5);
    // Facets and snippets follow the same choice.
    let r = search(lib.conn(), "in:all Орбан", Sort::Relevance, 50, 0).unwrap();
    assert_eq!(r.facets.language.get("uk"), Some(&2));
    assert!(
        r.hits.iter().all(|h| h.marks.iter().any(|m| {
            h.snippet
                .chars()
                .skip(m.start)
                .take(m.end - m.start)
                .collect::<String>()
                .starts_with("Орбан") // any form: Орбан, Орбана, …
        })),
        "{:?}",
        r.hits
    );
    assert_eq!(total(&lib, "in:story Орбан"), 0);
    assert_index_consistent(&lib);
}

#[test]
fn a_bad_scope_is_a_clear_message() {
    let lib = demo();
    let err = search(lib.conn(), "in:sidebar Лавров", Sort::Relevance, 5, 0).unwrap_err();
    assert!(err.to_string().contains("in: takes all"), "{err}");
}

fn write(dir: &std::path::Path, name: &str, story: &str, site_line: &str) {
    let text = format!(
        "Заголовок {name} про переговори\n\n{story}\n{site_line}\nЩе один абзац історії номер {name}, без жодних повторів.\n"
    );
    std::fs::write(dir.join(format!("{name}.txt")), text).unwrap();
}

#[test]
fn a_line_recurring_in_a_source_is_learned_as_boilerplate_and_earlier_articles_follow() {
    let tmp = tempfile::tempdir().unwrap();
    let site = tmp.path().join("site");
    let other = tmp.path().join("other");
    std::fs::create_dir_all(&site).unwrap();
    std::fs::create_dir_all(&other).unwrap();
    let line = "Lenta.UA — єдині незалежні новини про події в Україні та світі";
    for (i, story) in [
        "Перша історія про дипломатів.",
        "Друга історія про санкції.",
        "Третя історія про фронт.",
        "Четверта історія про вибори.",
        "П'ята історія про погоду.",
    ]
    .iter()
    .enumerate()
    {
        write(&site, &format!("a{i}"), story, line);
    }
    write(&other, "b0", "Історія з іншого сайту.", line);
    let mut lib = Library::open_in_memory().unwrap();
    // One by one, so that learning happens across separate imports.
    let n = blocks::REPEAT_THRESHOLD;
    for i in 0..n {
        harness::import(
            &mut lib,
            &[site.join(format!("a{i}.txt"))],
            &Default::default(),
        );
        // Story until the line is in as many articles as the threshold; then
        // boilerplate in all of them, the earlier ones included.
        let expected = if i < n - 1 { 1 + i } else { 0 };
        assert_eq!(
            total(&lib, "незалежні"),
            expected,
            "after {} imports",
            i + 1
        );
    }
    harness::import(&mut lib, &[other], &Default::default());
    // Another folder (source) has seen the line once: it stays story there.
    assert_eq!(total(&lib, "незалежні"), 1);
    assert_eq!(total(&lib, "in:all незалежні"), n + 1);
    let hit = search(
        lib.conn(),
        "незалежні дипломатів in:all",
        Sort::Relevance,
        5,
        0,
    )
    .unwrap();
    let bl = blocks::of_article(lib.conn(), &hit.hits[0].id).unwrap();
    assert!(bl
        .iter()
        .any(|b| b.class == BlockClass::Boilerplate && b.reason == BlockReason::Repeated));
    assert_index_consistent(&lib);
}

#[test]
fn the_users_choice_is_kept_through_reclassification_and_edits() {
    let mut lib = demo();
    let id = search(lib.conn(), "Рубио", Sort::Relevance, 1, 0)
        .unwrap()
        .hits[0]
        .id
        .clone();
    let before = blocks::of_article(lib.conn(), &id).unwrap();
    let article = articles::get(lib.conn(), &id).unwrap();
    let chars: Vec<char> = article.body.chars().collect();
    // The story paragraph about Trump's concessions → boilerplate.
    let target = before
        .iter()
        .find(|b| {
            chars[b.start..b.end]
                .iter()
                .collect::<String>()
                .starts_with("Как сообщалось ранее")
        })
        .copied()
        .unwrap();
    assert_eq!(target.class, BlockClass::Story);
    assert_eq!(total(&lib, "уступки"), 1);
    let after =
        blocks::set_class(lib.conn(), &id, target.start, Some(BlockClass::Boilerplate)).unwrap();
    let b = after.iter().find(|b| b.start == target.start).unwrap();
    assert_eq!(
        (b.class, b.reason),
        (BlockClass::Boilerplate, BlockReason::User)
    );
    assert_eq!(total(&lib, "уступки"), 0);
    assert_eq!(total(&lib, "in:all уступки"), 1);
    // The related list at the end → story, by the user's word.
    let tail = after
        .iter()
        .rev()
        .find(|b| b.class == BlockClass::Related)
        .copied()
        .unwrap();
    blocks::set_class(lib.conn(), &id, tail.start, Some(BlockClass::Story)).unwrap();
    assert_index_consistent(&lib);

    // Re-classifying the whole library (a new classifier version) keeps both
    // choices, and puts the index's update trigger back as the migrations made it.
    let trigger = |lib: &Library| -> String {
        lib.conn()
            .query_row(
                "SELECT sql FROM sqlite_master WHERE name = 'articles_fts_update'",
                [],
                |r| r.get(0),
            )
            .unwrap()
    };
    let before = trigger(&lib);
    lib.conn()
        .execute("DELETE FROM library_meta WHERE key = 'blocks_version'", [])
        .unwrap();
    blocks::ensure_current(lib.conn_mut()).unwrap();
    assert_eq!(trigger(&lib), before);
    let again = blocks::of_article(lib.conn(), &id).unwrap();
    assert_eq!(
        again
            .iter()
            .filter(|b| b.reason == BlockReason::User)
            .count(),
        2
    );
    assert_eq!(total(&lib, "уступки"), 0);
    assert_index_consistent(&lib);

    // Editing the text: blocks are found again, the choice follows its line.
    let new_body = format!("Новый первый абзац о кенгуру.\n\n{}", article.body);
    edits::update_body(lib.conn_mut(), &id, &new_body).unwrap();
    let edited = blocks::of_article(lib.conn(), &id).unwrap();
    assert!(edited
        .iter()
        .any(|b| b.reason == BlockReason::User && b.class == BlockClass::Boilerplate));
    assert_eq!(total(&lib, "уступки"), 0);
    assert_eq!(total(&lib, "кенгуру"), 1);
    assert_index_consistent(&lib);

    // Back to what the classifier says.
    let start = edited
        .iter()
        .find(|b| b.class == BlockClass::Boilerplate && b.reason == BlockReason::User)
        .unwrap()
        .start;
    blocks::set_class(lib.conn(), &id, start, None).unwrap();
    assert_eq!(total(&lib, "уступки"), 1);
    assert_index_consistent(&lib);
}

#[test]
fn a_block_that_does_not_exist_is_a_clear_error_and_changes_nothing() {
    let lib = demo();
    let id = search(lib.conn(), "Рубио", Sort::Relevance, 1, 0)
        .unwrap()
        .hits[0]
        .id
        .clone();
    let before = blocks::of_article(lib.conn(), &id).unwrap();
    let err = blocks::set_class(lib.conn(), &id, 999_999, Some(BlockClass::Story)).unwrap_err();
    assert!(
        err.to_string().contains("no block starting at 999999"),
        "{err}"
    );
    assert_eq!(blocks::of_article(lib.conn(), &id).unwrap(), before);
}

#[test]
fn title_and_date_of_a_bare_text_come_from_the_story_not_the_tail() {
    let tmp = tempfile::tempdir().unwrap();
    let path = tmp.path().join("page.txt");
    std::fs::write(
        &path,
        "\n21.02.2025 19:36\nПерше речення історії про переговори у Женеві. Далі текст.\nДругий абзац історії.\n\
         Інша новина про погоду\n15:15 19 кві 2025.\nЩе одна новина про футбол\n14:55 19 кві 2025.\n",
    )
    .unwrap();
    let seed = harness::seeds().join("001_a69a3fb0b83d7f83.txt");
    let mut lib = Library::open_in_memory().unwrap();
    harness::import(&mut lib, &[path, seed], &Default::default());
    let page = articles::get(
        lib.conn(),
        &search(lib.conn(), "Женеві", Sort::Relevance, 1, 0)
            .unwrap()
            .hits[0]
            .id,
    )
    .unwrap();
    assert_eq!(page.title, "Перше речення історії про переговори у Женеві.");
    assert_eq!(page.published_at.as_deref(), Some("2025-02-21T19:36:00"));
    // The seed's tail is full of September 2025 timestamps; it states no date of its own.
    let seed = articles::get(
        lib.conn(),
        &search(lib.conn(), "Інтерфакс", Sort::Relevance, 1, 0)
            .unwrap()
            .hits[0]
            .id,
    )
    .unwrap();
    assert_eq!(seed.published_at, None);
    assert!(
        seed.title.starts_with("Росія, зіткнувшись"),
        "{}",
        seed.title
    );
}

#[test]
fn a_paragraph_of_links_in_an_html_page_is_boilerplate() {
    let tmp = tempfile::tempdir().unwrap();
    let page = tmp.path().join("page.html");
    let story =
        "Міністр закордонних справ заявив про нові переговори у Женеві щодо безпеки. ".repeat(6);
    std::fs::write(
        &page,
        format!(
            "<html><head><title>Переговори</title></head><body><article><h1>Переговори</h1>\
             <p>{story}</p><p>{story}</p>\
             <p><a href=\"/a\">Кремль відповів на ультиматум</a> <a href=\"/b\">Санкції посилено</a></p>\
             <p>{story}</p></article></body></html>"
        ),
    )
    .unwrap();
    let mut lib = Library::open_in_memory().unwrap();
    harness::import(&mut lib, &[page], &Default::default());
    assert_eq!(total(&lib, "ультиматум"), 0);
    assert_eq!(total(&lib, "in:all ультиматум"), 1);
    let id = search(lib.conn(), "Женеві", Sort::Relevance, 1, 0)
        .unwrap()
        .hits[0]
        .id
        .clone();
    assert!(blocks::of_article(lib.conn(), &id)
        .unwrap()
        .iter()
        .any(|b| b.reason == BlockReason::Links));
}
