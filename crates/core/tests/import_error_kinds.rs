//! Every failed item carries a kind a program can act on (issue 15): one
//! batch of differently broken files, each failing with the kind its
//! problem is, the good file after them imported.

mod harness;

use std::path::{Path, PathBuf};

use litopys_core::import::{ImportOptions, ItemErrorKind, ItemStatus};

fn write(dir: &Path, name: &str, bytes: &[u8]) -> PathBuf {
    let p = dir.join(name);
    std::fs::write(&p, bytes).expect("write");
    p
}

#[test]
fn each_failed_item_names_the_kind_of_its_problem() {
    let (dir, mut lib) = harness::temp_library();
    let d = dir.path();
    let mut big = b"[{\"title\": \"Big\", \"text\": \"".to_vec();
    big.resize(big.len() + 65 * 1024 * 1024, b'a');
    big.extend_from_slice(b"\"}]");
    let cases: Vec<(PathBuf, &str, ItemErrorKind)> = vec![
        (
            d.join("missing.txt"),
            "missing.txt",
            ItemErrorKind::Unreadable,
        ),
        (
            write(d, "report.docx", b"PK\x03\x04 not ours"),
            "report.docx",
            ItemErrorKind::Unsupported,
        ),
        (
            write(d, "empty.txt", b""),
            "empty.txt",
            ItemErrorKind::Empty,
        ),
        (
            write(d, "broken.json", b"[{\"title\": \"x\", "),
            "broken.json",
            ItemErrorKind::Malformed,
        ),
        (
            write(
                d,
                "blank.html",
                b"<html><body><script>x()</script></body></html>",
            ),
            "blank.html",
            ItemErrorKind::NoText,
        ),
        (
            write(d, "big.json", &big),
            "big.json#1",
            ItemErrorKind::TooLarge,
        ),
    ];
    let good = write(
        d,
        "zz-good.txt",
        "Добра новина\n\nТекст, що має дійти.".as_bytes(),
    );
    let mut paths: Vec<PathBuf> = cases.iter().map(|(p, _, _)| p.clone()).collect();
    paths.push(good);
    let (_, items) = harness::import(&mut lib, &paths, &ImportOptions::default());
    for (_, end, kind) in &cases {
        let item = items
            .iter()
            .find(|i| i.path.ends_with(end) && i.status == ItemStatus::Failed)
            .unwrap_or_else(|| panic!("{end} did not fail: {items:#?}"));
        assert_eq!(item.error_kind, Some(*kind), "{end}: {item:?}");
        assert!(
            item.error.as_deref().is_some_and(|m| !m.is_empty()),
            "{item:?}"
        );
    }
    let imported = items
        .iter()
        .find(|i| i.path.ends_with("zz-good.txt"))
        .expect("good file reported");
    assert_eq!(imported.status, ItemStatus::Imported);
    assert_eq!(imported.error_kind, None);
}
