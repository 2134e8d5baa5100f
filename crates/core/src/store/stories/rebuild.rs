//! Building every story from scratch, in sorted runs instead of one article
//! at a time: the import's way inserts each anchor into the postings B-tree
//! at a random place, which at a million articles (30 million postings, far
//! more than the page cache) turns into random reads and writes of the file.
//!
//! 1. Each article's samples are computed and stored in article order, its
//!    anchors appended to a temporary table (sequential writes).
//! 2. The postings are built from those sorted by hash: SQLite's sorter
//!    works in bounded memory, spilling sorted runs to temporary files.
//! 3. Candidate pairs come from one pass over the postings grouped by hash
//!    (pairs sharing at least [`MIN_ANCHORS`] anchors or one rare one, the
//!    earlier among an anchor's [`FIRST_HOLDERS`], again via the sorter),
//!    each judged by the same rule as on import ([`super::index::judge`]).
//! 4. Stories are formed from the links, a component at a time.
//!
//! Memory stays bounded by one slice of articles and the largest story, not
//! by the library. Work is committed a slice at a time; the version key is
//! written last, so an interrupted rebuild starts again on the next open.

use rusqlite::{params, Connection, TransactionBehavior};

use super::index::{decode, encode, judge, words_from, Side, SLICE, VERSION};
use super::update::recluster;
use super::{FIRST_HOLDERS, MAX_POSTINGS, MIN_ANCHORS};
use crate::error::Result;
use crate::text::reuse;

/// Seconds each pass of a from-scratch build took, and how many candidate
/// pairs were judged (what the benchmark reports beside the total).
#[derive(Debug, Clone, Default, serde::Serialize, serde::Deserialize)]
pub struct RebuildPasses {
    pub sample_s: f64,
    pub postings_s: f64,
    pub candidates_s: f64,
    pub judge_s: f64,
    pub cluster_s: f64,
    pub candidate_pairs: u64,
}

/// Builds every story from scratch (what opening a library of an older
/// version does; the benchmark times it). `progress` gets (done, total)
/// articles in the first pass, then (done, total) candidate pairs.
pub fn rebuild(
    conn: &mut Connection,
    progress: &mut dyn FnMut(usize, usize),
) -> Result<RebuildPasses> {
    let mut passes = RebuildPasses::default();
    let mut clock = std::time::Instant::now();
    let mut lap = || {
        let s = clock.elapsed().as_secs_f64();
        clock = std::time::Instant::now();
        s
    };
    // With foreign keys on, SQLite deletes a child table's rows one by one
    // (its truncate shortcut is off for tables in a foreign key): at a
    // million articles, 37 million postings deleted through a 64 MB page
    // cache spilled the same pages to the WAL again and again (240 GB
    // written in 3.5 minutes, not finished). Off, the tables' pages are
    // freed whole. Nothing else is deleted here.
    conn.pragma_update(None, "foreign_keys", "OFF")?;
    let cleared = clear(conn);
    conn.pragma_update(None, "foreign_keys", "ON")?;
    cleared?;
    sample_all(conn, progress)?;
    passes.sample_s = lap();
    // The sorts of the next two steps (every posting by hash, every pair)
    // may use a second thread, each in-memory run of the sorter as large as
    // the page cache, set to SORT_CACHE_KIB here (see there); the postings'
    // article ids come from `articles` itself, so their foreign key is not
    // checked one by one (37 million lookups at a million articles). All
    // set back after.
    conn.pragma_update(None, "threads", SORT_THREADS)?;
    conn.pragma_update(None, "foreign_keys", "OFF")?;
    let cache: i64 = conn.query_row("PRAGMA cache_size", [], |r| r.get(0))?;
    conn.pragma_update(None, "cache_size", -SORT_CACHE_KIB)?;
    let built = postings_and_candidates(conn, &mut lap, &mut passes);
    conn.pragma_update(None, "cache_size", cache)?;
    conn.pragma_update(None, "foreign_keys", "ON")?;
    conn.pragma_update(None, "threads", 0)?;
    built?;
    judge_candidates(conn, progress).map(|pairs| passes.candidate_pairs = pairs)?;
    passes.judge_s = lap();
    cluster_all(conn)?;
    passes.cluster_s = lap();
    conn.execute_batch("DROP TABLE IF EXISTS temp.story_candidates;")?;
    conn.execute(
        "INSERT INTO library_meta (key, value) VALUES ('stories_version', ?1)
         ON CONFLICT (key) DO UPDATE SET value = excluded.value",
        [VERSION.to_string()],
    )?;
    Ok(passes)
}

/// Empties the story tables and makes the temporary table of pass 1.
fn clear(conn: &mut Connection) -> Result<()> {
    let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
    // Kept answers count stories: a trigger drops them at the first member
    // deleted (0013); dropped first, it does nothing for the other members.
    tx.execute_batch(
        "DELETE FROM word_answer_counts; DELETE FROM word_answers;
         DELETE FROM story_members; DELETE FROM story_links; DELETE FROM story_shingles;
         DELETE FROM story_articles; DELETE FROM story_pending;
         DROP TABLE IF EXISTS temp.story_postings; DROP TABLE IF EXISTS temp.story_candidates;
         CREATE TEMP TABLE story_postings (hash INTEGER NOT NULL, article_id INTEGER NOT NULL);",
    )?;
    tx.commit()?;
    Ok(())
}

/// Helper threads SQLite's sorter may use in a rebuild, and the page cache
/// (KiB) while it sorts: SQLite's sorter keeps runs as large as the page
/// cache in memory, one per thread and one being filled. Measured on the
/// 100,000-article build (`litopys-bench stories-rebuild`, newswire), peak
/// RSS and seconds: 2 threads with the library's 64 MB cache 298 MB /
/// 19.1 s, none 219 MB / 19.9 s, 2 threads with 16 MB 171 MB / 20.3 s (the
/// postings sorted in 6.2 s instead of 4.3), 8 MB 115 MB / 23.5 s, 1 thread
/// with 32 MB 219 MB / 18.8 s: this one. The 64 MB with 2 threads grew to
/// 477 MB at a million articles.
const SORT_THREADS: i64 = 1;
const SORT_CACHE_KIB: i64 = 32 * 1024;

/// Pass 2 and the candidate pairs of pass 3, in one transaction.
fn postings_and_candidates(
    conn: &mut Connection,
    lap: &mut dyn FnMut() -> f64,
    passes: &mut RebuildPasses,
) -> Result<()> {
    {
        let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        tx.execute_batch(
            "INSERT OR IGNORE INTO story_shingles (hash, article_id)
                 SELECT hash, article_id FROM temp.story_postings ORDER BY hash, article_id;
             DROP TABLE temp.story_postings;",
        )?;
        passes.postings_s = lap();
        // Pairs of articles sharing enough anchors, the earlier one among the
        // anchor's FIRST_HOLDERS; anchors held by more than MAX_POSTINGS
        // articles are left out, as on import. The postings come in key
        // order, so the window needs no sort.
        tx.execute(
            "CREATE TEMP TABLE story_candidates AS
             WITH ranked AS (
                 SELECT hash, article_id,
                        row_number() OVER (PARTITION BY hash ORDER BY article_id) AS r,
                        count(*) OVER (PARTITION BY hash) AS holders
                 FROM story_shingles),
             first AS (
                 SELECT hash, article_id, holders FROM ranked WHERE r <= ?3 AND holders <= ?1)
             SELECT x.article_id AS a, y.article_id AS b
             FROM first x JOIN story_shingles y
                  ON y.hash = x.hash AND y.article_id > x.article_id
             GROUP BY 1, 2 HAVING count(*) >= ?2 OR min(x.holders) <= ?3",
            params![
                MAX_POSTINGS as i64,
                MIN_ANCHORS as i64,
                FIRST_HOLDERS as i64
            ],
        )?;
        tx.commit()?;
    }
    passes.candidates_s = lap();
    Ok(())
}

/// Pass 1: every article's samples, a slice per transaction. A slice's
/// texts are read first (at most [`SLICE_BYTES`] of them), their samples computed on up to [`SAMPLE_THREADS`]
/// threads (cutting and hashing the words is most of this pass), then
/// stored in order.
fn sample_all(conn: &mut Connection, progress: &mut dyn FnMut(usize, usize)) -> Result<()> {
    sample_all_within(conn, progress, SLICE_BYTES)
}

fn sample_all_within(
    conn: &mut Connection,
    progress: &mut dyn FnMut(usize, usize),
    slice_bytes: usize,
) -> Result<()> {
    let total: i64 = conn.query_row("SELECT count(*) FROM articles", [], |r| r.get(0))?;
    let (mut after, mut done) = (0i64, 0usize);
    loop {
        let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        // Up to SLICE articles and `slice_bytes` of their text (at least
        // one): a library may hold texts of 10 MB.
        let mut rows: Vec<StoredText> = Vec::new();
        let mut bytes = 0usize;
        let mut stmt = tx.prepare_cached(
            "SELECT id, body, blocks, source FROM articles WHERE id > ?1 ORDER BY id LIMIT ?2",
        )?;
        let mut read = stmt.query(params![after, SLICE as i64])?;
        while let Some(r) = read.next()? {
            let row = StoredText {
                id: r.get(0)?,
                body: r.get(1)?,
                blocks: r.get(2)?,
                source: r.get(3)?,
            };
            bytes += row.body.len() + row.blocks.as_ref().map_or(0, String::len);
            rows.push(row);
            if bytes >= slice_bytes {
                break;
            }
        }
        drop(read);
        drop(stmt);
        let full = rows.len() == SLICE || bytes >= slice_bytes;
        for (row, sampled) in rows.iter().zip(sample_in_parallel(&rows)) {
            tx.prepare_cached(
                "INSERT INTO story_articles (article_id, samples, words, source)
                 VALUES (?1, ?2, ?3, ?4)",
            )?
            .execute(params![
                row.id,
                encode(&sampled.samples),
                sampled.words as i64,
                row.source
            ])?;
            tx.prepare_cached(
                "INSERT INTO temp.story_postings (hash, article_id)
                 SELECT value, ?2 FROM json_each(?1)",
            )?
            .execute(params![sampled.anchors, row.id])?;
        }
        tx.commit()?;
        done += rows.len();
        progress(done, total.max(0) as usize);
        match rows.last() {
            Some(last) if full => after = last.id,
            _ => return Ok(()),
        }
    }
}

/// Bytes of text (bodies and their stored blocks) read per slice of pass 1
/// at most: 2,000 articles of 10 MB would otherwise be 20 GB in memory.
const SLICE_BYTES: usize = 64 << 20;

/// Threads that compute a slice's samples (the machine's cores, at most 4).
const SAMPLE_THREADS: usize = 4;

struct StoredText {
    id: i64,
    body: String,
    blocks: Option<String>,
    source: Option<String>,
}

struct Sampled {
    samples: Vec<u64>,
    words: usize,
    /// The anchors as a JSON list (see [`super::index::json_list`]).
    anchors: String,
}

fn sample_one(row: &StoredText) -> Sampled {
    let words = words_from(&row.body, row.blocks.as_deref());
    let samples = reuse::samples(&words);
    let anchors = super::index::json_list(&reuse::anchors(&samples, words.len()));
    Sampled {
        samples,
        words: words.len(),
        anchors,
    }
}

/// Each row's samples, in order, computed in chunks on scoped threads.
fn sample_in_parallel(rows: &[StoredText]) -> Vec<Sampled> {
    let threads = std::thread::available_parallelism()
        .map_or(1, |n| n.get())
        .clamp(1, SAMPLE_THREADS);
    let chunk = rows.len().div_ceil(threads).max(1);
    std::thread::scope(|scope| {
        let handles: Vec<_> = rows
            .chunks(chunk)
            .map(|part| scope.spawn(move || part.iter().map(sample_one).collect::<Vec<_>>()))
            .collect();
        handles
            .into_iter()
            .flat_map(|h| match h.join() {
                Ok(done) => done,
                // A panic in the word cutter is a bug; it surfaces as it
                // would on one thread.
                Err(panic) => std::panic::resume_unwind(panic),
            })
            .collect()
    })
}

type Facts = (Vec<u64>, usize, Option<String>);

fn side_facts(conn: &Connection, id: i64) -> Result<Facts> {
    Ok(conn
        .prepare_cached("SELECT samples, words, source FROM story_articles WHERE article_id = ?1")?
        .query_row([id], |r| {
            Ok((
                decode(&r.get::<_, Vec<u8>>(0)?),
                r.get::<_, i64>(1)?.max(0) as usize,
                r.get::<_, Option<String>>(2)?,
            ))
        })?)
}

/// Pass 3: each candidate pair judged by the import's rule, a slice per
/// transaction; returns how many pairs were judged.
fn judge_candidates(conn: &mut Connection, progress: &mut dyn FnMut(usize, usize)) -> Result<u64> {
    let total: i64 = conn.query_row("SELECT count(*) FROM temp.story_candidates", [], |r| {
        r.get(0)
    })?;
    let (mut after, mut done) = (0i64, 0usize);
    loop {
        let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        let pairs: Vec<(i64, i64, i64)> = tx
            .prepare_cached(
                "SELECT rowid, a, b FROM temp.story_candidates WHERE rowid > ?1
                 ORDER BY rowid LIMIT ?2",
            )?
            .query_map(params![after, SLICE as i64 * 10], |r| {
                Ok((r.get(0)?, r.get(1)?, r.get(2)?))
            })?
            .collect::<rusqlite::Result<_>>()?;
        // Pairs come grouped by their first article: its facts are read once.
        let mut last_a: Option<(i64, Facts)> = None;
        for &(_, a, b) in &pairs {
            if last_a.as_ref().is_none_or(|(id, _)| *id != a) {
                last_a = Some((a, side_facts(&tx, a)?));
            }
            let Some((_, (sa, wa, srca))) = last_a.as_ref() else {
                continue;
            };
            let (sb, wb, srcb) = side_facts(&tx, b)?;
            let x = Side {
                samples: sa,
                words: *wa,
                source: srca.as_deref(),
            };
            let y = Side {
                samples: &sb,
                words: wb,
                source: srcb.as_deref(),
            };
            if let Some((shared, c)) = judge(&x, &y) {
                tx.prepare_cached(
                    "INSERT OR REPLACE INTO story_links (a, b, shared, containment)
                     VALUES (?1, ?2, ?3, ?4)",
                )?
                .execute(params![a, b, shared as i64, c])?;
            }
        }
        tx.commit()?;
        done += pairs.len();
        progress(done, total.max(0) as usize);
        match pairs.last() {
            Some(&(last, _, _)) if pairs.len() == SLICE * 10 => after = last,
            _ => return Ok(done as u64),
        }
    }
}

/// Pass 4: the stories, one component at a time (members already placed are skipped).
fn cluster_all(conn: &mut Connection) -> Result<()> {
    let mut after = 0i64;
    loop {
        let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        let seeds: Vec<i64> = tx
            .prepare_cached(
                "SELECT a FROM story_links WHERE a > ?1
                 AND a NOT IN (SELECT article_id FROM story_members)
                 GROUP BY a ORDER BY a LIMIT ?2",
            )?
            .query_map(params![after, SLICE as i64], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        for &seed in &seeds {
            let placed: bool = tx
                .prepare_cached(
                    "SELECT EXISTS (SELECT 1 FROM story_members WHERE article_id = ?1)",
                )?
                .query_row([seed], |r| r.get(0))?;
            if !placed {
                recluster(&tx, &[seed])?;
            }
        }
        tx.commit()?;
        match seeds.last() {
            Some(&last) if seeds.len() == SLICE => after = last,
            _ => return Ok(()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slices_cut_by_their_texts_size_still_sample_every_article() {
        let mut lib = crate::Library::open_in_memory().unwrap();
        crate::demo::add_samples(&mut lib).unwrap();
        let conn = lib.conn_mut();
        let total: i64 = conn
            .query_row("SELECT count(*) FROM articles", [], |r| r.get(0))
            .unwrap();
        assert!(total > 2);
        clear(conn).unwrap();
        let mut slices = Vec::new();
        // Every text is over one byte: one article per slice.
        sample_all_within(conn, &mut |done, _| slices.push(done), 1).unwrap();
        let sampled: i64 = conn
            .query_row("SELECT count(*) FROM story_articles", [], |r| r.get(0))
            .unwrap();
        assert_eq!(sampled, total);
        // (A last, empty slice reports the same count again.)
        slices.dedup();
        assert_eq!(slices, (1..=total as usize).collect::<Vec<_>>());
    }
}
