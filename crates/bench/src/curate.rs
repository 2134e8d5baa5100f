//! `litopys-bench curate`: bulk tagging, annotating and re-anchoring, and
//! export throughput with peak memory, on a labelled-synthetic library.

use std::path::{Path, PathBuf};
use std::time::Instant;

use litopys_core::edits;
use litopys_core::search::matching_ids;
use litopys_core::store::annotations::{self, Target};
use litopys_core::store::{articles, tags};
use litopys_core::tagging;
use litopys_core::text::anchor;
use litopys_core::{Error, Library};

use super::{corpus, timed};

#[derive(serde::Serialize)]
struct Row {
    what: String,
    items: usize,
    seconds: f64,
    per_second: f64,
    mb_per_s: Option<f64>,
    peak_rss_mb: Option<f64>,
}

fn row(what: &str, items: usize, seconds: f64) -> Row {
    Row {
        what: what.to_owned(),
        items,
        seconds,
        per_second: items as f64 / seconds.max(1e-9),
        mb_per_s: None,
        peak_rss_mb: None,
    }
}

fn io(e: std::io::Error) -> Error {
    Error::InvalidInput(e.to_string())
}

/// Builds (or reuses) a library of `n` synthetic articles in `work`.
fn library(n: usize, corpora: &Path, work: &Path) -> Result<PathBuf, Error> {
    let lib = work.join(format!("curate-{n}.litopys"));
    if lib.exists() {
        return Ok(lib);
    }
    let paras = corpus::Paragraphs::load(corpora).map_err(Error::InvalidInput)?;
    let jsonl = work.join(format!("curate-{n}.jsonl"));
    eprintln!("generating {n} articles …");
    corpus::write(&paras, n, 13, &jsonl, None).map_err(io)?;
    eprintln!("importing them …");
    let exe = super::litopys_exe()?;
    timed(
        &exe,
        &[
            "--library".as_ref(),
            lib.as_os_str(),
            "import".as_ref(),
            jsonl.as_os_str(),
        ],
    )?;
    let _ = std::fs::remove_file(&jsonl);
    Ok(lib)
}

pub fn run(n: usize, corpora: &Path, work: Option<PathBuf>, json: bool) -> Result<(), Error> {
    let remove_after = work.is_none();
    let work = work.unwrap_or_else(|| {
        std::env::temp_dir().join(format!("litopys-bench-curate-{}", std::process::id()))
    });
    std::fs::create_dir_all(&work).map_err(io)?;
    let path = library(n, corpora, &work)?;
    let mut lib = Library::open(&path)?;
    // A fresh slate for this run's tags and annotations.
    lib.conn().execute_batch(
        "DELETE FROM annotations; DELETE FROM tags WHERE key = 'bench' OR key LIKE 'bench/%';",
    )?;
    let mut rows = Vec::new();

    let t = Instant::now();
    let tagged = tagging::tag_matching(lib.conn_mut(), "bench/all", "")?
        .articles
        .len();
    rows.push(row(
        "tag every article (one query)",
        tagged,
        t.elapsed().as_secs_f64(),
    ));

    let t = Instant::now();
    let tagged = tagging::tag_matching(lib.conn_mut(), "bench/word", "переговори")?
        .articles
        .len();
    rows.push(row(
        "tag results of “переговори”",
        tagged,
        t.elapsed().as_secs_f64(),
    ));

    let ids = matching_ids(lib.conn(), "")?;
    let t = Instant::now();
    let tagged = tags::add(lib.conn_mut(), "bench/ids", &ids)?.articles.len();
    rows.push(row("tag a list of ids", tagged, t.elapsed().as_secs_f64()));
    let tenth = &ids[..ids.len() / 10];
    tags::add(lib.conn_mut(), "bench/tenth", tenth)?;

    // 10,000 annotations, one per article, on a passage in the middle of the text.
    let sample: Vec<i64> = ids.iter().copied().take(10_000).collect();
    let uids: Vec<String> = {
        let mut stmt = lib
            .conn()
            .prepare("SELECT uid FROM articles WHERE id = ?1")?;
        sample
            .iter()
            .map(|id| stmt.query_row([id], |r| r.get(0)))
            .collect::<rusqlite::Result<_>>()?
    };
    let t = Instant::now();
    for uid in &uids {
        let target = Target::Span {
            start: 400,
            end: 460,
        };
        annotations::create(lib.conn_mut(), uid, &target, "bench", None, &[])?;
    }
    rows.push(row(
        "create annotations",
        uids.len(),
        t.elapsed().as_secs_f64(),
    ));

    // A new version of each annotated text: a paragraph in front, and in every
    // tenth article a word inside the annotated passage changed.
    let mut edits = Vec::with_capacity(uids.len());
    for (i, uid) in uids.iter().enumerate() {
        let body = articles::get(lib.conn(), uid)?.body;
        let mut changed = format!("Оновлена версія статті.\n\n{body}");
        if i % 10 == 0 {
            let start = changed
                .char_indices()
                .nth(400 + 26 + 20)
                .map_or(0, |(b, _)| b);
            changed.insert_str(start, "дуже ");
        }
        edits.push((uid.clone(), changed));
    }
    let quotes: Vec<(anchor::Quote, String)> = edits
        .iter()
        .map(|(uid, changed)| {
            let a = articles::get(lib.conn(), uid)?;
            let chars: Vec<char> = a.body.chars().collect();
            Ok((anchor::quote_at(&chars, 400, 460), changed.clone()))
        })
        .collect::<Result<_, Error>>()?;
    let t = Instant::now();
    let mut found = 0;
    for (q, text) in &quotes {
        found += usize::from(anchor::reanchor(text, q, 400).is_some());
    }
    rows.push(row(
        "re-anchor 10,000 spans (matching only)",
        found,
        t.elapsed().as_secs_f64(),
    ));
    let t = Instant::now();
    let mut orphaned = 0;
    for (uid, changed) in &edits {
        orphaned += edits::update_body(lib.conn_mut(), uid, changed)?.orphaned;
    }
    rows.push(row(
        "replace 10,000 texts + re-index + re-anchor",
        edits.len() - orphaned,
        t.elapsed().as_secs_f64(),
    ));
    drop(lib);

    let exe = super::litopys_exe()?;
    for (format, selection, count) in [
        ("jsonl", "tag:bench/tenth", tenth.len()),
        ("jsonl", "", ids.len()),
        ("csv", "tag:bench/tenth", tenth.len()),
        ("csv", "", ids.len()),
    ] {
        let out = work.join(format!("export.{format}"));
        let (secs, rss) = timed(
            &exe,
            &[
                "--library".as_ref(),
                path.as_os_str(),
                "export".as_ref(),
                "--query".as_ref(),
                selection.as_ref(),
                "--format".as_ref(),
                format.as_ref(),
                "--output".as_ref(),
                out.as_os_str(),
            ],
        )?;
        let mut bytes = std::fs::metadata(&out).map_err(io)?.len();
        if format == "csv" {
            bytes += std::fs::metadata(work.join("export.annotations.csv"))
                .map_err(io)?
                .len();
        }
        let mut r = row(&format!("export {format} ({count} articles)"), count, secs);
        r.mb_per_s = Some(bytes as f64 / 1e6 / secs);
        r.peak_rss_mb = Some(rss);
        rows.push(r);
    }
    if remove_after {
        let _ = std::fs::remove_dir_all(&work);
    }
    if json {
        println!("{}", litopys_cli::to_json(&rows));
        return Ok(());
    }
    println!(
        "{:<46} {:>9} {:>9} {:>11} {:>8} {:>8}",
        "what", "items", "seconds", "items/s", "MB/s", "RSS MB"
    );
    for r in &rows {
        let opt = |v: Option<f64>| v.map_or("—".to_owned(), |v| format!("{v:.1}"));
        println!(
            "{:<46} {:>9} {:>9.3} {:>11.0} {:>8} {:>8}",
            r.what,
            r.items,
            r.seconds,
            r.per_second,
            opt(r.mb_per_s),
            opt(r.peak_rss_mb)
        );
    }
    println!("\ntargets: bulk tagging of 100,000 articles well under a second; export >= 50 MB/s, memory flat");
    Ok(())
}
