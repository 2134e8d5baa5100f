//! The writing side of an import: prepared articles stored in batched,
//! committed transactions, each item reported once its fate is settled, and
//! the work that follows an import (re-classification, stories, kept answers).

use std::sync::atomic::{AtomicBool, Ordering};

use super::{
    in_flight, read_all, ImportEvent, ImportOptions, ImportTotals, Input, ItemError, ItemReport,
    ItemStatus, Msg, BATCH,
};
use crate::error::{Error, Result};
use crate::store::{articles, fts, InsertOutcome, Library};

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
    let (tx, mut rx) = in_flight::channel();
    std::thread::scope(|scope| -> Result<()> {
        std::thread::Builder::new()
            .name("litopys-read".into())
            .spawn_scoped(scope, || read_all(&files, options, cancel, tx))
            .map_err(|e| Error::Internal(format!("cannot start the reader thread: {e}")))?;
        let conn = library.conn_mut();
        let mut pending: Vec<ItemReport> = Vec::new();
        let mut batch = Some(begin_write(conn, cancel)?);
        let mut in_batch = 0usize;
        // The batch's rows, whose index entries are still to write, are the
        // ones after this: every row stored since it began, even one whose
        // item failed after its row was written.
        let mut since = batch.as_ref().map(last_row).transpose()?.unwrap_or(0);
        let mut fatal: Option<Error> = None;
        for msg in rx.by_ref() {
            let Some(open) = batch.as_ref() else { break };
            match msg {
                Msg::File { index, path } => on_event(ImportEvent::File { index, path }),
                // Kept in order with the stored items around it.
                Msg::Failed { path, error } => pending.push(failed(path, error)),
                Msg::Article(article, warning) => {
                    in_batch += 1;
                    let stored = fts::without_index_trigger(|| {
                        articles::insert(open, &article, &imported_at)
                    });
                    match stored {
                        Ok(InsertOutcome::Inserted(id)) => pending.push(item(
                            article.origin_path,
                            ItemStatus::Imported,
                            id,
                            warning,
                        )),
                        Ok(InsertOutcome::Duplicate(id)) => pending.push(item(
                            article.origin_path,
                            ItemStatus::Duplicate,
                            id,
                            warning,
                        )),
                        Err(e) if open.is_autocommit() || is_fatal(&e) => {
                            // SQLite rolled the batch back (or cannot go on):
                            // nothing of it is stored.
                            pending.push(failed(article.origin_path, ItemError::not_stored(&e)));
                            fatal = Some(e);
                            break;
                        }
                        Err(e) => {
                            pending.push(failed(article.origin_path, ItemError::not_stored(&e)))
                        }
                    }
                }
            }
            if in_batch >= BATCH {
                let committed = batch.take().map(|b| commit(b, since));
                if let Some(Err(e)) = committed {
                    fatal = Some(e);
                    break;
                }
                report(on_event, &mut pending, &mut totals);
                in_batch = 0;
                match begin_write(conn, cancel).and_then(|b| Ok((last_row(&b)?, b))) {
                    Ok((last, b)) => {
                        since = last;
                        batch = Some(b);
                    }
                    Err(e) => {
                        fatal = Some(e);
                        break;
                    }
                }
            }
        }
        if fatal.is_none() {
            if let Some(b) = batch.take() {
                if let Err(e) = commit(b, since) {
                    fatal = Some(e);
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
            let keep_from = crate::search::kept::KEEP_FROM;
            let _ = crate::search::kept::keep_common_words(conn, keep_from, &cancelled);
        }
        Ok(())
    })?;
    totals.cancelled = cancel.load(Ordering::Relaxed);
    Ok(totals)
}

/// Writes the index entries of the batch's articles (inserted without the
/// trigger, see [`fts::without_index_trigger`]) and commits: the articles and
/// their entries are stored together or not at all.
fn commit(batch: rusqlite::Transaction<'_>, since: i64) -> Result<()> {
    let rows: Vec<i64> = batch
        .prepare_cached("SELECT id FROM articles WHERE id > ?1 ORDER BY id")?
        .query_map([since], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    fts::index_rows(&batch, &rows)?;
    batch.commit()?;
    Ok(())
}

/// The last article row when a batch begins (the writer holds the lock, so
/// every later row is the batch's own).
fn last_row(batch: &rusqlite::Transaction<'_>) -> Result<i64> {
    Ok(
        batch.query_row("SELECT coalesce(max(id), 0) FROM articles", [], |r| {
            r.get(0)
        })?,
    )
}

/// Brings the stories of the imported (and re-classified) articles up to
/// date, a slice per transaction like the blocks above.
fn flush_stories(conn: &rusqlite::Connection, cancel: &AtomicBool) -> Result<()> {
    use crate::store::stories;
    stories::without_foreign_keys(conn, || loop {
        let done = stories::flush_slice(begin_write(conn, cancel)?, stories::SLICE)?;
        if done < stories::SLICE {
            return Ok(());
        }
    })
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

fn failed(path: String, e: ItemError) -> ItemReport {
    ItemReport {
        path,
        status: ItemStatus::Failed,
        id: None,
        error_kind: Some(e.kind),
        error: Some(e.message),
        warning: None,
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
        if report.status != ItemStatus::Failed && report.warning.is_some() {
            totals.warnings += 1;
        }
        on_event(ImportEvent::Item(report));
    }
}

fn item(path: String, status: ItemStatus, id: String, warning: Option<String>) -> ItemReport {
    ItemReport {
        path,
        status,
        id: Some(id),
        error: None,
        error_kind: None,
        warning,
    }
}
