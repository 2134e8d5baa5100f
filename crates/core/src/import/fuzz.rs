//! Feeds [`hostile`](super::hostile) inputs through the real import path
//! (`import_inputs` into a real library) and counts what went wrong: caught
//! panics ("internal error" items, or a panic of the import itself) and the
//! slowest input.

use std::borrow::Cow;
use std::sync::atomic::AtomicBool;
use std::time::{Duration, Instant};

use super::hostile::{self, Parser};
use super::{import_inputs, ImportEvent, ImportOptions, Input, ItemStatus};
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
        let inputs: Vec<Input> = (start..start + n)
            .map(|i| {
                let (name, bytes) = hostile::input(parser, seed, i);
                Input::Memory {
                    name,
                    bytes: Cow::Owned(bytes),
                }
            })
            .collect();
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
