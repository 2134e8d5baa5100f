//! W3C Web Annotation Data Model (JSON-LD): one `AnnotationCollection` whose
//! embedded `first` page lists every annotation of the selected articles.
//!
//! Each annotation targets its article — the article's URL when it has one,
//! otherwise `urn:litopys:article:<id>` — through a `TextQuoteSelector` (the
//! quote with its context) and a `TextPositionSelector` (code points into the
//! article's text, as the model counts them). A note on the whole article
//! targets the article itself; an orphaned annotation keeps only its quote
//! selector, its positions no longer being trustworthy. The note becomes a
//! `TextualBody` (`commenting`), each tag a `TextualBody` with purpose
//! `tagging`; without a note the motivation is `highlighting`.
//!
//! The document is streamed: annotations are written as their article is
//! read, and the total is counted in the database beforehand.

use std::io::Write;

use rusqlite::Connection;
use serde_json::{json, Map, Value};

use super::{write_err, ArticleStream, Context, ExportArticle};
use crate::error::{Error, Result};
use crate::store::annotations::Annotation;
use crate::text::language::{self, Language};

pub const CONTEXT: &str = "http://www.w3.org/ns/anno.jsonld";

/// Annotations of the articles `ids` (internal ids), counted in the database.
pub fn count_annotations(conn: &Connection, ids: &[i64]) -> Result<u64> {
    let mut total = 0u64;
    for chunk in ids.chunks(500) {
        let marks = vec!["?"; chunk.len()].join(",");
        let n: i64 = conn.query_row(
            &format!("SELECT count(*) FROM annotations WHERE article_id IN ({marks})"),
            rusqlite::params_from_iter(chunk),
            |r| r.get(0),
        )?;
        total += n as u64;
    }
    Ok(total)
}

/// The IRI an article is known by: its URL, or a Litopys URN.
pub fn article_iri(a: &ExportArticle) -> String {
    match a.article.url.as_deref().map(str::trim) {
        Some(u) if u.starts_with("http://") || u.starts_with("https://") => u.to_owned(),
        _ => format!("urn:litopys:article:{}", a.article.id),
    }
}

/// `urn:uuid:` for UUID-shaped ids; anything else is hashed into one.
pub fn uuid_urn(id: &str) -> String {
    format!("urn:uuid:{}", uuid_shaped(id))
}

/// `id` itself when it is a UUID (8-4-4-4-12 hex), else a UUID-shaped hash of it.
pub fn uuid_shaped(id: &str) -> String {
    let groups: Vec<&str> = id.split('-').collect();
    let is_uuid = groups.len() == 5
        && groups
            .iter()
            .zip([8, 4, 4, 4, 12])
            .all(|(g, n)| g.len() == n && g.chars().all(|c| c.is_ascii_hexdigit()));
    if is_uuid {
        return id.to_ascii_lowercase();
    }
    hashed_uuid(id)
}

/// A stable UUID-shaped (version 8, RFC 9562 variant) hash of `key`.
pub fn hashed_uuid(key: &str) -> String {
    let x = blake3::hash(key.as_bytes()).to_hex();
    format!(
        "{}-{}-8{}-a{}-{}",
        &x[0..8],
        &x[8..12],
        &x[13..16],
        &x[17..20],
        &x[20..32]
    )
}

fn annotation_json(a: &ExportArticle, n: &Annotation) -> Value {
    let mut body = Vec::new();
    let note = n.note.trim();
    if !note.is_empty() {
        let mut b = Map::new();
        b.insert("type".into(), "TextualBody".into());
        b.insert("value".into(), n.note.clone().into());
        b.insert("format".into(), "text/plain".into());
        match language::detect(&n.note) {
            Language::Other => {}
            l => {
                b.insert("language".into(), l.as_str().into());
            }
        }
        body.push(Value::Object(b));
    }
    for t in &n.tags {
        body.push(json!({"type": "TextualBody", "purpose": "tagging", "value": t}));
    }
    let source = article_iri(a);
    let target = match (n.start, n.end) {
        (Some(start), Some(end)) => {
            let mut selector = vec![json!({
                "type": "TextQuoteSelector",
                "exact": n.exact.clone().unwrap_or_else(|| slice(&a.article.body, start, end)),
                "prefix": n.prefix.clone().unwrap_or_default(),
                "suffix": n.suffix.clone().unwrap_or_default(),
            })];
            if !n.orphaned {
                selector.push(json!({"type": "TextPositionSelector", "start": start, "end": end}));
            }
            json!({"type": "SpecificResource", "source": source, "selector": selector})
        }
        _ => Value::String(source),
    };
    let mut o = Map::new();
    o.insert("id".into(), uuid_urn(&n.id).into());
    o.insert("type".into(), "Annotation".into());
    o.insert("created".into(), n.created_at.clone().into());
    o.insert("modified".into(), n.updated_at.clone().into());
    let motivation = if note.is_empty() {
        "highlighting"
    } else {
        "commenting"
    };
    o.insert("motivation".into(), motivation.into());
    if !body.is_empty() {
        o.insert("body".into(), Value::Array(body));
    }
    o.insert("target".into(), target);
    Value::Object(o)
}

/// Code points `start..end` of `text` (clamped).
pub(super) fn slice(text: &str, start: usize, end: usize) -> String {
    text.chars()
        .skip(start)
        .take(end.saturating_sub(start))
        .collect()
}

fn json_err(e: serde_json::Error) -> Error {
    if e.is_io() {
        write_err(e.into())
    } else {
        Error::WriteFailed(format!("cannot write the JSON-LD export: {e}"))
    }
}

pub fn write(ctx: &mut Context, stream: &mut ArticleStream, out: &mut dyn Write) -> Result<()> {
    let total = count_annotations(ctx.conn, ctx.ids)?;
    let collection = hashed_uuid(&format!(
        "collection\n{}\n{}\n{:?}",
        ctx.label,
        crate::store::now_rfc3339(),
        std::time::SystemTime::now()
    ));
    let label = format!("Litopys annotations — {}", ctx.label);
    // The head, with `first.items` left open to stream into.
    write!(
        out,
        "{{\n  \"@context\": {},\n  \"id\": {},\n  \"type\": \"AnnotationCollection\",\n  \
         \"label\": {},\n  \"total\": {total},\n  \"first\": {{\n    \"id\": {},\n    \
         \"type\": \"AnnotationPage\",\n    \"partOf\": {},\n    \"startIndex\": 0,\n    \"items\": [",
        json!(CONTEXT),
        json!(format!("urn:uuid:{collection}")),
        json!(label),
        json!(format!("urn:uuid:{}", hashed_uuid(&format!("{collection}/page/1")))),
        json!(format!("urn:uuid:{collection}")),
    )
    .map_err(write_err)?;
    let mut first = true;
    for item in stream {
        let a = item?;
        for n in &a.annotations {
            out.write_all(if first { b"\n      " } else { b",\n      " })
                .map_err(write_err)?;
            first = false;
            serde_json::to_writer(&mut *out, &annotation_json(&a, n)).map_err(json_err)?;
        }
        if !ctx.done(&a) {
            break;
        }
    }
    out.write_all(if first {
        b"]\n  }\n}\n"
    } else {
        b"\n    ]\n  }\n}\n"
    })
    .map_err(write_err)?;
    Ok(())
}
