//! Counts kept by triggers (`article_counts`) answer start-up, the timeline and
//! facets of queries that filter only by source, language and date: they must
//! equal a scan of the articles, through imports, edits and deletions.

mod harness;

use litopys_core::search::{facets, histogram_of, prepare, Bucket};
use litopys_core::store::articles::{self, MetadataEdit};
use litopys_core::Library;

const QUERIES: &[&str] = &[
    "",
    "lang:uk",
    "-lang:ru",
    "source:kyiv.example",
    "source:kyiv.example OR lang:ru",
    "after:2022-03-01",
    "before:2022-03",
    "date:2022-02..2022-03",
    "after:2022-03-15 -source:odesa.example",
    "*",
];

/// Kept counts and a scan agree on totals, facets and every histogram bucket.
fn assert_counts_match_scan(lib: &Library) {
    for q in QUERIES {
        let mut plan = prepare(lib.conn(), q).unwrap();
        assert!(
            plan.counts_only,
            "{q:?} should be answered from the kept counts"
        );
        let kept = facets(lib.conn(), &plan).unwrap();
        let kept_hist: Vec<_> = [Bucket::Day, Bucket::Week, Bucket::Month, Bucket::Year]
            .into_iter()
            .map(|b| histogram_of(lib.conn(), &plan, b).unwrap())
            .collect();
        plan.counts_only = false;
        let scanned = facets(lib.conn(), &plan).unwrap();
        let scanned_hist: Vec<_> = [Bucket::Day, Bucket::Week, Bucket::Month, Bucket::Year]
            .into_iter()
            .map(|b| histogram_of(lib.conn(), &plan, b).unwrap())
            .collect();
        assert_eq!(kept, scanned, "facets of {q:?}");
        assert_eq!(kept_hist, scanned_hist, "histograms of {q:?}");
    }
    let stats = articles::stats(lib.conn()).unwrap();
    assert_eq!(stats.articles, articles::count(lib.conn()).unwrap());
}

fn write_jsonl(dir: &std::path::Path) -> std::path::PathBuf {
    let rows = [
        (
            "kyiv.example",
            "2022-03-01T10:15:00Z",
            "uk",
            "Перша новина про зерно",
        ),
        ("kyiv.example", "2022-03-01", "uk", "Друга новина про порти"),
        (
            "kyiv.example",
            "2022-03-15T23:59:00Z",
            "ru",
            "Третья новость о портах",
        ),
        (
            "odesa.example",
            "2022-02-28",
            "uk",
            "Четверта новина з Одеси",
        ),
        ("odesa.example", "2022-03", "uk", "П'ята новина без дня"),
        ("odesa.example", "2022", "ru", "Шестая новость без месяца"),
        ("", "", "uk", "Сьома новина без джерела і дати"),
        (
            "lviv.example",
            "2021-12-31T22:00:00Z",
            "uk",
            "Восьма новина зі Львова",
        ),
    ];
    let lines: Vec<String> = rows
        .iter()
        .map(|(source, date, lang, text)| {
            serde_json::json!({
                "title": text,
                "body": format!("{text}. Подробиці згодом."),
                "source": source,
                "date": date,
                "language": lang,
            })
            .to_string()
        })
        .collect();
    let path = dir.join("articles.jsonl");
    std::fs::write(&path, lines.join("\n")).unwrap();
    path
}

#[test]
fn kept_counts_equal_a_scan_through_imports_edits_and_deletions() {
    let (dir, mut lib) = harness::temp_library();
    assert_counts_match_scan(&lib);
    litopys_core::demo::add_samples(&mut lib).unwrap();
    let file = write_jsonl(dir.path());
    let (totals, items) = harness::import(&mut lib, &[file], &Default::default());
    assert_eq!(totals.imported, 8, "{items:?}");
    assert_counts_match_scan(&lib);

    // Edits move an article between sources, languages and days.
    let ids: Vec<String> = {
        let mut stmt = lib
            .conn()
            .prepare("SELECT uid FROM articles ORDER BY id")
            .unwrap();
        let rows = stmt.query_map([], |r| r.get(0)).unwrap();
        rows.collect::<Result<_, _>>().unwrap()
    };
    let edit = MetadataEdit {
        source: Some("lviv.example".into()),
        published_at: Some("2022-03-15".into()),
        language: Some("ru".into()),
        ..Default::default()
    };
    articles::update_metadata(lib.conn(), &ids[5], &edit).unwrap();
    let clear = MetadataEdit {
        source: Some(String::new()),
        published_at: Some(String::new()),
        ..Default::default()
    };
    articles::update_metadata(lib.conn(), &ids[7], &clear).unwrap();
    assert_counts_match_scan(&lib);

    // Deleting the last article of a combination removes its row.
    lib.conn()
        .execute(
            "DELETE FROM articles WHERE uid IN (?1, ?2)",
            [&ids[0], &ids[12]],
        )
        .unwrap();
    assert_counts_match_scan(&lib);
    let empty_rows: i64 = lib
        .conn()
        .query_row(
            "SELECT count(*) FROM article_counts WHERE n <= 0",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(empty_rows, 0);
}

#[test]
fn queries_with_words_tags_or_notes_are_counted_over_the_articles() {
    let mut lib = Library::open_in_memory().unwrap();
    litopys_core::demo::add_samples(&mut lib).unwrap();
    for q in [
        "Лавров",
        "lang:uk Лавров",
        "tag:x",
        "has:annotation",
        "title:Лавров",
        "\"a b\"",
    ] {
        assert!(!prepare(lib.conn(), q).unwrap().counts_only, "{q:?}");
    }
}
