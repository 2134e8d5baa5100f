//! The query language on a small library with metadata: every operator and
//! field, facets, histogram, more-like-this, saved searches, and fuzzed input.

mod harness;

use std::io::Write;

use litopys_core::import::ImportOptions;
use litopys_core::search::{
    histogram, more_like_this, saved, search, search_with_timeline, Bucket, Sort,
};
use litopys_core::{Error, Library};

/// (title, body, source, date, language); the test names articles by position 1..=6.
type Fixture = (
    &'static str,
    &'static str,
    Option<&'static str>,
    Option<&'static str>,
    &'static str,
);

const ARTICLES: &[Fixture] = &[
    (
        "Переговори у Женеві",
        "Лавров і Блінкен провели переговори у Женеві. Росія висунула ультиматум НАТО.",
        Some("lenta.ua"),
        Some("2022-01-15"),
        "uk",
    ),
    (
        "Ультиматум Кремля",
        "Кремль вимагає гарантій безпеки. Переговорів не буде, заявив речник.",
        Some("www.pravda.com.ua"),
        Some("2022-02-03"),
        "uk",
    ),
    (
        "Лавров о переговорах",
        "Министр Лавров заявил, что переговоры в Женеве были полезными.",
        Some("ria.ru"),
        Some("2022-02-20"),
        "ru",
    ),
    (
        "Зустріч у Швейцарії",
        "Байден і Путін зустрілися у Швейцарії. Мирні переговори тривали чотири години.",
        Some("lenta.ua"),
        Some("2021-06-16"),
        "uk",
    ),
    (
        "Без даты",
        "Переговоры о мирном урегулировании. Подписывайтесь на наш канал.",
        None,
        None,
        "ru",
    ),
    (
        "Geneva talks",
        "Lavrov and Blinken met in Geneva for talks.",
        Some("bbc.com"),
        Some("2022-03-01T10:00:00Z"),
        "other",
    ),
];

fn library() -> (tempfile::TempDir, Library) {
    let (dir, mut lib) = harness::temp_library();
    let path = dir.path().join("fixture.jsonl");
    let mut f = std::fs::File::create(&path).unwrap();
    for (title, body, source, date, lang) in ARTICLES {
        let line = serde_json::json!({
            "title": title, "text": body, "source": source, "published_at": date, "language": lang,
        });
        writeln!(f, "{line}").unwrap();
    }
    drop(f);
    let (totals, _) = harness::import(&mut lib, &[path], &ImportOptions::default());
    assert_eq!(totals.imported, ARTICLES.len() as u64);
    (dir, lib)
}

/// Positions (1-based) of the articles `q` finds, in order.
fn found(lib: &Library, q: &str) -> Vec<usize> {
    let r = search(lib.conn(), q, Sort::Relevance, 100, 0).unwrap_or_else(|e| panic!("{q:?}: {e}"));
    assert_eq!(r.total as usize, r.hits.len(), "{q:?}");
    let mut out: Vec<usize> = r
        .hits
        .iter()
        .map(|h| 1 + ARTICLES.iter().position(|a| a.0 == h.title).unwrap())
        .collect();
    out.sort();
    out
}

fn query_error(lib: &Library, q: &str) -> String {
    match search(lib.conn(), q, Sort::Relevance, 10, 0) {
        Err(e @ Error::InvalidQuery(_)) => e.to_string(),
        other => panic!("{q:?} should be refused with a message, got {other:?}"),
    }
}

#[test]
fn words_phrases_and_prefixes() {
    let (_d, lib) = library();
    assert_eq!(found(&lib, "Лавров Блінкен"), [1]);
    assert_eq!(found(&lib, "\"мирні переговори\""), [4]);
    assert_eq!(found(&lib, "«мирні переговори»"), [4]);
    assert!(found(&lib, "\"переговори мирні\"").is_empty());
    // A quoted word is that form only; bare, it is every form.
    assert_eq!(found(&lib, "\"переговорів\""), [2]);
    let any_form = found(&lib, "переговорів");
    assert!(
        [1, 2, 4].iter().all(|i| any_form.contains(i)),
        "{any_form:?}"
    );
    assert_eq!(found(&lib, "перегов*"), [1, 2, 3, 4, 5]);
    assert_eq!(found(&lib, "title:перегов*"), [1, 3]);
}

#[test]
fn or_not_and_parentheses() {
    let (_d, lib) = library();
    assert_eq!(found(&lib, "Байден OR Блінкен"), [1, 4]);
    assert_eq!(found(&lib, "переговори -Лавров"), [2, 4, 5]);
    assert_eq!(found(&lib, "переговори NOT Лавров"), [2, 4, 5]);
    assert_eq!(found(&lib, "-Лавров"), [2, 4, 5, 6]);
    assert_eq!(found(&lib, "(Байден OR Блінкен) ультиматум"), [1]);
    assert_eq!(found(&lib, "переговори -(Лавров OR Байден)"), [2, 5]);
    // Unbalanced and lone operators are read leniently, not refused.
    assert_eq!(found(&lib, "(Байден OR Блінкен"), [1, 4]);
    assert_eq!(found(&lib, "Байден OR"), [4]);
    assert_eq!(found(&lib, "OR Байден )"), [4]);
    assert_eq!(found(&lib, "\"мирні переговори"), [4]);
}

#[test]
fn near_groups() {
    let (_d, lib) = library();
    assert_eq!(found(&lib, "NEAR(Лавров Блінкен, 2)"), [1]);
    assert!(found(&lib, "NEAR(Лавров ультиматум, 3)").is_empty());
    assert_eq!(found(&lib, "NEAR(Лавров ультиматум, 12)"), [1]);
    // Word forms apply inside NEAR too: "переговоры" / "Женеве".
    assert_eq!(found(&lib, "NEAR(Лавров переговори,5)"), [1, 3]);
}

#[test]
fn fields() {
    let (_d, lib) = library();
    assert_eq!(found(&lib, "title:ультиматум"), [2]);
    assert_eq!(found(&lib, "ультиматум"), [1, 2]);
    assert_eq!(found(&lib, "title:(Кремля OR Женеві)"), [1, 2]);
    assert_eq!(found(&lib, "source:lenta.ua"), [1, 4]);
    assert_eq!(found(&lib, "source:LENTA"), [1, 4]);
    assert_eq!(found(&lib, "source:pravda.com.ua"), [2]);
    assert_eq!(found(&lib, "source:ua"), [1, 2, 4]);
    assert_eq!(found(&lib, "source:len*"), [1, 4]);
    assert!(found(&lib, "source:nowhere.example").is_empty());
    // An article without a source is not from lenta.ua.
    assert_eq!(found(&lib, "-source:lenta"), [2, 3, 5, 6]);
    assert_eq!(found(&lib, "lang:ru"), [3, 5]);
    assert_eq!(found(&lib, "Лавров lang:ru"), [3]);
    assert_eq!(found(&lib, "Лавров OR source:bbc.com"), [1, 3, 6]);
    assert!(query_error(&lib, "lang:xx").contains("lang:"));
}

#[test]
fn dates() {
    let (_d, lib) = library();
    assert_eq!(found(&lib, "after:2022-02"), [2, 3, 6]);
    assert_eq!(found(&lib, "after:2022-02-20"), [3, 6]);
    assert_eq!(found(&lib, "before:2022"), [4]);
    assert_eq!(found(&lib, "date:2022-02"), [2, 3]);
    assert_eq!(found(&lib, "date:2022-01..2022-02"), [1, 2, 3]);
    assert_eq!(found(&lib, "date:..2021"), [4]);
    assert_eq!(found(&lib, "date:2022-03-01"), [6]);
    assert_eq!(found(&lib, "переговори after:2022"), [1, 2, 3]);
    for bad in [
        "after:2022-13",
        "before:yesterday",
        "date:2022-02-30",
        "date:..",
    ] {
        assert!(query_error(&lib, bad).contains("date like"), "{bad}");
    }
}

#[test]
fn tags_filter_with_their_children() {
    let (_d, lib) = library();
    let c = lib.conn();
    c.execute_batch(
        "INSERT INTO tags (name, key, created_at, updated_at) VALUES
            ('War', 'war', '', ''), ('War/Diplomacy', 'war/diplomacy', '', '');
         INSERT INTO article_tags SELECT 1, id FROM articles WHERE title = 'Ультиматум Кремля';
         INSERT INTO article_tags SELECT 2, id FROM articles WHERE title = 'Переговори у Женеві';",
    )
    .unwrap();
    assert_eq!(found(&lib, "tag:war"), [1, 2]);
    assert_eq!(found(&lib, "tag:war/*"), [1, 2]);
    assert_eq!(found(&lib, "tag:War/Diplomacy"), [1]);
    assert_eq!(found(&lib, "tag:war -tag:war/diplomacy"), [2]);
    assert_eq!(found(&lib, "tag:war/diplomacy OR lang:ru"), [1, 3, 5]);
    assert!(found(&lib, "tag:peace").is_empty());
    let r = search(c, "переговори", Sort::Relevance, 10, 0).unwrap();
    assert_eq!(r.facets.tag.get("War/Diplomacy"), Some(&1));
    assert_eq!(r.facets.tag.get("War"), Some(&1));
}

#[test]
fn facets_histogram_and_sorting() {
    let (_d, lib) = library();
    let r = search(lib.conn(), "", Sort::Newest, 100, 0).unwrap();
    assert_eq!(r.total, 6);
    assert_eq!(r.facets.month.get("2022-02"), Some(&2));
    assert_eq!(r.facets.month.get("unknown"), Some(&1));
    assert_eq!(r.facets.year.get("2022"), Some(&4));
    assert_eq!(r.facets.source.get("lenta.ua"), Some(&2));
    let dates: Vec<_> = r.hits.iter().map(|h| h.published_at.clone()).collect();
    assert_eq!(dates.last(), Some(&None), "undated last");
    assert_eq!(dates[0].as_deref(), Some("2022-03-01T10:00:00Z"));
    let oldest = search(lib.conn(), "", Sort::Oldest, 1, 0).unwrap();
    assert_eq!(oldest.hits[0].published_at.as_deref(), Some("2021-06-16"));

    let h = histogram(lib.conn(), "", Bucket::Month).unwrap();
    let want = [
        ("2021-06", 1),
        ("2022-01", 1),
        ("2022-02", 2),
        ("2022-03", 1),
    ];
    let got: Vec<(&str, i64)> = h.buckets.iter().map(|(p, n)| (p.as_str(), *n)).collect();
    assert_eq!((got.as_slice(), h.undated), (want.as_slice(), 1));
    // 2022-01-15 is a Saturday: its week starts on Monday the 10th.
    let w = histogram(lib.conn(), "Блінкен", Bucket::Week).unwrap();
    assert_eq!(w.buckets, [("2022-01-10".to_owned(), 1)]);
    let d = histogram(lib.conn(), "lang:ru", Bucket::Day).unwrap();
    assert_eq!((d.buckets.len(), d.undated), (1, 1));
}

/// The window asks for the results and the timeline in one call: they must
/// be what the two separate calls give, for words, filters and both together.
#[test]
fn search_with_timeline_equals_search_and_histogram() {
    let (_d, lib) = library();
    for q in [
        "",
        "Женева",
        "lang:ru",
        "переговори -Блінкен",
        "source:lenta.ua Лавров",
        "ультиматум OR Женева",
    ] {
        for bucket in [Bucket::Day, Bucket::Week, Bucket::Month, Bucket::Year] {
            let (r, h) = search_with_timeline(lib.conn(), q, Sort::Newest, 3, 0, bucket).unwrap();
            assert_eq!(
                r,
                search(lib.conn(), q, Sort::Newest, 3, 0).unwrap(),
                "{q:?}"
            );
            assert_eq!(
                h,
                histogram(lib.conn(), q, bucket).unwrap(),
                "{q:?} {bucket:?}"
            );
        }
    }
}

#[test]
fn more_like_this_finds_the_related_story_not_itself() {
    let (_d, mut lib) = harness::temp_library();
    litopys_core::demo::add_samples(&mut lib).unwrap();
    let all = search(lib.conn(), "", Sort::Newest, 10, 0).unwrap();
    let first = &all.hits[0];
    let similar = more_like_this(lib.conn(), &first.id, 10).unwrap();
    assert!(!similar.is_empty());
    assert!(similar.iter().all(|h| h.id != first.id));
    assert!(similar.windows(2).all(|w| w[0].score >= w[1].score));
    assert!(matches!(
        more_like_this(lib.conn(), "ffffffffffff", 10),
        Err(Error::ArticleNotFound(_))
    ));
}

#[test]
fn saved_searches_round_trip() {
    let (_d, lib) = library();
    let c = lib.conn();
    saved::save(c, "Geneva", "Женева OR Geneva").unwrap();
    saved::save(c, "Ru", "lang:ru").unwrap();
    saved::save(c, "Ru", "lang:ru -source:ria.ru").unwrap();
    let all = saved::list(c).unwrap();
    assert_eq!(all.len(), 2);
    assert_eq!(saved::get(c, "Ru").unwrap().query, "lang:ru -source:ria.ru");
    assert!(matches!(
        saved::save(c, "bad", "lang:xx"),
        Err(Error::InvalidQuery(_))
    ));
    assert!(saved::save(c, "  ", "x").is_err());
    saved::delete(c, "Geneva").unwrap();
    assert!(saved::delete(c, "Geneva").is_err());
    assert_eq!(saved::list(c).unwrap().len(), 1);
}

#[test]
fn hostile_and_random_input_gives_results_or_a_message() {
    let (_d, lib) = library();
    let fixed = [
        "\"",
        "AND",
        "NEAR(",
        "NEAR()",
        "NEAR(,)",
        "*",
        "**",
        "'; DROP TABLE articles; --",
        "title:",
        "title:()",
        "😀",
        "(((",
        ")))",
        "OR OR",
        "-",
        "- -",
        "NOT",
        "NOT NOT x",
        "a AND",
        "\"\"",
        "source:",
        "tag:",
        "lang:",
        "date:",
        "title:\"",
        "NEAR(a b, -1)",
        "NEAR(a b, 99999999999)",
        "x:y:z",
        "^a",
        "a + b",
        "{title}: a",
        "col : a",
        "\"a\" * b",
        "a*b*",
        "~стем",
        "ъ",
        "\u{0}",
        "skip:",
        "skip:skip:",
        "skip:(",
        "skip:\"\"",
        "перегов* skip:переговори",
        "Лавров skip:лавров",
        "-skip:лаврова Лавров",
        "NEAR(Лавров skip:лаврова ультиматум)",
    ];
    let deep = "(".repeat(10_000);
    let negations = "-".repeat(5_000) + "x";
    let long = "слово ".repeat(2_000);
    let junk: String = (0..10_000)
        .map(|i| ['a', '"', '(', ')', '*', '-', ' ', ':', 'я'][i % 9])
        .collect();
    let skips = format!("Лавров {}", "skip:лаврова ".repeat(2_000));
    let mut inputs: Vec<String> = fixed.iter().map(|s| s.to_string()).collect();
    inputs.extend([deep, negations, long, junk, skips]);
    // Random strings over the characters and words that mean something to the parser.
    let pieces = [
        "\"",
        "«",
        "»",
        "(",
        ")",
        "*",
        "-",
        " ",
        ":",
        ",",
        "OR ",
        "AND ",
        "NOT ",
        "NEAR(",
        "title:",
        "source:",
        "lang:",
        "tag:",
        "after:",
        "date:",
        "skip:",
        "..",
        "2022",
        "-01",
        "Лавров",
        "перегов",
        "обов’язково",
        "c",
        "5",
        "😀",
        "'",
        "\\",
        "\u{301}",
    ];
    let mut seed = 0x9E37_79B9_7F4A_7C15_u64;
    for _ in 0..3000 {
        let mut q = String::new();
        for _ in 0..(seed % 12) {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            q.push_str(pieces[(seed % pieces.len() as u64) as usize]);
        }
        inputs.push(q);
        seed = seed.wrapping_add(1);
    }
    for q in &inputs {
        match search(lib.conn(), q, Sort::Relevance, 5, 0) {
            Ok(_) | Err(Error::InvalidQuery(_)) => {}
            Err(e) => panic!("{:?} gave {e:?}", q.chars().take(80).collect::<String>()),
        }
    }
}
