//! `litopys import` on hostile bundles (issue 14): a damaged bundle header
//! refuses that file by name and line, and the rest of the batch goes on.

use serde_json::Value;

mod harness;
use harness::litopys;

#[test]
fn a_damaged_bundle_is_refused_by_name_and_the_batch_goes_on() {
    // Regression (issue 14.10): a broken header imported the file as plain JSONL.
    let dir = tempfile::tempdir().unwrap();
    let a = dir.path().join("a.litopys");
    assert_eq!(litopys(&a, &["demo"]).status.code(), Some(0));
    let good = dir.path().join("good.jsonl");
    let out = litopys(
        &a,
        &[
            "export",
            "--format",
            "jsonl",
            "--output",
            good.to_str().unwrap(),
            "--query",
            "",
        ],
    );
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = std::fs::read_to_string(&good).unwrap();
    let damaged = dir.path().join("damaged.jsonl");
    std::fs::write(
        &damaged,
        text.replacen("\"version\":1", "\"version\":\"1", 1),
    )
    .unwrap();

    let b = dir.path().join("b.litopys");
    let out = litopys(
        &b,
        &[
            "import",
            "--json",
            damaged.to_str().unwrap(),
            good.to_str().unwrap(),
        ],
    );
    assert_eq!(
        out.status.code(),
        Some(1),
        "a refused file fails the command"
    );
    let report: Value = serde_json::from_slice(&out.stdout).unwrap();
    let bundles = report["bundles"].as_array().unwrap();
    assert_eq!(bundles.len(), 2, "{report}");
    let refused = &bundles[0]["error"]["message"];
    assert!(
        refused
            .as_str()
            .unwrap()
            .contains("damaged.jsonl: line 1: the bundle header is damaged"),
        "{refused}"
    );
    assert_eq!(bundles[1]["merge"]["articles_added"], 5, "{report}");
    // One report shape for files and bundles alike (issue 15): the totals
    // count the bundle's articles and the refused bundle.
    assert_eq!(report["imported"], 5, "{report}");
    assert_eq!(report["duplicates"], 0, "{report}");
    assert_eq!(report["failed"], 1, "{report}");
    assert!(report["files"].is_array(), "{report}");
    let stats = litopys(&b, &["stats", "--json"]);
    let stats: Value = serde_json::from_slice(&stats.stdout).unwrap();
    assert_eq!(
        stats["articles"], 5,
        "nothing of the damaged file was read as plain JSONL"
    );
}
