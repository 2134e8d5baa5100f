//! `litopys-bench writers`: several programs writing one library at once —
//! two importers (each importing its files in turn) and an annotator and a
//! tagger making many small edits, as the app does while an import runs.
//! Counts the writes that failed (a lock given up on) and the writes that
//! are missing at the end.

use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode, Stdio};
use std::time::Instant;

use litopys_core::store::articles;
use litopys_core::{Error, Library};
use serde::Serialize;

pub struct Options {
    pub files: usize,
    pub articles: usize,
    pub edits: usize,
    /// The `litopys` that writes (default: this one), to compare builds in one run.
    pub exe: Option<PathBuf>,
    pub work: Option<PathBuf>,
    pub json: bool,
}

#[derive(Debug, Default, Serialize)]
struct Report {
    importers: usize,
    files_per_importer: usize,
    articles_per_file: usize,
    edits_per_editor: usize,
    failed_writes: usize,
    lock_failures: usize,
    articles_expected: i64,
    articles_found: i64,
    annotations_expected: i64,
    annotations_found: i64,
    tags_expected: i64,
    tags_found: i64,
    seconds: f64,
}

fn litopys(exe: &Path, library: &Path, args: &[String]) -> (bool, bool) {
    let out = Command::new(exe)
        .arg("--library")
        .arg(library)
        .args(args)
        .stdin(Stdio::null())
        .output();
    match out {
        Ok(o) => {
            let text = String::from_utf8_lossy(&o.stderr).to_lowercase()
                + &String::from_utf8_lossy(&o.stdout).to_lowercase();
            if !o.status.success() {
                let tail: String = text.lines().rev().take(3).collect::<Vec<_>>().join(" | ");
                eprintln!(
                    "failed write: litopys {}: {}",
                    args.join(" "),
                    litopys_cli::terminal::line(&tail)
                );
            }
            (
                o.status.success(),
                text.contains("locked") || text.contains("busy"),
            )
        }
        Err(_) => (false, false),
    }
}

pub fn run(opt: Options) -> Result<ExitCode, Error> {
    let kept = opt.work.is_some();
    let work = opt.work.clone().unwrap_or_else(|| {
        std::env::temp_dir().join(format!("litopys-writers-{}", std::process::id()))
    });
    let _ = std::fs::remove_dir_all(&work);
    std::fs::create_dir_all(&work).map_err(|e| Error::io(&work, e))?;
    let exe = match opt.exe.clone() {
        Some(e) => e,
        None => super::litopys_exe()?,
    };
    let library = work.join("writers.litopys");
    let seed = work.join("seed.jsonl");
    super::crash::corpus(&seed, "seed", 50)?;
    if !litopys(
        &exe,
        &library,
        &["import".into(), seed.to_string_lossy().into_owned()],
    )
    .0
    {
        return Err(Error::InvalidInput("could not build the library".into()));
    }
    let target = {
        let lib = Library::open_existing(&library)?;
        articles::list(lib.conn(), 1, 0)?
            .into_iter()
            .next()
            .map(|a| a.id)
            .unwrap_or_default()
    };
    let mut files = Vec::new();
    for importer in 0..2 {
        let mut mine = Vec::new();
        for f in 0..opt.files {
            let path = work.join(format!("imp{importer}-{f}.jsonl"));
            super::crash::corpus(&path, &format!("imp{importer}x{f}"), opt.articles)?;
            mine.push(path);
        }
        files.push(mine);
    }
    let started = Instant::now();
    let results = std::thread::scope(|s| {
        let mut handles = Vec::new();
        for mine in &files {
            let (exe, library) = (&exe, &library);
            handles.push(s.spawn(move || {
                mine.iter()
                    .map(|f| {
                        litopys(
                            exe,
                            library,
                            &["import".into(), f.to_string_lossy().into_owned()],
                        )
                    })
                    .collect::<Vec<_>>()
            }));
        }
        let (exe, library, target) = (&exe, &library, &target);
        let edits = opt.edits;
        handles.push(s.spawn(move || {
            (0..edits)
                .map(|i| {
                    let args = ["annotate", target, "--quote", "уряд", "--note"]
                        .iter()
                        .map(|a| a.to_string())
                        .chain([format!("edit {i}")])
                        .collect::<Vec<_>>();
                    litopys(exe, library, &args)
                })
                .collect()
        }));
        handles.push(s.spawn(move || {
            (0..edits)
                .map(|i| {
                    let args = vec![
                        "tag".to_owned(),
                        "add".to_owned(),
                        format!("writers/t{i}"),
                        target.to_string(),
                    ];
                    litopys(exe, library, &args)
                })
                .collect()
        }));
        handles
            .into_iter()
            .flat_map(|h| h.join().unwrap_or_default())
            .collect::<Vec<(bool, bool)>>()
    });
    let lib = Library::open_existing(&library)?;
    let count =
        |sql: &str| -> Result<i64, Error> { Ok(lib.conn().query_row(sql, [], |r| r.get(0))?) };
    let report = Report {
        importers: 2,
        files_per_importer: opt.files,
        articles_per_file: opt.articles,
        edits_per_editor: opt.edits,
        failed_writes: results.iter().filter(|r| !r.0).count(),
        lock_failures: results.iter().filter(|r| r.1).count(),
        articles_expected: 50 + (2 * opt.files * opt.articles) as i64,
        articles_found: articles::count(lib.conn())?,
        annotations_expected: opt.edits as i64,
        annotations_found: count("SELECT count(*) FROM annotations")?,
        tags_expected: opt.edits as i64,
        tags_found: count("SELECT count(*) FROM tags WHERE name LIKE 'writers/%'")?,
        seconds: started.elapsed().as_secs_f64(),
    };
    drop(lib);
    if opt.json {
        println!("{}", litopys_cli::to_json(&report));
    } else {
        println!(
            "2 importers x {} files x {} articles, annotator and tagger x {} edits, {:.1} s",
            opt.files, opt.articles, opt.edits, report.seconds
        );
        println!(
            "failed writes {}, lock failures {}; articles {}/{}, annotations {}/{}, tags {}/{}",
            report.failed_writes,
            report.lock_failures,
            report.articles_found,
            report.articles_expected,
            report.annotations_found,
            report.annotations_expected,
            report.tags_found,
            report.tags_expected
        );
    }
    if !kept {
        let _ = std::fs::remove_dir_all(&work);
    }
    let ok = report.failed_writes == 0
        && report.articles_found == report.articles_expected
        && report.annotations_found == report.annotations_expected
        && report.tags_found == report.tags_expected;
    Ok(if ok {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    })
}
