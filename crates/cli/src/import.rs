//! `litopys import`: progress on a terminal, a streamed JSON report, Ctrl-C to cancel.

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use litopys_core::import::{FieldMap, ImportEvent, ImportOptions, ItemReport, ItemStatus};
use litopys_core::importing::import_any;
use litopys_core::{Error, Library};

use crate::terminal::line;

#[derive(clap::Args)]
pub struct ImportArgs {
    /// Source/outlet for articles whose file does not name one
    #[arg(long, value_name = "NAME")]
    source: Option<String>,
    /// Map a field to a JSON/CSV column with another name: title, body, url, date, source, author, language
    #[arg(long = "map", value_name = "FIELD=COLUMN")]
    map: Vec<String>,
    /// Print a JSON report
    #[arg(long)]
    json: bool,
    /// Keep every line as story text: for files whose text is already clean (no menus,
    /// captions or "read also" lines to set aside); the import is faster too
    #[arg(long)]
    no_block_classification: bool,
    /// Leave story detection for the next command that opens the library (or the next
    /// import): a large import is done and searchable sooner
    #[arg(long)]
    no_story_detection: bool,
    /// Files and folders to import
    #[arg(required = true)]
    paths: Vec<PathBuf>,
}

pub fn run(lib: &mut Library, args: ImportArgs) -> Result<ExitCode, Error> {
    let fields =
        FieldMap::parse(args.map.iter().map(String::as_str)).map_err(Error::InvalidInput)?;
    let options = ImportOptions {
        source: args.source,
        fields,
        skip_blocks: args.no_block_classification,
        skip_stories: args.no_story_detection,
    };
    let cancel = Arc::new(AtomicBool::new(false));
    install_ctrlc(cancel.clone());
    let bar = ProgressBar::with_draw_target(None, ProgressDrawTarget::stderr_with_hz(8));
    bar.set_style(
        ProgressStyle::with_template("{bar:30} {pos}/{len} files  {msg}")
            .unwrap_or_else(|_| ProgressStyle::default_bar()),
    );
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    let mut first = true;
    let mut failures = Vec::new();
    let mut bundles = Vec::new();
    let (mut imported, mut duplicates, mut failed) = (0u64, 0u64, 0u64);
    if args.json {
        let _ = write!(out, "{{\"files\": [");
    }
    let summary = import_any(
        lib,
        &args.paths,
        &options,
        &cancel,
        &mut |b| {
            bundles.push(b.clone());
            if args.json {
                return;
            }
            match (&b.merge, &b.error) {
                (Some(t), _) => {
                    for f in &t.failed {
                        eprintln!("failed: {}", line(f));
                    }
                    println!(
                        "{}: {} articles added, {} already here; tags {} added, {} updated; \
                         annotations {} added, {} updated; {} lines failed",
                        line(&b.path),
                        t.articles_added,
                        t.articles_known,
                        t.tags_added,
                        t.tags_updated,
                        t.annotations_added,
                        t.annotations_updated,
                        t.failed.len()
                    );
                }
                (None, Some(e)) => eprintln!("failed: {}", line(&e.message)),
                (None, None) => {}
            }
        },
        &mut |event| match event {
            ImportEvent::Planned { files } => bar.set_length(files as u64),
            ImportEvent::File { index, path } => {
                bar.set_position(index as u64);
                bar.set_message(format!(
                    "{imported} imported, {duplicates} duplicates, {failed} failed  {}",
                    line(&path)
                ));
            }
            ImportEvent::Item(item) => {
                match item.status {
                    ItemStatus::Imported => imported += 1,
                    ItemStatus::Duplicate => duplicates += 1,
                    ItemStatus::Failed => failed += 1,
                }
                if args.json {
                    let sep = if first { "\n  " } else { ",\n  " };
                    first = false;
                    let _ = write!(
                        out,
                        "{sep}{}",
                        serde_json::to_string(&item).unwrap_or_default()
                    );
                } else if item.status == ItemStatus::Failed || item.warning.is_some() {
                    failures.push(item);
                }
            }
        },
    );
    bar.finish_and_clear();
    let summary = match summary {
        Ok(s) => s,
        // The report already begun must still be one valid JSON document,
        // counting only what was stored.
        Err(e) if args.json => {
            eprintln!("litopys: {}", line(&e.to_string()));
            let _ = writeln!(
                out,
                "\n], \"imported\": {imported}, \"duplicates\": {duplicates}, \"failed\": {failed}, \"cancelled\": {}, \"bundles\": {}, \"error\": {}}}",
                cancel.load(Ordering::Relaxed),
                serde_json::to_value(&bundles).unwrap_or_default(),
                serde_json::json!({"code": e.code(), "message": e.to_string()})
            );
            let _ = out.flush();
            return Ok(ExitCode::from(2));
        }
        Err(e) => {
            print_failures(&mut out, &failures);
            let _ = writeln!(
                out,
                "{imported} imported, {duplicates} duplicates, {failed} failed before the import stopped"
            );
            let _ = out.flush();
            return Err(e);
        }
    };
    if args.json {
        let _ = writeln!(
            out,
            "\n], \"imported\": {}, \"duplicates\": {}, \"failed\": {}, \"warnings\": {}, \"cancelled\": {}, \"bundles\": {}}}",
            summary.imported,
            summary.duplicates,
            summary.failed,
            summary.warnings,
            summary.cancelled,
            serde_json::to_value(&summary.bundles).unwrap_or_default()
        );
    } else {
        print_failures(&mut out, &failures);
        let _ = writeln!(
            out,
            "{} imported{}, {} duplicates, {} failed{}",
            summary.imported,
            if summary.warnings > 0 {
                format!(" ({} with a warning)", summary.warnings)
            } else {
                String::new()
            },
            summary.duplicates,
            summary.failed,
            if summary.cancelled {
                " (cancelled: the rest was not read)"
            } else {
                ""
            }
        );
    }
    let _ = out.flush();
    Ok(if summary.incomplete() {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}

/// One line per failed item (and per item imported with a warning), the
/// path and the reason made safe for a terminal.
fn print_failures(out: &mut impl Write, failures: &[ItemReport]) {
    for f in failures {
        if f.status != ItemStatus::Failed {
            let _ = writeln!(
                out,
                "warning: {}: {}",
                line(&f.path),
                line(f.warning.as_deref().unwrap_or_default())
            );
            continue;
        }
        let _ = writeln!(
            out,
            "failed: {}: {}",
            line(&f.path),
            line(f.error.as_deref().unwrap_or("unknown error"))
        );
    }
}

/// First Ctrl-C (or SIGTERM, SIGHUP) stops after the current item and keeps
/// what was stored; a second one quits, removing an export's temporary files.
pub fn install_ctrlc(cancel: Arc<AtomicBool>) {
    let _ = ctrlc::set_handler(move || {
        if cancel.swap(true, Ordering::SeqCst) {
            // exit() runs no destructors: remove what they would have.
            litopys_core::export::staged::remove_unfinished();
            std::process::exit(130);
        }
        eprintln!("\nCancelling after the current item (Ctrl-C again to quit at once)…");
    });
}
