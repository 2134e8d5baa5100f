//! Records what the real core answers about the mock's sample library, for
//! the UI's mock backend to replay (house rule: the test backend replays,
//! never re-implements). The articles of `ui/src/lib/mockSeed.json`, the
//! story articles of [`crate::story_fixture`] and [`FILLERS`] generated
//! articles are imported into a real library, tagged and annotated as the
//! seed says; then the answers the window asks for are written to
//! [`FIXTURE`]: `search_with_timeline` and `word_forms` for every query in
//! [`QUERIES`], the reader's blocks and mixed-script spans of every article, its highlights
//! for every recorded query, `similar`, tag-expression selections, and the
//! answers in a few scripted states the UI tests reach (see [`scripted`]).
//! The test fails when the committed file is stale;
//! `LITOPYS_WRITE_SEARCH_FIXTURE=1 cargo test -p litopys-app` rewrites it.

use std::path::Path;

use litopys_core::export::{self, Selection};
use litopys_core::reading;
use litopys_core::search::{self, forms, Bucket, Sort};
use litopys_core::store::annotations::{self, Target};
use litopys_core::store::{articles, blocks, tags};
use litopys_core::text::blocks::BlockClass;
use litopys_core::Library;
use serde_json::{json, Map, Value};

use crate::state::IpcError;
use crate::story_fixture;

/// Where the recording lives, relative to the repository root.
pub const FIXTURE: &str = "ui/src/lib/searchFixture.json";
/// The sample articles and annotations (the one source of them).
const SEED: &str = "ui/src/lib/mockSeed.json";
/// Generated articles so the list scrolls and pages.
pub const FILLERS: usize = 240;

/// Every query the mock answers: what the UI tests and the mock's own code
/// ask. Add a query here when a test needs a new one.
const QUERIES: &[&str] = &[
    "",
    "Telegram",
    "Viber",
    "date:2021-06..2022-03",
    "in:all Viber",
    "in:all Женева",
    "in:all вареників",
    "lang:ru",
    "lang:uk",
    "lang:xx",
    "переговори",
    "переговори skip:переговорах",
    "tag:verify",
    "tag:check",
    "tag:fact-check",
    "zzzqqqnothingmatches",
    "Блінкен",
    "Женев*",
    "Женев* OR Geneva",
    "Женева OR Стамбул",
    "Женева",
    "Л",
    "Лавров",
    "Путін",
    "Стамбул",
    "вареників",
    "делегаціями",
    "підробленого",
    "розмітки",
    "формулюваннями",
];

/// Tag expressions an export may select by.
const TAG_EXPRESSIONS: &[&str] = &["no-such-tag", "fact-check", "war/*"];

/// How many similar articles are recorded for each article.
const SIMILAR: u32 = 8;

fn seed() -> Value {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join(SEED);
    let text =
        std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("seed {}: {e}", path.display()));
    serde_json::from_str(&text).expect("seed is JSON")
}

/// The filler articles, two Ukrainian to one Russian.
fn fillers() -> Vec<Value> {
    const SOURCES: [&str; 6] = [
        "ukrinform.ua",
        "pravda.com.ua",
        "zn.ua",
        "suspilne.media",
        "lenta.ru",
        "rbc.ru",
    ];
    const UK: [&str; 6] = [
        "енергетика",
        "обстріли",
        "волонтери",
        "відбудова",
        "санкції",
        "освіта",
    ];
    const RU: [&str; 6] = [
        "экономика",
        "санкции",
        "энергетика",
        "погода",
        "транспорт",
        "культура",
    ];
    (0..FILLERS)
        .map(|i| {
            let ru = i % 3 == 2;
            let topic = if ru { RU[i % 6] } else { UK[i % 6] };
            // Spread over 2021 and 2022 (days 1 to 28 of each month).
            let k = (i * 7919) % 415;
            let day = format!("{}-{:02}-{:02}", 2021 + k * 2 / 415, 1 + k % 12, 1 + k % 28);
            let n = i + 1;
            let (title, body, language) = if ru {
                (format!("Обзор дня №{n}: {topic}"),
                 format!("Главные новости дня №{n} по теме «{topic}». Подробности и комментарии экспертов."), "ru")
            } else {
                (format!("Огляд дня №{n}: {topic}"),
                 format!("Головні новини дня №{n} на тему «{topic}». Подробиці та коментарі експертів."), "uk")
            };
            json!({"title": title, "body": body, "source": SOURCES[i % 6], "url": null, "author": null,
                   "published_at": format!("{day}T00:00:00Z"), "language": language, "tags": []})
        })
        .collect()
}

/// A seed article as an importer's JSONL item.
fn row(a: &Value) -> Value {
    json!({"title": a["title"], "body": a["body"], "source": a["source"], "url": a["url"],
           "author": a["author"], "date": a["published_at"], "language": a["language"]})
}

/// The core's answer to a command, or its error as the window receives it.
fn answer<T: serde::Serialize>(r: litopys_core::Result<T>) -> Value {
    match r {
        Ok(v) => json!({ "ok": v }),
        Err(e) => json!({ "error": IpcError::from(e) }),
    }
}

/// `word_forms`: the forms each word of `query` matches in the library.
fn word_forms(lib: &Library, query: &str) -> Value {
    answer(forms::forms(lib.conn(), query))
}

/// `search_with_timeline` with every hit (the mock pages through them).
fn search_page(lib: &Library, query: &str) -> Value {
    answer(
        search::search_with_timeline(
            lib.conn(),
            query,
            Sort::Relevance,
            100_000,
            0,
            Bucket::Month,
        )
        .map(|(results, timeline)| json!({"results": results, "timeline": timeline})),
    )
}

/// Highlights of `query` in each article that has any, as `article` answers them.
fn highlights(lib: &Library, ids: &[String], query: &str) -> Value {
    let mut out = Map::new();
    for id in ids {
        let detail = reading::article_detail(lib.conn(), id, query).expect("article");
        if !detail.highlights.is_empty() {
            out.insert(id.clone(), json!(detail.highlights));
        }
    }
    Value::Object(out)
}

/// A library holding the seed; the articles as stored, with their seed keys.
struct Recorded {
    lib: Library,
    ids: Vec<String>,
    articles: Vec<Value>,
}

fn library(dir: &Path, seed: &Value) -> Recorded {
    let mut lib = Library::open(&dir.join("mock.litopys")).expect("open library");
    let seeds = seed["articles"].as_array().expect("seed articles");
    let stories = story_fixture::articles_to_import();
    let fill = fillers();
    let rows: Vec<Value> = seeds.iter().chain(&stories).chain(&fill).map(row).collect();
    let ids = story_fixture::import_rows(&mut lib, dir, &rows);
    let given = seeds.iter().chain(&stories).chain(&fill);
    let mut stored = Vec::new();
    for (id, g) in ids.iter().zip(given) {
        let internal = tags::article_ids(lib.conn(), std::slice::from_ref(id)).expect("id")[0];
        for t in g["tags"].as_array().into_iter().flatten() {
            tags::add(lib.conn_mut(), t.as_str().expect("tag"), &[internal]).expect("tag");
        }
        let mut a = story_fixture::article_json(&articles::get(lib.conn(), id).expect("article"));
        a["key"] = g.get("key").cloned().unwrap_or(Value::Null);
        a["tags"] = g.get("tags").cloned().unwrap_or(json!([]));
        stored.push(a);
    }
    let key_of = |k: &str| -> String {
        stored.iter().find(|a| a["key"] == k).expect("seed key")["id"]
            .as_str()
            .expect("id")
            .to_owned()
    };
    // An orphan's quote is not in the text: the core holds it as a note on
    // the whole article, so `tag:` and `has:` count it; the mock shows it orphaned.
    for n in seed["annotations"].as_array().expect("seed annotations") {
        let target = match n["quote"].as_str() {
            Some(q) => Target::Quote {
                text: q.to_owned(),
                occurrence: 1,
            },
            None => Target::Article,
        };
        let tags: Vec<String> = serde_json::from_value(n["tags"].clone()).expect("tags");
        let article = key_of(n["article"].as_str().expect("key"));
        annotations::create(
            lib.conn_mut(),
            &article,
            &target,
            n["note"].as_str().expect("note"),
            n["color"].as_str(),
            &tags,
        )
        .expect("annotate");
    }
    Recorded {
        lib,
        ids,
        articles: stored,
    }
}

/// The answers in the scripted states the UI tests reach. Each state is
/// named by its changes from the seed, as the mock names its own state.
fn scripted(r: &mut Recorded, seed: &Value) -> Vec<Value> {
    let mut out = Vec::new();
    let id_of = |r: &Recorded, k: &str| -> String {
        r.articles.iter().find(|a| a["key"] == k).expect("key")["id"]
            .as_str()
            .expect("id")
            .to_owned()
    };
    // app.test.ts: the first result of «Женева» tagged `check`.
    let first = search::search(r.lib.conn(), "Женева", Sort::Relevance, 1, 0)
        .expect("search")
        .hits[0]
        .id
        .clone();
    let internal = tags::article_ids(r.lib.conn(), std::slice::from_ref(&first)).expect("id");
    tags::add(r.lib.conn_mut(), "check", &internal).expect("tag");
    out.push(json!({"state": [format!("+tag {first} check")],
        "search": {"tag:check": search_page(&r.lib, "tag:check")}}));
    tags::remove(r.lib.conn_mut(), "check", &internal).expect("untag");

    // blocks.spec.ts and mock.test.ts: the line about Lavrov in the Geneva
    // article set to boilerplate leaves the search.
    let geneva = id_of(r, "geneva");
    let body = articles::get(r.lib.conn(), &geneva).expect("article").body;
    let chars: Vec<char> = body.chars().collect();
    let lavrov = blocks::of_article(r.lib.conn(), &geneva)
        .expect("blocks")
        .into_iter()
        .find(|b| {
            chars[b.start..b.end]
                .iter()
                .collect::<String>()
                .starts_with("Лавров")
        })
        .expect("the Lavrov line");
    let set = blocks::set_class(
        r.lib.conn(),
        &geneva,
        lavrov.start,
        Some(BlockClass::Boilerplate),
    )
    .expect("set class");
    let class = serde_json::to_value(BlockClass::Boilerplate).expect("class");
    out.push(json!({"state": [format!("block {geneva} {} {}", lavrov.start, class.as_str().expect("name"))],
        "search": {"формулюваннями": search_page(&r.lib, "формулюваннями")},
        "blocks": {geneva.clone(): set}}));
    blocks::set_class(r.lib.conn(), &geneva, lavrov.start, None).expect("reset class");

    // io.spec.ts: another program imports an article about Geneva.
    let external = seed["external"].as_array().expect("external");
    let dir = r.lib.path().parent().expect("dir").join("external");
    std::fs::create_dir_all(&dir).expect("dir");
    let ids = story_fixture::import_rows(
        &mut r.lib,
        &dir,
        &external.iter().map(row).collect::<Vec<_>>(),
    );
    let mut added = Vec::new();
    for id in &ids {
        let mut a = story_fixture::article_json(&articles::get(r.lib.conn(), id).expect("article"));
        a["tags"] = json!([]);
        added.push(a);
    }
    let state: Vec<String> = ids.iter().map(|id| format!("+article {id}")).collect();
    out.push(json!({"state": state, "articles": added,
        "search": {"Женева": search_page(&r.lib, "Женева")},
        "forms": {"Женева": word_forms(&r.lib, "Женева")},
        "highlights": {"Женева": highlights(&r.lib, &ids, "Женева")},
        "reader": reader(&r.lib, &ids)}));
    out
}

/// What the reader shows of each article whatever the query: blocks and mixed-script spans.
fn reader(lib: &Library, ids: &[String]) -> Value {
    let mut out = Map::new();
    for id in ids {
        let detail = reading::article_detail(lib.conn(), id, "").expect("article");
        out.insert(
            id.clone(),
            json!({"blocks": detail.blocks, "mixed_script": detail.mixed_script}),
        );
    }
    Value::Object(out)
}

fn record() -> Value {
    let dir = std::env::temp_dir().join(format!("litopys-search-fixture-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("temp dir");
    let seed = seed();
    let mut r = library(&dir, &seed);
    let mut searches = Map::new();
    let mut lit = Map::new();
    let mut word_forms_of = Map::new();
    for q in QUERIES {
        searches.insert((*q).to_owned(), search_page(&r.lib, q));
        word_forms_of.insert((*q).to_owned(), word_forms(&r.lib, q));
        lit.insert((*q).to_owned(), highlights(&r.lib, &r.ids, q));
    }
    let mut similar = Map::new();
    for id in &r.ids {
        similar.insert(
            id.clone(),
            answer(search::more_like_this(r.lib.conn(), id, SIMILAR)),
        );
    }
    let internal = tags::article_ids(r.lib.conn(), &r.ids).expect("ids");
    let mut selections = Map::new();
    for expr in TAG_EXPRESSIONS {
        let chosen =
            export::select(r.lib.conn(), &Selection::Tags((*expr).to_owned())).map(|sel| {
                r.ids
                    .iter()
                    .zip(&internal)
                    .filter(|(_, i)| sel.contains(i))
                    .map(|(id, _)| id.clone())
                    .collect::<Vec<_>>()
            });
        selections.insert((*expr).to_owned(), answer(chosen));
    }
    let reader = reader(&r.lib, &r.ids);
    let scripted = scripted(&mut r, &seed);
    let articles = r.articles.clone();
    drop(r);
    let _ = std::fs::remove_dir_all(&dir);
    json!({
        "_": "Recorded from the real core by src-tauri/src/search_fixture.rs; do not edit.",
        "articles": articles,
        "search": searches,
        "forms": word_forms_of,
        "highlights": lit,
        "reader": reader,
        "similar": similar,
        "similar_limit": SIMILAR,
        "tag_selection": selections,
        "scripted": scripted,
    })
}

#[test]
fn search_fixture_replays_the_real_core() {
    let recorded = record();
    // Worth its name only if the searches find something, all of it.
    for (q, a) in recorded["search"].as_object().expect("searches") {
        if let Some(r) = a.get("ok") {
            let hits = r["results"]["hits"].as_array().expect("hits").len();
            assert_eq!(
                r["results"]["total"],
                json!(hits),
                "{q}: every hit recorded"
            );
        }
    }
    assert!(recorded["search"]["Женева"]["ok"]["results"]["total"].as_u64() > Some(2));
    assert_eq!(
        recorded["search"]["lang:xx"]["error"]["code"],
        "invalid_query"
    );
    // The UI tests untick a form of «переговори»: it has several, and
    // skipping the recorded one finds fewer articles.
    let listed = recorded["forms"]["переговори"]["ok"][0]["forms"]
        .as_array()
        .expect("forms of переговори");
    assert!(listed.len() > 2 && listed[0]["exact"] == true);
    let total = |q: &str| recorded["search"][q]["ok"]["results"]["total"].as_u64();
    assert!(total("переговори skip:переговорах") < total("переговори"));

    story_fixture::check_or_write(FIXTURE, &recorded, "LITOPYS_WRITE_SEARCH_FIXTURE");
}
