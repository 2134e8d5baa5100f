//! `litopys export` never surprises (issue 19; `story --report` is tested in
//! stories_cli.rs):
//! an existing file needs `--force`, a missing folder is an error, an empty
//! selection exits 1 without writing, reports carry the text unless
//! `--annotations-only`, the typed name is kept with a note on a mismatched
//! extension, and `--help` says what each format is.

mod harness;

use std::path::{Path, PathBuf};
use std::process::Output;

use harness::{json, litopys};

fn demo(dir: &Path) -> PathBuf {
    let lib = dir.join("lib.litopys");
    let out = litopys(&lib, &["demo"]);
    assert!(out.status.success(), "{}", stderr(&out));
    lib
}

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

fn export(lib: &Path, output: &Path, extra: &[&str]) -> Output {
    let mut args = vec!["export", "--output", output.to_str().unwrap()];
    args.extend_from_slice(extra);
    litopys(lib, &args)
}

#[test]
fn an_existing_file_is_refused_unless_forced() {
    let dir = tempfile::tempdir().unwrap();
    let lib = demo(dir.path());
    let out = dir.path().join("mine.md");
    std::fs::write(&out, "my notes").unwrap();
    let refused = export(
        &lib,
        &out,
        &["--query", "", "--format", "markdown", "--json"],
    );
    assert_eq!(refused.status.code(), Some(2), "{}", stderr(&refused));
    assert_eq!(json(&refused)["error"]["code"], "file_exists");
    assert!(stderr(&refused).contains("--force"), "{}", stderr(&refused));
    assert_eq!(std::fs::read_to_string(&out).unwrap(), "my notes");

    let forced = export(
        &lib,
        &out,
        &["--query", "", "--format", "markdown", "--force"],
    );
    assert!(forced.status.success(), "{}", stderr(&forced));
    assert!(std::fs::read_to_string(&out)
        .unwrap()
        .starts_with("# Litopys report"));
}

#[test]
fn a_missing_folder_is_an_error_and_is_not_created() {
    let dir = tempfile::tempdir().unwrap();
    let lib = demo(dir.path());
    let out = dir.path().join("typo-folder").join("x.jsonl");
    let r = export(&lib, &out, &["--query", "", "--format", "jsonl", "--json"]);
    assert_eq!(r.status.code(), Some(2));
    assert_eq!(json(&r)["error"]["code"], "no_such_folder");
    assert!(stderr(&r).contains("does not exist"), "{}", stderr(&r));
    assert!(!dir.path().join("typo-folder").exists());
}

#[test]
fn an_empty_selection_exits_1_and_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let lib = demo(dir.path());
    let out = dir.path().join("none.csv");
    for selection in [
        ["--query", "zzzznosuchwordanywhere"],
        ["--tag", "no-such-tag"],
    ] {
        let mut args = selection.to_vec();
        args.extend(["--format", "csv", "--json"]);
        let r = export(&lib, &out, &args);
        assert_eq!(r.status.code(), Some(1), "{selection:?}: {}", stderr(&r));
        assert_eq!(json(&r)["error"]["code"], "empty_selection");
        assert!(stderr(&r).contains("selects no articles"), "{}", stderr(&r));
    }
    assert!(!out.exists());
    assert!(!dir.path().join("none.annotations.csv").exists());
}

#[test]
fn reports_carry_the_text_and_annotations_only_leaves_it_out() {
    let dir = tempfile::tempdir().unwrap();
    let lib = demo(dir.path());
    let list = json(&litopys(&lib, &["search", "Лавровим", "--json"]));
    let id = list["hits"][0]["id"]
        .as_str()
        .or_else(|| list["results"][0]["id"].as_str())
        .unwrap_or_else(|| panic!("a hit: {list}"))
        .to_owned();
    let shown = json(&litopys(&lib, &["show", &id, "--json"]));
    let body = shown["clean_text"].as_str().unwrap().to_owned();
    let probe: String = body
        .lines()
        .map(str::trim)
        .find(|l| l.chars().count() > 60 && !l.contains('*') && !l.contains('['))
        .expect("a paragraph")
        .split_whitespace()
        .take(4)
        .collect::<Vec<_>>()
        .join(" ");
    let annotate = litopys(&lib, &["annotate", &id, "--note", "перевірити джерело"]);
    assert!(annotate.status.success(), "{}", stderr(&annotate));
    for (format, name) in [("markdown", "r.md"), ("html", "r.html")] {
        let out = dir.path().join(name);
        let r = export(&lib, &out, &["--ids", &id, "--format", format, "--force"]);
        assert!(r.status.success(), "{}", stderr(&r));
        let full = std::fs::read_to_string(&out).unwrap();
        assert!(full.contains(&probe), "{format}: no “{probe}”");
        let r = export(
            &lib,
            &out,
            &[
                "--ids",
                &id,
                "--format",
                format,
                "--force",
                "--annotations-only",
            ],
        );
        assert!(r.status.success(), "{}", stderr(&r));
        let short = std::fs::read_to_string(&out).unwrap();
        assert!(!short.contains(&probe), "{format}: the text is left out");
        assert!(
            short.contains("перевірити джерело"),
            "{format}: the note stays"
        );
    }
}

#[test]
fn the_typed_name_is_kept_and_a_mismatched_extension_is_explained() {
    let dir = tempfile::tempdir().unwrap();
    let lib = demo(dir.path());
    let out = dir.path().join("for-editor.txt");
    let r = export(&lib, &out, &["--query", "", "--format", "html"]);
    assert!(r.status.success(), "{}", stderr(&r));
    assert!(out.is_file(), "written under the name typed");
    let said = String::from_utf8_lossy(&r.stdout);
    assert!(
        said.contains("Note:") && said.contains(".html"),
        "stdout: {said}"
    );
    let r = export(
        &lib,
        &dir.path().join("x.zip.txt"),
        &["--query", "", "--format", "zip", "--json"],
    );
    assert!(json(&r)["note"].as_str().unwrap().contains(".zip"));
}

#[test]
fn export_help_says_what_each_format_is() {
    let dir = tempfile::tempdir().unwrap();
    let out = litopys(&dir.path().join("none.litopys"), &["export", "--help"]);
    assert!(out.status.success());
    let help = String::from_utf8_lossy(&out.stdout);
    for (name, words) in [
        ("jsonl", "lossless"),
        ("zip", "Text files in folders by tag (.zip)"),
        ("csv", "(.csv)"),
        ("refi-qda", "(.qdpx)"),
    ] {
        let line = help
            .lines()
            .find(|l| l.trim_start().starts_with(&format!("{name} ")))
            .unwrap_or_else(|| panic!("no line for {name} in:\n{help}"));
        assert!(line.contains(words), "{line}");
    }
    for flag in ["--force", "--annotations-only"] {
        assert!(help.contains(flag), "{help}");
    }
}
