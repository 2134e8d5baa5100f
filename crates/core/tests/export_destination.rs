//! Exports that never surprise (issue 19): an existing file is replaced only
//! with `force`, a missing folder is an error and is not created, an empty
//! selection writes nothing, the typed name is kept (a mismatched extension
//! gets a note), and reports carry the article text unless only annotations
//! are asked for. Real library file, real files.

mod harness;

use std::path::Path;
use std::sync::atomic::AtomicBool;

use litopys_core::export::{destination, export, ExportOptions, ExportTotals, Format, Selection};
use litopys_core::store::annotations::{self, Target};
use litopys_core::{Error, Library};

fn demo() -> (tempfile::TempDir, Library) {
    let (dir, mut lib) = harness::temp_library();
    litopys_core::demo::add_samples(&mut lib).unwrap();
    (dir, lib)
}

fn all() -> Selection {
    Selection::Query(String::new())
}

fn run(
    lib: &Library,
    selection: &Selection,
    format: Format,
    out: &Path,
    options: ExportOptions,
) -> Result<ExportTotals, Error> {
    export(
        lib.conn(),
        selection,
        format,
        out,
        options,
        &AtomicBool::new(false),
        &mut |_, _| {},
    )
}

fn forced() -> ExportOptions {
    ExportOptions {
        force: true,
        ..Default::default()
    }
}

/// Files in `dir`, hidden temporary files included.
fn names(dir: &Path) -> Vec<String> {
    let mut v: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    v.sort();
    v
}

#[test]
fn an_existing_file_is_kept_and_reported_unless_forced() {
    let (dir, lib) = demo();
    let out = dir.path().join("mine.jsonl");
    std::fs::write(&out, "my own notes").unwrap();
    for format in Format::ALL {
        let err = run(&lib, &all(), format, &out, ExportOptions::default()).unwrap_err();
        assert_eq!(err.code(), "file_exists", "{format:?}: {err}");
        assert!(err.to_string().contains("already exists"), "{err}");
        assert_eq!(std::fs::read_to_string(&out).unwrap(), "my own notes");
    }
    let totals = run(&lib, &all(), Format::Jsonl, &out, forced()).unwrap();
    assert!(totals.articles > 0);
    assert_ne!(std::fs::read_to_string(&out).unwrap(), "my own notes");
}

#[test]
fn a_csv_export_is_refused_when_only_its_annotations_file_exists() {
    let (dir, lib) = demo();
    let out = dir.path().join("table.csv");
    let notes = dir.path().join("table.annotations.csv");
    std::fs::write(&notes, "keep me").unwrap();
    let err = run(&lib, &all(), Format::Csv, &out, ExportOptions::default()).unwrap_err();
    assert_eq!(err.code(), "file_exists");
    assert!(!out.exists(), "neither file is written");
    assert_eq!(std::fs::read_to_string(&notes).unwrap(), "keep me");
}

#[test]
fn a_file_appearing_during_the_export_is_not_clobbered() {
    let (dir, _lib) = demo();
    let tmp = dir.path().join(".finished.part");
    let dest = dir.path().join("report.md");
    std::fs::write(&tmp, "the export").unwrap();
    // Another program writes the destination after the first check passed.
    destination::check(&dest, false).unwrap();
    std::fs::write(&dest, "written meanwhile").unwrap();
    let err = destination::place(&tmp, &dest, false).unwrap_err();
    assert_eq!(err.code(), "file_exists");
    assert_eq!(std::fs::read_to_string(&dest).unwrap(), "written meanwhile");
    // With force the finished file replaces it.
    destination::place(&tmp, &dest, true).unwrap();
    assert_eq!(std::fs::read_to_string(&dest).unwrap(), "the export");
    assert!(!tmp.exists());
}

#[test]
fn a_missing_folder_is_an_error_and_is_not_created() {
    let (dir, lib) = demo();
    let out = dir
        .path()
        .join("no-such-folder")
        .join("deeper")
        .join("x.md");
    let err = run(&lib, &all(), Format::Markdown, &out, forced()).unwrap_err();
    assert_eq!(err.code(), "no_such_folder", "{err}");
    assert!(err.to_string().contains("does not exist"), "{err}");
    assert!(!dir.path().join("no-such-folder").exists());
}

#[test]
fn an_empty_selection_is_an_error_and_writes_nothing() {
    let (dir, lib) = demo();
    let before = names(dir.path());
    let out = dir.path().join("empty.html");
    for selection in [
        Selection::Query("zzzznothingmatchesthis".into()),
        Selection::Tags("no-such-tag".into()),
        Selection::Ids(Vec::new()),
    ] {
        let err = run(
            &lib,
            &selection,
            Format::Html,
            &out,
            ExportOptions::default(),
        )
        .unwrap_err();
        assert_eq!(err.code(), "empty_selection", "{selection:?}: {err}");
        assert!(err.to_string().contains("selects no articles"), "{err}");
    }
    assert_eq!(
        names(dir.path()),
        before,
        "no file, not even a temporary one"
    );
}

#[test]
fn the_typed_name_is_kept_and_a_mismatched_extension_gets_a_note() {
    let (dir, lib) = demo();
    let out = dir.path().join("report.txt");
    let totals = run(&lib, &all(), Format::Markdown, &out, forced()).unwrap();
    assert_eq!(totals.files, vec![out.clone()]);
    let note = totals.note.expect("a note on the extension");
    assert!(note.contains(".txt") && note.contains(".md"), "{note}");
    let matching = dir.path().join("report.md");
    let totals = run(&lib, &all(), Format::Markdown, &matching, forced()).unwrap();
    assert_eq!(totals.note, None);
    let bare = dir.path().join("report");
    let totals = run(&lib, &all(), Format::Html, &bare, forced()).unwrap();
    assert!(totals.note.unwrap().contains("no extension"));
    assert!(bare.is_file());
}

#[test]
fn every_format_says_what_it_is() {
    for f in Format::ALL {
        assert!(
            f.label().ends_with(&format!("(.{})", f.extension())),
            "{f:?}: {}",
            f.label()
        );
        assert_eq!(Format::from_name(f.name()), Some(f));
    }
    assert!(Format::Jsonl.label().contains("lossless"));
    assert!(Format::Zip.label().contains("by tag"));
    assert!(!Format::Zip.label().to_lowercase().contains("bundle"));
}

#[test]
fn reports_carry_the_article_text_unless_only_annotations_are_asked_for() {
    let (dir, mut lib) = demo();
    let id: String = lib
        .conn()
        .query_row(
            "SELECT uid FROM articles WHERE body LIKE '%Лавровим%'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    let body = litopys_core::store::articles::get(lib.conn(), &id)
        .unwrap()
        .body;
    annotations::create(
        lib.conn_mut(),
        &id,
        &Target::Quote {
            text: "Лавровим".into(),
            occurrence: 1,
        },
        "хто саме?",
        None,
        &[],
    )
    .unwrap();
    // A sentence of the story that the annotation does not quote.
    let sentence = body
        .split(['.', '\n'])
        .map(str::trim)
        .find(|s| s.chars().count() > 40 && !s.contains("Лавровим"))
        .expect("a long sentence")
        .to_owned();
    let words: Vec<&str> = sentence.split_whitespace().take(5).collect();
    let probe = words.join(" ");
    let selection = Selection::Ids(vec![id]);
    for format in [Format::Markdown, Format::Html] {
        let out = dir.path().join(format!("r.{}", format.extension()));
        run(&lib, &selection, format, &out, forced()).unwrap();
        let full = std::fs::read_to_string(&out).unwrap();
        assert!(full.contains(&probe), "{format:?} lacks the text: {probe}");
        assert!(full.contains("хто саме?"));
        let only = ExportOptions {
            annotations_only: true,
            force: true,
            ..Default::default()
        };
        run(&lib, &selection, format, &out, only).unwrap();
        let short = std::fs::read_to_string(&out).unwrap();
        assert!(!short.contains(&probe), "{format:?} has the text");
        assert!(short.contains("хто саме?"), "the annotation stays");
    }
}

#[test]
fn windows_style_paths_are_file_names_not_folders_on_unix() {
    // On Windows `C:\Users\me\a.md` is a path whose folder must exist; on
    // Unix it is one odd file name in the current folder. Either way the core
    // must neither create folders nor split it on `/` by itself.
    let name = r"C:\Users\analyst\Exports\report.md";
    let folder = destination::folder_of(Path::new(name));
    if cfg!(windows) {
        assert_eq!(folder, Path::new(r"C:\Users\analyst\Exports"));
    } else {
        assert_eq!(folder, Path::new("."));
        let (dir, lib) = demo();
        let out = dir.path().join(name);
        let totals = run(
            &lib,
            &all(),
            Format::Markdown,
            &out,
            ExportOptions::default(),
        )
        .unwrap();
        assert_eq!(totals.files, vec![out.clone()]);
        assert!(out.is_file());
    }
}
