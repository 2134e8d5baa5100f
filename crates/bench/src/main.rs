//! `litopys-bench`: the benchmarks of Litopys, not part of the test suite.
//! Each times the real `litopys` program (the one beside this binary, or
//! `LITOPYS_EXE`) or the core directly.
//!
//! `litopys-bench import`: import throughput and peak memory on a
//! labelled-synthetic corpus, side by side with plain rusqlite + stock FTS5.
//! `litopys-bench search`: first-page search latency, the same comparison.
//!
//! (Over 500 lines: the argument definitions of every benchmark, declared once
//! here with clap; each benchmark's code lives in its own module.)

mod baseline;
mod blocks;
mod capture;
mod collisions;
mod conflation;
mod corpus;
mod counts;
mod crash;
mod curate;
mod extract;
mod forms;
mod forms_errors;
mod forms_vocab;
mod fuzz;
mod fuzz_bundle;
mod fuzz_query;
mod search;
mod search_table;
mod stories;
mod team;
mod team_scale;
mod window;
mod writers;

use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode, Stdio};
use std::time::Instant;

use litopys_core::Error;

#[derive(clap::Parser)]
#[command(
    name = "litopys-bench",
    version,
    about = "Benchmarks of Litopys (not part of the test suite)"
)]
struct BenchArgs {
    #[command(subcommand)]
    what: BenchWhat,
}

#[derive(clap::Subcommand)]
enum BenchWhat {
    /// Import throughput on JSONL and on a folder of .txt files vs the baseline
    Import {
        /// Articles in the large corpus (a tenth of it is also run, to compare memory)
        #[arg(long, default_value_t = 100_000)]
        articles: usize,
        /// Folder holding ua-gec/ and factrueval-ru/
        #[arg(long, default_value = "../shared/corpora")]
        corpora: PathBuf,
        /// Work folder (default: a temporary one, removed afterwards)
        #[arg(long)]
        work: Option<PathBuf>,
        /// Print JSON
        #[arg(long)]
        json: bool,
    },
    /// How well stemming conflates word forms, on dictionary paradigms, vs exact forms and Snowball
    Conflation {
        /// Folder holding uk-lexemes-dev.tsv and ru-lexemes-dev.tsv
        #[arg(long, default_value = "../shared/corpora/morph")]
        morph: PathBuf,
        /// Print JSON instead of text
        #[arg(long)]
        json: bool,
        /// Also print N examples of split lexemes and merged stems (uk, ru)
        #[arg(long, value_name = "N")]
        show: Option<usize>,
    },
    /// Word forms on running text: document recall and precision of one-word queries
    /// (dev set of scripts/bench/forms_devset.py) vs exact forms, Snowball and a dictionary
    Forms {
        /// Folder written by scripts/bench/forms_devset.py
        #[arg(long, default_value = "/work/devsets/forms")]
        devset: PathBuf,
        /// Print JSON instead of text
        #[arg(long)]
        json: bool,
        /// Also print the N worst queries of the dev split (what they miss, what intrudes)
        #[arg(long, value_name = "N")]
        show: Option<usize>,
    },
    /// Words each query word meets that are no form of it, over the corpora's whole vocabulary
    Collisions {
        /// File written by scripts/bench/vocab_lemmas.py
        #[arg(long, default_value = "/work/devsets/vocab.tsv")]
        vocab: PathBuf,
        /// Only query words seen at least this many times
        #[arg(long, default_value_t = 5)]
        min_count: u64,
        /// Print the N query words meeting the most occurrences of other words, per language
        #[arg(long, default_value_t = 20)]
        show: usize,
    },
    /// Latency of a first page of results for a fixed query mix vs stock FTS5 and rg
    Search {
        /// Articles in the corpus
        #[arg(long, default_value_t = 100_000)]
        articles: usize,
        /// Folder holding ua-gec/ and factrueval-ru/
        #[arg(long, default_value = "../shared/corpora")]
        corpora: PathBuf,
        /// Work folder, reused by later runs with the same --articles (default: a temporary one, removed afterwards)
        #[arg(long)]
        work: Option<PathBuf>,
        /// Timed runs of each query and engine, after one warm-up
        #[arg(long, default_value_t = 15)]
        runs: usize,
        /// Print JSON
        #[arg(long)]
        json: bool,
    },
    /// Bulk tagging, annotating, re-anchoring 10,000 spans, and export throughput with memory
    Curate {
        /// Articles in the synthetic library
        #[arg(long, default_value_t = 100_000)]
        articles: usize,
        /// Folder holding ua-gec/ and factrueval-ru/
        #[arg(long, default_value = "../shared/corpora")]
        corpora: PathBuf,
        /// Work folder, reused by later runs with the same --articles (default: a temporary one)
        #[arg(long)]
        work: Option<PathBuf>,
        /// Print JSON instead of text
        #[arg(long)]
        json: bool,
    },
    /// Story vs boilerplate: extraction on html-readability vs plain Readability,
    /// and import time with block classification vs without
    Blocks {
        /// The html-readability corpus (folders with source.html and expected.html)
        #[arg(long, default_value = "../shared/corpora/html-readability")]
        readability: PathBuf,
        /// Folder holding ua-gec/ and factrueval-ru/
        #[arg(long, default_value = "../shared/corpora")]
        corpora: PathBuf,
        /// Articles in the synthetic import corpus
        #[arg(long, default_value_t = 20_000)]
        articles: usize,
        /// Work folder (default: a temporary one, removed afterwards)
        #[arg(long)]
        work: Option<PathBuf>,
        /// Print JSON instead of text
        #[arg(long)]
        json: bool,
    },
    /// HTML article extraction: snippet F1 per split vs trafilatura and readability-lxml
    Extract {
        /// Pages built by scripts/bench/extract_snippets.py (NAME.html + NAME.json)
        #[arg(long, default_value = "tests/extract-pages")]
        pages: PathBuf,
        /// The baseline script (default: scripts/bench/extract_baselines.py of the source tree)
        #[arg(long)]
        baselines: Option<PathBuf>,
        /// Also print every page's scores, and the snippets missed on dev pages
        #[arg(long)]
        show: bool,
        /// Print JSON instead of text
        #[arg(long)]
        json: bool,
    },
    /// kill -9 at random points of import, bundle import, tagging, annotating and export;
    /// checks the library, what it held, and that each rerun completes (exit 1 on any miss)
    Crash {
        /// Kills in all (spread over the five operations in turn)
        #[arg(long, default_value_t = 100)]
        kills: usize,
        /// Articles per imported file
        #[arg(long, default_value_t = 3_000)]
        articles: usize,
        /// Seed of the kill times
        #[arg(long, default_value_t = 14)]
        seed: u64,
        /// Work folder, kept afterwards (default: a temporary one, removed)
        #[arg(long)]
        work: Option<PathBuf>,
        /// Print JSON instead of text
        #[arg(long)]
        json: bool,
    },
    /// Two importers, an annotator and a tagger writing one library at once: failed writes,
    /// lock failures and missing writes (exit 1 on any)
    Writers {
        /// Files each importer imports in turn
        #[arg(long, default_value_t = 5)]
        files: usize,
        /// Articles per file
        #[arg(long, default_value_t = 2_000)]
        articles: usize,
        /// Annotations and tags added meanwhile (each)
        #[arg(long, default_value_t = 200)]
        edits: usize,
        /// Another `litopys` binary to do the writing (e.g. an older build, as the baseline)
        #[arg(long)]
        exe: Option<PathBuf>,
        /// Work folder, kept afterwards (default: a temporary one, removed)
        #[arg(long)]
        work: Option<PathBuf>,
        /// Print JSON instead of text
        #[arg(long)]
        json: bool,
    },
    /// Random queries through parser, compiler and search of the sample library: crashes,
    /// errors other than invalid_query, queries over 2 s (exit 1 on any)
    FuzzQuery {
        /// Queries to generate and run
        #[arg(long, default_value_t = 1_000_000)]
        inputs: u64,
        /// Seed of the generator (the same seed gives the same queries)
        #[arg(long, default_value_t = 14)]
        seed: u64,
        /// Print JSON instead of text
        #[arg(long)]
        json: bool,
    },
    /// Seeded hostile inputs through the real import path: crashes, slowest input, peak RSS
    Fuzz {
        /// html, csv, json, jsonl, warc, zip or all
        #[arg(long, default_value = "all")]
        parser: String,
        /// Inputs per parser
        #[arg(long, default_value_t = 10_000)]
        inputs: u64,
        /// Seed of the generator (the same seed gives the same inputs)
        #[arg(long, default_value_t = 14)]
        seed: u64,
        /// import: parse and store in a real library; read: the parsers and
        /// article preparation only (what a hostile file reaches before the store)
        #[arg(long, value_enum, default_value_t = fuzz::Stage::Import)]
        stage: fuzz::Stage,
        /// Threads for `--stage read` (each reads its own share of the inputs)
        #[arg(long, default_value_t = 2)]
        threads: u64,
        /// Print JSON instead of text
        #[arg(long)]
        json: bool,
    },
    /// Seeded fuzzing of bundle import: mutated bundles, no panic, no damage
    FuzzBundle(fuzz_bundle::Options),
    /// Capture of 100 pages over 10 loopback hosts under the per-host limit (measured) vs
    /// sequential fetching; a feed poll with nothing new (304) vs an unconditional poll
    Capture(capture::Options),
    /// Team library over a local PostgreSQL: convergence of 2 and 5 members (syncs killed,
    /// server restarted) and the cost of sharing N articles
    Team(team::Options),
    /// Story clusters on a labelled set vs MinHash LSH; import cost; from-scratch build at scale
    Stories(stories::Options),
    /// (internal) scores a clustering file against the story labels
    #[command(hide = true)]
    StoriesScore(stories::ScoreOptions),
    /// (internal) builds a library's stories from scratch; prints time and peak memory
    #[command(hide = true)]
    StoriesRebuild { library: PathBuf },
    /// (internal) the baseline: plain inserts + stock FTS5 from a JSONL file
    #[command(hide = true)]
    Baseline { jsonl: PathBuf, db: PathBuf },
}

fn main() -> ExitCode {
    litopys_cli::quiet_on_closed_pipe();
    let args = <BenchArgs as clap::Parser>::parse();
    match run(args) {
        Ok(code) => code,
        Err(e) => {
            // Messages name files and items: their names are not trusted either.
            eprintln!(
                "litopys-bench: {}",
                litopys_cli::terminal::text(&e.to_string())
            );
            if std::env::args().any(|a| a == "--json") {
                let json =
                    serde_json::json!({"error": {"code": e.code(), "message": e.to_string()}});
                println!("{json}");
            }
            ExitCode::from(2)
        }
    }
}

/// The `litopys` program the benchmarks run: `LITOPYS_EXE` if set, else the
/// one beside this program (cargo builds both into the same folder).
fn litopys_exe() -> Result<PathBuf, Error> {
    if let Some(exe) = std::env::var_os("LITOPYS_EXE") {
        return Ok(PathBuf::from(exe));
    }
    let me = std::env::current_exe().map_err(|e| Error::io("litopys-bench", e))?;
    let exe = me.with_file_name(format!("litopys{}", std::env::consts::EXE_SUFFIX));
    if exe.is_file() {
        Ok(exe)
    } else {
        Err(Error::InvalidInput(format!(
            "no litopys program at {} (build it beside litopys-bench: \
             cargo build -p litopys-cli; or set LITOPYS_EXE)",
            exe.display()
        )))
    }
}

/// This program, for the runs that time one of its own hidden commands.
fn bench_exe() -> Result<PathBuf, Error> {
    std::env::current_exe().map_err(|e| Error::io("litopys-bench", e))
}

fn run(args: BenchArgs) -> Result<ExitCode, Error> {
    match args.what {
        BenchWhat::Baseline { jsonl, db } => {
            let n = baseline::run(&jsonl, &db).map_err(Error::InvalidInput)?;
            println!("{n}");
            Ok(ExitCode::SUCCESS)
        }
        BenchWhat::Import {
            articles,
            corpora,
            work,
            json,
        } => import(articles, &corpora, work, json),
        BenchWhat::FuzzQuery { inputs, seed, json } => fuzz_query::run(inputs, seed, json),
        BenchWhat::Writers {
            files,
            articles,
            edits,
            exe,
            work,
            json,
        } => writers::run(writers::Options {
            files,
            articles,
            edits,
            exe,
            work,
            json,
        }),
        BenchWhat::Crash {
            kills,
            articles,
            seed,
            work,
            json,
        } => crash::run(crash::Options {
            kills,
            articles,
            seed,
            work,
            json,
        }),
        BenchWhat::Curate {
            articles,
            corpora,
            work,
            json,
        } => curate::run(articles, &corpora, work, json).map(|()| ExitCode::SUCCESS),
        BenchWhat::Search {
            articles,
            corpora,
            work,
            runs,
            json,
        } => search::run(search::Options {
            articles,
            corpora,
            work,
            runs,
            json,
        }),
        BenchWhat::Extract {
            pages,
            baselines,
            show,
            json,
        } => extract::run(extract::Options {
            pages,
            baselines,
            show,
            json,
        }),
        BenchWhat::Blocks {
            readability,
            corpora,
            articles,
            work,
            json,
        } => blocks::run(blocks::Options {
            readability,
            corpora,
            articles,
            work,
            json,
        }),
        BenchWhat::Conflation { morph, json, show } => conflation_report(&morph, json, show),
        BenchWhat::Collisions {
            vocab,
            min_count,
            show,
        } => collisions::run(&vocab, min_count, show)
            .map(|()| ExitCode::SUCCESS)
            .map_err(Error::InvalidInput),
        BenchWhat::Forms { devset, json, show } => {
            forms::run(forms::Options { devset, json, show })
        }
        BenchWhat::FuzzBundle(o) => fuzz_bundle::run(o),
        BenchWhat::Team(o) => team::run(o),
        BenchWhat::Capture(o) => capture::run(o),
        BenchWhat::Fuzz {
            parser,
            inputs,
            seed,
            stage,
            threads,
            json,
        } => fuzz::run(&parser, inputs, seed, stage, threads, json),
        BenchWhat::Stories(o) => stories::run(o),
        BenchWhat::StoriesScore(o) => stories::score_command(o),
        BenchWhat::StoriesRebuild { library } => stories::rebuild_command(&library),
    }
}

fn conflation_report(morph: &Path, json: bool, show: Option<usize>) -> Result<ExitCode, Error> {
    use litopys_core::text::stem;
    let exact = |t: &str| t.to_owned();
    let mut rows = Vec::new();
    for (lang, file, ours) in [
        (
            "uk",
            "uk-lexemes-dev.tsv",
            &stem::stem_uk as &dyn Fn(&str) -> String,
        ),
        ("ru", "ru-lexemes-dev.tsv", &stem::stem_ru),
    ] {
        let lexemes = conflation::load(&morph.join(file)).map_err(Error::InvalidInput)?;
        for (method, f) in [
            ("exact forms", &exact as &dyn Fn(&str) -> String),
            ("snowball russian", &stem::snowball_russian),
            ("litopys", ours),
        ] {
            let s = conflation::score(&lexemes, f);
            rows.push(
                serde_json::json!({"language": lang, "lexemes": lexemes.len(), "method": method,
                "recall": s.recall, "false_merge": s.false_merge,
                "false_merge_unshared": s.false_merge_unshared}),
            );
        }
        // Every class a form is indexed under (irregular table, alternations,
        // noun/adjective marks), as the index finds it.
        let language = if lang == "uk" {
            litopys_core::text::language::Language::Uk
        } else {
            litopys_core::text::language::Language::Ru
        };
        // A noun's and an adjective's marks are asked for together by a form
        // that may be either: compare families.
        let all = |t: &str| {
            let mut v: Vec<String> = stem::classes(t, language)
                .iter()
                .map(|c| stem::family(c).to_owned())
                .collect();
            v.dedup();
            v
        };
        if let Some(n) = show {
            conflation::show_errors(&lexemes, &all, n);
        }
        let s = conflation::score_classes(&lexemes, &all);
        rows.push(
            serde_json::json!({"language": lang, "lexemes": lexemes.len(), "method": "litopys classes",
            "recall": s.recall, "false_merge": s.false_merge,
            "false_merge_unshared": s.false_merge_unshared}),
        );
    }
    if json {
        println!(
            "{}",
            serde_json::to_string_pretty(&rows).unwrap_or_default()
        );
    } else {
        println!(
            "{:<4} {:>8}  {:<18} {:>7} {:>12} {:>10}",
            "lang", "lexemes", "method", "recall", "false-merge", "unshared"
        );
        for r in &rows {
            println!(
                "{:<4} {:>8}  {:<18} {:>7.3} {:>12.4} {:>10.4}",
                r["language"].as_str().unwrap_or(""),
                r["lexemes"].as_u64().unwrap_or(0),
                r["method"].as_str().unwrap_or(""),
                r["recall"].as_f64().unwrap_or(0.0),
                r["false_merge"].as_f64().unwrap_or(0.0),
                r["false_merge_unshared"].as_f64().unwrap_or(0.0)
            );
        }
        println!(
            "\ntargets: recall >= 0.97 and false-merge <= 0.005 for both languages (issue 13)\n\
             unshared: merges with a lexeme sharing none of the lexeme's forms (the others \
             share a form, which no analyser of letters alone can file apart)"
        );
    }
    Ok(ExitCode::SUCCESS)
}

#[derive(serde::Serialize)]
struct Measure {
    name: String,
    articles: usize,
    seconds: f64,
    articles_per_s: f64,
    mb_per_s: f64,
    peak_rss_mb: f64,
}

fn import(n: usize, corpora: &Path, work: Option<PathBuf>, json: bool) -> Result<ExitCode, Error> {
    let io = |e: std::io::Error| Error::InvalidInput(e.to_string());
    let remove_after = work.is_none();
    let work = work.unwrap_or_else(|| {
        std::env::temp_dir().join(format!("litopys-bench-{}", std::process::id()))
    });
    std::fs::create_dir_all(&work).map_err(io)?;
    let paras = corpus::Paragraphs::load(corpora).map_err(Error::InvalidInput)?;
    let small = (n / 10).max(1);
    eprintln!("generating {n} + {small} articles in {} …", work.display());
    let big_jsonl = work.join("articles.jsonl");
    let small_jsonl = work.join("articles-small.jsonl");
    let txt = work.join("txt");
    let bytes = corpus::write(&paras, n, 7, &big_jsonl, Some(&txt)).map_err(io)?;
    let small_bytes = corpus::write(&paras, small, 11, &small_jsonl, None).map_err(io)?;
    let (bench, litopys) = (bench_exe()?, litopys_exe()?);
    let mb = bytes as f64 / 1e6;
    let mut results = Vec::new();
    let mut run = |name: &str,
                   count: usize,
                   mbytes: f64,
                   exe: &Path,
                   args: &[&std::ffi::OsStr]|
     -> Result<f64, Error> {
        eprintln!("running {name} …");
        let (secs, rss) = timed(exe, args)?;
        results.push(Measure {
            name: name.to_owned(),
            articles: count,
            seconds: secs,
            articles_per_s: count as f64 / secs,
            mb_per_s: mbytes / secs,
            peak_rss_mb: rss,
        });
        Ok(secs)
    };
    // Each run imports into a new library: a work folder reused from an
    // earlier run would otherwise hold its libraries, and every article would
    // be a duplicate.
    for name in [
        "baseline.db",
        "jsonl.litopys",
        "plain.litopys",
        "txt.litopys",
        "small.litopys",
    ] {
        for end in ["", "-wal", "-shm"] {
            let _ = std::fs::remove_file(work.join(format!("{name}{end}")));
        }
    }
    let lib = |name: &str| work.join(name).into_os_string();
    let base = run(
        "baseline: rusqlite + stock FTS5 (jsonl)",
        n,
        mb,
        &bench,
        &["baseline".as_ref(), big_jsonl.as_ref(), &lib("baseline.db")],
    )?;
    let ours_jsonl = run(
        "litopys import (jsonl)",
        n,
        mb,
        &litopys,
        &[
            "--library".as_ref(),
            &lib("jsonl.litopys"),
            "import".as_ref(),
            big_jsonl.as_ref(),
        ],
    )?;
    let ours_plain = run(
        "litopys import (jsonl, no story detection)",
        n,
        mb,
        &litopys,
        &[
            "--library".as_ref(),
            &lib("plain.litopys"),
            "import".as_ref(),
            "--no-story-detection".as_ref(),
            big_jsonl.as_ref(),
        ],
    )?;
    let ours_txt = run(
        "litopys import (folder of .txt)",
        n,
        mb,
        &litopys,
        &[
            "--library".as_ref(),
            &lib("txt.litopys"),
            "import".as_ref(),
            txt.as_ref(),
        ],
    )?;
    run(
        "litopys import (jsonl, a tenth)",
        small,
        small_bytes as f64 / 1e6,
        &litopys,
        &[
            "--library".as_ref(),
            &lib("small.litopys"),
            "import".as_ref(),
            small_jsonl.as_ref(),
        ],
    )?;
    if json {
        let out = serde_json::json!({
            "articles": n, "corpus_mb": mb, "runs": results,
            "ratio_jsonl_vs_baseline": ours_jsonl / base, "ratio_txt_vs_baseline": ours_txt / base,
            "ratio_jsonl_without_story_detection_vs_baseline": ours_plain / base,
        });
        println!("{}", serde_json::to_string_pretty(&out).unwrap_or_default());
    } else {
        println!(
            "corpus: {n} articles, {mb:.0} MB of text (avg {:.1} KB)\n",
            bytes as f64 / n as f64 / 1e3
        );
        println!(
            "{:<42} {:>9} {:>10} {:>8} {:>10}",
            "run", "seconds", "articles/s", "MB/s", "peak RSS"
        );
        for r in &results {
            println!(
                "{:<42} {:>9.2} {:>10.0} {:>8.1} {:>7.0} MB",
                r.name, r.seconds, r.articles_per_s, r.mb_per_s, r.peak_rss_mb
            );
        }
        println!(
            "\ntime vs baseline: jsonl {:.2}x, txt folder {:.2}x, jsonl without story detection {:.2}x",
            ours_jsonl / base,
            ours_txt / base,
            ours_plain / base
        );
    }
    if remove_after {
        let _ = std::fs::remove_dir_all(&work);
    }
    Ok(ExitCode::SUCCESS)
}

/// Runs this program with `args`; returns wall seconds and the child's peak RSS in MB.
fn timed(exe: &Path, args: &[&std::ffi::OsStr]) -> Result<(f64, f64), Error> {
    let start = Instant::now();
    let child = Command::new(exe)
        .args(args)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .map_err(|e| Error::InvalidInput(format!("cannot start {}: {e}", exe.display())))?;
    let (status, rss_kb) = wait_with_rusage(child)?;
    let secs = start.elapsed().as_secs_f64();
    if !status {
        return Err(Error::InvalidInput(format!(
            "benchmark run failed: {args:?}"
        )));
    }
    Ok((secs, rss_kb as f64 / 1024.0))
}

#[cfg(unix)]
fn wait_with_rusage(child: std::process::Child) -> Result<(bool, i64), Error> {
    let pid = child.id() as libc::pid_t;
    let mut status = 0;
    // SAFETY: plain FFI call with valid pointers to locals; `pid` is our own child.
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    let r = unsafe { libc::wait4(pid, &mut status, 0, &mut usage) };
    if r < 0 {
        return Err(Error::InvalidInput(
            "waiting for the benchmark run failed".into(),
        ));
    }
    Ok((
        libc::WIFEXITED(status) && libc::WEXITSTATUS(status) == 0,
        usage.ru_maxrss,
    ))
}

#[cfg(not(unix))]
fn wait_with_rusage(mut child: std::process::Child) -> Result<(bool, i64), Error> {
    let status = child
        .wait()
        .map_err(|e| Error::InvalidInput(e.to_string()))?;
    Ok((status.success(), 0))
}
