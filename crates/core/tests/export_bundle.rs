//! The lossless bundle round-trips between libraries and merges without
//! duplicates; CSV reads back; cancelled exports leave nothing behind.

mod harness;

use std::path::Path;
use std::sync::atomic::AtomicBool;

use litopys_core::export::{bundle, export, ExportOptions, Format, Selection};
use litopys_core::search::matching_ids;
use litopys_core::store::annotations::{self, Target};
use litopys_core::store::{articles, tags};
use litopys_core::tagging;
use litopys_core::Library;

fn quote(text: &str) -> Target {
    Target::Quote {
        text: text.into(),
        occurrence: 1,
    }
}

/// A library with the demo articles, a tag tree with colours, and annotations.
fn curated(dir: &Path) -> Library {
    let mut lib = Library::open(&dir.join("a.litopys")).unwrap();
    litopys_core::demo::add_samples(&mut lib).unwrap();
    let uk = matching_ids(lib.conn(), "lang:uk").unwrap();
    tags::add(lib.conn_mut(), "war/diplomacy/geneva", &uk[..2]).unwrap();
    assert!(
        !tagging::tag_matching(lib.conn_mut(), "talks", "переговори")
            .unwrap()
            .articles
            .is_empty()
    );
    tags::describe(lib.conn(), "war", Some("#aa0000"), Some("Усе про війну")).unwrap();
    let id = articles::get(lib.conn(), &lib_uid(&lib, "Блінкен зажадав"))
        .unwrap()
        .id;
    annotations::create(
        lib.conn_mut(),
        &id,
        &quote("Лавровим"),
        "хто саме?",
        Some("#ffcc00"),
        &["people".into()],
    )
    .unwrap();
    annotations::create(lib.conn_mut(), &id, &quote("1 лютого"), "", None, &[]).unwrap();
    annotations::create(
        lib.conn_mut(),
        &id,
        &Target::Article,
        "Перевірити джерело",
        None,
        &["needs-check".into()],
    )
    .unwrap();
    lib
}

fn lib_uid(lib: &Library, q: &str) -> String {
    litopys_core::search::search(lib.conn(), q, Default::default(), 1, 0)
        .unwrap()
        .hits[0]
        .id
        .clone()
}

fn export_all(lib: &Library, path: &Path) {
    let t = export(
        lib.conn(),
        &Selection::Query(String::new()),
        Format::Jsonl,
        path,
        // The round trip writes b's bundle twice.
        ExportOptions {
            force: true,
            ..Default::default()
        },
        &AtomicBool::new(false),
        &mut |_, _| {},
    )
    .unwrap();
    assert!(!t.cancelled);
}

fn sorted_lines(path: &Path) -> Vec<String> {
    let mut lines: Vec<String> = std::fs::read_to_string(path)
        .unwrap()
        .lines()
        .map(str::to_owned)
        .collect();
    lines.sort();
    lines
}

fn import(lib: &mut Library, path: &Path) -> bundle::MergeTotals {
    bundle::import(lib, path, &AtomicBool::new(false), &mut |_| {}).unwrap()
}

#[test]
fn a_to_b_and_back_is_byte_identical_and_reimport_adds_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let a = curated(dir.path());
    let a_out = dir.path().join("a.jsonl");
    export_all(&a, &a_out);
    assert!(bundle::is_bundle(&a_out));

    let mut b = Library::open(&dir.path().join("b.litopys")).unwrap();
    let t = import(&mut b, &a_out);
    assert_eq!(
        (t.articles_added, t.tags_added, t.annotations_added),
        (5, 5, 3),
        "{t:?}"
    );
    assert!(t.failed.is_empty());
    let b_out = dir.path().join("b.jsonl");
    export_all(&b, &b_out);
    assert_eq!(sorted_lines(&a_out), sorted_lines(&b_out));

    // Importing the same bundle again changes nothing.
    let again = import(&mut b, &a_out);
    assert_eq!(
        (
            again.articles_added,
            again.articles_known,
            again.annotations_added,
            again.annotations_updated
        ),
        (0, 5, 0, 0)
    );
    export_all(&b, &b_out);
    assert_eq!(sorted_lines(&a_out), sorted_lines(&b_out));
    let war = tags::list(b.conn())
        .unwrap()
        .into_iter()
        .find(|t| t.name == "war")
        .unwrap();
    assert_eq!(
        (war.color.as_deref(), war.description.as_deref()),
        (Some("#aa0000"), Some("Усе про війну"))
    );
}

#[test]
fn a_colleagues_overlapping_bundle_merges_by_last_change() {
    let dir = tempfile::tempdir().unwrap();
    let mut a = curated(dir.path());
    let shared = dir.path().join("shared.jsonl");
    export_all(&a, &shared);
    let mut c = Library::open(&dir.path().join("c.litopys")).unwrap();
    import(&mut c, &shared);

    // The colleague edits one annotation later than A does, A edits another later than the colleague.
    let notes = annotations::orphaned(c.conn()).unwrap();
    assert!(notes.is_empty());
    let id = lib_uid(&c, "Блінкен зажадав");
    let internal = tags::article_ids(c.conn(), std::slice::from_ref(&id)).unwrap()[0];
    let theirs = annotations::of_article(c.conn(), internal).unwrap();
    let (first, second) = (&theirs[0].id, &theirs[1].id);
    annotations::update(c.conn_mut(), first, Some("від колеги"), None, None).unwrap();
    c.conn()
        .execute(
            "UPDATE annotations SET updated_at = '2099-01-01T00:00:00Z' WHERE uid = ?1",
            [first],
        )
        .unwrap();
    annotations::update(a.conn_mut(), second, Some("моя правка"), None, None).unwrap();
    a.conn()
        .execute(
            "UPDATE annotations SET updated_at = '2099-06-01T00:00:00Z' WHERE uid = ?1",
            [second],
        )
        .unwrap();
    annotations::update(
        c.conn_mut(),
        second,
        Some("старіша правка колеги"),
        None,
        None,
    )
    .unwrap();
    // The colleague also recolours a tag and adds a tag and an annotation of their own.
    tags::describe(c.conn(), "war", Some("#0000aa"), None).unwrap();
    c.conn()
        .execute(
            "UPDATE tags SET updated_at = '2099-01-01T00:00:00Z' WHERE key = 'war'",
            [],
        )
        .unwrap();
    let ru = matching_ids(c.conn(), "lang:ru").unwrap();
    tags::add(c.conn_mut(), "war/diplomacy", &ru).unwrap();
    annotations::create(c.conn_mut(), &id, &quote("Блінкен"), "нове", None, &[]).unwrap();
    let theirs_out = dir.path().join("c.jsonl");
    export_all(&c, &theirs_out);

    let t = import(&mut a, &theirs_out);
    assert_eq!(
        (t.articles_added, t.annotations_added, t.annotations_updated),
        (0, 1, 1),
        "{t:?}"
    );
    assert_eq!(
        annotations::get(a.conn(), first).unwrap().note,
        "від колеги"
    );
    assert_eq!(
        annotations::get(a.conn(), second).unwrap().note,
        "моя правка",
        "A's later edit stays"
    );
    let war = tags::list(a.conn())
        .unwrap()
        .into_iter()
        .find(|t| t.name == "war")
        .unwrap();
    assert_eq!(war.color.as_deref(), Some("#0000aa"));
    let total = |q: &str| {
        litopys_core::search::search(a.conn(), q, Default::default(), 1, 0)
            .unwrap()
            .total
    };
    assert_eq!(
        total("tag:war/diplomacy"),
        3,
        "tags are the union of both sides"
    );
    assert_eq!(total(""), 5, "no duplicate articles");
}

#[test]
fn bad_lines_are_reported_and_the_rest_imported() {
    let dir = tempfile::tempdir().unwrap();
    let a = curated(dir.path());
    let good = dir.path().join("a.jsonl");
    export_all(&a, &good);
    let text = std::fs::read_to_string(&good).unwrap();
    let mut lines: Vec<String> = text.lines().map(str::to_owned).collect();
    lines[2] = "{broken".into();
    lines[3] = lines[3]
        .replacen("\"language\":\"uk\"", "\"language\":\"xx\"", 1)
        .replacen("\"language\":\"ru\"", "\"language\":\"xx\"", 1);
    let bad = dir.path().join("bad.jsonl");
    std::fs::write(&bad, lines.join("\n")).unwrap();
    let mut b = Library::open(&dir.path().join("b.litopys")).unwrap();
    let t = import(&mut b, &bad);
    assert_eq!(t.articles_added, 3);
    assert_eq!(t.failed.len(), 2, "{:?}", t.failed);
    assert!(t.failed[0].contains("bad.jsonl:3:"), "{:?}", t.failed);
    assert!(
        t.failed[1].contains("bad.jsonl:4:") && t.failed[1].contains("language"),
        "{:?}",
        t.failed
    );
    let not_bundle = dir.path().join("plain.jsonl");
    std::fs::write(&not_bundle, "{\"title\": \"x\"}\n").unwrap();
    assert!(!bundle::is_bundle(&not_bundle));
    let e = bundle::import(&mut b, &not_bundle, &AtomicBool::new(false), &mut |_| {}).unwrap_err();
    assert!(
        e.to_string().contains("plain.jsonl") && e.to_string().contains("not a Litopys bundle"),
        "{e}"
    );
}

#[test]
fn csv_reads_back_with_bom_and_cancelled_exports_leave_no_file() {
    let dir = tempfile::tempdir().unwrap();
    let a = curated(dir.path());
    let out = dir.path().join("set.csv");
    let t = export(
        a.conn(),
        &Selection::Tags("war OR talks".into()),
        Format::Csv,
        &out,
        Default::default(),
        &AtomicBool::new(false),
        &mut |_, _| {},
    )
    .unwrap();
    let bytes = std::fs::read(&out).unwrap();
    assert!(bytes.starts_with("\u{feff}".as_bytes()));
    let mut r = csv::Reader::from_reader(&bytes[3..]);
    let rows: Vec<csv::StringRecord> = r.records().map(Result::unwrap).collect();
    assert_eq!(rows.len() as u64, t.articles);
    for row in &rows {
        let a = articles::get(a.conn(), &row[0]).unwrap();
        assert_eq!(&row[11], a.body, "text survives the CSV round trip");
        assert_eq!(&row[1], a.title);
    }
    let notes = std::fs::read(dir.path().join("set.annotations.csv")).unwrap();
    let mut r = csv::Reader::from_reader(&notes[3..]);
    assert_eq!(r.records().count() as u64, t.annotations);

    let cancelled = dir.path().join("cancelled.jsonl");
    let t = export(
        a.conn(),
        &Selection::Query(String::new()),
        Format::Jsonl,
        &cancelled,
        Default::default(),
        &AtomicBool::new(true),
        &mut |_, _| {},
    )
    .unwrap();
    assert!(t.cancelled);
    let left: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .flatten()
        .map(|e| e.file_name())
        .collect();
    assert!(
        !cancelled.exists() && !left.iter().any(|n| n.to_string_lossy().contains(".part")),
        "{left:?}"
    );
}

/// Regression (issue 17's five-member run: items agreed, bundles did not):
/// a bundle listed articles in storage order and notes in row order, both
/// of which depend on the order a library received them.
#[test]
fn libraries_holding_the_same_items_in_another_order_write_the_same_bundle() {
    let dir = tempfile::tempdir().unwrap();
    let mut a = curated(dir.path());
    let id = lib_uid(&a, "Блінкен зажадав");
    annotations::create(
        a.conn_mut(),
        &id,
        &Target::Article,
        "друга примітка",
        None,
        &[],
    )
    .unwrap();
    let from_a = dir.path().join("a.jsonl");
    export_all(&a, &from_a);

    // The same bundle, its article lines and each line's notes reversed.
    let text = std::fs::read_to_string(&from_a).unwrap();
    let mut lines: Vec<&str> = text.lines().collect();
    let header = lines.remove(0);
    let mut reversed = vec![header.to_owned()];
    for line in lines.iter().rev() {
        let mut v: serde_json::Value = serde_json::from_str(line).unwrap();
        if let Some(notes) = v.get_mut("annotations").and_then(|n| n.as_array_mut()) {
            notes.reverse();
        }
        reversed.push(v.to_string());
    }
    let shuffled = dir.path().join("reversed.jsonl");
    std::fs::write(&shuffled, reversed.join("\n") + "\n").unwrap();

    let mut b = Library::open(&dir.path().join("b.litopys")).unwrap();
    import(&mut b, &shuffled);
    let from_b = dir.path().join("b.jsonl");
    export_all(&b, &from_b);
    assert_eq!(
        std::fs::read_to_string(&from_a).unwrap(),
        std::fs::read_to_string(&from_b).unwrap()
    );
}
