//! Story clusters (issue 16): reprints found over the story text, first
//! publishers, the traps (shared boilerplate, one-line flashes, duplicates
//! of one outlet, missing dates, huge texts), incremental = rebuild, search
//! filters and export columns. Real articles from `../shared`, real libraries.
//!
//! (Over 500 lines: the scenarios share one labelled library built from the
//! corpora; split, each file would rebuild it.)

mod harness;

use harness::stories::{article, drop_words, import, russian, seed, story_of};

use std::sync::atomic::AtomicBool;

use litopys_core::export::{export, Format, Selection};
use litopys_core::search::{self, Sort};
use litopys_core::store::{blocks, stories};
use litopys_core::text::blocks::{classify, BlockClass};
use litopys_core::text::reuse;
use litopys_core::Library;

/// Inserts `extra` after every `every`-th word (a light edit).
fn insert_words(text: &str, every: usize, extra: &str) -> String {
    let mut out = Vec::new();
    for (i, w) in text.split(' ').enumerate() {
        out.push(w.to_owned());
        if i % every == every - 1 {
            out.push(extra.to_owned());
        }
    }
    out.join(" ")
}

const PROMO: &str = "Підписуйтесь на наш Telegram-канал\n\nЧитайте також: Курс валют на сьогодні";

#[test]
fn full_reprint_under_a_new_headline_is_one_story_first_published_by_the_original() {
    let (dir, mut lib) = harness::temp_library();
    let body = seed(0);
    let ids = import(
        &mut lib,
        dir.path(),
        "a",
        &[
            article("Оригінал", &body, Some("site-a.ua"), Some("2022-02-01")),
            article(
                "Зовсім інший заголовок",
                &format!("{body}\n\n{PROMO}"),
                Some("site-b.ua"),
                Some("2022-02-02"),
            ),
            article(
                "Інша новина",
                &seed(1),
                Some("site-a.ua"),
                Some("2022-02-01"),
            ),
        ],
    );
    let s = story_of(&lib, &ids[1]).expect("the reprint is in a story");
    assert_eq!(s.size, 2);
    assert_eq!(s.first.as_deref(), Some(ids[0].as_str()));
    assert!(story_of(&lib, &ids[0]).is_some_and(|o| o.is_first && o.id == s.id));
    assert_eq!(
        story_of(&lib, &ids[2]),
        None,
        "an unrelated article stays alone"
    );
    let list = stories::list(lib.conn(), 2).unwrap();
    assert_eq!(list.len(), 1);
    assert_eq!(list[0].sources, 2);
    // The story id is the uid of the member imported first.
    assert_eq!(list[0].id, ids[0]);
}

#[test]
fn trimmed_russian_reprint_is_contained_in_its_original() {
    let (dir, mut lib) = harness::temp_library();
    let body = format!("{}\n\n{}", russian("book_100.txt"), russian("book_105.txt"));
    let half: String = body.split(' ').take(180).collect::<Vec<_>>().join(" ");
    let ids = import(
        &mut lib,
        dir.path(),
        "a",
        &[
            article("Акция протеста", &body, Some("a.ru"), Some("2010-06-28")),
            article("Кратко", &half, Some("b.ru"), Some("2010-06-29T08:00:00Z")),
        ],
    );
    let s = story_of(&lib, &ids[1]).expect("trimmed reprint joins");
    assert_eq!(s.first.as_deref(), Some(ids[0].as_str()));
    let d = stories::detail(lib.conn(), &s.id).unwrap();
    let trimmed = d.articles.iter().find(|a| a.id == ids[1]).unwrap();
    assert!(trimmed.reused > 0.95, "reused {}", trimmed.reused);
    let original = d.articles.iter().find(|a| a.id == ids[0]).unwrap();
    assert!(original.reused < 0.7, "only part of the original was taken");
}

#[test]
fn edited_reprints_with_an_added_lead_and_changed_words_join_in_both_languages() {
    let (dir, mut lib) = harness::temp_library();
    let uk = seed(2);
    let ru = russian("book_115.txt");
    let ids = import(
        &mut lib,
        dir.path(),
        "a",
        &[
            article("Новина", &uk, Some("a.ua"), Some("2022-03-01")),
            article(
                "Передрук",
                &format!(
                    "Як повідомляє видання a.ua,\n\n{}",
                    drop_words(&insert_words(&uk, 25, "нібито"), 31)
                ),
                Some("b.ua"),
                Some("2022-03-01T12:00:00Z"),
            ),
            article("Новость", &ru, Some("a.ru"), Some("2010-07-01")),
            article(
                "Перепечатка",
                &format!(
                    "Как сообщает издание a.ru,\n\n{}",
                    drop_words(&insert_words(&ru, 20, "якобы"), 27)
                ),
                Some("b.ru"),
                Some("2010-07-02"),
            ),
        ],
    );
    let uk_story = story_of(&lib, &ids[1]).expect("edited Ukrainian reprint joins");
    let ru_story = story_of(&lib, &ids[3]).expect("edited Russian reprint joins");
    assert_ne!(uk_story.id, ru_story.id);
    assert_eq!(uk_story.size, 2);
    assert_eq!(ru_story.first.as_deref(), Some(ids[2].as_str()));
    // The shared passages are code points into each body and hold the same words.
    let pair = stories::pair(lib.conn(), &ids[2], &ids[3]).unwrap();
    assert!(pair.shared.len() > 3, "edits split the text into passages");
    let a: Vec<char> = litopys_core::store::articles::get(lib.conn(), &ids[2])
        .unwrap()
        .body
        .chars()
        .collect();
    let b: Vec<char> = litopys_core::store::articles::get(lib.conn(), &ids[3])
        .unwrap()
        .body
        .chars()
        .collect();
    for s in &pair.shared {
        let ta: String = a[s.a_start..s.a_end].iter().collect();
        let tb: String = b[s.b_start..s.b_end].iter().collect();
        assert_eq!(ta.to_lowercase(), tb.to_lowercase());
    }
}

#[test]
fn unrelated_articles_of_one_outlet_sharing_long_boilerplate_are_not_one_story() {
    let (dir, mut lib) = harness::temp_library();
    // One line over 200 characters: too long for the learner to take as boilerplate.
    let boiler = "Редакція сайту не несе відповідальності за зміст матеріалів, \
        розміщених користувачами, а також за зміст рекламних оголошень; \
        будь-яке використання матеріалів сайту дозволяється лише за умови \
        посилання на джерело, а для інтернет-видань обов'язкове пряме \
        гіперпосилання, відкрите для пошукових систем, розміщене в першому \
        абзаці тексту; думка авторів може не збігатися з позицією редакції, \
        усі права захищені відповідно до законодавства України";
    let items: Vec<serde_json::Value> = ["book_117.txt", "book_124.txt", "book_127.txt"]
        .iter()
        .map(|n| {
            let body = russian(n);
            let short: String = body.split(' ').take(60).collect::<Vec<_>>().join(" ");
            article(n, &format!("{short}\n\n{boiler}"), Some("one.ua"), None)
        })
        .collect();
    let ids = import(&mut lib, dir.path(), "a", &items);
    for id in &ids {
        assert_eq!(story_of(&lib, id), None, "{id} glued by boilerplate");
    }
}

/// `body` with `line` as its second paragraph (the seeds end with lists of
/// other headlines, where an appended line would not be story).
fn quoting(body: &str, line: &str) -> String {
    match body.split_once("\n\n") {
        Some((head, rest)) => format!("{head}\n\n{line}\n\n{rest}"),
        None => format!("{line}\n\n{body}"),
    }
}

#[test]
fn a_one_line_flash_does_not_glue_two_stories() {
    let (dir, mut lib) = harness::temp_library();
    // One line of 45 words: long for a flash, still under MIN_STORY_WORDS.
    let flash = "Терміново: у Києві пролунали вибухи, повітряна тривога триває \
        в усіх областях країни, жителів просять залишатися в укриттях до відбою, \
        у Києві працюють сили протиповітряної оборони, про наслідки атаки \
        повідомлять пізніше, міська влада просить не знімати роботу ППО \
        і не поширювати фото та відео з місць падіння уламків сьогодні";
    let words = reuse::story_words(flash, &classify(flash), reuse::MAX_WORDS);
    assert!(words.len() < stories::MIN_STORY_WORDS);
    // Enough samples to link on their own: only the length rule keeps it out.
    assert!(reuse::samples(&words).len() > stories::MIN_SHARED);
    let ids = import(
        &mut lib,
        dir.path(),
        "a",
        &[
            article("Flash", flash, Some("a.ua"), Some("2022-03-01")),
            article("X", &quoting(&seed(3), flash), Some("b.ua"), None),
            article("Y", &quoting(&seed(4), flash), Some("c.ua"), None),
        ],
    );
    for id in &ids {
        assert_eq!(story_of(&lib, id), None, "{id} was glued by a flash");
    }
}

#[test]
fn missing_dates_and_ties_are_said_in_the_first_publisher_note() {
    let (dir, mut lib) = harness::temp_library();
    let (a, b, c) = (seed(0), seed(1), seed(2));
    let ids = import(
        &mut lib,
        dir.path(),
        "a",
        &[
            article("a1", &a, Some("x"), None),
            article("a2", &format!("{a}\n\n{PROMO}"), Some("y"), None),
            article("b1", &b, Some("x"), Some("2022-01-05")),
            article(
                "b2",
                &format!("{b}\n\n{PROMO}"),
                Some("y"),
                Some("2022-01-05T09:00:00Z"),
            ),
            article("c1", &c, Some("x"), Some("2022-01-07")),
            article("c2", &format!("{c}\n\n{PROMO}"), Some("y"), None),
        ],
    );
    let undated = stories::detail(lib.conn(), &story_of(&lib, &ids[0]).unwrap().id).unwrap();
    assert_eq!(undated.first, None);
    assert!(undated
        .first_note
        .unwrap()
        .contains("no member has a publication date"));
    let tie = stories::detail(lib.conn(), &story_of(&lib, &ids[2]).unwrap().id).unwrap();
    assert_eq!(tie.first.as_deref(), Some(ids[2].as_str()));
    assert!(tie.first_note.unwrap().starts_with("tie: 2 members"));
    let some = stories::detail(lib.conn(), &story_of(&lib, &ids[4]).unwrap().id).unwrap();
    assert_eq!(some.first.as_deref(), Some(ids[4].as_str()));
    assert!(some.first_note.unwrap().contains("1 member without a date"));
    assert_eq!(some.timeline.len(), 1);
}

#[test]
fn identical_text_from_one_source_is_a_duplicate_not_a_reprint() {
    let (dir, mut lib) = harness::temp_library();
    let body = seed(3);
    let ids = import(
        &mut lib,
        dir.path(),
        "a",
        &[
            article("Один", &body, Some("same.ua"), Some("2022-01-01")),
            article(
                "Той самий",
                &format!("{body}\n\n{PROMO}"),
                Some("same.ua"),
                Some("2022-01-02"),
            ),
        ],
    );
    let s = story_of(&lib, &ids[1]).expect("duplicates share a story");
    assert_eq!(s.size, 2);
    let found = search::search(lib.conn(), "has:reprints", Sort::Newest, 10, 0).unwrap();
    assert_eq!(found.total, 0, "one outlet's copies are not reprints");
    assert!(stories::network(lib.conn()).unwrap().is_empty());
}

#[test]
fn a_10_mb_text_is_read_only_up_to_the_word_cap_and_still_matches_its_reprint() {
    let (dir, mut lib) = harness::temp_library();
    let base = seed(0);
    let mut huge = String::with_capacity(10 << 20);
    let mut n = 0;
    while huge.len() < 10 << 20 {
        huge.push_str(&format!("Розділ {n}. {base}\n\n"));
        n += 1;
    }
    let head: String = huge.split(' ').take(800).collect::<Vec<_>>().join(" ");
    let ids = import(
        &mut lib,
        dir.path(),
        "a",
        &[
            article("Huge", &huge, Some("a"), Some("2022-01-01")),
            article("Head", &head, Some("b"), Some("2022-01-02")),
        ],
    );
    let s = story_of(&lib, &ids[1]).expect("the reprint of its start joins");
    let d = stories::detail(lib.conn(), &s.id).unwrap();
    assert_eq!(d.articles.len(), 2);
    let samples: i64 = lib
        .conn()
        .query_row(
            "SELECT max(length(samples)) / 8 FROM story_articles",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert!(samples <= (litopys_core::text::reuse::MAX_WORDS / 2) as i64);
}

fn all_stories(lib: &Library) -> Vec<(String, Vec<String>, Option<String>)> {
    let mut v: Vec<_> = stories::list(lib.conn(), 2)
        .unwrap()
        .into_iter()
        .map(|s| {
            let mut a = s.articles;
            a.sort();
            (s.id, a, s.first)
        })
        .collect();
    v.sort();
    v
}

#[test]
fn importing_in_batches_gives_the_same_stories_as_a_rebuild() {
    let (dir, mut lib) = harness::temp_library();
    let mut batches: Vec<Vec<serde_json::Value>> = vec![Vec::new(), Vec::new(), Vec::new()];
    for i in 0..5 {
        let body = seed(i);
        batches[0].push(article(
            &format!("o{i}"),
            &body,
            Some("a"),
            Some("2022-01-01"),
        ));
        batches[1].push(article(
            &format!("r{i}"),
            &format!("Як повідомляє a,\n\n{}", insert_words(&body, 30, "також")),
            Some("b"),
            Some("2022-01-02"),
        ));
        let half: String = body.split(' ').take(150).collect::<Vec<_>>().join(" ");
        batches[2].push(article(&format!("t{i}"), &half, Some("c"), None));
    }
    for (k, b) in batches.iter().enumerate() {
        import(&mut lib, dir.path(), &format!("b{k}"), b);
    }
    let incremental = all_stories(&lib);
    assert_eq!(incremental.len(), 5);
    assert!(
        incremental.iter().all(|(_, a, _)| a.len() == 3),
        "{incremental:?}"
    );
    stories::rebuild(lib.conn_mut(), &mut |_, _| {}).unwrap();
    assert_eq!(all_stories(&lib), incremental);
}

#[test]
fn marking_a_reprint_s_text_as_boilerplate_takes_it_out_of_the_story() {
    let (dir, mut lib) = harness::temp_library();
    let body = seed(1);
    let ids = import(
        &mut lib,
        dir.path(),
        "a",
        &[
            article("o", &body, Some("a"), Some("2022-01-01")),
            article(
                "r",
                &format!("{body}\n\n{PROMO}"),
                Some("b"),
                Some("2022-01-02"),
            ),
        ],
    );
    assert!(story_of(&lib, &ids[1]).is_some());
    let starts: Vec<usize> = blocks::of_article(lib.conn(), &ids[1])
        .unwrap()
        .iter()
        .map(|b| b.start)
        .collect();
    for s in starts {
        blocks::set_class(lib.conn(), &ids[1], s, Some(BlockClass::Boilerplate)).unwrap();
    }
    assert_eq!(story_of(&lib, &ids[1]), None);
    assert_eq!(story_of(&lib, &ids[0]), None);
}

#[test]
fn search_filters_and_sort_by_story_size_follow_the_stories() {
    let (dir, mut lib) = harness::temp_library();
    let (a, b) = (seed(0), seed(2));
    let ids = import(
        &mut lib,
        dir.path(),
        "a",
        &[
            article("a1", &a, Some("x"), Some("2022-01-01")),
            article(
                "a2",
                &format!("{a}\n\n{PROMO}"),
                Some("y"),
                Some("2022-01-02"),
            ),
            article(
                "a3",
                &format!("Як повідомляє x,\n\n{a}"),
                Some("z"),
                Some("2022-01-03"),
            ),
            article("b1", &b, Some("x"), Some("2022-01-01")),
            article(
                "b2",
                &format!("{b}\n\n{PROMO}"),
                Some("y"),
                Some("2022-01-04"),
            ),
            article("alone", &seed(4), Some("x"), Some("2022-01-09")),
        ],
    );
    let titles = |q: &str, sort: Sort| -> Vec<String> {
        search::search(lib.conn(), q, sort, 20, 0)
            .unwrap()
            .hits
            .into_iter()
            .map(|h| h.title)
            .collect()
    };
    let story_a = story_of(&lib, &ids[0]).unwrap().id;
    let mut in_a = titles(&format!("story:{story_a}"), Sort::Newest);
    in_a.sort();
    assert_eq!(in_a, ["a1", "a2", "a3"]);
    let mut first = titles("is:first", Sort::Newest);
    first.sort();
    assert_eq!(first, ["a1", "b1"]);
    assert_eq!(titles("has:reprints", Sort::Newest).len(), 5);
    assert_eq!(
        titles("", Sort::StorySize),
        ["a1", "a2", "a3", "b1", "b2", "alone"]
    );
    let r = search::search(lib.conn(), "source:y", Sort::Newest, 20, 0).unwrap();
    assert_eq!(r.facets.story.get("story"), Some(&2));
    assert_eq!(r.facets.story.get("first"), Some(&0));
    let bad = search::search(lib.conn(), "story:не-ід", Sort::Newest, 20, 0).unwrap_err();
    assert_eq!(bad.code(), "invalid_query");
}

#[test]
fn csv_export_names_each_article_s_story_and_first_publisher() {
    let (dir, mut lib) = harness::temp_library();
    let body = seed(0);
    let ids = import(
        &mut lib,
        dir.path(),
        "a",
        &[
            article("o", &body, Some("a"), Some("2022-01-01")),
            article(
                "r",
                &format!("{body}\n\n{PROMO}"),
                Some("b"),
                Some("2022-01-02"),
            ),
            article("alone", &seed(1), Some("a"), None),
        ],
    );
    let out = dir.path().join("out.csv");
    export(
        lib.conn(),
        &Selection::Query(String::new()),
        Format::Csv,
        &out,
        Default::default(),
        &AtomicBool::new(false),
        &mut |_, _| {},
    )
    .unwrap();
    let mut rd = csv::Reader::from_path(&out).unwrap();
    let head = rd.headers().unwrap().clone();
    let col = |n: &str| {
        head.iter()
            .position(|h| h.trim_start_matches('\u{feff}') == n)
            .unwrap()
    };
    let (id, sid, first) = (col("id"), col("story_id"), col("story_first"));
    let mut seen = 0;
    for row in rd.records() {
        let row = row.unwrap();
        if row[id] == ids[2] {
            assert_eq!((&row[sid], &row[first]), ("", ""));
        } else {
            assert_eq!((&row[sid], &row[first]), (ids[0].as_str(), ids[0].as_str()));
        }
        seen += 1;
    }
    assert_eq!(seen, 3);
}

#[test]
fn an_edited_date_moves_the_first_publisher() {
    let (dir, mut lib) = harness::temp_library();
    let body = seed(2);
    let ids = import(
        &mut lib,
        dir.path(),
        "a",
        &[
            article("o", &body, Some("a"), Some("2022-01-02")),
            article(
                "r",
                &format!("{body}\n\n{PROMO}"),
                Some("b"),
                Some("2022-01-03"),
            ),
        ],
    );
    assert_eq!(
        story_of(&lib, &ids[1]).unwrap().first.as_deref(),
        Some(ids[0].as_str())
    );
    let edit = litopys_core::store::articles::MetadataEdit {
        published_at: Some("2022-01-01".into()),
        ..Default::default()
    };
    litopys_core::store::articles::update_metadata(lib.conn(), &ids[1], &edit).unwrap();
    let s = story_of(&lib, &ids[1]).unwrap();
    assert!(s.is_first);
    assert_eq!(s.first.as_deref(), Some(ids[1].as_str()));
    let found = search::search(lib.conn(), "is:first", Sort::Newest, 10, 0).unwrap();
    assert_eq!(found.hits.len(), 1);
    assert_eq!(found.hits[0].id, ids[1]);
}
