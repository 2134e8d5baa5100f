//! Issue 16: the story benchmark's labelled set and scorer. The scorer is
//! checked on hand-made clusterings whose precision, recall and first-publisher
//! accuracy are worked out by hand; the set on a tiny run of the real command.

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use serde_json::{json, Value};

/// `litopys-bench ARGS`; the runs that import use the `litopys` beside it
/// (built by `cargo test` at the root, or with `-p litopys-cli` beside this crate).
fn bench(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_litopys-bench"))
        .args(args)
        .env_remove("LITOPYS_LIBRARY")
        .output()
        .expect("litopys-bench runs")
}

fn stdout_json(out: &Output) -> Value {
    assert!(
        out.status.success(),
        "failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).unwrap_or_else(|e| {
        panic!(
            "stdout is not JSON ({e}): {}",
            String::from_utf8_lossy(&out.stdout)
        )
    })
}

fn corpora() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/corpora")
}

fn label(url: &str, story: &str, original: bool, instant: Option<i64>) -> Value {
    json!({"url": url, "story": story, "original": original, "lang": "uk", "kind": "story",
           "variant": if original { "original" } else { "full" }, "source": url,
           "instant": instant, "tie": false})
}

/// Scores `clusters` against the hand-made labels: story A = a1 (original,
/// dated), a2, a3; story B = b1 (original, dated), b2; story C = c1 alone;
/// story D = d1 (original, undated), d2.
fn score(dir: &Path, clusters: Value) -> Value {
    let labels = [
        label("a1", "A", true, Some(100)),
        label("a2", "A", false, Some(200)),
        label("a3", "A", false, None),
        label("b1", "B", true, Some(50)),
        label("b2", "B", false, Some(60)),
        label("c1", "C", true, Some(10)),
        label("d1", "D", true, None),
        label("d2", "D", false, Some(70)),
    ];
    let labels_path = dir.join("labels.jsonl");
    let lines: Vec<String> = labels.iter().map(Value::to_string).collect();
    std::fs::write(&labels_path, lines.join("\n")).unwrap();
    let clusters_path = dir.join("clusters.json");
    std::fs::write(&clusters_path, json!({ "stories": clusters }).to_string()).unwrap();
    stdout_json(&bench(&[
        "stories-score",
        labels_path.to_str().unwrap(),
        clusters_path.to_str().unwrap(),
    ]))
}

fn close(v: &Value, want: f64) {
    let got = v.as_f64().unwrap_or(f64::NAN);
    assert!((got - want).abs() < 1e-9, "got {got}, want {want}");
}

fn precision_recall(s: &Value) -> (f64, f64) {
    let p = &s["pairs"]["all"];
    let (gold, found, right) = (
        p["gold"].as_f64().unwrap(),
        p["found"].as_f64().unwrap(),
        p["right"].as_f64().unwrap(),
    );
    (right / found, right / gold)
}

#[test]
fn scorer_gives_the_hand_worked_precision_recall_and_first_publisher() {
    let dir = tempfile::tempdir().unwrap();
    // Gold pairs: A 3, B 1, D 1 = 5.
    // Clusters {a1 a2} {a3 b1 b2} {d1 d2}: found 1 + 3 + 1 = 5, right a1a2 + b1b2 + d1d2 = 3.
    // First publisher: A's original a1 named first (right); B's cluster names a3 (wrong);
    // D's original has no date, so D is not scored.
    let s = score(
        dir.path(),
        json!([
            {"articles": ["a1", "a2"], "first": "a1"},
            {"articles": ["a3", "b1", "b2"], "first": "a3"},
            {"articles": ["d1", "d2"], "first": "d2"},
        ]),
    );
    let (p, r) = precision_recall(&s);
    close(&json!(p), 0.6);
    close(&json!(r), 0.6);
    assert_eq!(s["firsts"]["all"], json!({"scored": 2, "right": 1}));
    assert_eq!(s["undated_stories"], 1);
    // Missed: a1~a3 and a2~a3, both an original or copy against a full copy.
    let missed: u64 = s["missed"]
        .as_array()
        .unwrap()
        .iter()
        .map(|k| k[1].as_u64().unwrap())
        .sum();
    assert_eq!(missed, 2);
    let merged: u64 = s["merged"]
        .as_array()
        .unwrap()
        .iter()
        .map(|k| k[1].as_u64().unwrap())
        .sum();
    assert_eq!(merged, 2, "a3~b1 and a3~b2 are wrongly merged");
}

#[test]
fn scorer_rewards_the_true_clustering_and_punishes_one_big_cluster() {
    let dir = tempfile::tempdir().unwrap();
    let truth = score(
        dir.path(),
        json!([
            {"articles": ["a1", "a2", "a3"], "first": "a1"},
            {"articles": ["b1", "b2"], "first": "b1"},
            {"articles": ["d1", "d2"], "first": null},
        ]),
    );
    assert_eq!(precision_recall(&truth), (1.0, 1.0));
    assert_eq!(truth["firsts"]["all"], json!({"scored": 2, "right": 2}));
    // Everything in one cluster: 8 articles make 28 pairs, 5 of them gold.
    let one = score(
        dir.path(),
        json!([{"articles": ["a1", "a2", "a3", "b1", "b2", "c1", "d1", "d2"], "first": "c1"}]),
    );
    let (p, r) = precision_recall(&one);
    close(&json!(p), 5.0 / 28.0);
    close(&json!(r), 1.0);
    assert_eq!(one["firsts"]["all"], json!({"scored": 2, "right": 0}));
    // No clusters at all: nothing found, every gold pair missed.
    let none = score(dir.path(), json!([]));
    assert_eq!(none["pairs"]["all"]["right"], 0);
    assert_eq!(none["pairs"]["all"]["gold"], 5);
}

fn generate(dir: &Path, seed: &str) -> (String, Vec<Value>, Value) {
    let out = bench(&[
        "stories",
        "--stories",
        "12",
        "--articles",
        "0",
        "--scale",
        "0",
        "--seed",
        seed,
        "--corpora",
        corpora().to_str().unwrap(),
        "--work",
        dir.to_str().unwrap(),
        "--json",
    ]);
    let report = stdout_json(&out);
    let set = std::fs::read_to_string(dir.join("stories.jsonl")).unwrap();
    let labels = std::fs::read_to_string(dir.join("stories-labels.jsonl"))
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    (set, labels, report)
}

#[test]
fn labelled_set_is_the_same_for_a_seed_and_its_truth_holds() {
    let (a, b, c) = (
        tempfile::tempdir().unwrap(),
        tempfile::tempdir().unwrap(),
        tempfile::tempdir().unwrap(),
    );
    let (set, labels, report) = generate(a.path(), "3");
    assert_eq!(set, generate(b.path(), "3").0, "same seed, same set");
    assert_ne!(set, generate(c.path(), "4").0, "another seed, another set");

    let items: Vec<Value> = set
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(items.len(), labels.len());
    let urls: HashSet<&str> = items.iter().map(|i| i["url"].as_str().unwrap()).collect();
    assert_eq!(urls.len(), items.len(), "addresses are unique");
    let mut stories: HashMap<&str, Vec<&Value>> = HashMap::new();
    for l in &labels {
        assert!(urls.contains(l["url"].as_str().unwrap()));
        stories
            .entry(l["story"].as_str().unwrap())
            .or_default()
            .push(l);
    }
    assert!(stories.len() >= 12, "12 stories and their traps");
    let mut copies = 0;
    for (story, members) in &stories {
        let originals: Vec<_> = members.iter().filter(|m| m["original"] == true).collect();
        assert_eq!(originals.len(), 1, "story {story} has one original");
        let first = originals[0];
        for m in members.iter().filter(|m| m["original"] == false) {
            copies += 1;
            assert_eq!(m["lang"], first["lang"]);
            assert_ne!(m["source"], first["source"], "a copy is another outlet's");
            if let (Some(o), Some(t)) = (first["instant"].as_i64(), m["instant"].as_i64()) {
                assert!(
                    t >= o,
                    "story {story}: a copy is never earlier than its original"
                );
                let tie = m["variant"].as_str().unwrap().contains("tie");
                assert!(
                    t > o || tie,
                    "story {story}: only a marked tie shares the instant"
                );
            }
        }
    }
    assert!(copies > 12, "stories are republished");
    // The library keeps an identical copy once, so it holds at most the set.
    let held = report["set"]["held"].as_u64().unwrap();
    assert!(held > 0 && held <= items.len() as u64);
    let rows = report["quality"].as_array().unwrap();
    assert_eq!(rows.len(), 2, "our row and the baseline row");
    for row in rows {
        assert!(
            row["score"].is_object() || row["missing"].is_string(),
            "each row is scored or says why not: {row}"
        );
    }
}
