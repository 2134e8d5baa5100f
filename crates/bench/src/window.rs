//! What the window asks on every keystroke: the first page with its total and
//! facets, and the timeline of all matches. Measured as one call that counts
//! the matches once (`search_with_timeline`, what the app does) beside the two
//! calls it replaced (`search`, then `histogram`), on the same library in the
//! same run.

use litopys_core::search::{self, Bucket, Sort};
use litopys_core::Error;
use rusqlite::Connection;
use serde::Serialize;

use super::search::{measure, Latency, MixQuery, PAGE};

#[derive(Serialize)]
pub struct WindowRow {
    pub kind: &'static str,
    pub query: String,
    pub one_call: Latency,
    pub two_calls: Latency,
    pub ratio_p95_one_vs_two: f64,
}

pub fn measure_all(
    conn: &Connection,
    mix: &[MixQuery],
    runs: usize,
) -> Result<Vec<WindowRow>, Error> {
    let mut rows = Vec::new();
    for q in mix {
        let sort = if q.newest {
            Sort::Newest
        } else {
            Sort::Relevance
        };
        let one_call = measure(runs, || {
            search::search_with_timeline(conn, &q.ours, sort, PAGE, 0, Bucket::Month)
                .map(|(r, _)| r.total)
        })?;
        let two_calls = measure(runs, || {
            let r = search::search(conn, &q.ours, sort, PAGE, 0)?;
            search::histogram(conn, &q.ours, Bucket::Month)?;
            Ok(r.total)
        })?;
        rows.push(WindowRow {
            kind: q.kind,
            query: q.ours.clone(),
            one_call,
            two_calls,
            ratio_p95_one_vs_two: one_call.p95_ms / two_calls.p95_ms,
        });
    }
    Ok(rows)
}

pub fn print(rows: &[WindowRow]) {
    println!(
        "\n{:<8} {:<32} | {:>9} {:>9} | {:>9} {:>9} | {:>6}",
        "keystroke: page + timeline", "", "one call", "p95", "two calls", "p95", "p95 x"
    );
    for r in rows {
        println!(
            "{:<8} {:<32} | {:>9.1} {:>9.1} | {:>9.1} {:>9.1} | {:>5.2}x",
            r.kind,
            r.query,
            r.one_call.p50_ms,
            r.one_call.p95_ms,
            r.two_calls.p50_ms,
            r.two_calls.p95_ms,
            r.ratio_p95_one_vs_two
        );
    }
}
