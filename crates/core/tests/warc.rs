//! WARC/ARC import on warcio's test archives, including the broken ones.

mod harness;

use litopys_core::import::{ImportOptions, ItemStatus};
use litopys_core::store::articles;
use litopys_core::Library;

fn import_one(name: &str) -> (Library, Vec<litopys_core::import::ItemReport>) {
    let mut lib = Library::open_in_memory().unwrap();
    let (_, items) = harness::import(
        &mut lib,
        &[harness::corpus("warc").join(name)],
        &ImportOptions::default(),
    );
    (lib, items)
}

#[test]
fn html_responses_become_articles_with_uri_and_date() {
    for name in [
        "example.warc",
        "example.warc.gz",
        "example.arc",
        "example.arc.gz",
        "example-resource.warc.gz",
        "example-wrong-chunks.warc.gz",
        "example-bad-non-chunked.warc.gz",
        "example-wget-bad-target-uri.warc.gz",
    ] {
        let (lib, items) = import_one(name);
        let ok: Vec<_> = items
            .iter()
            .filter(|i| i.status == ItemStatus::Imported)
            .collect();
        assert_eq!(ok.len(), 1, "{name}: {items:#?}");
        assert!(
            ok[0].path.contains(&format!("{name}#")),
            "{name}: inner record in path: {}",
            ok[0].path
        );
        let a = articles::get(lib.conn(), ok[0].id.as_ref().unwrap()).unwrap();
        assert_eq!(a.title, "Example Domain", "{name}");
        assert!(
            a.url.as_deref().is_some_and(|u| u.contains("example.com")),
            "{name}: {:?}",
            a.url
        );
        assert!(a.published_at.is_some(), "{name}: the record date is kept");
        assert_eq!(a.origin.format, "warc");
        assert!(a.body.contains("This domain is"), "{name}: {}", a.body);
    }
}

#[test]
fn chunked_response_is_decoded() {
    let (lib, items) = import_one("example-iana.org-chunked.warc");
    let ok: Vec<_> = items
        .iter()
        .filter(|i| i.status == ItemStatus::Imported)
        .collect();
    assert_eq!(ok.len(), 1, "{items:#?}");
    let a = articles::get(lib.conn(), ok[0].id.as_ref().unwrap()).unwrap();
    assert!(
        a.title.contains("Internet Assigned Numbers Authority"),
        "{}",
        a.title
    );
    assert_eq!(a.source.as_deref(), Some("iana.org"));
}

#[test]
fn damaged_records_are_reported_not_imported() {
    let (lib, items) = import_one("example-trunc.warc");
    assert!(
        items.iter().all(|i| i.status == ItemStatus::Failed),
        "{items:#?}"
    );
    assert!(
        items[0].error.as_deref().unwrap().contains("digest"),
        "{items:#?}"
    );
    assert_eq!(articles::count(lib.conn()).unwrap(), 0);

    let (_, items) = import_one("bad.arc");
    assert_eq!(items.len(), 1);
    assert!(
        items[0].error.as_deref().unwrap().contains("length"),
        "{items:#?}"
    );

    let (_, items) = import_one("example-space-in-url.arc");
    assert!(
        items
            .iter()
            .any(|i| i.error.as_deref().is_some_and(|e| e.contains("truncated"))),
        "{items:#?}"
    );
}

#[test]
fn bad_gzip_keeps_earlier_records_and_names_the_file() {
    let bytes = std::fs::read(harness::corpus("warc").join("example.warc.gz")).unwrap();
    let dir = tempfile::tempdir().unwrap();
    // Cut the archive in the middle of a gzip member, then flip bytes in another copy.
    let cut = dir.path().join("cut.warc.gz");
    std::fs::write(&cut, &bytes[..bytes.len() * 2 / 3]).unwrap();
    let mut flipped = bytes.clone();
    for b in &mut flipped[bytes.len() / 2..bytes.len() / 2 + 64] {
        *b ^= 0x5A;
    }
    let garbled = dir.path().join("garbled.warc.gz");
    std::fs::write(&garbled, &flipped).unwrap();
    for path in [cut, garbled] {
        let mut lib = Library::open_in_memory().unwrap();
        let (totals, items) = harness::import(
            &mut lib,
            std::slice::from_ref(&path),
            &ImportOptions::default(),
        );
        assert!(totals.failed >= 1, "{}: {items:#?}", path.display());
        let failure = items
            .iter()
            .find(|i| i.status == ItemStatus::Failed)
            .unwrap();
        assert!(
            failure.path.starts_with(&path.display().to_string()),
            "{failure:?}"
        );
        assert!(!failure.error.as_deref().unwrap_or("").is_empty());
    }
}
