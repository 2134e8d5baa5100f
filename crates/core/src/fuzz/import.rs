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
use crate::error::Result;
use crate::import::{
    import_inputs, in_flight, read_files, ImportEvent, ImportOptions, Input, ItemErrorKind,
    ItemStatus, Msg, Reading,
};
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
    /// The slowest inputs by that time, slowest first (at most [`SLOW_KEPT`]):
    /// on a loaded machine a wall time over the limit may be another process's
    /// doing, so callers re-time these alone before calling one a hang.
    pub slow: Vec<(Duration, u64)>,
}

/// How many of the slowest inputs a report keeps.
pub const SLOW_KEPT: usize = 16;

impl FuzzReport {
    /// Notes that input `index` took `took`.
    pub fn timed(&mut self, took: Duration, index: u64) {
        if took > self.slowest {
            self.slowest = took;
            self.slowest_index = index;
        }
        if self.slow.len() < SLOW_KEPT || self.slow.last().is_some_and(|(t, _)| took > *t) {
            let at = self.slow.partition_point(|(t, _)| *t >= took);
            self.slow.insert(at, (took, index));
            self.slow.truncate(SLOW_KEPT);
        }
    }

    /// Adds `other`'s counts and slow inputs to this report.
    pub fn merge(&mut self, other: FuzzReport) {
        for (took, index) in other.slow {
            self.timed(took, index);
        }
        if other.slowest > self.slowest {
            self.slowest = other.slowest;
            self.slowest_index = other.slowest_index;
        }
        self.inputs += other.inputs;
        self.crashes += other.crashes;
        self.crashed.extend(other.crashed);
        self.crashed.truncate(10);
        self.imported += other.imported;
        self.failed_items += other.failed_items;
    }
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
            report.timed(at.elapsed(), index);
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
    read_as(parser, seed, first, count, Reading::Prepare)
}

/// Runs inputs `first..first + count` through the parsers alone: the same
/// reader as [`read`], with its catch_unwind per file and every cap, but the
/// articles found are counted (as `imported`) instead of prepared.
pub fn parse(parser: Parser, seed: u64, first: u64, count: u64) -> FuzzReport {
    read_as(parser, seed, first, count, Reading::ParseOnly)
}

fn read_as(parser: Parser, seed: u64, first: u64, count: u64, reading: Reading) -> FuzzReport {
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
                report.timed(at.elapsed(), i);
            }
        };
        let outcome = std::thread::scope(|scope| {
            let reader = scope.spawn(|| read_files(&inputs, &options, &cancel, tx, reading));
            for msg in rx {
                match msg {
                    Msg::File { index, .. } => {
                        finish(&mut report, began.take());
                        began = Some((start + index as u64, Instant::now()));
                    }
                    Msg::Failed { error, .. } => {
                        report.failed_items += 1;
                        if error.kind == ItemErrorKind::Internal {
                            report.crashes += 1;
                            if report.crashed.len() < 10 {
                                report.crashed.push(began.map_or(start, |(i, _)| i));
                            }
                        }
                    }
                    Msg::Article(..) => report.imported += 1,
                }
            }
            finish(&mut report, began.take());
            reader.join()
        });
        if let Ok(parsed) = outcome {
            report.imported += parsed;
        } else {
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_report_keeps_the_slowest_inputs_slowest_first_across_merges() {
        let mut a = FuzzReport::default();
        let mut b = FuzzReport::default();
        for i in 0..40u64 {
            // Times that are not in index order: 7i mod 40 ms.
            let ms = (i * 7) % 40;
            let r = if i % 2 == 0 { &mut a } else { &mut b };
            r.timed(Duration::from_millis(ms), i);
        }
        a.merge(b);
        assert_eq!(a.slow.len(), SLOW_KEPT);
        let times: Vec<u64> = a.slow.iter().map(|(t, _)| t.as_millis() as u64).collect();
        let expected: Vec<u64> = (0..SLOW_KEPT as u64).map(|k| 39 - k).collect();
        assert_eq!(times, expected);
        assert_eq!(a.slowest, Duration::from_millis(39));
        // 7i ≡ 39 (mod 40) at i = 17.
        assert_eq!(a.slowest_index, 17);
        assert_eq!(a.slow[0].1, 17);
    }
}
