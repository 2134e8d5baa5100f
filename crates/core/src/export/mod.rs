//! Export of a set of articles — chosen by tag expression, query or ids — with
//! their tags and annotations, streamed one article at a time so memory stays
//! flat, with progress and cancellation.

pub mod bundle;
pub mod bundle_check;
mod bundle_merge;
pub mod csv;
pub mod destination;
pub mod qdpx;
pub mod report;
pub mod staged;
pub mod story_report;
pub mod w3c;
pub mod zip;

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};

use rusqlite::Connection;
use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};
use crate::store::annotations::{self, Annotation};
use crate::store::articles::{article_from_row, Article, ARTICLE_COLUMNS};
use crate::store::tags;
use crate::text::blocks::{self, Block};
use staged::Staged;

/// Which articles to export.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase", tag = "kind", content = "value")]
pub enum Selection {
    /// A tag expression: `a`, `a OR b`, `a -c`, `war/*`.
    Tags(String),
    /// A search in the query language.
    Query(String),
    /// Stable ids (or unambiguous prefixes).
    Ids(Vec<String>),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "kebab-case")]
pub enum Format {
    Jsonl,
    Csv,
    Markdown,
    Html,
    W3c,
    RefiQda,
    Zip,
}

impl Format {
    pub fn from_name(name: &str) -> Option<Format> {
        Some(match name.to_ascii_lowercase().as_str() {
            "jsonl" | "bundle" => Format::Jsonl,
            "csv" => Format::Csv,
            "markdown" | "md" => Format::Markdown,
            "html" => Format::Html,
            "w3c" | "jsonld" | "json-ld" => Format::W3c,
            "refi-qda" | "qdpx" | "refiqda" => Format::RefiQda,
            "zip" => Format::Zip,
            _ => return None,
        })
    }

    /// Every format, in the order menus and help list them.
    pub const ALL: [Format; 7] = [
        Format::Jsonl,
        Format::Csv,
        Format::Markdown,
        Format::Html,
        Format::W3c,
        Format::RefiQda,
        Format::Zip,
    ];

    /// The name `--format` takes.
    pub fn name(self) -> &'static str {
        match self {
            Format::Jsonl => "jsonl",
            Format::Csv => "csv",
            Format::Markdown => "markdown",
            Format::Html => "html",
            Format::W3c => "w3c",
            Format::RefiQda => "refi-qda",
            Format::Zip => "zip",
        }
    }

    /// What the format is, with its extension: shown by `--help` and the app.
    pub fn label(self) -> &'static str {
        match self {
            Format::Jsonl => "Litopys bundle, lossless: everything, re-importable (.jsonl)",
            Format::Csv => "CSV table for spreadsheets, annotations in a second file (.csv)",
            Format::Markdown => "Markdown report: text, tags and annotations (.md)",
            Format::Html => "HTML report: text, tags and annotations, one web page (.html)",
            Format::W3c => "W3C Web Annotations (.jsonld)",
            Format::RefiQda => "REFI-QDA project for QDA software (.qdpx)",
            Format::Zip => "Text files in folders by tag (.zip)",
        }
    }

    /// The usual file extension.
    pub fn extension(self) -> &'static str {
        match self {
            Format::Jsonl => "jsonl",
            Format::Csv => "csv",
            Format::Markdown => "md",
            Format::Html => "html",
            Format::W3c => "jsonld",
            Format::RefiQda => "qdpx",
            Format::Zip => "zip",
        }
    }
}

/// One article as exported: everything stored about it.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct ExportArticle {
    #[serde(flatten)]
    pub article: Article,
    pub tags: Vec<String>,
    pub annotations: Vec<Annotation>,
    /// Every block of the body with its class (the full text with labels).
    #[serde(default)]
    pub blocks: Vec<Block>,
    /// The story alone: the body without boilerplate and lists of other headlines.
    #[serde(default)]
    pub clean_text: String,
    /// The story the article belongs to and its first publisher's id, if it
    /// shares its text with other articles. Informational: a bundle's are
    /// ignored on import, where stories are found again from the text.
    #[serde(default)]
    pub story_id: Option<String>,
    #[serde(default)]
    pub story_first: Option<String>,
}

impl ExportArticle {
    /// The body with each non-story line marked `[boilerplate]` or `[related]`.
    pub fn labelled_text(&self) -> String {
        blocks::labelled_text(&self.article.body, &self.blocks)
    }
}

/// Choices that apply to every format.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct ExportOptions {
    /// Also write the full text with each block's class (CSV column, reports, zip files).
    pub block_labels: bool,
    /// CSV: write cells exactly as stored, without the `'` that keeps a
    /// spreadsheet from running a cell starting with `=`, `+`, `-`, `@` as a
    /// formula (see [`csv::spreadsheet_safe`]). Off unless asked for
    /// (`litopys export --raw-csv`); skipped by serde, so the app (and its
    /// generated TypeScript type) always gets safe cells.
    #[serde(skip)]
    pub raw_csv: bool,
    /// Replace a file already at the destination (else `file_exists`).
    pub force: bool,
    /// Markdown and HTML reports: leave out the article text, keep the
    /// metadata, tags and annotations.
    pub annotations_only: bool,
}

#[derive(Debug, Clone, Default, Serialize, PartialEq, Eq)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct ExportTotals {
    pub articles: u64,
    pub annotations: u64,
    pub bytes: u64,
    pub cancelled: bool,
    /// Files written (a CSV export writes an annotations file beside the articles).
    pub files: Vec<PathBuf>,
    /// Something about the files the user may not expect (an extension that
    /// does not match the format).
    pub note: Option<String>,
}

/// `tag expression` → query: every bare name becomes `tag:name`.
pub fn tag_query(expr: &str) -> String {
    expr.split_whitespace()
        .map(|w| {
            if matches!(w, "OR" | "AND" | "NOT") {
                return w.to_owned();
            }
            let lead = w.len() - w.trim_start_matches(['(', '-']).len();
            let trail = w.len() - w.trim_end_matches(')').len();
            let (head, rest) = w.split_at(lead);
            let (name, tail) = rest.split_at(rest.len() - trail);
            if name.is_empty() || name.to_lowercase().starts_with("tag:") {
                w.to_owned()
            } else {
                format!("{head}tag:{name}{tail}")
            }
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// Internal ids of the selected articles, in storage order.
pub fn select(conn: &Connection, selection: &Selection) -> Result<Vec<i64>> {
    let mut ids = match selection {
        Selection::Tags(expr) => {
            if expr.trim().is_empty() {
                return Err(Error::InvalidInput("the tag expression is empty".into()));
            }
            crate::search::matching_ids(conn, &tag_query(expr))?
        }
        Selection::Query(q) => crate::search::matching_ids(conn, q)?,
        Selection::Ids(ids) => tags::article_ids(conn, ids)?,
    };
    ids.sort_unstable();
    ids.dedup();
    Ok(ids)
}

/// `ids` ordered by the articles' stable ids.
fn by_stable_id(conn: &Connection, ids: Vec<i64>) -> Result<Vec<i64>> {
    let mut keyed = Vec::with_capacity(ids.len());
    let mut stmt = conn.prepare_cached("SELECT uid FROM articles WHERE id = ?1")?;
    for id in ids {
        let uid: String = stmt.query_row([id], |r| r.get(0))?;
        keyed.push((uid, id));
    }
    keyed.sort_unstable();
    Ok(keyed.into_iter().map(|(_, id)| id).collect())
}

/// Articles read from the library per query while streaming.
const CHUNK: usize = 256;

/// Reads selected articles with their tags and annotations, a chunk of ids per
/// query (memory stays flat; per-article queries would dominate the time).
pub struct ArticleStream<'c> {
    conn: &'c Connection,
    ids: Vec<i64>,
    next: usize,
    buffer: std::collections::VecDeque<ExportArticle>,
}

impl<'c> ArticleStream<'c> {
    pub fn new(conn: &'c Connection, ids: Vec<i64>) -> Self {
        ArticleStream {
            conn,
            ids,
            next: 0,
            buffer: Default::default(),
        }
    }

    pub fn len(&self) -> usize {
        self.ids.len()
    }

    pub fn is_empty(&self) -> bool {
        self.ids.is_empty()
    }

    fn fill(&mut self) -> Result<()> {
        let chunk = &self.ids[self.next..(self.next + CHUNK).min(self.ids.len())];
        self.next += chunk.len();
        // Our own integer ids, so listing them inline is safe.
        let list = chunk
            .iter()
            .map(i64::to_string)
            .collect::<Vec<_>>()
            .join(",");
        let mut tagged: std::collections::HashMap<i64, Vec<String>> = Default::default();
        let mut stmt = self.conn.prepare(&format!(
            "SELECT x.article_id, t.name FROM article_tags x JOIN tags t ON t.id = x.tag_id
             WHERE x.article_id IN ({list}) ORDER BY t.key"
        ))?;
        let mut rows = stmt.query([])?;
        while let Some(r) = rows.next()? {
            tagged.entry(r.get(0)?).or_default().push(r.get(1)?);
        }
        let annotated: std::collections::HashSet<i64> = self
            .conn
            .prepare(&format!(
                "SELECT DISTINCT article_id FROM annotations WHERE article_id IN ({list})"
            ))?
            .query_map([], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        // In the order of `ids` (storage order, or a bundle's stable-id order).
        let mut stmt = self.conn.prepare(&format!(
            "SELECT {ARTICLE_COLUMNS}, a.id, a.blocks FROM json_each('[{list}]') j
             JOIN articles a ON a.id = j.value ORDER BY j.key"
        ))?;
        let mut rows = stmt.query([])?;
        while let Some(r) = rows.next()? {
            let id: i64 = r.get(13)?;
            let stored: Option<String> = r.get(14)?;
            let article = article_from_row(r)?;
            let all = crate::store::block_column::full(&article.body, stored.as_deref());
            let clean_text = blocks::story_text(&article.body, &all);
            let annotations = if annotated.contains(&id) {
                annotations::of_article(self.conn, id)?
            } else {
                Vec::new()
            };
            let story = crate::store::stories::of_article(self.conn, &article.id)?;
            self.buffer.push_back(ExportArticle {
                story_id: story.as_ref().map(|s| s.id.clone()),
                story_first: story.and_then(|s| s.first),
                article,
                tags: tagged.remove(&id).unwrap_or_default(),
                annotations,
                blocks: all,
                clean_text,
            });
        }
        Ok(())
    }
}

impl Iterator for ArticleStream<'_> {
    type Item = Result<ExportArticle>;

    fn next(&mut self) -> Option<Self::Item> {
        if self.buffer.is_empty() && self.next < self.ids.len() {
            if let Err(e) = self.fill() {
                // Stop after reporting: the rest of the stream cannot be trusted.
                self.next = self.ids.len();
                return Some(Err(e));
            }
        }
        self.buffer.pop_front().map(Ok)
    }
}

/// Progress callback: (articles done, articles in all).
pub type Progress<'a> = &'a mut dyn FnMut(u64, u64);

/// Tags used by the selected articles or their annotations, with their ancestors, by name.
pub fn used_tags(conn: &Connection, ids: &[i64]) -> Result<Vec<tags::Tag>> {
    let mut used = std::collections::BTreeSet::new();
    // One query per chunk of ids, not per article: this runs before a 100,000-article export.
    for chunk in ids.chunks(CHUNK * 4) {
        let list = chunk
            .iter()
            .map(i64::to_string)
            .collect::<Vec<_>>()
            .join(",");
        let mut stmt = conn.prepare(&format!(
            "SELECT t.key FROM article_tags x JOIN tags t ON t.id = x.tag_id
             WHERE x.article_id IN ({list})
             UNION
             SELECT t.key FROM annotations n JOIN annotation_tags y ON y.annotation_id = n.id
             JOIN tags t ON t.id = y.tag_id WHERE n.article_id IN ({list})"
        ))?;
        let keys = stmt.query_map([], |r| r.get::<_, String>(0))?;
        for k in keys {
            used.insert(k?);
        }
    }
    let mut keys = std::collections::BTreeSet::new();
    for k in &used {
        let parts: Vec<&str> = k.split('/').collect();
        for i in 1..=parts.len() {
            keys.insert(parts[..i].join("/"));
        }
    }
    Ok(tags::list(conn)?
        .into_iter()
        .filter(|t| keys.contains(&t.name.to_lowercase()))
        .collect())
}

/// Exports `selection` as `format` to `output`, writing to temporary files
/// first so a failed or cancelled export never leaves a half file behind
/// (see [`staged`]).
pub fn export(
    conn: &Connection,
    selection: &Selection,
    format: Format,
    output: &Path,
    options: ExportOptions,
    cancel: &AtomicBool,
    progress: Progress<'_>,
) -> Result<ExportTotals> {
    // Where it goes is checked first: a quick answer, before reading anything.
    let destinations = match format {
        Format::Csv => vec![output.to_path_buf(), csv::annotations_path(output)],
        _ => vec![output.to_path_buf()],
    };
    for d in &destinations {
        destination::check(d, options.force)?;
    }
    let ids = select(conn, selection)?;
    let label = match selection {
        Selection::Tags(t) => format!("tags: {t}"),
        Selection::Query(q) => format!("search: {q}"),
        Selection::Ids(ids) => format!("{} chosen articles", ids.len()),
    };
    if ids.is_empty() {
        return Err(Error::EmptySelection(match selection {
            Selection::Tags(t) => format!("the tag expression “{t}”"),
            Selection::Query(q) if q.trim().is_empty() => "an empty search".to_owned(),
            Selection::Query(q) => format!("the search “{q}”"),
            Selection::Ids(_) => "the list of ids".to_owned(),
        }));
    }
    // A bundle lists its articles by stable id: libraries holding the same
    // articles (team members, a re-import) write the same bytes.
    let ids = match format {
        Format::Jsonl => by_stable_id(conn, ids)?,
        _ => ids,
    };
    let mut totals = ExportTotals::default();
    let mut files = Vec::new();
    let result = (|| -> Result<()> {
        let mut out = Staged::create(output)?;
        let mut stream = ArticleStream::new(conn, ids.clone());
        let mut ctx = Context {
            conn,
            ids: &ids,
            label: &label,
            options,
            cancel,
            progress,
            totals: &mut totals,
        };
        match format {
            Format::Jsonl => bundle::write(&mut ctx, &mut stream, out.writer()?)?,
            Format::Csv => {
                let mut notes = Staged::create(&csv::annotations_path(output))?;
                csv::write(&mut ctx, &mut stream, out.writer()?, notes.writer()?)?;
                files.push(notes);
            }
            Format::Markdown => report::markdown(&mut ctx, &mut stream, out.writer()?)?,
            Format::Html => report::html(&mut ctx, &mut stream, out.writer()?)?,
            Format::W3c => w3c::write(&mut ctx, &mut stream, out.writer()?)?,
            Format::RefiQda => qdpx::write(&mut ctx, &mut stream, out.file()?)?,
            Format::Zip => zip::write(&mut ctx, &mut stream, out.file()?)?,
        }
        files.insert(0, out);
        Ok(())
    })();
    // On an error or a cancel, dropping `files` removes every temporary file.
    result?;
    if totals.cancelled {
        return Ok(totals);
    }
    // The articles file first, its annotations beside it: both or neither.
    totals.files = staged::commit(files, options.force)?;
    totals.note = destination::extension_note(output, format);
    totals.bytes = totals
        .files
        .iter()
        .filter_map(|p| std::fs::metadata(p).ok())
        .map(|m| m.len())
        .sum();
    Ok(totals)
}

/// What a format writer needs besides the articles.
pub struct Context<'a> {
    pub conn: &'a Connection,
    pub ids: &'a [i64],
    /// What was selected, for report headings.
    pub label: &'a str,
    pub options: ExportOptions,
    cancel: &'a AtomicBool,
    progress: Progress<'a>,
    totals: &'a mut ExportTotals,
}

impl Context<'_> {
    /// Counts one written article; `false` when the user cancelled.
    pub fn done(&mut self, article: &ExportArticle) -> bool {
        self.totals.articles += 1;
        self.totals.annotations += article.annotations.len() as u64;
        (self.progress)(self.totals.articles, self.ids.len() as u64);
        if self.cancel.load(Ordering::Relaxed) {
            self.totals.cancelled = true;
            return false;
        }
        true
    }
}

/// Maps a write error to one naming the destination.
pub fn write_err(e: std::io::Error) -> Error {
    Error::WriteFailed(format!("cannot write the export: {e}"))
}
