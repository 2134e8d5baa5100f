//! `litopys-bench crash`: kill -9 at random points of the operations that
//! write — import, bundle import, tagging by query, annotation edits, export —
//! then check that the library is sound (full check), that nothing it held
//! before is gone, and that running the operation again completes.
//!
//! Each operation is first run once to the end to learn how long it takes;
//! each kill then lands at a uniformly random moment of that span.

use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode, Stdio};
use std::time::{Duration, Instant};

use litopys_core::store::{articles, health, tags};
use litopys_core::{Error, Library};
use serde::Serialize;

pub struct Options {
    pub kills: usize,
    pub articles: usize,
    pub seed: u64,
    pub work: Option<PathBuf>,
    pub json: bool,
}

#[derive(Debug, Default, Serialize)]
struct Row {
    operation: &'static str,
    kills: usize,
    corrupt: usize,
    lost: usize,
    rerun_failed: usize,
    leftover_temp_files: usize,
}

const OPERATIONS: [&str; 5] = ["import", "bundle-import", "tag", "annotate", "export"];

/// Small deterministic generator (xorshift64*), so a run can be repeated.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
}

const WORDS: [&str; 23] = [
    "бюджет",
    "дорогу",
    "школу",
    "лікарню",
    "міст",
    "податки",
    "пенсії",
    "тарифи",
    "вибори",
    "енергетику",
    "оборону",
    "екологію",
    "науку",
    "культуру",
    "спорт",
    "медицину",
    "транспорт",
    "аграріїв",
    "кордон",
    "митницю",
    "освіту",
    "воду",
    "зв'язок",
];

/// A JSONL file of `n` articles, distinct by `tag` and their words.
pub(super) fn corpus(path: &Path, tag: &str, n: usize) -> Result<(), Error> {
    use std::io::Write;
    let file = std::fs::File::create(path).map_err(|e| Error::io(path, e))?;
    let mut out = std::io::BufWriter::new(file);
    let w = |k: usize| WORDS[k % WORDS.len()];
    for i in 0..n {
        let (a, b, c) = (i % 23, i / 23 % 19, i / 437 % 17);
        let body = format!(
            "{tag}: уряд обговорив {} і {} на засіданні.\n\nДепутати підтримали рішення про {} та {}, а опозиція критикувала {}.",
            w(a), w(b + 1), w(c + 2), w(a + b), w(a + c + 5)
        );
        let line = serde_json::json!({"title": format!("{tag} {i}"), "text": body,
            "source": format!("{tag}.example"), "date": format!("2024-{:02}-{:02}", i % 12 + 1, i % 28 + 1)});
        writeln!(out, "{line}").map_err(|e| Error::io(path, e))?;
    }
    out.flush().map_err(|e| Error::io(path, e))
}

/// What the library held before an operation: none of it may be gone after.
#[derive(Debug, PartialEq)]
struct Held {
    articles: i64,
    tags: Vec<String>,
    annotations: i64,
}

fn held(path: &Path) -> Result<Held, Error> {
    let lib = Library::open_existing(path)?;
    let mut names: Vec<String> = tags::list(lib.conn())?
        .into_iter()
        .map(|t| t.name)
        .collect();
    names.sort();
    Ok(Held {
        articles: articles::count(lib.conn())?,
        tags: names,
        annotations: lib
            .conn()
            .query_row("SELECT count(*) FROM annotations", [], |r| r.get(0))?,
    })
}

struct Setup {
    exe: PathBuf,
    library: PathBuf,
    work: PathBuf,
    bundle: PathBuf,
    some_article: String,
}

impl Setup {
    /// The command line of operation `op`, run number `n` (fresh inputs and outputs per run).
    fn command(&self, op: &str, n: usize, articles: usize) -> Result<Command, Error> {
        let mut c = Command::new(&self.exe);
        c.arg("--library").arg(&self.library);
        c.stdout(Stdio::null()).stderr(Stdio::null());
        match op {
            "import" => {
                let file = self.work.join(format!("batch-{n}.jsonl"));
                if !file.exists() {
                    corpus(&file, &format!("batch{n}"), articles)?;
                }
                c.args(["import", "--json"]).arg(file);
            }
            "bundle-import" => {
                c.args(["import", "--json"]).arg(&self.bundle);
            }
            "tag" => {
                c.args(["tag", "add", &format!("crash/run{n}"), "--query", "уряд"]);
            }
            "annotate" => {
                c.args([
                    "annotate",
                    &self.some_article,
                    "--quote",
                    "уряд",
                    "--note",
                    &format!("run {n}"),
                    "--tag",
                    &format!("note/run{n}"),
                ]);
            }
            _ => {
                // `--force`: on a loaded machine the killed run may have
                // finished first, and a rerun must not fail on its output.
                let out = self.work.join(format!("export-{n}.csv"));
                c.args([
                    "export", "--query", "уряд", "--format", "csv", "--force", "--output",
                ])
                .arg(out);
            }
        }
        Ok(c)
    }
}

fn run_to_end(mut c: Command) -> bool {
    c.status().map(|s| s.code() == Some(0)).unwrap_or(false)
}

pub fn run(opt: Options) -> Result<ExitCode, Error> {
    let kept = opt.work.is_some();
    let work = match opt.work.clone() {
        Some(w) => w,
        None => std::env::temp_dir().join(format!("litopys-crash-{}", std::process::id())),
    };
    let _ = std::fs::remove_dir_all(&work);
    std::fs::create_dir_all(&work).map_err(|e| Error::io(&work, e))?;
    let exe = super::litopys_exe()?;
    let library = work.join("crash.litopys");
    let base = work.join("base.jsonl");
    corpus(&base, "base", opt.articles)?;
    let sh = |args: &[&str], lib: &Path| {
        Command::new(&exe)
            .arg("--library")
            .arg(lib)
            .args(args)
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .status()
            .map(|s| s.success())
            .unwrap_or(false)
    };
    if !sh(&["import", &base.to_string_lossy()], &library) {
        return Err(Error::InvalidInput(
            "could not build the library to crash".into(),
        ));
    }
    // A colleague's bundle: other articles with tags and annotations.
    let other = work.join("other.litopys");
    let other_file = work.join("other.jsonl");
    corpus(&other_file, "other", opt.articles)?;
    let bundle = work.join("colleague.jsonl");
    let built = sh(&["import", &other_file.to_string_lossy()], &other)
        && sh(&["tag", "add", "colleague", "--query", "уряд"], &other)
        && sh(
            &[
                "export",
                "--tag",
                "colleague",
                "--format",
                "jsonl",
                "--output",
                &bundle.to_string_lossy(),
            ],
            &other,
        );
    if !built {
        return Err(Error::InvalidInput(
            "could not build the bundle to import".into(),
        ));
    }
    let some_article = {
        let lib = Library::open_existing(&library)?;
        articles::list(lib.conn(), 1, 0)?
            .into_iter()
            .next()
            .map(|a| a.id)
            .unwrap_or_default()
    };
    let setup = Setup {
        exe,
        library: library.clone(),
        work: work.clone(),
        bundle,
        some_article,
    };
    // How long each operation takes when nothing stops it.
    let mut spans = Vec::new();
    for (i, op) in OPERATIONS.iter().enumerate() {
        let started = Instant::now();
        if !run_to_end(setup.command(op, 10_000 + i, opt.articles)?) {
            return Err(Error::InvalidInput(format!(
                "{op} does not complete without a kill"
            )));
        }
        spans.push(started.elapsed());
    }
    let mut rng = Rng(opt.seed.max(1));
    let mut rows: Vec<Row> = OPERATIONS
        .iter()
        .map(|op| Row {
            operation: op,
            ..Row::default()
        })
        .collect();
    for k in 0..opt.kills {
        let which = k % OPERATIONS.len();
        let op = OPERATIONS[which];
        let before = held(&library)?;
        let span = spans[which].as_micros().max(1) as u64;
        let at = Duration::from_micros(rng.next() % span);
        let mut child = setup
            .command(op, k, opt.articles)?
            .spawn()
            .map_err(|e| Error::io(&setup.exe, e))?;
        std::thread::sleep(at);
        let _ = child.kill();
        let _ = child.wait();
        let row = &mut rows[which];
        row.kills += 1;
        let sound = Library::open_unchecked(&library)
            .and_then(|lib| health::full_check(lib.conn()))
            .map(|r| r.ok)
            .unwrap_or(false);
        if !sound {
            row.corrupt += 1;
        }
        match held(&library) {
            Ok(after) => {
                let kept_all = after.articles >= before.articles
                    && before.tags.iter().all(|t| after.tags.contains(t))
                    && after.annotations >= before.annotations;
                if !kept_all {
                    row.lost += 1;
                }
            }
            Err(_) => row.lost += 1,
        }
        if !run_to_end(setup.command(op, k, opt.articles)?) {
            row.rerun_failed += 1;
        }
        row.leftover_temp_files += leftover_temp_files(&work);
    }
    if opt.json {
        println!(
            "{}",
            litopys_cli::to_json(
                &serde_json::json!({"seed": opt.seed, "articles": opt.articles, "operations": rows})
            )
        );
    } else {
        println!(
            "kill -9 at random points ({} articles, seed {})",
            opt.articles, opt.seed
        );
        println!(
            "{:<14} {:>6} {:>8} {:>6} {:>13} {:>10}",
            "operation", "kills", "corrupt", "lost", "rerun failed", "temp left"
        );
        for r in &rows {
            println!(
                "{:<14} {:>6} {:>8} {:>6} {:>13} {:>10}",
                r.operation, r.kills, r.corrupt, r.lost, r.rerun_failed, r.leftover_temp_files
            );
        }
    }
    if !kept {
        let _ = std::fs::remove_dir_all(&work);
    }
    let bad = rows.iter().any(|r| r.corrupt + r.lost + r.rerun_failed > 0);
    Ok(if bad {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}

/// Temporary export files left in the work folder (a kill -9 cannot be caught:
/// such files are the only trace it may leave, never a half-written destination).
fn leftover_temp_files(work: &Path) -> usize {
    std::fs::read_dir(work)
        .map(|d| {
            d.filter_map(|e| e.ok())
                .filter(|e| {
                    let n = e.file_name().to_string_lossy().into_owned();
                    n.starts_with('.') && (n.contains(".part") || n.contains(".tmp"))
                })
                .count()
        })
        .unwrap_or(0)
}
