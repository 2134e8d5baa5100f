//! Issue 14: the CLI on missing, damaged and busy libraries; `check`, `repair`,
//! `backup`; and kill -9 during every writing command.

use std::path::Path;

mod harness;
use harness::{json, litopys};

fn seeds() -> std::path::PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/seeds")
}

// Regression (issue 14.6): a missing path silently became a new library.
#[test]
fn reading_a_missing_library_says_so_and_creates_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let lib = dir.path().join("typo.litopys");
    for args in [
        &["list", "--json"][..],
        &["search", "--json", "уряд"],
        &["stats", "--json"],
    ] {
        let out = litopys(&lib, args);
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        assert_eq!(json(&out)["error"]["code"], "library_missing", "{args:?}");
    }
    assert!(!lib.exists());
    let out = litopys(&lib, &["import", seeds().to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(0));
    assert!(String::from_utf8_lossy(&out.stderr).contains("created a new library"));
    assert!(lib.exists());
}

// Regression (issue 14.9): after a fatal error the `--json` report ended in invalid JSON.
#[test]
fn import_json_is_one_valid_document_when_the_library_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let lib = dir.path().join("empty.litopys");
    std::fs::File::create(&lib).unwrap();
    let out = litopys(&lib, &["import", "--json", seeds().to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(json(&out)["error"]["code"], "not_a_library");
    assert_eq!(std::fs::metadata(&lib).unwrap().len(), 0);
}

#[test]
fn check_repair_and_backup_commands_work_on_a_real_library() {
    let dir = tempfile::tempdir().unwrap();
    let lib = dir.path().join("lib.litopys");
    assert!(litopys(&lib, &["import", seeds().to_str().unwrap()])
        .status
        .success());
    assert!(
        litopys(&lib, &["tag", "add", "verify", "--query", "Лавров"])
            .status
            .success()
    );
    let out = litopys(&lib, &["check", "--json"]);
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(json(&out)["ok"], true);
    let out = litopys(&lib, &["repair", "--json"]);
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(json(&out)["before"]["ok"], true);

    assert!(litopys(&lib, &["backup", "now"]).status.success());
    let list = json(&litopys(&lib, &["backup", "list", "--json"]));
    assert_eq!(list["backups"].as_array().unwrap().len(), 1);
    assert!(litopys(&lib, &["tag", "delete", "verify", "--yes"])
        .status
        .success());
    let out = litopys(&lib, &["backup", "restore", "--json", "latest"]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(json(&out)["tags"], 1);
    let tags = json(&litopys(&lib, &["tag", "list", "--json"]));
    assert!(tags
        .as_array()
        .unwrap()
        .iter()
        .any(|t| t["name"] == "verify"));
}
