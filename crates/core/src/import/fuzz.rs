//! Feeds [`hostile`](super::hostile) inputs through the real import path
//! (`import_inputs` into a real library) and counts what went wrong: caught
//! panics ("internal error" items, or a panic of the import itself) and the
//! slowest input. [`read`] runs the same inputs through the reading side only
//! (parsers and article preparation, everything a hostile file reaches before
//! the store), which is what a parser fuzzer such as cargo-fuzz exercises and
//! what makes 10^6 inputs per parser a run of minutes rather than hours.

use std::borrow::Cow;
use std::sync::atomic::AtomicBool;
use std::time::{Duration, Instant};

use super::hostile::{self, Parser};
use super::{
    import_inputs, in_flight, read_all, ImportEvent, ImportOptions, Input, ItemStatus, Msg,
};
use crate::error::Result;
use crate::store::Library;

/// Inputs imported per call of `import_inputs`: one call per input would
/// time the call's fixed cost (transactions, statistics) more than the parser.
const CHUNK: u64 = 64;

#[derive(Debug, Clone, Default)]
pub struct FuzzReport {
    pub inputs: u64,
    /// Caught panics: inputs reported as an internal error, or a panic of the import.
    pub crashes: u64,
    /// Inputs (by index) that panicked, the first few.
    pub crashed: Vec<u64>,
    pub imported: u64,
    pub failed_items: u64,
    /// The longest time one input took, from its start to the next input's
    /// start as the writer saw them (parsing and storing).
    pub slowest: Duration,
    pub slowest_index: u64,
}

/// Imports inputs `first..first + count` of the run `seed` for `parser` into `library`.
pub fn run(
    library: &mut Library,
    parser: Parser,
    seed: u64,
    first: u64,
    count: u64,
) -> Result<FuzzReport> {
    let mut report = FuzzReport::default();
    let mut start = first;
    let end = first + count;
    while start < end {
        let n = CHUNK.min(end - start);
        let inputs = chunk(parser, seed, start, n);
        let mut began: Option<(u64, Instant)> = None;
        let mut crashed = Vec::new();
        let finish = |report: &mut FuzzReport, index: u64, at: Instant| {
            let took = at.elapsed();
            if took > report.slowest {
                report.slowest = took;
                report.slowest_index = index;
            }
        };
        let outcome = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
            import_inputs(
                library,
                inputs,
                &ImportOptions::default(),
                &AtomicBool::new(false),
                &mut |e| match e {
                    ImportEvent::File { index, .. } => {
                        if let Some((i, at)) = began.take() {
                            finish(&mut report, i, at);
                        }
                        began = Some((start + index as u64, Instant::now()));
                    }
                    ImportEvent::Item(item) => match item.status {
                        ItemStatus::Failed => {
                            report.failed_items += 1;
                            let internal = item
                                .error
                                .as_deref()
                                .is_some_and(|e| e.starts_with("internal error"));
                            if internal {
                                crashed.push(began.map_or(start, |(i, _)| i));
                            }
                        }
                        _ => report.imported += 1,
                    },
                    ImportEvent::Planned { .. } => {}
                },
            )
        }));
        if let Some((i, at)) = began {
            finish(&mut report, i, at);
        }
        match outcome {
            Ok(result) => {
                result?;
            }
            Err(_) => crashed.push(start),
        }
        report.crashes += crashed.len() as u64;
        report
            .crashed
            .extend(crashed.into_iter().take(10 - report.crashed.len().min(10)));
        report.inputs += n;
        start += n;
    }
    Ok(report)
}

/// Reads inputs `first..first + count` of the run `seed` for `parser` through
/// the reading side of the import (the reader thread of `import_inputs`, with
/// its catch_unwind per file and its in-flight budget), discarding the
/// prepared articles instead of storing them.
pub fn read(parser: Parser, seed: u64, first: u64, count: u64) -> FuzzReport {
    let mut report = FuzzReport::default();
    let mut start = first;
    let end = first + count;
    let options = ImportOptions::default();
    let cancel = AtomicBool::new(false);
    while start < end {
        let n = CHUNK.min(end - start);
        let inputs = chunk(parser, seed, start, n);
        let (tx, rx) = in_flight::channel();
        let mut began: Option<(u64, Instant)> = None;
        let finish = |report: &mut FuzzReport, began: Option<(u64, Instant)>| {
            if let Some((i, at)) = began {
                let took = at.elapsed();
                if took > report.slowest {
                    report.slowest = took;
                    report.slowest_index = i;
                }
            }
        };
        let outcome = std::thread::scope(|scope| {
            let reader = scope.spawn(|| read_all(&inputs, &options, &cancel, tx));
            for msg in rx {
                match msg {
                    Msg::File { index, .. } => {
                        finish(&mut report, began.take());
                        began = Some((start + index as u64, Instant::now()));
                    }
                    Msg::Failed { reason, .. } => {
                        report.failed_items += 1;
                        if reason.starts_with("internal error") {
                            report.crashes += 1;
                            if report.crashed.len() < 10 {
                                report.crashed.push(began.map_or(start, |(i, _)| i));
                            }
                        }
                    }
                    Msg::Article(_) => report.imported += 1,
                }
            }
            finish(&mut report, began.take());
            reader.join()
        });
        if outcome.is_err() {
            report.crashes += 1;
            if report.crashed.len() < 10 {
                report.crashed.push(start);
            }
        }
        report.inputs += n;
        start += n;
    }
    report
}

/// Inputs `start..start + n` of the run `seed` for `parser`, as in-memory files.
fn chunk(parser: Parser, seed: u64, start: u64, n: u64) -> Vec<Input> {
    (start..start + n)
        .map(|i| {
            let (name, bytes) = hostile::input(parser, seed, i);
            Input::Memory {
                name,
                bytes: Cow::Owned(bytes),
            }
        })
        .collect()
}
