//! Merging one bundle line (an article with its tags and annotations) or one
//! header tag into a library, as described in `bundle`'s module docs. Every
//! value is checked first (`bundle_check`): a bundle is untrusted input.
//!
//! Articles are bound to their text: a line whose id is not the id its text
//! gets is refused, so a forged text can never squat a genuine article's id.
//! Annotations are bound to their article: an id already used locally on
//! another article is refused, and a span is only stored as valid when its
//! quote is really there in the stored text (else re-anchored or orphaned).

use rusqlite::{params, OptionalExtension, Transaction};
use serde::{Deserialize, Serialize};

use super::bundle_check::{self as check, shown};
use super::ExportArticle;
use crate::error::{Error, Result};
use crate::store::annotations::Annotation;
use crate::store::tags;
use crate::text::anchor::{self, Quote};

/// A tag as a bundle's header carries it.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct BundleTag {
    pub name: String,
    pub color: Option<String>,
    pub description: Option<String>,
    pub created_at: String,
    pub updated_at: String,
}

/// What merging a bundle did.
#[derive(Debug, Clone, Default, Serialize, PartialEq, Eq)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct MergeTotals {
    pub articles_added: u64,
    pub articles_known: u64,
    pub tags_added: u64,
    pub tags_updated: u64,
    pub annotations_added: u64,
    pub annotations_updated: u64,
    /// `path:line: reason` for every line that could not be used.
    pub failed: Vec<String>,
    pub cancelled: bool,
}

impl MergeTotals {
    pub(super) fn add(&mut self, line: &MergeTotals) {
        self.articles_added += line.articles_added;
        self.articles_known += line.articles_known;
        self.tags_added += line.tags_added;
        self.tags_updated += line.tags_updated;
        self.annotations_added += line.annotations_added;
        self.annotations_updated += line.annotations_updated;
    }
}

/// Character comparisons re-anchoring may spend on one line. Finding a quote
/// costs about text × quote comparisons (two passes) plus the bounded edit
/// distance search; a real article (4,000 characters, 50-character quotes)
/// spends ~0.6 M per annotation, so 400 M lets hundreds be re-anchored while
/// a hostile line of thousands of long quotes cannot hang the import.
const REANCHOR_BUDGET: u64 = 400_000_000;

fn invalid(msg: String) -> Error {
    Error::InvalidInput(msg)
}

pub(super) fn merge_tag(tx: &Transaction, t: &BundleTag, totals: &mut MergeTotals) -> Result<()> {
    let name = tags::normalize_name(&t.name)?;
    let color = tags::normalize_color(t.color.as_deref())?;
    check::optional_length(
        "the description",
        t.description.as_deref(),
        check::MAX_DESCRIPTION,
    )?;
    check::timestamp("created_at", &t.created_at)?;
    check::timestamp("updated_at", &t.updated_at)?;
    let local: Option<(i64, String)> = tx
        .query_row(
            "SELECT id, updated_at FROM tags WHERE key = ?1",
            [name.to_lowercase()],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .optional()?;
    match local {
        None => {
            tx.execute(
                "INSERT INTO tags (name, key, color, description, created_at, updated_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
                params![
                    name,
                    name.to_lowercase(),
                    color,
                    t.description,
                    t.created_at,
                    t.updated_at
                ],
            )?;
            totals.tags_added += 1;
        }
        Some((id, updated)) if t.updated_at > updated => {
            tx.execute(
                "UPDATE tags SET name = ?2, color = ?3, description = ?4, updated_at = ?5 WHERE id = ?1",
                params![id, name, color, t.description, t.updated_at],
            )?;
            totals.tags_updated += 1;
        }
        Some(_) => {}
    }
    Ok(())
}

/// The id of tag `name` (checked like a name the user types), created if
/// missing; a created tag is counted.
fn ensure_tag(tx: &Transaction, name: &str, totals: &mut MergeTotals) -> Result<i64> {
    let key = tags::normalize_name(name)?.to_lowercase();
    let known: Option<i64> = tx
        .query_row("SELECT id FROM tags WHERE key = ?1", [&key], |r| r.get(0))
        .optional()?;
    match known {
        Some(id) => Ok(id),
        None => {
            totals.tags_added += 1;
            tags::ensure(tx, name)
        }
    }
}

fn check_article(e: &ExportArticle) -> Result<()> {
    let a = &e.article;
    check::article_id(&a.id)?;
    if !matches!(a.language.as_str(), "uk" | "ru" | "other") {
        return Err(invalid(format!(
            "article {}: unknown language “{}”",
            a.id,
            shown(&a.language)
        )));
    }
    if a.title.trim().is_empty() || a.body.trim().is_empty() {
        return Err(invalid(format!("article {} has no title or text", a.id)));
    }
    if a.body.len() as u64 > crate::import::MAX_ARTICLE_BYTES {
        return Err(invalid(format!(
            "article {}: {}",
            a.id,
            crate::import::too_large(a.body.len() as u64).message
        )));
    }
    let field = |what: &str, v: Option<&str>, max: usize| {
        check::optional_length(what, v, max)
            .map_err(|err| invalid(format!("article {}: {err}", a.id)))
    };
    field("the title", Some(&a.title), check::MAX_TITLE)?;
    field("the source", a.source.as_deref(), check::MAX_SOURCE)?;
    field("the url", a.url.as_deref(), check::MAX_URL)?;
    field("the author", a.author.as_deref(), check::MAX_AUTHOR)?;
    field(
        "the origin path",
        Some(&a.origin.path),
        check::MAX_ORIGIN_PATH,
    )?;
    field(
        "the origin format",
        Some(&a.origin.format),
        check::MAX_SHORT,
    )?;
    field(
        "the encoding",
        a.origin.encoding.as_deref(),
        check::MAX_SHORT,
    )?;
    check::timestamp("imported_at", &a.imported_at)
        .map_err(|err| invalid(format!("article {}: {err}", a.id)))?;
    Ok(())
}

/// The article a line merges into: its internal id and its stored text.
struct Target {
    id: i64,
    body: String,
}

/// Finds the local article a line is about, by id and by text; refuses a
/// line whose id does not belong to its text.
fn find_local(tx: &Transaction, e: &ExportArticle, hash: &str) -> Result<Option<Target>> {
    let a = &e.article;
    let by_id: Option<(i64, String, String)> = tx
        .query_row(
            "SELECT id, content_hash, body FROM articles WHERE uid = ?1",
            [&a.id],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )
        .optional()?;
    if hash[..16] != a.id {
        // Only one such line is genuine: this library's own article whose
        // text was edited after import (it keeps its first id), exported by
        // an older Litopys. Its text is then exactly the stored one.
        return match by_id {
            Some((id, stored, body)) if stored == hash => Ok(Some(Target { id, body })),
            _ => Err(invalid(format!(
                "article id {} does not match its text (tampered or damaged)",
                a.id
            ))),
        };
    }
    if let Some((id, _, body)) = by_id {
        // The same article; if the local copy was edited since, it stays as
        // it is and the line's annotations are anchored in the local text.
        return Ok(Some(Target { id, body }));
    }
    // The same text under another id: a local article edited into this text.
    Ok(tx
        .query_row(
            "SELECT id, body FROM articles WHERE content_hash = ?1",
            [hash],
            |r| {
                Ok(Target {
                    id: r.get(0)?,
                    body: r.get(1)?,
                })
            },
        )
        .optional()?)
}

pub(super) fn merge_article(
    tx: &Transaction,
    e: &ExportArticle,
    totals: &mut MergeTotals,
) -> Result<()> {
    check_article(e)?;
    let a = &e.article;
    let published =
        match a.published_at.as_deref() {
            None => None,
            Some(p) => Some(crate::text::dates::normalize_date(p).ok_or_else(|| {
                invalid(format!("article {}: “{}” is not a date", a.id, shown(p)))
            })?),
        };
    let hash = check::content_hash(&a.body);
    let target = match find_local(tx, e, &hash)? {
        Some(t) => {
            tx.execute(
                "UPDATE articles SET source = coalesce(source, ?2), url = coalesce(url, ?3),
                        author = coalesce(author, ?4), published_at = coalesce(published_at, ?5)
                 WHERE id = ?1",
                params![t.id, a.source, a.url, a.author, published],
            )?;
            totals.articles_known += 1;
            t
        }
        None => {
            let id = crate::store::articles::insert_copy(tx, a, published.as_deref(), &hash)?;
            totals.articles_added += 1;
            Target {
                id,
                body: a.body.clone(),
            }
        }
    };
    crate::store::blocks::adopt_user_blocks(tx, target.id, &a.body, &e.blocks)?;
    for t in &e.tags {
        let tag =
            ensure_tag(tx, t, totals).map_err(|err| invalid(format!("article {}: {err}", a.id)))?;
        tx.execute(
            "INSERT INTO article_tags (tag_id, article_id) VALUES (?1, ?2) ON CONFLICT DO NOTHING",
            params![tag, target.id],
        )?;
    }
    let mut text = AnchorText {
        body: &target.body,
        chars: target.body.chars().collect(),
        budget: REANCHOR_BUDGET,
    };
    for n in &e.annotations {
        merge_annotation(tx, &a.id, target.id, &mut text, n, totals)?;
    }
    Ok(())
}

/// The stored text annotations are anchored in, with what re-anchoring may still spend.
struct AnchorText<'a> {
    body: &'a str,
    chars: Vec<char>,
    budget: u64,
}

/// Where an annotation is stored.
enum Place {
    /// A note on the whole article.
    Article,
    /// A span whose quote is at that place in the stored text.
    Span(usize, usize, Quote),
    /// A span that could not be found in the stored text: kept as given, marked orphaned.
    Orphaned(usize, usize),
}

fn place(text: &mut AnchorText, n: &Annotation) -> Result<Place> {
    let (s, e) = match (n.start, n.end) {
        (None, None) => return Ok(Place::Article),
        (Some(s), Some(e)) if s <= e && e <= i64::MAX as usize => (s, e),
        _ => {
            return Err(invalid(format!(
                "annotation {} has a broken span ({:?}..{:?})",
                n.id, n.start, n.end
            )))
        }
    };
    let len = text.chars.len();
    let there = e <= len
        && n.exact
            .as_deref()
            .is_none_or(|q| q.chars().eq(text.chars[s..e].iter().copied()));
    if there {
        return Ok(if n.orphaned {
            Place::Orphaned(s, e)
        } else {
            Place::Span(s, e, anchor::quote_at(&text.chars, s, e))
        });
    }
    let Some(exact) = n.exact.as_deref().filter(|q| !q.is_empty()) else {
        return Ok(Place::Orphaned(s, e));
    };
    let q = exact.chars().count() as u64;
    let cost = 2 * len as u64 * q.min(len as u64) + (len as u64 * q).min(20_000_000);
    if n.orphaned || cost > text.budget {
        return Ok(Place::Orphaned(s, e));
    }
    text.budget -= cost;
    let quote = Quote {
        exact: exact.to_owned(),
        prefix: n.prefix.clone().unwrap_or_default(),
        suffix: n.suffix.clone().unwrap_or_default(),
    };
    Ok(match anchor::reanchor(text.body, &quote, s) {
        Some((s, e, _)) => Place::Span(s, e, anchor::quote_at(&text.chars, s, e)),
        None => Place::Orphaned(s, e),
    })
}

fn check_annotation(line_article: &str, n: &Annotation) -> Result<()> {
    check::annotation_id(&n.id)?;
    if n.article != line_article {
        return Err(invalid(format!(
            "annotation {} names article “{}” but stands in the line of article {line_article}",
            n.id,
            shown(&n.article)
        )));
    }
    let field = |what: &str, v: Option<&str>, max: usize| {
        check::optional_length(what, v, max)
            .map_err(|err| invalid(format!("annotation {}: {err}", n.id)))
    };
    field("the note", Some(&n.note), check::MAX_NOTE)?;
    field("the quote", n.exact.as_deref(), check::MAX_QUOTE)?;
    field(
        "the quote's prefix",
        n.prefix.as_deref(),
        check::MAX_CONTEXT,
    )?;
    field(
        "the quote's suffix",
        n.suffix.as_deref(),
        check::MAX_CONTEXT,
    )?;
    for (what, t) in [("created_at", &n.created_at), ("updated_at", &n.updated_at)] {
        check::timestamp(what, t).map_err(|err| invalid(format!("annotation {}: {err}", n.id)))?;
    }
    Ok(())
}

fn merge_annotation(
    tx: &Transaction,
    line_article: &str,
    article: i64,
    text: &mut AnchorText,
    n: &Annotation,
    totals: &mut MergeTotals,
) -> Result<()> {
    check_annotation(line_article, n)?;
    let color = tags::normalize_color(n.color.as_deref())
        .map_err(|err| invalid(format!("annotation {}: {err}", n.id)))?;
    let local: Option<(i64, i64, String, String)> = tx
        .query_row(
            "SELECT n.id, n.article_id, a.uid, n.updated_at
             FROM annotations n JOIN articles a ON a.id = n.article_id WHERE n.uid = ?1",
            [&n.id],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)),
        )
        .optional()?;
    if let Some((_, owner, owner_uid, _)) = &local {
        if *owner != article {
            return Err(invalid(format!(
                "annotation {} belongs to article {owner_uid} in this library, not to article {line_article}",
                n.id
            )));
        }
    }
    if local.as_ref().is_some_and(|l| n.updated_at <= l.3) {
        return Ok(());
    }
    let (span, quote, orphaned) = match place(text, n)? {
        Place::Article => (None, None, n.orphaned),
        Place::Span(s, e, q) => (Some((s as i64, e as i64)), Some(q), n.orphaned),
        Place::Orphaned(s, e) => (Some((s as i64, e as i64)), None, true),
    };
    // An orphaned span keeps the quote it came with, to be re-attached later.
    let given = |v: &Option<String>| v.clone().filter(|_| span.is_some());
    let (exact, prefix, suffix) = match quote {
        Some(q) => (Some(q.exact), Some(q.prefix), Some(q.suffix)),
        None => (given(&n.exact), given(&n.prefix), given(&n.suffix)),
    };
    let values = params![
        n.id,
        article,
        span.map(|s| s.0),
        span.map(|s| s.1),
        exact,
        prefix,
        suffix,
        n.note,
        color,
        orphaned,
        n.created_at,
        n.updated_at
    ];
    let id = match local {
        None => {
            tx.execute(
                "INSERT INTO annotations (uid, article_id, span_start, span_end, exact, prefix, suffix,
                                          note, color, orphaned, created_at, updated_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)",
                values,
            )?;
            totals.annotations_added += 1;
            tx.last_insert_rowid()
        }
        Some((id, ..)) => {
            tx.execute(
                "UPDATE annotations SET span_start = ?3, span_end = ?4, exact = ?5, prefix = ?6,
                        suffix = ?7, note = ?8, color = ?9, orphaned = ?10, updated_at = ?12
                 WHERE uid = ?1 AND article_id = ?2",
                values,
            )?;
            tx.execute("DELETE FROM annotation_tags WHERE annotation_id = ?1", [id])?;
            totals.annotations_updated += 1;
            id
        }
    };
    for t in &n.tags {
        let tag = ensure_tag(tx, t, totals)
            .map_err(|err| invalid(format!("annotation {}: {err}", n.id)))?;
        tx.execute(
            "INSERT INTO annotation_tags (tag_id, annotation_id) VALUES (?1, ?2) ON CONFLICT DO NOTHING",
            params![tag, id],
        )?;
    }
    Ok(())
}
