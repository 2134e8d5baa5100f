//! The queued articles' fingerprints, computed on a second thread while the
//! calling thread writes the previous ones' postings and links. Cutting a
//! story into words and hashing its shingles is a fifth of detection's time
//! on import (`perf`, labelled set of 3,046 articles), and by the time an
//! import flushes its stories its reader thread is done: that core is free.
//! Given a [`ReadAhead`], the thread also reads the holders of each
//! article's anchors (see [`super::holders`]).

use std::collections::VecDeque;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::mpsc::sync_channel;

use rusqlite::Connection;

use super::holders::ReadAhead;
use super::index::{fingerprint, story_row, Fingerprint, StoryRow};
use crate::error::{Error, Result};

/// Articles read ahead of the one being indexed, at most…
const LOOKAHEAD: usize = 32;
/// …and bytes of their text (a library may hold texts of 10 MB).
const LOOKAHEAD_BYTES: usize = 16 << 20;
/// Fewer articles than this are fingerprinted in line (an edit, a small
/// bundle): starting a thread would cost more than it saves.
const IN_LINE_BELOW: usize = 8;

fn fingerprint_of(row: StoryRow) -> Option<Fingerprint> {
    row.map(|(body, blocks, source)| fingerprint(&body, blocks.as_deref(), source))
}

fn size(row: &StoryRow) -> usize {
    row.as_ref()
        .map_or(0, |(b, bl, _)| b.len() + bl.as_ref().map_or(0, String::len))
}

/// An article's fingerprint, with the holders of its anchors when they
/// were read ahead (one list per anchor, in the fingerprint's order) and
/// then also whether it had no story row then.
pub(super) struct Ahead {
    pub fingerprint: Option<Fingerprint>,
    pub holders: Option<Vec<Vec<i64>>>,
    pub never_indexed: bool,
}

/// Calls `f` with each of `ids` and what was made ahead for it, in order.
/// Given a [`ReadAhead`] whose read connection opens, the thread reads the
/// articles and the holders of their anchors itself; else the caller reads
/// the articles for it and seeks the holders (as for a few articles, made
/// in line).
pub(super) fn for_each_fingerprint(
    conn: &Connection,
    ids: &[i64],
    read_ahead: Option<ReadAhead>,
    mut f: impl FnMut(i64, Ahead) -> Result<()>,
) -> Result<()> {
    if ids.len() < IN_LINE_BELOW {
        for &id in ids {
            f(id, in_line(conn, id)?)?;
        }
        return Ok(());
    }
    match read_ahead.and_then(|r| Some((r.open().ok()?, r))) {
        Some((reader, read_ahead)) => read_on_thread(conn, reader, &read_ahead, ids, f),
        None => rows_from_caller(conn, ids, f),
    }
}

/// What is made for article `id` on the caller's thread (the caller seeks
/// the holders).
fn in_line(conn: &Connection, id: i64) -> Result<Ahead> {
    Ok(Ahead {
        fingerprint: fingerprint_of(story_row(conn, id)?),
        holders: None,
        never_indexed: false,
    })
}

fn stopped() -> Error {
    Error::Internal("the story thread stopped".into())
}

/// The thread reads each article (one text in memory at a time), its
/// fingerprint and its anchors' holders through `reader`. Should a read
/// fail there (a library on a file system without shared memory, say), the
/// caller makes the rest in line: the same result, only slower.
fn read_on_thread(
    conn: &Connection,
    reader: Connection,
    read_ahead: &ReadAhead,
    ids: &[i64],
    mut f: impl FnMut(i64, Ahead) -> Result<()>,
) -> Result<()> {
    // Articles made and not yet taken by the caller.
    let waiting = AtomicUsize::new(0);
    let waiting = &waiting;
    let in_line_from = std::thread::scope(|scope| {
        // None: a read failed, the thread stopped.
        let (to_caller, done) = sync_channel::<Option<Ahead>>(LOOKAHEAD);
        std::thread::Builder::new()
            .name("litopys-stories".into())
            .spawn_scoped(scope, move || {
                let Ok(mut seek) = read_ahead.seek(&reader) else {
                    return drop(to_caller.send(None));
                };
                for &id in ids {
                    let Ok(row) = story_row(&reader, id) else {
                        return drop(to_caller.send(None));
                    };
                    // A panic ends the thread (the caller then reports an
                    // internal error) instead of the whole program.
                    let Ok(fingerprint) = std::panic::catch_unwind(|| fingerprint_of(row)) else {
                        return;
                    };
                    // The holders only while this thread is ahead of the
                    // caller: when it is the slower of the two (long new
                    // texts, few links, as on newswire), the caller seeks
                    // them itself, the same lists.
                    let ahead_of_caller = waiting.load(Ordering::Relaxed) >= LOOKAHEAD / 4;
                    let holders = match &fingerprint {
                        Some(fp) if ahead_of_caller => seek.all(&fp.anchors).map(Some),
                        _ => Ok(None),
                    };
                    let Ok(holders) = holders else {
                        return drop(to_caller.send(None));
                    };
                    let made = Ahead {
                        fingerprint,
                        holders,
                        never_indexed: !read_ahead.indexed_before(id),
                    };
                    waiting.fetch_add(1, Ordering::Relaxed);
                    if to_caller.send(Some(made)).is_err() {
                        return;
                    }
                }
            })
            .map_err(|e| Error::Internal(format!("cannot start the story thread: {e}")))?;
        for (at, &id) in ids.iter().enumerate() {
            match done.recv().map_err(|_| stopped())? {
                Some(made) => {
                    waiting.fetch_sub(1, Ordering::Relaxed);
                    f(id, made)?
                }
                None => return Ok(at),
            }
        }
        Ok::<_, Error>(ids.len())
    })?;
    for &id in &ids[in_line_from..] {
        f(id, in_line(conn, id)?)?;
    }
    Ok(())
}

/// The caller reads each article and sends it to the thread, which sends
/// back its fingerprint.
fn rows_from_caller(
    conn: &Connection,
    ids: &[i64],
    mut f: impl FnMut(i64, Ahead) -> Result<()>,
) -> Result<()> {
    std::thread::scope(|scope| {
        let (to_worker, work) = sync_channel::<StoryRow>(LOOKAHEAD);
        let (to_caller, done) = sync_channel::<Option<Fingerprint>>(LOOKAHEAD);
        std::thread::Builder::new()
            .name("litopys-stories".into())
            .spawn_scoped(scope, move || {
                for row in work {
                    // As above: a panic ends the thread, not the program.
                    let Ok(fp) = std::panic::catch_unwind(|| fingerprint_of(row)) else {
                        return;
                    };
                    if to_caller.send(fp).is_err() {
                        return;
                    }
                }
            })
            .map_err(|e| Error::Internal(format!("cannot start the story thread: {e}")))?;
        // Sizes of the rows sent and not yet back; never more than the
        // channels hold, so neither side waits on the other for ever.
        let mut ahead: VecDeque<usize> = VecDeque::new();
        let mut sent = 0usize;
        for &id in ids {
            while sent < ids.len()
                && (ahead.is_empty()
                    || (ahead.len() < LOOKAHEAD && ahead.iter().sum::<usize>() < LOOKAHEAD_BYTES))
            {
                let row = story_row(conn, ids[sent])?;
                ahead.push_back(size(&row));
                to_worker.send(row).map_err(|_| stopped())?;
                sent += 1;
            }
            let fingerprint = done.recv().map_err(|_| stopped())?;
            ahead.pop_front();
            f(
                id,
                Ahead {
                    fingerprint,
                    holders: None,
                    never_indexed: false,
                },
            )?;
        }
        Ok(())
    })
}

#[cfg(test)]
mod tests {
    use rusqlite::params;

    use super::*;

    fn library(texts: &[String]) -> Connection {
        let conn = Connection::open_in_memory().unwrap();
        conn.execute_batch(
            "CREATE TABLE articles (id INTEGER PRIMARY KEY, body TEXT NOT NULL, blocks TEXT, source TEXT)",
        )
        .unwrap();
        for (i, text) in texts.iter().enumerate() {
            conn.execute(
                "INSERT INTO articles (id, body, source) VALUES (?1, ?2, 'x')",
                params![i as i64 + 1, text],
            )
            .unwrap();
        }
        conn
    }

    fn text(seed: usize, words: usize) -> String {
        (0..words)
            .map(|w| format!("слово{} ", (w * 31 + seed * 7) % 997))
            .collect()
    }

    #[test]
    fn fingerprints_made_ahead_arrive_in_order_and_equal_those_made_in_line() {
        // One text larger than the whole look-ahead budget, and one id that
        // is not in the library.
        let mut texts: Vec<String> = (0..40).map(|i| text(i, 200 + i * 37)).collect();
        texts[17] = text(17, 500) + &"—".repeat(LOOKAHEAD_BYTES / 3 + 1);
        assert!(texts[17].len() > LOOKAHEAD_BYTES);
        let conn = library(&texts);
        let mut ids: Vec<i64> = (1..=40).collect();
        ids.insert(9, 999);
        let mut seen = Vec::new();
        for_each_fingerprint(&conn, &ids, None, |id, made| {
            let fp = made.fingerprint;
            let expected = fingerprint_of(story_row(&conn, id)?);
            match (fp, expected) {
                (None, None) => {}
                (Some(a), Some(b)) => {
                    assert_eq!(
                        (a.words, &a.samples, &a.anchors),
                        (b.words, &b.samples, &b.anchors)
                    )
                }
                (a, b) => panic!("article {id}: {:?} vs {:?}", a.is_some(), b.is_some()),
            }
            seen.push(id);
            Ok(())
        })
        .unwrap();
        assert_eq!(seen, ids);
    }

    #[test]
    fn when_the_read_connection_cannot_read_the_caller_makes_every_fingerprint_in_line() {
        let texts: Vec<String> = (0..12).map(|i| text(i, 120 + i * 11)).collect();
        let conn = library(&texts);
        // A database without the library's tables: the thread's first read fails.
        let dir = tempfile::tempdir().unwrap();
        let other = dir.path().join("other.db");
        Connection::open(&other)
            .unwrap()
            .execute_batch("CREATE TABLE t (x)")
            .unwrap();
        let read_ahead = ReadAhead::at(other.to_str().unwrap());
        let ids: Vec<i64> = (1..=12).collect();
        let mut seen = Vec::new();
        for_each_fingerprint(&conn, &ids, Some(read_ahead), |id, made| {
            let expected = fingerprint_of(story_row(&conn, id)?).map(|f| f.samples);
            assert_eq!(made.fingerprint.map(|f| f.samples), expected);
            assert!(made.holders.is_none() && !made.never_indexed);
            seen.push(id);
            Ok(())
        })
        .unwrap();
        assert_eq!(seen, ids);
    }

    #[test]
    fn an_error_of_the_caller_stops_the_walk_and_is_returned() {
        let conn = library(&(0..20).map(|i| text(i, 100)).collect::<Vec<_>>());
        let ids: Vec<i64> = (1..=20).collect();
        let mut calls = 0;
        let result = for_each_fingerprint(&conn, &ids, None, |id, _| {
            calls += 1;
            match id {
                5 => Err(Error::Internal("stop".into())),
                _ => Ok(()),
            }
        });
        assert!(matches!(result, Err(Error::Internal(m)) if m == "stop"));
        assert_eq!(calls, 5);
    }
}
