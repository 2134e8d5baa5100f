//! `litopys-bench search`: latency of a first page of results (50 hits with
//! snippets, the total and facet counts) for a fixed query mix derived from a
//! labelled-synthetic corpus, side by side with stock FTS5 `unicode61` over
//! the same rows and with `rg -i` over the same texts. Also reports the import
//! time and the full-text index size of both libraries.
//!
//! (Over 500 lines: the query mix, both engines' setup and the timing loop
//! must stay in one place so that the two sides are measured alike.)

use std::collections::BTreeMap;
use std::ffi::OsStr;
use std::io::BufRead;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::Instant;

use litopys_core::search::{self, Sort};
use litopys_core::{Error, Library};
use rusqlite::types::Value;
use rusqlite::Connection;
use serde::Serialize;

use super::corpus;

/// Hits on the first page.
pub(super) const PAGE: u32 = 50;
/// Seed of the corpus (the same as `litopys-bench import`'s large corpus).
const SEED: u64 = 7;
/// Articles the index-alone comparison covers (all of them below this).
const INDEX_ONLY_ARTICLES: usize = 100_000;

pub struct Options {
    pub articles: usize,
    pub corpora: PathBuf,
    pub work: Option<PathBuf>,
    pub runs: usize,
    pub json: bool,
}

fn io(e: impl std::fmt::Display) -> Error {
    Error::InvalidInput(e.to_string())
}

/// One query of the mix, as each engine spells it.
#[derive(Serialize, Clone)]
pub(super) struct MixQuery {
    pub(super) kind: &'static str,
    /// Our query language.
    pub(super) ours: String,
    /// FTS5 MATCH expression for the stock index (exact forms).
    pub(super) stock_match: String,
    /// SQL condition on the stock `articles a` row, if any: (column, value).
    pub(super) stock_filter: Option<(&'static str, String)>,
    /// Arguments to `rg` before the file name.
    pub(super) rg: Vec<String>,
    /// Newest first instead of by relevance.
    pub(super) newest: bool,
}

#[derive(Serialize, Default, Clone, Copy)]
pub(super) struct Latency {
    pub(super) p50_ms: f64,
    pub(super) p95_ms: f64,
    /// The first call, before the warm-up: nothing prepared by earlier runs.
    pub(super) first_ms: f64,
    /// Matches: the total (ours, stock) or matching lines (rg).
    pub(super) matches: i64,
}

#[derive(Serialize)]
pub(super) struct Row {
    pub(super) query: MixQuery,
    pub(super) ours: Latency,
    pub(super) stock: Latency,
    pub(super) rg: Option<Latency>,
    pub(super) ratio_p95_ours_vs_stock: f64,
}

#[derive(Serialize, Clone, Copy)]
pub(super) struct IndexSize {
    /// Bytes of `<fts>_data` blocks (the inverted index).
    pub(super) data: i64,
    /// Approximate bytes of `<fts>_idx` (term keys + two integers a row).
    pub(super) idx: i64,
    /// Bytes of `<fts>_docsize` (token counts per row).
    pub(super) docsize: i64,
    pub(super) total: i64,
    /// Size of the database file (with WAL) for context.
    pub(super) file: u64,
}

/// What has been built in the work folder, kept in `build.json` so a later
/// run can reuse it (a million-article build takes a long time).
#[derive(Serialize, serde::Deserialize, Default, Clone)]
pub(super) struct Built {
    pub(super) articles: usize,
    pub(super) corpus_bytes: u64,
    pub(super) ours_seconds: Option<f64>,
    pub(super) stock_seconds: Option<f64>,
    /// The same import with block classification off: the tokenizer's own cost.
    #[serde(default)]
    pub(super) plain_seconds: Option<f64>,
    /// The same import with story detection off (its cost is issue 16's, apart).
    #[serde(default)]
    pub(super) without_stories_seconds: Option<f64>,
    /// Index builds alone, both tokenizers over the same rows.
    #[serde(default)]
    pub(super) index_only: Option<super::baseline::IndexOnly>,
}

pub fn run(opt: Options) -> Result<std::process::ExitCode, Error> {
    let remove_after = opt.work.is_none();
    let work = opt.work.clone().unwrap_or_else(|| {
        std::env::temp_dir().join(format!("litopys-bench-search-{}", std::process::id()))
    });
    std::fs::create_dir_all(&work).map_err(io)?;
    let result = bench(&opt, &work);
    if remove_after {
        let _ = std::fs::remove_dir_all(&work);
    }
    result
}

fn bench(opt: &Options, work: &Path) -> Result<std::process::ExitCode, Error> {
    let n = opt.articles;
    let jsonl = work.join("articles.jsonl");
    let ours_path = work.join("ours.litopys");
    let stock_path = work.join("stock.db");
    let marker = work.join("build.json");
    let mut built: Built = std::fs::read(&marker)
        .ok()
        .and_then(|b| serde_json::from_slice(&b).ok())
        .filter(|b: &Built| b.articles == n && jsonl.exists())
        .unwrap_or_default();
    let save = |b: &Built| -> Result<(), Error> {
        std::fs::write(&marker, serde_json::to_vec_pretty(b).map_err(io)?).map_err(io)
    };
    if built.articles != n {
        // Nothing usable: start over.
        built = Built::default();
        for p in [&ours_path, &stock_path] {
            remove_db(p);
        }
        let _ = std::fs::remove_file(&marker);
        let paras = corpus::Paragraphs::load(&opt.corpora).map_err(Error::InvalidInput)?;
        eprintln!("generating {n} articles in {} …", jsonl.display());
        built.corpus_bytes = corpus::write(&paras, n, SEED, &jsonl, None).map_err(io)?;
        built.articles = n;
        save(&built)?;
    } else {
        eprintln!("reusing the corpus in {}", jsonl.display());
    }
    let exe = super::litopys_exe()?;
    if built.stock_seconds.is_none() || !stock_path.exists() {
        remove_db(&stock_path);
        eprintln!("building the stock FTS5 index …");
        let args: [&OsStr; 3] = ["baseline".as_ref(), jsonl.as_ref(), stock_path.as_ref()];
        let (secs, _) = super::timed(&super::bench_exe()?, &args)?;
        built.stock_seconds = Some(secs);
        save(&built)?;
    } else {
        eprintln!("reusing {}", stock_path.display());
    }
    if built.ours_seconds.is_none() || !ours_path.exists() {
        remove_db(&ours_path);
        eprintln!("importing into a litopys library …");
        let args: [&OsStr; 4] = [
            "--library".as_ref(),
            ours_path.as_ref(),
            "import".as_ref(),
            jsonl.as_ref(),
        ];
        let (secs, _) = super::timed(&exe, &args)?;
        built.ours_seconds = Some(secs);
        save(&built)?;
    } else {
        eprintln!("reusing {}", ours_path.display());
    }
    // The same import with one step off, timed only: what that step costs.
    let without = |flag: &str, what: &str| -> Result<f64, Error> {
        let plain = work.join("without.litopys");
        remove_db(&plain);
        eprintln!("importing again without {what} (timed only) …");
        let args: [&OsStr; 5] = [
            "--library".as_ref(),
            plain.as_ref(),
            "import".as_ref(),
            flag.as_ref(),
            jsonl.as_ref(),
        ];
        let secs = super::timed(&exe, &args)?.0;
        remove_db(&plain);
        Ok(secs)
    };
    if built.plain_seconds.is_none() {
        built.plain_seconds = Some(without(
            "--no-block-classification",
            "block classification",
        )?);
        save(&built)?;
    }
    if built.without_stories_seconds.is_none() {
        built.without_stories_seconds = Some(without("--no-story-detection", "story detection")?);
        save(&built)?;
    }

    if built.index_only.is_none() {
        eprintln!("building the index alone with each tokenizer …");
        let scratch = work.join("index-only.db");
        let only = super::baseline::index_only(&stock_path, &scratch, INDEX_ONLY_ARTICLES)
            .map_err(Error::InvalidInput)?;
        built.index_only = Some(only);
        save(&built)?;
    }

    let stock = Connection::open(&stock_path).map_err(io)?;
    // The same page cache as a litopys library gets, so only the index differs.
    stock
        .pragma_update(None, "cache_size", -65536)
        .map_err(io)?;
    let lib = Library::open(&ours_path)?;
    let ours = lib.conn();
    for (conn, what) in [(&stock, "stock"), (ours, "litopys")] {
        let rows: i64 = conn
            .query_row("SELECT count(*) FROM articles", [], |r| r.get(0))
            .map_err(io)?;
        if rows != n as i64 {
            return Err(Error::InvalidInput(format!(
                "the {what} database holds {rows} articles, not {n}; remove {} and run again",
                work.display()
            )));
        }
    }
    let size_ours = index_size(ours, &ours_path)?;
    let size_stock = index_size(&stock, &stock_path)?;

    eprintln!("choosing the query mix …");
    let mix = query_mix(&stock, &jsonl, n)?;
    let rg_ok = Command::new("rg")
        .arg("--version")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .is_ok_and(|s| s.success());
    let runs = opt.runs.max(1);
    let mut rows = Vec::new();
    for q in &mix {
        eprintln!("measuring {:<9} {}", q.kind, q.ours);
        let ours_lat = measure(runs, || {
            let sort = if q.newest {
                Sort::Newest
            } else {
                Sort::Relevance
            };
            search::search(ours, &q.ours, sort, PAGE, 0).map(|r| r.total)
        })?;
        let stock_lat = measure(runs, || stock_first_page(&stock, q))?;
        let rg_lat = if rg_ok {
            Some(measure(runs, || rg_count(&q.rg, &jsonl))?)
        } else {
            None
        };
        rows.push(Row {
            query: q.clone(),
            ours: ours_lat,
            stock: stock_lat,
            rg: rg_lat,
            ratio_p95_ours_vs_stock: ours_lat.p95_ms / stock_lat.p95_ms,
        });
    }

    eprintln!("measuring kept counts against scans …");
    let counts = super::counts::measure_all(ours, runs)?;
    eprintln!("measuring the window's keystroke (page and timeline) …");
    let window = super::window::measure_all(ours, &mix, runs)?;

    let import_ratio = match (built.ours_seconds, built.stock_seconds) {
        (Some(o), Some(s)) => o / s,
        _ => f64::NAN,
    };
    let size_ratio = size_ours.total as f64 / size_stock.total as f64;
    let worst_p95 = rows.iter().map(|r| r.ours.p95_ms).fold(0.0, f64::max);
    if opt.json {
        let out = serde_json::json!({
            "articles": n,
            "corpus_mb": built.corpus_bytes as f64 / 1e6,
            "runs": runs,
            "page": PAGE,
            "import_seconds": {"litopys": built.ours_seconds, "stock": built.stock_seconds,
                               "ratio": import_ratio,
                               "litopys_without_block_classification": built.plain_seconds,
                               "litopys_without_story_detection": built.without_stories_seconds,
                               "index_only": built.index_only},
            "index_bytes": {"litopys": size_ours, "stock": size_stock, "ratio": size_ratio},
            "queries": rows,
            "kept_counts": counts,
            "keystroke": window,
            "worst_p95_ms_litopys": worst_p95,
        });
        println!("{}", serde_json::to_string_pretty(&out).unwrap_or_default());
    } else {
        super::search_table::print(
            n,
            &built,
            runs,
            &rows,
            (size_ours, size_stock),
            import_ratio,
            worst_p95,
        );
        super::counts::print(&counts);
        super::window::print(&window);
    }
    Ok(std::process::ExitCode::SUCCESS)
}

fn remove_db(path: &Path) {
    for suffix in ["", "-wal", "-shm"] {
        let mut p = path.as_os_str().to_owned();
        p.push(suffix);
        let _ = std::fs::remove_file(PathBuf::from(p));
    }
}

/// Bytes of the full-text index `articles_fts`: its shadow tables' payload.
fn index_size(conn: &Connection, path: &Path) -> Result<IndexSize, Error> {
    let one =
        |sql: &str| -> Result<i64, Error> { conn.query_row(sql, [], |r| r.get(0)).map_err(io) };
    let data = one("SELECT coalesce(sum(length(block)), 0) FROM articles_fts_data")?;
    let idx = one("SELECT coalesce(sum(length(term)) + 8 * count(*), 0) FROM articles_fts_idx")?;
    let docsize = one("SELECT coalesce(sum(length(sz)), 0) FROM articles_fts_docsize")?;
    let len = |p: &Path| std::fs::metadata(p).map(|m| m.len()).unwrap_or(0);
    let mut wal = path.as_os_str().to_owned();
    wal.push("-wal");
    Ok(IndexSize {
        data,
        idx,
        docsize,
        total: data + idx + docsize,
        file: len(path) + len(Path::new(&wal)),
    })
}

fn fts_quote(s: &str) -> String {
    format!("\"{}\"", s.replace('"', "\"\""))
}

/// A word made of letters only (Latin or Cyrillic): safe to spell the same way
/// in every engine.
fn plain_word(w: &str) -> bool {
    !w.is_empty() && w.chars().all(|c| c.is_alphabetic() && (c as u32) < 0x0500)
}

/// Russian-only letters mark a word as Russian.
fn russian(w: &str) -> bool {
    w.chars().any(|c| matches!(c, 'ы' | 'э' | 'ъ'))
}

/// The query mix, chosen deterministically from the stock index and the corpus.
fn query_mix(stock: &Connection, jsonl: &Path, n: usize) -> Result<Vec<MixQuery>, Error> {
    stock
        .execute_batch(
            "CREATE VIRTUAL TABLE IF NOT EXISTS temp.bench_vocab USING fts5vocab(main, articles_fts, row)",
        )
        .map_err(io)?;
    // Every term with its document count; the scan reads the whole index once.
    let mut stmt = stock
        .prepare("SELECT term, doc FROM temp.bench_vocab")
        .map_err(io)?;
    let vocab: Vec<(String, i64)> = stmt
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
        .map_err(io)?
        .collect::<rusqlite::Result<_>>()
        .map_err(io)?;
    // The most frequent word: any term with a letter, however short.
    let top = vocab
        .iter()
        .filter(|(t, _)| t.chars().any(char::is_alphabetic))
        .max_by(|a, b| a.1.cmp(&b.1).then_with(|| b.0.cmp(&a.0)))
        .map(|(t, _)| t.clone())
        .ok_or_else(|| Error::InvalidInput("the stock index has no words".into()))?;
    // Mid-frequency words: in 1–5% of the articles, at least five letters.
    let (lo, hi) = ((n as f64 * 0.01).ceil() as i64, (n as f64 * 0.05) as i64);
    let mut mid: Vec<&(String, i64)> = vocab
        .iter()
        .filter(|(t, d)| *d >= lo && *d <= hi && t.chars().count() >= 5 && plain_word(t))
        .collect();
    mid.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    if mid.len() < 3 {
        return Err(Error::InvalidInput(
            "too few mid-frequency words; use a larger corpus".into(),
        ));
    }
    let pick = |num: usize, den: usize| mid[mid.len() * num / den].0.clone();
    let mids = [pick(1, 6), pick(1, 2), pick(5, 6)];
    let ru_word = mid
        .iter()
        .find(|(t, _)| russian(t))
        .map_or_else(|| mids[0].clone(), |(t, _)| t.clone());
    let uk_source = "unian.ua";
    let (w1, w2) = phrase_from_first_article(jsonl)?;

    let word = |kind: &'static str, w: &str| MixQuery {
        kind,
        ours: w.to_owned(),
        stock_match: fts_quote(w),
        stock_filter: None,
        rg: vec!["-i".into(), "-c".into(), "-F".into(), w.to_owned()],
        newest: false,
    };
    let mut mix = vec![word("top", &top)];
    mix.push(MixQuery {
        newest: true,
        ..word("newest", &top)
    });
    for m in &mids {
        mix.push(word("mid", m));
    }
    let phrase = format!("{w1} {w2}");
    mix.push(MixQuery {
        kind: "phrase",
        ours: format!("\"{phrase}\""),
        stock_match: fts_quote(&phrase),
        stock_filter: None,
        rg: vec!["-i".into(), "-c".into(), "-F".into(), phrase.clone()],
        newest: false,
    });
    let prefix: String = mids[1].chars().take(5).collect();
    mix.push(MixQuery {
        kind: "prefix",
        ours: format!("{prefix}*"),
        stock_match: format!("{} *", fts_quote(&prefix)),
        stock_filter: None,
        // `\b` is slow in rg over non-ASCII text; a class is not.
        rg: vec!["-i".into(), "-c".into(), format!(r"(?:^|\W){prefix}")],
        newest: false,
    });
    mix.push(MixQuery {
        kind: "lang",
        ours: format!("{ru_word} lang:ru"),
        stock_match: fts_quote(&ru_word),
        stock_filter: Some(("language", "ru".into())),
        // Fields come in the order title, text, source, published, lang.
        rg: vec![
            "-i".into(),
            "-c".into(),
            format!(r#"{ru_word}.*"lang":"ru""#),
        ],
        newest: false,
    });
    mix.push(MixQuery {
        kind: "source",
        ours: format!("{} source:{uk_source}", mids[0]),
        stock_match: fts_quote(&mids[0]),
        stock_filter: Some(("source", uk_source.into())),
        rg: vec![
            "-i".into(),
            "-c".into(),
            format!(
                r#"{}.*"source":"{}""#,
                mids[0],
                uk_source.replace('.', r"\.")
            ),
        ],
        newest: false,
    });
    Ok(mix)
}

/// Two adjacent words (letters only, four or more each) from the first article's text.
fn phrase_from_first_article(jsonl: &Path) -> Result<(String, String), Error> {
    let file = std::fs::File::open(jsonl).map_err(io)?;
    let mut line = String::new();
    std::io::BufReader::new(file)
        .read_line(&mut line)
        .map_err(io)?;
    let v: serde_json::Value = serde_json::from_str(&line).map_err(io)?;
    let text = v["text"].as_str().unwrap_or_default();
    let words: Vec<&str> = text.split_whitespace().collect();
    let ok = |w: &str| plain_word(w) && w.chars().count() >= 4;
    words
        .windows(2)
        .find(|p| ok(p[0]) && ok(p[1]))
        .map(|p| (p[0].to_lowercase(), p[1].to_lowercase()))
        .ok_or_else(|| Error::InvalidInput("no two-word phrase in the first article".into()))
}

/// The stock engine's equivalent of a first page: top hits by bm25 with
/// snippets for the page only, then the total and facets in one grouped pass.
fn stock_first_page(conn: &Connection, q: &MixQuery) -> Result<i64, Error> {
    let mut params = vec![Value::Text(q.stock_match.clone())];
    let filter = match &q.stock_filter {
        Some((column, value)) => {
            params.push(Value::Text(value.clone()));
            format!("a.{column} = ?2")
        }
        None => "1".to_owned(),
    };
    let from = format!(
        "articles_fts JOIN articles a ON a.id = articles_fts.rowid
         WHERE articles_fts MATCH ?1 AND ({filter})"
    );
    let order = if q.newest {
        "t_pub DESC, t_id DESC"
    } else {
        "t_score DESC, t_id DESC"
    };
    let page = format!(
        "WITH page AS MATERIALIZED (
             SELECT a.id AS t_id, a.published_at AS t_pub, -bm25(articles_fts, 5.0, 1.0) AS t_score
             FROM {from} ORDER BY {order} LIMIT {PAGE})
         SELECT a.title, a.source, a.published_at, a.language,
                snippet(articles_fts, -1, '[[', ']]', '…', 24), t_score
         FROM page JOIN articles a ON a.id = t_id JOIN articles_fts ON articles_fts.rowid = t_id
         WHERE articles_fts MATCH ?1 ORDER BY {order}"
    );
    let mut stmt = conn.prepare_cached(&page).map_err(io)?;
    let mut rows = stmt
        .query(rusqlite::params_from_iter(&params))
        .map_err(io)?;
    let mut hits = Vec::new();
    while let Some(r) = rows.next().map_err(io)? {
        let snippet: String = r.get(4).map_err(io)?;
        hits.push(snippet);
    }
    let facets = format!(
        "SELECT a.source, a.language, substr(a.published_at, 1, 7), count(*) FROM {from}
         GROUP BY 1, 2, 3"
    );
    let mut stmt = conn.prepare_cached(&facets).map_err(io)?;
    let mut rows = stmt
        .query(rusqlite::params_from_iter(&params))
        .map_err(io)?;
    let mut total = 0;
    let mut by: [BTreeMap<String, i64>; 3] = Default::default();
    while let Some(r) = rows.next().map_err(io)? {
        let k: i64 = r.get(3).map_err(io)?;
        total += k;
        for (i, map) in by.iter_mut().enumerate() {
            let v: Option<String> = r.get(i).map_err(io)?;
            *map.entry(v.unwrap_or_default()).or_default() += k;
        }
    }
    Ok(total)
}

/// `rg <args> <file>`: the count of matching lines (one article a line).
fn rg_count(args: &[String], file: &Path) -> Result<i64, Error> {
    let out = Command::new("rg")
        .args(args)
        .arg(file)
        .stderr(Stdio::null())
        .output()
        .map_err(|e| Error::InvalidInput(format!("cannot run rg: {e}")))?;
    // Exit code 1 means no match.
    if !out.status.success() && out.status.code() != Some(1) {
        return Err(Error::InvalidInput(format!("rg failed: {args:?}")));
    }
    Ok(String::from_utf8_lossy(&out.stdout)
        .trim()
        .parse()
        .unwrap_or(0))
}

/// A first call (timed on its own, also the warm-up), then `runs` timed
/// calls; p50 and p95 of those by nearest rank.
pub(super) fn measure(
    runs: usize,
    mut f: impl FnMut() -> Result<i64, Error>,
) -> Result<Latency, Error> {
    let t = Instant::now();
    let matches = f()?;
    let first_ms = t.elapsed().as_secs_f64() * 1e3;
    let mut ms = Vec::with_capacity(runs);
    for _ in 0..runs {
        let t = Instant::now();
        f()?;
        ms.push(t.elapsed().as_secs_f64() * 1e3);
    }
    ms.sort_by(f64::total_cmp);
    let rank = |p: f64| ms[((p * ms.len() as f64).ceil() as usize).clamp(1, ms.len()) - 1];
    Ok(Latency {
        p50_ms: rank(0.50),
        p95_ms: rank(0.95),
        first_ms,
        matches,
    })
}
