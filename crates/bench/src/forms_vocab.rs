//! The other index design of issue 13, measured beside ours in `litopys-bench forms`:
//! one term per word (stock FTS5 `unicode61`, exact forms only) and, at query
//! time, the query word expanded to the forms present in the index vocabulary
//! (`fts5vocab`) whose classes meet the query word's. Same analyser, no stem
//! tokens in the index: a smaller index and a faster import, paid for with
//! an analysis of the vocabulary and longer queries.

use std::collections::{HashMap, HashSet};
use std::time::Instant;

use litopys_core::search::fts_expr::word_forms;
use litopys_core::store::fts::stem_terms;
use litopys_core::text::analyze::normalize_word;
use litopys_core::text::language::Language;
use litopys_core::Error;

/// Most forms one query word expands to (FTS5 expressions stay short).
const MAX_FORMS: usize = 300;

pub struct Outcome {
    pub answers: Vec<HashSet<String>>,
    /// Bytes of the inverted index (`_data` blocks).
    pub index_bytes: i64,
    /// Seconds to analyse the vocabulary (once, after import).
    pub vocabulary_seconds: f64,
    /// Mean forms a query word expanded to.
    pub mean_forms: f64,
}

fn io(e: impl std::fmt::Display) -> Error {
    Error::InvalidInput(e.to_string())
}

/// Answers `queries` over `(id, text)` documents of `lang`.
pub fn run(docs: &[(&str, &str)], queries: &[&str], lang: Language) -> Result<Outcome, Error> {
    let conn = rusqlite::Connection::open_in_memory().map_err(io)?;
    conn.execute_batch(
        "CREATE VIRTUAL TABLE t USING fts5(doc UNINDEXED, body,
             tokenize = \"unicode61 remove_diacritics 0 tokenchars ''''\");
         CREATE VIRTUAL TABLE v USING fts5vocab(t, 'row');",
    )
    .map_err(io)?;
    for (id, text) in docs {
        conn.execute("INSERT INTO t (doc, body) VALUES (?1, ?2)", [id, text])
            .map_err(io)?;
    }
    let index_bytes: i64 = conn
        .query_row(
            "SELECT coalesce(sum(length(block)), 0) FROM t_data",
            [],
            |r| r.get(0),
        )
        .map_err(io)?;
    // The vocabulary's analysis: each index term a form is found under → the forms.
    let started = Instant::now();
    let mut by_term: HashMap<String, Vec<String>> = HashMap::new();
    let mut stmt = conn.prepare("SELECT term FROM v").map_err(io)?;
    let terms: Vec<String> = stmt
        .query_map([], |r| r.get(0))
        .and_then(|rows| rows.collect())
        .map_err(io)?;
    for form in terms {
        let normal = normalize_word(&form).0;
        let mut keys = stem_terms(&normal, lang);
        keys.push(normal);
        for k in keys {
            by_term.entry(k).or_default().push(form.clone());
        }
    }
    let vocabulary_seconds = started.elapsed().as_secs_f64();
    let mut search = conn
        .prepare("SELECT doc FROM t WHERE t MATCH ?1")
        .map_err(io)?;
    let mut answers = Vec::with_capacity(queries.len());
    let mut forms_total = 0usize;
    for q in queries {
        let asked = word_forms(&normalize_word(q).0);
        let mut forms: Vec<&String> = asked
            .iter()
            .filter_map(|a| by_term.get(&a[1..a.len() - 1].replace("\"\"", "\"")))
            .flatten()
            .collect();
        forms.sort();
        forms.dedup();
        forms.truncate(MAX_FORMS);
        forms_total += forms.len();
        if forms.is_empty() {
            answers.push(HashSet::new());
            continue;
        }
        let expr: Vec<String> = forms
            .iter()
            .map(|f| format!("\"{}\"", f.replace('"', "\"\"")))
            .collect();
        let hits: HashSet<String> = search
            .query_map([expr.join(" OR ")], |r| r.get(0))
            .and_then(|rows| rows.collect())
            .map_err(io)?;
        answers.push(hits);
    }
    Ok(Outcome {
        answers,
        index_bytes,
        vocabulary_seconds,
        mean_forms: forms_total as f64 / queries.len().max(1) as f64,
    })
}
