//! The query language, parsed by us into a tree; raw input never reaches FTS5.
//!
//! ```text
//! words                 every word, in any form      переговори Женева
//! "exact phrase"        these forms, in this order   "мирні переговори"   (also «…», “…”)
//! prefix*               words starting so            перегов*
//! a OR b                either                       Женева OR Стамбул
//! -word, NOT word       without                      Лавров -Орбан
//! ( … )                 grouping                     (Женева OR Стамбул) переговори
//! NEAR(a b, 5)          within 5 words               NEAR(Лавров ультиматум, 10)
//! title:x               in the title                 title:Лавров, title:"…", title:(a OR b)
//! source:x              source (host or name)        source:lenta.ua, source:lenta*
//! lang:uk|ru|other      language
//! tag:x                 tagged x or below x          tag:war, tag:war/*
//! note:x                in an annotation's note      note:перевірити, note:"…"
//! has:x                 annotation|note|tag|orphan   has:annotation
//! has:reprints          in a story with another source (reprinted, or a reprint)
//! has:story             shares its text with another article (any source)
//! story:ID              the articles of one story (id as `litopys stories` lists it)
//! is:first              the first publisher of its story
//! in:all, in:story      search the whole text, or only the story (the default;
//!                       prompts, credits and lists of other headlines left out)
//! skip:form             this word form is no match for any query word
//!                       (переговори skip:переговорам); the app's forms list writes it
//! after:D, before:D     published on/after D, before D (D = 2022, 2022-03 or 2022-03-15)
//! date:D, date:D1..D2   published within D, or from D1 through D2 (either end may be left open)
//! ```
//!
//! Parsing never fails on shape: unbalanced quotes and parentheses are closed at
//! the end, lone operators are ignored. Only meaning can fail (an unknown
//! language, a malformed date, nesting deeper than [`MAX_DEPTH`]), with a
//! message for the user.

use super::lex::{lex, Field, Tok};
use crate::error::{Error, Result};
use crate::text::analyze::tokens;
use crate::text::dates::{format_period, parse_period, period_end, Period};
use crate::text::language::Language;

/// Deepest nesting of parentheses and negations accepted.
pub const MAX_DEPTH: usize = 32;

#[derive(Debug, Clone, PartialEq)]
pub enum Query {
    /// A word in any of its forms (may analyse to several words or none).
    Word(String),
    /// Words starting with this text.
    Prefix(String),
    /// These exact forms in this order.
    Phrase(String),
    /// Words or phrases within `distance` words of each other.
    Near {
        items: Vec<Query>,
        distance: u32,
    },
    Title(Box<Query>),
    Source(String),
    Lang(String),
    Tag(String),
    /// The articles of a story (its id, or a prefix of at least 4 hex digits).
    Story(String),
    /// Words in an annotation's note or quote.
    Note(Box<Query>),
    /// Articles with some annotation, tag, or orphaned annotation.
    Has(Has),
    /// Which part of the text words are searched in (anywhere in the query).
    Scope(Scope),
    /// A word form (normalised) that counts as no match of any query word,
    /// anywhere in the query: `переговори skip:переговорам`.
    SkipForm(String),
    /// Published in `[from, until)`; each is a `YYYY[-MM[-DD]]` bound.
    Date {
        from: Option<String>,
        until: Option<String>,
    },
    And(Vec<Query>),
    Or(Vec<Query>),
    Not(Box<Query>),
}

/// Where words are searched: the story alone (default) or the whole text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Scope {
    #[default]
    Story,
    All,
}

impl Query {
    /// `in:all` anywhere in the query widens every word to the whole text.
    pub fn scope(&self) -> Scope {
        match self {
            Query::Scope(s) => *s,
            Query::And(items) | Query::Or(items) | Query::Near { items, .. } => {
                if items.iter().any(|i| i.scope() == Scope::All) {
                    Scope::All
                } else {
                    Scope::Story
                }
            }
            Query::Not(inner) | Query::Title(inner) => inner.scope(),
            _ => Scope::Story,
        }
    }

    /// The language a `lang:` beside the query's words keeps every article to
    /// (`мать lang:ru`): the words are read in that language alone, as the
    /// articles' own words were indexed. `Other` when no single `lang:` applies
    /// to the whole query (none, one under OR or NOT, two different ones).
    pub fn articles_language(&self) -> Language {
        let items = match self {
            Query::And(items) => items.as_slice(),
            other => std::slice::from_ref(other),
        };
        let mut named = items.iter().filter_map(|i| match i {
            Query::Lang(l) => Some(l.as_str()),
            _ => None,
        });
        let Some(first) = named.next() else {
            return Language::Other;
        };
        if named.any(|l| l != first) {
            return Language::Other;
        }
        match first {
            "uk" => Language::Uk,
            "ru" => Language::Ru,
            _ => Language::Other,
        }
    }

    /// The forms `skip:` drops, from anywhere in the query, normalised as indexed.
    pub fn skipped_forms(&self) -> std::collections::HashSet<String> {
        let mut out = std::collections::HashSet::new();
        self.collect_skipped(&mut out);
        out
    }

    fn collect_skipped(&self, out: &mut std::collections::HashSet<String>) {
        match self {
            Query::SkipForm(f) => {
                out.insert(f.clone());
            }
            Query::And(items) | Query::Or(items) | Query::Near { items, .. } => {
                for i in items {
                    i.collect_skipped(out);
                }
            }
            Query::Not(inner) | Query::Title(inner) => inner.collect_skipped(out),
            _ => {}
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Has {
    Annotation,
    Tag,
    Orphan,
    /// In a story with more than one source.
    Reprints,
    /// In a story (shares its text with another article).
    Story,
    /// The first publisher of its story (`is:first`).
    First,
}

impl Query {
    /// The query that matches everything.
    pub fn all() -> Query {
        Query::And(Vec::new())
    }
}

struct Parser {
    toks: Vec<Tok>,
    pos: usize,
    depth: usize,
}

/// Parses `input` into a query tree.
pub fn parse(input: &str) -> Result<Query> {
    let mut p = Parser {
        toks: lex(input),
        pos: 0,
        depth: 0,
    };
    let mut parts = Vec::new();
    while p.pos < p.toks.len() {
        // A stray `)` at the top level is ignored.
        if p.peek() == Some(&Tok::Close) {
            p.pos += 1;
            continue;
        }
        parts.push(p.or()?);
    }
    Ok(simplify(Query::And(parts)))
}

impl Parser {
    fn peek(&self) -> Option<&Tok> {
        self.toks.get(self.pos)
    }

    fn next(&mut self) -> Option<Tok> {
        let t = self.toks.get(self.pos).cloned();
        self.pos += 1;
        t
    }

    fn or(&mut self) -> Result<Query> {
        let mut items = vec![self.and()?];
        while self.peek() == Some(&Tok::Or) {
            self.pos += 1;
            items.push(self.and()?);
        }
        // `a OR` and `OR b`: an empty side is no alternative.
        items.retain(|q| *q != Query::all());
        Ok(match items.len() {
            0 => Query::all(),
            1 => items.remove(0),
            _ => Query::Or(items),
        })
    }

    fn and(&mut self) -> Result<Query> {
        let mut items = Vec::new();
        loop {
            match self.peek() {
                None | Some(Tok::Close) | Some(Tok::Or) => break,
                Some(Tok::And) => self.pos += 1,
                _ => {
                    if let Some(q) = self.unary()? {
                        items.push(q);
                    }
                }
            }
        }
        Ok(Query::And(items))
    }

    fn enter(&mut self) -> Result<()> {
        self.depth += 1;
        if self.depth > MAX_DEPTH {
            return Err(Error::InvalidQuery(format!(
                "the query nests parentheses or negations more than {MAX_DEPTH} levels deep"
            )));
        }
        Ok(())
    }

    fn unary(&mut self) -> Result<Option<Query>> {
        match self.next() {
            Some(Tok::Minus) | Some(Tok::Not) => {
                self.enter()?;
                let inner = self.unary()?;
                self.depth -= 1;
                Ok(inner.map(|q| Query::Not(Box::new(q))))
            }
            Some(Tok::Open) => Ok(Some(self.group()?)),
            Some(Tok::Phrase(p)) => Ok(Some(Query::Phrase(p))),
            Some(Tok::Word(w)) => Ok(Some(word(w))),
            Some(Tok::Near) => Ok(Some(self.near()?)),
            Some(Tok::Field(f)) => self.field(f),
            // A lone `AND`/`OR` in term position, or the end: nothing.
            _ => Ok(None),
        }
    }

    fn group(&mut self) -> Result<Query> {
        self.enter()?;
        let q = self.or()?;
        if self.peek() == Some(&Tok::Close) {
            self.pos += 1;
        }
        self.depth -= 1;
        Ok(q)
    }

    fn near(&mut self) -> Result<Query> {
        self.pos += 1; // the `(` the lexer saw after NEAR
        let mut items = Vec::new();
        let mut distance = None;
        let mut after_comma = false;
        while let Some(t) = self.next() {
            match t {
                Tok::Close => break,
                Tok::Phrase(p) => items.push(Query::Phrase(p)),
                Tok::Word(w) => {
                    // `a b, 5` / `a b,5`: a number after the comma is the distance.
                    for (k, piece) in w.split(',').enumerate() {
                        after_comma |= k > 0;
                        if piece.is_empty() {
                            continue;
                        }
                        match piece.parse::<u32>() {
                            Ok(n) if after_comma => distance = Some(n),
                            _ => items.push(word(piece.to_owned())),
                        }
                    }
                }
                _ => {}
            }
        }
        Ok(Query::Near {
            items,
            distance: distance.unwrap_or(10).min(1000),
        })
    }

    fn field(&mut self, f: Field) -> Result<Option<Query>> {
        let value = match self.peek() {
            Some(Tok::Word(_)) | Some(Tok::Phrase(_)) => match self.next() {
                Some(Tok::Word(w)) | Some(Tok::Phrase(w)) => w,
                _ => unreachable!("peeked a word or phrase"),
            },
            Some(Tok::Open) if f == Field::Title => {
                self.pos += 1;
                return Ok(Some(Query::Title(Box::new(self.group()?))));
            }
            // `title:` with nothing after it searches nothing extra.
            _ => return Ok(None),
        };
        let was_phrase = matches!(self.toks.get(self.pos - 1), Some(Tok::Phrase(_)));
        Ok(Some(match f {
            Field::Title if was_phrase => Query::Title(Box::new(Query::Phrase(value))),
            Field::Title => Query::Title(Box::new(word(value))),
            Field::Source => Query::Source(value),
            Field::Tag => Query::Tag(value),
            Field::Note if was_phrase => Query::Note(Box::new(Query::Phrase(value))),
            Field::Note => Query::Note(Box::new(word(value))),
            Field::Has => Query::Has(match value.to_lowercase().as_str() {
                "annotation" | "annotations" | "note" | "notes" | "анотація" | "нотатка" => {
                    Has::Annotation
                }
                "tag" | "tags" | "тег" => Has::Tag,
                "orphan" | "orphaned" => Has::Orphan,
                "reprints" | "reprint" | "передруки" => Has::Reprints,
                "story" | "stories" | "сюжет" => Has::Story,
                _ => {
                    return Err(Error::InvalidQuery(format!(
                        "has: takes annotation, tag, orphan, reprints or story, not “{value}”"
                    )))
                }
            }),
            Field::Is => match value.to_lowercase().as_str() {
                "first" | "перший" => Query::Has(Has::First),
                _ => {
                    return Err(Error::InvalidQuery(format!(
                        "is: takes first (the first publisher of its story), not “{value}”"
                    )))
                }
            },
            Field::Story => Query::Story(story_id(&value)?),
            Field::In => Query::Scope(match value.to_lowercase().as_str() {
                "all" | "everything" | "text" | "все" | "усе" | "всьому" => Scope::All,
                "story" | "історія" | "статті" | "стаття" => Scope::Story,
                _ => {
                    return Err(Error::InvalidQuery(format!(
                    "in: takes all (the whole text) or story (without boilerplate), not “{value}”"
                )))
                }
            }),
            Field::Skip => Query::SkipForm(skipped_form(&value)?),
            Field::Lang => Query::Lang(language(&value)?),
            Field::After => Query::Date {
                from: Some(date_bound(&value, "after")?),
                until: None,
            },
            Field::Before => Query::Date {
                from: None,
                until: Some(date_bound(&value, "before")?),
            },
            Field::Date => date_range(&value)?,
        }))
    }
}

/// A story id or a prefix of one: 4 to 16 hex digits.
fn story_id(value: &str) -> Result<String> {
    let v = value.trim().to_ascii_lowercase();
    if (4..=16).contains(&v.len()) && v.chars().all(|c| c.is_ascii_hexdigit()) {
        return Ok(v);
    }
    let shown: String = value.chars().take(40).collect();
    Err(Error::InvalidQuery(format!(
        "story: takes a story id (16 hex digits, as `litopys stories` lists them), not “{shown}”"
    )))
}

/// The one word form `skip:` names, normalised as the index holds it.
fn skipped_form(value: &str) -> Result<String> {
    let mut terms = tokens(value).into_iter().map(|t| t.term);
    match (terms.next(), terms.next()) {
        (Some(form), None) => Ok(form),
        _ => {
            let shown: String = value.chars().take(40).collect();
            Err(Error::InvalidQuery(format!(
                "skip: takes one word form (skip:переговорам), not “{shown}”"
            )))
        }
    }
}

fn word(w: String) -> Query {
    match w.strip_suffix('*') {
        Some(p) => Query::Prefix(p.trim_end_matches('*').to_owned()),
        None => Query::Word(w),
    }
}

fn language(value: &str) -> Result<String> {
    Ok(match value.to_lowercase().as_str() {
        "uk" | "ua" | "ukr" | "ukrainian" | "українська" | "укр" => "uk",
        "ru" | "rus" | "russian" | "російська" | "русский" | "рос" => "ru",
        "other" | "інша" | "інші" => "other",
        _ => {
            return Err(Error::InvalidQuery(format!(
                "lang: takes uk, ru or other, not “{value}”"
            )))
        }
    }
    .to_owned())
}

fn bad_date(field: &str, value: &str) -> Error {
    Error::InvalidQuery(format!(
        "{field}: takes a date like 2022-03-15, 2022-03 or 2022, not “{value}”"
    ))
}

/// `after:D` includes D; `before:D` excludes it.
fn date_bound(value: &str, field: &str) -> Result<String> {
    let (y, m, d) = parse_period(value).ok_or_else(|| bad_date(field, value))?;
    Ok(format_period(y, m, d))
}

fn date_range(value: &str) -> Result<Query> {
    let (from, to) = value.split_once("..").unwrap_or((value, value));
    let bound = |v: &str| -> Result<Option<Period>> {
        if v.is_empty() {
            return Ok(None);
        }
        parse_period(v)
            .map(Some)
            .ok_or_else(|| bad_date("date", value))
    };
    let (from, to) = (bound(from)?, bound(to)?);
    if from.is_none() && to.is_none() {
        return Err(bad_date("date", value));
    }
    Ok(Query::Date {
        from: from.map(|(y, m, d)| format_period(y, m, d)),
        until: to.map(|(y, m, d)| period_end(y, m, d)),
    })
}

/// Flattens nested `And`/`Or` of one kind and unwraps single-child groups.
fn simplify(q: Query) -> Query {
    match q {
        Query::And(items) | Query::Or(items) if items.len() == 1 => {
            simplify(items.into_iter().next().unwrap_or_else(Query::all))
        }
        Query::And(items) => {
            let mut out = Vec::new();
            for i in items.into_iter().map(simplify) {
                match i {
                    Query::And(inner) => out.extend(inner),
                    other => out.push(other),
                }
            }
            if out.len() == 1 {
                out.remove(0)
            } else {
                Query::And(out)
            }
        }
        Query::Or(items) => Query::Or(items.into_iter().map(simplify).collect()),
        Query::Not(inner) => Query::Not(Box::new(simplify(*inner))),
        Query::Title(inner) => Query::Title(Box::new(simplify(*inner))),
        other => other,
    }
}
