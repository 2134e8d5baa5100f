//! The items a team shares, each a kind and a key, and their payloads:
//! read from the library for a push, written into it by a pull. A payload
//! of `None` is a deletion (an untag, a removed note, a removed article).
//!
//! | kind | key | payload |
//! | --- | --- | --- |
//! | article | stable id | the article (core `Article`) |
//! | tag | lower-cased name | name, colour, description |
//! | article_tag | tag key ␟ article id | `{"tag": name}` |
//! | annotation | annotation id | the annotation (core `Annotation`) |
//! | block_class | article id ␟ line key | `{"class": ...}` |
//! | saved_search | name | `{"query": ...}` |
//!
//! The team database is shared by colleagues but still input: every
//! payload is checked as a bundle line would be; a bad one is refused.

use litopys_core::export::bundle_check as check;
use litopys_core::store::annotations::Annotation;
use litopys_core::store::{blocks, tags, Article};

use rusqlite::{params, Connection, OptionalExtension};
use serde::Deserialize;
use serde_json::{json, Value};

use crate::error::{Error, Result};

pub const SEP: char = '\u{1f}';

fn split(key: &str) -> Option<(&str, &str)> {
    key.split_once(SEP)
}

fn bad(kind: &str, key: &str, reason: impl Into<String>) -> Error {
    Error::BadChange {
        kind: kind.to_owned(),
        key: key.replace(SEP, "/"),
        reason: reason.into(),
    }
}

fn json_of<T: serde::Serialize>(v: &T) -> Result<Value> {
    serde_json::to_value(v).map_err(|e| Error::Server(e.to_string()))
}

/// The item's present state in the library, `None` when it is not there.
pub fn read(conn: &Connection, kind: &str, key: &str) -> Result<Option<Value>> {
    match kind {
        "article" => match litopys_core::store::articles::get(conn, key) {
            // `get` also takes a prefix: only the exact id is this item.
            Ok(a) if a.id == key => Ok(Some(json_of(&a)?)),
            Ok(_) | Err(litopys_core::Error::ArticleNotFound(_)) => Ok(None),
            Err(e) => Err(e.into()),
        },
        "tag" => Ok(conn
            .prepare_cached(
                "SELECT name, color, description, created_at, updated_at FROM tags WHERE key = ?1",
            )?
            .query_row([key], |r| {
                Ok(json!({"name": r.get::<_, String>(0)?, "color": r.get::<_, Option<String>>(1)?,
                          "description": r.get::<_, Option<String>>(2)?,
                          "created_at": r.get::<_, String>(3)?, "updated_at": r.get::<_, String>(4)?}))
            })
            .optional()?),
        "article_tag" => {
            let Some((tag, article)) = split(key) else {
                return Ok(None);
            };
            Ok(conn
                .prepare_cached(
                    "SELECT t.name FROM article_tags x JOIN tags t ON t.id = x.tag_id
                     JOIN articles a ON a.id = x.article_id WHERE t.key = ?1 AND a.uid = ?2",
                )?
                .query_row([tag, article], |r| Ok(json!({"tag": r.get::<_, String>(0)?})))
                .optional()?)
        }
        "annotation" => match litopys_core::store::annotations::get(conn, key) {
            Ok(n) => Ok(Some(json_of(&n)?)),
            Err(litopys_core::Error::AnnotationNotFound(_)) => Ok(None),
            Err(e) => Err(e.into()),
        },
        "block_class" => {
            let Some((article, text_key)) = split(key) else {
                return Ok(None);
            };
            let Ok(text_key) = text_key.parse::<i64>() else {
                return Ok(None);
            };
            Ok(conn
                .prepare_cached(
                    "SELECT o.class FROM block_overrides o JOIN articles a ON a.id = o.article_id
                     WHERE a.uid = ?1 AND o.text_key = ?2",
                )?
                .query_row(params![article, text_key], |r| {
                    Ok(json!({"class": r.get::<_, String>(0)?}))
                })
                .optional()?)
        }
        "saved_search" => Ok(conn
            .prepare_cached("SELECT query FROM saved_searches WHERE name = ?1")?
            .query_row([key], |r| Ok(json!({"query": r.get::<_, String>(0)?})))
            .optional()?),
        other => Err(bad(other, key, "unknown kind")),
    }
}

fn article_id(conn: &Connection, uid: &str) -> Result<Option<i64>> {
    Ok(conn
        .prepare_cached("SELECT id FROM articles WHERE uid = ?1")?
        .query_row([uid], |r| r.get(0))
        .optional()?)
}

fn field<'a>(v: &'a Value, name: &str, kind: &str, key: &str) -> Result<&'a str> {
    v.get(name)
        .and_then(Value::as_str)
        .ok_or_else(|| bad(kind, key, format!("no “{name}”")))
}

/// What applying a change did.
#[derive(Debug, PartialEq, Eq)]
pub enum Applied {
    Changed,
    /// Nothing to do (already so, or it refers to an article this library does not have).
    Unchanged,
}

/// Writes the item's state into the library (inside the pull's transaction).
pub fn apply(conn: &Connection, kind: &str, key: &str, payload: Option<&Value>) -> Result<Applied> {
    let changed = |n: usize| {
        if n > 0 {
            Applied::Changed
        } else {
            Applied::Unchanged
        }
    };
    match (kind, payload) {
        ("article", None) => Ok(changed(
            conn.execute("DELETE FROM articles WHERE uid = ?1", [key])?,
        )),
        ("article", Some(v)) => {
            let a = Article::deserialize(v).map_err(|e| bad(kind, key, e.to_string()))?;
            apply_article(conn, key, &a)
        }
        ("tag", None) => Ok(changed(
            conn.execute("DELETE FROM tags WHERE key = ?1", [key])?,
        )),
        ("tag", Some(v)) => {
            let name = tags::normalize_name(field(v, "name", kind, key)?)?;
            if name.to_lowercase() != key {
                return Err(bad(kind, key, "the name does not match the key"));
            }
            let color = tags::normalize_color(v.get("color").and_then(Value::as_str))?;
            let description = v.get("description").and_then(Value::as_str);
            check::optional_length("the description", description, check::MAX_DESCRIPTION)?;
            let created = field(v, "created_at", kind, key)?;
            let updated = field(v, "updated_at", kind, key)?;
            check::timestamp("created_at", created)?;
            check::timestamp("updated_at", updated)?;
            Ok(changed(conn.execute(
                "INSERT INTO tags (name, key, color, description, created_at, updated_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6)
                 ON CONFLICT (key) DO UPDATE SET name = excluded.name, color = excluded.color,
                    description = excluded.description, created_at = excluded.created_at,
                    updated_at = excluded.updated_at
                 WHERE (name, color, description, created_at, updated_at)
                    IS NOT (excluded.name, excluded.color, excluded.description,
                            excluded.created_at, excluded.updated_at)",
                params![name, key, color, description, created, updated],
            )?))
        }
        ("article_tag", _) => {
            let (tag, article) = split(key).ok_or_else(|| bad(kind, key, "broken key"))?;
            let Some(id) = article_id(conn, article)? else {
                return Ok(Applied::Unchanged);
            };
            match payload {
                None => Ok(changed(conn.execute(
                    "DELETE FROM article_tags WHERE article_id = ?1
                     AND tag_id = (SELECT id FROM tags WHERE key = ?2)",
                    params![id, tag],
                )?)),
                Some(v) => {
                    let name = field(v, "tag", kind, key)?;
                    if tags::normalize_name(name)?.to_lowercase() != tag {
                        return Err(bad(kind, key, "the tag name does not match the key"));
                    }
                    let tag_id = tags::ensure(conn, name)?;
                    Ok(changed(conn.execute(
                        "INSERT INTO article_tags (tag_id, article_id) VALUES (?1, ?2) ON CONFLICT DO NOTHING",
                        params![tag_id, id],
                    )?))
                }
            }
        }
        ("annotation", None) => Ok(changed(
            conn.execute("DELETE FROM annotations WHERE uid = ?1", [key])?,
        )),
        ("annotation", Some(v)) => {
            let n = Annotation::deserialize(v).map_err(|e| bad(kind, key, e.to_string()))?;
            apply_annotation(conn, key, &n)
        }
        ("block_class", _) => {
            let (article, text_key) = split(key).ok_or_else(|| bad(kind, key, "broken key"))?;
            let text_key: i64 = text_key
                .parse()
                .map_err(|_| bad(kind, key, "broken line key"))?;
            let Some(id) = article_id(conn, article)? else {
                return Ok(Applied::Unchanged);
            };
            let n = match payload {
                None => conn.execute(
                    "DELETE FROM block_overrides WHERE article_id = ?1 AND text_key = ?2",
                    params![id, text_key],
                )?,
                Some(v) => {
                    let class = field(v, "class", kind, key)?;
                    if !["story", "boilerplate", "related"].contains(&class) {
                        return Err(bad(kind, key, format!("unknown class “{class}”")));
                    }
                    conn.execute(
                        "INSERT INTO block_overrides (article_id, text_key, class, created_at)
                         VALUES (?1, ?2, ?3, ?4)
                         ON CONFLICT (article_id, text_key) DO UPDATE SET class = excluded.class
                         WHERE class IS NOT excluded.class",
                        params![id, text_key, class, litopys_core::store::now_rfc3339()],
                    )?
                }
            };
            if n > 0 {
                blocks::reclassify(conn, id)?;
            }
            Ok(changed(n))
        }
        ("saved_search", None) => Ok(changed(
            conn.execute("DELETE FROM saved_searches WHERE name = ?1", [key])?,
        )),
        ("saved_search", Some(v)) => {
            let query = field(v, "query", kind, key)?;
            check::length("the saved search", query, check::MAX_NOTE)?;
            if key.trim().is_empty() || key.chars().any(char::is_control) {
                return Err(bad(kind, key, "not a saved search name"));
            }
            let now = litopys_core::store::now_rfc3339();
            Ok(changed(conn.execute(
                "INSERT INTO saved_searches (name, query, created_at, updated_at) VALUES (?1, ?2, ?3, ?3)
                 ON CONFLICT (name) DO UPDATE SET query = excluded.query, updated_at = excluded.updated_at
                 WHERE query IS NOT excluded.query",
                params![key, query, now],
            )?))
        }
        (other, _) => Err(bad(other, key, "unknown kind")),
    }
}

fn apply_article(conn: &Connection, key: &str, a: &Article) -> Result<Applied> {
    let kind = "article";
    if a.id != key {
        return Err(bad(kind, key, "the article's id does not match the key"));
    }
    check::article_id(&a.id)?;
    check::length("the title", &a.title, check::MAX_TITLE)?;
    check::optional_length("the source", a.source.as_deref(), check::MAX_SOURCE)?;
    check::optional_length("the url", a.url.as_deref(), check::MAX_URL)?;
    check::optional_length("the author", a.author.as_deref(), check::MAX_AUTHOR)?;
    check::length("the origin", &a.origin.path, check::MAX_ORIGIN_PATH)?;
    if !["uk", "ru", "other"].contains(&a.language.as_str()) {
        return Err(bad(kind, key, format!("unknown language “{}”", a.language)));
    }
    if a.body.trim().is_empty() || a.body.len() as u64 > check::MAX_LINE_BYTES {
        return Err(bad(kind, key, "empty or oversized text"));
    }
    let hash = check::content_hash(&a.body);
    let local: Option<(i64, String)> = conn
        .prepare_cached("SELECT id, content_hash FROM articles WHERE uid = ?1")?
        .query_row([key], |r| Ok((r.get(0)?, r.get(1)?)))
        .optional()?;
    let same_text_elsewhere: Option<String> = conn
        .prepare_cached("SELECT uid FROM articles WHERE content_hash = ?1 AND uid <> ?2")?
        .query_row([&hash, key], |r| r.get(0))
        .optional()?;
    if let Some(other) = same_text_elsewhere {
        return Err(bad(
            kind,
            key,
            format!("article {other} here has the same text"),
        ));
    }
    let published = match a.published_at.as_deref() {
        None => None,
        Some(p) => Some(
            litopys_core::text::dates::normalize_date(p)
                .ok_or_else(|| bad(kind, key, "the publication date is not a date"))?,
        ),
    };
    let Some((id, local_hash)) = local else {
        litopys_core::store::articles::insert_copy(conn, a, published.as_deref(), &hash)?;
        return Ok(Applied::Changed);
    };
    let meta = conn.execute(
        "UPDATE articles SET title = ?2, source = ?3, url = ?4, author = ?5, published_at = ?6,
                             language = ?7
         WHERE id = ?1 AND (title, source, url, author, published_at, language)
                    IS NOT (?2, ?3, ?4, ?5, ?6, ?7)",
        params![id, a.title, a.source, a.url, a.author, published, a.language],
    )?;
    if local_hash == hash {
        return Ok(if meta > 0 {
            Applied::Changed
        } else {
            Applied::Unchanged
        });
    }
    conn.execute(
        "UPDATE articles SET body = ?2, content_hash = ?3, blocks = '' WHERE id = ?1",
        params![id, a.body, hash],
    )?;
    blocks::after_edit(conn, id)?;
    litopys_core::store::annotations::reanchor_article(conn, id, &a.body)?;
    Ok(Applied::Changed)
}

fn apply_annotation(conn: &Connection, key: &str, n: &Annotation) -> Result<Applied> {
    let kind = "annotation";
    if n.id != key {
        return Err(bad(kind, key, "the annotation's id does not match the key"));
    }
    check::annotation_id(&n.id)?;
    check::length("the note", &n.note, check::MAX_NOTE)?;
    let color = tags::normalize_color(n.color.as_deref())?;
    let Some((article, body)) = conn
        .prepare_cached("SELECT id, body FROM articles WHERE uid = ?1")?
        .query_row([&n.article], |r| {
            Ok((r.get::<_, i64>(0)?, r.get::<_, String>(1)?))
        })
        .optional()?
    else {
        return Ok(Applied::Unchanged);
    };
    let span = match (n.start, n.end) {
        (None, None) => None,
        (Some(s), Some(e)) if s <= e && e <= i64::MAX as usize => Some((s as i64, e as i64)),
        _ => return Err(bad(kind, key, "broken span")),
    };
    // A span is only valid where its quote is in this library's text.
    let len = body.chars().count();
    let orphaned = n.orphaned
        || span.is_some_and(|(s, e)| {
            let (s, e) = (s as usize, e as usize);
            e > len
                || n.exact
                    .as_deref()
                    .is_some_and(|q| !body.chars().skip(s).take(e - s).eq(q.chars()))
        });
    let current = litopys_core::store::annotations::get(conn, key).ok();
    if current.as_ref().is_some_and(|c| {
        c.article == n.article
            && c.start == n.start
            && c.end == n.end
            && c.note == n.note
            && c.color == color
            && c.orphaned == orphaned
            && c.tags == n.tags
    }) {
        return Ok(Applied::Unchanged);
    }
    let id: i64 = conn.query_row(
        "INSERT INTO annotations (uid, article_id, span_start, span_end, exact, prefix, suffix,
                                  note, color, orphaned, created_at, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)
         ON CONFLICT (uid) DO UPDATE SET article_id = excluded.article_id,
            span_start = excluded.span_start, span_end = excluded.span_end, exact = excluded.exact,
            prefix = excluded.prefix, suffix = excluded.suffix, note = excluded.note,
            color = excluded.color, orphaned = excluded.orphaned, updated_at = excluded.updated_at
         RETURNING id",
        params![
            n.id,
            article,
            span.map(|s| s.0),
            span.map(|s| s.1),
            n.exact,
            n.prefix,
            n.suffix,
            n.note,
            color,
            orphaned,
            n.created_at,
            n.updated_at
        ],
        |r| r.get(0),
    )?;
    conn.execute("DELETE FROM annotation_tags WHERE annotation_id = ?1", [id])?;
    for t in &n.tags {
        let tag = tags::ensure(conn, t)?;
        conn.execute(
            "INSERT INTO annotation_tags (tag_id, annotation_id) VALUES (?1, ?2) ON CONFLICT DO NOTHING",
            params![tag, id],
        )?;
    }
    Ok(Applied::Changed)
}

/// Every item the library holds, by `kind key`, with its payload: what a
/// team shares. Two synced libraries have equal snapshots.
pub fn snapshot(conn: &Connection) -> Result<std::collections::BTreeMap<String, Value>> {
    let keys: Vec<(String, String)> = conn
        .prepare(
            "SELECT 'tag', key FROM tags
             UNION ALL SELECT 'saved_search', name FROM saved_searches
             UNION ALL SELECT 'article', uid FROM articles
             UNION ALL SELECT 'article_tag', t.key || char(31) || a.uid
                 FROM article_tags x JOIN tags t ON t.id = x.tag_id JOIN articles a ON a.id = x.article_id
             UNION ALL SELECT 'annotation', uid FROM annotations
             UNION ALL SELECT 'block_class', a.uid || char(31) || o.text_key
                 FROM block_overrides o JOIN articles a ON a.id = o.article_id",
        )?
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<rusqlite::Result<_>>()?;
    let mut out = std::collections::BTreeMap::new();
    for (kind, key) in keys {
        if let Some(v) = read(conn, &kind, &key)? {
            out.insert(format!("{kind} {}", key.replace(SEP, "/")), v);
        }
    }
    Ok(out)
}
