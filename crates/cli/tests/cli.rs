//! End-to-end tests of the `litopys` binary on real files: JSON shapes, exit
//! codes, and a library that survives `kill -9` in the middle of an import.

use std::path::Path;
use std::process::Command;

mod harness;
use harness::{json, litopys, shared};

#[test]
fn import_seeds_then_show_list_stats() {
    let dir = tempfile::tempdir().unwrap();
    let lib = dir.path().join("lib.litopys");
    let seeds = shared().join("seeds");
    let out = litopys(&lib, &["import", "--json", seeds.to_str().unwrap()]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let report = json(&out);
    assert_eq!(report["imported"], 5);
    assert_eq!(report["duplicates"], 0);
    assert_eq!(report["failed"], 0);
    let files = report["files"].as_array().unwrap();
    assert_eq!(files.len(), 5);
    assert!(files
        .iter()
        .all(|f| f["status"] == "imported" && f["id"].is_string() && f["path"].is_string()));

    let again = json(&litopys(
        &lib,
        &["import", "--json", seeds.to_str().unwrap()],
    ));
    assert_eq!(
        (again["imported"].as_u64(), again["duplicates"].as_u64()),
        (Some(0), Some(5))
    );

    let list = json(&litopys(&lib, &["list", "--json", "--limit", "3"]));
    assert_eq!(list.as_array().unwrap().len(), 3);
    let id = files[4]["id"].as_str().unwrap();
    let shown = json(&litopys(&lib, &["show", "--json", &id[..8]]));
    assert_eq!(shown["id"], id);
    assert_eq!(shown["language"], "ru");
    for key in [
        "title",
        "body",
        "source",
        "url",
        "author",
        "published_at",
        "imported_at",
        "origin",
        "content_hash",
    ] {
        assert!(shown.get(key).is_some(), "show --json lacks {key}: {shown}");
    }
    let stats = json(&litopys(&lib, &["stats", "--json"]));
    assert_eq!(stats["articles"], 5);

    let found = json(&litopys(
        &lib,
        &["search", "--json", "--limit", "10000", "Лавров"],
    ));
    assert_eq!(found["total"], 5);
    let hits = found["hits"].as_array().unwrap();
    assert_eq!(hits.len(), 5);
    for key in [
        "id",
        "title",
        "source",
        "published_at",
        "language",
        "snippet",
        "score",
    ] {
        assert!(
            hits[0].get(key).is_some(),
            "search hit lacks {key}: {}",
            hits[0]
        );
    }
    assert_eq!(found["facets"]["language"]["ru"], 1);
    let page = json(&litopys(
        &lib,
        &[
            "search",
            "--json",
            "--limit",
            "2",
            "--offset",
            "4",
            "--sort",
            "oldest",
            "переговори",
        ],
    ));
    assert!(page["hits"].as_array().unwrap().len() <= 2);
    assert_eq!(stats["by_language"]["uk"], 4);
}

#[test]
fn exit_status_is_1_when_some_items_fail_and_2_on_usage_errors() {
    let dir = tempfile::tempdir().unwrap();
    let lib = dir.path().join("lib.litopys");
    let bad = dir.path().join("bad.jsonl");
    std::fs::write(
        &bad,
        "{\"title\": \"ok\", \"text\": \"Добрий текст\"}\n{broken\n",
    )
    .unwrap();
    let out = litopys(&lib, &["import", "--json", bad.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    let r = json(&out);
    assert_eq!(
        (r["imported"].as_u64(), r["failed"].as_u64()),
        (Some(1), Some(1))
    );
    let failed = &r["files"][1];
    assert_eq!(failed["status"], "failed");
    assert!(failed["path"].as_str().unwrap().ends_with("bad.jsonl:2"));
    assert!(failed["error"].as_str().unwrap().contains("invalid JSON"));

    assert_eq!(
        litopys(&lib, &["import"]).status.code(),
        Some(2),
        "no paths"
    );
    assert_eq!(litopys(&lib, &["frobnicate"]).status.code(), Some(2));
    assert_eq!(
        litopys(&lib, &["import", "--map", "colour=x", "a.txt"])
            .status
            .code(),
        Some(2)
    );
    let out = litopys(&lib, &["show", "0123456789abcdef"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("no article"));

    // An unusable library: a text file where the library should be.
    let not_db = dir.path().join("notes.txt");
    std::fs::write(&not_db, "my notes ".repeat(200)).unwrap();
    let out = litopys(&not_db, &["stats", "--json"]);
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(json(&out)["error"]["code"], "not_a_library");
    assert_eq!(
        std::fs::read_to_string(&not_db).unwrap(),
        "my notes ".repeat(200),
        "left untouched"
    );
}

/// Writes `n` distinct JSONL articles of about 4 KB.
fn big_jsonl(path: &Path, n: usize) {
    let para =
        "Міністр закордонних справ заявив про готовність продовжити переговори щодо безпеки. "
            .repeat(45);
    let mut s = String::new();
    for i in 0..n {
        s.push_str(
            &serde_json::json!({"title": format!("Новина {i}"), "text": format!("{para} {i}")})
                .to_string(),
        );
        s.push('\n');
    }
    std::fs::write(path, s).unwrap();
}

#[cfg(unix)]
#[test]
fn kill_9_during_import_leaves_a_consistent_library_that_a_rerun_completes() {
    let dir = tempfile::tempdir().unwrap();
    let lib = dir.path().join("lib.litopys");
    let data = dir.path().join("big.jsonl");
    let n = 6_000;
    big_jsonl(&data, n);
    let mut child = Command::new(env!("CARGO_BIN_EXE_litopys"))
        .arg("--library")
        .arg(&lib)
        .args(["import", data.to_str().unwrap()])
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .unwrap();
    // Kill it once some batches are committed but long before it is done.
    let start = std::time::Instant::now();
    loop {
        std::thread::sleep(std::time::Duration::from_millis(50));
        let stored = rusqlite::Connection::open(&lib)
            .and_then(|c| c.query_row("SELECT count(*) FROM articles", [], |r| r.get::<_, i64>(0)))
            .unwrap_or(0);
        if stored > 0 || start.elapsed().as_secs() > 60 {
            break;
        }
    }
    child.kill().unwrap(); // SIGKILL
    child.wait().unwrap();

    let conn = rusqlite::Connection::open(&lib).unwrap();
    litopys_core::store::fts::register(&conn).unwrap();
    let ok: String = conn
        .query_row("PRAGMA integrity_check", [], |r| r.get(0))
        .unwrap();
    assert_eq!(ok, "ok");
    conn.execute(
        "INSERT INTO articles_fts(articles_fts) VALUES ('integrity-check')",
        [],
    )
    .unwrap();
    let stored: i64 = conn
        .query_row("SELECT count(*) FROM articles", [], |r| r.get(0))
        .unwrap();
    assert!(
        stored > 0 && (stored as usize) < n,
        "killed mid-way: {stored} of {n}"
    );
    drop(conn);

    let r = json(&litopys(
        &lib,
        &["import", "--json", data.to_str().unwrap()],
    ));
    assert_eq!(r["failed"], 0);
    assert_eq!(r["duplicates"].as_i64().unwrap(), stored);
    assert_eq!(r["imported"].as_i64().unwrap(), n as i64 - stored);
    let stats = json(&litopys(&lib, &["stats", "--json"]));
    assert_eq!(stats["articles"].as_i64(), Some(n as i64));
}

#[test]
fn query_language_timeline_similar_and_saved_searches() {
    let dir = tempfile::tempdir().unwrap();
    let lib = dir.path().join("lib.litopys");
    let seeds = shared().join("seeds");
    assert_eq!(
        litopys(&lib, &["import", seeds.to_str().unwrap()])
            .status
            .code(),
        Some(0)
    );
    let total = |q: &str| json(&litopys(&lib, &["search", "--json", q]))["total"].clone();
    assert_eq!(total("Лавров lang:ru"), 1);
    assert_eq!(total("Лавров -lang:ru"), 4);
    // The prompt is boilerplate: found only when the whole text is searched.
    assert_eq!(total("\"Підписуйтесь на наш Telegram-канал\""), 0);
    assert_eq!(total("in:all \"Підписуйтесь на наш Telegram-канал\""), 3);
    assert_eq!(total("Байден OR Блінкен"), total("Блінкен OR Байден"));

    // A query that means nothing valid is a usage error with the parser's message.
    let bad = litopys(&lib, &["search", "--json", "after:someday"]);
    assert_eq!(bad.status.code(), Some(2));
    assert_eq!(json(&bad)["error"]["code"], "invalid_query");

    let timeline = json(&litopys(
        &lib,
        &["timeline", "--json", "--by", "week", "Лавров"],
    ));
    assert_eq!(
        timeline["undated"], 5,
        "the seeds carry no dates: {timeline}"
    );

    let first = json(&litopys(&lib, &["search", "--json", "Блінкен"]))["hits"][0]["id"].clone();
    let similar = json(&litopys(
        &lib,
        &["similar", "--json", first.as_str().unwrap()],
    ));
    let similar = similar.as_array().unwrap();
    assert!(!similar.is_empty() && similar.iter().all(|h| h["id"] != first));

    assert_eq!(
        litopys(&lib, &["saved", "save", "ru", "lang:ru"])
            .status
            .code(),
        Some(0)
    );
    let listed = json(&litopys(&lib, &["saved", "list", "--json"]));
    assert_eq!(listed[0]["query"], "lang:ru");
    let run = json(&litopys(&lib, &["search", "--json", "--saved", "ru"]));
    assert_eq!(run["total"], 1);
    assert_eq!(
        litopys(&lib, &["saved", "delete", "nope"]).status.code(),
        Some(2)
    );
}

#[test]
fn tag_annotate_show_export_and_reimport() {
    let dir = tempfile::tempdir().unwrap();
    let lib = dir.path().join("lib.litopys");
    let seeds = shared().join("seeds");
    assert_eq!(
        litopys(&lib, &["import", seeds.to_str().unwrap()])
            .status
            .code(),
        Some(0)
    );
    let ok = |args: &[&str]| {
        let out = litopys(&lib, args);
        assert_eq!(
            out.status.code(),
            Some(0),
            "{args:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8_lossy(&out.stdout).trim().to_owned()
    };
    let id = json(&litopys(&lib, &["search", "--json", "Блінкен зажадав"]))["hits"][0]["id"]
        .as_str()
        .unwrap()
        .to_owned();
    ok(&["tag", "add", "war/diplomacy", "--query", "Лавров"]);
    ok(&["tag", "add", "needs-check", &id]);
    ok(&["tag", "set", "war", "--color", "#aa0000"]);
    let listed = json(&litopys(&lib, &["tag", "list", "--json"]));
    let names: Vec<&str> = listed
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t["name"].as_str().unwrap())
        .collect();
    assert_eq!(names, ["needs-check", "war", "war/diplomacy"]);
    assert_eq!(listed[2]["count"], 5);
    assert_eq!(listed[1]["color"], "#aa0000");

    let annotation = ok(&[
        "annotate",
        &id,
        "--quote",
        "Лавровим",
        "--note",
        "хто саме?",
        "--tag",
        "people",
    ]);
    assert_eq!(
        annotation.len(),
        36,
        "prints the annotation id: {annotation}"
    );
    let shown = json(&litopys(&lib, &["show", "--json", &id]));
    assert_eq!(
        shown["tags"],
        serde_json::json!(["needs-check", "war/diplomacy"])
    );
    assert_eq!(shown["annotations"][0]["id"], annotation.as_str());
    assert_eq!(shown["annotations"][0]["exact"], "Лавровим");
    // A tag kept only on a note counts the note and finds its article.
    let people = json(&litopys(&lib, &["tag", "list", "--json"]))
        .as_array()
        .unwrap()
        .iter()
        .find(|t| t["name"] == "people")
        .cloned()
        .unwrap();
    assert_eq!(
        (&people["name"], &people["count"], &people["annotations"]),
        (&"people".into(), &0.into(), &1.into())
    );
    assert!(ok(&["tag", "list"]).contains("people  (1 note)"));
    let found = json(&litopys(&lib, &["search", "--json", "tag:people"]));
    assert_eq!(
        (&found["total"], &found["hits"][0]["id"]),
        (&1.into(), &id.as_str().into())
    );

    // Errors change nothing: unknown id, missing quote, bad tag name, and delete without --yes.
    let listed = json(&litopys(&lib, &["tag", "list", "--json"]));
    for args in [
        vec!["annotate", "ffffffff", "--quote", "x"],
        vec!["annotate", &id, "--quote", "немає в тексті"],
        vec!["tag", "add", "a//b", &id],
        vec!["tag", "delete", "war"],
    ] {
        let out = litopys(&lib, &args);
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        assert!(!out.stderr.is_empty());
    }
    assert_eq!(json(&litopys(&lib, &["tag", "list", "--json"])), listed);

    let bundle = dir.path().join("out/set.jsonl");
    // Export never creates folders (issue 19).
    std::fs::create_dir(dir.path().join("out")).unwrap();
    ok(&[
        "export",
        "--tag",
        "war OR needs-check",
        "--format",
        "jsonl",
        "--output",
        bundle.to_str().unwrap(),
    ]);
    let other = dir.path().join("other.litopys");
    let out = litopys(&other, &["import", "--json", bundle.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(0));
    let merged = json(&out);
    assert_eq!(merged["bundles"][0]["merge"]["articles_added"], 5);
    assert_eq!(merged["bundles"][0]["merge"]["annotations_added"], 1);
    let shown_there = json(&litopys(&other, &["show", "--json", &id]));
    assert_eq!(shown_there["annotations"], shown["annotations"]);
    assert_eq!(shown_there["tags"], shown["tags"]);

    ok(&["tag", "rename", "war", "conflict"]);
    ok(&["tag", "merge", "needs-check", "conflict/check", "--yes"]);
    ok(&["tag", "delete", "conflict", "--yes"]);
    assert_eq!(
        json(&litopys(&lib, &["tag", "list", "--json"]))[0]["name"],
        "people"
    );
}

// `import --no-block-classification`: every line is story text, so words
// that classification sets aside (the seeds' prompts and headline tails,
// below) are found by a plain search.
#[test]
fn import_no_block_classification_keeps_every_line_as_story() {
    let dir = tempfile::tempdir().unwrap();
    let lib = dir.path().join("lib.litopys");
    let seeds = shared().join("seeds");
    let args = [
        "import",
        "--no-block-classification",
        seeds.to_str().unwrap(),
    ];
    assert_eq!(litopys(&lib, &args).status.code(), Some(0));
    let total = |q: &str| {
        json(&litopys(&lib, &["search", "--json", q]))["total"]
            .as_i64()
            .unwrap()
    };
    assert_eq!(total("Telegram"), 3);
    assert_eq!(total("Орбан"), 2);
}

#[test]
fn all_text_switch_and_block_classes_from_the_command_line() {
    let dir = tempfile::tempdir().unwrap();
    let lib = dir.path().join("lib.litopys");
    let seeds = shared().join("seeds");
    assert_eq!(
        litopys(&lib, &["import", seeds.to_str().unwrap()])
            .status
            .code(),
        Some(0)
    );
    let total = |args: &[&str]| {
        let mut all = vec!["search", "--json"];
        all.extend_from_slice(args);
        json(&litopys(&lib, &all))["total"].as_i64().unwrap()
    };
    // Words only in the seeds' prompts and headline tails.
    assert_eq!(total(&["Telegram"]), 0);
    assert_eq!(total(&["--all-text", "Telegram"]), 3);
    assert_eq!(total(&["Орбан"]), 0);
    assert_eq!(total(&["--all-text", "Орбан"]), 2);

    let hit = json(&litopys(&lib, &["search", "--json", "Рубио"]));
    let id = hit["hits"][0]["id"].as_str().unwrap().to_owned();
    let listed = json(&litopys(&lib, &["blocks", "--json", &id]));
    let blocks = listed.as_array().unwrap();
    let first_story = blocks.iter().position(|b| b["class"] == "story").unwrap();
    let n = (first_story + 1).to_string();
    let set = litopys(&lib, &["blocks", "--json", &id, "--set", &n, "boilerplate"]);
    assert_eq!(set.status.code(), Some(0));
    assert_eq!(json(&set)[first_story]["reason"], "user");
    // Bad input names the problem and changes nothing.
    let bad = litopys(&lib, &["blocks", &id, "--set", "999", "story"]);
    assert_eq!(bad.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&bad.stderr).contains("no block 999"));
    let bad = litopys(&lib, &["blocks", &id, "--set", &n, "sidebar"]);
    assert!(String::from_utf8_lossy(&bad.stderr).contains("unknown class"));
    assert_eq!(
        json(&litopys(&lib, &["blocks", "--json", &id]))[first_story]["class"],
        "boilerplate"
    );
    // `show` marks the site's lines; `show --json` carries blocks and the clean text.
    let shown = litopys(&lib, &["show", &id]);
    assert!(String::from_utf8_lossy(&shown.stdout).contains("[related] Статьи"));
    let full = json(&litopys(&lib, &["show", "--json", &id]));
    assert!(!full["clean_text"].as_str().unwrap().contains("Все статьи"));
}
