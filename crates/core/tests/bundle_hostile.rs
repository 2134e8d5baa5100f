//! Bundles are untrusted input (issue 14, item 3 and the bundle parts of 10):
//! forged texts cannot squat ids, annotations stay with their article, spans
//! are never stored outside their text unmarked, a damaged header refuses the
//! file, counts are true, and fuzzed bundles neither panic nor damage anything.

use std::path::{Path, PathBuf};
use std::sync::atomic::AtomicBool;

use litopys_core::edits;
use litopys_core::export::bundle_check::stable_id;
use litopys_core::export::{bundle, export, Format, Selection};
use litopys_core::fuzz::bundle::{self as bundle_fuzz, check_integrity};
use litopys_core::store::annotations::{self, Target};
use litopys_core::store::{articles, tags};
use litopys_core::Library;
use serde_json::Value;

/// A real library (the demo articles, tags, annotations) and its bundle, as lines.
fn curated_bundle(dir: &Path) -> (Library, Vec<Value>) {
    let mut lib = Library::open(&dir.join("a.litopys")).unwrap();
    litopys_core::demo::add_samples(&mut lib).unwrap();
    let ids = uids(&lib);
    let internal = tags::article_ids(lib.conn(), &ids[..2]).unwrap();
    tags::add(lib.conn_mut(), "war", &internal).unwrap();
    tags::describe(lib.conn(), "war", Some("#aa0000"), None).unwrap();
    for id in &ids[..2] {
        let quote = Target::Quote {
            text: first_word(&articles::get(lib.conn(), id).unwrap().body),
            occurrence: 1,
        };
        annotations::create(lib.conn_mut(), id, &quote, "хто?", None, &["people".into()]).unwrap();
    }
    let out = dir.join("a.jsonl");
    export_all(&lib, &out);
    let lines = std::fs::read_to_string(&out)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    (lib, lines)
}

fn export_all(lib: &Library, out: &Path) {
    export(
        lib.conn(),
        &Selection::Query(String::new()),
        Format::Jsonl,
        out,
        Default::default(),
        &AtomicBool::new(false),
        &mut |_, _| {},
    )
    .unwrap();
}

fn first_word(body: &str) -> String {
    body.split_whitespace()
        .find(|w| w.chars().count() > 4)
        .unwrap()
        .to_owned()
}

fn uids(lib: &Library) -> Vec<String> {
    let mut stmt = lib
        .conn()
        .prepare("SELECT uid FROM articles ORDER BY id")
        .unwrap();
    stmt.query_map([], |r| r.get(0))
        .unwrap()
        .collect::<rusqlite::Result<_>>()
        .unwrap()
}

fn write(dir: &Path, name: &str, lines: &[Value]) -> PathBuf {
    let path = dir.join(name);
    let text: Vec<String> = lines.iter().map(Value::to_string).collect();
    std::fs::write(&path, text.join("\n")).unwrap();
    path
}

fn import(lib: &mut Library, path: &Path) -> bundle::MergeTotals {
    bundle::import(lib, path, &AtomicBool::new(false), &mut |_| {}).unwrap()
}

fn count(lib: &Library, table: &str) -> i64 {
    lib.conn()
        .query_row(&format!("SELECT count(*) FROM {table}"), [], |r| r.get(0))
        .unwrap()
}

/// The line of the first article that has annotations.
fn annotated(lines: &[Value]) -> usize {
    (1..lines.len())
        .find(|&i| !lines[i]["annotations"].as_array().unwrap().is_empty())
        .unwrap()
}

#[test]
fn forged_text_under_a_genuine_id_is_refused_and_the_genuine_article_imports_later() {
    // Regression (issue 14.3): a tampered bundle squatted an article id with other text.
    let dir = tempfile::tempdir().unwrap();
    let (_, genuine) = curated_bundle(dir.path());
    let mut forged = genuine.clone();
    let id = forged[1]["id"].as_str().unwrap().to_owned();
    forged[1]["body"] =
        format!("{} Підроблений абзац.", forged[1]["body"].as_str().unwrap()).into();
    let forged_path = write(dir.path(), "forged.jsonl", &forged);

    let mut b = Library::open(&dir.path().join("b.litopys")).unwrap();
    let t = import(&mut b, &forged_path);
    assert_eq!(t.articles_added, 4, "{t:?}");
    assert_eq!(t.failed.len(), 1, "{:?}", t.failed);
    assert!(
        t.failed[0].contains("forged.jsonl:2:")
            && t.failed[0].contains(&format!("article id {id} does not match its text")),
        "{:?}",
        t.failed
    );
    assert!(
        articles::get(b.conn(), &id).is_err(),
        "the forgery is not stored"
    );

    let t = import(&mut b, &write(dir.path(), "genuine.jsonl", &genuine));
    assert_eq!((t.articles_added, t.articles_known), (1, 4), "{t:?}");
    assert_eq!(
        articles::get(b.conn(), &id).unwrap().body,
        genuine[1]["body"].as_str().unwrap()
    );
    check_integrity(b.conn()).unwrap();
}

#[test]
fn a_forged_text_under_a_known_id_leaves_the_stored_article_unchanged() {
    // Regression (issue 14.3): `show` displayed the forgery of a known article.
    let dir = tempfile::tempdir().unwrap();
    let (a, lines) = curated_bundle(dir.path());
    let i = annotated(&lines);
    let id = lines[i]["id"].as_str().unwrap().to_owned();
    let before = articles::get(a.conn(), &id).unwrap();
    let notes_before = annotations::of_article(a.conn(), internal(&a, &id)).unwrap();
    let mut forged = vec![lines[0].clone(), lines[i].clone()];
    forged[1]["body"] = "Зовсім інший текст під чужим ідентифікатором.".into();
    forged[1]["title"] = "Підробка".into();
    forged[1]["annotations"][0]["note"] = "підмінено".into();
    forged[1]["annotations"][0]["updated_at"] = "2099-01-01T00:00:00Z".into();
    let mut a = a;
    let t = import(&mut a, &write(dir.path(), "forged.jsonl", &forged));
    assert_eq!((t.articles_known, t.annotations_updated), (0, 0), "{t:?}");
    assert_eq!(t.failed.len(), 1);
    assert_eq!(articles::get(a.conn(), &id).unwrap(), before);
    assert_eq!(
        annotations::of_article(a.conn(), internal(&a, &id)).unwrap(),
        notes_before
    );
}

fn internal(lib: &Library, uid: &str) -> i64 {
    lib.conn()
        .query_row("SELECT id FROM articles WHERE uid = ?1", [uid], |r| {
            r.get(0)
        })
        .unwrap()
}

#[test]
fn an_annotation_id_reused_on_another_article_is_refused_not_moved() {
    // Regression (issue 14.3): a reused annotation id with a later `updated_at`
    // overwrote (and moved) another article's annotation.
    let dir = tempfile::tempdir().unwrap();
    let (a, lines) = curated_bundle(dir.path());
    let i = annotated(&lines);
    let j = (1..lines.len()).find(|&j| j != i).unwrap();
    let owner = lines[i]["id"].as_str().unwrap().to_owned();
    let mut stolen = lines[i]["annotations"][0].clone();
    let uid = stolen["id"].as_str().unwrap().to_owned();
    stolen["article"] = lines[j]["id"].clone();
    stolen["note"] = "перезаписано".into();
    stolen["updated_at"] = "2099-01-01T00:00:00Z".into();
    let mut hostile = vec![lines[0].clone(), lines[i].clone(), lines[j].clone()];
    hostile[2]["annotations"] = Value::Array(vec![stolen]);
    let path = write(dir.path(), "reuse.jsonl", &hostile);

    // Into a library that has the annotation already, and into a fresh one
    // where the genuine line comes first in the same bundle.
    let fresh = Library::open(&dir.path().join("b.litopys")).unwrap();
    for lib in [a, fresh] {
        let mut lib = lib;
        let t = import(&mut lib, &path);
        assert_eq!(t.failed.len(), 1, "{:?}", t.failed);
        assert!(
            t.failed[0].contains("reuse.jsonl:3:")
                && t.failed[0].contains(&format!("belongs to article {owner}")),
            "{:?}",
            t.failed
        );
        let kept = annotations::get(lib.conn(), &uid).unwrap();
        assert_eq!(
            (kept.article.as_str(), kept.note.as_str()),
            (owner.as_str(), "хто?")
        );
    }
}

#[test]
fn a_span_outside_the_text_is_reanchored_or_orphaned_never_stored_as_valid() {
    // Regression (issue 14.3): a span outside the text was stored, not marked orphaned.
    let dir = tempfile::tempdir().unwrap();
    let (_, lines) = curated_bundle(dir.path());
    let i = annotated(&lines);
    let mut line = lines[i].clone();
    let good = line["annotations"][0].clone();
    let (start, end) = (
        good["start"].as_u64().unwrap(),
        good["end"].as_u64().unwrap(),
    );
    let len = line["body"].as_str().unwrap().chars().count() as u64;
    // Shifted but with its true quote: found again where the quote is.
    line["annotations"][0]["start"] = (start + 7).into();
    line["annotations"][0]["end"] = (end + 7).into();
    // Far outside the text, with a quote that is nowhere in it.
    let mut lost = good.clone();
    lost["id"] = annotations::new_uid("lost").into();
    lost["start"] = (len + 100).into();
    lost["end"] = (len + 5000).into();
    lost["exact"] = "цього тексту в статті немає зовсім".into();
    // Inside the text, but its quote is not what stands there.
    let mut wrong = good.clone();
    wrong["id"] = annotations::new_uid("wrong").into();
    wrong["exact"] = "чужа цитата, якої тут немає ніде".into();
    line["annotations"] = Value::Array(vec![line["annotations"][0].clone(), lost, wrong]);
    let path = write(dir.path(), "spans.jsonl", &[lines[0].clone(), line.clone()]);

    let mut b = Library::open(&dir.path().join("b.litopys")).unwrap();
    let t = import(&mut b, &path);
    assert!(t.failed.is_empty(), "{:?}", t.failed);
    assert_eq!(t.annotations_added, 3);
    let moved = annotations::get(b.conn(), good["id"].as_str().unwrap()).unwrap();
    assert_eq!(
        (moved.start, moved.end, moved.orphaned),
        (Some(start as usize), Some(end as usize), false)
    );
    let orphans: Vec<String> = annotations::orphaned(b.conn())
        .unwrap()
        .into_iter()
        .map(|n| n.id)
        .collect();
    assert_eq!(orphans.len(), 2, "{orphans:?}");
    assert!(!orphans.contains(&moved.id));
    check_integrity(b.conn()).unwrap();
}

#[test]
fn ids_of_4_and_5000_characters_are_refused() {
    // Regression (issue 14.3): ids of 4 or 5,000 characters were accepted.
    let dir = tempfile::tempdir().unwrap();
    let (_, lines) = curated_bundle(dir.path());
    let i = annotated(&lines);
    let mut short = lines[i].clone();
    short["id"] = short["id"].as_str().unwrap()[..4].into();
    let mut long = lines[i].clone();
    long["id"] = "a".repeat(5000).into();
    let mut short_note = lines[i].clone();
    short_note["annotations"][0]["id"] = "abcd".into();
    let mut long_note = lines[i].clone();
    long_note["annotations"][0]["id"] = "b".repeat(5000).into();
    let path = write(
        dir.path(),
        "ids.jsonl",
        &[lines[0].clone(), short, long, short_note, long_note],
    );
    let mut b = Library::open(&dir.path().join("b.litopys")).unwrap();
    let t = import(&mut b, &path);
    assert_eq!(t.failed.len(), 4, "{:?}", t.failed);
    assert!(
        t.failed[0].contains("is not an article id"),
        "{}",
        t.failed[0]
    );
    assert!(t.failed[1].contains("(5000 characters)"), "{}", t.failed[1]);
    assert!(
        t.failed[2].contains("is not an annotation id"),
        "{}",
        t.failed[2]
    );
    assert!(
        t.failed[3].contains("is not an annotation id"),
        "{}",
        t.failed[3]
    );
    assert_eq!((count(&b, "articles"), count(&b, "annotations")), (0, 0));
}

#[test]
fn a_broken_header_refuses_the_file_naming_it_and_line_1() {
    // Regression (issue 14.10): a broken header imported the file as plain JSONL.
    let dir = tempfile::tempdir().unwrap();
    let (_, lines) = curated_bundle(dir.path());
    let header = lines[0].to_string();
    let body: Vec<String> = lines[1..].iter().map(Value::to_string).collect();
    let broken = [
        header[..header.len() / 2].to_owned(),
        header.replace("\"version\":1", "\"version\":2"),
        header.replace("\"version\":1", "\"version\":\"one\""),
        header.replace("\"litopys-bundle\"", "\"litopys-bundle-x\""),
        header.replace("\"name\":\"war\"", "\"name\":\"war//\""),
        header.replace("\"color\":\"#aa0000\"", "\"color\":\"red\""),
    ];
    let mut b = Library::open(&dir.path().join("b.litopys")).unwrap();
    for (k, first) in broken.iter().enumerate() {
        assert_ne!(first, &header, "variant {k} changed nothing");
        let path = dir.path().join(format!("broken-{k}.jsonl"));
        std::fs::write(&path, format!("{first}\n{}", body.join("\n"))).unwrap();
        assert!(
            bundle::is_bundle(&path),
            "variant {k} must not go to plain JSONL import"
        );
        let e = bundle::import(&mut b, &path, &AtomicBool::new(false), &mut |_| {}).unwrap_err();
        let msg = e.to_string();
        assert!(
            msg.contains(&format!("broken-{k}.jsonl")) && msg.contains("line 1"),
            "variant {k}: {msg}"
        );
        assert_eq!(
            (count(&b, "articles"), count(&b, "tags")),
            (0, 0),
            "variant {k}"
        );
    }
    // Bytes that are not UTF-8 in the header are refused the same way.
    let path = dir.path().join("bytes.jsonl");
    let mut bytes = header.clone().into_bytes();
    bytes[20] = 0xff;
    std::fs::write(&path, bytes).unwrap();
    assert!(bundle::is_bundle(&path));
    let e = bundle::import(&mut b, &path, &AtomicBool::new(false), &mut |_| {}).unwrap_err();
    assert!(e.to_string().contains("line 1"), "{e}");
}

#[test]
fn counts_are_true_when_part_of_a_line_fails() {
    // Regression (issue 14.10): totals counted the parts of a line stored before
    // a later part of it failed (and was rolled back).
    let dir = tempfile::tempdir().unwrap();
    let (_, lines) = curated_bundle(dir.path());
    let i = annotated(&lines);
    let mut bad = lines[i].clone();
    bad["tags"] = Value::Array(vec!["тільки-тут".into()]);
    let mut second = bad["annotations"][0].clone();
    second["id"] = annotations::new_uid("second").into();
    second["color"] = "not a colour".into();
    bad["annotations"] = Value::Array(vec![bad["annotations"][0].clone(), second]);
    let mut all = lines.clone();
    all[i] = bad;
    let mut b = Library::open(&dir.path().join("b.litopys")).unwrap();
    let t = import(&mut b, &write(dir.path(), "part.jsonl", &all));
    assert_eq!(t.failed.len(), 1, "{:?}", t.failed);
    assert!(t.failed[0].contains("colour"), "{:?}", t.failed);
    assert_eq!(t.articles_added as i64, count(&b, "articles"));
    assert_eq!(t.articles_added, 4);
    assert_eq!(t.annotations_added as i64, count(&b, "annotations"));
    assert_eq!(t.tags_added as i64, count(&b, "tags"));
    assert!(tags::list(b.conn())
        .unwrap()
        .iter()
        .all(|t| t.name != "тільки-тут"));
}

#[test]
fn an_edited_article_travels_under_the_id_of_its_text_and_comes_back_as_known() {
    // Binding ids to text must not lose articles whose text the user corrected.
    let dir = tempfile::tempdir().unwrap();
    let (mut a, _) = curated_bundle(dir.path());
    let id = uids(&a)[0].clone();
    let body = articles::get(a.conn(), &id).unwrap().body;
    edits::update_body(a.conn_mut(), &id, &format!("{body}\nВиправлено.")).unwrap();
    let out = dir.path().join("edited.jsonl");
    export_all(&a, &out);

    let mut b = Library::open(&dir.path().join("b.litopys")).unwrap();
    let t = import(&mut b, &out);
    assert!(t.failed.is_empty(), "{:?}", t.failed);
    let new_id = stable_id(&format!("{body}\nВиправлено."));
    assert!(articles::get(b.conn(), &new_id)
        .unwrap()
        .body
        .ends_with("Виправлено."));
    let back = import(&mut a, &out);
    assert!(back.failed.is_empty(), "{:?}", back.failed);
    assert_eq!((back.articles_added, back.articles_known), (0, 5));
    check_integrity(b.conn()).unwrap();
}

#[test]
fn fuzzed_bundles_never_panic_or_damage_the_library() {
    // 1,500 mutants (seeded, so a failure names a case that can be run again
    // with `litopys-bench fuzz-bundle --inputs N --seed 14`).
    let dir = tempfile::tempdir().unwrap();
    let report = bundle_fuzz::run(dir.path(), 1_500, 14, &mut |_| {}).unwrap();
    assert_eq!(report.inputs, 1_500);
    assert!(report.crashes.is_empty(), "{:?}", report.crashes);
    assert!(report.damaged.is_empty(), "{:?}", report.damaged);
    // The mutants reach the merge: some lines are refused and some stored.
    assert!(
        report.lines_refused > 0 && report.articles_added > 0,
        "{report:?}"
    );
}
