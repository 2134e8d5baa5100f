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

/// The story words of a stored article (none if it is gone).
pub(crate) fn words_of(conn: &Connection, id: i64) -> Result<Option<Vec<Word>>> {
    Ok(story_input(conn, id)?.map(|(w, _)| w))
}

/// The story words and the source of a stored article (none if it is gone).
pub(super) fn story_input(
    conn: &Connection,
    id: i64,
) -> Result<Option<(Vec<Word>, Option<String>)>> {
    let row: Option<(String, Option<String>, Option<String>)> = conn
        .prepare_cached("SELECT body, blocks, source FROM articles WHERE id = ?1")?
        .query_row([id], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
        .optional()?;
    Ok(row.map(|(body, stored, source)| (words_from(&body, stored.as_deref()), source)))
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

/// Forgets an article's postings and links; returns the articles it was linked to.
fn forget(conn: &Connection, id: i64) -> Result<Vec<i64>> {
    let old: Option<Vec<u8>> = conn
        .prepare_cached("DELETE FROM story_articles WHERE article_id = ?1 RETURNING samples")?
        .query_row([id], |r| r.get(0))
        .optional()?;
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
    Ok(linked)
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

/// The articles sharing at least `?3` of the anchors `?1` (a JSON list) with
/// article `?2` (or one rare anchor, see [`MIN_ANCHORS`]), each with what
/// the link rule needs. Anchors held by more than [`MAX_POSTINGS`] articles
/// (`?4` = one more) are skipped by one bounded probe each before their
/// postings are read; of the others, only the first [`FIRST_HOLDERS`]
/// holders are read, unless `?2` is one of them (as a rebuild pairs them). The LIMIT and OFFSET are written into the SQL:
/// SQLite reads bound ones while planning, so bound ones made it parse this
/// statement again for every article (with the same in `blocks`, 12% of an
/// import's samples in `perf`).
static CANDIDATES_SQL: std::sync::LazyLock<String> = std::sync::LazyLock::new(|| {
    format!(
        "WITH p AS MATERIALIZED (
             SELECT j.value AS hash,
                    (SELECT count(*) FROM (SELECT 1 FROM story_shingles c
                     WHERE c.hash = j.value LIMIT {probe})) AS holders
             FROM json_each(?1) j),
         h AS MATERIALIZED (
             SELECT hash, holders,
                    coalesce((SELECT k.article_id FROM story_shingles k WHERE k.hash = p.hash
                              ORDER BY k.article_id LIMIT 1 OFFSET {last}),
                             9223372036854775807) AS last_first
             FROM p WHERE holders < ?4),
         c AS MATERIALIZED (
             SELECT s.article_id AS id
             FROM h JOIN story_shingles s ON s.hash = h.hash
             WHERE s.article_id <> ?2 AND (s.article_id <= h.last_first OR ?2 <= h.last_first)
             GROUP BY 1 HAVING count(*) >= ?3 OR min(h.holders) <= {first})
         -- Counted first, then joined: each candidate's samples are read once.
         SELECT c.id, t.samples, t.words, t.source
         FROM c JOIN story_articles t ON t.article_id = c.id ORDER BY c.id",
        probe = MAX_POSTINGS + 1,
        last = FIRST_HOLDERS - 1,
        first = FIRST_HOLDERS,
    )
});

/// Indexes one article's current story text and links it to the articles
/// that share it. Returns the articles whose story may have changed (none
/// when it was and stays in no story).
pub(super) fn index_article(conn: &Connection, id: i64) -> Result<Vec<i64>> {
    let mut touched = forget(conn, id)?;
    // A removed neighbour's links are gone before this runs (foreign keys
    // cascade), but the article still has its story row to clear.
    let was_linked = !touched.is_empty() || in_a_story(conn, id)?;
    let Some((words, mine)) = story_input(conn, id)? else {
        return Ok(touched);
    };
    let samples = reuse::samples(&words);
    let anchor_hashes = reuse::anchors(&samples, words.len());
    let anchors = json_list(&anchor_hashes);
    conn.prepare_cached(
        "INSERT INTO story_articles (article_id, samples, words, source) VALUES (?1, ?2, ?3, ?4)",
    )?
    .execute(params![id, encode(&samples), words.len() as i64, mine])?;
    // One row per statement: a statement writing many rows into a table
    // with a foreign key keeps a journal of every page it changes in case it
    // must be undone (written to a temporary file past 64 KB, four of our
    // pages); that journal was a fifth of detection's time on import.
    let mut post = conn.prepare_cached(
        "INSERT OR IGNORE INTO story_shingles (hash, article_id) VALUES (?1, ?2)",
    )?;
    for &hash in &anchor_hashes {
        post.execute(params![hash as i64, id])?;
    }
    let mut found = Vec::new();
    if words.len() >= MIN_LINE_WORDS && !samples.is_empty() {
        let mut stmt = conn.prepare_cached(&CANDIDATES_SQL)?;
        let rows = stmt.query_map(
            params![anchors, id, MIN_ANCHORS as i64, MAX_POSTINGS as i64 + 1],
            |r| {
                Ok((
                    r.get::<_, i64>(0)?,
                    r.get::<_, Vec<u8>>(1)?,
                    r.get::<_, i64>(2)?,
                    r.get::<_, Option<String>>(3)?,
                ))
            },
        )?;
        let me = Side {
            samples: &samples,
            words: words.len(),
            source: mine.as_deref(),
        };
        for row in rows {
            let (other, blob, their_words, source) = row?;
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
