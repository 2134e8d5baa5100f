//! Exports carry the clean text, the full text with block labels on request,
//! and the user's block choices through a bundle round-trip.

use std::sync::atomic::AtomicBool;

use litopys_core::export::{bundle, export, ExportOptions, Format, Selection};
use litopys_core::search::{search, Sort};
use litopys_core::store::blocks;
use litopys_core::text::blocks::{BlockClass, BlockReason};
use litopys_core::Library;

fn demo() -> Library {
    let mut lib = Library::open_in_memory().unwrap();
    litopys_core::demo::add_samples(&mut lib).unwrap();
    lib
}

fn run(lib: &Library, format: Format, path: &std::path::Path, labels: bool) {
    export(
        lib.conn(),
        &Selection::Query(String::new()),
        format,
        path,
        ExportOptions {
            block_labels: labels,
            ..Default::default()
        },
        &AtomicBool::new(false),
        &mut |_, _| {},
    )
    .unwrap();
}

#[test]
fn csv_has_the_clean_text_and_on_request_the_labelled_text() {
    let lib = demo();
    let dir = tempfile::tempdir().unwrap();
    for labels in [false, true] {
        let path = dir.path().join(format!("set-{labels}.csv"));
        run(&lib, Format::Csv, &path, labels);
        let bytes = std::fs::read(&path).unwrap();
        let mut r = csv::Reader::from_reader(&bytes[3..]);
        let headers = r.headers().unwrap().clone();
        let col = |name: &str| headers.iter().position(|h| h == name);
        let clean = col("clean_text").expect("clean_text column");
        assert_eq!(col("labelled_text").is_some(), labels);
        let mut prompts_in_text = 0;
        for rec in r.records() {
            let rec = rec.unwrap();
            let body = &rec[col("text").unwrap()];
            assert!(!rec[clean].contains("Telegram-канал"));
            assert!(!rec[clean].contains("Читайте також"));
            prompts_in_text += body.contains("Telegram-канал") as usize;
            if labels {
                let labelled = &rec[col("labelled_text").unwrap()];
                if body.contains("Telegram-канал") {
                    assert!(
                        labelled.contains("[boilerplate] Підписуйтеcь"),
                        "{labelled}"
                    );
                    assert!(labelled.contains("[related] "), "{labelled}");
                }
            }
        }
        assert_eq!(prompts_in_text, 3);
    }
}

#[test]
fn a_bundle_keeps_the_users_block_choices() {
    let lib = demo();
    let id = search(lib.conn(), "Рубио", Sort::Relevance, 1, 0)
        .unwrap()
        .hits[0]
        .id
        .clone();
    let target = blocks::of_article(lib.conn(), &id)
        .unwrap()
        .into_iter()
        .find(|b| b.class == BlockClass::Story)
        .unwrap();
    blocks::set_class(lib.conn(), &id, target.start, Some(BlockClass::Boilerplate)).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("set.jsonl");
    run(&lib, Format::Jsonl, &path, false);
    let text = std::fs::read_to_string(&path).unwrap();
    assert!(text.contains("\"clean_text\""));
    assert!(text.contains("\"class\":\"related\""));

    let mut other = Library::open_in_memory().unwrap();
    let t = bundle::import(&mut other, &path, &AtomicBool::new(false), &mut |_| {}).unwrap();
    assert_eq!(t.articles_added, 5);
    let got = blocks::of_article(other.conn(), &id).unwrap();
    let b = got.iter().find(|b| b.start == target.start).unwrap();
    assert_eq!(
        (b.class, b.reason),
        (BlockClass::Boilerplate, BlockReason::User)
    );
    // Imported articles are classified too: their prompts are not in the story.
    assert_eq!(
        search(other.conn(), "Telegram", Sort::Relevance, 10, 0)
            .unwrap()
            .total,
        0
    );
    assert_eq!(
        blocks::of_article(other.conn(), &id).unwrap(),
        blocks::of_article(lib.conn(), &id).unwrap()
    );
}
