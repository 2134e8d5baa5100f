//! `litopys-bench forms`: word forms on running text. One-word queries over
//! real press texts (the development set built by
//! `scripts/bench/forms_devset.py`), each answered by the real import and
//! `search` path of a library per language and split, scored against a
//! dictionary's gold lemmas: document recall and precision, macro-averaged over
//! queries, side by side with stock FTS5 (exact forms), Snowball Russian and
//! the dictionary's own lemmas (every parse indexed).

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::atomic::AtomicBool;

use litopys_core::import::{import_inputs, ImportEvent, ImportOptions, Input};
use litopys_core::search::{self, Sort};
use litopys_core::text::analyze::{for_each_term, normalize_word};
use litopys_core::text::language::Language;
use litopys_core::text::stem;
use litopys_core::{Error, Library};
use serde::{Deserialize, Serialize};

pub struct Options {
    pub devset: PathBuf,
    pub json: bool,
    pub show: Option<usize>,
}

#[derive(Deserialize)]
struct Doc {
    id: String,
    tokens: Vec<String>,
}

/// A document as the error listing reads it.
pub struct DocView<'a> {
    pub id: &'a str,
    pub text: &'a str,
}

#[derive(Deserialize)]
struct DevQuery {
    query: String,
    lemma: String,
    gold: Vec<String>,
    dict: Vec<String>,
    #[serde(default)]
    forms: Vec<String>,
}

#[derive(Serialize, Clone)]
struct Row {
    language: &'static str,
    split: &'static str,
    method: &'static str,
    queries: usize,
    recall: f64,
    precision: f64,
}

fn io(e: impl std::fmt::Display) -> Error {
    Error::InvalidInput(e.to_string())
}

fn read_jsonl<T: for<'de> Deserialize<'de>>(path: &Path) -> Result<Vec<T>, Error> {
    let text = std::fs::read_to_string(path).map_err(|e| io(format!("{}: {e}", path.display())))?;
    text.lines()
        .filter(|l| !l.trim().is_empty())
        .enumerate()
        .map(|(i, l)| {
            serde_json::from_str(l)
                .map_err(|e| io(format!("{} line {}: {e}", path.display(), i + 1)))
        })
        .collect()
}

/// Macro recall and precision of `answers` (one document set per query) against the gold.
/// A query without any hit counts 0 for recall and is left out of precision.
fn score(queries: &[DevQuery], answers: &[HashSet<String>]) -> (f64, f64) {
    let (mut recall, mut precision, mut answered) = (0.0, 0.0, 0usize);
    for (q, hits) in queries.iter().zip(answers) {
        let right = q.gold.iter().filter(|g| hits.contains(*g)).count();
        recall += right as f64 / q.gold.len().max(1) as f64;
        if !hits.is_empty() {
            precision += right as f64 / hits.len() as f64;
            answered += 1;
        }
    }
    (
        recall / queries.len().max(1) as f64,
        precision / answered.max(1) as f64,
    )
}

/// A library holding the documents (words joined by spaces), imported by the
/// real importer; returns it with the article id → document id map.
fn library_of(docs: &[Doc]) -> Result<(Library, HashMap<String, String>), Error> {
    let mut lib = Library::open_in_memory()?;
    let inputs = docs
        .iter()
        .map(|d| Input::Memory {
            name: format!("devset/{}.txt", d.id),
            bytes: std::borrow::Cow::Owned(d.tokens.join(" ").into_bytes()),
        })
        .collect();
    let mut by_article = HashMap::new();
    import_inputs(
        &mut lib,
        inputs,
        &ImportOptions {
            skip_stories: true,
            ..ImportOptions::default()
        },
        &AtomicBool::new(false),
        &mut |e| {
            if let ImportEvent::Item(item) = e {
                if let Some(id) = item.id {
                    let doc = item
                        .path
                        .trim_start_matches("devset/")
                        .trim_end_matches(".txt")
                        .to_owned();
                    by_article.insert(id, doc);
                }
            }
        },
    )?;
    Ok((lib, by_article))
}

/// Our answers, with the bytes of the library's inverted index.
fn ours(docs: &[Doc], queries: &[DevQuery]) -> Result<(Vec<HashSet<String>>, i64), Error> {
    let (lib, by_article) = library_of(docs)?;
    let index_bytes: i64 = lib
        .conn()
        .query_row(
            "SELECT coalesce(sum(length(block)), 0) FROM articles_fts_data",
            [],
            |r| r.get(0),
        )
        .map_err(io)?;
    let limit = u32::try_from(docs.len() + 1).unwrap_or(u32::MAX);
    let answers = queries
        .iter()
        .map(|q| {
            let r = search::search(lib.conn(), &q.query, Sort::Relevance, limit, 0)?;
            Ok(r.hits
                .iter()
                .filter_map(|h| by_article.get(&h.id).cloned())
                .collect())
        })
        .collect::<Result<Vec<_>, Error>>()?;
    Ok((answers, index_bytes))
}

/// Stock FTS5 (`unicode61`) over the same texts: exact forms.
fn stock(docs: &[Doc], queries: &[DevQuery]) -> Result<Vec<HashSet<String>>, Error> {
    let conn = rusqlite::Connection::open_in_memory().map_err(io)?;
    conn.execute_batch(
        "CREATE VIRTUAL TABLE t USING fts5(doc UNINDEXED, body, tokenize = 'unicode61')",
    )
    .map_err(io)?;
    for d in docs {
        conn.execute(
            "INSERT INTO t (doc, body) VALUES (?1, ?2)",
            [&d.id, &d.tokens.join(" ")],
        )
        .map_err(io)?;
    }
    let mut stmt = conn
        .prepare("SELECT doc FROM t WHERE t MATCH ?1")
        .map_err(io)?;
    queries
        .iter()
        .map(|q| {
            let m = format!("\"{}\"", q.query.replace('"', "\"\""));
            stmt.query_map([m], |r| r.get::<_, String>(0))
                .and_then(|rows| rows.collect())
                .map_err(io)
        })
        .collect()
}

/// Snowball's Russian stemmer over the same words.
fn snowball(docs: &[Doc], queries: &[DevQuery]) -> Vec<HashSet<String>> {
    let mut by_stem: HashMap<String, HashSet<String>> = HashMap::new();
    for d in docs {
        for_each_term(&d.tokens.join(" "), |term, _, _, _| {
            by_stem
                .entry(stem::snowball_russian(term))
                .or_default()
                .insert(d.id.clone());
        });
    }
    queries
        .iter()
        .map(|q| {
            let s = stem::snowball_russian(&normalize_word(&q.query).0);
            by_stem.get(&s).cloned().unwrap_or_default()
        })
        .collect()
}

pub fn run(o: Options) -> Result<std::process::ExitCode, Error> {
    let mut rows = Vec::new();
    let mut designs = Vec::new();
    for language in ["uk", "ru"] {
        for split in ["dev", "held"] {
            let docs: Vec<Doc> =
                read_jsonl(&o.devset.join(format!("{language}-{split}.docs.jsonl")))?;
            let queries: Vec<DevQuery> =
                read_jsonl(&o.devset.join(format!("{language}-{split}.queries.jsonl")))?;
            let mut add = |method: &'static str, answers: &[HashSet<String>]| {
                let (recall, precision) = score(&queries, answers);
                rows.push(Row {
                    language,
                    split,
                    method,
                    queries: queries.len(),
                    recall,
                    precision,
                });
            };
            add("exact forms (unicode61)", &stock(&docs, &queries)?);
            if language == "ru" {
                add("snowball russian", &snowball(&docs, &queries));
            }
            let (ours, our_bytes) = ours(&docs, &queries)?;
            add("litopys search", &ours);
            let texts: Vec<String> = docs.iter().map(|d| d.tokens.join(" ")).collect();
            let pairs: Vec<(&str, &str)> = docs
                .iter()
                .zip(&texts)
                .map(|(d, t)| (d.id.as_str(), t.as_str()))
                .collect();
            let words: Vec<&str> = queries.iter().map(|q| q.query.as_str()).collect();
            let lang = if language == "uk" {
                Language::Uk
            } else {
                Language::Ru
            };
            let vocab = super::forms_vocab::run(&pairs, &words, lang)?;
            add("vocabulary expansion", &vocab.answers);
            designs.push(format!(
                "{language} {split}: index litopys {:.2} MB, one term per word {:.2} MB ({:.2}x); \
                 vocabulary analysed in {:.2} s, {:.1} forms per query word",
                our_bytes as f64 / 1e6,
                vocab.index_bytes as f64 / 1e6,
                our_bytes as f64 / vocab.index_bytes.max(1) as f64,
                vocab.vocabulary_seconds,
                vocab.mean_forms
            ));
            let dict: Vec<HashSet<String>> = queries
                .iter()
                .map(|q| q.dict.iter().cloned().collect())
                .collect();
            add("dictionary lemmas", &dict);
            if let (Some(n), "dev") = (o.show, split) {
                let texts: Vec<String> = docs.iter().map(|d| d.tokens.join(" ")).collect();
                let views: Vec<DocView> = docs
                    .iter()
                    .zip(&texts)
                    .map(|(d, t)| DocView { id: &d.id, text: t })
                    .collect();
                super::forms_errors::show(language, &views, &queries_view(&queries), &ours, n);
            }
        }
    }
    if o.json {
        println!(
            "{}",
            serde_json::to_string_pretty(&rows).unwrap_or_default()
        );
    } else {
        println!(
            "{:<4} {:<5} {:<24} {:>7} {:>7} {:>9}",
            "lang", "split", "method", "queries", "recall", "precision"
        );
        for r in &rows {
            println!(
                "{:<4} {:<5} {:<24} {:>7} {:>7.3} {:>9.3}",
                r.language, r.split, r.method, r.queries, r.recall, r.precision
            );
        }
        println!();
        for d in &designs {
            println!("{d}");
        }
        println!(
            "\ntargets (litopys search, both languages): recall >= 0.97 and precision >= 0.95"
        );
    }
    Ok(std::process::ExitCode::SUCCESS)
}

fn queries_view(queries: &[DevQuery]) -> Vec<super::forms_errors::QueryView<'_>> {
    queries
        .iter()
        .map(|q| super::forms_errors::QueryView {
            query: &q.query,
            lemma: &q.lemma,
            gold: &q.gold,
            forms: &q.forms,
        })
        .collect()
}
