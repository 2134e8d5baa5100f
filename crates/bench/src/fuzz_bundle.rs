//! `litopys-bench fuzz-bundle`: a long seeded fuzz run of bundle import (the
//! test suite runs 1,500 inputs; this runs as many as asked), reporting
//! crashes, damaged libraries, the slowest input and peak memory.

use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Instant;

use litopys_core::fuzz::bundle as bundle_fuzz;
use litopys_core::Error;

#[derive(clap::Args)]
pub struct Options {
    /// Mutated bundles to import
    #[arg(long, default_value_t = 100_000)]
    inputs: u64,
    /// Seed of the mutations (the same seed gives the same inputs)
    #[arg(long, default_value_t = 14)]
    seed: u64,
    /// Work folder (default: a temporary one, removed afterwards)
    #[arg(long)]
    work: Option<PathBuf>,
    /// Print JSON instead of text
    #[arg(long)]
    json: bool,
}

/// Peak resident memory of this process in MB (`VmHWM`), where the OS tells it.
fn peak_rss_mb() -> Option<f64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    let kb: f64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kb / 1024.0)
}

pub fn run(o: Options) -> Result<ExitCode, Error> {
    let remove_after = o.work.is_none();
    let work = o.work.unwrap_or_else(|| {
        std::env::temp_dir().join(format!("litopys-fuzz-bundle-{}", std::process::id()))
    });
    std::fs::create_dir_all(&work).map_err(|e| Error::io(&work, e))?;
    let started = Instant::now();
    let mut next_note = 10.0;
    let report = bundle_fuzz::run(&work, o.inputs, o.seed, &mut |r| {
        let secs = started.elapsed().as_secs_f64();
        if secs >= next_note {
            next_note = secs + 10.0;
            eprintln!(
                "{} inputs, {} crashes, {} damaged, slowest {:.1} ms, {:.0} s",
                r.inputs,
                r.crashes.len(),
                r.damaged.len(),
                r.slowest_ms,
                secs
            );
        }
    });
    if remove_after {
        let _ = std::fs::remove_dir_all(&work);
    }
    let report = report?;
    let seconds = started.elapsed().as_secs_f64();
    let rss = peak_rss_mb();
    if o.json {
        let v = serde_json::json!({"report": report, "seconds": seconds, "peak_rss_mb": rss});
        println!("{v}");
    } else {
        println!(
            "{} inputs (seed {}) in {seconds:.0} s: {} crashes, {} damaged libraries; \
             {} files refused, {} lines refused, {} articles and {} annotations stored; \
             slowest input {:.1} ms (case {}); peak RSS {}",
            report.inputs,
            o.seed,
            report.crashes.len(),
            report.damaged.len(),
            report.files_refused,
            report.lines_refused,
            report.articles_added,
            report.annotations_added,
            report.slowest_ms,
            report.slowest_case,
            rss.map_or("unknown".into(), |r| format!("{r:.0} MB"))
        );
        for c in report.crashes.iter().chain(&report.damaged) {
            println!("  {c}");
        }
    }
    Ok(if report.crashes.is_empty() && report.damaged.is_empty() {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    })
}
