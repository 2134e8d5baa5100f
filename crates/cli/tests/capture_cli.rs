//! Issue 18 through the command line: capture a page from a loopback
//! server, see its provenance in `show --json`, export its WARC and read it
//! back with `import`; follow a feed and poll it twice (the second a 304).

mod harness;
use harness::{json, litopys};

use litopys_capture::test_server::{Reply, TestServer};

const PAGE: &str = "<html><head><title>Рада ухвалила бюджет</title></head><body><article>\
    <h1>Рада ухвалила бюджет</h1><p>Київська міська рада ухвалила бюджет на наступний рік після обговорення.</p>\
    <p>Депутати підтримали зміни до програми розвитку транспорту та ремонту доріг у столиці.</p></article></body></html>";

#[test]
fn capture_show_export_and_import_round_trip() {
    let s = TestServer::start("127.0.0.1", |r| match r.path.as_str() {
        "/feed.xml" if r.header("if-none-match") == Some("\"e\"") => Reply::status(304),
        "/feed.xml" => Reply::Full {
            status: 200,
            headers: vec![
                ("Content-Type".into(), "application/rss+xml".into()),
                ("ETag".into(), "\"e\"".into()),
            ],
            body: b"<rss><channel><item><link>http://127.0.0.1:1/x</link></item></channel></rss>"
                .to_vec(),
        },
        "/doc.pdf" => Reply::typed(200, "application/pdf", b"%PDF".to_vec()),
        _ => Reply::html(PAGE),
    })
    .unwrap();
    let dir = tempfile::tempdir().unwrap();
    let lib = dir.path().join("lib.sqlite");
    let out = litopys(
        &lib,
        &["capture", "--json", &s.url("/news/1"), &s.url("/doc.pdf")],
    );
    assert_eq!(out.status.code(), Some(1), "one address failed");
    let v = json(&out);
    let ok = v
        .as_array()
        .unwrap()
        .iter()
        .find(|o| o["status"] == "new")
        .unwrap();
    let bad = v
        .as_array()
        .unwrap()
        .iter()
        .find(|o| o["status"] == "failed")
        .unwrap();
    assert_eq!(bad["error"]["code"], "not_html");
    let id = ok["article_id"].as_str().unwrap();

    let shown = json(&litopys(&lib, &["show", "--json", id]));
    assert_eq!(shown["captures"][0]["final_url"], s.url("/news/1"));
    assert_eq!(
        shown["captures"][0]["payload_sha256"]
            .as_str()
            .unwrap()
            .len(),
        64
    );

    let warc = dir.path().join("out.warc");
    let out = litopys(&lib, &["export-warc", id, warc.to_str().unwrap()]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let other = dir.path().join("other.sqlite");
    let out = litopys(&other, &["import", "--json", warc.to_str().unwrap()]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stdout)
    );
    let listed = json(&litopys(&other, &["list", "--json"]));
    assert_eq!(listed.as_array().unwrap().len(), 1);
    assert_eq!(listed[0]["id"], id, "same text, same id");

    assert!(litopys(&lib, &["feed", "add", &s.url("/feed.xml")])
        .status
        .success());
    let first = json(&litopys(&lib, &["feed", "poll", "--json"]));
    assert_eq!(first["feeds"][0]["status"], "polled");
    assert_eq!(
        first["failed_items"][0]["error"]["code"],
        "robots_unreadable"
    );
    let second = json(&litopys(&lib, &["feed", "poll", "--json"]));
    assert_eq!(second["feeds"][0]["status"], "not_modified");
    let feeds = json(&litopys(&lib, &["feed", "list", "--json"]));
    assert!(feeds[0]["last_success_at"].is_string());
}
