//! Query tree → SQL. The words the user asked for become one FTS5 MATCH
//! expression (it ranks the hits and marks the snippets); everything else —
//! fields, dates, tags, and text under OR with a field — becomes SQL conditions
//! over the `articles a` row. Every user string reaches SQLite as a bound
//! parameter or inside a quoted FTS5 string we built.

use rusqlite::types::Value;
use rusqlite::Connection;

use super::query::{Has, Query, Scope};
use crate::error::{Error, Result};
use crate::store::fts::{query_stem_terms, stems};
use crate::text::analyze::tokens;
use crate::text::language::Language;
use crate::text::stem::{family, ADJECTIVE_MARK};

/// Most words one query may hold (each becomes up to five index terms).
pub const MAX_WORDS: usize = 256;
/// Most phrase combinations one NEAR group expands to before it keeps to exact forms.
const MAX_NEAR_COMBINATIONS: usize = 64;

/// A compiled query. `params[0]` is bound to `?1`, the MATCH expression (NULL when there is none).
#[derive(Debug, Clone)]
pub struct Plan {
    pub fts: Option<String>,
    /// SQL condition over `a`; `"1"` when the query has no conditions besides the MATCH.
    pub filter: String,
    pub params: Vec<Value>,
    /// The query has no words and its filter reads only `a.source`,
    /// `a.language` and the first 10 characters of `a.published_at`: its counts
    /// can come from `article_counts_view` instead of the articles.
    pub counts_only: bool,
    /// `filter` (the conditions besides the MATCH) reads only what
    /// `counts_only` allows, so it also runs over kept counts of matches.
    pub filter_on_counts: bool,
}

impl Plan {
    /// The matching articles, for the store to change (tag, untag).
    pub fn articles_where(&self) -> crate::store::tags::ArticlesWhere {
        crate::store::tags::ArticlesWhere {
            from_where: self.from_where(),
            params: self.params.clone(),
        }
    }

    /// `FROM … WHERE …` selecting the matching articles as `a` (and `articles_fts` when ranked).
    pub fn from_where(&self) -> String {
        match self.fts {
            Some(_) => format!(
                "articles_fts JOIN articles a ON a.id = articles_fts.rowid \
                 WHERE articles_fts MATCH ?1 AND ({})",
                self.filter
            ),
            None => format!("articles a WHERE ?1 IS NULL AND ({})", self.filter),
        }
    }
}

enum Text {
    /// No words at all (`*`, punctuation): ignored.
    Empty,
    Fts(String),
    /// Not expressible in FTS5 alone.
    Other,
}

struct Compiler<'c> {
    conn: &'c Connection,
    params: Vec<Value>,
    scope: Scope,
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
        Query::Source(_) | Query::Lang(_) | Query::Scope(_) => true,
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
        scope: q.scope(),
    };
    let conjuncts: Vec<&Query> = match q {
        Query::And(items) => items.iter().collect(),
        other => vec![other],
    };
    let (mut positive, mut negative, mut rest) = (Vec::new(), Vec::new(), Vec::new());
    for item in conjuncts {
        match c.text(item)? {
            Text::Empty => {}
            Text::Fts(e) => positive.push(e),
            Text::Other => match item {
                Query::Not(inner) => match c.text(inner)? {
                    Text::Fts(e) => negative.push((e, item)),
                    Text::Empty => {}
                    Text::Other => rest.push(item),
                },
                _ => rest.push(item),
            },
        }
    }
    // FTS5 can only subtract from something: without positive words, the
    // negated ones become SQL conditions.
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
    let filter = if conds.is_empty() {
        "1".to_owned()
    } else {
        conds.join(" AND ")
    };
    c.params[0] = fts.clone().map_or(Value::Null, Value::Text);
    Ok(Plan {
        counts_only: fts.is_none() && counts_only(q),
        filter_on_counts,
        fts,
        filter,
        params: c.params,
    })
}

fn quote(term: &str) -> String {
    format!("\"{}\"", term.replace('"', "\"\""))
}

fn and(items: &[String]) -> String {
    if items.len() == 1 {
        items[0].clone()
    } else {
        format!("({})", items.join(" AND "))
    }
}

fn or(items: &[String]) -> String {
    if items.len() == 1 {
        items[0].clone()
    } else {
        format!("({})", items.join(" OR "))
    }
}

/// The language whose stemmer a query word should use, from its letters alone.
fn word_language(term: &str) -> Language {
    if term.chars().any(|c| matches!(c, 'і' | 'ї' | 'є' | 'ґ')) {
        Language::Uk
    } else if term.chars().any(|c| matches!(c, 'ы' | 'э' | 'ъ')) {
        Language::Ru
    } else {
        Language::Other
    }
}

/// Index terms under which a word's forms are found: the word itself, its
/// stems as stem tokens, and the stems as words (a form that is its own stem
/// is indexed only as a word).
pub fn word_forms(term: &str) -> Vec<String> {
    word_forms_in(term, word_language(term))
}

/// [`word_forms`] with the word read as `lang` (`Other`: as either language).
pub fn word_forms_in(term: &str, lang: Language) -> Vec<String> {
    let mut out = vec![quote(term)];
    out.extend(query_stem_terms(term, lang).iter().map(|s| quote(s)));
    // A form that is its own stem is indexed only as a word: ask for the
    // stems as words too (an adjective's class is no noun's nominative).
    for s in stems(term, lang) {
        if !s.ends_with(ADJECTIVE_MARK) && family(&s) != term {
            out.push(quote(family(&s)));
        }
    }
    let mut seen = std::collections::HashSet::new();
    out.retain(|q| seen.insert(q.clone()));
    out
}

impl Compiler<'_> {
    fn terms(&mut self, text: &str) -> Result<Vec<String>> {
        Ok(tokens(text).into_iter().map(|t| t.term).collect())
    }

    /// Alternatives (each a phrase) for one NEAR item, or for a word.
    fn alternatives(&mut self, q: &Query) -> Result<Vec<String>> {
        Ok(match q {
            Query::Word(w) => match self.terms(w)?.as_slice() {
                [] => Vec::new(),
                [one] => word_forms(one),
                many => vec![phrase(many, false)],
            },
            Query::Phrase(p) => match self.terms(p)?.as_slice() {
                [] => Vec::new(),
                many => vec![phrase(many, false)],
            },
            Query::Prefix(p) => match self.terms(p)?.as_slice() {
                [] => Vec::new(),
                many => vec![phrase(many, true)],
            },
            _ => Vec::new(),
        })
    }

    fn text(&mut self, q: &Query) -> Result<Text> {
        Ok(match q {
            Query::Word(_) | Query::Phrase(_) | Query::Prefix(_) => {
                match self.alternatives(q)?.as_slice() {
                    [] => Text::Empty,
                    alts => Text::Fts(or(alts)),
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
                        (Text::Other, Query::Not(inner)) => match self.text(inner)? {
                            Text::Fts(e) => neg.push(e),
                            Text::Empty => {}
                            Text::Other => return Ok(Text::Other),
                        },
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
            Query::Scope(_) => Text::Empty,
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
                Some(alts) => Text::Fts(or(&alts)),
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

    fn param(&mut self, v: Value) -> String {
        self.params.push(v);
        format!("?{}", self.params.len())
    }

    /// SQL condition for `q` over `a`; `None` when it holds for every article.
    fn cond(&mut self, q: &Query) -> Result<Option<String>> {
        Ok(Some(match q {
            Query::Source(v) => {
                let sources = matching_sources(self.conn, v)?;
                self.in_list("a.source", sources.into_iter().map(Value::Text).collect())
            }
            // Tagged articles, and articles with a note carrying the tag: a tag
            // kept only on notes finds their articles too. Both lists share
            // the same bound values.
            Query::Tag(v) => {
                let ids = matching_tags(self.conn, v)?;
                if ids.is_empty() {
                    return Ok(Some("0".to_owned()));
                }
                let list = self.in_list("x.tag_id", ids.into_iter().map(Value::Integer).collect());
                format!(
                    "(a.id IN (SELECT x.article_id FROM article_tags x WHERE {list})
                      OR a.id IN (SELECT n.article_id FROM annotation_tags x
                                  JOIN annotations n ON n.id = x.annotation_id WHERE {list}))"
                )
            }
            Query::Lang(l) => format!("a.language = {}", self.param(Value::Text(l.clone()))),
            Query::Note(inner) => match self.text(inner)? {
                Text::Fts(e) => format!(
                    "a.id IN (SELECT n.article_id FROM annotations n WHERE n.id IN
                        (SELECT rowid FROM annotations_fts WHERE annotations_fts MATCH {}))",
                    self.param(Value::Text(e))
                ),
                _ => "a.id IN (SELECT article_id FROM annotations WHERE note <> '')".to_owned(),
            },
            Query::Has(Has::Annotation) => {
                "a.id IN (SELECT article_id FROM annotations)".to_owned()
            }
            Query::Has(Has::Tag) => "a.id IN (SELECT article_id FROM article_tags)".to_owned(),
            Query::Has(Has::Orphan) => {
                "a.id IN (SELECT article_id FROM annotations WHERE orphaned = 1)".to_owned()
            }
            // Stories are kept per article (store::stories), so these are lookups.
            Query::Has(Has::Story) => "a.id IN (SELECT article_id FROM story_members)".to_owned(),
            Query::Has(Has::Reprints) => {
                "a.id IN (SELECT article_id FROM story_members WHERE sources > 1)".to_owned()
            }
            Query::Has(Has::First) => {
                "a.id IN (SELECT article_id FROM story_members WHERE is_first = 1)".to_owned()
            }
            Query::Story(id) => {
                let p = self.param(Value::Text(id.clone()));
                format!(
                    "a.id IN (SELECT article_id FROM story_members WHERE story >= {p} AND story < {p} || 'g')"
                )
            }
            Query::Date { from, until } => {
                let mut parts = Vec::new();
                if let Some(f) = from {
                    parts.push(format!(
                        "a.published_at >= {}",
                        self.param(Value::Text(f.clone()))
                    ));
                }
                if let Some(u) = until {
                    parts.push(format!(
                        "a.published_at < {}",
                        self.param(Value::Text(u.clone()))
                    ));
                }
                format!("({})", parts.join(" AND "))
            }
            Query::And(items) => {
                let mut parts = Vec::new();
                for item in items {
                    if let Some(s) = self.cond(item)? {
                        parts.push(s);
                    }
                }
                if parts.is_empty() {
                    return Ok(None);
                }
                format!("({})", parts.join(" AND "))
            }
            Query::Or(items) => {
                let mark = self.params.len();
                let mut parts = Vec::new();
                for item in items {
                    match self.cond(item)? {
                        Some(s) => parts.push(s),
                        None => {
                            // Holds for everything: the conditions built so far go unused.
                            self.params.truncate(mark);
                            return Ok(None);
                        }
                    }
                }
                format!("({})", parts.join(" OR "))
            }
            // NULL (no source, no date) counts as "does not match", so its negation holds.
            Query::Not(inner) => match self.cond(inner)? {
                Some(s) => format!("NOT coalesce({s}, 0)"),
                None => return Ok(None),
            },
            text => match self.text(text)? {
                Text::Empty => return Ok(None),
                Text::Fts(e) => {
                    let e = self.scoped(e);
                    format!(
                        "a.id IN (SELECT rowid FROM articles_fts WHERE articles_fts MATCH {})",
                        self.param(Value::Text(e))
                    )
                }
                Text::Other => unreachable!("every non-text query has its own arm"),
            },
        }))
    }

    fn in_list(&mut self, column: &str, values: Vec<Value>) -> String {
        if values.is_empty() {
            return "0".to_owned();
        }
        let marks: Vec<String> = values.into_iter().map(|v| self.param(v)).collect();
        format!("{column} IN ({})", marks.join(", "))
    }
}

fn phrase(terms: &[String], prefix: bool) -> String {
    let quoted: Vec<String> = terms.iter().map(|t| quote(t)).collect();
    let mut p = quoted.join(" + ");
    if prefix {
        p.push_str(" *");
    }
    p
}

/// `*` in `pattern` stands for any run of characters; matching ignores case.
fn wildcard_match(pattern: &str, text: &str) -> bool {
    let parts: Vec<&str> = pattern.split('*').collect();
    let (first, last) = (parts[0], parts[parts.len() - 1]);
    if parts.len() == 1 {
        return text == pattern;
    }
    if !text.starts_with(first) || text.len() < first.len() + last.len() || !text.ends_with(last) {
        return false;
    }
    let mut rest = &text[first.len()..text.len() - last.len()];
    for mid in &parts[1..parts.len() - 1] {
        match rest.find(mid) {
            Some(i) => rest = &rest[i + mid.len()..],
            None => return false,
        }
    }
    true
}

/// Sources `value` names: the same name ignoring case, a run of whole labels of
/// a host (`lenta` and `lenta.ua` both name `www.lenta.ua`), or a `*` pattern.
fn matching_sources(conn: &Connection, value: &str) -> Result<Vec<String>> {
    let v = value.trim().to_lowercase();
    // Distinct values by skipping through the index, not by scanning every row.
    let mut stmt = conn.prepare_cached(
        "WITH RECURSIVE s(x) AS (
             SELECT min(source) FROM articles
             UNION ALL
             SELECT (SELECT min(source) FROM articles WHERE source > s.x) FROM s WHERE s.x IS NOT NULL)
         SELECT x FROM s WHERE x IS NOT NULL",
    )?;
    let all = stmt
        .query_map([], |r| r.get::<_, String>(0))?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(all
        .into_iter()
        .filter(|s| {
            let l = s.to_lowercase();
            if v.contains('*') {
                return wildcard_match(&v, &l);
            }
            l == v || format!(".{l}.").contains(&format!(".{v}."))
        })
        .collect())
}

/// Tags `value` names, with everything below them (`war` and `war/*` both take `war/diplomacy`).
fn matching_tags(conn: &Connection, value: &str) -> Result<Vec<i64>> {
    let v = value.trim().to_lowercase();
    let v = v.trim_end_matches("/*").trim_end_matches('/');
    let mut stmt = conn.prepare_cached("SELECT id, key FROM tags")?;
    let all = stmt
        .query_map([], |r| Ok((r.get::<_, i64>(0)?, r.get::<_, String>(1)?)))?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(all
        .into_iter()
        .filter(|(_, k)| {
            if v.contains('*') {
                wildcard_match(v, k)
            } else {
                k == v || k.starts_with(&format!("{v}/"))
            }
        })
        .map(|(id, _)| id)
        .collect())
}
