//! Errors in words (issue 19): a path that does not exist says "no such file
//! or folder" wherever it is given; a bad JSONL line is named by its line
//! once and its column, as `file:LINE: invalid JSON at column C: reason`.

mod harness;

use harness::{json, litopys};

#[test]
fn a_missing_path_says_no_such_file_or_folder_everywhere() {
    let dir = tempfile::tempdir().unwrap();
    let lib = dir.path().join("lib.litopys");
    let missing = dir.path().join("nowhere.html");
    let missing = missing.to_str().unwrap();

    let out = litopys(&lib, &["import", "--json", missing]);
    assert_eq!(out.status.code(), Some(1));
    let r = json(&out);
    assert_eq!(r["files"][0]["error"], "no such file or folder", "{r}");

    let out = litopys(&lib, &["backup", "restore", missing, "--json"]);
    let r = json(&out);
    assert_eq!(r["error"]["code"], "no_such_path", "{r}");
    assert!(r["error"]["message"]
        .as_str()
        .unwrap()
        .ends_with("nowhere.html: no such file or folder"));

    let other = dir.path().join("no-library.litopys");
    let out = litopys(&other, &["search", "x", "--json"]);
    let r = json(&out);
    assert_eq!(r["error"]["code"], "library_missing");
    assert!(r["error"]["message"]
        .as_str()
        .unwrap()
        .contains("no such file or folder"));
}

#[test]
fn a_bad_jsonl_line_says_its_line_once_and_its_column() {
    let dir = tempfile::tempdir().unwrap();
    let lib = dir.path().join("lib.litopys");
    let file = dir.path().join("feed.jsonl");
    std::fs::write(
        &file,
        "{\"title\": \"Перша\", \"text\": \"Добрий текст першої новини.\"}\n\
         \n\
         {\"title\": \"Друга\", \"text\": }\n",
    )
    .unwrap();
    let out = litopys(&lib, &["import", file.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    let said =
        String::from_utf8_lossy(&out.stderr).into_owned() + &String::from_utf8_lossy(&out.stdout);
    let line = said
        .lines()
        .find(|l| l.contains("invalid JSON"))
        .unwrap_or_else(|| panic!("no error line in:\n{said}"));
    // Column 28 in characters (33 in bytes: the title is Cyrillic).
    assert!(
        line.contains("feed.jsonl:3: invalid JSON at column 28: expected value"),
        "{line}"
    );
    assert!(!line.contains("at line"), "the line is said once: {line}");
}

#[test]
fn a_bad_bundle_line_says_its_line_once_and_its_column() {
    let dir = tempfile::tempdir().unwrap();
    let lib = dir.path().join("lib.litopys");
    assert!(litopys(&lib, &["demo"]).status.success());
    let bundle = dir.path().join("b.jsonl");
    let out = litopys(
        &lib,
        &[
            "export",
            "--query",
            "",
            "--format",
            "jsonl",
            "--output",
            bundle.to_str().unwrap(),
        ],
    );
    assert!(out.status.success());
    let mut text = std::fs::read_to_string(&bundle).unwrap();
    text.push_str("{\"id\": \"x\", \"title\": }\n");
    std::fs::write(&bundle, &text).unwrap();
    let n = text.lines().count();
    let other = dir.path().join("other.litopys");
    let out = litopys(&other, &["import", bundle.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    let said = String::from_utf8_lossy(&out.stderr);
    let want = format!("b.jsonl:{n}: invalid JSON at column 22: expected value");
    assert!(said.contains(&want), "want {want} in:\n{said}");
    assert!(!said.contains("at line"), "{said}");
}
