//! Import of article files into a library.
//!
//! A reader thread walks the inputs, parses each file with the reader for its
//! format and prepares articles; the calling thread stores them in batched
//! transactions. Every item is reported (imported, duplicate or failed), one
//! bad item never stops the batch, and cancelling keeps what was stored.

mod article_ld;
mod batches;
pub mod byline;
mod delimited;
mod fields;
mod html;
pub(crate) mod in_flight;
mod item_error;
mod json_items;
mod limits;
mod markup;
mod page_clean;
mod page_stats;
mod paragraphs;
mod paths;
pub mod prepare;
mod tabular;
mod tabular_bounds;
mod txt;
mod warc;
mod warc_digest;
mod zip;

use std::borrow::Cow;
use std::cell::Cell;
use std::io::{BufRead, BufReader, Cursor, Read};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};

use serde::Serialize;

use crate::error::Result;
use crate::store::{Library, NewArticle};

pub use batches::import_inputs;
pub use item_error::{ItemError, ItemErrorKind};
pub use prepare::RawArticle;

/// The article of an HTML page as import reads it (Readability extraction),
/// for tools that compare extraction methods.
pub fn extract_html(bytes: &[u8]) -> std::result::Result<RawArticle, String> {
    html::extract(bytes, None, None).map_err(|e| e.message)
}

/// All text of an HTML fragment (for comparing an extraction with a reference).
pub fn html_text(fragment: &str) -> String {
    html::all_text(fragment)
}
pub use fields::FieldMap;

/// Largest single article (a `.txt`/`.html` file, a JSON line, a zip entry).
pub const MAX_ARTICLE_BYTES: u64 = 64 * 1024 * 1024;
/// Articles stored per transaction.
const BATCH: usize = 2_000;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "lowercase")]
pub enum Format {
    Txt,
    Html,
    Json,
    Jsonl,
    Csv,
    Warc,
    Arc,
    Zip,
}

impl Format {
    pub fn as_str(self) -> &'static str {
        match self {
            Format::Txt => "txt",
            Format::Html => "html",
            Format::Json => "json",
            Format::Jsonl => "jsonl",
            Format::Csv => "csv",
            Format::Warc => "warc",
            Format::Arc => "arc",
            Format::Zip => "zip",
        }
    }

    /// The format a file name says it has.
    pub fn from_name(name: &str) -> Option<Format> {
        let n = name.to_ascii_lowercase();
        let n = n
            .strip_suffix(".gz")
            .filter(|s| s.ends_with(".warc") || s.ends_with(".arc"))
            .unwrap_or(&n);
        let ext = n.rsplit_once('.').map(|(_, e)| e)?;
        Some(match ext {
            "txt" | "text" => Format::Txt,
            "html" | "htm" | "xhtml" | "shtml" => Format::Html,
            "json" => Format::Json,
            "jsonl" | "ndjson" => Format::Jsonl,
            "csv" | "tsv" => Format::Csv,
            "warc" => Format::Warc,
            "arc" => Format::Arc,
            "zip" => Format::Zip,
            _ => return None,
        })
    }
}

pub const SUPPORTED: &str =
    ".txt, .html/.htm, .json, .jsonl, .csv/.tsv, .warc(.gz), .arc(.gz), .zip";

#[derive(Debug, Clone, Default)]
pub struct ImportOptions {
    /// Source/outlet for articles whose file does not name one.
    pub source: Option<String>,
    /// Column names for JSON/CSV fields that do not use the common names.
    pub fields: FieldMap,
    /// Leave every line in the story (no block classification, no learning):
    /// for text that is already clean (`litopys import --no-block-classification`).
    pub skip_blocks: bool,
    /// Leave story detection queued, done when the library is next opened or
    /// by the next import (`litopys import --no-story-detection`: a large
    /// import is done and searchable sooner).
    pub skip_stories: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "lowercase")]
pub enum ItemStatus {
    Imported,
    Duplicate,
    Failed,
}

/// One line of the import report: a file, or one article inside a container.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct ItemReport {
    pub path: String,
    pub status: ItemStatus,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    /// Why it failed, for the user.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub error: Option<String>,
    /// What kind of failure (the same item's `error`), for programs.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub error_kind: Option<ItemErrorKind>,
    /// Imported, but not as well as it should have been (an HTML page whose
    /// article was not found, kept whole as its visible text).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub warning: Option<String>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct ImportTotals {
    pub imported: u64,
    pub duplicates: u64,
    pub failed: u64,
    /// Items imported with a warning (counted among the imported too).
    pub warnings: u64,
    pub cancelled: bool,
}

/// What the importer tells its caller while it works.
#[derive(Debug, Clone)]
pub enum ImportEvent {
    /// The inputs were walked: this many files will be read.
    Planned { files: usize },
    /// Reading file `index` (0-based) begins.
    File { index: usize, path: String },
    /// An item was stored, skipped as duplicate, or failed.
    Item(ItemReport),
}

pub(crate) enum Msg {
    File {
        index: usize,
        path: String,
    },
    /// An article ready to store, with a warning for its report line.
    Article(Box<NewArticle>, Option<String>),
    Failed {
        path: String,
        error: ItemError,
    },
}

/// Imports `paths` (files and folders, recursively) into `library`.
pub fn import_paths(
    library: &mut Library,
    paths: &[PathBuf],
    options: &ImportOptions,
    cancel: &AtomicBool,
    on_event: &mut dyn FnMut(ImportEvent),
) -> Result<ImportTotals> {
    let files: Vec<Input> = plan(paths).into_iter().map(Input::Path).collect();
    import_inputs(library, files, options, cancel, on_event)
}

/// The files to read, in a stable order. A path that cannot be read is kept so
/// that it gets its own error line.
fn plan(paths: &[PathBuf]) -> Vec<PathBuf> {
    let mut files = Vec::new();
    for p in paths {
        if p.is_dir() {
            let mut found: Vec<PathBuf> = walkdir::WalkDir::new(p)
                .follow_links(true)
                .into_iter()
                .filter_entry(|e| {
                    e.depth() == 0 || !e.file_name().to_string_lossy().starts_with('.')
                })
                .filter_map(|e| match e {
                    Ok(e) if e.file_type().is_file() => Some(e.into_path()),
                    Ok(_) => None,
                    Err(e) => e.path().map(Path::to_path_buf),
                })
                .collect();
            found.sort();
            files.extend(found);
        } else {
            files.push(p.clone());
        }
    }
    files
}

/// Where a reader hands what it found; returns `false` when the import was cancelled.
pub(crate) struct Sink<'a> {
    tx: in_flight::Outbox,
    reading: Reading,
    /// Articles found but not prepared ([`Reading::ParseOnly`]).
    parsed: Cell<u64>,
    cancel: &'a AtomicBool,
    options: &'a ImportOptions,
    /// Items reported so far (to tell a file that held nothing).
    reported: Cell<u64>,
}

impl Sink<'_> {
    pub(crate) fn cancelled(&self) -> bool {
        self.cancel.load(Ordering::Relaxed)
    }

    pub(crate) fn options(&self) -> &ImportOptions {
        self.options
    }

    /// Prepares and sends one article found at `path` (a file, or `file!inner`).
    pub(crate) fn article(&self, path: String, format: Format, raw: RawArticle) -> bool {
        if self.reading == Reading::ParseOnly {
            self.reported.set(self.reported.get() + 1);
            self.parsed.set(self.parsed.get() + 1);
            return !self.cancelled();
        }
        let warning = raw.warning.clone();
        let msg = match prepare::prepare(
            raw,
            path.clone(),
            format.as_str(),
            self.options.source.as_deref(),
            !self.options.skip_blocks,
        ) {
            Ok(a) => Msg::Article(Box::new(a), warning),
            Err(error) => Msg::Failed { path, error },
        };
        self.reported.set(self.reported.get() + 1);
        self.tx.send(msg) && !self.cancelled()
    }

    pub(crate) fn failed(&self, path: String, error: ItemError) -> bool {
        self.reported.set(self.reported.get() + 1);
        self.tx.send(Msg::Failed { path, error }) && !self.cancelled()
    }
}

/// A file to import: on disk, or bytes in memory (the demo library, the fuzz harness).
#[derive(Debug, Clone)]
pub enum Input {
    Path(PathBuf),
    Memory {
        name: String,
        bytes: Cow<'static, [u8]>,
    },
}

/// What the reader does with each article a parser finds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Reading {
    /// Prepares it for the store and sends it on (every import).
    Prepare,
    /// Only counts it: the fuzz harness's parse stage, which runs the parsers
    /// alone (a CSV input of the harness holds ~3,000 rows, and preparing
    /// them is ~90% of its time, measured with `bench fuzz --stage read`).
    ParseOnly,
}

pub(crate) fn read_all(
    files: &[Input],
    options: &ImportOptions,
    cancel: &AtomicBool,
    tx: in_flight::Outbox,
) {
    read_files(files, options, cancel, tx, Reading::Prepare);
}

/// Reads `files` in order, sending what it finds to `tx`; returns how many
/// articles were found but not prepared ([`Reading::ParseOnly`]).
pub(crate) fn read_files(
    files: &[Input],
    options: &ImportOptions,
    cancel: &AtomicBool,
    tx: in_flight::Outbox,
    reading: Reading,
) -> u64 {
    let sink = Sink {
        tx,
        reading,
        parsed: Cell::new(0),
        cancel,
        options,
        reported: Cell::new(0),
    };
    for (index, input) in files.iter().enumerate() {
        if sink.cancelled() {
            break;
        }
        let display = match input {
            Input::Path(p) => p.display().to_string(),
            Input::Memory { name, .. } => name.clone(),
        };
        let file = Msg::File {
            index,
            path: display.clone(),
        };
        if !sink.tx.send(file) {
            break;
        }
        // A bug in a parser must cost one file, not the whole batch.
        let outcome = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| match input {
            Input::Path(path) => read_file(path, &display, &sink),
            Input::Memory { name, bytes } => match Format::from_name(name) {
                Some(Format::Zip) => zip::read(Cursor::new(&bytes[..]), name, &sink),
                Some(format) => read_stream(&bytes[..], bytes.len() as u64, name, format, &sink),
                None => {
                    sink.failed(
                        name.clone(),
                        ItemError::unsupported("not a supported article file"),
                    );
                }
            },
        }));
        if outcome.is_err() {
            sink.failed(
                display,
                ItemError::new(
                    ItemErrorKind::Internal,
                    "internal error while reading this file (please report it)",
                ),
            );
        }
    }
    sink.parsed.get()
}

/// Reads one file on disk, after checking it is a regular file (opening a
/// named pipe or a device would wait for ever).
fn read_file(path: &Path, display: &str, sink: &Sink<'_>) {
    let len = match paths::regular_file_len(path) {
        Ok(len) => len,
        Err(reason) => {
            sink.failed(display.to_owned(), ItemError::unreadable(reason));
            return;
        }
    };
    let Some(format) = Format::from_name(display) else {
        sink.failed(
            display.to_owned(),
            ItemError::unsupported(format!(
                "not a supported article file (supported: {SUPPORTED})"
            )),
        );
        return;
    };
    let file = match std::fs::File::open(path) {
        Ok(f) => f,
        Err(e) => {
            sink.failed(display.to_owned(), ItemError::io(&e));
            return;
        }
    };
    if format == Format::Zip {
        zip::read(file, display, sink);
    } else {
        let reader = BufReader::with_capacity(256 * 1024, file);
        read_stream(reader, len, display, format, sink);
    }
}

/// Reads one file or archive entry of a known, non-zip format.
pub(crate) fn read_stream(
    reader: impl BufRead,
    len: u64,
    path: &str,
    format: Format,
    sink: &Sink<'_>,
) {
    let reported = sink.reported.get();
    match format {
        Format::Txt | Format::Html => match read_capped(reader, len) {
            Ok(bytes) if format == Format::Txt => txt::read(&bytes, path, sink),
            Ok(bytes) => html::read(&bytes, path, sink),
            Err(reason) => {
                sink.failed(path.to_owned(), reason);
            }
        },
        Format::Json => tabular::read_json(reader, path, sink),
        Format::Jsonl => tabular::read_jsonl(reader, path, sink),
        Format::Csv => delimited::read_csv(reader, path, sink),
        Format::Warc | Format::Arc => warc::read(reader, path, sink),
        Format::Zip => {
            sink.failed(
                path.to_owned(),
                ItemError::unsupported("a zip archive inside a zip archive is not imported"),
            );
        }
    }
    // A file that held nothing at all gets a line of its own, not silence.
    if sink.reported.get() == reported && !sink.cancelled() {
        let reason = if len == 0 {
            "empty file: no articles"
        } else {
            "no articles found in this file"
        };
        sink.failed(path.to_owned(), ItemError::empty(reason));
    }
}

fn read_capped(reader: impl Read, len: u64) -> Result<Vec<u8>, ItemError> {
    if len > MAX_ARTICLE_BYTES {
        return Err(too_large(len));
    }
    let mut bytes = Vec::with_capacity(len as usize);
    reader
        .take(MAX_ARTICLE_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| ItemError::io(&e))?;
    if bytes.len() as u64 > MAX_ARTICLE_BYTES {
        return Err(too_large(bytes.len() as u64));
    }
    Ok(bytes)
}

pub(crate) fn too_large(len: u64) -> ItemError {
    ItemError::new(
        ItemErrorKind::TooLarge,
        format!(
            "too large for one article ({} MB; the limit is {} MB)",
            len / (1024 * 1024),
            MAX_ARTICLE_BYTES / (1024 * 1024)
        ),
    )
}

pub(crate) fn describe_io(e: &std::io::Error) -> String {
    ItemError::io(e).message
}
