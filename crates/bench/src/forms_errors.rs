//! `litopys-bench forms --show N`: what the analyser gets wrong on the dev
//! split, for tuning: per query, the forms of its lemma it does not reach, and
//! the other words that brought in the documents it should not have found.

use std::collections::{HashMap, HashSet};

use litopys_core::search::fts_expr::word_forms;
use litopys_core::store::fts::stem_terms;
use litopys_core::text::analyze::{for_each_term, normalize_word};
use litopys_core::text::language::Language;

pub struct QueryView<'a> {
    pub query: &'a str,
    pub lemma: &'a str,
    pub gold: &'a [String],
    pub forms: &'a [String],
}

/// The index terms a word of a text in `lang` is found under.
fn index_terms(word: &str, lang: Language) -> Vec<String> {
    let mut out = vec![word.to_owned()];
    out.extend(stem_terms(word, lang));
    out
}

/// The index terms a query word asks for (unquoted).
fn query_terms(word: &str) -> HashSet<String> {
    word_forms(&normalize_word(word).0)
        .into_iter()
        .map(|q| q[1..q.len() - 1].replace("\"\"", "\""))
        .collect()
}

pub fn show(
    language: &str,
    docs: &[super::forms::DocView],
    queries: &[QueryView<'_>],
    answers: &[HashSet<String>],
    n: usize,
) {
    let lang = if language == "uk" {
        Language::Uk
    } else {
        Language::Ru
    };
    let words_of: HashMap<&str, HashSet<String>> = docs
        .iter()
        .map(|d| {
            let mut w = HashSet::new();
            for_each_term(d.text, |t, _, _, _| {
                w.insert(t.to_owned());
            });
            (d.id, w)
        })
        .collect();
    let mut worst: Vec<(f64, String)> = Vec::new();
    for (q, hits) in queries.iter().zip(answers) {
        let asked = query_terms(q.query);
        let reaches = |w: &str| index_terms(w, lang).iter().any(|t| asked.contains(t));
        let gold: HashSet<&str> = q.gold.iter().map(String::as_str).collect();
        let missed = gold.iter().filter(|g| !hits.contains(**g)).count();
        let wrong: Vec<&String> = hits.iter().filter(|h| !gold.contains(h.as_str())).collect();
        if missed == 0 && wrong.is_empty() {
            continue;
        }
        let own: HashSet<String> = q.forms.iter().map(|f| normalize_word(f).0).collect();
        let unreached: Vec<&str> = own
            .iter()
            .filter(|f| !reaches(f))
            .map(String::as_str)
            .collect();
        let mut intruders: HashMap<String, usize> = HashMap::new();
        for d in &wrong {
            for w in words_of.get(d.as_str()).into_iter().flatten() {
                if !own.contains(w) && reaches(w) {
                    *intruders.entry(w.clone()).or_default() += 1;
                }
            }
        }
        let recall = 1.0 - missed as f64 / gold.len().max(1) as f64;
        let precision = 1.0 - wrong.len() as f64 / hits.len().max(1) as f64;
        let loss = (1.0 - recall) + (1.0 - precision);
        let mut intruders: Vec<_> = intruders.into_iter().collect();
        intruders.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
        let intruders: Vec<String> = intruders
            .iter()
            .take(8)
            .map(|(w, c)| format!("{w} {c}"))
            .collect();
        worst.push((
            loss,
            format!(
                "{language} {:<16} ({}) r {recall:.2} p {precision:.2} gold {} | unreached: {} | intruders: {}",
                q.query,
                q.lemma,
                gold.len(),
                unreached.join(" "),
                intruders.join(", ")
            ),
        ));
    }
    worst.sort_by(|a, b| b.0.total_cmp(&a.0));
    println!(
        "-- {language}: {} queries with errors; worst {n}:",
        worst.len()
    );
    for (_, line) in worst.iter().take(n) {
        println!("{line}");
    }
}
