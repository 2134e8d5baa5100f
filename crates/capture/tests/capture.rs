//! Capturing pages into a real library file: evidence kept, versions kept,
//! the WARC export read back by the library's own WARC import.

use std::sync::atomic::AtomicBool;
use std::sync::{Arc, Mutex};

use litopys_capture::capture::{capture_urls, export_warc, CaptureStatus};
use litopys_capture::records;
use litopys_capture::test_server::{Reply, TestServer};
use litopys_capture::warc::sha256_hex;
use litopys_capture::{FetchOptions, Fetcher, Politeness};
use litopys_core::import::{import_paths, ImportOptions};
use litopys_core::store::articles;
use litopys_core::Library;

fn page(title: &str, paras: &[&str]) -> String {
    let body: String = paras.iter().map(|p| format!("<p>{p}</p>\n")).collect();
    format!(
        "<html><head><title>{title}</title></head><body><article><h1>{title}</h1>{body}</article></body></html>"
    )
}

const P1: &str =
    "Київська міська рада ухвалила бюджет на наступний рік після тривалого обговорення депутатами.";
const P2: &str =
    "Депутати підтримали зміни до програми розвитку транспорту та ремонту доріг у столиці України.";
const P3: &str =
    "Міський голова заявив, що кошти спрямують насамперед на соціальні програми та освіту дітей.";

fn setup() -> (tempfile::TempDir, Library) {
    let dir = tempfile::tempdir().unwrap();
    let lib = Library::open(&dir.path().join("lib.sqlite")).unwrap();
    (dir, lib)
}

fn capture(lib: &mut Library, urls: &[String]) -> Vec<litopys_capture::CaptureOutcome> {
    let f = Fetcher::new(FetchOptions::default());
    let p = Politeness::new(0.0, false);
    capture_urls(lib, &f, &p, urls, &mut |_| {}).unwrap()
}

#[test]
fn a_captured_page_becomes_an_article_with_its_evidence() {
    let body = page("Бюджет ухвалено", &[P1, P2, P3]);
    let served = body.clone();
    let s = TestServer::start("127.0.0.1", move |r| match r.path.as_str() {
        "/go" => Reply::redirect(301, "/news/1"),
        _ => Reply::html(served.clone()),
    })
    .unwrap();
    let (_d, mut lib) = setup();
    let out = capture(&mut lib, &[s.url("/go")]);
    assert_eq!(out[0].status, CaptureStatus::New, "{:?}", out[0].error);
    let id = out[0].article_id.clone().unwrap();
    let article = articles::get(lib.conn(), &id).unwrap();
    assert!(article.body.contains("ухвалила бюджет"));
    assert_eq!(article.url.as_deref(), Some(s.url("/news/1").as_str()));
    let prov = records::provenance(lib.conn(), &id).unwrap();
    let c = &prov.captures[0];
    assert_eq!(c.final_url, s.url("/news/1"));
    assert_eq!(c.requested_url, s.url("/go"));
    assert_eq!(c.payload_sha256, sha256_hex(body.as_bytes()));
    assert_eq!(c.http_status, 200);
    let warc = String::from_utf8_lossy(&records::warc(lib.conn(), c.id).unwrap()).into_owned();
    assert!(warc.starts_with("WARC/1.1\r\nWARC-Type: response"));
    assert!(warc.contains("WARC-Type: request") && warc.contains("WARC-Type: metadata"));
    assert!(warc.contains(&format!("WARC-Payload-Digest: sha256:{}", c.payload_sha256)));
    assert!(warc.contains(&body), "the exact body is in the record");
}

#[test]
fn recapturing_a_changed_page_keeps_both_versions_and_counts_changed_lines() {
    let version = Arc::new(Mutex::new(page("Бюджет", &[P1, P2])));
    let served = version.clone();
    let s = TestServer::start("127.0.0.1", move |_| {
        Reply::html(served.lock().unwrap().clone())
    })
    .unwrap();
    let (_d, mut lib) = setup();
    let first = capture(&mut lib, &[s.url("/n")]).remove(0);
    let again = capture(&mut lib, &[s.url("/n")]).remove(0);
    assert_eq!(again.status, CaptureStatus::Unchanged);
    assert_eq!(again.article_id, first.article_id);
    *version.lock().unwrap() = page("Бюджет", &[P1, P3]);
    let changed = capture(&mut lib, &[s.url("/n")]).remove(0);
    assert_eq!(changed.status, CaptureStatus::Changed);
    let change = changed.change.clone().unwrap();
    assert_eq!(Some(change.previous_article_id.clone()), first.article_id);
    assert_eq!((change.lines_added, change.lines_removed), (1, 1));
    assert_ne!(changed.article_id, first.article_id);
    // Both versions stay, and each one's provenance lists all three captures.
    let old = articles::get(lib.conn(), first.article_id.as_deref().unwrap()).unwrap();
    assert!(old.body.contains(P2));
    let prov = records::provenance(lib.conn(), changed.article_id.as_deref().unwrap()).unwrap();
    assert_eq!((prov.captures.len(), prov.versions.len()), (1, 3));
}

#[test]
fn the_exported_warc_is_read_back_by_the_library_warc_import() {
    let s =
        TestServer::start("127.0.0.1", |_| Reply::html(page("Експорт", &[P1, P2, P3]))).unwrap();
    let (dir, mut lib) = setup();
    let out = capture(&mut lib, &[s.url("/e")]);
    let id = out[0].article_id.clone().unwrap();
    let capture_id = out[0].capture.as_ref().unwrap().id;
    let path = dir.path().join("evidence.warc");
    export_warc(&lib, &[capture_id], &path).unwrap();
    let mut other = Library::open(&dir.path().join("other.sqlite")).unwrap();
    let totals = import_paths(
        &mut other,
        &[path],
        &ImportOptions::default(),
        &AtomicBool::new(false),
        &mut |_| {},
    )
    .unwrap();
    assert_eq!((totals.imported, totals.failed), (1, 0));
    let original = articles::get(lib.conn(), &id).unwrap();
    let back = articles::list(other.conn(), 10, 0).unwrap();
    let back = articles::get(other.conn(), &back[0].id).unwrap();
    assert_eq!(back.body, original.body);
    assert_eq!(back.url.as_deref(), Some(s.url("/e").as_str()));
}

#[test]
fn each_bad_address_gets_its_own_error_and_the_rest_are_captured() {
    let s = TestServer::start("127.0.0.1", |r| match r.path.as_str() {
        "/pdf" => Reply::typed(200, "application/pdf", b"%PDF".to_vec()),
        "/gone" => Reply::status(404),
        "/empty" => Reply::html("<html><body></body></html>"),
        _ => Reply::html(page("Добре", &[P1, P2])),
    })
    .unwrap();
    let (_d, mut lib) = setup();
    let urls: Vec<String> = ["/pdf", "/gone", "/empty", "/ok"]
        .iter()
        .map(|p| s.url(p))
        .collect();
    let mut out = capture(&mut lib, &urls);
    out.sort_by(|a, b| a.url.cmp(&b.url));
    let by = |p: &str| out.iter().find(|o| o.url == s.url(p)).unwrap();
    assert_eq!(by("/pdf").error.as_ref().unwrap().code, "not_html");
    assert_eq!(by("/gone").error.as_ref().unwrap().code, "http_status");
    assert!(by("/gone").capture.is_some(), "a 404 is kept as evidence");
    assert_eq!(by("/empty").error.as_ref().unwrap().code, "not_imported");
    assert_eq!(by("/ok").status, CaptureStatus::New);
}

#[test]
fn the_charset_of_the_headers_decodes_a_page_that_declares_none() {
    let html = page("Новини", &[P1, P2]);
    let bytes = encoding_rs::WINDOWS_1251.encode(&html).0.into_owned();
    let s = TestServer::start("127.0.0.1", move |_| {
        Reply::typed(200, "text/html; charset=windows-1251", bytes.clone())
    })
    .unwrap();
    let (_d, mut lib) = setup();
    let out = capture(&mut lib, &[s.url("/cp1251")]);
    let a = articles::get(lib.conn(), out[0].article_id.as_deref().unwrap()).unwrap();
    assert!(a.body.contains("Київська міська рада"), "{}", a.body);
}
