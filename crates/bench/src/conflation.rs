//! `litopys-bench conflation`: how well the index conflates the word forms of a
//! lexeme, measured on dictionary paradigms (`{uk,ru}-lexemes-dev.tsv`).
//!
//! recall: share of a lexeme's distinct forms that get its most common stem
//! (over all forms). false-merge: share of lexemes whose most common stem is
//! also the most common stem of a lexeme with another lemma. false-merge,
//! unshared: the same, counting only merges with a lexeme that has none of
//! this one's forms — two lexemes that share a form (`Макаров`/`Макарова`,
//! `турецький`/`турецька`) cannot be told apart by that form's letters.

use std::collections::HashMap;
use std::path::Path;

use litopys_core::text::analyze::normalize_word;

pub struct Lexeme {
    lemma: String,
    forms: Vec<String>,
}

pub fn load(path: &Path) -> Result<Vec<Lexeme>, String> {
    let text = std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))?;
    let mut by_id: HashMap<&str, Lexeme> = HashMap::new();
    let mut order = Vec::new();
    for line in text.lines().skip(1) {
        let mut cols = line.split('\t');
        let (Some(id), Some(lemma), Some(_pos), Some(form)) =
            (cols.next(), cols.next(), cols.next(), cols.next())
        else {
            continue;
        };
        let lex = by_id.entry(id).or_insert_with(|| {
            order.push(id);
            Lexeme {
                lemma: normalize_word(lemma).0,
                forms: Vec::new(),
            }
        });
        let form = normalize_word(form).0;
        if !lex.forms.contains(&form) {
            lex.forms.push(form);
        }
    }
    Ok(order
        .into_iter()
        .filter_map(|id| by_id.remove(id))
        .collect())
}

/// The index splits words at hyphens, so each part is stemmed on its own.
fn stem_parts(form: &str, stem: &dyn Fn(&str) -> String) -> String {
    form.split('-').map(stem).collect::<Vec<_>>().join("-")
}

#[derive(serde::Serialize)]
pub struct Score {
    pub recall: f64,
    pub false_merge: f64,
    pub false_merge_unshared: f64,
}

/// The two false-merge shares of lexemes whose main stems are `main` (one
/// per lexeme, in order).
fn merges(lexemes: &[Lexeme], main: &[String]) -> (f64, f64) {
    let mut by_stem: HashMap<&str, Vec<&Lexeme>> = HashMap::new();
    for (lex, stem) in lexemes.iter().zip(main) {
        by_stem.entry(stem).or_default().push(lex);
    }
    let (mut merged, mut unshared) = (0usize, 0usize);
    for (lex, stem) in lexemes.iter().zip(main) {
        let others = by_stem
            .get(stem.as_str())
            .into_iter()
            .flatten()
            .filter(|o| o.lemma != lex.lemma);
        let mut any = false;
        let mut apart = false;
        for o in others {
            any = true;
            apart |= !o.forms.iter().any(|f| lex.forms.contains(f));
        }
        merged += usize::from(any);
        unshared += usize::from(apart);
    }
    let n = lexemes.len().max(1) as f64;
    (merged as f64 / n, unshared as f64 / n)
}

pub fn score(lexemes: &[Lexeme], stem: &dyn Fn(&str) -> String) -> Score {
    let mut matched = 0usize;
    let mut total = 0usize;
    let mut main_stems = Vec::with_capacity(lexemes.len());
    for lex in lexemes {
        let mut counts: HashMap<String, usize> = HashMap::new();
        for f in &lex.forms {
            *counts.entry(stem_parts(f, stem)).or_insert(0) += 1;
        }
        let (best, n) = counts
            .into_iter()
            .max_by(|a, b| a.1.cmp(&b.1).then_with(|| b.0.cmp(&a.0)))
            .unwrap_or_default();
        matched += n;
        total += lex.forms.len();
        main_stems.push(best);
    }
    let (false_merge, false_merge_unshared) = merges(lexemes, &main_stems);
    Score {
        recall: matched as f64 / total.max(1) as f64,
        false_merge,
        false_merge_unshared,
    }
}

/// Up to `n` lexemes whose forms split most, and `n` classes shared by several
/// lemmas (for tuning), read as [`score_classes`] reads them.
pub fn show_errors(lexemes: &[Lexeme], classes: &dyn Fn(&str) -> Vec<String>, n: usize) {
    let mut split: Vec<(usize, String)> = Vec::new();
    let mut missed_tails: HashMap<String, usize> = HashMap::new();
    let mut by_class: HashMap<String, Vec<&str>> = HashMap::new();
    for lex in lexemes {
        let sets: Vec<Vec<String>> = lex.forms.iter().map(|f| form_classes(f, classes)).collect();
        let best = commonest(&sets).0;
        let mut misses = 0;
        for (f, set) in lex.forms.iter().zip(&sets) {
            if !set.contains(&best) {
                misses += 1;
                let tail: String = f
                    .chars()
                    .rev()
                    .take(3)
                    .collect::<Vec<_>>()
                    .into_iter()
                    .rev()
                    .collect();
                *missed_tails.entry(tail).or_insert(0usize) += 1;
            }
        }
        if misses > 0 {
            let detail: Vec<String> = lex
                .forms
                .iter()
                .zip(&sets)
                .map(|(f, s)| format!("{f}→{}", s.join("|")))
                .collect();
            split.push((
                misses,
                format!("{} [{}]: {}", lex.lemma, best, detail.join(" ")),
            ));
        }
        let l = by_class.entry(best).or_default();
        if !l.contains(&lex.lemma.as_str()) {
            l.push(&lex.lemma);
        }
    }
    split.sort_by_key(|x| std::cmp::Reverse(x.0));
    let mut tails: Vec<_> = missed_tails.into_iter().collect();
    tails.sort_by_key(|x| std::cmp::Reverse(x.1));
    let top: Vec<String> = tails
        .iter()
        .take(n)
        .map(|(t, c)| format!("-{t} {c}"))
        .collect();
    println!(
        "-- endings of forms that miss their lexeme's class: {}",
        top.join(", ")
    );
    let step = (split.len() / n.max(1)).max(1);
    println!(
        "-- split lexemes ({} in all; every {step}th shown)",
        split.len()
    );
    for (_, line) in split.iter().step_by(step).take(n) {
        println!("{line}");
    }
    let merged: Vec<_> = by_class.iter().filter(|(_, l)| l.len() > 1).collect();
    println!("-- merged classes ({} in all)", merged.len());
    for (s, l) in merged.iter().take(n) {
        println!("{s}: {}", l.join(", "));
    }
}

/// The classes of one form; a hyphenated form gets the classes of its last
/// part after the others' first classes (the index splits at hyphens).
fn form_classes(form: &str, classes: &dyn Fn(&str) -> Vec<String>) -> Vec<String> {
    let parts: Vec<&str> = form.split('-').collect();
    let (last, rest) = parts.split_last().unwrap_or((&"", &[]));
    let head: Vec<String> = rest
        .iter()
        .map(|p| classes(p).into_iter().next().unwrap_or_default())
        .collect();
    classes(last)
        .into_iter()
        .map(|c| {
            head.iter()
                .cloned()
                .chain([c])
                .collect::<Vec<_>>()
                .join("-")
        })
        .collect()
}

/// The class most of a lexeme's forms are found under, and how many.
fn commonest(sets: &[Vec<String>]) -> (String, usize) {
    let mut counts: HashMap<&str, usize> = HashMap::new();
    for set in sets {
        for c in set {
            *counts.entry(c).or_insert(0) += 1;
        }
    }
    counts
        .into_iter()
        .max_by(|a, b| a.1.cmp(&b.1).then_with(|| b.0.cmp(a.0)))
        .map(|(s, n)| (s.to_owned(), n))
        .unwrap_or_default()
}

/// [`score`] for an analyser that gives a form several classes (the index
/// finds a form under each): a form counts for its lexeme when one of its
/// classes is the lexeme's commonest class.
pub fn score_classes(lexemes: &[Lexeme], classes: &dyn Fn(&str) -> Vec<String>) -> Score {
    let mut matched = 0usize;
    let mut total = 0usize;
    let mut main = Vec::with_capacity(lexemes.len());
    for lex in lexemes {
        let sets: Vec<Vec<String>> = lex.forms.iter().map(|f| form_classes(f, classes)).collect();
        let (best, n) = commonest(&sets);
        matched += n;
        total += lex.forms.len();
        main.push(best);
    }
    let (false_merge, false_merge_unshared) = merges(lexemes, &main);
    Score {
        recall: matched as f64 / total.max(1) as f64,
        false_merge,
        false_merge_unshared,
    }
}
