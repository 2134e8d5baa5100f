//! The SQL conditions of a query over the `articles a` row: sources, tags,
//! languages, dates, notes, stories, and text under OR with a field. Every
//! value is a bound parameter; text becomes a MATCH over the index.

use rusqlite::types::Value;

use super::super::named::{matching_sources, matching_tags};
use super::super::query::{Has, Query};
use super::{Compiler, Text};
use crate::error::{Error, Result};

impl Compiler<'_> {
    pub(super) fn param(&mut self, v: Value) -> String {
        self.params.push(v);
        format!("?{}", self.params.len())
    }

    /// SQL condition for `q` over `a`; `None` when it holds for every article.
    pub(super) fn cond(&mut self, q: &Query) -> Result<Option<String>> {
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
            Query::Note(inner) => match self.negated(|c| c.text(inner))? {
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
            Query::Not(inner) => match self.negated(|c| c.cond(inner))? {
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
                // Every non-text query has its own arm above; an error, not a
                // panic, should a new kind of query forget one.
                Text::Other => {
                    return Err(Error::Internal(
                        "a query part reached the text compiler without text".into(),
                    ))
                }
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
