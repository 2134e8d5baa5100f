//! Keeping the stories current: samples and postings per article, links
//! between articles, and the clusters they form.

use std::collections::{BTreeSet, VecDeque};

use rusqlite::{params, Connection, OptionalExtension};

use super::{
    FIRST_HOLDERS, FLASH_CONTAINMENT, FLASH_MAX_RATIO, MAX_POSTINGS, MIN_ANCHORS, MIN_CONTAINMENT,
    MIN_FLASH_WORDS, MIN_LINE_WORDS, MIN_SHARED, MIN_STORY_WORDS, SAME_SOURCE_CONTAINMENT,
    SAME_SOURCE_LENGTH_RATIO,
};
use crate::error::Result;
use crate::text::reuse::{self, Word};

/// Version of the detection. Bump it when the rules change: libraries
/// built by another version are rebuilt when opened.
pub const VERSION: i64 = 3;

/// Articles handled per transaction when the queue is flushed: other
/// writers (the app's edits) get the lock between slices. Every slice
/// rewrites the pages of the postings table it touches, which are spread
/// over all of it: building the stories of 8,000 articles took 5.7 s in
/// slices of 500 and 4.8 s in slices of 2,000 (release build, every sample
/// posted, measured as the open after an import with `--no-story-detection`).
pub const SLICE: usize = 2000;

/// Body, stored blocks and source of an article (none if it is gone).
pub(super) type StoryRow = Option<(String, Option<String>, Option<String>)>;

/// What the stories read of a stored article.
pub(super) fn story_row(conn: &Connection, id: i64) -> Result<StoryRow> {
    Ok(conn
        .prepare_cached("SELECT body, blocks, source FROM articles WHERE id = ?1")?
        .query_row([id], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
        .optional()?)
}

/// The story words of a stored article (none if it is gone).
pub(crate) fn words_of(conn: &Connection, id: i64) -> Result<Option<Vec<Word>>> {
    Ok(story_row(conn, id)?.map(|(body, stored, _)| words_from(&body, stored.as_deref())))
}

/// What an article is matched by: its story's length in words, its sampled
/// shingles and the anchors among them, and its source.
pub(super) struct Fingerprint {
    pub words: usize,
    pub samples: Vec<u64>,
    pub anchors: Vec<u64>,
    pub source: Option<String>,
}

/// The fingerprint of a body with its stored `blocks` column.
pub(super) fn fingerprint(body: &str, blocks: Option<&str>, source: Option<String>) -> Fingerprint {
    let words = words_from(body, blocks);
    let samples = reuse::samples(&words);
    let anchors = reuse::anchors(&samples, words.len());
    Fingerprint {
        words: words.len(),
        samples,
        anchors,
        source,
    }
}

/// The story words of a body with its stored `blocks` column.
pub(super) fn words_from(body: &str, stored: Option<&str>) -> Vec<Word> {
    let blocks = crate::store::block_column::full(body, stored);
    reuse::story_words(body, &blocks, reuse::MAX_WORDS)
}

pub(super) fn encode(samples: &[u64]) -> Vec<u8> {
    samples.iter().flat_map(|h| h.to_le_bytes()).collect()
}

pub(super) fn decode(blob: &[u8]) -> Vec<u64> {
    blob.chunks_exact(8)
        .map(|c| {
            let mut b = [0u8; 8];
            b.copy_from_slice(c);
            u64::from_le_bytes(b)
        })
        .collect()
}

/// A JSON array of the samples as signed integers (how SQLite stores them),
/// so a whole list is bound as one value and read with `json_each`.
pub(super) fn json_list(samples: &[u64]) -> String {
    let mut out = String::with_capacity(samples.len() * 21 + 2);
    out.push('[');
    for (i, &h) in samples.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        out.push_str(&(h as i64).to_string());
    }
    out.push(']');
    out
}

/// Forgets an article's postings and links; returns the articles it was
/// linked to, and whether it had a story row.
fn forget(conn: &Connection, id: i64) -> Result<(Vec<i64>, bool)> {
    let old: Option<Vec<u8>> = conn
        .prepare_cached("DELETE FROM story_articles WHERE article_id = ?1 RETURNING samples")?
        .query_row([id], |r| r.get(0))
        .optional()?;
    let had_row = old.is_some();
    if let Some(blob) = old {
        conn.prepare_cached(
            "DELETE FROM story_shingles WHERE article_id = ?2
                 AND hash IN (SELECT value FROM json_each(?1))",
        )?
        .execute(params![json_list(&decode(&blob)), id])?;
    }
    let linked: Vec<i64> = conn
        .prepare_cached(
            "DELETE FROM story_links WHERE a = ?1 OR b = ?1
             RETURNING CASE WHEN a = ?1 THEN b ELSE a END",
        )?
        .query_map([id], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    Ok((linked, had_row))
}

fn in_a_story(conn: &Connection, id: i64) -> Result<bool> {
    Ok(conn
        .prepare_cached("SELECT EXISTS (SELECT 1 FROM story_members WHERE article_id = ?1)")?
        .query_row([id], |r| r.get(0))?)
}

/// What the link rule needs of one article of a pair.
pub(super) struct Side<'a> {
    pub samples: &'a [u64],
    pub words: usize,
    pub source: Option<&'a str>,
}

/// Whether two articles carry the same story; their shared samples and the
/// containment if so. The one rule for imports and rebuilds alike.
pub(super) fn judge(a: &Side, b: &Side) -> Option<(usize, f64)> {
    let (small, large) = (a.words.min(b.words), a.words.max(b.words));
    if small < MIN_LINE_WORDS {
        return None;
    }
    if small < MIN_FLASH_WORDS {
        // Exact reprints only: the same words give the same shingles.
        let same = small == large && a.samples == b.samples && !a.samples.is_empty();
        return same.then_some((a.samples.len(), 1.0));
    }
    let same_source = a.source.is_some() && a.source == b.source;
    if same_source && (small as f64) < SAME_SOURCE_LENGTH_RATIO * large as f64 {
        return None;
    }
    let flash = small < MIN_STORY_WORDS;
    if flash && large > FLASH_MAX_RATIO * small {
        return None;
    }
    let (shared, smaller) = reuse::overlap(
        reuse::Sampled {
            samples: a.samples,
            words: a.words,
        },
        reuse::Sampled {
            samples: b.samples,
            words: b.words,
        },
    );
    if shared < MIN_SHARED {
        return None;
    }
    let containment = shared as f64 / smaller.max(1) as f64;
    let needed = if same_source {
        SAME_SOURCE_CONTAINMENT
    } else if flash {
        FLASH_CONTAINMENT
    } else {
        MIN_CONTAINMENT
    };
    (containment >= needed).then_some((shared, containment))
}

/// The holders of an article's `i`-th anchor `anchor` into `out`, in
/// article-id order, [`MAX_POSTINGS`] + 1 at most (see [`super::holders`]).
pub(super) type HoldersOf<'a> = dyn FnMut(usize, u64, &mut Vec<i64>) -> Result<()> + 'a;

/// The articles sharing at least [`MIN_ANCHORS`] of `anchors` with article
/// `id` (or one rare anchor), in id order. Anchors held by more than
/// [`MAX_POSTINGS`] articles are skipped; of the others, only the first
/// [`FIRST_HOLDERS`] holders are paired with `id`, unless `id` is one of
/// them (as a rebuild pairs them).
///
/// One index seek per anchor, counted here: the same rule as one SQL
/// statement (three seeks per anchor, materialised and grouped by SQLite)
/// took half of detection's time on import (`perf`, labelled set of 3,046
/// articles).
fn candidates(id: i64, anchors: &[u64], holders_of: &mut HoldersOf) -> Result<Vec<i64>> {
    // Per candidate: anchors shared, and the fewest holders of any of them.
    let mut shared: std::collections::HashMap<i64, (usize, usize)> = Default::default();
    let mut holders: Vec<i64> = Vec::new();
    for (i, &anchor) in anchors.iter().enumerate() {
        holders_of(i, anchor, &mut holders)?;
        if holders.len() > MAX_POSTINGS {
            continue;
        }
        let last_first = holders.get(FIRST_HOLDERS - 1).copied().unwrap_or(i64::MAX);
        for &other in &holders {
            if other != id && (other <= last_first || id <= last_first) {
                let e = shared.entry(other).or_insert((0, usize::MAX));
                e.0 += 1;
                e.1 = e.1.min(holders.len());
            }
        }
    }
    let mut found: Vec<i64> = shared
        .into_iter()
        .filter(|&(_, (n, fewest))| n >= MIN_ANCHORS || fewest <= FIRST_HOLDERS)
        .map(|(other, _)| other)
        .collect();
    found.sort_unstable();
    Ok(found)
}

/// Indexes one article's current story text (its `fingerprint`, none when
/// the article is gone) and links it to the articles that share it, its
/// candidates counted from `holders_of` (which sees its new postings).
/// `never_indexed`: the article is known to have had no story row when its
/// slice began, so it has nothing to forget (no postings, so no links
/// either; and no story). Returns the articles whose story may have changed
/// (none when it was and stays in no story).
pub(super) fn index_article(
    conn: &Connection,
    id: i64,
    fingerprint: Option<Fingerprint>,
    never_indexed: bool,
    holders_of: &mut HoldersOf,
) -> Result<Vec<i64>> {
    // Most articles of an import are new: the four seeks of forgetting
    // nothing were a tenth of detection's time on the writer's thread.
    // Tests (debug builds) check that there was nothing.
    let (mut touched, was_linked) = if never_indexed && !cfg!(debug_assertions) {
        (Vec::new(), false)
    } else {
        let (touched, had_row) = forget(conn, id)?;
        // A removed neighbour's links are gone before this runs (foreign
        // keys cascade), but the article still has its story row to clear.
        let was_linked = !touched.is_empty() || in_a_story(conn, id)?;
        debug_assert!(
            !(never_indexed && (had_row || was_linked)),
            "article {id}, never indexed, had a story row or links"
        );
        (touched, was_linked)
    };
    let Some(Fingerprint {
        words,
        samples,
        anchors: anchor_hashes,
        source: mine,
    }) = fingerprint
    else {
        return Ok(touched);
    };
    conn.prepare_cached(
        "INSERT INTO story_articles (article_id, samples, words, source) VALUES (?1, ?2, ?3, ?4)",
    )?
    .execute(params![id, encode(&samples), words as i64, mine])?;
    // All postings in one statement. With foreign keys on, a statement
    // writing many rows into a table with a foreign key journals every page
    // it changes (to a temporary file past 64 KB) and was slower than a row
    // per statement; the queue's flushes run with them off
    // ([`super::without_foreign_keys`]), and then it is the faster.
    conn.prepare_cached(
        "INSERT OR IGNORE INTO story_shingles (hash, article_id) SELECT value, ?2 FROM json_each(?1)",
    )?
    .execute(params![json_list(&anchor_hashes), id])?;
    let mut found = Vec::new();
    if words >= MIN_LINE_WORDS && !samples.is_empty() {
        let mut read = conn.prepare_cached(
            "SELECT samples, words, source FROM story_articles WHERE article_id = ?1",
        )?;
        let me = Side {
            samples: &samples,
            words,
            source: mine.as_deref(),
        };
        for other in candidates(id, &anchor_hashes, holders_of)? {
            let row = read
                .query_row([other], |r| {
                    Ok((
                        r.get::<_, Vec<u8>>(0)?,
                        r.get::<_, i64>(1)?,
                        r.get::<_, Option<String>>(2)?,
                    ))
                })
                .optional()?;
            let Some((blob, their_words, source)) = row else {
                continue;
            };
            let theirs = decode(&blob);
            let them = Side {
                samples: &theirs,
                words: their_words.max(0) as usize,
                source: source.as_deref(),
            };
            if let Some((n, containment)) = judge(&me, &them) {
                found.push((other, n as i64, containment));
            }
        }
    }
    let mut link = conn.prepare_cached(
        "INSERT INTO story_links (a, b, shared, containment) VALUES (?1, ?2, ?3, ?4)
         ON CONFLICT (a, b) DO UPDATE SET shared = excluded.shared, containment = excluded.containment",
    )?;
    for (other, n, containment) in found {
        link.execute(params![id.min(other), id.max(other), n, containment])?;
        touched.push(other);
    }
    if was_linked || !touched.is_empty() {
        touched.push(id);
    }
    Ok(touched)
}

/// One member's facts that decide the story's first publisher.
#[derive(Debug, Clone)]
pub(crate) struct MemberFacts {
    pub id: i64,
    pub uid: String,
    pub source: Option<String>,
    pub published_at: Option<String>,
}

pub(crate) fn facts(conn: &Connection, id: i64) -> Result<Option<MemberFacts>> {
    Ok(conn
        .prepare_cached("SELECT uid, source, published_at FROM articles WHERE id = ?1")?
        .query_row([id], |r| {
            Ok(MemberFacts {
                id,
                uid: r.get(0)?,
                source: r.get(1)?,
                published_at: r.get(2)?,
            })
        })
        .optional()?)
}

/// The articles connected to `seed` by links.
pub(super) fn component(conn: &Connection, seed: i64) -> Result<BTreeSet<i64>> {
    let mut seen = BTreeSet::from([seed]);
    let mut queue = VecDeque::from([seed]);
    let mut next = conn.prepare_cached(
        "SELECT b FROM story_links WHERE a = ?1 UNION ALL SELECT a FROM story_links WHERE b = ?1",
    )?;
    while let Some(x) = queue.pop_front() {
        let ns: Vec<i64> = next
            .query_map([x], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        for n in ns {
            if seen.insert(n) {
                queue.push_back(n);
            }
        }
    }
    Ok(seen)
}
