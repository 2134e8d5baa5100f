//! `litopys-bench blocks`: separating the story from the site's text.
//!
//! 1. Story extraction on `html-readability` (pages with the article a reader
//!    should get): token-level precision and recall against `expected.html`,
//!    for the plain Readability text import already keeps, and for its story
//!    blocks after our classification.
//! 2. Import time with block classification and learning, and without (every
//!    line kept as story), on a synthetic corpus dressed like scraped pages.

use std::collections::HashMap;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use litopys_core::import::{extract_html, html_text};
use litopys_core::store::blocks;
use litopys_core::text::analyze::for_each_token;
use litopys_core::text::blocks::story_text;
use litopys_core::text::normalize::canonical_text;
use litopys_core::Error;

use super::corpus::{self, Rng};

#[derive(serde::Serialize)]
struct Import {
    stories: &'static str,
    mb: f64,
    without: f64,
    with: f64,
    ratio: f64,
}

/// Runs of each import (with and without classification), alternating.
const ROUNDS: usize = 3;

pub struct Options {
    pub readability: PathBuf,
    pub corpora: PathBuf,
    pub articles: usize,
    pub work: Option<PathBuf>,
    pub json: bool,
}

#[derive(Default, Clone, Copy, serde::Serialize)]
struct Score {
    common: u64,
    got: u64,
    want: u64,
}

impl Score {
    fn precision(&self) -> f64 {
        self.common as f64 / self.got.max(1) as f64
    }
    fn recall(&self) -> f64 {
        self.common as f64 / self.want.max(1) as f64
    }
    fn add(&mut self, o: Score) {
        self.common += o.common;
        self.got += o.got;
        self.want += o.want;
    }
}

fn bag(text: &str) -> HashMap<String, u64> {
    let mut m = HashMap::new();
    for_each_token(text, |t| *m.entry(t.term).or_insert(0) += 1);
    m
}

fn compare(got: &str, want: &HashMap<String, u64>) -> Score {
    let got = bag(got);
    let common = got
        .iter()
        .map(|(t, n)| (*n).min(*want.get(t).unwrap_or(&0)))
        .sum();
    Score {
        common,
        got: got.values().sum(),
        want: want.values().sum(),
    }
}

/// (pages, plain Readability, story blocks, pages that failed to extract).
fn readability(dir: &Path) -> Result<(usize, Score, Score, usize), Error> {
    let mut cases: Vec<PathBuf> = std::fs::read_dir(dir)
        .map_err(|e| Error::InvalidInput(format!("{}: {e}", dir.display())))?
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.join("source.html").is_file() && p.join("expected.html").is_file())
        .collect();
    cases.sort();
    let (mut plain, mut ours, mut failed) = (Score::default(), Score::default(), 0);
    for case in &cases {
        let read = |name: &str| std::fs::read(case.join(name)).unwrap_or_default();
        let expected = bag(&html_text(&String::from_utf8_lossy(&read("expected.html"))));
        let (body, links) = match extract_html(&read("source.html")) {
            Ok(raw) => (canonical_text(&raw.body), raw.link_lines),
            Err(_) => {
                failed += 1;
                (String::new(), Vec::new())
            }
        };
        plain.add(compare(&body, &expected));
        let mut layout = blocks::layout(&body, "bench");
        layout.mark_links(&body, &links);
        ours.add(compare(&story_text(&body, &layout.blocks), &expected));
    }
    Ok((cases.len(), plain, ours, failed))
}

/// The site around a synthetic article: a prompt, a credit, a "read also"
/// link, the source's own slogan (learned, not matched by any rule), and a
/// list of ten other headlines with timestamps.
fn dress(
    a: &corpus::SynthArticle,
    rng: &mut Rng,
    headlines: &[String],
    tag: Option<&str>,
) -> String {
    // The generator recombines a finite pool of paragraphs, so its stories share
    // paragraphs far more than real ones; a tag word makes each article's own.
    let own: Vec<String> = a
        .text
        .split("\n\n")
        .map(|p| match tag {
            Some(t) => format!("{p} {t}"),
            None => p.to_owned(),
        })
        .collect();
    let mut paras: Vec<&str> = own.iter().map(String::as_str).collect();
    let (prompt, also, credit) = if a.lang == "uk" {
        (
            "Підписуйтесь на наш Telegram-канал",
            "Читайте також:",
            "Фото:",
        )
    } else {
        (
            "Подписывайтесь на наш Telegram-канал",
            "Читайте также:",
            "Фото:",
        )
    };
    let prompt = format!("{prompt} {} — головне за день", a.source);
    let slogan = format!("{} — незалежні новини щодня, без цензури", a.source);
    let at = 2.min(paras.len());
    paras.insert(at, &prompt);
    let mut out = paras.join("\n\n");
    let pick = |rng: &mut Rng| headlines[rng.below(headlines.len())].clone();
    out.push_str(&format!(
        "\n{credit} {}\n{also} {}\n{slogan}\n",
        a.source,
        pick(rng)
    ));
    for i in 0..10 {
        out.push_str(&format!(
            "{}\n{:02}:{:02} {} кві 2025.\n",
            pick(rng),
            20 - i,
            rng.below(60),
            1 + rng.below(28)
        ));
    }
    out
}

/// `i` in letters (digits are folded when lines are compared, letters are not).
fn letters(mut i: usize) -> String {
    let mut s = String::from("ref");
    loop {
        s.push((b'a' + (i % 26) as u8) as char);
        i /= 26;
        if i == 0 {
            return s;
        }
    }
}

fn write_dressed(
    paras: &corpus::Paragraphs,
    n: usize,
    unique: bool,
    path: &Path,
) -> std::io::Result<u64> {
    let mut rng = Rng::new(5);
    let headlines: Vec<String> = (0..500).map(|_| paras.article(&mut rng).title).collect();
    let mut out = std::io::BufWriter::new(std::fs::File::create(path)?);
    let mut bytes = 0;
    for i in 0..n {
        let a = paras.article(&mut rng);
        let tag = unique.then(|| letters(i));
        let text = format!("{}\n№ {i}", dress(&a, &mut rng, &headlines, tag.as_deref()));
        bytes += text.len() as u64;
        let a = corpus::SynthArticle { text, ..a };
        serde_json::to_writer(&mut out, &a)?;
        out.write_all(b"\n")?;
    }
    out.flush()?;
    Ok(bytes)
}

pub fn run(o: Options) -> Result<ExitCode, Error> {
    let io = |e: std::io::Error| Error::InvalidInput(e.to_string());
    let (pages, plain, ours, failed) = readability(&o.readability)?;

    let remove_after = o.work.is_none();
    let work = o.work.clone().unwrap_or_else(|| {
        std::env::temp_dir().join(format!("litopys-bench-blocks-{}", std::process::id()))
    });
    std::fs::create_dir_all(&work).map_err(io)?;
    let paras = corpus::Paragraphs::load(&o.corpora).map_err(Error::InvalidInput)?;
    let exe = super::litopys_exe()?;
    let mut imports = Vec::new();
    for unique in [true, false] {
        let jsonl = work.join(format!("dressed-{unique}.jsonl"));
        eprintln!("generating {} articles in {} …", o.articles, work.display());
        let bytes = write_dressed(&paras, o.articles, unique, &jsonl).map_err(io)?;
        // Rounds alternate the two imports; the best of each evens out the machine's other load.
        let (mut with, mut without) = (f64::MAX, f64::MAX);
        for round in 0..ROUNDS {
            for classify in [false, true] {
                let lib = work.join(format!("r{round}-{classify}.litopys"));
                let _ = std::fs::remove_file(&lib);
                let mut args: Vec<&std::ffi::OsStr> =
                    vec!["--library".as_ref(), lib.as_os_str(), "import".as_ref()];
                if !classify {
                    args.push("--no-block-classification".as_ref());
                }
                args.push(jsonl.as_os_str());
                eprintln!("import round {round}, classification {classify} …");
                let (secs, _) = super::timed(&exe, &args)?;
                let best = if classify { &mut with } else { &mut without };
                *best = best.min(secs);
            }
        }
        imports.push(Import {
            stories: if unique {
                "own paragraphs"
            } else {
                "recycled paragraphs"
            },
            mb: bytes as f64 / 1e6,
            without,
            with,
            ratio: with / without,
        });
    }
    if remove_after {
        let _ = std::fs::remove_dir_all(&work);
    }
    if o.json {
        let out = serde_json::json!({
            "readability": {"pages": pages, "failed": failed,
                "plain": {"precision": plain.precision(), "recall": plain.recall()},
                "story_blocks": {"precision": ours.precision(), "recall": ours.recall()}},
            "import": {"articles": o.articles, "corpora": imports},
        });
        println!("{}", serde_json::to_string_pretty(&out).unwrap_or_default());
        return Ok(ExitCode::SUCCESS);
    }
    println!("story extraction on {pages} html-readability pages (token level, all pages pooled; {failed} not extracted)");
    println!("{:<34} {:>9} {:>7}", "method", "precision", "recall");
    for (name, s) in [
        ("plain Readability (import's text)", plain),
        ("Readability + story blocks", ours),
    ] {
        println!("{name:<34} {:>9.4} {:>7.4}", s.precision(), s.recall());
    }
    println!(
        "\nimport of {} articles dressed like scraped pages, best of {ROUNDS} runs (seconds):",
        o.articles
    );
    println!(
        "{:<22} {:>6} {:>9} {:>7} {:>7}",
        "stories", "MB", "without", "with", "ratio"
    );
    for i in &imports {
        println!(
            "{:<22} {:>6.0} {:>9.2} {:>7.2} {:>6.2}x",
            i.stories, i.mb, i.without, i.with, i.ratio
        );
    }
    println!("goal: within 1.2x");
    Ok(ExitCode::SUCCESS)
}
