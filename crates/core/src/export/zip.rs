//! A zip of plain-text files: one UTF-8 file per article (title, metadata
//! lines, a blank line, the text) in a folder per tag — the tag's full path as
//! nested folders, so `war/diplomacy` holds what is tagged exactly that — with
//! an article carrying several tags in each of their folders and untagged
//! articles in `untagged/`. `manifest.json` lists every article with its
//! files.
//!
//! File and folder names are safe on Windows, macOS and Linux: reserved and
//! invisible characters replaced or dropped, no leading or trailing dots or
//! spaces, no reserved device names, a bounded length; Cyrillic and other
//! letters are kept. Every file name ends with the article's id, so two
//! articles with the same title never collide.

use std::fs::File;
use std::io::{BufWriter, Write};

use ::zip::write::SimpleFileOptions;
use ::zip::{CompressionMethod, ZipWriter};
use serde_json::json;
use unicode_normalization::UnicodeNormalization;

use super::{write_err, ArticleStream, Context, ExportArticle};
use crate::error::{Error, Result};

pub const MANIFEST: &str = "manifest.json";
pub const UNTAGGED: &str = "untagged";
/// Characters kept of a title in a file name (plus the id and extension).
const TITLE_CHARS: usize = 80;
/// Characters kept of one tag segment in a folder name.
const SEGMENT_CHARS: usize = 60;

pub(super) fn zip_err(e: ::zip::result::ZipError) -> Error {
    match e {
        ::zip::result::ZipError::Io(e) => write_err(e),
        e => Error::WriteFailed(format!("cannot write the zip archive: {e}")),
    }
}

/// Deflated entries stamped with the current time.
pub(super) fn file_options() -> SimpleFileOptions {
    let now = time::OffsetDateTime::now_utc();
    let options = SimpleFileOptions::default()
        .compression_method(CompressionMethod::Deflated)
        .unix_permissions(0o644);
    match ::zip::DateTime::from_date_and_time(
        u16::try_from(now.year()).unwrap_or(1980),
        u8::from(now.month()),
        now.day(),
        now.hour(),
        now.minute(),
        now.second(),
    ) {
        Ok(t) => options.last_modified_time(t),
        Err(_) => options,
    }
}

/// One file or folder name, safe on every common file system.
pub fn safe_name(s: &str, max_chars: usize) -> String {
    let cleaned: String = s
        .nfc()
        .filter(|&c| {
            // Invisible formatting: zero-width characters, bidi controls, BOM.
            !matches!(c, '\u{200B}'..='\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2060}'..='\u{2069}' | '\u{FEFF}')
        })
        .map(|c| match c {
            '<' | '>' | ':' | '"' | '/' | '\\' | '|' | '?' | '*' => '_',
            c if c.is_control() || c.is_whitespace() => ' ',
            c => c,
        })
        .collect();
    let collapsed = cleaned.split_whitespace().collect::<Vec<_>>().join(" ");
    let mut cut: String = collapsed.chars().take(max_chars).collect();
    if cut.len() < collapsed.len() {
        // Shortened: end at a word boundary when one is not too far back.
        if let Some(space) = cut
            .rfind(' ')
            .filter(|&i| cut[..i].chars().count() >= max_chars / 2)
        {
            cut.truncate(space);
        }
    }
    let name = cut.trim_matches(|c: char| c == '.' || c == ' ');
    if name.is_empty() {
        return "_".to_owned();
    }
    let stem = name
        .split('.')
        .next()
        .unwrap_or(name)
        .trim_end()
        .to_ascii_uppercase();
    let reserved = matches!(stem.as_str(), "CON" | "PRN" | "AUX" | "NUL")
        || ((stem.starts_with("COM") || stem.starts_with("LPT"))
            && stem.len() == 4
            && stem.as_bytes()[3].is_ascii_digit());
    if reserved {
        format!("_{name}")
    } else {
        name.to_owned()
    }
}

/// `war/diplomacy` → `war/diplomacy`, each segment made safe.
pub fn tag_folder(tag: &str) -> String {
    tag.split('/')
        .map(|s| safe_name(s, SEGMENT_CHARS))
        .collect::<Vec<_>>()
        .join("/")
}

/// `Title (id).txt`.
pub fn file_name(title: &str, id: &str) -> String {
    format!(
        "{} ({}).txt",
        safe_name(title, TITLE_CHARS),
        safe_name(id, 64)
    )
}

/// The article as a text file: title, metadata, a blank line, the story (or,
/// with `labels`, the whole text with its non-story lines marked).
pub fn article_text(a: &ExportArticle, labels: bool) -> String {
    let x = &a.article;
    let one_line = |s: &str| s.split_whitespace().collect::<Vec<_>>().join(" ");
    let mut s = one_line(&x.title);
    s.push('\n');
    let fields = [
        ("Source", x.source.as_deref()),
        ("Date", x.published_at.as_deref()),
        ("Author", x.author.as_deref()),
        ("URL", x.url.as_deref()),
        ("Language", Some(x.language.as_str())),
        ("Id", Some(x.id.as_str())),
    ];
    for (k, v) in fields {
        if let Some(v) = v.map(one_line).filter(|v| !v.is_empty()) {
            s.push_str(&format!("{k}: {v}\n"));
        }
    }
    if !a.tags.is_empty() {
        s.push_str(&format!("Tags: {}\n", a.tags.join(", ")));
    }
    s.push('\n');
    let text = if labels {
        a.labelled_text()
    } else if a.clean_text.trim().is_empty() {
        x.body.clone()
    } else {
        a.clean_text.clone()
    };
    s.push_str(&text);
    if !text.ends_with('\n') {
        s.push('\n');
    }
    s
}

pub fn write(
    ctx: &mut Context,
    stream: &mut ArticleStream,
    out: &mut BufWriter<File>,
) -> Result<()> {
    let mut zip = ZipWriter::new(out);
    let options = file_options();
    let mut manifest = Vec::with_capacity(ctx.ids.len());
    for item in stream {
        let a = item?;
        let name = file_name(&a.article.title, &a.article.id);
        let mut folders: Vec<String> = a.tags.iter().map(|t| tag_folder(t)).collect();
        if folders.is_empty() {
            folders.push(UNTAGGED.to_owned());
        }
        folders.sort();
        folders.dedup();
        let text = article_text(&a, ctx.options.block_labels);
        let mut files = Vec::with_capacity(folders.len());
        for folder in folders {
            let path = format!("{folder}/{name}");
            zip.start_file(path.as_str(), options).map_err(zip_err)?;
            zip.write_all(text.as_bytes()).map_err(write_err)?;
            files.push(path);
        }
        let x = &a.article;
        manifest.push(json!({
            "id": x.id,
            "title": x.title,
            "tags": a.tags,
            "source": x.source,
            "date": x.published_at,
            "language": x.language,
            "url": x.url,
            "files": files,
        }));
        if !ctx.done(&a) {
            break;
        }
    }
    zip.start_file(MANIFEST, options).map_err(zip_err)?;
    let doc = json!({
        "format": "litopys-zip",
        "version": 1,
        "selection": ctx.label,
        "exported_at": crate::store::now_rfc3339(),
        "articles": manifest,
    });
    serde_json::to_writer_pretty(&mut zip, &doc)
        .map_err(|e| Error::WriteFailed(format!("cannot write the zip manifest: {e}")))?;
    zip.finish().map_err(zip_err)?;
    Ok(())
}
