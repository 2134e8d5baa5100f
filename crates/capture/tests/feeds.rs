//! Feed polls against loopback servers: RSS, Atom, sitemap indexes,
//! conditional GET, robots.txt, duplicates, malformed and huge feeds.

use std::sync::{Arc, Mutex};
use std::time::Instant;

use litopys_capture::feeds::{self, FeedStatus, PollOptions, PollReport};
use litopys_capture::test_server::{max_per_second, Reply, TestServer};
use litopys_capture::{FetchOptions, Fetcher, Politeness};
use litopys_core::store::{articles, now_rfc3339};
use litopys_core::Library;

fn article(n: usize) -> String {
    format!(
        "<html><head><title>Новина {n}</title></head><body><article><h1>Новина {n}</h1>\
         <p>Перший абзац новини номер {n}: міська рада ухвалила рішення щодо бюджету та транспорту.</p>\
         <p>Другий абзац новини номер {n}: депутати обговорили зміни й проголосували більшістю.</p>\
         </article></body></html>"
    )
}

fn rss(links: &[String]) -> String {
    let items: String = links
        .iter()
        .map(|l| format!("<item><title>x</title><link>{l}</link><guid>{l}</guid></item>"))
        .collect();
    format!("<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>T</title>{items}</channel></rss>")
}

fn feed_reply(body: String, etag: &str) -> Reply {
    Reply::Full {
        status: 200,
        headers: vec![
            ("Content-Type".into(), "application/rss+xml".into()),
            ("ETag".into(), etag.into()),
        ],
        body: body.into_bytes(),
    }
}

fn setup() -> (tempfile::TempDir, Library) {
    let dir = tempfile::tempdir().unwrap();
    let lib = Library::open(&dir.path().join("lib.sqlite")).unwrap();
    (dir, lib)
}

fn poll(lib: &mut Library, p: &Politeness, o: &PollOptions) -> PollReport {
    feeds::poll(
        lib,
        &Fetcher::new(FetchOptions::default()),
        p,
        o,
        None,
        &mut |_| {},
    )
    .unwrap()
}

/// A site on `ip` with a feed at /feed.xml listing /a/1.. /a/n, robots.txt given.
fn site(ip: &str, links: usize, robots: &'static str) -> TestServer {
    let base = Arc::new(Mutex::new(String::new()));
    let b = base.clone();
    let s = TestServer::start(ip, move |r| {
        let base = b.lock().unwrap().clone();
        match r.path.as_str() {
            "/robots.txt" => Reply::typed(200, "text/plain", robots),
            "/feed.xml" => {
                if r.header("if-none-match") == Some("\"1\"") {
                    return Reply::status(304);
                }
                let mut l: Vec<String> = (1..=links).map(|i| format!("{base}/a/{i}")).collect();
                l.push(format!("{base}/a/1")); // a duplicate item
                feed_reply(rss(&l), "\"1\"")
            }
            p => Reply::html(article(p.len() + p.bytes().map(usize::from).sum::<usize>())),
        }
    })
    .unwrap();
    *base.lock().unwrap() = s.url("");
    s
}

#[test]
fn new_items_are_captured_once_and_a_second_poll_is_a_304() {
    let s = site("127.0.0.1", 3, "");
    let (_d, mut lib) = setup();
    feeds::store::add(lib.conn(), &s.url("/feed.xml"), &now_rfc3339()).unwrap();
    let p = Politeness::new(0.0, true);
    let r = poll(&mut lib, &p, &PollOptions::default());
    assert_eq!(r.feeds[0].status, FeedStatus::Polled);
    assert_eq!(
        (r.feeds[0].items, r.feeds[0].new_items, r.captured),
        (4, 3, 3),
        "{r:?}"
    );
    assert_eq!(articles::count(lib.conn()).unwrap(), 3);
    let again = poll(&mut lib, &p, &PollOptions::default());
    assert_eq!(again.feeds[0].status, FeedStatus::NotModified);
    assert_eq!(again.captured, 0);
    let pages = s
        .requests()
        .iter()
        .filter(|r| r.path.starts_with("/a/"))
        .count();
    assert_eq!(pages, 3, "each item fetched once");
    let f = &feeds::store::list(lib.conn()).unwrap()[0];
    assert_eq!((f.items, f.captured), (3, 3));
    assert!(f.last_success_at.is_some() && f.last_error.is_none());
}

#[test]
fn robots_txt_disallow_is_honoured_per_item() {
    let s = site("127.0.0.1", 2, "User-agent: *\nDisallow: /a/2\n");
    let (_d, mut lib) = setup();
    feeds::store::add(lib.conn(), &s.url("/feed.xml"), &now_rfc3339()).unwrap();
    let r = poll(
        &mut lib,
        &Politeness::new(0.0, true),
        &PollOptions::default(),
    );
    assert_eq!(r.captured, 1);
    assert_eq!(r.failed_items.len(), 1);
    assert_eq!(r.failed_items[0].error.code, "robots_disallowed");
    assert!(
        !s.requests().iter().any(|q| q.path == "/a/2"),
        "never fetched"
    );
}

#[test]
fn one_bad_feed_does_not_stop_the_others_and_keeps_its_error() {
    let good = site("127.0.0.1", 2, "");
    let bad = TestServer::start("127.0.0.2", |r| match r.path.as_str() {
        "/broken.xml" => Reply::typed(
            200,
            "application/xml",
            "<rss><channel><item><link>http://x/</li",
        ),
        "/html.xml" => Reply::html("<html><body>not a feed</body></html>"),
        _ => Reply::status(500),
    })
    .unwrap();
    let (_d, mut lib) = setup();
    for url in [
        bad.url("/broken.xml"),
        bad.url("/html.xml"),
        bad.url("/down.xml"),
        good.url("/feed.xml"),
    ] {
        feeds::store::add(lib.conn(), &url, &now_rfc3339()).unwrap();
    }
    let r = poll(
        &mut lib,
        &Politeness::new(0.0, false),
        &PollOptions::default(),
    );
    let codes: Vec<Option<String>> = r
        .feeds
        .iter()
        .map(|f| f.error.as_ref().map(|e| e.code.as_str().to_owned()))
        .collect();
    assert_eq!(
        codes,
        vec![
            Some("bad_feed".into()),
            Some("not_html".into()),
            Some("http_status".into()),
            None
        ],
        "{r:?}"
    );
    assert_eq!(r.captured, 2);
    let listed = feeds::store::list(lib.conn()).unwrap();
    assert!(listed[0]
        .last_error
        .as_deref()
        .unwrap()
        .contains("malformed XML"));
    assert!(listed[0].last_success_at.is_none() && listed[3].last_success_at.is_some());
}

#[test]
fn a_sitemap_index_leads_to_its_sitemaps_and_an_atom_feed_is_read() {
    let base = Arc::new(Mutex::new(String::new()));
    let b = base.clone();
    let s = TestServer::start("127.0.0.1", move |r| {
        let base = b.lock().unwrap().clone();
        match r.path.as_str() {
            "/sitemap.xml" => Reply::typed(
                200,
                "application/xml",
                format!("<sitemapindex><sitemap><loc>{base}/s1.xml</loc></sitemap></sitemapindex>"),
            ),
            "/s1.xml" => Reply::typed(
                200,
                "application/xml",
                format!("<urlset><url><loc>{base}/p/1</loc></url><url><loc>{base}/p/2</loc></url></urlset>"),
            ),
            "/atom.xml" => Reply::typed(
                200,
                "application/atom+xml",
                format!("<feed xmlns=\"http://www.w3.org/2005/Atom\"><entry><id>urn:x</id><link href=\"{base}/p/2\"/></entry></feed>"),
            ),
            p => Reply::html(article(p.len() * 7 + p.as_bytes()[p.len() - 1] as usize)),
        }
    })
    .unwrap();
    *base.lock().unwrap() = s.url("");
    let (_d, mut lib) = setup();
    feeds::store::add(lib.conn(), &s.url("/sitemap.xml"), &now_rfc3339()).unwrap();
    feeds::store::add(lib.conn(), &s.url("/atom.xml"), &now_rfc3339()).unwrap();
    let r = poll(
        &mut lib,
        &Politeness::new(0.0, false),
        &PollOptions::default(),
    );
    assert_eq!(r.feeds[0].items, 2, "{r:?}");
    assert_eq!(r.feeds[1].items, 1);
    // /p/2 is in both: fetched once, linked to both.
    assert_eq!(r.captured, 2);
    assert_eq!(s.requests().iter().filter(|q| q.path == "/p/2").count(), 1);
    let listed = feeds::store::list(lib.conn()).unwrap();
    let _ = poll(
        &mut lib,
        &Politeness::new(0.0, false),
        &PollOptions::default(),
    );
    let relisted = feeds::store::list(lib.conn()).unwrap();
    assert_eq!(listed[0].captured, 2);
    assert_eq!(
        relisted[1].captured, 1,
        "the shared item is linked at the next poll"
    );
}

#[test]
fn a_feed_of_100000_items_is_read_in_bounded_time_and_captures_are_capped_per_poll() {
    let body = Arc::new(rss(&(0..100_000)
        .map(|i| format!("http://127.0.0.3:9/item/{i}"))
        .collect::<Vec<_>>()));
    let b = body.clone();
    let s = TestServer::start("127.0.0.1", move |_| feed_reply((*b).clone(), "\"big\"")).unwrap();
    let (_d, mut lib) = setup();
    feeds::store::add(lib.conn(), &s.url("/big.xml"), &now_rfc3339()).unwrap();
    let started = Instant::now();
    let opts = PollOptions {
        max_captures_per_feed: 3,
        max_attempts: 1,
    };
    let r = poll(&mut lib, &Politeness::new(0.0, false), &opts);
    assert_eq!((r.feeds[0].items, r.feeds[0].new_items), (100_000, 100_000));
    // The items point at a closed port: three tried, three named errors.
    assert_eq!(r.failed_items.len(), 3);
    assert!(started.elapsed().as_secs() < 60, "{:?}", started.elapsed());
}

#[test]
fn the_per_host_rate_limit_holds_as_measured_by_the_server() {
    let s = site("127.0.0.4", 15, "");
    let (_d, mut lib) = setup();
    feeds::store::add(lib.conn(), &s.url("/feed.xml"), &now_rfc3339()).unwrap();
    let r = poll(
        &mut lib,
        &Politeness::new(10.0, true),
        &PollOptions::default(),
    );
    assert_eq!(r.captured, 15);
    let times: Vec<Instant> = s.requests().iter().map(|q| q.at).collect();
    assert_eq!(times.len(), 17, "robots, feed, 15 pages");
    assert!(max_per_second(&times) <= 10, "{}", max_per_second(&times));
}
