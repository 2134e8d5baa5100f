//! `litopys-bench stories`: story clusters (issue 16) on a labelled set built
//! from the corpora, side by side with a plain MinHash LSH over whole texts
//! (`scripts/bench/stories_minhash.py`, datasketch) in the same run; then what
//! detection costs at import, and the from-scratch build at scale.

mod copies;
mod cost;
mod documents;
mod newswire;
mod outlets;
mod score;
mod set;

use std::collections::{HashMap, HashSet};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode, Stdio};

use litopys_core::Error;

use score::{Cluster, Score};
use set::Label;

/// The baseline script, carried in the binary so the bench runs from anywhere.
const MINHASH_SCRIPT: &str = include_str!("../../../scripts/bench/stories_minhash.py");

#[derive(clap::Args)]
pub struct Options {
    /// Original stories in the labelled set (with their copies and traps, about 6x as many articles)
    #[arg(long, default_value_t = 500)]
    stories: usize,
    /// Articles in the synthetic set whose import is timed with detection and without (0: skip)
    #[arg(long, default_value_t = 20_000)]
    articles: usize,
    /// Articles of the library whose stories are built from scratch (0: skip); a tenth is also run
    #[arg(long, default_value_t = 1_000_000)]
    scale: usize,
    /// What the synthetic articles (import cost, from-scratch build) are:
    /// `newswire` (new text, one article in five a reprint) or `sentences`
    /// (the search benchmark's articles of pooled sentences: every article
    /// shares text with hundreds)
    #[arg(long, value_enum, default_value_t = cost::ScaleCorpus::Newswire)]
    scale_corpus: cost::ScaleCorpus,
    /// Seed of the labelled set (the same seed gives the same set)
    #[arg(long, default_value_t = 16)]
    seed: u64,
    /// Timed runs of each import (best is kept)
    #[arg(long, default_value_t = 3)]
    runs: usize,
    /// Folder holding ua-gec/ and factrueval-ru/
    #[arg(long, default_value = "../shared/corpora")]
    corpora: PathBuf,
    /// Work folder, kept and reused (the scale libraries are made once); default: a temporary one, removed
    #[arg(long)]
    work: Option<PathBuf>,
    /// Print every missed pair and first-publisher error of ours (diagnosis)
    #[arg(long)]
    misses: bool,
    /// Print JSON instead of text
    #[arg(long)]
    json: bool,
}

/// `litopys-bench stories-score LABELS CLUSTERS [--held LIBRARY]`: scores a
/// clustering file ({"stories": [{"articles": [URL…], "first": URL|null}]}).
#[derive(clap::Args)]
pub struct ScoreOptions {
    labels: PathBuf,
    clusters: PathBuf,
    /// Score only the articles this library holds (default: all labelled)
    #[arg(long)]
    held: Option<PathBuf>,
}

#[derive(serde::Serialize)]
struct Row {
    method: String,
    /// Why the row has no score (e.g. the detection or datasketch is missing).
    missing: Option<String>,
    score: Option<Score>,
}

pub fn run(o: Options) -> Result<ExitCode, Error> {
    let remove_after = o.work.is_none();
    let work = o.work.clone().unwrap_or_else(|| {
        std::env::temp_dir().join(format!("litopys-bench-stories-{}", std::process::id()))
    });
    std::fs::create_dir_all(&work).map_err(|e| Error::io(&work, e))?;
    let exe = super::litopys_exe()?;
    let docs = documents::Docs::load(&o.corpora).map_err(Error::InvalidInput)?;
    let (items, labels) = set::generate(&docs, o.stories, o.seed);
    let jsonl = work.join("stories.jsonl");
    let labels_path = work.join("stories-labels.jsonl");
    write_lines(&jsonl, &items)?;
    write_lines(&labels_path, &labels)?;
    let story_count = labels.iter().filter(|l| l.original).count();
    eprintln!(
        "labelled set: {} articles, {story_count} stories, in {}",
        items.len(),
        jsonl.display()
    );
    drop(items);
    let lib = work.join("stories.litopys");
    cost::remove_library(&lib);
    let args: [&std::ffi::OsStr; 4] = [
        "--library".as_ref(),
        lib.as_os_str(),
        "import".as_ref(),
        jsonl.as_os_str(),
    ];
    super::timed(&exe, &args)?;
    let held: HashSet<String> = urls_by_id(&lib)?.into_values().collect();
    let ours = match our_clusters(&exe, &lib) {
        Ok(c) => Row {
            method: "litopys stories".into(),
            missing: None,
            score: Some(score::score(&labels, &c, &held)),
        },
        Err(why) => Row {
            method: "litopys stories".into(),
            missing: Some(why),
            score: None,
        },
    };
    let base = match minhash_clusters(&work, &jsonl) {
        Ok(c) => Row {
            method: "MinHash LSH, whole text (datasketch)".into(),
            missing: None,
            score: Some(score::score(&labels, &c, &held)),
        },
        Err(why) => Row {
            method: "MinHash LSH, whole text (datasketch)".into(),
            missing: Some(why),
            score: None,
        },
    };
    let rows = [ours, base];
    let mut imports = Vec::new();
    let mut builds = Vec::new();
    if o.articles > 0 || o.scale > 0 {
        imports.push(cost::import_cost(
            &exe,
            &jsonl,
            "labelled set",
            held.len(),
            o.runs,
            &work,
        )?);
    }
    let needs_paras = o.articles > 0 || o.scale > 0;
    let paras = if needs_paras {
        Some(super::corpus::Paragraphs::load(&o.corpora).map_err(Error::InvalidInput)?)
    } else {
        None
    };
    if let (Some(paras), true) = (&paras, o.articles > 0) {
        let synth = work.join(format!("synthetic-{}.jsonl", o.articles));
        cost::write_synthetic(o.scale_corpus, paras, o.articles, 7, &synth)?;
        imports.push(cost::import_cost(
            &exe,
            &synth,
            "synthetic",
            o.articles,
            o.runs,
            &work,
        )?);
        let _ = std::fs::remove_file(&synth);
    }
    if let (Some(paras), true) = (&paras, o.scale > 0) {
        for n in [(o.scale / 10).max(1), o.scale] {
            let lib = cost::scale_library(&exe, paras, o.scale_corpus, n, &work)?;
            builds.push((
                n,
                cost::build(&super::bench_exe()?, &lib).map_err(|e| e.to_string()),
            ));
        }
    }
    if o.json {
        let builds: Vec<_> = builds
            .iter()
            .map(|(n, b)| match b {
                Ok(b) => serde_json::json!({"library": n, "build": b}),
                Err(e) => serde_json::json!({"library": n, "missing": e}),
            })
            .collect();
        let out = serde_json::json!({
            "set": {"articles": labels.len(), "held": held.len(), "stories": story_count,
                    "seed": o.seed, "jsonl": jsonl, "labels": labels_path},
            "quality": rows, "imports": imports, "builds": builds,
        });
        println!("{}", serde_json::to_string_pretty(&out).unwrap_or_default());
    } else {
        print_quality(&labels, held.len(), &rows);
        if o.misses {
            print_misses(&rows[0]);
        }
        print_cost(&imports, &builds);
    }
    if remove_after {
        let _ = std::fs::remove_dir_all(&work);
    }
    Ok(ExitCode::SUCCESS)
}

/// The hidden scoring command (tests score hand-made clusterings with it).
pub fn score_command(o: ScoreOptions) -> Result<ExitCode, Error> {
    let labels: Vec<Label> = read_lines(&o.labels)?;
    let text = std::fs::read_to_string(&o.clusters).map_err(|e| Error::io(&o.clusters, e))?;
    let clusters = parse_clusters(&text, None).map_err(Error::InvalidInput)?;
    let held: HashSet<String> = match &o.held {
        Some(lib) => urls_by_id(lib)?.into_values().collect(),
        None => labels.iter().map(|l| l.url.clone()).collect(),
    };
    let s = score::score(&labels, &clusters, &held);
    println!("{}", serde_json::to_string_pretty(&s).unwrap_or_default());
    Ok(ExitCode::SUCCESS)
}

pub fn rebuild_command(lib: &Path) -> Result<ExitCode, Error> {
    cost::rebuild_command(lib).map(|()| ExitCode::SUCCESS)
}

fn write_lines<T: serde::Serialize>(path: &Path, rows: &[T]) -> Result<(), Error> {
    let io = |e: std::io::Error| Error::io(path, e);
    let mut out = std::io::BufWriter::new(std::fs::File::create(path).map_err(io)?);
    for r in rows {
        serde_json::to_writer(&mut out, r).map_err(|e| Error::InvalidInput(e.to_string()))?;
        out.write_all(b"\n").map_err(io)?;
    }
    out.flush().map_err(io)
}

fn read_lines<T: serde::de::DeserializeOwned>(path: &Path) -> Result<Vec<T>, Error> {
    let text = std::fs::read_to_string(path).map_err(|e| Error::io(path, e))?;
    text.lines()
        .enumerate()
        .filter(|(_, l)| !l.trim().is_empty())
        .map(|(i, l)| {
            serde_json::from_str(l).map_err(|e| {
                Error::InvalidInput(format!("{}, line {}: {e}", path.display(), i + 1))
            })
        })
        .collect()
}

/// Article id → address, read from the library file.
fn urls_by_id(lib: &Path) -> Result<HashMap<String, String>, Error> {
    let err = |e: rusqlite::Error| Error::InvalidInput(format!("{}: {e}", lib.display()));
    let db = rusqlite::Connection::open_with_flags(lib, rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY)
        .map_err(err)?;
    let mut st = db
        .prepare("SELECT uid, url FROM articles WHERE url IS NOT NULL")
        .map_err(err)?;
    let rows = st
        .query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?)))
        .map_err(err)?;
    rows.collect::<Result<_, _>>().map_err(err)
}

/// `{"stories": [{"articles": [..], "first": ..}]}`, names mapped through `ids` when given.
fn parse_clusters(
    text: &str,
    ids: Option<&HashMap<String, String>>,
) -> Result<Vec<Cluster>, String> {
    #[derive(serde::Deserialize)]
    struct Out {
        stories: Vec<Cluster>,
    }
    let out: Out = serde_json::from_str(text).map_err(|e| format!("not a stories report: {e}"))?;
    let Some(ids) = ids else {
        return Ok(out.stories);
    };
    let map = |id: &String| {
        ids.get(id)
            .cloned()
            .unwrap_or_else(|| format!("unknown id {id}"))
    };
    Ok(out
        .stories
        .iter()
        .map(|c| Cluster {
            articles: c.articles.iter().map(map).collect(),
            first: c.first.as_ref().map(map),
        })
        .collect())
}

fn our_clusters(exe: &Path, lib: &Path) -> Result<Vec<Cluster>, String> {
    let out = Command::new(exe)
        .args(["--library".as_ref(), lib.as_os_str()])
        .args(["stories", "--json", "--min-size", "2"])
        .stderr(Stdio::piped())
        .output()
        .map_err(|e| format!("cannot start {}: {e}", exe.display()))?;
    if !out.status.success() {
        let why = String::from_utf8_lossy(&out.stderr);
        let first = why.lines().next().unwrap_or("").to_owned();
        return Err(format!("`litopys stories` failed: {first}"));
    }
    let ids = urls_by_id(lib).map_err(|e| e.to_string())?;
    parse_clusters(&String::from_utf8_lossy(&out.stdout), Some(&ids))
}

fn minhash_clusters(work: &Path, jsonl: &Path) -> Result<Vec<Cluster>, String> {
    let has = Command::new("python3")
        .args(["-c", "import datasketch"])
        .stderr(Stdio::null())
        .status();
    if !has.is_ok_and(|s| s.success()) {
        return Err(
            "python3 with datasketch is missing: pip install datasketch (benchmark only)".into(),
        );
    }
    let script = work.join("stories_minhash.py");
    let out = work.join("minhash-clusters.json");
    std::fs::write(&script, MINHASH_SCRIPT).map_err(|e| e.to_string())?;
    eprintln!("running the MinHash LSH baseline …");
    let ok = Command::new("python3")
        .arg(&script)
        .arg(jsonl)
        .arg(&out)
        .status()
        .is_ok_and(|s| s.success());
    if !ok {
        return Err("the MinHash baseline script failed".into());
    }
    let text = std::fs::read_to_string(&out).map_err(|e| e.to_string())?;
    parse_clusters(&text, None)
}

fn print_quality(labels: &[Label], held: usize, rows: &[Row]) {
    let stories = labels
        .iter()
        .filter(|l| l.original && l.kind != "trap-boilerplate" && l.kind != "trap-topic")
        .count();
    println!(
        "labelled set: {} articles ({held} held by the library after identical copies merged), {stories} stories\n",
        labels.len()
    );
    println!(
        "{:<40} {:<4} {:>9} {:>7} {:>9} {:>8}",
        "method", "lang", "precision", "recall", "first ok", "stories"
    );
    for r in rows {
        let Some(s) = &r.score else {
            println!(
                "{:<40} not measured: {}",
                r.method,
                r.missing.as_deref().unwrap_or("")
            );
            continue;
        };
        for lang in ["all", "uk", "ru", "tie"] {
            let p = s.pairs.get(lang).copied().unwrap_or_default();
            let f = s.firsts.get(lang).copied().unwrap_or_default();
            if lang == "tie" {
                println!(
                    "{:<40} {:<4} {:>9} {:>7} {:>9.4} {:>8}",
                    "",
                    "ties",
                    "",
                    "",
                    f.accuracy(),
                    f.scored
                );
            } else {
                let name = if lang == "all" { r.method.as_str() } else { "" };
                println!(
                    "{name:<40} {lang:<4} {:>9.4} {:>7.4} {:>9.4} {:>8}",
                    p.precision(),
                    p.recall(),
                    f.accuracy(),
                    f.scored
                );
            }
        }
    }
    println!("\ntargets: precision >= 0.98, recall >= 0.97, first publisher >= 0.99");
    for r in rows {
        let Some(s) = &r.score else { continue };
        println!(
            "\n{}: {} stories with an undated original not scored for the first publisher",
            r.method, s.undated_stories
        );
        println!("  pairs missed, by kind (copy variant against the original):");
        for (k, n) in s.missed.iter().take(10) {
            println!("    {n:>6}  {k}");
        }
        println!("  pairs wrongly merged, by kind:");
        for (k, n) in s.merged.iter().take(10) {
            println!("    {n:>6}  {k}");
        }
        println!("  first publisher missed, by what was named instead:");
        for (k, n) in s.wrong_first.iter().take(10) {
            println!("    {n:>6}  {k}");
        }
    }
}

fn print_misses(row: &Row) {
    let Some(s) = &row.score else { return };
    println!("\n{}: every miss", row.method);
    for m in &s.misses {
        println!("  {m}");
    }
}

fn print_cost(imports: &[cost::ImportCost], builds: &[(usize, Result<cost::Build, String>)]) {
    if !imports.is_empty() {
        println!(
            "\n{:<16} {:>9} {:>12} {:>12} {:>7}",
            "import", "articles", "without (s)", "with (s)", "ratio"
        );
    }
    for i in imports {
        let without = i.without_s.map_or("n/a".to_owned(), |w| format!("{w:.2}"));
        let ratio = i.ratio.map_or("n/a".to_owned(), |r| format!("{r:.2}x"));
        println!(
            "{:<16} {:>9} {without:>12} {:>12.2} {ratio:>7}",
            i.set, i.articles, i.with_s
        );
    }
    if !imports.is_empty() {
        println!("target: with detection within 1.2x of without");
    }
    for (n, b) in builds {
        match b {
            Ok(b) => println!(
                "from-scratch build, {n} articles: {:.1} s, {:.0} articles/s, peak RSS {:.0} MB \
                 (samples {:.1} s, postings {:.1} s, candidates {:.1} s, {} pairs judged in {:.1} s, \
                 clusters {:.1} s)",
                b.seconds,
                b.articles_per_s,
                b.peak_rss_mb,
                b.passes.sample_s,
                b.passes.postings_s,
                b.passes.candidates_s,
                b.passes.candidate_pairs,
                b.passes.judge_s,
                b.passes.cluster_s
            ),
            Err(e) => println!("from-scratch build, {n} articles: not measured: {e}"),
        }
    }
}
