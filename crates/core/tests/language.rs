//! Language detection must be right on every seed and on both development corpora.

mod harness;

use litopys_core::text::encoding::decode;
use litopys_core::text::language::{detect, Language};

fn texts(dir: std::path::PathBuf) -> Vec<(String, String)> {
    let mut out: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .flatten()
        .filter(|e| e.path().extension().is_some_and(|x| x == "txt"))
        .map(|e| {
            let bytes = std::fs::read(e.path()).unwrap();
            (
                e.path().display().to_string(),
                decode(&bytes, None).unwrap().text,
            )
        })
        .collect();
    out.sort();
    out
}

/// Asserts that every text of a corpus folder (at least `min` of them) is detected as `want`.
fn assert_all(dir: std::path::PathBuf, want: Language, min: usize) {
    let all = texts(dir);
    let wrong: Vec<String> = all
        .iter()
        .filter(|(_, t)| detect(t) != want)
        .map(|(p, t)| format!("{p}: {:?} ({} chars)", detect(t), t.chars().count()))
        .collect();
    assert!(all.len() >= min, "only {} texts", all.len());
    assert!(
        wrong.is_empty(),
        "{} of {}:\n{}",
        wrong.len(),
        all.len(),
        wrong.join("\n")
    );
}

#[test]
fn every_ua_gec_text_is_ukrainian() {
    assert_all(harness::corpus("ua-gec"), Language::Uk, 1000);
}

#[test]
fn every_factrueval_text_is_russian() {
    assert_all(harness::corpus("factrueval-ru"), Language::Ru, 100);
}

#[test]
fn seeds_are_four_ukrainian_and_one_russian() {
    let got: Vec<Language> = texts(harness::seeds())
        .iter()
        .map(|(_, t)| detect(t))
        .collect();
    use Language::*;
    assert_eq!(got, vec![Uk, Uk, Uk, Uk, Ru]);
}

#[test]
fn latin_text_is_other() {
    assert_eq!(
        detect("The quick brown fox jumps over the lazy dog."),
        Language::Other
    );
    assert_eq!(
        detect("Брза смеђа лисица прескаче лењог пса, ђак је љут."),
        Language::Other
    );
    assert_eq!(detect(""), Language::Other);
}
