//! A seeded fuzzer for bundle import, shared by the test suite (a few
//! thousand inputs) and `litopys-bench fuzz-bundle` (long runs). It exports a
//! valid bundle from a real library, mutates it (bytes flipped, inserted and
//! deleted; JSON-level edits aimed at ids, spans, tags and the header), imports
//! each mutant and checks that nothing panicked and the library is intact.

use std::path::{Path, PathBuf};
use std::sync::atomic::AtomicBool;
use std::time::Instant;

use rusqlite::Connection;
use serde_json::Value;

use crate::error::{Error, Result};
use crate::export::{bundle, bundle_check, export, Format, Selection};
use crate::store::annotations::{self, Target};
use crate::store::{articles, tags};
use crate::Library;

/// splitmix64: small, seedable, the same sequence on every platform.
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Rng {
        Rng(seed)
    }

    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    /// A number in `0..n` (0 when `n` is 0).
    pub fn below(&mut self, n: usize) -> usize {
        if n == 0 {
            0
        } else {
            (self.next_u64() % n as u64) as usize
        }
    }
}

/// Every JSON pointer into `v`, the root excluded.
fn pointers(v: &Value, at: String, out: &mut Vec<String>) {
    match v {
        Value::Object(m) => m.iter().for_each(|(k, c)| {
            let p = format!("{at}/{}", k.replace('~', "~0").replace('/', "~1"));
            out.push(p.clone());
            pointers(c, p, out);
        }),
        Value::Array(a) => a.iter().enumerate().for_each(|(i, c)| {
            let p = format!("{at}/{i}");
            out.push(p.clone());
            pointers(c, p, out);
        }),
        _ => {}
    }
}

/// A value meant to break whatever reads it.
fn hostile(rng: &mut Rng, old: &Value) -> Value {
    match rng.below(14) {
        0 => Value::Null,
        1 => Value::Bool(true),
        2 => (-1).into(),
        3 => u64::MAX.into(),
        4 => 1e300.into(),
        5 => "".into(),
        6 => "0123456789abcdef".repeat(1 + rng.below(400)).into(),
        7 => "a\u{0}b\u{202e}\n/".into(),
        8 => Value::Array(vec![]),
        9 => "9999-12-31T23:59:59Z".into(),
        10 => match old {
            Value::Number(n) => (n
                .as_u64()
                .unwrap_or(0)
                .saturating_add(1 + rng.below(5000) as u64))
            .into(),
            Value::String(s) => {
                let cut = s.chars().count().saturating_sub(1 + rng.below(8));
                s.chars().take(cut).collect::<String>().into()
            }
            other => other.clone(),
        },
        11 => match old {
            Value::String(s) => format!("{s}{}", ["Ж", "x", " ", "/"][rng.below(4)]).into(),
            _ => 0.into(),
        },
        12 => "/ / *".into(),
        _ => Value::Object(Default::default()),
    }
}

/// Sets `key` when `v` is an object (earlier edits may have made it something else).
fn set(v: &mut Value, key: &str, value: Value) {
    if let Value::Object(m) = v {
        m.insert(key.to_owned(), value);
    }
}

/// One JSON-level edit of line `i` of `lines` (`lines[0]` is the header).
fn edit_json(lines: &mut [String], rng: &mut Rng) {
    if lines.is_empty() {
        return;
    }
    let i = if rng.below(5) == 0 {
        0
    } else {
        rng.below(lines.len())
    };
    let Ok(mut v) = serde_json::from_str::<Value>(&lines[i]) else {
        return;
    };
    let other: Option<Value> = (lines.len() > 1)
        .then(|| serde_json::from_str(&lines[1 + rng.below(lines.len() - 1)]).ok())
        .flatten();
    match rng.below(9) {
        // Squatting: another line's id, or this id over slightly changed text.
        0 => {
            if let Some(id) = other.as_ref().and_then(|o| o.get("id")).cloned() {
                set(&mut v, "id", id);
            }
        }
        1 => {
            if let Some(Value::String(body)) = v.get_mut("body") {
                body.push_str(" Підроблено.");
            }
        }
        // An annotation of another article, with its id, moved into this line.
        2 => {
            let moved = other
                .as_ref()
                .and_then(|o| o.get("annotations"))
                .and_then(|a| a.as_array())
                .and_then(|a| a.first().cloned());
            if let (Some(n), Some(Value::Array(list))) = (moved, v.get_mut("annotations")) {
                let mut n = n;
                if rng.below(2) == 0 {
                    set(&mut n, "updated_at", "9999-12-31T23:59:59Z".into());
                }
                list.push(n);
            }
        }
        // A span moved somewhere else, possibly out of the text.
        3 => {
            if let Some(Value::Array(list)) = v.get_mut("annotations") {
                let len = list.len();
                if let Some(n) = list.get_mut(rng.below(len)) {
                    set(n, "start", rng.below(6000).into());
                    set(n, "end", rng.below(6000).into());
                }
            }
        }
        4 => set(
            &mut v,
            "id",
            "f".repeat([4, 5000, 17, 15][rng.below(4)]).into(),
        ),
        // The header: other versions, formats and damaged tags.
        5 if i == 0 => {
            let version = [0.into(), 2.into(), "1".into(), Value::Null][rng.below(4)].clone();
            set(&mut v, "version", version);
        }
        _ => {
            let mut all = Vec::new();
            pointers(&v, String::new(), &mut all);
            if all.is_empty() {
                return;
            }
            let p = &all[rng.below(all.len())];
            if rng.below(6) == 0 {
                if let Some((parent, key)) = p.rsplit_once('/') {
                    if let Some(Value::Object(m)) = v.pointer_mut(parent) {
                        m.remove(&key.replace("~1", "/").replace("~0", "~"));
                    }
                }
            } else if let Some(slot) = v.pointer_mut(p) {
                *slot = hostile(rng, slot);
            }
        }
    }
    lines[i] = v.to_string();
}

/// Flips, inserts or deletes a few bytes anywhere.
fn edit_bytes(out: &mut Vec<u8>, rng: &mut Rng) {
    for _ in 0..1 + rng.below(4) {
        let at = rng.below(out.len() + 1);
        match rng.below(4) {
            0 if at < out.len() => out[at] ^= 1 << rng.below(8),
            1 => {
                let junk = [b'{', b'}', b'"', b'\\', b'\n', 0xff, 0xd0, b'0'][rng.below(8)];
                out.insert(at, junk);
            }
            2 => {
                let end = (at + 1 + rng.below(64)).min(out.len());
                out.drain(at.min(end)..end);
            }
            _ => out.truncate(at),
        }
    }
}

/// A mutant of the bundle `valid`.
pub fn mutate(valid: &str, rng: &mut Rng) -> Vec<u8> {
    let mut lines: Vec<String> = valid.lines().map(str::to_owned).collect();
    let mut bytes_too = false;
    for _ in 0..1 + rng.below(3) {
        match rng.below(10) {
            0..=6 => edit_json(&mut lines, rng),
            7 if lines.len() > 1 => {
                let i = 1 + rng.below(lines.len() - 1);
                let copy = lines[i].clone();
                lines.insert(1 + rng.below(lines.len()), copy);
            }
            _ => bytes_too = true,
        }
    }
    let mut out = lines.join("\n").into_bytes();
    if bytes_too {
        edit_bytes(&mut out, rng);
    }
    out
}

/// The library is intact: SQLite finds no damage, every article's id is the
/// id of its text, and every annotation span lies in its text with its quote
/// there, unless it is marked orphaned.
pub fn check_integrity(conn: &Connection) -> std::result::Result<(), String> {
    check(conn, "integrity_check")
}

/// `pragma`: `integrity_check`, or the faster `quick_check` (no index
/// contents compared: it halves the fuzzer's time per input in debug builds).
fn check(conn: &Connection, pragma: &str) -> std::result::Result<(), String> {
    let q = |e: rusqlite::Error| e.to_string();
    let ok: String = conn
        .query_row(&format!("PRAGMA {pragma}"), [], |r| r.get(0))
        .map_err(q)?;
    if ok != "ok" {
        return Err(format!("{pragma}: {ok}"));
    }
    let mut stmt = conn
        .prepare("SELECT id, uid, content_hash, body FROM articles")
        .map_err(q)?;
    let rows: Vec<(i64, String, String, String)> = stmt
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))
        .map_err(q)?
        .collect::<rusqlite::Result<_>>()
        .map_err(q)?;
    let mut spans = conn
        .prepare(
            "SELECT uid, span_start, span_end, exact FROM annotations
             WHERE article_id = ?1 AND span_start IS NOT NULL AND orphaned = 0",
        )
        .map_err(q)?;
    for (id, uid, hash, body) in rows {
        if bundle_check::content_hash(&body) != hash || !hash.starts_with(&uid) {
            return Err(format!(
                "article {uid}: its id or hash is not that of its text"
            ));
        }
        let chars: Vec<char> = body.chars().collect();
        let found: Vec<(String, i64, i64, Option<String>)> = spans
            .query_map([id], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))
            .map_err(q)?
            .collect::<rusqlite::Result<_>>()
            .map_err(q)?;
        for (n, s, e, exact) in found {
            let inside = 0 <= s && s <= e && e as usize <= chars.len();
            let quoted = inside
                && exact
                    .is_none_or(|x| x.chars().eq(chars[s as usize..e as usize].iter().copied()));
            if !quoted {
                return Err(format!(
                    "annotation {n}: span {s}..{e} is not its quote in article {uid} and it is not orphaned"
                ));
            }
        }
    }
    Ok(())
}

/// A real library with tags (a colour, a tree), annotations on a span, on the
/// whole article and one with tags; exported as the bundle every mutant
/// starts from.
pub fn valid_bundle(dir: &Path) -> Result<String> {
    let mut lib = Library::open(&dir.join("fuzz-source.litopys"))?;
    crate::demo::add_samples(&mut lib)?;
    let ids: Vec<i64> = lib
        .conn()
        .prepare("SELECT id FROM articles ORDER BY id")?
        .query_map([], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    tags::add(lib.conn_mut(), "war/diplomacy", &ids[..2.min(ids.len())])?;
    tags::describe(lib.conn(), "war", Some("#aa0000"), Some("Усе про війну"))?;
    for (k, &internal) in ids.iter().take(3).enumerate() {
        let uid: String =
            lib.conn()
                .query_row("SELECT uid FROM articles WHERE id = ?1", [internal], |r| {
                    r.get(0)
                })?;
        let body = articles::get(lib.conn(), &uid)?.body;
        let n = body.chars().count();
        let span = Target::Span {
            start: n / 3,
            end: n / 3 + 12.min(n - n / 3),
        };
        annotations::create(
            lib.conn_mut(),
            &uid,
            &span,
            "хто?",
            Some("#ffcc00"),
            &["people".into()],
        )?;
        if k == 0 {
            annotations::create(
                lib.conn_mut(),
                &uid,
                &Target::Article,
                "перевірити",
                None,
                &[],
            )?;
        }
    }
    let out = dir.join("fuzz-source.jsonl");
    export(
        lib.conn(),
        &Selection::Query(String::new()),
        Format::Jsonl,
        &out,
        Default::default(),
        &AtomicBool::new(false),
        &mut |_, _| {},
    )?;
    std::fs::read_to_string(&out).map_err(|e| Error::io(&out, e))
}

#[derive(Debug, Clone, Default, serde::Serialize)]
pub struct FuzzReport {
    pub inputs: u64,
    /// Inputs whose import panicked: `case N: message`.
    pub crashes: Vec<String>,
    /// Inputs after which the library was not intact.
    pub damaged: Vec<String>,
    /// Files refused whole (damaged header) and lines refused.
    pub files_refused: u64,
    pub lines_refused: u64,
    pub articles_added: u64,
    pub annotations_added: u64,
    pub slowest_ms: f64,
    pub slowest_case: u64,
}

/// Mutants per library: each group starts from a fresh library, every other
/// one already holding the genuine articles (so squatting and annotation
/// reuse meet real local data).
const GROUP: u64 = 25;

/// Imports `inputs` mutants of a valid bundle made in `work` (seeded by
/// `seed`), checking the library after each; `progress` sees the report
/// after every group of mutants.
pub fn run(
    work: &Path,
    inputs: u64,
    seed: u64,
    progress: &mut dyn FnMut(&FuzzReport),
) -> Result<FuzzReport> {
    let valid = valid_bundle(work)?;
    let genuine = work.join("fuzz-source.jsonl");
    let case_path = work.join("fuzz-case.jsonl");
    let mut report = FuzzReport::default();
    let mut rng = Rng::new(seed);
    let mut lib: Option<Library> = None;
    for case in 0..inputs {
        if case % GROUP == 0 || lib.is_none() {
            if case > 0 && case % GROUP == 0 {
                progress(&report);
            }
            drop(lib.take());
            let path = fresh_library(work, case / GROUP)?;
            let mut l = Library::open(&path)?;
            if (case / GROUP) % 2 == 1 {
                bundle::import(&mut l, &genuine, &AtomicBool::new(false), &mut |_| {})?;
            }
            lib = Some(l);
        }
        let Some(l) = lib.as_mut() else { continue };
        let bytes = mutate(&valid, &mut rng);
        std::fs::write(&case_path, &bytes).map_err(|e| Error::io(&case_path, e))?;
        let started = Instant::now();
        let outcome = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
            let _ = bundle::is_bundle(&case_path);
            bundle::import(l, &case_path, &AtomicBool::new(false), &mut |_| {})
        }));
        let ms = started.elapsed().as_secs_f64() * 1000.0;
        if ms > report.slowest_ms {
            (report.slowest_ms, report.slowest_case) = (ms, case);
        }
        report.inputs += 1;
        match outcome {
            Err(panic) => {
                let msg = panic
                    .downcast_ref::<String>()
                    .cloned()
                    .or_else(|| panic.downcast_ref::<&str>().map(|s| s.to_string()))
                    .unwrap_or_default();
                report
                    .crashes
                    .push(format!("case {case} (seed {seed}): {msg}"));
                lib = None;
                continue;
            }
            Ok(Err(_)) => report.files_refused += 1,
            Ok(Ok(t)) => {
                report.lines_refused += t.failed.len() as u64;
                report.articles_added += t.articles_added;
                report.annotations_added += t.annotations_added;
            }
        }
        // The full check once per library, after its last input.
        let pragma = if case % GROUP == GROUP - 1 || case + 1 == inputs {
            "integrity_check"
        } else {
            "quick_check"
        };
        if let Err(e) = check(l.conn(), pragma) {
            report
                .damaged
                .push(format!("case {case} (seed {seed}): {e}"));
            lib = None;
        }
    }
    Ok(report)
}

/// A path for a new, empty library, with any earlier one's files removed.
fn fresh_library(work: &Path, group: u64) -> Result<PathBuf> {
    let path = work.join(format!("fuzz-{}.litopys", group % 2));
    for suffix in ["", "-wal", "-shm"] {
        let p = PathBuf::from(format!("{}{suffix}", path.display()));
        if p.exists() {
            std::fs::remove_file(&p).map_err(|e| Error::io(&p, e))?;
        }
    }
    Ok(path)
}
