//! Query tree → SQL. The words the user asked for become one FTS5 MATCH
//! expression (it ranks the hits and marks the snippets); everything else —
//! fields, dates, tags, and text under OR with a field — becomes SQL conditions
//! over the `articles a` row. Every user string reaches SQLite as a bound
//! parameter or inside a quoted FTS5 string we built.

mod conditions;

use std::collections::HashSet;

use rusqlite::types::Value;
use rusqlite::Connection;

use super::forms::{forms_in_library, is_form_of};
use super::fts_expr::{and, or, phrase, word_terms_among};
use super::plan::{MatchTerm, Plan};
use super::query::{Query, Scope};
use super::readings::read_in_library;
use crate::error::{Error, Result};
use crate::text::analyze::tokens;
use crate::text::language::Language;

/// Most words one query may hold (each becomes up to five index terms).
pub const MAX_WORDS: usize = 256;
/// Most distinct words one query may drop forms of with `skip:`.
pub const MAX_SKIPPING_WORDS: usize = 16;
/// Most phrase combinations one NEAR group expands to before it keeps to exact forms.
const MAX_NEAR_COMBINATIONS: usize = 64;

enum Text {
    /// No words at all (`*`, punctuation): ignored.
    Empty,
    Fts(String),
    /// Not expressible in FTS5 alone.
    Other,
}

/// One way a word or phrase is found: index terms in a row (one for a
/// word's form), the last a prefix when `prefix`.
struct Alternative {
    terms: Vec<String>,
    prefix: bool,
}

impl Alternative {
    fn fts(&self) -> String {
        phrase(&self.terms, self.prefix)
    }
}

fn fts_of(alts: &[Alternative]) -> Vec<String> {
    alts.iter().map(Alternative::fts).collect()
}

struct Compiler<'c> {
    conn: &'c Connection,
    params: Vec<Value>,
    /// The index terms asked for so far outside negations ([`Plan::terms`]).
    terms: Vec<MatchTerm>,
    /// The words searched in all their forms, as typed ([`Plan::exact_forms`]).
    exact_forms: Vec<String>,
    /// How many NOTs (or `note:`s) enclose the words being compiled: their
    /// terms are not what an article holds.
    negated: u32,
    scope: Scope,
    /// The language a `lang:` keeps every article to: the words are read in it.
    articles: Language,
    /// Forms `skip:` drops: a word with one of them among its forms is
    /// searched as the list of its other forms present in the library.
    skip: HashSet<String>,
    /// What each word a `skip:` may concern is searched under, by word (its
    /// forms less the skipped ones, or its own terms when none is skipped).
    expanded: std::collections::HashMap<String, Vec<String>>,
    /// A prefix phrase was built since this was last reset: `plan` reads it
    /// after each conjunct to know whether the MATCH it keeps holds one.
    prefix: bool,
}

impl Compiler<'_> {
    /// A finished MATCH expression, kept to the story unless the query says `in:all`.
    fn scoped(&self, e: String) -> String {
        match self.scope {
            Scope::Story => format!("{{title story}} : ({e})"),
            Scope::All => e,
        }
    }
}

/// Whether `q` only filters by source, language and date (see [`Plan::counts_only`]).
fn counts_only(q: &Query) -> bool {
    match q {
        Query::Source(_) | Query::Lang(_) | Query::Scope(_) | Query::SkipForm(_) => true,
        // Bounds are `YYYY[-MM[-DD]]`: comparing them with a date cut to 10
        // characters gives the same answer as with the full timestamp.
        Query::Date { from, until } => [from, until]
            .iter()
            .all(|b| b.as_ref().is_none_or(|b| b.chars().count() <= 10)),
        Query::And(items) | Query::Or(items) => items.iter().all(counts_only),
        Query::Not(inner) => counts_only(inner),
        Query::Word(_) | Query::Phrase(_) | Query::Prefix(_) => count_words(q) == 0,
        Query::Near { .. }
        | Query::Title(_)
        | Query::Note(_)
        | Query::Tag(_)
        | Query::Story(_)
        | Query::Has(_) => false,
    }
}

fn count_words(q: &Query) -> usize {
    match q {
        Query::Word(t) | Query::Phrase(t) | Query::Prefix(t) => tokens(t).len(),
        Query::Near { items, .. } | Query::And(items) | Query::Or(items) => {
            items.iter().map(count_words).sum()
        }
        Query::Title(inner) | Query::Not(inner) | Query::Note(inner) => count_words(inner),
        Query::Source(_)
        | Query::Lang(_)
        | Query::Tag(_)
        | Query::Story(_)
        | Query::Has(_)
        | Query::Scope(_)
        | Query::Date { .. } => 0,
        // Each is matched against every word: counted, so bounded with them.
        Query::SkipForm(_) => 1,
    }
}

pub fn plan(conn: &Connection, q: &Query) -> Result<Plan> {
    if count_words(q) > MAX_WORDS {
        return Err(Error::InvalidQuery(format!(
            "the query has more than {MAX_WORDS} words; search for fewer at a time"
        )));
    }
    let mut c = Compiler {
        conn,
        params: vec![Value::Null],
        terms: Vec::new(),
        exact_forms: Vec::new(),
        negated: 0,
        scope: q.scope(),
        articles: q.articles_language(),
        skip: q.skipped_forms(),
        expanded: Default::default(),
        prefix: false,
    };
    let conjuncts: Vec<&Query> = match q {
        Query::And(items) => items.iter().collect(),
        other => vec![other],
    };
    let (mut positive, mut negative, mut rest) = (Vec::new(), Vec::new(), Vec::new());
    let (mut prefix_positive, mut prefix_negative) = (false, false);
    for item in conjuncts {
        c.prefix = false;
        match c.text(item)? {
            Text::Empty => {}
            Text::Fts(e) => {
                prefix_positive |= c.prefix;
                positive.push(e);
            }
            Text::Other => match item {
                Query::Not(inner) => match c.negated(|c| c.text(inner))? {
                    Text::Fts(e) => {
                        prefix_negative |= c.prefix;
                        negative.push((e, item));
                    }
                    Text::Empty => {}
                    Text::Other => rest.push(item),
                },
                _ => rest.push(item),
            },
        }
    }
    // FTS5 can only subtract from something: without positive words, the
    // negated ones become SQL conditions.
    let prefix = !positive.is_empty() && (prefix_positive || prefix_negative);
    let fts = if positive.is_empty() {
        rest.extend(negative.iter().map(|(_, q)| *q));
        None
    } else {
        let mut e = and(&positive);
        if !negative.is_empty() {
            let n: Vec<String> = negative.into_iter().map(|(e, _)| e).collect();
            e = format!("({e} NOT {})", or(&n));
        }
        Some(c.scoped(e))
    };
    let filter_on_counts = rest.iter().all(|q| counts_only(q));
    let mut conds = Vec::new();
    for item in rest {
        if let Some(s) = c.cond(item)? {
            conds.push(s);
        }
    }
    let filter = (!conds.is_empty()).then(|| conds.join(" AND "));
    c.params[0] = fts.clone().map_or(Value::Null, Value::Text);
    let mut seen = std::collections::HashSet::new();
    c.terms.retain(|t| seen.insert(t.clone()));
    let mut seen = std::collections::HashSet::new();
    c.exact_forms.retain(|t| seen.insert(t.clone()));
    Ok(Plan {
        terms: c.terms,
        exact_forms: c.exact_forms,
        counts_only: fts.is_none() && counts_only(q),
        filter_on_counts,
        fts,
        prefix,
        filter,
        params: c.params,
    })
}

impl Compiler<'_> {
    /// `f` compiling words an article must not hold (or a note's words).
    fn negated<T>(&mut self, f: impl FnOnce(&mut Self) -> T) -> T {
        self.negated += 1;
        let out = f(self);
        self.negated -= 1;
        out
    }

    /// Keeps the terms of `alts` for [`Plan::terms`] unless negated.
    fn record(&mut self, alts: &[Alternative]) {
        if self.negated > 0 {
            return;
        }
        for alt in alts {
            let last = alt.terms.len().saturating_sub(1);
            self.terms
                .extend(alt.terms.iter().enumerate().map(|(i, t)| MatchTerm {
                    term: t.clone(),
                    prefix: alt.prefix && i == last,
                }));
        }
    }

    /// The index terms a word is found under: its own, or, when `skip:` drops
    /// one of its forms, each of its other forms in the library as written.
    fn word_alternatives(&mut self, word: &str) -> Result<Vec<String>> {
        let terms = read_in_library(self.conn, word, word_terms_among(word, self.articles))?;
        let asked: HashSet<String> = terms.iter().cloned().collect();
        if !self.skip.iter().any(|f| is_form_of(f, &asked)) {
            return Ok(terms);
        }
        if let Some(kept) = self.expanded.get(word) {
            return Ok(kept.clone());
        }
        // Each expansion reads the index vocabulary near the word: bounded,
        // so no query can make the search read it for hundreds of words.
        if self.expanded.len() >= MAX_SKIPPING_WORDS {
            return Err(Error::InvalidQuery(format!(
                "skip: drops forms of more than {MAX_SKIPPING_WORDS} words; search for fewer at a time"
            )));
        }
        let forms = forms_in_library(self.conn, word, &terms)?;
        if !forms.iter().any(|f| self.skip.contains(&f.form)) {
            self.expanded.insert(word.to_owned(), terms.clone());
            return Ok(terms);
        }
        let kept: Vec<String> = forms
            .into_iter()
            .map(|f| f.form)
            .filter(|f| !self.skip.contains(f))
            .collect();
        if kept.is_empty() {
            return Err(Error::InvalidQuery(format!(
                "skip: leaves no form of “{word}” to search for; keep at least one"
            )));
        }
        self.expanded.insert(word.to_owned(), kept.clone());
        Ok(kept)
    }

    /// Alternatives (each a phrase) for one NEAR item, or for a word.
    fn alternatives(&mut self, q: &Query) -> Result<Vec<Alternative>> {
        let terms =
            |text: &str| -> Vec<String> { tokens(text).into_iter().map(|t| t.term).collect() };
        let one = |terms: Vec<String>, prefix: bool| match terms.is_empty() {
            true => Vec::new(),
            false => vec![Alternative { terms, prefix }],
        };
        Ok(match q {
            Query::Word(w) => match terms(w) {
                t if t.len() == 1 => {
                    let forms = self.word_alternatives(&t[0])?;
                    if self.negated == 0 && forms.contains(&t[0]) {
                        self.exact_forms.push(t[0].clone());
                    }
                    forms
                        .into_iter()
                        .map(|form| Alternative {
                            terms: vec![form],
                            prefix: false,
                        })
                        .collect()
                }
                many => one(many, false),
            },
            Query::Phrase(p) => one(terms(p), false),
            Query::Prefix(p) => {
                let alts = one(terms(p), true);
                self.prefix |= !alts.is_empty();
                alts
            }
            _ => Vec::new(),
        })
    }

    fn text(&mut self, q: &Query) -> Result<Text> {
        Ok(match q {
            Query::Word(_) | Query::Phrase(_) | Query::Prefix(_) => {
                let alts = self.alternatives(q)?;
                self.record(&alts);
                match alts.is_empty() {
                    true => Text::Empty,
                    false => Text::Fts(or(&fts_of(&alts))),
                }
            }
            Query::Near { items, distance } => self.near(items, *distance)?,
            Query::Title(inner) => match self.text(inner)? {
                Text::Empty => Text::Empty,
                Text::Fts(e) => Text::Fts(format!("title : ({e})")),
                Text::Other => return Err(Error::InvalidQuery(
                    "title: applies to words and phrases (for example title:(Женева OR Стамбул))"
                        .into(),
                )),
            },
            Query::And(items) => {
                let (mut pos, mut neg) = (Vec::new(), Vec::new());
                for item in items {
                    match (self.text(item)?, item) {
                        (Text::Empty, _) => {}
                        (Text::Fts(e), _) => pos.push(e),
                        (Text::Other, Query::Not(inner)) => {
                            match self.negated(|c| c.text(inner))? {
                                Text::Fts(e) => neg.push(e),
                                Text::Empty => {}
                                Text::Other => return Ok(Text::Other),
                            }
                        }
                        (Text::Other, _) => return Ok(Text::Other),
                    }
                }
                match (pos.is_empty(), neg.is_empty()) {
                    (true, true) => Text::Empty,
                    (true, false) => Text::Other,
                    (false, true) => Text::Fts(and(&pos)),
                    (false, false) => Text::Fts(format!("({} NOT {})", and(&pos), or(&neg))),
                }
            }
            Query::Or(items) => {
                let mut alts = Vec::new();
                for item in items {
                    match self.text(item)? {
                        Text::Empty => {}
                        Text::Fts(e) => alts.push(e),
                        Text::Other => return Ok(Text::Other),
                    }
                }
                if alts.is_empty() {
                    Text::Empty
                } else {
                    Text::Fts(or(&alts))
                }
            }
            Query::Not(_)
            | Query::Source(_)
            | Query::Lang(_)
            | Query::Tag(_)
            | Query::Story(_)
            | Query::Note(_)
            | Query::Has(_)
            | Query::Date { .. } => Text::Other,
            Query::Scope(_) | Query::SkipForm(_) => Text::Empty,
        })
    }

    fn near(&mut self, items: &[Query], distance: u32) -> Result<Text> {
        let mut groups = Vec::new();
        for item in items {
            let alts = self.alternatives(item)?;
            if !alts.is_empty() {
                groups.push(alts);
            }
        }
        if groups.len() < 2 {
            return Ok(match groups.pop() {
                Some(alts) => {
                    self.record(&alts);
                    Text::Fts(or(&fts_of(&alts)))
                }
                None => Text::Empty,
            });
        }
        let combinations: usize = groups.iter().map(Vec::len).product();
        if combinations > MAX_NEAR_COMBINATIONS {
            // Too many word forms to pair up: keep each word as typed.
            for g in &mut groups {
                g.truncate(1);
            }
        }
        for g in &groups {
            self.record(g);
        }
        let groups: Vec<Vec<String>> = groups.iter().map(|g| fts_of(g)).collect();
        let mut combos: Vec<Vec<&str>> = vec![Vec::new()];
        for g in &groups {
            combos = combos
                .into_iter()
                .flat_map(|c| {
                    g.iter().map(move |alt| {
                        let mut c = c.clone();
                        c.push(alt.as_str());
                        c
                    })
                })
                .collect();
        }
        let nears: Vec<String> = combos
            .into_iter()
            .map(|c| format!("NEAR({}, {distance})", c.join(" ")))
            .collect();
        Ok(Text::Fts(or(&nears)))
    }
}
