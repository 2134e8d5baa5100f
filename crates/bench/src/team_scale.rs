//! The scale half of `litopys-bench team`: how long a team takes to share N
//! articles, and what it costs the server.

use std::time::Instant;

use litopys_core::store::annotations::{self, Target};
use litopys_core::{Error, Library};
use litopys_team::local_server::LocalServer;
use serde::Serialize;

use super::corpus::{self, Paragraphs, Rng};
use super::team::{bundle_bytes, fail, import_jsonl, make_team, WorkDir};

#[derive(Serialize)]
pub struct Scale {
    articles: usize,
    first_sync_s: f64,
    pull_into_empty_s: f64,
    bundle_import_s: f64,
    pull_vs_bundle: f64,
    noop_sync_ms: f64,
    /// The same over a connection kept open (as the app keeps one).
    noop_sync_session_ms: f64,
    annotations: usize,
    annotations_push_s: f64,
    annotations_pull_s: f64,
    server_rows: i64,
    server_bytes: i64,
    rows_per_article: f64,
    bytes_per_article: f64,
    feed_plan: String,
}

pub fn print(s: &Scale) {
    println!(
        "scale, {} articles: first sync {:.1} s; pull into an empty library {:.1} s vs bundle import {:.1} s (ratio {:.2})",
        s.articles, s.first_sync_s, s.pull_into_empty_s, s.bundle_import_s, s.pull_vs_bundle
    );
    println!(
        "sync with nothing to do: {:.1} ms with a new connection, {:.1} ms over a kept one (medians of 5); {} annotation changes: push {:.2} s, pull {:.2} s",
        s.noop_sync_ms, s.noop_sync_session_ms, s.annotations, s.annotations_push_s, s.annotations_pull_s
    );
    println!(
        "server: {} rows, {:.1} MB ({:.2} rows and {:.0} bytes per article, indexes included)",
        s.server_rows,
        s.server_bytes as f64 / 1e6,
        s.rows_per_article,
        s.bytes_per_article
    );
    println!(
        "change-feed query plan (as a member, row-level security on):\n{}",
        s.feed_plan
    );
}

fn timed<T>(f: impl FnOnce() -> Result<T, Error>) -> Result<(T, f64), Error> {
    let t = Instant::now();
    let v = f()?;
    Ok((v, t.elapsed().as_secs_f64()))
}

pub fn run(paras: &Paragraphs, n: usize, seed: u64) -> Result<Scale, Error> {
    let dir = WorkDir::new("scale")?;
    let mut pg = LocalServer::start(true).map_err(fail)?;
    let jsonl = dir.path().join("articles.jsonl");
    corpus::write(paras, n, seed, &jsonl, None).map_err(fail)?;
    let mut libs = make_team(&mut pg, dir.path(), "scale", 2)?;
    let secrets = pg.secrets();
    import_jsonl(&mut libs[0], &jsonl)?;
    let (mut a, mut b) = {
        let b = libs.pop().expect("two members");
        (libs.pop().expect("two members"), b)
    };
    let (_, first_sync_s) = timed(|| litopys_team::sync(&mut a, &secrets).map_err(fail))?;
    let (_, pull_into_empty_s) = timed(|| litopys_team::sync(&mut b, &secrets).map_err(fail))?;

    let bundle = dir.path().join("all.litopys-bundle.jsonl");
    bundle_bytes(&a, &bundle)?;
    let mut c = Library::open(&dir.path().join("from-bundle.litopys"))?;
    let (_, bundle_import_s) = timed(|| {
        litopys_core::export::bundle::import(
            &mut c,
            &bundle,
            &std::sync::atomic::AtomicBool::new(false),
            &mut |_| {},
        )
    })?;

    let mut noop = Vec::new();
    for _ in 0..5 {
        noop.push(timed(|| litopys_team::sync(&mut b, &secrets).map_err(fail))?.1 * 1000.0);
    }
    noop.sort_by(f64::total_cmp);
    let mut session = litopys_team::open_session(&b, &secrets).map_err(fail)?;
    let mut kept = Vec::new();
    for _ in 0..5 {
        kept.push(
            timed(|| litopys_team::sync_session(&mut b, &mut session).map_err(fail))?.1 * 1000.0,
        );
    }
    kept.sort_by(f64::total_cmp);
    drop(session);

    let uids: Vec<String> = a
        .conn()
        .prepare("SELECT uid FROM articles")?
        .query_map([], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    let mut rng = Rng::new(seed);
    let count = 1000;
    for i in 0..count {
        let uid = &uids[rng.below(uids.len())];
        annotations::create(
            a.conn_mut(),
            uid,
            &Target::Article,
            &format!("note {i}"),
            None,
            &[],
        )?;
    }
    let (_, annotations_push_s) = timed(|| litopys_team::sync(&mut a, &secrets).map_err(fail))?;
    let (_, annotations_pull_s) = timed(|| litopys_team::sync(&mut b, &secrets).map_err(fail))?;

    let (server_rows, server_bytes, feed_plan) = server_cost(&pg, &b, &secrets)?;
    Ok(Scale {
        articles: n,
        first_sync_s,
        pull_into_empty_s,
        bundle_import_s,
        pull_vs_bundle: pull_into_empty_s / bundle_import_s,
        noop_sync_ms: noop[noop.len() / 2],
        noop_sync_session_ms: kept[kept.len() / 2],
        annotations: count,
        annotations_push_s,
        annotations_pull_s,
        server_rows,
        server_bytes,
        rows_per_article: server_rows as f64 / n as f64,
        bytes_per_article: server_bytes as f64 / n as f64,
        feed_plan,
    })
}

fn server_cost(
    pg: &LocalServer,
    member: &Library,
    secrets: &litopys_team::Secrets,
) -> Result<(i64, i64, String), Error> {
    let mut su = pg.superuser_on("scale").map_err(fail)?;
    let row = su
        .query_one(
            "SELECT (SELECT count(*) FROM changes), pg_total_relation_size('changes')",
            &[],
        )
        .map_err(fail)?;
    let mut s = litopys_team::open_session(member, secrets).map_err(fail)?;
    let last: i64 = s
        .client
        .query_one("SELECT coalesce(max(seq), 0) FROM changes", &[])
        .map_err(fail)?
        .get(0);
    let plan = s
        .client
        .query(
            "EXPLAIN (ANALYZE, BUFFERS, COSTS OFF)
             SELECT seq, kind, key, hlc, member, payload::text FROM changes
             WHERE seq > $1 ORDER BY seq LIMIT 500",
            &[&(last - 500)],
        )
        .map_err(fail)?
        .iter()
        .map(|r| r.get::<_, String>(0))
        .collect::<Vec<_>>()
        .join("\n");
    Ok((row.get(0), row.get(1), plan))
}
