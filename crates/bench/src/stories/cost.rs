//! What story detection costs: import with detection against import without
//! it (each run its own process, best of N, alternating), and the
//! from-scratch story build of a large library, timed inside its own process
//! with its peak memory (`VmHWM`), beside the same build at a tenth the size.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use litopys_core::{Error, Library};
use serde::Serialize;

use super::super::corpus;

/// The `litopys import` option that leaves story detection for later (one
/// constant so the name is changed once).
pub const SKIP_DETECTION_FLAG: &str = "--no-story-detection";

#[derive(Serialize, Debug)]
pub struct ImportCost {
    pub set: String,
    pub articles: usize,
    pub with_s: f64,
    /// None when this build's import does not know the skip switch.
    pub without_s: Option<f64>,
    pub ratio: Option<f64>,
}

/// Best of `runs` imports of `jsonl` with detection and without, alternating,
/// each into a new library in `work`.
pub fn import_cost(
    exe: &Path,
    jsonl: &Path,
    name: &str,
    articles: usize,
    runs: usize,
    work: &Path,
) -> Result<ImportCost, Error> {
    let (mut with, mut without) = (f64::INFINITY, None::<f64>);
    let mut skip_known = true;
    for r in 0..runs.max(1) {
        for skip in [false, true] {
            if skip && !skip_known {
                continue;
            }
            let lib = work.join(format!("cost-{}.litopys", u8::from(skip)));
            remove_library(&lib);
            let mut args: Vec<&std::ffi::OsStr> =
                vec!["--library".as_ref(), lib.as_os_str(), "import".as_ref()];
            if skip {
                args.push(SKIP_DETECTION_FLAG.as_ref());
            }
            args.push(jsonl.as_os_str());
            eprintln!(
                "import {name}, run {} {} detection …",
                r + 1,
                if skip { "without" } else { "with" }
            );
            match (super::super::timed(exe, &args), skip) {
                (Ok((secs, _)), false) => with = with.min(secs),
                (Ok((secs, _)), true) => without = Some(without.map_or(secs, |w| w.min(secs))),
                (Err(_), true) => {
                    eprintln!("  this import does not know {SKIP_DETECTION_FLAG}: no ratio");
                    skip_known = false;
                }
                (Err(e), false) => return Err(e),
            }
            remove_library(&lib);
        }
    }
    let cost = ImportCost {
        set: name.to_owned(),
        articles,
        with_s: with,
        without_s: without,
        ratio: without.map(|w| with / w),
    };
    // Each figure as soon as it is measured: a long run stopped later keeps it.
    eprintln!("  {cost:?}");
    Ok(cost)
}

pub fn remove_library(lib: &Path) {
    for ext in ["", "-wal", "-shm"] {
        let mut p = lib.as_os_str().to_owned();
        p.push(ext);
        let _ = std::fs::remove_file(PathBuf::from(p));
    }
}

#[derive(Serialize, Debug, serde::Deserialize)]
pub struct Build {
    pub articles: u64,
    pub seconds: f64,
    pub articles_per_s: f64,
    pub peak_rss_mb: f64,
    /// Each pass's seconds and the candidate pairs judged.
    pub passes: litopys_core::store::stories::RebuildPasses,
}

/// What the from-scratch build's library is made of.
#[derive(clap::ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum ScaleCorpus {
    /// New text drawn from the corpora's word pairs, one article in five a
    /// reprint (see `newswire`).
    Newswire,
    /// The search benchmark's articles of pooled sentences.
    Sentences,
}

/// `n` synthetic articles of `kind` as JSONL, seeded.
pub fn write_synthetic(
    kind: ScaleCorpus,
    paras: &corpus::Paragraphs,
    n: usize,
    seed: u64,
    jsonl: &Path,
) -> Result<(), Error> {
    match kind {
        ScaleCorpus::Newswire => super::newswire::write(paras, n, seed, jsonl),
        ScaleCorpus::Sentences => corpus::write(paras, n, seed, jsonl, None).map(|_| ()),
    }
    .map_err(|e| Error::io(jsonl, e))
}

/// A synthetic library of `n` articles in `work` (made once: later runs with
/// the same `work` reuse it). A plain import, stories and all: a library
/// left with queued detection would do it when the build opens it, and the
/// build should find the stories current and time only itself.
pub fn scale_library(
    exe: &Path,
    paras: &corpus::Paragraphs,
    kind: ScaleCorpus,
    n: usize,
    work: &Path,
) -> Result<PathBuf, Error> {
    let name = match kind {
        ScaleCorpus::Newswire => format!("scale-newswire-{n}"),
        ScaleCorpus::Sentences => format!("scale-{n}"),
    };
    let lib = work.join(format!("{name}.litopys"));
    let done = work.join(format!("{name}.done"));
    if lib.exists() && done.exists() {
        eprintln!("reusing {}", lib.display());
        return Ok(lib);
    }
    remove_library(&lib);
    let jsonl = work.join(format!("{name}.jsonl"));
    eprintln!("generating {n} articles ({kind:?}) for the from-scratch build …");
    write_synthetic(kind, paras, n, 23, &jsonl)?;
    eprintln!("importing them into {} …", lib.display());
    let args: [&std::ffi::OsStr; 4] = [
        "--library".as_ref(),
        lib.as_os_str(),
        "import".as_ref(),
        jsonl.as_os_str(),
    ];
    let (secs, _) = super::super::timed(exe, &args)?;
    eprintln!("  imported in {secs:.0} s");
    let _ = std::fs::remove_file(&jsonl);
    std::fs::write(&done, b"").map_err(|e| Error::io(&done, e))?;
    Ok(lib)
}

/// Runs `litopys-bench stories-rebuild LIB` in its own process; its report.
pub fn build(exe: &Path, lib: &Path) -> Result<Build, Error> {
    eprintln!("building stories from scratch in {} …", lib.display());
    let out = Command::new(exe)
        .args(["stories-rebuild".as_ref(), lib.as_os_str()])
        .stderr(Stdio::inherit())
        .output()
        .map_err(|e| Error::InvalidInput(format!("cannot start {}: {e}", exe.display())))?;
    if !out.status.success() {
        return Err(Error::InvalidInput(format!(
            "the from-scratch build of {} failed",
            lib.display()
        )));
    }
    let build: Build = serde_json::from_slice(&out.stdout)
        .map_err(|e| Error::InvalidInput(format!("stories-rebuild printed no report: {e}")))?;
    eprintln!("  {build:?}");
    Ok(build)
}

/// `litopys-bench stories-rebuild LIB`: builds all stories of the library from
/// scratch and prints a `Build` report (time of the build alone; peak memory of
/// the whole process).
pub fn rebuild_command(lib_path: &Path) -> Result<(), Error> {
    let mut lib = Library::open_existing(lib_path)?;
    let articles = article_count(lib_path)?;
    let start = std::time::Instant::now();
    let passes = litopys_core::store::stories::rebuild(lib.conn_mut(), &mut |_, _| {})?;
    let seconds = start.elapsed().as_secs_f64();
    let report = Build {
        articles,
        seconds,
        articles_per_s: articles as f64 / seconds.max(1e-9),
        peak_rss_mb: peak_rss_mb().unwrap_or(0.0),
        passes,
    };
    println!("{}", serde_json::to_string(&report).unwrap_or_default());
    Ok(())
}

fn article_count(lib: &Path) -> Result<u64, Error> {
    let db = rusqlite::Connection::open_with_flags(lib, rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY)
        .map_err(|e| Error::InvalidInput(format!("{}: {e}", lib.display())))?;
    db.query_row("SELECT count(*) FROM articles", [], |r| r.get::<_, i64>(0))
        .map(|n| n.max(0) as u64)
        .map_err(|e| Error::InvalidInput(format!("{}: {e}", lib.display())))
}

/// Peak resident memory of this process in MB (`VmHWM`), where the OS tells it.
fn peak_rss_mb() -> Option<f64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    let kb: f64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kb / 1024.0)
}
