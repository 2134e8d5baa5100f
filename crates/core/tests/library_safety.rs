//! Issue 14: what opening a library refuses, damage found and repaired,
//! backups of the user's work, writers that wait for each other, and import
//! reports that never call a rolled-back article imported.

mod harness;

use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::atomic::AtomicBool;

use litopys_core::import::{import_paths, ImportEvent, ImportOptions, ItemStatus};
use litopys_core::store::annotations::{self, Target};
use litopys_core::store::{articles, backup, health, repair, tags};
use litopys_core::{Error, Library};

fn bytes(path: &Path) -> Vec<u8> {
    std::fs::read(path).unwrap()
}

const WORDS: [&str; 23] = [
    "бюджет",
    "дорогу",
    "школу",
    "лікарню",
    "міст",
    "податки",
    "пенсії",
    "тарифи",
    "вибори",
    "енергетику",
    "оборону",
    "екологію",
    "науку",
    "культуру",
    "спорт",
    "медицину",
    "транспорт",
    "аграріїв",
    "кордон",
    "митницю",
    "освіту",
    "воду",
    "зв'язок",
];

/// A JSONL file of `n` articles whose lines differ in their words (lines
/// that differ only in numbers would be learned as one recurring line).
fn jsonl(dir: &Path, name: &str, n: usize) -> PathBuf {
    let path = dir.join(name);
    let mut f = std::io::BufWriter::new(std::fs::File::create(&path).unwrap());
    let w = |k: usize| WORDS[k % WORDS.len()];
    for i in 0..n {
        let (a, b, c) = (i % 23, i / 23 % 19, i / 437 % 17);
        let body = format!(
            "{name}: уряд обговорив {} і {} на засіданні.\n\nДепутати підтримали рішення про {} та {}, \
             а опозиція критикувала {}.",
            w(a),
            w(b + 1),
            w(c + 2),
            w(a + b),
            w(a + c + 5)
        );
        let line = serde_json::json!({"title": format!("{name} {i}"), "text": body,
            "source": "test.example", "date": "2024-05-01"});
        writeln!(f, "{line}").unwrap();
    }
    f.flush().unwrap();
    path
}

fn library_with_work(dir: &Path) -> (PathBuf, String) {
    let path = dir.join("lib.litopys");
    let mut lib = Library::open(&path).unwrap();
    let file = jsonl(dir, "a.jsonl", 50);
    let (totals, _) = harness::import(&mut lib, &[file], &ImportOptions::default());
    assert_eq!(totals.imported, 50);
    let first = articles::list(lib.conn(), 1, 0).unwrap()[0].id.clone();
    let internal = tags::article_ids(lib.conn(), std::slice::from_ref(&first)).unwrap();
    tags::add(lib.conn_mut(), "case/alpha", &internal).unwrap();
    annotations::create(
        lib.conn_mut(),
        &first,
        &Target::Quote {
            text: "Уряд".into(),
            occurrence: 1,
        },
        "перевірити",
        None,
        &["case/alpha".to_owned()],
    )
    .unwrap();
    (path, first)
}

// Regression (issue 14.6): another program's SQLite database named `.litopys`
// was converted (our tables created beside its `invoices`).
#[test]
fn a_foreign_sqlite_database_is_refused_and_left_unchanged() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("accounts.litopys");
    {
        let c = rusqlite::Connection::open(&path).unwrap();
        c.execute_batch("CREATE TABLE invoices (id INTEGER PRIMARY KEY, total REAL); INSERT INTO invoices VALUES (1, 9.5);")
            .unwrap();
    }
    let before = bytes(&path);
    let err = Library::open(&path).err().expect("must be refused");
    assert_eq!(err.code(), "not_a_library", "{err}");
    assert!(err.to_string().contains("invoices"), "{err}");
    assert_eq!(bytes(&path), before, "the foreign database was written to");
    let c = rusqlite::Connection::open(&path).unwrap();
    let tables: i64 = c
        .query_row("SELECT count(*) FROM sqlite_schema", [], |r| r.get(0))
        .unwrap();
    assert_eq!(tables, 1);
}

// Regression (issue 14.6): a zero-byte file silently became a new library.
#[test]
fn a_zero_byte_file_is_refused_and_stays_empty() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("empty.litopys");
    std::fs::File::create(&path).unwrap();
    let err = Library::open(&path).err().expect("must be refused");
    assert_eq!(err.code(), "not_a_library", "{err}");
    assert!(err.to_string().contains("empty"), "{err}");
    assert_eq!(std::fs::metadata(&path).unwrap().len(), 0);
}

#[test]
fn a_text_file_is_not_a_library() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("notes.litopys");
    std::fs::write(&path, "Мої нотатки, не бібліотека").unwrap();
    let err = Library::open(&path).err().expect("must be refused");
    assert_eq!(err.code(), "not_a_library", "{err}");
    assert_eq!(bytes(&path), "Мої нотатки, не бібліотека".as_bytes());
}

// Regression (issue 14.6): a missing path silently became a new library.
#[test]
fn opening_a_missing_library_is_an_error_and_creates_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("typo").join("lib.litopys");
    let err = Library::open_existing(&path).err().expect("must fail");
    assert_eq!(err.code(), "library_missing", "{err}");
    assert!(!path.exists() && !path.parent().unwrap().exists());
    // Creating stays possible when asked for.
    Library::open(&path).unwrap();
    assert!(path.exists());
}

#[cfg(unix)]
#[test]
fn a_fifo_is_refused_at_once_instead_of_hanging() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("pipe.litopys");
    let status = std::process::Command::new("mkfifo")
        .arg(&path)
        .status()
        .unwrap();
    assert!(status.success());
    let err = Library::open(&path).err().expect("must be refused");
    assert_eq!(err.code(), "not_a_library", "{err}");
}

/// Overwrites the start of the page holding the middle of the file with garbage.
fn damage_middle_page(path: &Path) {
    use std::io::{Seek, SeekFrom};
    let len = std::fs::metadata(path).unwrap().len();
    let page = 16384u64;
    let middle = (len / page / 2) * page;
    let mut f = std::fs::OpenOptions::new().write(true).open(path).unwrap();
    f.seek(SeekFrom::Start(middle)).unwrap();
    f.write_all(&[0xA5; 64]).unwrap();
}

// Regression (issue 14.6): a library with flipped bytes in the middle opened,
// searched and took new imports without a word.
#[test]
fn damage_is_found_at_open_and_repair_salvages_the_rest() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("lib.litopys");
    {
        let mut lib = Library::open(&path).unwrap();
        let file = jsonl(dir.path(), "many.jsonl", 600);
        let (totals, _) = harness::import(&mut lib, &[file], &ImportOptions::default());
        assert_eq!(totals.imported, 600);
        let ids = tags::article_ids(
            lib.conn(),
            &[articles::list(lib.conn(), 1, 0).unwrap()[0].id.clone()],
        )
        .unwrap();
        tags::add(lib.conn_mut(), "kept", &ids).unwrap();
    }
    damage_middle_page(&path);
    let err = Library::open(&path)
        .err()
        .expect("damage must be found at open");
    assert_eq!(err.code(), "library_damaged", "{err}");
    assert!(err.to_string().contains("litopys repair"), "{err}");

    let lib = Library::open_unchecked(&path).unwrap();
    assert!(!health::full_check(lib.conn()).unwrap().ok);
    drop(lib);

    let report = repair::repair(&path).unwrap();
    assert!(!report.before.ok);
    assert!(report.after.ok, "{:?}", report.after);
    let kept = report
        .damaged_kept_at
        .clone()
        .expect("salvage keeps the damaged file");
    assert!(kept.exists(), "damaged file kept at {}", kept.display());
    let salvaged = report.salvaged.expect("rows were copied");
    assert!(salvaged.articles > 500, "{salvaged:?}");
    assert!(
        salvaged.articles + salvaged.articles_lost >= 600,
        "{salvaged:?}"
    );
    let lib = Library::open(&path).unwrap();
    assert_eq!(
        articles::count(lib.conn()).unwrap() as u64,
        salvaged.articles
    );
    assert!(tags::list(lib.conn())
        .unwrap()
        .iter()
        .any(|t| t.name == "kept"));
}

#[test]
fn a_sound_library_passes_the_full_check() {
    let dir = tempfile::tempdir().unwrap();
    let (path, _) = library_with_work(dir.path());
    let lib = Library::open_unchecked(&path).unwrap();
    let report = health::full_check(lib.conn()).unwrap();
    assert!(report.ok && report.complete, "{report:?}");
}

#[test]
fn a_backup_brings_back_deleted_tags_and_annotations() {
    let dir = tempfile::tempdir().unwrap();
    let (path, first) = library_with_work(dir.path());
    let mut lib = Library::open(&path).unwrap();
    let file = backup::write(lib.conn(), &path, "manual").unwrap().unwrap();
    assert_eq!(backup::list(&path).unwrap()[0].path, file);
    tags::delete(lib.conn_mut(), "case/alpha").unwrap();
    let internal = tags::article_ids(lib.conn(), std::slice::from_ref(&first)).unwrap()[0];
    let notes = annotations::of_article(lib.conn(), internal).unwrap();
    annotations::delete(lib.conn(), &notes[0].id).unwrap();
    assert!(annotations::of_article(lib.conn(), internal)
        .unwrap()
        .is_empty());

    let restored = backup::restore(lib.conn_mut(), &file).unwrap();
    assert_eq!(restored.tags, 1);
    assert_eq!(restored.annotations, 1);
    assert_eq!(restored.article_tags, 1);
    assert_eq!(restored.annotation_tags, 1);
    let back = annotations::of_article(lib.conn(), internal).unwrap();
    assert_eq!(back[0].note, "перевірити");
    assert_eq!(back[0].tags, vec!["case/alpha".to_owned()]);
    assert_eq!(
        tags::of_article(lib.conn(), internal).unwrap(),
        vec!["case/alpha".to_owned()]
    );
    // Restoring twice adds nothing.
    assert_eq!(
        backup::restore(lib.conn_mut(), &file).unwrap().annotations,
        0
    );
}

#[test]
fn a_backup_is_written_before_a_migration() {
    let dir = tempfile::tempdir().unwrap();
    let (path, _) = library_with_work(dir.path());
    {
        // Take the library back to schema 7 (before migrations 0008 to 0011).
        let c = rusqlite::Connection::open(&path).unwrap();
        let team: Vec<String> = c
            .prepare("SELECT name FROM sqlite_schema WHERE type = 'trigger' AND name LIKE 'team\\_%' ESCAPE '\\'")
            .unwrap()
            .query_map([], |r| r.get(0))
            .unwrap()
            .collect::<rusqlite::Result<_>>()
            .unwrap();
        for t in team {
            c.execute_batch(&format!("DROP TRIGGER {t}")).unwrap();
        }
        c.execute_batch(
            "DROP VIEW team_recording; DROP TABLE team_link; DROP TABLE team_outbox;
             DROP TABLE team_authors; DROP TABLE captures; DROP TABLE feed_items; DROP TABLE feeds;",
        )
        .unwrap();
        c.execute_batch(
            "DROP TRIGGER story_queue_insert; DROP TRIGGER story_queue_update;
             DROP TRIGGER story_queue_delete; DROP TABLE story_pending; DROP TABLE story_members;
             DROP TABLE story_links; DROP TABLE story_shingles; DROP TABLE story_articles;
             DROP TRIGGER word_answers_drop_on_insert; DROP TRIGGER word_answers_drop_on_delete;
             DROP TRIGGER word_answers_drop_on_update; DROP VIEW word_answer_counts_view;
             DROP TABLE word_answer_counts; DROP TABLE word_answers;
             DROP TABLE trash; DROP INDEX block_repeats_article; PRAGMA user_version = 7;",
        )
        .unwrap();
    }
    assert!(backup::list(&path).unwrap().is_empty());
    let lib = Library::open(&path).unwrap();
    assert_eq!(lib.schema_version().unwrap(), 14);
    let list = backup::list(&path).unwrap();
    assert_eq!(list.len(), 1);
    assert!(
        list[0].name.ends_with("before-migration-8"),
        "{:?}",
        list[0]
    );
}

#[test]
fn old_backups_rotate_out() {
    let dir = tempfile::tempdir().unwrap();
    let (path, _) = library_with_work(dir.path());
    let lib = Library::open(&path).unwrap();
    let folder = backup::folder(&path);
    std::fs::create_dir_all(&folder).unwrap();
    for i in 0..12 {
        std::fs::write(
            folder
                .join(format!("2020010{}T000000Z-daily.litopys-backup", i % 10))
                .with_extension(format!("{i}.litopys-backup")),
            b"",
        )
        .unwrap();
    }
    backup::write(lib.conn(), &path, "manual").unwrap();
    assert_eq!(backup::list(&path).unwrap().len(), backup::KEEP);
}

#[test]
fn a_read_only_library_can_be_searched_but_not_changed() {
    let dir = tempfile::tempdir().unwrap();
    let (path, first) = library_with_work(dir.path());
    let mut perms = std::fs::metadata(&path).unwrap().permissions();
    perms.set_readonly(true);
    std::fs::set_permissions(&path, perms).unwrap();
    let writable = std::fs::OpenOptions::new().write(true).open(&path).is_ok();
    let lib = Library::open(&path).unwrap();
    // Root may write any file: then the library is rightly writable.
    assert_eq!(lib.is_read_only(), !writable);
    let hits = litopys_core::search::search(
        lib.conn(),
        "уряд",
        litopys_core::search::Sort::Relevance,
        10,
        0,
    )
    .unwrap();
    assert_eq!(hits.total, 50);
    assert!(articles::get(lib.conn(), &first).is_ok());
    if !writable {
        let err = lib.ensure_writable().err().unwrap();
        assert_eq!(err.code(), "read_only");
    }
}

// Regression (issue 14.5): a second import failed every item with "database
// is locked", annotate calls during an import failed at once, and an import
// lost a whole batch of 2,000 to the lock.
#[test]
fn two_imports_and_annotations_at_once_all_complete() {
    let dir = tempfile::tempdir().unwrap();
    let (path, first) = library_with_work(dir.path());
    let a = jsonl(dir.path(), "x.jsonl", 2_500);
    let b = jsonl(dir.path(), "y.jsonl", 2_500);
    let run_import = |file: PathBuf| {
        let path = path.clone();
        std::thread::spawn(move || {
            let mut lib = Library::open(&path).unwrap();
            let mut imported = 0;
            let totals = import_paths(
                &mut lib,
                &[file],
                &ImportOptions::default(),
                &AtomicBool::new(false),
                &mut |e| {
                    if let ImportEvent::Item(i) = e {
                        assert_ne!(i.status, ItemStatus::Failed, "{i:?}");
                        imported += 1;
                    }
                },
            )
            .unwrap();
            (totals.imported, imported)
        })
    };
    let one = run_import(a);
    let two = run_import(b);
    let first_again = first.clone();
    let annotator = {
        let path = path.clone();
        std::thread::spawn(move || {
            let mut lib = Library::open(&path).unwrap();
            for i in 0..60 {
                annotations::create(
                    lib.conn_mut(),
                    &first,
                    &Target::Article,
                    &format!("note {i}"),
                    None,
                    &[format!("t{}", i % 3)],
                )
                .unwrap();
            }
        })
    };
    assert_eq!(one.join().unwrap(), (2_500, 2_500));
    assert_eq!(two.join().unwrap(), (2_500, 2_500));
    annotator.join().unwrap();
    let lib = Library::open(&path).unwrap();
    assert_eq!(articles::count(lib.conn()).unwrap(), 5_050);
    let internal = tags::article_ids(lib.conn(), &[first_again]).unwrap()[0];
    assert_eq!(
        annotations::of_article(lib.conn(), internal).unwrap().len(),
        61
    );
}

// Regression (issue 14.9): after a fatal error the report listed rolled-back
// items as imported.
#[test]
fn a_batch_lost_to_a_full_disk_is_reported_failed_not_imported() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("lib.litopys");
    let mut lib = Library::open(&path).unwrap();
    let file = jsonl(dir.path(), "big.jsonl", 6_000);
    let pages: i64 = lib
        .conn()
        .query_row("PRAGMA page_count", [], |r| r.get(0))
        .unwrap();
    // A disk that fills up after a little more than one batch of 2,000.
    lib.conn()
        .execute_batch(&format!("PRAGMA max_page_count = {}", pages + 300))
        .unwrap();
    let mut reported = Vec::new();
    let result = import_paths(
        &mut lib,
        &[file],
        &ImportOptions::default(),
        &AtomicBool::new(false),
        &mut |e| {
            if let ImportEvent::Item(i) = e {
                reported.push(i);
            }
        },
    );
    assert!(result.is_err(), "the full disk must stop the import");
    drop(lib);
    let lib = Library::open(&path).unwrap();
    let stored = articles::count(lib.conn()).unwrap() as u64;
    let said_imported = reported
        .iter()
        .filter(|i| i.status == ItemStatus::Imported)
        .count() as u64;
    assert_eq!(
        said_imported, stored,
        "every item called imported is stored"
    );
    assert!(reported.iter().any(|i| i.status == ItemStatus::Failed
        && i.error
            .as_deref()
            .is_some_and(|e| e.contains("rolled back"))));
}

#[test]
fn errors_of_damage_busy_and_read_only_have_their_own_codes() {
    let e: Error =
        rusqlite::Error::SqliteFailure(rusqlite::ffi::Error::new(rusqlite::ffi::SQLITE_BUSY), None)
            .into();
    assert_eq!(e.code(), "busy");
    let e: Error = rusqlite::Error::SqliteFailure(
        rusqlite::ffi::Error::new(rusqlite::ffi::SQLITE_CORRUPT),
        None,
    )
    .into();
    assert_eq!(e.code(), "library_damaged");
    let e: Error = rusqlite::Error::SqliteFailure(
        rusqlite::ffi::Error::new(rusqlite::ffi::SQLITE_READONLY),
        None,
    )
    .into();
    assert_eq!(e.code(), "read_only");
}
