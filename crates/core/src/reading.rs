//! An article as a reader opens it: its text, tags, notes, lines with their
//! classes, and the words the current query matched. One assembly, used by
//! the app's reader and the CLI's `show`.

use rusqlite::Connection;
use serde::Serialize;

use crate::error::{Error, Result};
use crate::search::highlight::{self, Span};
use crate::store::annotations::{self, Annotation};
use crate::store::articles::{self, Article};
use crate::store::{blocks, tags};
use crate::text::blocks::Block;

/// An article with everything the reader shows.
#[derive(Debug, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct ArticleDetail {
    pub article: Article,
    pub tags: Vec<String>,
    pub annotations: Vec<Annotation>,
    /// Words of the current query in the body (code points).
    pub highlights: Vec<Span>,
    /// Words mixing Latin and Cyrillic letters in the body (code points).
    pub mixed_script: Vec<Span>,
    /// Every line of the body with its class: story, boilerplate or related headlines.
    pub blocks: Vec<Block>,
}

/// The article `id` with the words of `query` marked. A query that does not
/// parse (the user is still typing it) marks nothing; it is the search box's
/// to report.
pub fn article_detail(conn: &Connection, id: &str, query: &str) -> Result<ArticleDetail> {
    let article = articles::get(conn, id)?;
    let internal = tags::article_ids(conn, std::slice::from_ref(&article.id))?[0];
    let lines = blocks::of_article(conn, &article.id)?;
    let highlights = match crate::search::prepare(conn, query) {
        Ok(plan) => highlight::spans(&plan, &article.body, &lines),
        Err(Error::InvalidQuery(_)) => Vec::new(),
        Err(e) => return Err(e),
    };
    Ok(ArticleDetail {
        tags: tags::of_article(conn, internal)?,
        annotations: annotations::of_article(conn, internal)?,
        highlights,
        mixed_script: highlight::mixed_script(&article.body),
        blocks: lines,
        article,
    })
}
