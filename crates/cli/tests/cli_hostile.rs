//! The `litopys` binary facing hostile article text and signals (issue 14.4,
//! 14.7, 14.8): no terminal escape sequence reaches a human reader, `--json`
//! stays exact, CSV is spreadsheet-safe unless `--raw-csv`, and SIGTERM
//! during an export leaves no temporary file.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use serde_json::Value;

mod harness;
use harness::litopys;

const TITLE: &str = "Заголовок \u{1b}]0;pwned\u{7} кінець \u{202e}txt.exe";
const SOURCE: &str = "evil\u{1b}]52;c;ZXZpbA==\u{7}.example";
const AUTHOR: &str = "Автор\u{1b}[31m\u{9b}2J";
const NOTE: &str = "нотатка \u{1b}]0;note\u{7}\nдругий рядок";
const TAG_TAIL: &str = "\u{1b}]0;tag\u{7}";

fn ok(out: &Output) -> String {
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout.clone()).expect("UTF-8 output")
}

/// Bytes and characters no human-readable output may carry.
fn assert_terminal_safe(what: &str, bytes: &[u8]) {
    let s = String::from_utf8_lossy(bytes);
    let bad: Vec<char> = s
        .chars()
        .filter(|&c| {
            (c.is_control() && c != '\n' && c != '\t')
                || ('\u{202a}'..='\u{202e}').contains(&c)
                || ('\u{2066}'..='\u{2069}').contains(&c)
        })
        .collect();
    assert!(bad.is_empty(), "{what} printed {bad:?}:\n{s}");
}

struct Fixture {
    _dir: tempfile::TempDir,
    lib: PathBuf,
    id: String,
}

/// One article whose title, source and author carry OSC 0, OSC 52, CSI and
/// a right-to-left override, with an escape sequence in its body, a note and
/// a saved search; the fields are set in the library itself so that the test
/// does not depend on what the importer keeps.
fn fixture() -> Fixture {
    let dir = tempfile::tempdir().unwrap();
    let lib = dir.path().join("lib.litopys");
    let data = dir.path().join("hostile.jsonl");
    let body = "Перший абзац \u{1b}]52;c;ZXZpbA==\u{7} про переговори.\n\n\
                Другий абзац \u{1b}[2J про переговори теж.";
    let line = serde_json::json!({"title": "тимчасовий", "text": body, "date": "2024-05-01"});
    std::fs::write(&data, format!("{line}\n")).unwrap();
    ok(&litopys(&lib, &["import", data.to_str().unwrap()]));
    let id = serde_json::from_str::<Value>(&ok(&litopys(&lib, &["list", "--json"]))).unwrap()[0]
        ["id"]
        .as_str()
        .unwrap()
        .to_owned();
    ok(&litopys(
        &lib,
        &["annotate", &id, "--quote", "Перший абзац", "--note", NOTE],
    ));
    ok(&litopys(&lib, &["tag", "add", "переговори", &id]));
    ok(&litopys(
        &lib,
        &["saved", "save", "збережений", "переговори"],
    ));
    // The CLI refuses control characters in names; a library written by
    // another program need not have.
    let library = litopys_core::Library::open(&lib).unwrap();
    library
        .conn()
        .execute_batch(&format!(
            "UPDATE articles SET title = '{TITLE}', source = '{SOURCE}', author = '{AUTHOR}';
             UPDATE tags SET name = name || '{TAG_TAIL}';
             UPDATE saved_searches SET name = name || '{TAG_TAIL}';"
        ))
        .unwrap();
    drop(library);
    Fixture { _dir: dir, lib, id }
}

// Regression (issue 14.8): list, show and search printed `ESC ]0;` (retitles
// the terminal) and `ESC ]52;` (writes the clipboard) from article text raw.
#[test]
fn human_output_of_every_command_carries_no_escape_sequence() {
    let f = fixture();
    let commands: [&[&str]; 11] = [
        &["list"],
        &["show", &f.id],
        &["search", "переговори"],
        &["search", "title:Заголовок"],
        &["blocks", &f.id],
        &["similar", &f.id],
        &["timeline", "переговори"],
        &["tag", "list"],
        &["annotation", "list", &f.id],
        &["saved", "list"],
        &["stats"],
    ];
    for args in commands {
        let out = litopys(&f.lib, args);
        ok(&out);
        assert_terminal_safe(&args.join(" "), &out.stdout);
        assert_terminal_safe(&args.join(" "), &out.stderr);
    }
    let shown = ok(&litopys(&f.lib, &["show", &f.id]));
    // What was there is shown visibly, not dropped.
    assert!(shown.contains("\\u{1b}]0;pwned\\u{7}"), "{shown}");
    assert!(shown.contains("\\u{1b}]52;c;ZXZpbA==\\u{7}"), "{shown}");
    assert!(shown.contains("\\u{202e}txt.exe"), "{shown}");
    // The body keeps its paragraphs; the title stays one line.
    assert!(shown.lines().next().unwrap().starts_with("Заголовок "));
    let listed = ok(&litopys(&f.lib, &["list"]));
    assert_eq!(listed.lines().count(), 1, "{listed}");
    let notes = ok(&litopys(&f.lib, &["annotation", "list", &f.id]));
    assert!(notes.contains("\\u{1b}]0;note\\u{7}\n"), "{notes}");
}

#[test]
fn error_messages_naming_hostile_input_carry_no_escape_sequence() {
    let f = fixture();
    let out = litopys(&f.lib, &["show", "\u{1b}]0;pwned\u{7}"]);
    assert_eq!(out.status.code(), Some(2));
    assert_terminal_safe("show error", &out.stderr);
    assert!(String::from_utf8_lossy(&out.stderr).contains("\\u{1b}]0;pwned"));
}

#[test]
fn json_output_keeps_the_exact_text_and_escapes_controls() {
    let f = fixture();
    let out = ok(&litopys(&f.lib, &["show", "--json", &f.id]));
    // JSON escapes C0 controls, so not even --json puts an ESC byte on a terminal.
    assert!(!out.contains('\u{1b}'), "{out}");
    let shown: Value = serde_json::from_str(&out).unwrap();
    assert_eq!(shown["title"], TITLE);
    assert_eq!(shown["source"], SOURCE);
    assert_eq!(shown["author"], AUTHOR);
    assert_eq!(shown["annotations"][0]["note"], NOTE);
    let listed: Value = serde_json::from_str(&ok(&litopys(&f.lib, &["list", "--json"]))).unwrap();
    assert_eq!(listed[0]["title"], TITLE);
    let found: Value =
        serde_json::from_str(&ok(&litopys(&f.lib, &["search", "--json", "переговори"]))).unwrap();
    assert_eq!(found["hits"][0]["title"], TITLE);
}

// Regression (issue 14.4): CSV cells starting with = ran as formulas in a spreadsheet.
#[test]
fn csv_export_quotes_formula_cells_unless_raw_csv() {
    let f = fixture();
    litopys_core::Library::open(&f.lib)
        .unwrap()
        .conn()
        .execute(
            "UPDATE articles SET title = ?1",
            ["=HYPERLINK(\"http://evil.example\",\"click\")"],
        )
        .unwrap();
    let dir = f.lib.parent().unwrap();
    let title_cell = |name: &str, raw: bool| {
        let out = dir.join(name);
        let mut args = vec!["export", "--ids", &f.id, "--format", "csv"];
        args.extend(["--output", out.to_str().unwrap()]);
        if raw {
            args.push("--raw-csv");
        }
        ok(&litopys(&f.lib, &args));
        let bytes = std::fs::read(&out).unwrap();
        let mut r = csv::Reader::from_reader(&bytes[3..]);
        r.records().next().unwrap().unwrap()[1].to_owned()
    };
    assert_eq!(
        title_cell("safe.csv", false),
        "'=HYPERLINK(\"http://evil.example\",\"click\")"
    );
    assert_eq!(
        title_cell("raw.csv", true),
        "=HYPERLINK(\"http://evil.example\",\"click\")"
    );
}

/// Writes `n` distinct JSONL articles of about 4 KB.
#[cfg(unix)]
fn big_jsonl(path: &Path, n: usize) {
    let para =
        "Міністр закордонних справ заявив про готовність продовжити переговори щодо безпеки. "
            .repeat(45);
    let s: String = (0..n)
        .map(|i| {
            serde_json::json!({"title": format!("Новина {i}"), "text": format!("{para} {i}")})
                .to_string()
                + "\n"
        })
        .collect();
    std::fs::write(path, s).unwrap();
}

/// Names in `dir` that are not the library or the test's input.
#[cfg(unix)]
fn leftovers(dir: &Path) -> Vec<String> {
    std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| !n.starts_with("lib.litopys") && n != "big.jsonl")
        .collect()
}

// Regression (issue 14.7): SIGTERM during an export left its `.part` file.
#[cfg(unix)]
#[test]
fn sigterm_during_an_export_leaves_no_temporary_file() {
    let dir = tempfile::tempdir().unwrap();
    let lib = dir.path().join("lib.litopys");
    let data = dir.path().join("big.jsonl");
    // About a second of JSONL export in a debug build (1 ms an article).
    big_jsonl(&data, 1_000);
    ok(&litopys(
        &lib,
        &[
            "import",
            "--no-block-classification",
            data.to_str().unwrap(),
        ],
    ));
    let out = dir.path().join("out.jsonl");
    // Once SIGTERM, once SIGTERM twice (the second quits at once).
    for signals in [1, 2] {
        let mut cancelled = false;
        // An export that finished before the signal arrived proves nothing:
        // try again (a loaded machine can stall the test between its polls).
        for _ in 0..5 {
            let mut child = Command::new(env!("CARGO_BIN_EXE_litopys"))
                .arg("--library")
                .arg(&lib)
                .args(["export", "--query", "", "--format", "jsonl", "--output"])
                .arg(&out)
                .stdout(std::process::Stdio::piped())
                .stderr(std::process::Stdio::null())
                .spawn()
                .unwrap();
            // The temporary file appears once the signal handler is installed.
            while child.try_wait().unwrap().is_none()
                && !leftovers(dir.path()).iter().any(|n| n.ends_with(".part"))
            {
                std::thread::sleep(std::time::Duration::from_millis(2));
            }
            for _ in 0..signals {
                // SAFETY: signalling our own child, which has not been reaped yet.
                unsafe { libc::kill(child.id() as libc::pid_t, libc::SIGTERM) };
            }
            let result = child.wait_with_output().unwrap();
            if result.status.success() {
                std::fs::remove_file(&out).unwrap();
                continue;
            }
            let code = result.status.code();
            assert!(
                code == Some(1) || (signals == 2 && code == Some(130)),
                "{:?}",
                result.status
            );
            cancelled = true;
            break;
        }
        assert!(cancelled, "the export always finished before SIGTERM");
        assert!(!out.exists());
        assert_eq!(leftovers(dir.path()), Vec::<String>::new());
    }
}
