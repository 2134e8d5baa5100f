//! `litopys-bench extract`: how much of each page's article the HTML
//! extractor keeps, and how much of its boilerplate it drops, beside
//! trafilatura and readability-lxml on the same pages in the same run.
//!
//! The pages are built by `scripts/bench/extract_snippets.py DIR`: per page
//! `NAME.html` and `NAME.json` with `must` snippets (sentences of the article
//! a reader should get) and `must_not` snippets (navigation, comments,
//! related links, footers the page holds outside the article), and a split
//! (`dev`, tuned on; `held-out`, not).
//!
//! Scoring. A snippet is *present* when its normalized text (NFC, quotes and
//! apostrophes unified, whitespace collapsed) is a substring of the
//! normalized extracted text. Over all snippets of a split (pooled):
//! `present = must snippets present / must snippets` (recall),
//! `absent = must_not snippets absent / must_not snippets` (precision of
//! what is kept), `F1 = 2·present·absent / (present + absent)`.
//! A page an extractor fails counts every must snippet missing and every
//! must_not absent; it is also counted as lost.
//!
//! Rows: `litopys` is the text Litopys keeps (the story lines of the
//! extracted article, after our line classes); `litopys extracted` is the
//! extraction before that classification.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode};

use litopys_core::import::extract_html;
use litopys_core::store::blocks;
use litopys_core::text::blocks::story_text;
use litopys_core::Error;

use litopys_cli::terminal::line;

pub struct Options {
    pub pages: PathBuf,
    pub baselines: Option<PathBuf>,
    pub show: bool,
    pub json: bool,
}

#[derive(serde::Deserialize)]
struct Page {
    name: String,
    split: String,
    must: Vec<String>,
    must_not: Vec<String>,
}

#[derive(Default, Clone, Copy, serde::Serialize)]
struct Score {
    pages: u64,
    lost: u64,
    must: u64,
    present: u64,
    must_not: u64,
    absent: u64,
}

impl Score {
    fn present_rate(&self) -> f64 {
        self.present as f64 / self.must.max(1) as f64
    }
    fn absent_rate(&self) -> f64 {
        if self.must_not == 0 {
            1.0
        } else {
            self.absent as f64 / self.must_not as f64
        }
    }
    fn f1(&self) -> f64 {
        let (p, a) = (self.present_rate(), self.absent_rate());
        if p + a == 0.0 {
            0.0
        } else {
            2.0 * p * a / (p + a)
        }
    }
    fn add(&mut self, o: &Score) {
        self.pages += o.pages;
        self.lost += o.lost;
        self.must += o.must;
        self.present += o.present;
        self.must_not += o.must_not;
        self.absent += o.absent;
    }
}

/// NFC, apostrophes and quotes unified, whitespace collapsed.
pub(crate) fn normalize(text: &str) -> String {
    let nfc = litopys_core::text::normalize::canonical_text(text);
    let unified: String = nfc
        .chars()
        .map(|c| match c {
            '\u{2018}' | '\u{2019}' | '\u{02bc}' | '`' | '\u{b4}' => '\'',
            '\u{201c}' | '\u{201d}' | '\u{201e}' | '«' | '»' => '"',
            c => c,
        })
        .collect();
    unified.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn score(page: &Page, text: Option<&str>) -> Score {
    let mut s = Score {
        pages: 1,
        must: page.must.len() as u64,
        must_not: page.must_not.len() as u64,
        ..Score::default()
    };
    let Some(text) = text.filter(|t| !t.trim().is_empty()) else {
        s.lost = 1;
        s.absent = s.must_not;
        return s;
    };
    let got = normalize(text);
    s.present = page
        .must
        .iter()
        .filter(|m| got.contains(&normalize(m)))
        .count() as u64;
    s.absent = page
        .must_not
        .iter()
        .filter(|m| !got.contains(&normalize(m)))
        .count() as u64;
    s
}

fn load_pages(dir: &Path) -> Result<Vec<(Page, PathBuf)>, Error> {
    let mut out = Vec::new();
    let entries = std::fs::read_dir(dir).map_err(|e| {
        Error::InvalidInput(format!(
            "{}: {e} (build the pages with scripts/bench/extract_snippets.py DIR)",
            dir.display()
        ))
    })?;
    for entry in entries.flatten() {
        let path = entry.path();
        if path.extension().is_none_or(|e| e != "json") {
            continue;
        }
        let text = std::fs::read_to_string(&path)
            .map_err(|e| Error::InvalidInput(format!("{}: {e}", path.display())))?;
        let page: Page = serde_json::from_str(&text)
            .map_err(|e| Error::InvalidInput(format!("{}: {e}", path.display())))?;
        let html = path.with_extension("html");
        out.push((page, html));
    }
    out.sort_by(|a, b| a.0.name.cmp(&b.0.name));
    if out.is_empty() {
        return Err(Error::InvalidInput(format!(
            "{}: no pages (build them with scripts/bench/extract_snippets.py DIR)",
            dir.display()
        )));
    }
    Ok(out)
}

/// The snippets of a development page that the text Litopys keeps gets
/// wrong (held-out pages are not shown: they are not tuned on).
fn print_misses(page: &Page, text: Option<&str>) {
    let got = normalize(text.unwrap_or_default());
    for m in &page.must {
        if !got.contains(&normalize(m)) {
            println!("{}: missing: {}", line(&page.name), line(m));
        }
    }
    for m in &page.must_not {
        if got.contains(&normalize(m)) {
            println!("{}: kept: {}", line(&page.name), line(m));
        }
    }
}

/// What the baseline script printed: each tool's version, and per page each tool's text.
#[derive(Default, serde::Deserialize)]
struct Found {
    versions: BTreeMap<String, String>,
    pages: BTreeMap<String, serde_json::Value>,
}

/// Extractions of the baseline tools, or why there are none.
fn baselines(script: &Path, dir: &Path) -> Result<Found, String> {
    let out = Command::new("python3")
        .arg(script)
        .arg(dir)
        .output()
        .map_err(|e| format!("cannot run python3 ({e})"))?;
    if !out.status.success() {
        return Err(format!(
            "{} failed: {}",
            script.display(),
            String::from_utf8_lossy(&out.stderr).trim()
        ));
    }
    serde_json::from_slice(&out.stdout)
        .map_err(|e| format!("unreadable output of {}: {e}", script.display()))
}

const SPLITS: [&str; 3] = ["dev", "held-out", "all"];

pub fn run(opts: Options) -> Result<ExitCode, Error> {
    let pages = load_pages(&opts.pages)?;
    let script = opts.baselines.clone().unwrap_or_else(|| {
        PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../scripts/bench/extract_baselines.py")
    });
    let (found, missing) = match baselines(&script, &opts.pages) {
        Ok(found) => (found, None),
        Err(why) => (Found::default(), Some(why)),
    };
    let Found {
        versions,
        pages: baseline_pages,
    } = found;
    let mut rows: Vec<String> = vec!["litopys".into(), "litopys extracted".into()];
    for tool in ["trafilatura", "readability-lxml"] {
        if versions.contains_key(tool) {
            rows.push(tool.into());
        }
    }
    // totals[row][split]
    let mut totals: BTreeMap<(String, &str), Score> = BTreeMap::new();
    let mut per_page = Vec::new();
    let mut warned = 0u64;
    for (page, html) in &pages {
        let bytes = std::fs::read(html)
            .map_err(|e| Error::InvalidInput(format!("{}: {e}", html.display())))?;
        let (kept, extracted) = match extract_html(&bytes) {
            Ok(raw) => {
                warned += u64::from(raw.warning.is_some());
                let body = litopys_core::text::normalize::canonical_text(&raw.body);
                let mut layout = blocks::layout(&body, "bench");
                layout.mark_links(&body, &raw.link_lines);
                (Some(story_text(&body, &layout.blocks)), Some(body))
            }
            Err(_) => (None, None),
        };
        let mut texts: Vec<(String, Option<String>)> = vec![
            ("litopys".into(), kept),
            ("litopys extracted".into(), extracted),
        ];
        for tool in rows.iter().skip(2) {
            let text = baseline_pages
                .get(&page.name)
                .and_then(|p| p.get(tool))
                .and_then(|v| v.as_str())
                .map(str::to_owned);
            texts.push((tool.clone(), text));
        }
        if opts.show && page.split == "dev" {
            print_misses(page, texts[0].1.as_deref());
        }
        let mut page_scores = BTreeMap::new();
        for (row, text) in &texts {
            let s = score(page, text.as_deref());
            for split in [page.split.as_str(), "all"] {
                let key = SPLITS
                    .iter()
                    .find(|s| **s == split)
                    .copied()
                    .unwrap_or("all");
                totals.entry((row.clone(), key)).or_default().add(&s);
            }
            page_scores.insert(row.clone(), s);
        }
        per_page.push((page.name.clone(), page.split.clone(), page_scores));
    }
    if opts.json {
        let doc = serde_json::json!({
            "pages": pages.len(),
            "warned": warned,
            "versions": versions,
            "baseline_missing": missing,
            "totals": totals.iter().map(|((row, split), s)| serde_json::json!({
                "row": row, "split": split, "present": s.present_rate(),
                "absent": s.absent_rate(), "f1": s.f1(), "score": s,
            })).collect::<Vec<_>>(),
            "per_page": per_page.iter().map(|(n, split, s)| serde_json::json!({
                "page": n, "split": split,
                "f1": s.iter().map(|(r, s)| (r.clone(), s.f1())).collect::<BTreeMap<_, _>>(),
            })).collect::<Vec<_>>(),
        });
        println!("{}", serde_json::to_string_pretty(&doc).unwrap_or_default());
        return Ok(ExitCode::SUCCESS);
    }
    if opts.show {
        println!("{:<60} {:<9} {}", "page", "split", rows.join(" | "));
        for (name, split, s) in &per_page {
            let cells: Vec<String> = rows
                .iter()
                .map(|r| {
                    s.get(r).map_or("-".into(), |s| {
                        format!(
                            "{:.2} ({}/{} {}/{})",
                            s.f1(),
                            s.present,
                            s.must,
                            s.absent,
                            s.must_not
                        )
                    })
                })
                .collect();
            println!("{:<60} {:<9} {}", line(name), split, cells.join(" | "));
        }
        println!();
    }
    println!(
        "Extraction of {} pages ({} dev, {} held-out) in {}; {} extracted with a visible-text warning",
        pages.len(),
        pages.iter().filter(|p| p.0.split == "dev").count(),
        pages.iter().filter(|p| p.0.split == "held-out").count(),
        line(&opts.pages.display().to_string()),
        warned
    );
    for split in SPLITS {
        println!("\n{split}:");
        println!(
            "  {:<28} {:>8} {:>8} {:>8} {:>8} {:>11}",
            "extractor", "present", "absent", "F1", "lost", "F1 / ours"
        );
        let ours = totals
            .get(&("litopys".to_owned(), split))
            .map_or(0.0, Score::f1);
        for row in &rows {
            let Some(s) = totals.get(&(row.clone(), split)) else {
                continue;
            };
            let label = match versions.get(row) {
                Some(v) => format!("{row} {v}"),
                None => row.clone(),
            };
            println!(
                "  {:<28} {:>8.3} {:>8.3} {:>8.3} {:>8} {:>11.3}",
                label,
                s.present_rate(),
                s.absent_rate(),
                s.f1(),
                s.lost,
                s.f1() / ours.max(f64::MIN_POSITIVE)
            );
        }
    }
    if let Some(why) = missing {
        println!(
            "\nbaseline missing: {} (pip install trafilatura readability-lxml)",
            line(&why)
        );
    }
    Ok(ExitCode::SUCCESS)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn snippets_match_across_quotes_whitespace_and_composition() {
        let page = Page {
            name: "p".into(),
            split: "dev".into(),
            must: vec!["It\u{2019}s  a \u{201c}test\u{201d}".into(), "gone".into()],
            must_not: vec!["Share this".into(), "cafe\u{301}".into()],
        };
        let s = score(&page, Some("it's? It's a\n\"test\" here. caf\u{e9}"));
        assert_eq!((s.present, s.absent), (1, 1));
        assert!((s.f1() - 0.5).abs() < 1e-9);
        let lost = score(&page, None);
        assert_eq!((lost.lost, lost.present, lost.absent), (1, 0, 2));
    }
}
