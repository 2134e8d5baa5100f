//! Search over the library's full-text index. User text is analysed by us and
//! turned into an FTS5 expression of quoted terms; raw input never reaches FTS5.
//!
//! This is the first layer: every word must match, in any of its forms. The
//! full query language (phrases, prefixes, OR, NOT, fields, dates) builds on it.

use rusqlite::Connection;
use serde::Serialize;

use crate::error::Result;
use crate::store::fts::{stems, STEM_PREFIX};
use crate::text::analyze::tokens;
use crate::text::language::Language;

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

fn quote(term: &str) -> String {
    format!("\"{}\"", term.replace('"', "\"\""))
}

/// FTS5 expression requiring every word of `text` in some form; `None` when
/// the text has no words.
pub fn all_words_expression(text: &str) -> Option<String> {
    let parts: Vec<String> = tokens(text)
        .into_iter()
        .map(|t| {
            let mut alternatives = vec![quote(&t.term)];
            for s in stems(&t.term, word_language(&t.term)) {
                alternatives.push(quote(&format!("{STEM_PREFIX}{s}")));
                // Words that are their own stem are indexed only as words.
                if s != t.term {
                    alternatives.push(quote(&s));
                }
            }
            format!("({})", alternatives.join(" OR "))
        })
        .collect();
    (!parts.is_empty()).then(|| parts.join(" AND "))
}

#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Hit {
    pub id: String,
    pub title: String,
    pub score: f64,
}

/// Articles containing every word of `text` (any form), best first (BM25, title weighted 5x).
pub fn find_all_words(conn: &Connection, text: &str, limit: u32) -> Result<Vec<Hit>> {
    let Some(expr) = all_words_expression(text) else {
        return Ok(Vec::new());
    };
    let mut stmt = conn.prepare_cached(
        "SELECT a.uid, a.title, bm25(articles_fts, 5.0, 1.0) AS score
         FROM articles_fts JOIN articles a ON a.id = articles_fts.rowid
         WHERE articles_fts MATCH ?1 ORDER BY score LIMIT ?2",
    )?;
    let hits = stmt
        .query_map(rusqlite::params![expr, limit], |r| {
            Ok(Hit {
                id: r.get(0)?,
                title: r.get(1)?,
                score: -r.get::<_, f64>(2)?,
            })
        })?
        .collect::<rusqlite::Result<_>>()?;
    Ok(hits)
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Sort {
    #[default]
    Relevance,
    Newest,
    Oldest,
}

#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct SearchHit {
    pub id: String,
    pub title: String,
    pub source: Option<String>,
    pub published_at: Option<String>,
    pub language: String,
    /// Text around the matches, matched words between `[[` and `]]`.
    pub snippet: String,
    pub score: f64,
}

#[derive(Debug, Clone, Serialize, PartialEq, Default)]
pub struct Facets {
    pub source: std::collections::BTreeMap<String, i64>,
    pub language: std::collections::BTreeMap<String, i64>,
    pub year: std::collections::BTreeMap<String, i64>,
}

#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct SearchResults {
    pub total: i64,
    pub hits: Vec<SearchHit>,
    pub facets: Facets,
}

/// Articles with every word of `text` in any form (all articles when it has no
/// words), a page of hits with snippets, the total, and facet counts.
pub fn search(
    conn: &Connection,
    text: &str,
    sort: Sort,
    limit: u32,
    offset: u32,
) -> Result<SearchResults> {
    let expr = all_words_expression(text);
    // Everything below selects from `m`: the matching articles.
    let (from, snippet) = match &expr {
        Some(_) => (
            "articles_fts JOIN articles a ON a.id = articles_fts.rowid WHERE articles_fts MATCH ?1",
            "snippet(articles_fts, 1, '[[', ']]', '…', 24)",
        ),
        None => ("articles a WHERE ?1 IS NULL", "substr(a.body, 1, 200)"),
    };
    let score = if expr.is_some() {
        "-bm25(articles_fts, 5.0, 1.0)"
    } else {
        "0.0"
    };
    let order = match sort {
        Sort::Relevance if expr.is_some() => "score DESC, a.id DESC",
        Sort::Relevance | Sort::Newest => "a.published_at IS NULL, a.published_at DESC, a.id DESC",
        Sort::Oldest => "a.published_at IS NULL, a.published_at ASC, a.id ASC",
    };
    let sql = format!(
        "SELECT a.uid, a.title, a.source, a.published_at, a.language, {snippet}, {score} AS score
         FROM {from} ORDER BY {order} LIMIT ?2 OFFSET ?3"
    );
    let mut stmt = conn.prepare(&sql)?;
    let hits = stmt
        .query_map(rusqlite::params![expr, limit, offset], |r| {
            Ok(SearchHit {
                id: r.get(0)?,
                title: r.get(1)?,
                source: r.get(2)?,
                published_at: r.get(3)?,
                language: r.get(4)?,
                snippet: r.get(5)?,
                score: r.get(6)?,
            })
        })?
        .collect::<rusqlite::Result<_>>()?;
    let total: i64 = conn.query_row(&format!("SELECT count(*) FROM {from}"), [&expr], |r| {
        r.get(0)
    })?;
    let facet = |column: &str| {
        let sql = format!("SELECT {column}, count(*) FROM {from} GROUP BY 1");
        crate::store::articles::group_counts(conn, &sql, [&expr])
    };
    Ok(SearchResults {
        total,
        hits,
        facets: Facets {
            source: facet("a.source")?,
            language: facet("a.language")?,
            year: facet("substr(a.published_at, 1, 4)")?,
        },
    })
}
