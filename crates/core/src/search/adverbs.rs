//! A Ukrainian word in -о is a neuter noun's nominative (`вікно`, `світло`)
//! or an adjective's adverb (`прямо`, `цікаво`), and the letters alone do not
//! tell which. The index files it under its stem with the adverb mark
//! (`прям!`, see [`crate::text::stem::ADVERB_MARK`]); a query reads it as
//! the noun's unless the library tells otherwise: where it holds the stem's
//! adjective-only forms (`прямий`, `прямого`) and none of a noun's own
//! (`-ом`, `-ам`, `-ами`, `-ах`), the stem is an adjective's, so `прямо` asks
//! for the adverb alone and `прямі`, `цікава` no longer find the adverb.
//! On `bench forms` `просто` found 9 articles with `прості` only, `довго` 30
//! with `довгі`, `довга`…, `цікава` 35 with `цікаво` only.

use rusqlite::Connection;

use super::fts_expr::{or, quote};
use crate::error::Result;
use crate::store::fts::STEM_PREFIX;
use crate::text::language::Language;
use crate::text::stem::{classes, ADJECTIVE_MARK, ADVERB_MARK, NOUN_MARK};

/// Endings only a noun's forms have after a stem that also has a form in
/// -о (the adjective's adverb has none of them).
const NOUN_ENDINGS: [&str; 4] = ["ом", "ам", "ами", "ах"];

/// `terms` (what `word` asks for, [`super::fts_expr::word_terms_among`])
/// with the adverb readings the library rules out left out.
pub(super) fn read_in_library(
    conn: &Connection,
    word: &str,
    mut terms: Vec<String>,
) -> Result<Vec<String>> {
    let stems: Vec<String> = terms
        .iter()
        .filter_map(|t| t.strip_prefix(STEM_PREFIX)?.strip_suffix(ADVERB_MARK))
        .map(str::to_owned)
        .collect();
    if stems.is_empty() {
        return Ok(terms);
    }
    let typed = classes(word, Language::Uk);
    for stem in stems {
        if !adjectives_only(conn, &stem)? {
            continue;
        }
        let marked = |mark: char| format!("{STEM_PREFIX}{stem}{mark}");
        if typed.contains(&format!("{stem}{ADVERB_MARK}")) {
            // The adverb typed: none of the adjective's forms.
            let (either, noun) = (format!("{STEM_PREFIX}{stem}"), marked(NOUN_MARK));
            terms.retain(|t| *t != either && *t != noun);
        } else {
            // One of the adjective's forms: not its adverb.
            let adverb = marked(ADVERB_MARK);
            terms.retain(|t| *t != adverb);
        }
    }
    Ok(terms)
}

/// Whether the library holds forms of `stem` that only an adjective has and
/// none that only a noun with a form in -о has.
fn adjectives_only(conn: &Connection, stem: &str) -> Result<bool> {
    let adjective = quote(&format!("{STEM_PREFIX}{stem}{ADJECTIVE_MARK}"));
    if !holds(conn, &adjective)? {
        return Ok(false);
    }
    let nouns: Vec<String> = NOUN_ENDINGS
        .iter()
        .map(|e| quote(&format!("{stem}{e}")))
        .collect();
    Ok(!holds(conn, &or(&nouns))?)
}

/// Whether some article (in the index) matches the MATCH expression `expr`.
fn holds(conn: &Connection, expr: &str) -> Result<bool> {
    Ok(conn
        .prepare_cached("SELECT 1 FROM articles_fts WHERE articles_fts MATCH ?1 LIMIT 1")?
        .exists([expr])?)
}
