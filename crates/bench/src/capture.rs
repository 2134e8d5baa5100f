//! `litopys-bench capture` (issue 18): 100 pages spread over 10 loopback
//! hosts (127.0.0.2–127.0.0.11, servers started here) captured under the
//! per-host limit, with the largest number of requests any host saw in one
//! second (measured by the servers); baseline: the same pages fetched one
//! after another with no limit. Then a poll of 10 feeds with nothing new
//! (conditional GET answered 304) per feed, beside an unconditional poll.

use std::process::ExitCode;
use std::time::{Duration, Instant};

use litopys_capture::capture::capture_urls;
use litopys_capture::feeds::{self, PollOptions};
use litopys_capture::rate::DEFAULT_PER_HOST;
use litopys_capture::test_server::{max_per_second, Reply, TestServer};
use litopys_capture::{FetchOptions, Fetcher, Politeness};
use litopys_core::store::now_rfc3339;
use litopys_core::{Error, Library};
use serde::Serialize;

#[derive(clap::Args)]
pub struct Options {
    /// Pages to capture (spread evenly over the hosts)
    #[arg(long, default_value_t = 100)]
    pages: usize,
    /// Loopback hosts 127.0.0.2 … (at most 200)
    #[arg(long, default_value_t = 10)]
    hosts: usize,
    /// Polls with nothing new timed per kind (the median is reported)
    #[arg(long, default_value_t = 5)]
    polls: usize,
    /// Print JSON
    #[arg(long)]
    json: bool,
}

#[derive(Serialize)]
struct Report {
    build: &'static str,
    pages: usize,
    hosts: usize,
    limit_per_host: f64,
    capture_s: f64,
    baseline_sequential_unlimited_s: f64,
    max_requests_per_host_per_second: usize,
    baseline_max_requests_per_host_per_second: usize,
    captured: usize,
    poll_304_ms_per_feed: f64,
    poll_unconditional_ms_per_feed: f64,
    /// The same with robots.txt already known (one politeness kept across polls, as a running app could).
    poll_304_warm_ms_per_feed: f64,
    poll_unconditional_warm_ms_per_feed: f64,
}

fn err(e: impl std::fmt::Display) -> Error {
    Error::InvalidInput(e.to_string())
}

fn page(host: usize, n: usize) -> String {
    format!(
        "<html><head><title>Host {host} story {n}</title></head><body><article><h1>Story {n} of host {host}</h1>\
         <p>Київ, {n} грудня. Міська рада {host} ухвалила рішення номер {n} щодо бюджету та транспорту.</p>\
         <p>Депутати обговорили зміни й проголосували більшістю голосів; наступне засідання — за тиждень.</p>\
         </article></body></html>"
    )
}

fn servers(hosts: usize, per_host: usize) -> Result<Vec<TestServer>, Error> {
    (0..hosts)
        .map(|h| {
            let ip = format!("127.0.0.{}", h + 2);
            let feed_items: String = (0..per_host)
                .map(|n| {
                    format!("<item><link>http://{ip}/p/{n}</link><guid>{ip}/{n}</guid></item>")
                })
                .collect();
            TestServer::start(&ip, move |r| match r.path.as_str() {
                "/robots.txt" => {
                    Reply::typed(200, "text/plain", "User-agent: *\nDisallow: /private\n")
                }
                "/feed.xml" if r.header("if-none-match") == Some("\"f1\"") => Reply::status(304),
                "/feed.xml" => Reply::Full {
                    status: 200,
                    headers: vec![
                        ("Content-Type".into(), "application/rss+xml".into()),
                        ("ETag".into(), "\"f1\"".into()),
                    ],
                    body: format!("<rss version=\"2.0\"><channel>{feed_items}</channel></rss>")
                        .into_bytes(),
                },
                p => {
                    let n: usize = p
                        .rsplit('/')
                        .next()
                        .and_then(|n| n.parse().ok())
                        .unwrap_or(0);
                    Reply::html(page(h, n))
                }
            })
            .map_err(err)
        })
        .collect()
}

fn urls(servers: &[TestServer], per_host: usize) -> Vec<String> {
    // Interleaved, as a list of links from many sites would be.
    (0..per_host)
        .flat_map(|n| servers.iter().map(move |s| s.url(&format!("/p/{n}"))))
        .collect()
}

fn max_rate(servers: &[TestServer]) -> usize {
    servers
        .iter()
        .map(|s| max_per_second(&s.requests().iter().map(|r| r.at).collect::<Vec<_>>()))
        .max()
        .unwrap_or(0)
}

fn median(mut v: Vec<f64>) -> f64 {
    v.sort_by(|a, b| a.total_cmp(b));
    v.get(v.len() / 2).copied().unwrap_or(0.0)
}

pub fn run(o: Options) -> Result<ExitCode, Error> {
    let hosts = o.hosts.clamp(1, 200);
    let per_host = o.pages.div_ceil(hosts).max(1);
    let work = std::env::temp_dir().join(format!("litopys-bench-capture-{}", std::process::id()));
    std::fs::create_dir_all(&work).map_err(err)?;
    let fetcher = Fetcher::new(FetchOptions::default());

    // Litopys: concurrent across hosts, 10 requests/s per host.
    let srv = servers(hosts, per_host)?;
    let list = urls(&srv, per_host);
    let mut lib = Library::open(&work.join("capture.sqlite"))?;
    let politeness = Politeness::new(DEFAULT_PER_HOST, false);
    let t = Instant::now();
    let out = capture_urls(&mut lib, &fetcher, &politeness, &list, &mut |_| {}).map_err(err)?;
    let capture_s = t.elapsed().as_secs_f64();
    let captured = out.iter().filter(|c| c.error.is_none()).count();
    let measured = max_rate(&srv);
    drop(srv);

    // Baseline: the same pages one after another, no limit.
    let srv = servers(hosts, per_host)?;
    let list = urls(&srv, per_host);
    let mut base = Library::open(&work.join("baseline.sqlite"))?;
    let unlimited = Politeness::new(0.0, false);
    let t = Instant::now();
    for u in &list {
        capture_urls(
            &mut base,
            &fetcher,
            &unlimited,
            std::slice::from_ref(u),
            &mut |_| {},
        )
        .map_err(err)?;
    }
    let baseline_s = t.elapsed().as_secs_f64();
    let baseline_rate = max_rate(&srv);

    // Feeds: one per host, polled once in full, then with nothing new.
    for s in &srv {
        feeds::store::add(base.conn(), &s.url("/feed.xml"), &now_rfc3339()).map_err(err)?;
    }
    let options = PollOptions::default();
    let warm = Politeness::new(DEFAULT_PER_HOST, true);
    let poll = |lib: &mut Library, kept: Option<&Politeness>| -> Result<f64, Error> {
        // A fresh politeness per poll, as each `litopys feed poll` has (robots.txt fetched
        // again), or one kept across polls (robots.txt known).
        let fresh = Politeness::new(DEFAULT_PER_HOST, true);
        let p = kept.unwrap_or(&fresh);
        // Spaced so that the rate limit of one poll does not wait on the last.
        std::thread::sleep(Duration::from_millis(250));
        let t = Instant::now();
        feeds::poll(lib, &fetcher, p, &options, None, &mut |_| {}).map_err(err)?;
        Ok(t.elapsed().as_secs_f64() * 1000.0 / hosts as f64)
    };
    let forget = |lib: &Library| -> Result<(), Error> {
        lib.conn()
            .execute("UPDATE feeds SET etag = NULL, last_modified = NULL", [])
            .map_err(Error::from)?;
        Ok(())
    };
    poll(&mut base, Some(&warm))?;
    let (mut cond, mut uncond, mut cond_warm, mut uncond_warm) = (vec![], vec![], vec![], vec![]);
    for _ in 0..o.polls.max(1) {
        cond.push(poll(&mut base, None)?);
        cond_warm.push(poll(&mut base, Some(&warm))?);
        forget(&base)?;
        uncond.push(poll(&mut base, None)?);
        forget(&base)?;
        uncond_warm.push(poll(&mut base, Some(&warm))?);
    }
    drop(srv);
    drop(lib);
    drop(base);
    let _ = std::fs::remove_dir_all(&work);

    let r = Report {
        build: if cfg!(debug_assertions) {
            "debug"
        } else {
            "release"
        },
        pages: list.len(),
        hosts,
        limit_per_host: DEFAULT_PER_HOST,
        capture_s,
        baseline_sequential_unlimited_s: baseline_s,
        max_requests_per_host_per_second: measured,
        baseline_max_requests_per_host_per_second: baseline_rate,
        captured,
        poll_304_ms_per_feed: median(cond),
        poll_unconditional_ms_per_feed: median(uncond),
        poll_304_warm_ms_per_feed: median(cond_warm),
        poll_unconditional_warm_ms_per_feed: median(uncond_warm),
    };
    if o.json {
        println!("{}", serde_json::to_string_pretty(&r).map_err(err)?);
        return Ok(ExitCode::SUCCESS);
    }
    println!(
        "capture ({} build): {} pages over {} hosts, limit {}/s per host",
        r.build, r.pages, r.hosts, r.limit_per_host
    );
    println!(
        "                                   litopys   baseline (sequential, no limit)   ratio"
    );
    println!(
        "  total time                      {:>7.2} s  {:>7.2} s                          {:.2}×",
        r.capture_s,
        r.baseline_sequential_unlimited_s,
        r.baseline_sequential_unlimited_s / r.capture_s.max(1e-9)
    );
    println!(
        "  max requests/host in any 1 s    {:>7}    {:>7}",
        r.max_requests_per_host_per_second, r.baseline_max_requests_per_host_per_second
    );
    println!(
        "  pages captured                  {:>7} / {}",
        r.captured, r.pages
    );
    println!(
        "feed poll with nothing new ({} feeds, median of {} polls):",
        hosts,
        o.polls.max(1)
    );
    println!(
        "  conditional GET (304)           {:>7.1} ms/feed   unconditional {:>7.1} ms/feed   {:.2}×",
        r.poll_304_ms_per_feed,
        r.poll_unconditional_ms_per_feed,
        r.poll_unconditional_ms_per_feed / r.poll_304_ms_per_feed.max(1e-9)
    );
    println!(
        "  the same, robots.txt known      {:>7.1} ms/feed   unconditional {:>7.1} ms/feed   {:.2}×",
        r.poll_304_warm_ms_per_feed,
        r.poll_unconditional_warm_ms_per_feed,
        r.poll_unconditional_warm_ms_per_feed / r.poll_304_warm_ms_per_feed.max(1e-9)
    );
    println!("  (a fresh poll fetches robots.txt first, and the feed then waits its turn under the host's limit)");
    Ok(ExitCode::SUCCESS)
}
