//! `litopys bench fuzz`: seeded hostile inputs for each import parser through
//! the real import path (`--stage import`, parse and store) or its reading
//! side (`--stage read`, parsers and article preparation on several threads),
//! reporting crashes (caught panics), the slowest input and peak memory.
//! Fails when an input panics or takes over 2 s.

use std::borrow::Cow;
use std::process::ExitCode;
use std::sync::atomic::AtomicBool;
use std::time::{Duration, Instant};

use litopys_core::import::fuzz::{self, FuzzReport};
use litopys_core::import::hostile::Parser;
use litopys_core::import::{import_inputs, ImportEvent, ImportOptions, Input};
use litopys_core::{Error, Library};
use serde::Serialize;

/// Inputs imported into one library before a fresh one is started (keeps
/// the library, and the time of each insert, small over a long run).
const PER_LIBRARY: u64 = 20_000;
/// The slowest an input may take.
const LIMIT: Duration = Duration::from_secs(2);

/// How far each input goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Stage {
    /// Parsed and stored in a real library (about 9–21 ms an input for CSV and zip).
    Import,
    /// Parsed and prepared, then dropped: the parsers at full speed.
    Read,
}

#[derive(Serialize)]
struct Row {
    parser: &'static str,
    stage: &'static str,
    inputs: u64,
    crashes: u64,
    crashed_inputs: Vec<u64>,
    imported: u64,
    failed_items: u64,
    slowest_ms: f64,
    slowest_input: u64,
    seconds: f64,
    peak_rss_mb: f64,
}

pub fn run(
    parser: &str,
    inputs: u64,
    seed: u64,
    stage: Stage,
    threads: u64,
    json: bool,
) -> Result<ExitCode, Error> {
    let parsers: Vec<Parser> = if parser == "all" {
        Parser::ALL.to_vec()
    } else {
        let p = Parser::from_name(parser).ok_or_else(|| {
            Error::InvalidInput(format!(
                "unknown parser {parser:?}; use html, csv, json, jsonl, warc, zip or all"
            ))
        })?;
        vec![p]
    };
    if parsers.contains(&Parser::Html) {
        shapes(json)?;
    }
    let mut rows = Vec::new();
    for p in parsers {
        let started = Instant::now();
        let total = match stage {
            Stage::Import => import_stage(p, inputs, seed)?,
            Stage::Read => read_stage(p, inputs, seed, threads.max(1)),
        };
        let row = Row {
            parser: p.name(),
            stage: match stage {
                Stage::Import => "import",
                Stage::Read => "read",
            },
            inputs: total.inputs,
            crashes: total.crashes,
            crashed_inputs: total.crashed,
            imported: total.imported,
            failed_items: total.failed_items,
            slowest_ms: total.slowest.as_secs_f64() * 1000.0,
            slowest_input: total.slowest_index,
            seconds: started.elapsed().as_secs_f64(),
            peak_rss_mb: peak_rss_mb(),
        };
        if !json {
            println!(
                "{:<6} {:<6} inputs {:>9}  crashes {:>3}  slowest {:>8.1} ms (input {})  \
                 items {} imported / {} failed  {:.1} s  peak RSS {:.0} MB",
                row.parser,
                row.stage,
                row.inputs,
                row.crashes,
                row.slowest_ms,
                row.slowest_input,
                row.imported,
                row.failed_items,
                row.seconds,
                row.peak_rss_mb
            );
        }
        rows.push(row);
    }
    if json {
        println!(
            "{}",
            serde_json::to_string_pretty(&rows).map_err(|e| Error::InvalidInput(e.to_string()))?
        );
    }
    let bad = rows
        .iter()
        .any(|r| r.crashes > 0 || r.slowest_ms > LIMIT.as_secs_f64() * 1000.0);
    if bad {
        eprintln!(
            "FAILED: an input panicked or took over {} s (reproduce with \
             litopys_core::import::hostile::input(parser, {seed}, input))",
            LIMIT.as_secs()
        );
        return Ok(ExitCode::FAILURE);
    }
    Ok(ExitCode::SUCCESS)
}

/// The page shapes of issue 14.1, each imported alone: wall time of the import.
fn shapes(json: bool) -> Result<(), Error> {
    let nested = |tag: &str, n: usize| {
        format!(
            "<html><head><title>t</title></head><body>{}<p>Текст сторінки.</p>{}</body></html>",
            format!("<{tag}>").repeat(n),
            format!("</{tag}>").repeat(n)
        )
    };
    let siblings = |n: usize| {
        let p = "<p>Речення абзацу, досить довге для статті, з кількома словами.</p>";
        format!(
            "<html><head><title>t</title></head><body>{}</body></html>",
            p.repeat(n)
        )
    };
    let pages = [
        ("nested <div> x 8,000", nested("div", 8_000)),
        ("nested <div> x 100,000", nested("div", 100_000)),
        ("nested <b> x 50,000", nested("b", 50_000)),
        ("nested <table> x 20,000", nested("table", 20_000)),
        ("sibling <p> x 100,000", siblings(100_000)),
    ];
    for (what, page) in pages {
        let dir = tempdir(Parser::Html, u64::MAX)?;
        let mut lib = Library::open(&dir.join("shape.litopys"))?;
        let input = Input::Memory {
            name: "shape.html".into(),
            bytes: Cow::Owned(page.into_bytes()),
        };
        let mut status = String::new();
        let started = Instant::now();
        import_inputs(
            &mut lib,
            vec![input],
            &ImportOptions::default(),
            &AtomicBool::new(false),
            &mut |e| {
                if let ImportEvent::Item(i) = e {
                    status = format!("{:?}", i.status).to_lowercase();
                }
            },
        )?;
        let ms = started.elapsed().as_secs_f64() * 1000.0;
        drop(lib);
        let _ = std::fs::remove_dir_all(&dir);
        if json {
            eprintln!("{what}: {ms:.0} ms ({status})");
        } else {
            println!("{what:<26} {ms:>8.0} ms  {status}");
        }
    }
    Ok(())
}

fn import_stage(p: Parser, inputs: u64, seed: u64) -> Result<FuzzReport, Error> {
    let mut total = FuzzReport::default();
    let mut done = 0;
    while done < inputs {
        let n = PER_LIBRARY.min(inputs - done);
        let dir = tempdir(p, done)?;
        let mut lib = Library::open(&dir.join("fuzz.litopys"))?;
        let r = fuzz::run(&mut lib, p, seed, done, n)?;
        drop(lib);
        let _ = std::fs::remove_dir_all(&dir);
        merge(&mut total, r);
        done += n;
    }
    Ok(total)
}

/// Splits the inputs into `threads` contiguous shares, each read on its own thread.
fn read_stage(p: Parser, inputs: u64, seed: u64, threads: u64) -> FuzzReport {
    let share = inputs.div_ceil(threads);
    let reports: Vec<FuzzReport> = std::thread::scope(|scope| {
        let handles: Vec<_> = (0..threads)
            .map(|t| {
                let first = (t * share).min(inputs);
                let n = share.min(inputs - first);
                scope.spawn(move || fuzz::read(p, seed, first, n))
            })
            .collect();
        handles
            .into_iter()
            .map(|h| {
                h.join().unwrap_or_else(|_| FuzzReport {
                    crashes: 1,
                    ..FuzzReport::default()
                })
            })
            .collect()
    });
    let mut total = FuzzReport::default();
    for r in reports {
        merge(&mut total, r);
    }
    total
}

fn merge(total: &mut FuzzReport, r: FuzzReport) {
    if r.slowest > total.slowest {
        total.slowest = r.slowest;
        total.slowest_index = r.slowest_index;
    }
    total.inputs += r.inputs;
    total.crashes += r.crashes;
    total.crashed.extend(r.crashed);
    total.crashed.truncate(10);
    total.imported += r.imported;
    total.failed_items += r.failed_items;
}

fn tempdir(parser: Parser, first: u64) -> Result<std::path::PathBuf, Error> {
    let dir = std::env::temp_dir().join(format!(
        "litopys-fuzz-{}-{}-{first}",
        std::process::id(),
        parser.name()
    ));
    std::fs::create_dir_all(&dir)
        .map_err(|e| Error::InvalidInput(format!("cannot create {}: {e}", dir.display())))?;
    Ok(dir)
}

/// This process's peak resident memory (VmHWM), in MB; 0 where /proc is absent.
fn peak_rss_mb() -> f64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find_map(|l| l.strip_prefix("VmHWM:"))
                .and_then(|v| v.trim().trim_end_matches("kB").trim().parse::<f64>().ok())
        })
        .map_or(0.0, |kb| kb / 1024.0)
}
