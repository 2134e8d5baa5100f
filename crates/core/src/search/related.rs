//! "More like this": the words that set an article apart from the library
//! (frequent in it, rare elsewhere) searched for together.

use std::collections::HashMap;

use rusqlite::Connection;

use super::plan::Plan;
use super::{hits, SearchHit, Sort};
use crate::error::Result;
use crate::store::articles;
use crate::store::fts::{is_stem_of_itself, stem_terms, RU_STEM_PREFIX, STEM_PREFIX};
use crate::text::analyze::for_each_token;
use crate::text::language::Language;
use crate::text::stem::query_classes;

/// How many distinguishing words make up the search.
const TERMS: usize = 24;
/// Words looked up in the index at most (the most frequent in the article).
const CANDIDATES: usize = 400;

/// Articles most like the article `id` (a stable id or prefix), best first, without it.
pub fn more_like_this(conn: &Connection, id: &str, limit: u32) -> Result<Vec<SearchHit>> {
    let article = articles::get(conn, id)?;
    let lang = match article.language.as_str() {
        "uk" => Language::Uk,
        "ru" => Language::Ru,
        _ => Language::Other,
    };
    // Count each word under the index term its family shares: the stem token when
    // the stem differs from the word, else the word itself.
    let mut counts: HashMap<String, u32> = HashMap::new();
    // A word of each family, to search for the family in both languages.
    let mut words: HashMap<String, String> = HashMap::new();
    let mut count = |text: &str, weight: u32| {
        for_each_token(text, |t| {
            if t.term.chars().count() < 3 || t.term.chars().all(|c| c.is_ascii_digit()) {
                return;
            }
            let term = match stem_terms(&t.term, lang).into_iter().next() {
                Some(s) if !is_stem_of_itself(&s, &t.term) => s,
                _ => t.term.clone(),
            };
            words.entry(term.clone()).or_insert(t.term);
            *counts.entry(term).or_default() += weight;
        });
    };
    count(&article.title, 3);
    // The story only: other articles' headlines at the end of a page say
    // nothing about what this article is like.
    let blocks = crate::store::blocks::of_article(conn, &article.id)?;
    count(&crate::text::blocks::story_text(&article.body, &blocks), 1);
    let mut candidates: Vec<(String, u32)> = counts.into_iter().collect();
    candidates.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    candidates.truncate(CANDIDATES);

    let total = articles::count(conn)?.max(1) as f64;
    let mut stmt = conn.prepare_cached("SELECT doc FROM articles_vocab WHERE term = ?1")?;
    let mut scored = Vec::new();
    for (term, tf) in candidates {
        // Articles with the family in either language: the most of any of its
        // index terms (a sum would count an article once for each term).
        let asked: Vec<String> = match words.get(&term) {
            Some(w) => family_terms(w, lang),
            None => vec![term.clone()],
        };
        let mut docs: i64 = 0;
        for t in &asked {
            let n = stmt
                .query_row([t], |r| r.get::<_, i64>(0))
                .or_else(|e| match e {
                    rusqlite::Error::QueryReturnedNoRows => Ok(0),
                    e => Err(e),
                })?;
            docs = docs.max(n);
        }
        let docs = docs.min(total as i64);
        // A word only this article has links it to nothing.
        if docs < 2 {
            continue;
        }
        let idf = (total / docs as f64).ln();
        if idf > 0.0 {
            scored.push((term, f64::from(tf).sqrt() * idf));
        }
    }
    scored.sort_by(|a, b| b.1.total_cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    scored.truncate(TERMS);
    if scored.is_empty() {
        return Ok(Vec::new());
    }
    // Each family as a query word asks for it: its forms in either language.
    let terms: Vec<String> = scored
        .iter()
        .map(|(t, _)| match words.get(t) {
            Some(w) => {
                let quoted: Vec<String> = family_terms(w, lang)
                    .iter()
                    .map(|t| format!("\"{}\"", t.replace('"', "\"\"")))
                    .collect();
                format!("({})", quoted.join(" OR "))
            }
            None => format!("\"{}\"", t.replace('"', "\"\"")),
        })
        .collect();
    let fts = format!("{{title story}} : ({})", terms.join(" OR "));
    let own_id: i64 = conn.query_row(
        "SELECT id FROM articles WHERE uid = ?1",
        [&article.id],
        |r| r.get(0),
    )?;
    let plan = Plan {
        fts: Some(fts.clone()),
        prefix: false,
        // Hits are listed, never opened with this plan: nothing to highlight.
        terms: Vec::new(),
        // Ranked by likeness alone: no word was typed.
        exact_forms: Vec::new(),
        filter: Some("a.id <> ?2".to_owned()),
        params: vec![fts.into(), own_id.into()],
        counts_only: false,
        filter_on_counts: false,
    };
    hits(conn, &plan, Sort::Relevance, limit, 0)
}

/// The index terms of a word's family in either language: the word, and
/// its stems under both languages' prefixes (a Ukrainian and a Russian
/// article share stems more often than spellings).
fn family_terms(word: &str, lang: Language) -> Vec<String> {
    let mut out = vec![word.to_owned()];
    let classes = match lang {
        Language::Other => [Language::Uk, Language::Ru]
            .into_iter()
            .flat_map(|l| query_classes(word, l))
            .collect(),
        l => query_classes(word, l),
    };
    for s in classes {
        out.push(format!("{STEM_PREFIX}{s}"));
        out.push(format!("{RU_STEM_PREFIX}{s}"));
    }
    let mut seen = std::collections::HashSet::new();
    out.retain(|t| seen.insert(t.clone()));
    out
}
