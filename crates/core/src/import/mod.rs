//! Import of article files into a library.
//!
//! A reader thread walks the inputs, parses each file with the reader for its
//! format and prepares articles; the calling thread stores them in batched
//! transactions. Every item is reported (imported, duplicate or failed), one
//! bad item never stops the batch, and cancelling keeps what was stored.

pub mod dates;
mod html;
pub mod prepare;
mod tabular;
mod txt;
mod warc;
mod zip;

use std::io::{BufRead, BufReader, Read};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{sync_channel, SyncSender};

use serde::Serialize;

use crate::error::{Error, Result};
use crate::store::{articles, InsertOutcome, Library, NewArticle};

pub use prepare::RawArticle;

/// The article of an HTML page as import reads it (Readability extraction),
/// for tools that compare extraction methods.
pub fn extract_html(bytes: &[u8]) -> std::result::Result<RawArticle, String> {
    html::extract(bytes, None, None)
}

/// All text of an HTML fragment (for comparing an extraction with a reference).
pub fn html_text(fragment: &str) -> String {
    html::all_text(fragment)
}
pub use tabular::FieldMap;

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
    /// only the import benchmark's baseline turns this on.
    pub skip_blocks: bool,
    /// Leave story detection queued (done when the library is next opened):
    /// only the story benchmark's "without" run turns this on.
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
    #[serde(skip_serializing_if = "Option::is_none")]
    pub error: Option<String>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct ImportTotals {
    pub imported: u64,
    pub duplicates: u64,
    pub failed: u64,
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

enum Msg {
    File { index: usize, path: String },
    Article(Box<NewArticle>),
    Failed { path: String, reason: String },
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

/// Imports the given inputs, in order.
///
/// Items are reported only once their batch is committed: an item that a
/// failed commit (or a rollback SQLite forced, e.g. on a full disk) took
/// back is reported as failed, never as imported.
pub fn import_inputs(
    library: &mut Library,
    files: Vec<Input>,
    options: &ImportOptions,
    cancel: &AtomicBool,
    on_event: &mut dyn FnMut(ImportEvent),
) -> Result<ImportTotals> {
    library.check_before_write()?;
    on_event(ImportEvent::Planned { files: files.len() });
    let imported_at = crate::store::now_rfc3339();
    let mut totals = ImportTotals::default();
    let (tx, rx) = sync_channel::<Msg>(256);
    std::thread::scope(|scope| -> Result<()> {
        std::thread::Builder::new()
            .name("litopys-read".into())
            .spawn_scoped(scope, || read_all(&files, options, cancel, tx))
            .map_err(|e| Error::InvalidInput(format!("cannot start the reader thread: {e}")))?;
        let conn = library.conn_mut();
        let mut pending: Vec<ItemReport> = Vec::new();
        let mut batch = Some(begin_write(conn, cancel)?);
        let mut in_batch = 0usize;
        let mut fatal: Option<Error> = None;
        for msg in &rx {
            let Some(open) = batch.as_ref() else { break };
            match msg {
                Msg::File { index, path } => on_event(ImportEvent::File { index, path }),
                // Kept in order with the stored items around it.
                Msg::Failed { path, reason } => pending.push(ItemReport {
                    path,
                    status: ItemStatus::Failed,
                    id: None,
                    error: Some(reason),
                }),
                Msg::Article(article) => {
                    in_batch += 1;
                    match articles::insert(open, &article, &imported_at) {
                        Ok(InsertOutcome::Inserted(id)) => {
                            pending.push(item(article.origin_path, ItemStatus::Imported, id))
                        }
                        Ok(InsertOutcome::Duplicate(id)) => {
                            pending.push(item(article.origin_path, ItemStatus::Duplicate, id))
                        }
                        Err(e) if open.is_autocommit() || is_fatal(&e) => {
                            // SQLite rolled the batch back (or cannot go on):
                            // nothing of it is stored.
                            pending.push(failed(article.origin_path, &e));
                            fatal = Some(e);
                            break;
                        }
                        Err(e) => pending.push(failed(article.origin_path, &e)),
                    }
                }
            }
            if in_batch >= BATCH {
                let committed = batch.take().map(|b| b.commit()).transpose();
                if let Err(e) = committed {
                    fatal = Some(e.into());
                    break;
                }
                report(on_event, &mut pending, &mut totals);
                in_batch = 0;
                match begin_write(conn, cancel) {
                    Ok(b) => batch = Some(b),
                    Err(e) => {
                        fatal = Some(e);
                        break;
                    }
                }
            }
        }
        if fatal.is_none() {
            if let Some(b) = batch.take() {
                if let Err(e) = b.commit() {
                    fatal = Some(e.into());
                }
            }
        }
        if let Some(e) = fatal {
            // Stop the reader, then say what was lost.
            cancel.store(true, Ordering::Relaxed);
            drop(batch);
            let reason = format!("not stored: the batch was rolled back ({e})");
            let mut lost: Vec<ItemReport> = pending
                .drain(..)
                .map(|mut r| {
                    if r.status != ItemStatus::Failed {
                        r.status = ItemStatus::Failed;
                        r.id = None;
                        r.error = Some(reason.clone());
                    }
                    r
                })
                .collect();
            report(on_event, &mut lost, &mut totals);
            drop(rx);
            return Err(e);
        }
        report(on_event, &mut pending, &mut totals);
        // Earlier articles whose lines became recurring during this import,
        // each classified again once.
        // In slices of 500, each its own transaction: other writers get the
        // lock between them instead of waiting for all of it.
        loop {
            let tx = begin_write(conn, cancel)?;
            let done = crate::store::blocks::flush_pending_slice(&tx, 500)?;
            tx.commit()?;
            if done < 500 {
                break;
            }
        }
        if !options.skip_stories {
            flush_stories(conn, cancel)?;
        }
        if totals.imported > 0 {
            // Only a speed-up for later searches: the import itself is done
            // and stored, so a failure here must not report it as failed.
            let cancelled = || cancel.load(Ordering::Relaxed);
            let keep_from = crate::search::common::KEEP_FROM;
            let _ = crate::search::common::keep_common_words(conn, keep_from, &cancelled);
        }
        Ok(())
    })?;
    totals.cancelled = cancel.load(Ordering::Relaxed);
    Ok(totals)
}

/// Brings the stories of the imported (and re-classified) articles up to
/// date, a slice per transaction like the blocks above.
fn flush_stories(conn: &rusqlite::Connection, cancel: &AtomicBool) -> Result<()> {
    use crate::store::stories;
    loop {
        let tx = begin_write(conn, cancel)?;
        let done = stories::flush_pending(&tx, stories::SLICE)?;
        tx.commit()?;
        if done < stories::SLICE {
            return Ok(());
        }
    }
}

/// Starts a write transaction, waiting for another writer (the app, a second
/// import) to finish: each attempt waits [`crate::store::BUSY_TIMEOUT`], and
/// a long import of another program is waited out with growing pauses for up
/// to [`WRITE_PATIENCE`].
fn begin_write<'c>(
    conn: &'c rusqlite::Connection,
    cancel: &AtomicBool,
) -> Result<rusqlite::Transaction<'c>> {
    let started = std::time::Instant::now();
    let mut pause = std::time::Duration::from_millis(100);
    loop {
        match rusqlite::Transaction::new_unchecked(conn, rusqlite::TransactionBehavior::Immediate) {
            Ok(tx) => return Ok(tx),
            Err(e) if is_busy(&e) => {}
            Err(e) => return Err(e.into()),
        }
        if started.elapsed() >= WRITE_PATIENCE || cancel.load(Ordering::Relaxed) {
            return Err(Error::Busy(started.elapsed().as_secs()));
        }
        std::thread::sleep(pause);
        pause = (pause * 2).min(std::time::Duration::from_secs(5));
    }
}

/// How long an import waits for other writers in all before it gives up.
const WRITE_PATIENCE: std::time::Duration = std::time::Duration::from_secs(600);

fn is_busy(e: &rusqlite::Error) -> bool {
    matches!(
        e.sqlite_error_code(),
        Some(rusqlite::ErrorCode::DatabaseBusy | rusqlite::ErrorCode::DatabaseLocked)
    )
}

/// Errors after which the batch cannot go on (the disk, the file, the lock).
fn is_fatal(e: &Error) -> bool {
    match e {
        Error::Database(db) => matches!(
            db.sqlite_error_code(),
            Some(
                rusqlite::ErrorCode::DiskFull
                    | rusqlite::ErrorCode::SystemIoFailure
                    | rusqlite::ErrorCode::ReadOnly
                    | rusqlite::ErrorCode::OutOfMemory
                    | rusqlite::ErrorCode::CannotOpen
            )
        ),
        Error::Damaged(_) | Error::Busy(_) | Error::ReadOnly => true,
        _ => false,
    }
}

fn failed(path: String, e: &Error) -> ItemReport {
    ItemReport {
        path,
        status: ItemStatus::Failed,
        id: None,
        error: Some(e.to_string()),
    }
}

/// Counts and hands on reports of items whose fate is settled.
fn report(
    on_event: &mut dyn FnMut(ImportEvent),
    reports: &mut Vec<ItemReport>,
    totals: &mut ImportTotals,
) {
    for report in reports.drain(..) {
        match report.status {
            ItemStatus::Imported => totals.imported += 1,
            ItemStatus::Duplicate => totals.duplicates += 1,
            ItemStatus::Failed => totals.failed += 1,
        }
        on_event(ImportEvent::Item(report));
    }
}

fn item(path: String, status: ItemStatus, id: String) -> ItemReport {
    ItemReport {
        path,
        status,
        id: Some(id),
        error: None,
    }
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
    tx: SyncSender<Msg>,
    cancel: &'a AtomicBool,
    options: &'a ImportOptions,
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
        let msg = match prepare::prepare(
            raw,
            path.clone(),
            format.as_str(),
            self.options.source.as_deref(),
            !self.options.skip_blocks,
        ) {
            Ok(a) => Msg::Article(Box::new(a)),
            Err(reason) => Msg::Failed { path, reason },
        };
        self.tx.send(msg).is_ok() && !self.cancelled()
    }

    pub(crate) fn failed(&self, path: String, reason: impl Into<String>) -> bool {
        let reason = reason.into();
        self.tx.send(Msg::Failed { path, reason }).is_ok() && !self.cancelled()
    }
}

/// A file to import: on disk, or bytes the program carries (the demo library).
#[derive(Debug, Clone)]
pub enum Input {
    Path(PathBuf),
    Memory { name: String, bytes: &'static [u8] },
}

fn read_all(files: &[Input], options: &ImportOptions, cancel: &AtomicBool, tx: SyncSender<Msg>) {
    let sink = Sink {
        tx,
        cancel,
        options,
    };
    for (index, input) in files.iter().enumerate() {
        if sink.cancelled() {
            return;
        }
        let path = match input {
            Input::Path(p) => p,
            Input::Memory { name, bytes } => {
                if sink
                    .tx
                    .send(Msg::File {
                        index,
                        path: name.clone(),
                    })
                    .is_err()
                {
                    return;
                }
                match Format::from_name(name) {
                    Some(format) => read_stream(*bytes, bytes.len() as u64, name, format, &sink),
                    None => {
                        sink.failed(name.clone(), "not a supported article file");
                    }
                }
                continue;
            }
        };
        let display = path.display().to_string();
        if sink
            .tx
            .send(Msg::File {
                index,
                path: display.clone(),
            })
            .is_err()
        {
            return;
        }
        let Some(format) = Format::from_name(&display) else {
            sink.failed(
                display,
                format!("not a supported article file (supported: {SUPPORTED})"),
            );
            continue;
        };
        let file = match std::fs::File::open(path) {
            Ok(f) => f,
            Err(e) => {
                sink.failed(display, describe_io(&e));
                continue;
            }
        };
        let len = file.metadata().map(|m| m.len()).unwrap_or(0);
        // A bug in a parser must cost one file, not the whole batch.
        let outcome = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
            if format == Format::Zip {
                zip::read(file, &display, &sink);
            } else {
                let reader = BufReader::with_capacity(256 * 1024, file);
                read_stream(reader, len, &display, format, &sink);
            }
        }));
        if outcome.is_err() {
            sink.failed(
                display,
                "internal error while reading this file (please report it)",
            );
        }
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
    match format {
        Format::Txt | Format::Html => match read_capped(reader, len, path) {
            Ok(bytes) if format == Format::Txt => txt::read(&bytes, path, sink),
            Ok(bytes) => html::read(&bytes, path, sink),
            Err(reason) => {
                sink.failed(path.to_owned(), reason);
            }
        },
        Format::Json => tabular::read_json(reader, path, sink),
        Format::Jsonl => tabular::read_jsonl(reader, path, sink),
        Format::Csv => tabular::read_csv(reader, path, sink),
        Format::Warc | Format::Arc => warc::read(reader, path, sink),
        Format::Zip => {
            sink.failed(
                path.to_owned(),
                "a zip archive inside a zip archive is not imported",
            );
        }
    }
}

fn read_capped(reader: impl Read, len: u64, path: &str) -> Result<Vec<u8>, String> {
    if len > MAX_ARTICLE_BYTES {
        return Err(too_large(len));
    }
    let mut bytes = Vec::with_capacity(len as usize);
    reader
        .take(MAX_ARTICLE_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| format!("{path}: {}", describe_io(&e)))?;
    if bytes.len() as u64 > MAX_ARTICLE_BYTES {
        return Err(too_large(bytes.len() as u64));
    }
    Ok(bytes)
}

pub(crate) fn too_large(len: u64) -> String {
    format!(
        "too large for one article ({} MB; the limit is {} MB)",
        len / (1024 * 1024),
        MAX_ARTICLE_BYTES / (1024 * 1024)
    )
}

pub(crate) fn describe_io(e: &std::io::Error) -> String {
    match e.kind() {
        std::io::ErrorKind::NotFound => "no such file or folder".into(),
        std::io::ErrorKind::PermissionDenied => "permission denied".into(),
        std::io::ErrorKind::UnexpectedEof => "the file ends too early (truncated)".into(),
        std::io::ErrorKind::InvalidData => format!("damaged data: {e}"),
        _ => e.to_string(),
    }
}
