//! A REFI-QDA project (`.qdpx`): a zip holding `project.qde` (QDA-XML,
//! namespace `urn:QDA-XML:project:1.0`) and every article's text as
//! `Sources/<guid>.txt`, for QDA software such as ATLAS.ti, MAXQDA, NVivo or
//! QualCoder.
//!
//! - Users: one user, “Litopys”.
//! - CodeBook: a code per tag, nested by tag path (`war/diplomacy` is the code
//!   `diplomacy` inside `war`), with the tag's colour and description. GUIDs
//!   are derived from the tag name, so every export gives a tag the same code.
//! - Sources: a `TextSource` per article (name = title) whose plain text is
//!   the article's text, byte for byte. Each annotation on a span becomes a
//!   `PlainTextSelection` — positions in characters (code points), as REFI-QDA
//!   counts — with the note as its description and a coding per tag; the
//!   article's own tags code a selection of the whole text.
//! - Notes: notes on a whole article, and orphaned annotations (their quote is
//!   no longer found, so their positions are not trustworthy), become project
//!   notes referenced from their article.
//!
//! Texts are written into the zip as articles stream by; the XML of the
//! sources (a few hundred bytes an article, not the texts) is kept until the
//! end, when `project.qde` is written.

use std::collections::{BTreeMap, BTreeSet};
use std::fs::File;
use std::io::{BufWriter, Write};

use ::zip::ZipWriter;

use super::w3c::{hashed_uuid, slice, uuid_shaped};
use super::zip::{file_options, zip_err};
use super::{write_err, ArticleStream, Context, ExportArticle};
use crate::error::Result;
use crate::store::annotations::Annotation;
use crate::store::tags::Tag;

pub const NAMESPACE: &str = "urn:QDA-XML:project:1.0";
pub const PROJECT_FILE: &str = "project.qde";

/// The code GUID of a tag (by name, ignoring case).
pub fn code_guid(tag: &str) -> String {
    hashed_uuid(&format!("litopys:tag:{}", tag.to_lowercase()))
}

/// The source GUID of an article (by stable id).
pub fn source_guid(article_id: &str) -> String {
    hashed_uuid(&format!("litopys:article:{article_id}"))
}

/// Text or attribute value for XML: escaped, characters XML 1.0 forbids dropped.
fn x(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 16);
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            '\n' => out.push_str("&#10;"),
            '\r' => out.push_str("&#13;"),
            '\t' => out.push_str("&#9;"),
            c if (c as u32) < 0x20 || c == '\u{FFFE}' || c == '\u{FFFF}' => {}
            c => out.push(c),
        }
    }
    out
}

/// ` name="value"` when `value` is an RFC 3339 date-time (xsd:dateTime).
fn date_attr(name: &str, value: &str) -> String {
    let rfc3339 = &time::format_description::well_known::Rfc3339;
    if time::OffsetDateTime::parse(value, rfc3339).is_ok() {
        format!(" {name}=\"{}\"", x(value))
    } else {
        String::new()
    }
}

/// `<Code>` elements for the tags, nested by path; missing ancestors are added.
fn codebook(tags: &[Tag]) -> String {
    let by_key: BTreeMap<String, &Tag> = tags.iter().map(|t| (t.name.to_lowercase(), t)).collect();
    let mut keys = BTreeSet::new();
    let mut names = BTreeMap::new();
    for t in tags {
        let segments: Vec<&str> = t.name.split('/').collect();
        for i in 1..=segments.len() {
            let name = segments[..i].join("/");
            keys.insert(name.to_lowercase());
            names.entry(name.to_lowercase()).or_insert(name);
        }
    }
    fn code(
        key: &str,
        keys: &BTreeSet<String>,
        by_key: &BTreeMap<String, &Tag>,
        names: &BTreeMap<String, String>,
        out: &mut String,
    ) {
        let name = names.get(key).map_or(key, String::as_str);
        let tag = by_key.get(key);
        let short = name.rsplit('/').next().unwrap_or(name);
        out.push_str(&format!(
            "<Code guid=\"{}\" name=\"{}\" isCodable=\"true\"",
            code_guid(key),
            x(short)
        ));
        if let Some(c) = tag.and_then(|t| t.color.as_deref()).filter(|c| {
            c.len() == 7 && c.starts_with('#') && c[1..].chars().all(|h| h.is_ascii_hexdigit())
        }) {
            out.push_str(&format!(" color=\"{c}\""));
        }
        out.push('>');
        if let Some(d) = tag
            .and_then(|t| t.description.as_deref())
            .filter(|d| !d.trim().is_empty())
        {
            out.push_str(&format!("<Description>{}</Description>", x(d)));
        }
        let prefix = format!("{key}/");
        for child in keys.iter().filter(|k| {
            k.strip_prefix(&prefix)
                .is_some_and(|rest| !rest.contains('/'))
        }) {
            code(child, keys, by_key, names, out);
        }
        out.push_str("</Code>\n");
    }
    let mut out = String::new();
    for top in keys.iter().filter(|k| !k.contains('/')) {
        code(top, &keys, &by_key, &names, &mut out);
    }
    out
}

fn codings(selection: &str, tags: &[String], user: &str) -> String {
    let mut seen = BTreeSet::new();
    tags.iter()
        .filter(|t| seen.insert(t.to_lowercase()))
        .map(|t| {
            format!(
                "<Coding guid=\"{}\" creatingUser=\"{user}\"><CodeRef targetGUID=\"{}\"/></Coding>",
                hashed_uuid(&format!("litopys:coding:{selection}:{}", t.to_lowercase())),
                code_guid(t)
            )
        })
        .collect()
}

/// A short name for a selection: the start of its quote.
fn short(s: &str) -> String {
    let one: String = s.split_whitespace().collect::<Vec<_>>().join(" ");
    if one.chars().count() > 60 {
        format!("{}…", one.chars().take(60).collect::<String>())
    } else {
        one
    }
}

/// A project note (for article notes and orphaned annotations) and its GUID.
fn note_xml(n: &Annotation, text: &str, user: &str) -> (String, String) {
    let guid = uuid_shaped(&n.id);
    let xml = format!(
        "<Note guid=\"{guid}\" name=\"{}\" creatingUser=\"{user}\"{}{}><PlainTextContent>{}</PlainTextContent>{}</Note>\n",
        x(&short(text)),
        date_attr("creationDateTime", &n.created_at),
        date_attr("modifiedDateTime", &n.updated_at),
        x(text),
        codings(&guid, &n.tags, user)
    );
    (guid, xml)
}

fn source_xml(a: &ExportArticle, guid: &str, user: &str, notes: &mut String) -> String {
    let art = &a.article;
    let mut s = format!(
        "<TextSource guid=\"{guid}\" name=\"{}\" plainTextPath=\"internal://{guid}.txt\" creatingUser=\"{user}\"{}>\n",
        x(&art.title),
        date_attr("creationDateTime", &art.imported_at)
    );
    let mut desc = Vec::new();
    for (k, v) in [
        ("Source", &art.source),
        ("Date", &art.published_at),
        ("Author", &art.author),
        ("URL", &art.url),
    ] {
        if let Some(v) = v.as_deref().filter(|v| !v.trim().is_empty()) {
            desc.push(format!("{k}: {v}"));
        }
    }
    desc.push(format!("Language: {}", art.language));
    desc.push(format!("Litopys id: {}", art.id));
    if !a.tags.is_empty() {
        desc.push(format!("Tags: {}", a.tags.join(", ")));
    }
    s.push_str(&format!(
        "<Description>{}</Description>\n",
        x(&desc.join("\n"))
    ));
    let len = art.body.chars().count();
    if !a.tags.is_empty() {
        let sel = hashed_uuid(&format!("litopys:whole-text:{}", art.id));
        s.push_str(&format!(
            "<PlainTextSelection guid=\"{sel}\" name=\"{}\" startPosition=\"0\" endPosition=\"{len}\" creatingUser=\"{user}\">{}</PlainTextSelection>\n",
            x(&format!("Whole text: {}", short(&art.title))),
            codings(&sel, &a.tags, user)
        ));
    }
    let mut note_refs = Vec::new();
    for n in &a.annotations {
        match (n.start, n.end) {
            (Some(start), Some(end)) if !n.orphaned && start <= end && end <= len => {
                let sel = uuid_shaped(&n.id);
                let quote = n
                    .exact
                    .clone()
                    .unwrap_or_else(|| slice(&art.body, start, end));
                s.push_str(&format!(
                    "<PlainTextSelection guid=\"{sel}\" name=\"{}\" startPosition=\"{start}\" endPosition=\"{end}\" creatingUser=\"{user}\"{}{}>",
                    x(&short(&quote)),
                    date_attr("creationDateTime", &n.created_at),
                    date_attr("modifiedDateTime", &n.updated_at),
                ));
                if !n.note.trim().is_empty() {
                    s.push_str(&format!("<Description>{}</Description>", x(&n.note)));
                }
                s.push_str(&codings(&sel, &n.tags, user));
                s.push_str("</PlainTextSelection>\n");
            }
            (None, _) | (_, None) => {
                let (g, xml) = note_xml(n, &n.note, user);
                notes.push_str(&xml);
                note_refs.push(g);
            }
            _ => {
                let text = format!(
                    "Orphaned annotation (its quote is no longer found in the text): “{}”\n\n{}",
                    n.exact.as_deref().unwrap_or(""),
                    n.note
                );
                let (g, xml) = note_xml(n, &text, user);
                notes.push_str(&xml);
                note_refs.push(g);
            }
        }
    }
    for g in note_refs {
        s.push_str(&format!("<NoteRef targetGUID=\"{g}\"/>\n"));
    }
    s.push_str("</TextSource>\n");
    s
}

pub fn write(
    ctx: &mut Context,
    stream: &mut ArticleStream,
    out: &mut BufWriter<File>,
) -> Result<()> {
    let tags = super::used_tags(ctx.conn, ctx.ids)?;
    let user = hashed_uuid("litopys:user:Litopys");
    let now = crate::store::now_rfc3339();
    let options = file_options();
    let mut zip = ZipWriter::new(out);
    let mut sources = String::new();
    let mut notes = String::new();
    for item in stream {
        let a = item?;
        let guid = source_guid(&a.article.id);
        zip.start_file(format!("Sources/{guid}.txt"), options)
            .map_err(zip_err)?;
        zip.write_all(a.article.body.as_bytes())
            .map_err(write_err)?;
        sources.push_str(&source_xml(&a, &guid, &user, &mut notes));
        if !ctx.done(&a) {
            break;
        }
    }
    zip.start_file(PROJECT_FILE, options).map_err(zip_err)?;
    let mut project = format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n\
         <Project xmlns=\"{NAMESPACE}\" name=\"{}\" origin=\"{}\" creatingUserGUID=\"{user}\" creationDateTime=\"{now}\">\n\
         <Users>\n<User guid=\"{user}\" name=\"Litopys\"/>\n</Users>\n",
        x(&format!("Litopys: {}", ctx.label)),
        x(&format!("Litopys {}", env!("CARGO_PKG_VERSION"))),
    );
    let codes = codebook(&tags);
    if !codes.is_empty() {
        project.push_str(&format!(
            "<CodeBook>\n<Codes>\n{codes}</Codes>\n</CodeBook>\n"
        ));
    }
    zip.write_all(project.as_bytes()).map_err(write_err)?;
    // Sources and Notes each need at least one child when present.
    if !sources.is_empty() {
        zip.write_all(b"<Sources>\n").map_err(write_err)?;
        zip.write_all(sources.as_bytes()).map_err(write_err)?;
        zip.write_all(b"</Sources>\n").map_err(write_err)?;
    }
    if !notes.is_empty() {
        zip.write_all(b"<Notes>\n").map_err(write_err)?;
        zip.write_all(notes.as_bytes()).map_err(write_err)?;
        zip.write_all(b"</Notes>\n").map_err(write_err)?;
    }
    zip.write_all(b"</Project>\n").map_err(write_err)?;
    zip.finish().map_err(zip_err)?;
    Ok(())
}
