//! The fetcher against real HTTP(S) servers on loopback addresses.

use std::time::{Duration, Instant};

use litopys_capture::fetch::{Expect, FetchOptions, Fetcher, Validators, USER_AGENT};
use litopys_capture::test_server::{Reply, TestServer, TlsIdentity};
use litopys_capture::CaptureError;

fn fetcher() -> Fetcher {
    Fetcher::new(FetchOptions {
        deadline: Duration::from_secs(3),
        read_timeout: Duration::from_secs(2),
        ..FetchOptions::default()
    })
}

#[test]
fn a_page_is_fetched_with_our_user_agent_headers_and_bytes() {
    let s = TestServer::start("127.0.0.1", |_| {
        Reply::html("<html><body><p>Привіт</p></body></html>")
    })
    .unwrap();
    let x = fetcher().get(&s.url("/a"), Expect::Page, None).unwrap();
    assert_eq!(x.status, 200);
    assert_eq!(x.body, "<html><body><p>Привіт</p></body></html>".as_bytes());
    assert_eq!(x.charset().as_deref(), Some("utf-8"));
    assert_eq!(s.requests()[0].header("user-agent"), Some(USER_AGENT));
    assert!(
        USER_AGENT.starts_with("Litopys/")
            && USER_AGENT.contains("(+https://github.com/litopys/litopys)")
    );
}

#[test]
fn redirects_are_followed_to_the_final_address() {
    let s = TestServer::start("127.0.0.1", |r| match r.path.as_str() {
        "/old" => Reply::redirect(301, "/middle"),
        "/middle" => Reply::redirect(302, "/new"),
        _ => Reply::html("<p>new</p>"),
    })
    .unwrap();
    let x = fetcher().get(&s.url("/old"), Expect::Page, None).unwrap();
    assert_eq!(x.final_url, s.url("/new"));
    assert_eq!(x.chain.len(), 3);
    assert_eq!(x.requested_url, s.url("/old"));
}

#[test]
fn a_redirect_loop_is_named_as_one() {
    let s = TestServer::start("127.0.0.1", |r| match r.path.as_str() {
        "/a" => Reply::redirect(302, "/b"),
        _ => Reply::redirect(302, "/a"),
    })
    .unwrap();
    let e = fetcher().get(&s.url("/a"), Expect::Page, None).unwrap_err();
    assert!(matches!(e, CaptureError::RedirectLoop { .. }), "{e}");
}

#[test]
fn endless_redirects_stop_at_the_cap() {
    let s = TestServer::start("127.0.0.1", |r| {
        let n: u64 = r.path.trim_start_matches('/').parse().unwrap_or(0);
        Reply::redirect(302, &format!("/{}", n + 1))
    })
    .unwrap();
    let e = fetcher().get(&s.url("/0"), Expect::Page, None).unwrap_err();
    assert!(
        matches!(e, CaptureError::TooManyRedirects { max: 10, .. }),
        "{e}"
    );
    assert_eq!(s.requests().len(), 11);
}

#[test]
fn a_slowloris_server_is_cut_off_at_the_deadline() {
    let s = TestServer::start("127.0.0.1", |_| Reply::Dribble {
        every: Duration::from_millis(200),
    })
    .unwrap();
    let started = Instant::now();
    let e = fetcher()
        .get(&s.url("/slow"), Expect::Page, None)
        .unwrap_err();
    assert!(matches!(e, CaptureError::Timeout { .. }), "{e}");
    assert!(
        started.elapsed() < Duration::from_secs(10),
        "{:?}",
        started.elapsed()
    );
}

#[test]
fn a_one_gigabyte_answer_stops_at_the_size_cap() {
    let s = TestServer::start("127.0.0.1", |r| Reply::Stream {
        len: 1 << 30,
        // Without Content-Length the cap is found while reading the stream.
        declare_len: r.path == "/declared",
    })
    .unwrap();
    let f = Fetcher::new(FetchOptions {
        max_bytes: 5 * 1024 * 1024,
        ..FetchOptions::default()
    });
    for path in ["/declared", "/undeclared"] {
        let e = f.get(&s.url(path), Expect::Page, None).unwrap_err();
        assert!(
            matches!(e, CaptureError::TooLarge { limit_mb: 5, .. }),
            "{path}: {e}"
        );
    }
}

#[test]
fn non_html_content_is_refused_before_its_body_is_read() {
    let s = TestServer::start("127.0.0.1", |_| {
        Reply::typed(200, "application/pdf", vec![b'%'; 1000])
    })
    .unwrap();
    let e = fetcher()
        .get(&s.url("/file.pdf"), Expect::Page, None)
        .unwrap_err();
    assert!(
        matches!(&e, CaptureError::NotHtml { content_type, .. } if content_type == "application/pdf"),
        "{e}"
    );
    assert!(e.to_string().contains("application/pdf"));
}

#[test]
fn a_conditional_get_sends_the_validators_and_takes_304() {
    let s = TestServer::start("127.0.0.1", |r| {
        if r.header("if-none-match") == Some("\"v1\"") {
            Reply::status(304)
        } else {
            Reply::Full {
                status: 200,
                headers: vec![
                    ("Content-Type".into(), "application/rss+xml".into()),
                    ("ETag".into(), "\"v1\"".into()),
                ],
                body: b"<rss/>".to_vec(),
            }
        }
    })
    .unwrap();
    let f = fetcher();
    let first = f.get(&s.url("/feed"), Expect::Feed, None).unwrap();
    assert_eq!(first.validators().etag.as_deref(), Some("\"v1\""));
    let second = f
        .get(&s.url("/feed"), Expect::Feed, Some(&first.validators()))
        .unwrap();
    assert_eq!(second.status, 304);
    let third = f
        .get(&s.url("/feed"), Expect::Feed, Some(&Validators::default()))
        .unwrap();
    assert_eq!(third.status, 200);
}

#[test]
fn an_invalid_certificate_is_refused_then_allowed_with_the_override() {
    let key = rcgen::generate_simple_self_signed(vec!["127.0.0.1".to_owned()]).unwrap();
    let identity = TlsIdentity {
        cert_der: key.cert.der().to_vec(),
        key_der: key.signing_key.serialize_der(),
    };
    let s = TestServer::start_tls("127.0.0.1", identity, |_| Reply::html("<p>secret</p>")).unwrap();
    let e = fetcher().get(&s.url("/"), Expect::Page, None).unwrap_err();
    assert!(matches!(e, CaptureError::Certificate { .. }), "{e}");
    assert!(e.to_string().contains("--insecure"), "{e}");
    let insecure = Fetcher::new(FetchOptions {
        insecure: true,
        ..FetchOptions::default()
    });
    let x = insecure.get(&s.url("/"), Expect::Page, None).unwrap();
    assert_eq!(x.body, b"<p>secret</p>");
}

#[test]
fn addresses_that_are_not_http_are_refused() {
    for bad in [
        "file:///etc/passwd",
        "ftp://x/y",
        "not a url",
        "javascript:alert(1)",
    ] {
        let e = fetcher().get(bad, Expect::Page, None).unwrap_err();
        assert_eq!(e.code(), "bad_url", "{bad}: {e}");
    }
}
