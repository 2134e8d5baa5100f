//! The table `litopys-bench search` prints.

use super::search::{Built, IndexSize, Row, PAGE};

pub(super) fn print(
    n: usize,
    built: &Built,
    runs: usize,
    rows: &[Row],
    (ours, stock): (IndexSize, IndexSize),
    import_ratio: f64,
    worst_p95: f64,
) {
    let mb = |b: i64| b as f64 / 1e6;
    println!(
        "corpus: {n} articles, {:.0} MB of text; first page = {PAGE} hits with snippets, total, facets; \
         by relevance (`newest`: newest first); p50/p95 of {runs} runs after the first (`1st`), which is also the warm-up\n",
        built.corpus_bytes as f64 / 1e6
    );
    let secs = |s: Option<f64>| s.map_or("reused?".to_owned(), |s| format!("{s:.1} s"));
    println!(
        "import:      litopys {}   stock unicode61 {}   ratio {import_ratio:.2}x",
        secs(built.ours_seconds),
        secs(built.stock_seconds)
    );
    if let (Some(p), Some(s)) = (built.plain_seconds, built.stock_seconds) {
        println!(
            "             litopys without block classification {p:.1} s   ratio {:.2}x",
            p / s
        );
    }
    if let (Some(p), Some(s)) = (built.without_stories_seconds, built.stock_seconds) {
        println!(
            "             litopys without story detection {p:.1} s   ratio {:.2}x",
            p / s
        );
    }
    if let Some(i) = built.index_only {
        println!(
            "             index alone, first {} articles: litopys {:.1} s   stock unicode61 {:.1} s   ratio {:.2}x (the tokenizer's own cost)",
            i.articles,
            i.litopys_seconds,
            i.stock_seconds,
            i.litopys_seconds / i.stock_seconds
        );
        if let Some(t) = i.stock_two_terms_seconds {
            println!(
                "             the same rows, every word followed by a second term: stock unicode61 {t:.1} s   ratio {:.2}x \
                 (FTS5's own cost of two terms a word, with the fastest tokenizer)",
                t / i.stock_seconds
            );
        }
    }
    println!(
        "index size:  litopys {:.1} MB (data {:.1}, idx {:.1}, docsize {:.1}; file {:.0} MB)",
        mb(ours.total),
        mb(ours.data),
        mb(ours.idx),
        mb(ours.docsize),
        ours.file as f64 / 1e6
    );
    println!(
        "             stock   {:.1} MB (data {:.1}, idx {:.1}, docsize {:.1}; file {:.0} MB)   ratio {:.2}x\n",
        mb(stock.total),
        mb(stock.data),
        mb(stock.idx),
        mb(stock.docsize),
        stock.file as f64 / 1e6,
        ours.total as f64 / stock.total as f64
    );
    println!(
        "{:<8} {:<32} | {:>8} {:>8} {:>8} {:>8} | {:>8} {:>8} {:>8} | {:>8} {:>8} {:>8} | {:>6}",
        "kind",
        "query (ours)",
        "ours 1st",
        "p50",
        "p95",
        "total",
        "stk p50",
        "p95",
        "total",
        "rg p50",
        "p95",
        "lines",
        "p95 x"
    );
    for r in rows {
        let rg = r.rg.map_or_else(
            || format!("{:>8} {:>8} {:>8}", "-", "-", "-"),
            |l| format!("{:>8.1} {:>8.1} {:>8}", l.p50_ms, l.p95_ms, l.matches),
        );
        println!(
            "{:<8} {:<32} | {:>8.1} {:>8.1} {:>8.1} {:>8} | {:>8.1} {:>8.1} {:>8} | {rg} | {:>5.2}x",
            r.query.kind,
            r.query.ours,
            r.ours.first_ms,
            r.ours.p50_ms,
            r.ours.p95_ms,
            r.ours.matches,
            r.stock.p50_ms,
            r.stock.p95_ms,
            r.stock.matches,
            r.ratio_p95_ours_vs_stock
        );
    }
    println!("\nstock MATCH expressions (exact forms, unicode61):");
    for r in rows {
        let filter = r
            .query
            .stock_filter
            .as_ref()
            .map_or(String::new(), |(c, v)| format!("  AND a.{c} = '{v}'"));
        println!("  {:<8} {}{filter}", r.query.kind, r.query.stock_match);
    }
    println!(
        "\ntargets at 1,000,000 articles: p95 <= 100 ms for every query (worst here {worst_p95:.1} ms: {}), \
         index <= 2x stock ({:.2}x: {}), import <= 1.5x stock ({import_ratio:.2}x: {})",
        verdict(worst_p95 <= 100.0),
        ours.total as f64 / stock.total as f64,
        verdict(ours.total as f64 <= 2.0 * stock.total as f64),
        verdict(import_ratio <= 1.5)
    );
}

fn verdict(ok: bool) -> &'static str {
    if ok {
        "met"
    } else {
        "NOT met"
    }
}
