//! `litopys delete` and `litopys trash` (issue 19): removing by id and by
//! query (asking first), listing, restoring and emptying the trash.

use std::path::Path;

use serde_json::Value;

mod harness;
use harness::{json, litopys};

fn stderr(out: &std::process::Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

/// A library with the sample articles; their ids.
fn samples(lib: &Path) -> Vec<String> {
    assert_eq!(litopys(lib, &["demo"]).status.code(), Some(0));
    ids(lib)
}

fn ids(lib: &Path) -> Vec<String> {
    let listed = json(&litopys(lib, &["list", "--json"]));
    listed
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["id"].as_str().unwrap().to_owned())
        .collect()
}

fn search_total(lib: &Path, query: &str) -> u64 {
    json(&litopys(lib, &["search", "--json", query]))["total"]
        .as_u64()
        .unwrap()
}

#[test]
fn delete_by_id_moves_the_article_to_the_trash_and_restore_brings_it_back() {
    let dir = tempfile::tempdir().unwrap();
    let lib = dir.path().join("lib.litopys");
    let all = samples(&lib);
    let out = litopys(&lib, &["tag", "add", "verify", &all[0]]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));

    let out = litopys(&lib, &["delete", "--json", &all[0][..8]]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let report = json(&out);
    assert_eq!(report["removed"], 1);
    assert_eq!(report["ids"][0], all[0].as_str());
    assert_eq!(ids(&lib).len(), all.len() - 1);
    assert_eq!(
        litopys(&lib, &["show", &all[0]]).status.code(),
        Some(2),
        "a removed article is still shown"
    );

    let listed = json(&litopys(&lib, &["trash", "list", "--json"]));
    assert_eq!(listed.as_array().unwrap().len(), 1);
    assert_eq!(listed[0]["id"], all[0].as_str());

    let out = litopys(&lib, &["trash", "restore", "--json", &all[0]]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(json(&out)["restored"], 1);
    assert_eq!(ids(&lib).len(), all.len());
    let tags: Value = json(&litopys(&lib, &["tag", "list", "--json"]));
    let verify = tags
        .as_array()
        .unwrap()
        .iter()
        .find(|t| t["name"] == "verify")
        .expect("tag listed");
    assert_eq!(verify["count"], 1);
    assert_eq!(
        json(&litopys(&lib, &["trash", "list", "--json"])),
        serde_json::json!([])
    );
}

#[test]
fn delete_by_query_without_yes_only_says_how_many_would_go() {
    let dir = tempfile::tempdir().unwrap();
    let lib = dir.path().join("lib.litopys");
    let all = samples(&lib);
    let matching = search_total(&lib, "Женева");
    assert!(matching >= 1);

    // Tests run without a terminal on stdin: no question can be asked.
    let out = litopys(&lib, &["delete", "--query", "Женева"]);
    assert_eq!(out.status.code(), Some(2));
    let err = stderr(&out);
    assert!(
        err.contains(&format!("{matching} article(s) match")) && err.contains("--yes"),
        "{err}"
    );
    assert_eq!(ids(&lib).len(), all.len());

    let out = litopys(&lib, &["delete", "--query", "Женева", "--yes"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(
        String::from_utf8_lossy(&out.stdout).contains(&format!("Removed {matching} article(s)")),
        "{}",
        String::from_utf8_lossy(&out.stdout)
    );
    assert_eq!(search_total(&lib, "Женева"), 0);
    assert_eq!(ids(&lib).len(), all.len() - matching as usize);
    let stats = json(&litopys(&lib, &["stats", "--json"]));
    assert_eq!(stats["articles"], (all.len() as u64 - matching));
}

#[test]
fn the_errors_of_delete_and_trash_use_the_shared_json_shape() {
    let dir = tempfile::tempdir().unwrap();
    let lib = dir.path().join("lib.litopys");
    samples(&lib);
    let out = litopys(&lib, &["delete", "--json", "0123456789abcdef"]);
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(json(&out)["error"]["code"], "not_found");

    let out = litopys(&lib, &["trash", "restore", "--json", "0123456789abcdef"]);
    assert_eq!(out.status.code(), Some(2));
    let e = json(&out);
    assert_eq!(e["error"]["code"], "not_found");
    assert!(
        e["error"]["message"].as_str().unwrap().contains("trash"),
        "{e}"
    );

    let out = litopys(&lib, &["delete", "--query", " ", "--yes", "--json"]);
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(json(&out)["error"]["code"], "invalid_input");
}

#[test]
fn trash_empty_forgets_for_good_and_asks_first() {
    let dir = tempfile::tempdir().unwrap();
    let lib = dir.path().join("lib.litopys");
    let all = samples(&lib);
    let out = litopys(&lib, &["delete", &all[0], &all[1]]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));

    let out = litopys(&lib, &["trash", "empty"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("--yes"), "{}", stderr(&out));
    assert_eq!(
        json(&litopys(&lib, &["trash", "list", "--json"]))
            .as_array()
            .unwrap()
            .len(),
        2
    );

    let out = litopys(&lib, &["trash", "empty", "--yes"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(
        json(&litopys(&lib, &["trash", "list", "--json"])),
        serde_json::json!([])
    );
    let out = litopys(&lib, &["trash", "restore", &all[0]]);
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(ids(&lib).len(), all.len() - 2);
}

#[test]
fn every_option_of_delete_and_trash_is_described_in_help() {
    let dir = tempfile::tempdir().unwrap();
    let lib = dir.path().join("lib.litopys");
    for (args, options) in [
        (
            &["delete", "--help"][..],
            &["--query", "--yes", "--json"][..],
        ),
        (&["trash", "list", "--help"], &["--json"]),
        (&["trash", "restore", "--help"], &["--all", "--json"]),
        (&["trash", "empty", "--help"], &["--yes"]),
    ] {
        let out = litopys(&lib, args);
        assert_eq!(out.status.code(), Some(0));
        let help = String::from_utf8_lossy(&out.stdout);
        for o in options {
            let line = help
                .lines()
                .find(|l| l.trim_start().starts_with(o))
                .unwrap_or_else(|| panic!("{args:?}: {o} missing:\n{help}"));
            // The option's name alone (and its value name) is no description.
            let described = line.trim_start()[o.len()..]
                .trim_start_matches([' ', '<', '>'])
                .trim_start_matches(|c: char| c.is_ascii_uppercase() || c == '>')
                .trim();
            assert!(!described.is_empty(), "{args:?}: {o} undescribed:\n{help}");
        }
    }
}
