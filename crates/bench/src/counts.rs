//! Start-up and word-less filters at scale: the counts the library keeps
//! (`article_counts`, updated by triggers) against the scan of every article
//! they replaced, on the same library in the same run.

use litopys_core::search::{self, Bucket, Sort};
use litopys_core::store::articles;
use litopys_core::Error;
use rusqlite::Connection;
use serde::Serialize;

use super::search::{measure, Latency};

#[derive(Serialize)]
pub struct CountsRow {
    pub what: &'static str,
    pub kept: Latency,
    pub scan: Latency,
    pub ratio_p95_kept_vs_scan: f64,
}

/// What the window asks for when it opens or the user clicks "All articles"
/// (library counts, the newest 50 with facets, the timeline), and a filter
/// without words, each with kept counts and by scanning.
pub fn measure_all(conn: &Connection, runs: usize) -> Result<Vec<CountsRow>, Error> {
    let mut rows = Vec::new();
    for (what, query, stats) in [
        ("start-up: counts, newest 50, facets, timeline", "", true),
        ("filter without words: lang:ru", "lang:ru", false),
    ] {
        let once = |kept: bool| -> Result<i64, Error> {
            let mut plan = search::prepare(conn, query)?;
            plan.counts_only &= kept;
            if stats {
                if kept {
                    articles::stats(conn)?;
                } else {
                    scanned_stats(conn)?;
                }
            }
            let page = search::search_plan(conn, &plan, Sort::Newest, 50, 0)?;
            search::histogram_of(conn, &plan, Bucket::Month)?;
            Ok(page.total)
        };
        let kept = measure(runs, || once(true))?;
        let scan = measure(runs, || once(false))?;
        rows.push(CountsRow {
            what,
            kept,
            scan,
            ratio_p95_kept_vs_scan: kept.p95_ms / scan.p95_ms,
        });
    }
    Ok(rows)
}

/// The library counts as they were computed before the kept counts: a scan per facet.
fn scanned_stats(conn: &Connection) -> Result<(), Error> {
    articles::count(conn)?;
    for sql in [
        "SELECT source, count(*) FROM articles GROUP BY source",
        "SELECT language, count(*) FROM articles GROUP BY language",
        "SELECT substr(published_at, 1, 4), count(*) FROM articles GROUP BY 1",
    ] {
        articles::group_counts(conn, sql, [])?;
    }
    Ok(())
}

pub fn print(rows: &[CountsRow]) {
    println!(
        "\n{:<48} | {:>9} {:>9} | {:>9} {:>9} | {:>6}",
        "kept counts vs scanning every article", "kept p50", "p95", "scan p50", "p95", "p95 x"
    );
    for r in rows {
        println!(
            "{:<48} | {:>9.1} {:>9.1} | {:>9.1} {:>9.1} | {:>5.2}x",
            r.what,
            r.kept.p50_ms,
            r.kept.p95_ms,
            r.scan.p50_ms,
            r.scan.p95_ms,
            r.ratio_p95_kept_vs_scan
        );
    }
}
