//! Labelled-synthetic corpora for benchmarks: articles of about 4 KB made by
//! recombining sentences of the development corpora into new paragraphs, each
//! article with a known language, source and date. Deterministic for a given
//! seed.
//!
//! Paragraphs are new combinations rather than whole corpus paragraphs: a pool
//! of a few thousand paragraphs recycled through 100,000 articles makes every
//! short paragraph recur in many articles of one source, which is what site
//! boilerplate looks like, and the library would rightly learn the story as
//! boilerplate.

use std::io::Write;
use std::path::{Path, PathBuf};

use serde::Serialize;

#[derive(Serialize, Clone)]
pub struct SynthArticle {
    pub title: String,
    pub text: String,
    pub source: &'static str,
    pub published: String,
    pub lang: &'static str,
}

pub const SOURCES: [&str; 12] = [
    "pravda.com.ua",
    "unian.ua",
    "lenta.ua",
    "ukrinform.ua",
    "rbc.ua",
    "zn.ua",
    "ria.ru",
    "tass.ru",
    "kommersant.ru",
    "meduza.io",
    "interfax.ru",
    "rg.ru",
];

/// xorshift64*: tiny, fast, and the same on every platform.
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Rng {
        Rng(seed.max(1))
    }
    pub fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    pub fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}

/// An article's text of ~4,000 bytes: paragraphs of two to five sentences,
/// each written by `sentence`.
pub fn article_text(rng: &mut Rng, mut sentence: impl FnMut(&mut Rng, &mut String)) -> String {
    let mut text = String::with_capacity(4400);
    while text.len() < 4000 {
        if !text.is_empty() {
            text.push_str("\n\n");
        }
        for k in 0..2 + rng.below(4) {
            if k > 0 {
                text.push(' ');
            }
            sentence(rng, &mut text);
        }
    }
    text
}

pub struct Paragraphs {
    uk: Vec<String>,
    ru: Vec<String>,
}

impl Paragraphs {
    /// Sentences of the paragraphs of at least 40 characters in `ua-gec`
    /// (Ukrainian) and `factrueval-ru` (Russian).
    pub fn load(corpora: &Path) -> Result<Paragraphs, String> {
        let read = |dir: PathBuf| -> Result<Vec<String>, String> {
            let mut out = Vec::new();
            let entries = std::fs::read_dir(&dir).map_err(|e| format!("{}: {e}", dir.display()))?;
            let mut files: Vec<PathBuf> = entries.flatten().map(|e| e.path()).collect();
            files.sort();
            for f in files
                .iter()
                .filter(|f| f.extension().is_some_and(|x| x == "txt"))
            {
                let text =
                    std::fs::read_to_string(f).map_err(|e| format!("{}: {e}", f.display()))?;
                for line in text
                    .lines()
                    .map(str::trim)
                    .filter(|l| l.chars().count() >= 40)
                {
                    out.extend(sentences(line));
                }
            }
            if out.is_empty() {
                return Err(format!("no paragraphs found in {}", dir.display()));
            }
            Ok(out)
        };
        Ok(Paragraphs {
            uk: read(corpora.join("ua-gec"))?,
            ru: read(corpora.join("factrueval-ru"))?,
        })
    }

    /// The Ukrainian and the Russian sentences.
    pub fn pools(&self) -> (&[String], &[String]) {
        (&self.uk, &self.ru)
    }

    pub fn article(&self, rng: &mut Rng) -> SynthArticle {
        let (lang, pool, sources) = if rng.below(10) < 7 {
            ("uk", &self.uk, &SOURCES[..6])
        } else {
            ("ru", &self.ru, &SOURCES[6..])
        };
        let text = article_text(rng, |rng, out| out.push_str(&pool[rng.below(pool.len())]));
        let title_src = &pool[rng.below(pool.len())];
        let title: String = title_src
            .split_whitespace()
            .take(6 + rng.below(6))
            .collect::<Vec<_>>()
            .join(" ");
        let published = format!(
            "{}-{:02}-{:02}T{:02}:{:02}:00Z",
            2014 + rng.below(12),
            1 + rng.below(12),
            1 + rng.below(28),
            rng.below(24),
            rng.below(60)
        );
        SynthArticle {
            title,
            text,
            source: sources[rng.below(sources.len())],
            published,
            lang,
        }
    }
}

/// `paragraph` cut after each `.`, `!`, `?` or `…` that a space follows;
/// pieces shorter than 20 characters join the next one.
fn sentences(paragraph: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut current = String::new();
    let mut chars = paragraph.chars().peekable();
    while let Some(c) = chars.next() {
        current.push(c);
        let end = matches!(c, '.' | '!' | '?' | '…') && chars.peek() == Some(&' ');
        if end && current.chars().count() >= 20 {
            out.push(current.trim().to_owned());
            current.clear();
        }
    }
    let rest = current.trim();
    if !rest.is_empty() {
        match out.last_mut() {
            Some(last) if rest.chars().count() < 20 => {
                last.push(' ');
                last.push_str(rest);
            }
            _ => out.push(rest.to_owned()),
        }
    }
    out
}

/// Writes `n` articles as one JSONL file and as a folder of `.txt` files
/// (headline, blank line, text; 1,000 files a subfolder). Returns bytes of text.
pub fn write(
    paras: &Paragraphs,
    n: usize,
    seed: u64,
    jsonl: &Path,
    txt_dir: Option<&Path>,
) -> std::io::Result<u64> {
    let mut rng = Rng::new(seed);
    let mut out = std::io::BufWriter::new(std::fs::File::create(jsonl)?);
    let mut bytes = 0u64;
    for i in 0..n {
        let a = paras.article(&mut rng);
        // A counter makes every article unique, as real articles are.
        let a = SynthArticle {
            text: format!("{}\n\n№ {i}", a.text),
            ..a
        };
        bytes += a.text.len() as u64;
        serde_json::to_writer(&mut out, &a)?;
        out.write_all(b"\n")?;
        if let Some(dir) = txt_dir {
            let sub = dir.join(format!("{:04}", i / 1000));
            if i.is_multiple_of(1000) {
                std::fs::create_dir_all(&sub)?;
            }
            std::fs::write(
                sub.join(format!("{i:07}.txt")),
                format!("{}\n\n{}\n", a.title, a.text),
            )?;
        }
    }
    out.flush()?;
    Ok(bytes)
}

#[cfg(test)]
mod tests {
    use super::sentences;

    #[test]
    fn sentences_split_after_end_marks_and_keep_short_pieces_attached() {
        assert_eq!(
            sentences("Перше речення досить довге. Так! Друге речення теж довге? Кінець"),
            vec![
                "Перше речення досить довге.",
                "Так! Друге речення теж довге? Кінець",
            ]
        );
        assert_eq!(
            sentences("Без крапки в кінці рядка"),
            vec!["Без крапки в кінці рядка"]
        );
    }
}
