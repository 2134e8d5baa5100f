//! Readings of a Ukrainian query word that the library rules out. The
//! letters of some forms do not tell two words apart; the library's other
//! forms do.
//!
//! - A word in -о is a neuter noun's nominative (`вікно`, `світло`) or an
//!   adjective's adverb (`прямо`, `цікаво`). The index files it under its stem
//!   with the adverb mark (`прям!`, see [`crate::text::stem::ADVERB_MARK`]); a
//!   query reads it as the noun's unless the library holds the stem's
//!   adjective-only forms (`прямий`, `прямого`) and none of a noun's own
//!   (`-ом`, `-ам`, `-ами`, `-ах`): then `прямо` asks for the adverb alone and
//!   `прямі`, `цікава` no longer find the adverb. On `bench forms` `просто`
//!   found 9 articles with `прості` only, `довго` 30 with `довгі`, `довга`…,
//!   `цікава` 35 with `цікаво` only.
//! - A word in -ій is an adjective's form (`новій`, `синій`) or a noun's
//!   (`водій`, `Сергій`, `подій`), and the index files it under both
//!   (`вод+`, `воді`). Where the library holds no adjective-only form of the
//!   stem (`-ого`, `-ому`, `-ої`, `-ий`, `-их`…), there is no adjective: `водій`
//!   (driver) no longer asks for `вода` (water), nor `вода` for `водій`.
//! - A Russian word in -о is an adverb (`мирно`, `специально`, `долго`) or a
//!   neuter noun (`золото`, `право`), and the Russian index files it with
//!   its adjective (`мирн`). Where the library holds the stem's adjective
//!   forms (`мирного`, `мирные`) and no noun's own (`-у`, `-ам`, `-ами`,
//!   `-ах`: `золоту`, `праву`), the adverb typed asks for itself alone:
//!   `специально` no longer finds `специальные`, `мирно` `мирного`.

use rusqlite::Connection;

use super::fts_expr::{or, quote};
use crate::error::Result;
use crate::store::fts::{RU_STEM_PREFIX, STEM_PREFIX};
use crate::text::language::Language;
use crate::text::stem::{classes, family, ADJECTIVE_MARK, ADVERB_MARK, NOUN_MARK};

/// Endings only a noun's forms have after a stem that also has a form in
/// -о (the adjective's adverb has none of them).
const NOUN_ENDINGS: [&str; 4] = ["ом", "ам", "ами", "ах"];

/// Endings only an adjective's forms have, and no noun's in -ій.
const ADJECTIVE_ENDINGS: [&str; 9] = [
    "ого", "ому", "ої", "ий", "ими", "ього", "ьому", "ьої", "іми",
];
/// Adjectives' endings that a few nouns' nominatives have too (`подих`,
/// `режим`): enough to keep an adjective reading asked for beside another
/// (`гумова` asking for `гумових`), not to keep a word in -ій one
/// (`подій` is no adjective's form for `подих`).
const ALSO_NOUN_ENDINGS: [&str; 4] = ["им", "их", "ім", "іх"];

/// `terms` (what `word` asks for, [`super::fts_expr::word_terms_among`])
/// with the readings the library rules out left out.
pub(super) fn read_in_library(
    conn: &Connection,
    word: &str,
    terms: Vec<String>,
) -> Result<Vec<String>> {
    let terms = adverb_readings(conn, word, terms)?;
    let terms = russian_adverb_readings(conn, word, terms)?;
    adjective_readings(conn, word, terms)
}

/// Endings only a Russian adjective's forms have (not its short forms).
const RU_ADJECTIVE_ENDINGS: [&str; 9] = ["ый", "ого", "ому", "ым", "ых", "ыми", "ая", "ую", "ые"];
/// Endings only a noun's forms have after a stem that has an adverb in -о
/// (no adjective form ends in a bare -у).
const RU_NOUN_ENDINGS: [&str; 4] = ["у", "ам", "ами", "ах"];

/// [`read_in_library`]'s Russian adverbs: a word in -о of five letters or
/// more whose Russian stem is the word without it (`мирно`: `^мирн`).
fn russian_adverb_readings(
    conn: &Connection,
    word: &str,
    mut terms: Vec<String>,
) -> Result<Vec<String>> {
    let Some(stem) = word.strip_suffix('о') else {
        return Ok(terms);
    };
    let class = format!("{RU_STEM_PREFIX}{stem}");
    let consonant_end = stem
        .chars()
        .last()
        .is_some_and(crate::text::word_chars::consonant);
    if word.chars().count() < 5 || !consonant_end || !terms.contains(&class) {
        return Ok(terms);
    }
    if !has_forms(conn, stem, &RU_ADJECTIVE_ENDINGS)? || has_forms(conn, stem, &RU_NOUN_ENDINGS)? {
        return Ok(terms);
    }
    // The adverb typed: neither the adjective's class nor the stem as a
    // word (`долг`, debt, for `долго`).
    terms.retain(|t| *t != class && t != stem);
    Ok(terms)
}

/// A stem asked for as an adjective's (`~вод+`) with no adjective-only form
/// of it in the library: a form in -ій typed (`водій`) asks for none of the
/// stem's forms, only its noun reading (`воді`); another form (`вода`) no
/// longer for the stem's adjective forms. An adjective-only form typed
/// otherwise (`новим`) keeps every reading.
fn adjective_readings(
    conn: &Connection,
    word: &str,
    mut terms: Vec<String>,
) -> Result<Vec<String>> {
    let typed = classes(word, Language::Uk);
    for stem in stems_marked(&terms, ADJECTIVE_MARK) {
        let adjective = format!("{stem}{ADJECTIVE_MARK}");
        let typed_adjective = typed.contains(&adjective);
        if typed_adjective && !word.ends_with("ій") {
            continue;
        }
        let endings: &[&str] = match typed_adjective {
            true => &ADJECTIVE_ENDINGS,
            false => &[&ADJECTIVE_ENDINGS[..], &ALSO_NOUN_ENDINGS[..]].concat(),
        };
        if has_forms(conn, &stem, endings)? {
            continue;
        }
        if typed_adjective {
            // `водій`: keep its noun reading (`воді`), not the stem's family.
            terms.retain(|t| {
                t.strip_prefix(STEM_PREFIX)
                    .is_none_or(|s| family(s) != stem)
            });
        } else {
            let marked = format!("{STEM_PREFIX}{adjective}");
            terms.retain(|t| *t != marked);
        }
    }
    Ok(terms)
}

/// The stems `terms` asks for with `mark` (`~прям!`: `прям`).
fn stems_marked(terms: &[String], mark: char) -> Vec<String> {
    terms
        .iter()
        .filter_map(|t| t.strip_prefix(STEM_PREFIX)?.strip_suffix(mark))
        .map(str::to_owned)
        .collect()
}

/// Whether the library holds a form of `stem` with one of `endings`.
fn has_forms(conn: &Connection, stem: &str, endings: &[&str]) -> Result<bool> {
    let forms: Vec<String> = endings
        .iter()
        .map(|e| quote(&format!("{stem}{e}")))
        .collect();
    holds(conn, &or(&forms))
}

/// [`read_in_library`]'s adverb readings.
fn adverb_readings(conn: &Connection, word: &str, mut terms: Vec<String>) -> Result<Vec<String>> {
    let typed = classes(word, Language::Uk);
    for stem in stems_marked(&terms, ADVERB_MARK) {
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
    Ok(!has_forms(conn, stem, &NOUN_ENDINGS)?)
}

/// Whether some article (in the index) matches the MATCH expression `expr`.
fn holds(conn: &Connection, expr: &str) -> Result<bool> {
    Ok(conn
        .prepare_cached("SELECT 1 FROM articles_fts WHERE articles_fts MATCH ?1 LIMIT 1")?
        .exists([expr])?)
}
