//! Records what the real core answers about a small story, for the UI's mock
//! backend to replay (house rule: the test backend replays, never
//! re-implements). A real article from `../shared/seeds` is imported with
//! two reprints (one trimmed with an added paragraph, one edited and
//! undated) and an unrelated article into a real library; the
//! answers of `article_story`, `hit_stories`, `story_detail` and
//! `story_pair` are written to [`FIXTURE`]. The test fails when the
//! committed file is stale; `LITOPYS_WRITE_STORY_FIXTURE=1 cargo test -p
//! litopys-app` rewrites it.

use std::path::{Path, PathBuf};
use std::sync::atomic::AtomicBool;

use litopys_core::import::{import_paths, ImportEvent, ImportOptions};
use litopys_core::store::{articles, stories};
use litopys_core::Library;
use serde_json::{json, Map, Value};

/// Where the recording lives, relative to the repository root.
pub const FIXTURE: &str = "ui/src/lib/storyFixture.json";

fn seed(name: &str) -> String {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../shared/seeds")
        .join(name);
    let text = std::fs::read_to_string(&path)
        .unwrap_or_else(|e| panic!("test article {}: {e}", path.display()));
    // The first line is the headline; the story is the rest.
    match text.split_once('\n') {
        Some((_, rest)) => rest.trim().to_owned(),
        None => text.trim().to_owned(),
    }
}

/// The story's articles: an original, a trimmed reprint with its own last
/// paragraph a day later, an edited reprint without a date (so the core
/// notes the first publisher is uncertain), and one in no story.
pub(crate) fn articles_to_import() -> Vec<Value> {
    // Words the UI tests search for in the mock's other articles are taken
    // out, so adding these articles changes none of those answers.
    let original = seed("000_0a07881c7022561c.txt").replace("Женеви", "Швейцарії");
    let paragraphs: Vec<&str> = original.split("\n\n").collect();
    let trimmed = format!(
        "{}\n\nРедакція стежить за розвитком подій і оновлюватиме матеріал.",
        paragraphs[..paragraphs.len() * 2 / 3].join("\n\n")
    );
    let edited = format!(
        "Передруковуємо повідомлення колег.\n\n{}",
        original
            .replace("Держсекретар США", "Державний секретар США")
            .replace("1 лютого", "у вівторок, 1 лютого")
    );
    vec![
        json!({"title": "Блінкен зажадав від РФ відвести війська від кордонів України",
               "body": original, "source": "ukrinform.ua", "date": "2022-02-01T09:00:00Z"}),
        json!({"title": "Блінкен – Лаврову: відведіть війська",
               "body": trimmed, "source": "unian.ua", "date": "2022-02-02T11:30:00Z"}),
        json!({"title": "Держдеп: Блінкен і Лавров поговорили телефоном",
               "body": edited, "source": "zn.ua", "date": null}),
        json!({"title": "РФ відмовилася обговорювати відведення військ",
               "body": seed("002_f4b99d0d0bcacf5b.txt").replace("Telegram", "Телеграм"), "source": "ukrinform.ua",
               "date": "2022-02-03T08:00:00Z"}),
    ]
}

/// Imports `rows` (JSONL items) into `lib` with the real importer; their ids in order.
pub(crate) fn import_rows(lib: &mut Library, dir: &Path, rows: &[Value]) -> Vec<String> {
    let file: PathBuf = dir.join("rows.jsonl");
    let lines: Vec<String> = rows.iter().map(Value::to_string).collect();
    std::fs::write(&file, lines.join("\n")).expect("write jsonl");
    let mut ids = Vec::new();
    import_paths(
        lib,
        &[file],
        &ImportOptions::default(),
        &AtomicBool::new(false),
        &mut |e| {
            if let ImportEvent::Item(item) = e {
                ids.push(item.id.expect("imported article has an id"));
            }
        },
    )
    .expect("import runs");
    assert_eq!(ids.len(), rows.len(), "every row imported once");
    ids
}

/// A fresh library holding the articles; their ids in order.
fn library(dir: &Path) -> (Library, Vec<String>) {
    let mut lib = Library::open(&dir.join("stories.litopys")).expect("open library");
    let ids = import_rows(&mut lib, dir, &articles_to_import());
    (lib, ids)
}

/// An article as the mock keeps it: what the core stored, without its origin.
pub(crate) fn article_json(a: &articles::Article) -> Value {
    json!({"id": a.id, "title": a.title, "source": a.source, "url": a.url,
        "author": a.author, "published_at": a.published_at, "language": a.language,
        "body": a.body})
}

/// Everything the UI asks about the story, as the core answers it.
fn record() -> Value {
    let dir = std::env::temp_dir().join(format!("litopys-story-fixture-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("temp dir");
    let (lib, ids) = library(&dir);
    let conn = lib.conn();
    let mut arts = Vec::new();
    let mut of_article = Map::new();
    let mut details = Map::new();
    let mut pairs = Map::new();
    for id in &ids {
        let a = articles::get(conn, id).expect("article");
        arts.push(article_json(&a));
        let story = stories::of_article(conn, id).expect("story of article");
        if let Some(s) = &story {
            if !details.contains_key(&s.id) {
                let d = stories::detail(conn, &s.id).expect("story detail");
                for x in &d.articles {
                    for y in &d.articles {
                        if x.id != y.id {
                            let p = stories::pair(conn, &x.id, &y.id).expect("pair");
                            pairs.insert(format!("{} {}", x.id, y.id), json!(p));
                        }
                    }
                }
                details.insert(s.id.clone(), json!(d));
            }
        }
        of_article.insert(id.clone(), json!(story));
    }
    drop(lib);
    let _ = std::fs::remove_dir_all(&dir);
    json!({
        "_": "Recorded from the real core by src-tauri/src/story_fixture.rs; do not edit.",
        "articles": arts,
        "article_story": of_article,
        "story_detail": details,
        "story_pair": pairs,
    })
}

#[test]
fn story_fixture_replays_the_real_core() {
    let recorded = record();
    // The test is only worth its name if the story is really there: three
    // members, the unrelated article in none, the original marked first.
    let stories = recorded["story_detail"].as_object().expect("details");
    assert_eq!(stories.len(), 1, "one story expected: {stories:?}");
    let detail = stories.values().next().expect("a story");
    assert_eq!(detail["articles"].as_array().map(Vec::len), Some(3));
    assert_eq!(detail["first"], recorded["articles"][0]["id"]);
    assert!(detail["first_note"]
        .as_str()
        .is_some_and(|n| n.contains("without a date")));
    let unrelated = recorded["articles"][3]["id"].as_str().expect("id");
    assert_eq!(recorded["article_story"][unrelated], Value::Null);

    check_or_write(FIXTURE, &recorded, "LITOPYS_WRITE_STORY_FIXTURE");
}

/// Fails unless the committed recording at `fixture` (relative to the
/// repository root) is `recorded`; with the environment variable `env` set,
/// writes it first.
pub(crate) fn check_or_write(fixture: &str, recorded: &Value, env: &str) {
    let text = format!(
        "{}\n",
        serde_json::to_string_pretty(recorded).expect("serialise")
    );
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join(fixture);
    if std::env::var_os(env).is_some() {
        std::fs::write(&path, &text).expect("write fixture");
    }
    let committed = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        committed == text,
        "{} is stale: run `{env}=1 cargo test -p litopys-app` and commit it",
        path.display()
    );
}
