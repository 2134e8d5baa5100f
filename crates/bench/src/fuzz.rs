//! `litopys-bench fuzz`: seeded hostile inputs for each import parser through
//! the real import path (`--stage import`, parse and store) or its reading
//! side (`--stage read`, parsers and article preparation on several threads),
//! reporting crashes (caught panics), the slowest input and peak memory.
//! Fails when an input panics or takes over 2 s. The time that counts is the
//! CPU time of the slowest inputs re-run one by one after the run: under load
//! (other builds on this 2-core machine, `--threads 2`) a wall time of one
//! input within the run measured 2.3 s for an input that takes 0.3 s alone
//! (jsonl input 672922), which is the machine's hang, not the parser's.

use std::borrow::Cow;
use std::process::ExitCode;
use std::sync::atomic::AtomicBool;
use std::time::{Duration, Instant};

use litopys_core::fuzz::hostile::Parser;
use litopys_core::fuzz::import::{self as fuzz, FuzzReport};
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
    /// Parsed and prepared, then dropped: the reading side at full speed.
    Read,
    /// Parsed only, each article found counted and dropped before its
    /// preparation: the parsers alone (same reader, same caps).
    Parse,
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
    /// Wall time of the slowest input within the run (under the run's own load).
    slowest_ms: f64,
    slowest_input: u64,
    /// The slowest of the run's slowest inputs re-run alone: CPU time (wall
    /// time where the platform does not say) and which input.
    alone_cpu_ms: f64,
    alone_input: u64,
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
            Stage::Read | Stage::Parse => read_stage(p, inputs, seed, stage, threads.max(1)),
        };
        let (alone_cpu_ms, alone_input) = retime_alone(p, seed, stage, &total)?;
        let row = Row {
            parser: p.name(),
            stage: match stage {
                Stage::Import => "import",
                Stage::Read => "read",
                Stage::Parse => "parse",
            },
            inputs: total.inputs,
            crashes: total.crashes,
            crashed_inputs: total.crashed,
            imported: total.imported,
            failed_items: total.failed_items,
            slowest_ms: total.slowest.as_secs_f64() * 1000.0,
            slowest_input: total.slowest_index,
            alone_cpu_ms,
            alone_input,
            seconds: started.elapsed().as_secs_f64(),
            peak_rss_mb: peak_rss_mb(),
        };
        if !json {
            println!(
                "{:<6} {:<6} inputs {:>9}  crashes {:>3}  slowest {:>8.1} ms (input {}), \
                 alone {:.1} ms CPU (input {})  items {} imported / {} failed  {:.1} s  \
                 peak RSS {:.0} MB",
                row.parser,
                row.stage,
                row.inputs,
                row.crashes,
                row.slowest_ms,
                row.slowest_input,
                row.alone_cpu_ms,
                row.alone_input,
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
        .any(|r| r.crashes > 0 || r.alone_cpu_ms > LIMIT.as_secs_f64() * 1000.0);
    if bad {
        eprintln!(
            "FAILED: an input panicked or took over {} s of CPU alone (reproduce with \
             litopys_core::fuzz::hostile::input(parser, {seed}, input))",
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
    import_stage_from(p, seed, 0, inputs)
}

/// Imports inputs `first..first + inputs`, a fresh library every [`PER_LIBRARY`].
fn import_stage_from(p: Parser, seed: u64, first: u64, inputs: u64) -> Result<FuzzReport, Error> {
    let mut total = FuzzReport::default();
    let mut done = 0;
    while done < inputs {
        let n = PER_LIBRARY.min(inputs - done);
        let dir = tempdir(p, first + done)?;
        let mut lib = Library::open(&dir.join("fuzz.litopys"))?;
        let r = fuzz::run(&mut lib, p, seed, first + done, n)?;
        drop(lib);
        let _ = std::fs::remove_dir_all(&dir);
        total.merge(r);
        done += n;
    }
    Ok(total)
}

/// Splits the inputs into `threads` contiguous shares, each read on its own thread.
fn read_stage(p: Parser, inputs: u64, seed: u64, stage: Stage, threads: u64) -> FuzzReport {
    let share = inputs.div_ceil(threads);
    let reports: Vec<FuzzReport> = std::thread::scope(|scope| {
        let handles: Vec<_> = (0..threads)
            .map(|t| {
                let first = (t * share).min(inputs);
                let n = share.min(inputs - first);
                scope.spawn(move || match stage {
                    Stage::Parse => fuzz::parse(p, seed, first, n),
                    _ => fuzz::read(p, seed, first, n),
                })
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
        total.merge(r);
    }
    total
}

/// Re-runs the run's slowest inputs one at a time, with nothing else running
/// in this process, and returns the largest CPU time one of them took and
/// its index.
fn retime_alone(
    p: Parser,
    seed: u64,
    stage: Stage,
    total: &FuzzReport,
) -> Result<(f64, u64), Error> {
    let mut worst = (0.0_f64, total.slowest_index);
    for &(_, index) in &total.slow {
        let cpu_before = process_cpu();
        let wall = Instant::now();
        match stage {
            Stage::Read => {
                fuzz::read(p, seed, index, 1);
            }
            Stage::Parse => {
                fuzz::parse(p, seed, index, 1);
            }
            Stage::Import => {
                import_stage_from(p, seed, index, 1)?;
            }
        }
        let wall_ms = wall.elapsed().as_secs_f64() * 1000.0;
        let ms = match (cpu_before, process_cpu()) {
            (Some(a), Some(b)) => (b - a).as_secs_f64() * 1000.0,
            _ => wall_ms,
        };
        if ms > worst.0 {
            worst = (ms, index);
        }
    }
    Ok(worst)
}

/// CPU time (user + system) this process has used, from `/proc/self/stat`;
/// `None` where there is no /proc. Its unit is USER_HZ, which Linux fixes
/// at 100 a second for /proc whatever the kernel's own tick: 10 ms steps,
/// fine against a 2 s limit.
fn process_cpu() -> Option<Duration> {
    let stat = std::fs::read_to_string("/proc/self/stat").ok()?;
    // Fields after the command name in parentheses (which may hold spaces):
    // state is field 3, utime 14, stime 15.
    let rest = &stat[stat.rfind(')')? + 2..];
    let fields: Vec<&str> = rest.split_whitespace().collect();
    let utime: u64 = fields.get(11)?.parse().ok()?;
    let stime: u64 = fields.get(12)?.parse().ok()?;
    Some(Duration::from_millis((utime + stime) * 10))
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
