//! Moving changes: a push sends the outbox in one server transaction, a
//! pull applies the feed in local transactions that also advance the pulled
//! sequence. Either may be killed at any point: a push either committed or
//! not (its outbox entries go only after its commit, and sending them again
//! changes nothing: the server keeps a change only if it is newer), and a
//! pull resumes after the last sequence it committed.

use std::collections::BTreeMap;

use postgres::Client;
use rusqlite::{params, Connection, OptionalExtension};
use serde_json::Value;

use crate::error::{from_pg, Error, Result};
use crate::items::{self, Applied};
use crate::server::FEED_LOCK;

/// Feed rows applied per local transaction.
const PULL_BATCH: i64 = 1000;

/// Counts by kind.
pub type Counts = BTreeMap<String, u64>;

struct Outgoing {
    kind: String,
    key: String,
    hlc: i64,
    /// JSON text; `None` is a deletion.
    payload: Option<String>,
}

/// Outbox entries sent per server transaction. One statement carries a
/// whole chunk (arrays through `unnest`): a row per round trip made the
/// first sync of 10,000 articles take minutes.
const PUSH_CHUNK: usize = 1000;

/// Sends every local change not pushed yet, `PUSH_CHUNK` per server
/// transaction; returns the counts by kind. The server keeps, per item, the
/// change with the greater (clock, member). Interrupted between chunks, the
/// next push sends the rest (pushed entries have left the outbox).
pub fn push(lib: &mut Connection, client: &mut Client, member: &str, role: &str) -> Result<Counts> {
    let mut counts = Counts::new();
    // Tags before articles before what refers to them; the key is the cursor.
    let mut after: Option<(i64, String, String)> = None;
    loop {
        let outgoing = read_chunk(lib, after.as_ref())?;
        let Some(last) = outgoing.last() else {
            break;
        };
        after = Some((order_of(&last.kind), last.kind.clone(), last.key.clone()));
        send_chunk(client, &outgoing, member, role)?;
        forget_sent(lib, &outgoing, member)?;
        for o in &outgoing {
            *counts.entry(o.kind.clone()).or_default() += 1;
        }
    }
    Ok(counts)
}

fn order_of(kind: &str) -> i64 {
    match kind {
        "tag" => 0,
        "article" => 1,
        _ => 2,
    }
}

/// The next chunk of the outbox after `after`, with payloads read in one
/// read transaction (one consistent state).
fn read_chunk(
    lib: &mut Connection,
    after: Option<&(i64, String, String)>,
) -> Result<Vec<Outgoing>> {
    let tx = lib.transaction_with_behavior(rusqlite::TransactionBehavior::Deferred)?;
    let (o, k, y) = after.cloned().unwrap_or((-1, String::new(), String::new()));
    let entries: Vec<(String, String, i64)> = tx
        .prepare_cached(
            "SELECT kind, key, hlc FROM (
                 SELECT kind, key, hlc,
                        CASE kind WHEN 'tag' THEN 0 WHEN 'article' THEN 1 ELSE 2 END AS o
                 FROM team_outbox)
             WHERE (o, kind, key) > (?1, ?2, ?3)
             ORDER BY o, kind, key LIMIT ?4",
        )?
        .query_map(params![o, k, y, PUSH_CHUNK as i64], |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?))
        })?
        .collect::<rusqlite::Result<_>>()?;
    let mut out = Vec::with_capacity(entries.len());
    for (kind, key, hlc) in entries {
        let payload = items::read(&tx, &kind, &key)?.map(|v| v.to_string());
        out.push(Outgoing {
            kind,
            key,
            hlc,
            payload,
        });
    }
    tx.commit()?;
    Ok(out)
}

fn send_chunk(client: &mut Client, chunk: &[Outgoing], member: &str, role: &str) -> Result<()> {
    let e = |err| from_pg(err, member, role, "push changes");
    let kinds: Vec<&str> = chunk.iter().map(|o| o.kind.as_str()).collect();
    let keys: Vec<&str> = chunk.iter().map(|o| o.key.as_str()).collect();
    let hlcs: Vec<i64> = chunk.iter().map(|o| o.hlc).collect();
    let payloads: Vec<Option<&str>> = chunk.iter().map(|o| o.payload.as_deref()).collect();
    let mut tx = client.transaction().map_err(e)?;
    tx.execute("SELECT pg_advisory_xact_lock($1)", &[&FEED_LOCK])
        .map_err(e)?;
    // `seq` follows the chunk's order (WITH ORDINALITY), as row by row did.
    tx.execute(
        "INSERT INTO changes (kind, key, seq, hlc, member, payload)
         SELECT u.kind, u.key, nextval('change_seq'), u.hlc, current_user, u.payload::jsonb
         FROM unnest($1::text[], $2::text[], $3::int8[], $4::text[])
              WITH ORDINALITY AS u(kind, key, hlc, payload, n)
         ORDER BY u.n
         ON CONFLICT (kind, key) DO UPDATE
            SET seq = excluded.seq, hlc = excluded.hlc, member = excluded.member,
                payload = excluded.payload
            WHERE (changes.hlc, changes.member) < (excluded.hlc, excluded.member)",
        &[&kinds, &keys, &hlcs, &payloads],
    )
    .map_err(e)?;
    tx.commit().map_err(e)
}

/// Only entries not changed again meanwhile leave the outbox.
fn forget_sent(lib: &mut Connection, chunk: &[Outgoing], member: &str) -> Result<()> {
    let tx = lib.transaction()?;
    {
        let mut del =
            tx.prepare("DELETE FROM team_outbox WHERE kind = ?1 AND key = ?2 AND hlc = ?3")?;
        let mut author = tx.prepare(
            "INSERT OR REPLACE INTO team_authors (annotation_uid, member) VALUES (?1, ?2)",
        )?;
        for o in chunk {
            del.execute(params![o.kind, o.key, o.hlc])?;
            if o.kind == "annotation" && o.payload.is_some() {
                author.execute(params![o.key, member])?;
            }
        }
    }
    tx.commit()?;
    Ok(())
}

/// What a pull did.
#[derive(Debug, Default)]
pub struct Pulled {
    pub counts: Counts,
    /// Changes refused (bad payloads, clashes), as messages; the feed goes on past them.
    pub refused: Vec<String>,
}

/// Applies the team's changes since the last pull, `PULL_BATCH` per local
/// transaction. A change older than this library's own unpushed change of
/// the same item is skipped (the newer one wins at the next push).
pub fn pull(lib: &mut Connection, client: &mut Client, member: &str, role: &str) -> Result<Pulled> {
    let e = |err| from_pg(err, member, role, "read the team's changes");
    let mut pulled = Pulled::default();
    loop {
        let after: i64 = lib.query_row("SELECT pulled_seq FROM team_link", [], |r| r.get(0))?;
        let rows = client
            .query(
                "SELECT seq, kind, key, hlc, member, payload::text FROM changes
                 WHERE seq > $1 ORDER BY seq LIMIT $2",
                &[&after, &PULL_BATCH],
            )
            .map_err(e)?;
        if rows.is_empty() {
            break;
        }
        let tx = lib.transaction()?;
        tx.execute("UPDATE team_link SET applying = 1", [])?;
        let mut last = after;
        let mut max_hlc = 0i64;
        let mut arrived = Vec::new();
        for r in &rows {
            let change = Incoming::from_row(r);
            last = change.seq;
            max_hlc = max_hlc.max(change.hlc);
            let new_article = change.kind == "article"
                && change.payload.is_some()
                && !tx
                    .prepare_cached("SELECT 1 FROM articles WHERE uid = ?1")?
                    .exists([&change.key])?;
            if apply_one(&tx, &change, member, &mut pulled)? && new_article {
                arrived.push(change.key.clone());
            }
        }
        // What belongs to an article that arrived only now (its tags, notes and
        // line classes may be earlier in the feed, skipped then for want of it).
        if !arrived.is_empty() {
            let rows = client
                .query(
                    "SELECT seq, kind, key, hlc, member, payload::text FROM changes
                     WHERE article = ANY($1) ORDER BY seq",
                    &[&arrived],
                )
                .map_err(e)?;
            for r in &rows {
                let change = Incoming::from_row(r);
                max_hlc = max_hlc.max(change.hlc);
                let mut quiet = Pulled::default();
                apply_one(&tx, &change, member, &mut quiet)?;
                pulled.refused.append(&mut quiet.refused);
            }
        }
        litopys_core::store::blocks::flush_pending(&tx)?;
        litopys_core::store::stories::flush_pending(&tx, usize::MAX)?;
        tx.execute(
            "UPDATE team_link SET applying = 0, pulled_seq = ?1, hlc = max(hlc, ?2)",
            params![last, max_hlc],
        )?;
        tx.commit()?;
    }
    Ok(pulled)
}

struct Incoming {
    seq: i64,
    kind: String,
    key: String,
    hlc: i64,
    author: String,
    payload: Option<String>,
}

impl Incoming {
    fn from_row(r: &postgres::Row) -> Incoming {
        Incoming {
            seq: r.get(0),
            kind: r.get(1),
            key: r.get(2),
            hlc: r.get(3),
            author: r.get(4),
            payload: r.get(5),
        }
    }
}

/// Applies one change unless this library's own unpushed change of the item
/// is newer; a bad change is refused (reported) and changes nothing.
/// Returns whether it was applied.
fn apply_one(
    tx: &rusqlite::Transaction,
    c: &Incoming,
    member: &str,
    pulled: &mut Pulled,
) -> Result<bool> {
    let local: Option<i64> = tx
        .prepare_cached("SELECT hlc FROM team_outbox WHERE kind = ?1 AND key = ?2")?
        .query_row(params![c.kind, c.key], |r| r.get(0))
        .optional()?;
    // Our unpushed change is newer (ties: the greater member name, as on the server).
    if local.is_some_and(|l| (l, member) > (c.hlc, c.author.as_str())) {
        return Ok(false);
    }
    let shown = || format!("{} {}", c.kind, c.key.replace(items::SEP, "/"));
    let value = match c.payload.as_deref().map(serde_json::from_str::<Value>) {
        None => None,
        Some(Ok(v)) => Some(v),
        Some(Err(err)) => {
            pulled.refused.push(format!("{}: {err}", shown()));
            return Ok(false);
        }
    };
    tx.execute("SAVEPOINT change", [])?;
    match items::apply(tx, &c.kind, &c.key, value.as_ref()) {
        Ok(outcome) => {
            tx.execute("RELEASE change", [])?;
            if outcome == Applied::Changed {
                *pulled.counts.entry(c.kind.clone()).or_default() += 1;
            }
            tx.prepare_cached("DELETE FROM team_outbox WHERE kind = ?1 AND key = ?2")?
                .execute(params![c.kind, c.key])?;
            if c.kind == "annotation" {
                if value.is_some() {
                    tx.prepare_cached(
                        "INSERT OR REPLACE INTO team_authors (annotation_uid, member) VALUES (?1, ?2)",
                    )?
                    .execute(params![c.key, c.author])?;
                } else {
                    tx.prepare_cached("DELETE FROM team_authors WHERE annotation_uid = ?1")?
                        .execute([&c.key])?;
                }
            }
            Ok(true)
        }
        Err(
            err @ (Error::BadChange { .. }
            | Error::Core(
                litopys_core::Error::InvalidInput(_)
                | litopys_core::Error::AnnotationNotFound(_)
                | litopys_core::Error::TagNotFound(_)
                | litopys_core::Error::SavedSearchNotFound(_),
            )),
        ) => {
            tx.execute("ROLLBACK TO change", [])?;
            tx.execute("RELEASE change", [])?;
            pulled.refused.push(format!("{}: {err}", shown()));
            Ok(false)
        }
        Err(other) => Err(other),
    }
}
