//! `litopys stories`, `litopys story` and `show --json`'s story: the JSON
//! contract other tools (the story benchmark, the app) are built against.

use std::path::{Path, PathBuf};
use std::process::Output;

use serde_json::{json, Value};

mod harness;
use harness::{litopys, shared};

fn json_of(out: &Output) -> Value {
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).unwrap_or_else(|e| {
        panic!(
            "stdout is not JSON ({e}): {}",
            String::from_utf8_lossy(&out.stdout)
        )
    })
}

fn seed(i: usize) -> String {
    let mut names: Vec<PathBuf> = std::fs::read_dir(shared().join("seeds"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    names.sort();
    let t = std::fs::read_to_string(&names[i]).unwrap();
    t.split_once('\n')
        .map_or(t.clone(), |(_, b)| b.trim().to_owned())
}

/// A library with one story of three articles from three sources and one lone article.
fn library(dir: &Path) -> PathBuf {
    library_imported_with(dir, &[])
}

/// [`library`], imported with `import_args` too.
fn library_imported_with(dir: &Path, import_args: &[&str]) -> PathBuf {
    let lib = dir.join("lib.litopys");
    let body = seed(0);
    let lines = [
        json!({"title": "Original", "body": body, "source": "a.ua", "date": "2022-02-01T08:00:00Z"}),
        json!({"title": "Reprint", "body": format!("Як повідомляє a.ua,\n\n{body}"), "source": "b.ua", "date": "2022-02-01T14:00:00Z"}),
        json!({"title": "Late <b>reprint</b>", "body": format!("{body}\n\nПідписуйтесь на нас"), "source": "c.ua", "date": "2022-02-03T08:00:00Z"}),
        json!({"title": "Alone", "body": seed(1), "source": "a.ua", "date": "2022-02-01"}),
    ];
    let file = dir.join("in.jsonl");
    let text: Vec<String> = lines.iter().map(Value::to_string).collect();
    std::fs::write(&file, text.join("\n")).unwrap();
    let mut args = vec!["import", "--json"];
    args.extend_from_slice(import_args);
    args.push(file.to_str().unwrap());
    assert!(litopys(&lib, &args).status.success());
    lib
}

#[test]
fn stories_json_lists_each_story_with_members_first_publisher_and_sources() {
    let dir = tempfile::tempdir().unwrap();
    let lib = library(dir.path());
    let v = json_of(&litopys(&lib, &["stories", "--json"]));
    let stories = v["stories"].as_array().unwrap();
    assert_eq!(stories.len(), 1);
    let s = &stories[0];
    let id = s["id"].as_str().unwrap();
    assert_eq!(id.len(), 16);
    assert!(id.chars().all(|c| c.is_ascii_hexdigit()));
    assert_eq!(s["size"], 3);
    assert_eq!(s["sources"], 3);
    assert_eq!(s["articles"].as_array().unwrap().len(), 3);
    // Members are listed earliest first: the first publisher leads.
    assert_eq!(s["first"], s["articles"][0]);
    assert!(s["first_note"].is_null());
    // --min-size above the story's size leaves nothing.
    let none = json_of(&litopys(&lib, &["stories", "--json", "--min-size", "4"]));
    assert_eq!(none["stories"], json!([]));
}

#[test]
fn import_no_story_detection_leaves_the_stories_to_the_next_open() {
    let dir = tempfile::tempdir().unwrap();
    let lib = library_imported_with(dir.path(), &["--no-story-detection"]);
    let pending = || -> i64 {
        let conn = rusqlite::Connection::open(&lib).unwrap();
        conn.query_row("SELECT count(*) FROM story_pending", [], |r| r.get(0))
            .unwrap()
    };
    assert_eq!(pending(), 4, "every imported article waits for detection");
    // The next command that opens the library finds the story.
    let v = json_of(&litopys(&lib, &["stories", "--json"]));
    assert_eq!(v["stories"].as_array().unwrap().len(), 1);
    assert_eq!(v["stories"][0]["size"], 3);
    assert_eq!(pending(), 0);
}

#[test]
fn story_json_gives_members_pairs_with_spans_and_a_timeline() {
    let dir = tempfile::tempdir().unwrap();
    let lib = library(dir.path());
    let list = json_of(&litopys(&lib, &["stories", "--json"]));
    let id = list["stories"][0]["id"].as_str().unwrap().to_owned();
    let d = json_of(&litopys(&lib, &["story", &id, "--json"]));
    assert_eq!(d["id"], id.as_str());
    let members = d["articles"].as_array().unwrap();
    assert_eq!(members.len(), 3);
    assert_eq!(members[0]["title"], "Original");
    assert_eq!(members[0]["is_first"], true);
    assert!(members.iter().all(|m| m["reused"].as_f64().unwrap() > 0.9));
    let pairs = d["pairs"].as_array().unwrap();
    assert_eq!(pairs.len(), 3);
    let span = &pairs[0]["shared"][0];
    for k in ["a_start", "a_end", "b_start", "b_end"] {
        assert!(span[k].is_u64(), "{k}");
    }
    assert!(pairs[0]["containment"].as_f64().unwrap() > 0.9);
    assert_eq!(
        d["timeline"],
        json!([{"date": "2022-02-01", "count": 2}, {"date": "2022-02-03", "count": 1}])
    );
    // show --json names the article's story.
    let first = members[0]["id"].as_str().unwrap();
    let shown = json_of(&litopys(&lib, &["show", first, "--json"]));
    assert_eq!(
        shown["story"],
        json!({"id": id, "size": 3, "first": first, "is_first": true})
    );
    let found = json_of(&litopys(&lib, &["search", "title:Alone", "--json"]));
    let alone = found["hits"][0]["id"].as_str().unwrap();
    let shown = json_of(&litopys(&lib, &["show", alone, "--json"]));
    assert!(
        shown["story"].is_null(),
        "an article sharing nothing has no story"
    );
}

#[test]
fn network_json_counts_reprints_per_source_pair_with_the_median_delay() {
    let dir = tempfile::tempdir().unwrap();
    let lib = library(dir.path());
    let v = json_of(&litopys(&lib, &["stories", "--network", "--json"]));
    assert_eq!(
        v["edges"],
        json!([
            {"from": "a.ua", "to": "b.ua", "count": 1, "median_delay_hours": 6.0},
            {"from": "a.ua", "to": "c.ua", "count": 1, "median_delay_hours": 48.0},
        ])
    );
}

#[test]
fn an_unknown_story_is_not_found_with_exit_2() {
    let dir = tempfile::tempdir().unwrap();
    let lib = library(dir.path());
    let out = litopys(&lib, &["story", "0123456789abcdef", "--json"]);
    assert_eq!(out.status.code(), Some(2));
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["error"]["code"], "not_found");
}

#[test]
fn a_story_report_is_written_with_article_text_escaped() {
    let dir = tempfile::tempdir().unwrap();
    let lib = library(dir.path());
    let list = json_of(&litopys(&lib, &["stories", "--json"]));
    let id = list["stories"][0]["id"].as_str().unwrap().to_owned();
    let md = dir.path().join("story.md");
    let html = dir.path().join("story.html");
    for path in [&md, &html] {
        let out = litopys(&lib, &["story", &id, "--report", path.to_str().unwrap()]);
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
    let md = std::fs::read_to_string(md).unwrap();
    assert!(md.starts_with(&format!("# Story {id}")));
    assert!(
        md.contains("Late \\<b\\>reprint"),
        "markup in a title is escaped"
    );
    assert!(md.contains("> "), "shared passages are quoted");
    let html = std::fs::read_to_string(html).unwrap();
    assert!(html.contains("<h2>Shared passages</h2>"));
    assert!(html.contains("Late &lt;b&gt;reprint"));
    assert!(!html.contains("<b>"));
}

#[test]
fn a_story_report_is_not_written_over_an_existing_file_without_force() {
    let dir = tempfile::tempdir().unwrap();
    let lib = library(dir.path());
    let list = json_of(&litopys(&lib, &["stories", "--json"]));
    let id = list["stories"][0]["id"].as_str().unwrap().to_owned();
    let report = dir.path().join("story.md");
    std::fs::write(&report, "keep").unwrap();
    let path = report.to_str().unwrap();
    let r = litopys(&lib, &["story", &id, "--report", path, "--json"]);
    assert_eq!(r.status.code(), Some(2));
    let err: Value = serde_json::from_slice(&r.stdout).unwrap();
    assert_eq!(err["error"]["code"], "file_exists");
    assert_eq!(std::fs::read_to_string(&report).unwrap(), "keep");
    json_of(&litopys(
        &lib,
        &["story", &id, "--report", path, "--force", "--json"],
    ));
    assert!(std::fs::read_to_string(&report)
        .unwrap()
        .starts_with(&format!("# Story {id}")));
    let missing = dir.path().join("nope").join("s.md");
    let r = litopys(
        &lib,
        &[
            "story",
            &id,
            "--report",
            missing.to_str().unwrap(),
            "--json",
        ],
    );
    let err: Value = serde_json::from_slice(&r.stdout).unwrap();
    assert_eq!(err["error"]["code"], "no_such_folder");
    assert!(!dir.path().join("nope").exists());
}
