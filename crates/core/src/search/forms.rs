//! The word forms a query's words match in the library, with how many
//! articles hold each (`переговори`: переговорів 12, переговорам 3, …): the
//! forms present in the index vocabulary (`articles_vocab`, FTS5's own) whose
//! index terms meet those the query word asks for. The form typed comes first,
//! then the others by article count.

use std::collections::HashSet;

use rusqlite::Connection;
use serde::Serialize;

use super::fts_expr::word_terms_among;
use super::query::{self, Query};
use super::readings::read_in_library;
use crate::error::Result;
use crate::store::fts::stem_terms;
use crate::text::analyze::tokens;
use crate::text::language::Language;
use crate::text::stem::family;

/// Most query words whose forms are listed.
pub const MAX_LISTED_WORDS: usize = 16;
/// Most distinct forms listed for one query word.
pub const MAX_FORMS: usize = 200;
/// Most vocabulary terms looked at for one query word.
const MAX_SCANNED: usize = 200_000;

#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct FormCount {
    pub form: String,
    /// Articles holding this form (anywhere in them).
    pub articles: i64,
    /// The form is the word as typed.
    pub exact: bool,
    /// The query drops this form (`skip:`): it is listed so it can be taken back.
    pub skipped: bool,
}

#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct WordForms {
    /// The query word, normalised.
    pub word: String,
    pub forms: Vec<FormCount>,
}

/// The forms each word of `text` (a query) matches, in the order the words come.
pub fn forms(conn: &Connection, text: &str) -> Result<Vec<WordForms>> {
    let q = query::parse(text)?;
    let skipped = q.skipped_forms();
    let articles = q.articles_language();
    let mut words = Vec::new();
    collect_words(&q, &mut words);
    let mut seen = HashSet::new();
    words.retain(|w| seen.insert(w.clone()));
    // Each word reads the index vocabulary near it: a long query lists its first words only.
    words.truncate(MAX_LISTED_WORDS);
    words
        .into_iter()
        .map(|w| {
            let asked = read_in_library(conn, &w, word_terms_among(&w, articles))?;
            let mut forms = forms_in_library(conn, &w, &asked)?;
            forms.truncate(MAX_FORMS);
            for f in &mut forms {
                f.skipped = skipped.contains(&f.form);
            }
            Ok(WordForms { word: w, forms })
        })
        .collect()
}

/// The words searched in any of their forms (not under NOT, not in phrases).
fn collect_words(q: &Query, out: &mut Vec<String>) {
    match q {
        Query::Word(w) => {
            for t in tokens(w) {
                out.push(t.term);
            }
        }
        Query::Near { items, .. } | Query::And(items) | Query::Or(items) => {
            for i in items {
                collect_words(i, out);
            }
        }
        Query::Title(inner) => collect_words(inner, out),
        _ => {}
    }
}

/// Where the forms of a word may start: its letters and its classes' in common,
/// cut before the last vowel (alternations change it: рік, року).
fn scan_prefix(word: &str, asked: &HashSet<String>) -> String {
    let mut prefix: Vec<char> = word.chars().collect();
    for a in asked {
        let a = family(a.trim_start_matches(['~', '^']));
        let common = prefix
            .iter()
            .zip(a.chars())
            .take_while(|(x, y)| **x == *y)
            .count();
        prefix.truncate(common);
    }
    if let Some(v) = prefix.iter().rposition(|c| "аеєиіїоуюяыэё".contains(*c)) {
        prefix.truncate(v.max(1));
    }
    prefix.into_iter().collect()
}

/// Whether the indexed form `term` is found by a word asking for the index
/// terms `asked`: it is one of them, or its stems in either language are.
pub(super) fn is_form_of(term: &str, asked: &HashSet<String>) -> bool {
    asked.contains(term)
        || [Language::Uk, Language::Ru]
            .into_iter()
            .any(|l| stem_terms(term, l).iter().any(|s| asked.contains(s)))
}

/// Every form in the library that `word`'s index terms (`asked`, from
/// [`word_terms`]) find, the typed form first, then by article count.
pub(super) fn forms_in_library(
    conn: &Connection,
    word: &str,
    asked: &[String],
) -> Result<Vec<FormCount>> {
    let asked: HashSet<String> = asked.iter().cloned().collect();
    let prefix = scan_prefix(word, &asked);
    let upper = format!("{prefix}\u{10FFFF}");
    let mut stmt = conn.prepare_cached(
        "SELECT term, doc FROM articles_vocab WHERE term >= ?1 AND term < ?2 LIMIT ?3",
    )?;
    let rows = stmt.query_map(rusqlite::params![prefix, upper, MAX_SCANNED as i64], |r| {
        Ok((r.get::<_, String>(0)?, r.get::<_, i64>(1)?))
    })?;
    let mut out = Vec::new();
    for row in rows {
        let (term, articles) = row?;
        if term.starts_with(['~', '^']) {
            continue;
        }
        if is_form_of(&term, &asked) {
            out.push(FormCount {
                exact: term == word,
                form: term,
                articles,
                skipped: false,
            });
        }
    }
    out.sort_by(|a, b| {
        b.exact
            .cmp(&a.exact)
            .then(b.articles.cmp(&a.articles))
            .then_with(|| a.form.cmp(&b.form))
    });
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_scan_starts_before_the_vowel_that_alternates() {
        let asked: HashSet<String> = ["~рік".to_owned()].into();
        assert_eq!(scan_prefix("рік", &asked), "р");
        let asked: HashSet<String> = ["~переговор".to_owned()].into();
        assert_eq!(scan_prefix("переговори", &asked), "перегов");
    }
}
