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
