//! A large library shaped like a real one for the from-scratch story build:
//! most articles are their own text, some are reprints of a recent one.
//!
//! The search benchmark's corpus (`corpus::write`) draws whole sentences
//! from a pool of ~40,000; at a million articles every sentence recurs in
//! hundreds of unrelated articles, so every article shares 5-grams with
//! hundreds of others: a library made of nothing but text reuse, the worst
//! case for candidate pairs (kept as `--scale-corpus sentences`). Here each
//! original is new text drawn word by word from the pool's word pairs (the
//! words and common phrases of real Ukrainian and Russian news, few long
//! passages in common), and one article in five is a reprint of one of the
//! last 2,000 originals by another outlet: whole, trimmed, with an
//! "Як повідомляє …" lead, or with words dropped.

use std::collections::{HashMap, VecDeque};
use std::io::Write;
use std::path::Path;

use super::super::corpus::{article_text, Paragraphs, Rng, SynthArticle, SOURCES};

/// One article in `REPRINT_ONE_IN` is a reprint.
const REPRINT_ONE_IN: usize = 5;
/// Reprints copy one of the last this many originals (a news cycle).
const RECENT: usize = 2000;

/// A word-pair chain of one language's sentences.
struct Chain {
    words: Vec<String>,
    next: Vec<Vec<u32>>,
    starts: Vec<u32>,
}

impl Chain {
    fn new(sentences: &[String]) -> Chain {
        let mut ids: HashMap<&str, u32> = HashMap::new();
        let mut words: Vec<String> = Vec::new();
        let mut next: Vec<Vec<u32>> = Vec::new();
        let mut starts = Vec::new();
        for s in sentences {
            let mut prev: Option<u32> = None;
            for w in s.split_whitespace() {
                let id = *ids.entry(w).or_insert_with(|| {
                    words.push(w.to_owned());
                    next.push(Vec::new());
                    (words.len() - 1) as u32
                });
                match prev {
                    Some(p) => next[p as usize].push(id),
                    None => starts.push(id),
                }
                prev = Some(id);
            }
        }
        Chain {
            words,
            next,
            starts,
        }
    }

    fn sentence(&self, rng: &mut Rng, out: &mut String) {
        let Some(&first) = self.starts.get(rng.below(self.starts.len())) else {
            return;
        };
        let mut id = first as usize;
        for n in 0..40 {
            if n > 0 {
                out.push(' ');
            }
            let w = &self.words[id];
            out.push_str(w);
            let ends = w.ends_with(['.', '!', '?', '…']);
            if ends && n >= 5 {
                return;
            }
            let Some(&to) = self.next[id].get(rng.below(self.next[id].len().max(1))) else {
                break;
            };
            id = to as usize;
        }
        out.push('.');
    }

    fn text(&self, rng: &mut Rng) -> String {
        article_text(rng, |rng, out| self.sentence(rng, out))
    }
}

fn date(minutes: i64) -> String {
    super::set::rfc3339(minutes * 60, 0)
}

/// A reprint of `original` by another outlet: whole, trimmed to its first
/// paragraphs, led by a credit, or with one word in 15 dropped.
fn reprint(rng: &mut Rng, original: &SynthArticle, uk: bool) -> String {
    match rng.below(4) {
        // Whole, with the reprinting outlet's credit line (a byte-identical
        // text would be merged with its original on import).
        0 => format!("{}\n\nФото: {}", original.text, original.source),
        1 => {
            let paras: Vec<&str> = original.text.split("\n\n").collect();
            let keep = (paras.len() * 2 / 3).max(1);
            paras[..keep].join("\n\n")
        }
        2 => {
            let lead = if uk {
                "Як повідомляє"
            } else {
                "Как сообщает"
            };
            format!("{lead} {}, {}", original.source, original.text)
        }
        _ => original
            .text
            .split(' ')
            .enumerate()
            .filter(|(i, _)| i % 15 != 7)
            .map(|(_, w)| w)
            .collect::<Vec<_>>()
            .join(" "),
    }
}

/// Writes `n` articles to `jsonl`, seeded.
pub fn write(paras: &Paragraphs, n: usize, seed: u64, jsonl: &Path) -> std::io::Result<()> {
    let (uk, ru) = paras.pools();
    let chains = [Chain::new(uk), Chain::new(ru)];
    let mut rng = Rng::new(seed);
    let mut out = std::io::BufWriter::new(std::fs::File::create(jsonl)?);
    let mut recent: VecDeque<(SynthArticle, i64)> = VecDeque::with_capacity(RECENT);
    // Ten years of news, one article every few minutes.
    let mut minute: i64 = 24_000_000;
    for i in 0..n {
        minute += 1 + rng.below(5) as i64;
        let copy = i % REPRINT_ONE_IN == REPRINT_ONE_IN - 1 && !recent.is_empty();
        let article = if copy {
            let (original, at) = &recent[rng.below(recent.len())];
            let uk = original.lang == "uk";
            let group = if uk { &SOURCES[..6] } else { &SOURCES[6..] };
            // Another outlet of the same language than the original's.
            let own = group
                .iter()
                .position(|s| *s == original.source)
                .unwrap_or(0);
            let other = rng.below(group.len() - 1);
            let source = group[if other >= own { other + 1 } else { other }];
            SynthArticle {
                title: original.title.clone(),
                text: reprint(&mut rng, original, uk),
                source,
                published: date(at + rng.below(48 * 60) as i64),
                lang: original.lang,
            }
        } else {
            let uk = rng.below(10) < 7;
            let chain = &chains[usize::from(!uk)];
            let group = if uk { &SOURCES[..6] } else { &SOURCES[6..] };
            let mut title = String::new();
            chain.sentence(&mut rng, &mut title);
            let title: String = title.split(' ').take(12).collect::<Vec<_>>().join(" ");
            let a = SynthArticle {
                title,
                text: chain.text(&mut rng),
                source: group[rng.below(group.len())],
                published: date(minute),
                lang: if uk { "uk" } else { "ru" },
            };
            if recent.len() == RECENT {
                recent.pop_front();
            }
            recent.push_back((a.clone(), minute));
            a
        };
        serde_json::to_writer(&mut out, &article)?;
        out.write_all(b"\n")?;
    }
    out.flush()
}
