//! Reused text: the words of an article's story (never its boilerplate), the
//! hashed word 5-grams ("shingles") that find reprints, and the alignment of
//! two texts into the passages they share.
//!
//! Words are folded as the index folds them ([`super::analyze`]: case, `ё`/`е`,
//! apostrophes, Latin look-alikes), so a reprint that retypes quotes or
//! capitalises differently still matches. Offsets are code points into the
//! article's body (what `show` prints and annotations count).

use std::collections::HashMap;

use super::blocks::{Block, BlockClass};

/// Words per shingle. Five words are rarely shared by chance between two
/// different stories, yet one edited word breaks only five shingles.
pub const SHINGLE: usize = 5;

/// One shingle in `SAMPLE_EVERY` is kept (by its hash, so a reprint keeps the
/// same ones). Every kept shingle costs a posting written and read at import:
/// at one in 4 an import of 8,000 articles of ~500 words took 1.85x as long
/// as without detection (debug build); one in 8 halves that work, and a
/// 100-word reprint still shares ~12 samples with its original.
pub const SAMPLE_EVERY: u64 = 8;

/// Story words read per article. A 10 MB text holds ~1.5 million words; a
/// story is 300–1,000. The first 50,000 words (~400 KB) decide what it shares.
pub const MAX_WORDS: usize = 50_000;

/// A word of the story: its folded hash and code-point range in the body.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Word {
    pub hash: u64,
    pub start: usize,
    pub end: usize,
}

/// A passage two texts share: code-point ranges into each body.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct SharedSpan {
    pub a_start: usize,
    pub a_end: usize,
    pub b_start: usize,
    pub b_end: usize,
}

/// An alignment of two texts' words.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Alignment {
    pub spans: Vec<SharedSpan>,
    /// The same passages as (first word in a, first word in b, words).
    pub runs: Vec<(usize, usize, usize)>,
    /// Words of each text inside the shared passages.
    pub a_words: usize,
    pub b_words: usize,
}

/// FNV-1a over the folded word, then a 64-bit finaliser (splitmix64) so the
/// low bits used for sampling are well mixed.
fn word_hash(term: &str) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in term.bytes() {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    mix(h)
}

fn mix(mut z: u64) -> u64 {
    z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    z ^ (z >> 31)
}

/// The code-point ranges of the story blocks, in order.
fn story_ranges(blocks: &[Block]) -> Vec<(usize, usize)> {
    let mut story: Vec<(usize, usize)> = blocks
        .iter()
        .filter(|b| b.class == BlockClass::Story && b.start < b.end)
        .map(|b| (b.start, b.end))
        .collect();
    story.sort_unstable();
    story
}

/// The words of the story blocks of `body`, at most `max` of them.
pub fn story_words(body: &str, blocks: &[Block], max: usize) -> Vec<Word> {
    let story = story_ranges(blocks);
    let mut out = Vec::new();
    // One pass over the body: code point → byte, block by block.
    let mut chars = body.char_indices().enumerate().peekable();
    for (s, e) in story {
        if out.len() >= max {
            break;
        }
        let mut start_byte = None;
        let mut end_byte = body.len();
        while let Some(&(cp, (byte, _))) = chars.peek() {
            if cp == s {
                start_byte = Some(byte);
            }
            if cp == e {
                end_byte = byte;
                break;
            }
            chars.next();
        }
        let Some(from) = start_byte else { break };
        let text = &body[from..end_byte];
        // A reprint's credit lead ("Як повідомляє X, …") opening the story is
        // the reprinter's, not the story's: left out, a flash and its
        // credited reprint are the same words.
        let lead = if out.is_empty() {
            super::credit::lead_end(text).unwrap_or(0)
        } else {
            0
        };
        // Byte offsets inside the block → code points, counted as we go.
        let (mut byte_at, mut cp_at) = (0usize, s);
        super::analyze::for_each_term(text, |term, ws, we, _| {
            if out.len() >= max {
                return;
            }
            cp_at += text[byte_at..ws].chars().count();
            let start = cp_at;
            cp_at += text[ws..we].chars().count();
            byte_at = we;
            if ws < lead {
                return;
            }
            out.push(Word {
                hash: word_hash(term),
                start,
                end: cp_at,
            });
        });
    }
    out
}

/// The text of the story blocks of `body`, one line each, at most `max`
/// characters (what a credit is read from).
pub fn story_text(body: &str, blocks: &[Block], max: usize) -> String {
    let story = story_ranges(blocks);
    let mut out = String::new();
    let mut taken = 0usize;
    let mut chars = body.chars().enumerate().peekable();
    for (s, e) in story {
        if taken >= max {
            break;
        }
        if !out.is_empty() {
            out.push('\n');
        }
        while let Some(&(cp, c)) = chars.peek() {
            if cp >= e || taken >= max {
                break;
            }
            if cp >= s {
                out.push(c);
                taken += 1;
            }
            chars.next();
        }
    }
    out
}

/// The hash of the shingle starting at each word (none for texts shorter than a shingle).
pub fn shingles(words: &[Word]) -> Vec<u64> {
    words
        .windows(SHINGLE)
        .map(|w| {
            let mut h: u64 = 0;
            for x in w {
                h = mix(h.rotate_left(17) ^ x.hash);
            }
            h
        })
        .collect()
}

/// Texts shorter than this many words keep every shingle, not one in
/// [`SAMPLE_EVERY`]: a 60-word reprint keeps only ~7 sampled shingles, too
/// few to tell a reprint (containment ~1) from a shared quote, and a 20-word
/// flash keeps ~2. A short text's postings cost little (it has few words).
pub const DENSE_BELOW: usize = 150;

/// Whether a text of `words` words keeps every shingle.
pub fn is_dense(words: usize) -> bool {
    words < DENSE_BELOW
}

/// Whether a shingle is kept when its text is sampled.
fn is_sampled(h: u64) -> bool {
    h.is_multiple_of(SAMPLE_EVERY)
}

/// The kept shingles of a text (all of a short one's, one in
/// [`SAMPLE_EVERY`] of a longer one's), sorted and without repeats.
pub fn samples(words: &[Word]) -> Vec<u64> {
    let dense = is_dense(words.len());
    let mut s: Vec<u64> = shingles(words)
        .into_iter()
        .filter(|&h| dense || is_sampled(h))
        .collect();
    s.sort_unstable();
    s.dedup();
    s
}

/// A text's samples and its length in words: what two texts are compared by.
#[derive(Debug, Clone, Copy)]
pub struct Sampled<'a> {
    pub samples: &'a [u64],
    pub words: usize,
}

/// Shared samples of two texts and the samples of the one with fewer,
/// counted alike on both sides: two short texts compare every shingle; when
/// one is sampled, the other's shingles are sampled the same way first.
pub fn overlap(a: Sampled, b: Sampled) -> (usize, usize) {
    let (da, db) = (is_dense(a.words), is_dense(b.words));
    if da == db {
        // Both kept alike: compared as they are (no copy: a long article
        // meets many candidates).
        return (
            shared_count(a.samples, b.samples),
            a.samples.len().min(b.samples.len()),
        );
    }
    let (dense, sparse) = if da { (a, b) } else { (b, a) };
    let thinned: Vec<u64> = dense
        .samples
        .iter()
        .copied()
        .filter(|&h| is_sampled(h))
        .collect();
    (
        shared_count(&thinned, sparse.samples),
        thinned.len().min(sparse.samples.len()),
    )
}

/// One sample in `ANCHOR_EVERY / SAMPLE_EVERY` is an anchor (again by its
/// hash: anchors are samples): only anchors go into the inverted table, where
/// each posting is a random B-tree insert. Anchors find the candidates; the
/// full samples (kept per article) score them. Building the stories of 8,000
/// articles of ~500 words took 4.8 s with every sample posted and 3.6 s with
/// anchors (release build, one import-style pass per article).
pub const ANCHOR_EVERY: u64 = 16;

/// The anchors among sorted `samples` of a text of `words` words: all of a
/// short text's shingles (so two short texts sharing any shingle are
/// compared), one in [`ANCHOR_EVERY`] of a longer one's.
pub fn anchors(samples: &[u64], words: usize) -> Vec<u64> {
    let dense = is_dense(words);
    samples
        .iter()
        .copied()
        .filter(|h| dense || h % ANCHOR_EVERY == 0)
        .collect()
}

/// How many of two sorted sample lists' values they share.
pub fn shared_count(a: &[u64], b: &[u64]) -> usize {
    let (mut i, mut j, mut n) = (0, 0, 0);
    while i < a.len() && j < b.len() {
        match a[i].cmp(&b[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                n += 1;
                i += 1;
                j += 1;
            }
        }
    }
    n
}

/// The passages `a` and `b` share: runs of at least [`SHINGLE`] equal words,
/// found greedily from the start of `a` (each run extended as far as the
/// words agree). Linear in the two lengths plus the runs' lengths.
pub fn align(a: &[Word], b: &[Word]) -> Alignment {
    let sa = shingles(a);
    let sb = shingles(b);
    // First place of each shingle in b; later repeats rarely matter and
    // keeping one bounds the work for texts that repeat themselves.
    let mut at: HashMap<u64, usize> = HashMap::with_capacity(sb.len());
    for (j, &h) in sb.iter().enumerate() {
        at.entry(h).or_insert(j);
    }
    let mut out = Alignment::default();
    let mut used_b = vec![false; b.len()];
    let mut i = 0;
    while i < sa.len() {
        let Some(&j) = at.get(&sa[i]) else {
            i += 1;
            continue;
        };
        if used_b[j] || (0..SHINGLE).any(|k| a[i + k].hash != b[j + k].hash) {
            i += 1;
            continue;
        }
        let mut len = SHINGLE;
        while i + len < a.len() && j + len < b.len() && a[i + len].hash == b[j + len].hash {
            len += 1;
        }
        for u in &mut used_b[j..j + len] {
            *u = true;
        }
        out.spans.push(SharedSpan {
            a_start: a[i].start,
            a_end: a[i + len - 1].end,
            b_start: b[j].start,
            b_end: b[j + len - 1].end,
        });
        out.runs.push((i, j, len));
        out.a_words += len;
        out.b_words += len;
        i += len;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::blocks::classify;

    fn words(t: &str) -> Vec<Word> {
        story_words(t, &classify(t), MAX_WORDS)
    }

    #[test]
    fn words_carry_code_point_offsets_into_the_body() {
        let body = "Заголовок\n\nЇжак «Ёлка» пішов.";
        let w = words(body);
        let chars: Vec<char> = body.chars().collect();
        let last = w.last().copied().unwrap_or(Word {
            hash: 0,
            start: 0,
            end: 0,
        });
        let shown: String = chars[last.start..last.end].iter().collect();
        assert_eq!(shown, "пішов");
    }

    #[test]
    fn folding_makes_case_and_yo_match() {
        assert_eq!(words("Ёлка ПІШЛА")[0].hash, words("елка пішла")[0].hash);
    }

    #[test]
    fn alignment_finds_the_copied_run_around_an_inserted_word() {
        let a = words("один два три чотири пять шість сім вісім девять десять");
        let b = words("один два три чотири пять нове шість сім вісім девять десять");
        let al = align(&a, &b);
        assert_eq!(al.spans.len(), 2);
        assert_eq!(al.a_words, 10);
    }
}
