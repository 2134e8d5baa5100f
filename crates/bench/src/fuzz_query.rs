//! `litopys-bench fuzz-query`: random queries through the parser, the
//! compiler and a real search of the sample library. Every query must give
//! results or an `invalid_query` message: a panic, any other error or a query
//! slower than 2 s is counted against it.

use std::process::ExitCode;
use std::time::{Duration, Instant};

use litopys_core::search::{search, Sort};
use litopys_core::{Error, Library};
use serde::Serialize;

#[derive(Debug, Serialize)]
struct Report {
    inputs: u64,
    seed: u64,
    answered: u64,
    invalid_query: u64,
    other_errors: u64,
    crashes: u64,
    over_2s: u64,
    slowest_ms: f64,
    peak_rss_mb: f64,
    seconds: f64,
}

const PIECES: [&str; 41] = [
    "\"",
    "«",
    "»",
    "“",
    "”",
    "(",
    ")",
    "*",
    "-",
    " ",
    ":",
    ",",
    "OR ",
    "AND ",
    "NOT ",
    "NEAR(",
    "title:",
    "source:",
    "lang:",
    "tag:",
    "after:",
    "before:",
    "date:",
    "in:all ",
    "note:",
    "has:",
    "skip:",
    "..",
    "2022",
    "-01",
    "Лавров",
    "перегов",
    "обов’язково",
    "c",
    "5",
    "😀",
    "'",
    "\\",
    "\u{301}",
    "\u{200b}",
    "\u{0}",
];

/// Peak resident memory of this process (Linux; 0 elsewhere).
pub fn peak_rss_mb() -> f64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("VmHWM:"))
                .and_then(|l| l.split_whitespace().nth(1))
                .and_then(|kb| kb.parse::<f64>().ok())
        })
        .map(|kb| kb / 1024.0)
        .unwrap_or(0.0)
}

pub fn run(inputs: u64, seed: u64, json: bool) -> Result<ExitCode, Error> {
    let mut lib = Library::open_in_memory()?;
    litopys_core::demo::add_samples(&mut lib)?;
    let started = Instant::now();
    let mut state = seed.max(1);
    let mut next = move || {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        state
    };
    let mut r = Report {
        inputs,
        seed,
        answered: 0,
        invalid_query: 0,
        other_errors: 0,
        crashes: 0,
        over_2s: 0,
        slowest_ms: 0.0,
        peak_rss_mb: 0.0,
        seconds: 0.0,
    };
    // Panics are counted, not printed a million times.
    std::panic::set_hook(Box::new(|_| {}));
    for i in 0..inputs {
        let mut q = String::new();
        let shape = next() % 100;
        if shape < 90 {
            for _ in 0..(next() % 16) {
                q.push_str(PIECES[(next() % PIECES.len() as u64) as usize]);
            }
        } else if shape < 97 {
            // Random code points, printable or not.
            for _ in 0..(next() % 64) {
                if let Some(c) = char::from_u32((next() % 0x3_0000) as u32) {
                    q.push(c);
                }
            }
        } else {
            // Long and deep: one piece repeated thousands of times.
            let piece = PIECES[(next() % PIECES.len() as u64) as usize];
            q = piece.repeat(1 + (next() % 5_000) as usize);
        }
        let t = Instant::now();
        let outcome = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
            search(lib.conn(), &q, Sort::Relevance, 5, 0)
        }));
        let took = t.elapsed();
        match outcome {
            Ok(Ok(_)) => r.answered += 1,
            Ok(Err(Error::InvalidQuery(_))) => r.invalid_query += 1,
            Ok(Err(_)) => r.other_errors += 1,
            Err(_) => r.crashes += 1,
        }
        if took > Duration::from_secs(2) {
            r.over_2s += 1;
        }
        r.slowest_ms = r.slowest_ms.max(took.as_secs_f64() * 1000.0);
        if !json && i > 0 && i % 100_000 == 0 {
            eprintln!("{i} queries…");
        }
    }
    let _ = std::panic::take_hook();
    r.peak_rss_mb = peak_rss_mb();
    r.seconds = started.elapsed().as_secs_f64();
    if json {
        println!("{}", litopys_cli::to_json(&r));
    } else {
        println!(
            "{} random queries (seed {}) in {:.1} s: {} answered, {} invalid_query, {} other errors, \
             {} crashes, {} over 2 s; slowest {:.1} ms; peak RSS {:.0} MB",
            r.inputs,
            r.seed,
            r.seconds,
            r.answered,
            r.invalid_query,
            r.other_errors,
            r.crashes,
            r.over_2s,
            r.slowest_ms,
            r.peak_rss_mb
        );
    }
    let bad = r.crashes + r.other_errors + r.over_2s > 0;
    Ok(if bad {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}
