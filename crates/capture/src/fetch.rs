//! One polite, bounded HTTP GET: our user agent, redirects followed by hand
//! (capped, circles detected), connect/read timeouts and a total deadline
//! (a server dribbling a byte a second is cut off), a size cap read as a
//! stream (a 1 GB answer is never held), the content type checked before
//! the body is read, and certificate errors told apart from the rest.

use std::io::Read;
use std::time::{Duration, Instant};

use time::OffsetDateTime;
use ureq::http;

use crate::error::{CaptureError, Result};

/// What every request says it is.
pub const USER_AGENT: &str = concat!(
    "Litopys/",
    env!("CARGO_PKG_VERSION"),
    " (+https://github.com/litopys/litopys)"
);

/// Limits of one fetch.
#[derive(Debug, Clone)]
pub struct FetchOptions {
    pub connect_timeout: Duration,
    /// Longest wait for any single read.
    pub read_timeout: Duration,
    /// Longest a whole fetch may take, redirects and body included.
    pub deadline: Duration,
    /// Largest body read; a larger answer fails at this many bytes.
    pub max_bytes: u64,
    pub max_redirects: usize,
    /// Accept certificates that do not verify (the explicit override).
    pub insecure: bool,
}

impl Default for FetchOptions {
    fn default() -> Self {
        FetchOptions {
            connect_timeout: Duration::from_secs(10),
            read_timeout: Duration::from_secs(20),
            deadline: Duration::from_secs(60),
            max_bytes: 50 * 1024 * 1024,
            max_redirects: 10,
            insecure: false,
        }
    }
}

/// What a fetch expects to find; anything else is refused before its body is read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Expect {
    /// A web page (HTML or XHTML).
    Page,
    /// An RSS/Atom feed or a sitemap (XML).
    Feed,
    /// Plain text (robots.txt).
    Text,
}

/// A validator from an earlier answer, for a conditional GET.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Validators {
    pub etag: Option<String>,
    pub last_modified: Option<String>,
}

/// One request and its answer, as exchanged with the final server.
#[derive(Debug, Clone)]
pub struct Exchange {
    pub requested_url: String,
    pub final_url: String,
    /// Every address visited, the requested one first.
    pub chain: Vec<String>,
    pub version: String,
    pub status: u16,
    pub reason: String,
    pub headers: Vec<(String, String)>,
    pub request_headers: Vec<(String, String)>,
    pub body: Vec<u8>,
    pub fetched_at: OffsetDateTime,
}

impl Exchange {
    /// The first value of a header (names compare without case).
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }

    /// The media type, lower case, without parameters.
    pub fn media_type(&self) -> Option<String> {
        self.header("content-type").map(media_type)
    }

    /// The charset the Content-Type header names, if any.
    pub fn charset(&self) -> Option<String> {
        let ct = self.header("content-type")?;
        ct.split(';').skip(1).find_map(|p| {
            let (k, v) = p.split_once('=')?;
            k.trim()
                .eq_ignore_ascii_case("charset")
                .then(|| v.trim().trim_matches('"').to_owned())
                .filter(|v| !v.is_empty())
        })
    }

    pub fn validators(&self) -> Validators {
        Validators {
            etag: self.header("etag").map(str::to_owned),
            last_modified: self.header("last-modified").map(str::to_owned),
        }
    }
}

fn media_type(content_type: &str) -> String {
    content_type
        .split(';')
        .next()
        .unwrap_or("")
        .trim()
        .to_ascii_lowercase()
}

/// Whether a media type is what `expect` allows (a missing type is let through: the reader decides).
pub fn acceptable(expect: Expect, media: &str) -> bool {
    match expect {
        Expect::Page => matches!(media, "text/html" | "application/xhtml+xml" | ""),
        Expect::Feed => {
            media.is_empty()
                || media.contains("xml")
                || media.contains("rss")
                || media.contains("atom")
                || media == "text/plain"
        }
        Expect::Text => media.is_empty() || media.starts_with("text/"),
    }
}

/// An HTTP client with our limits; cheap to share between threads.
#[derive(Clone)]
pub struct Fetcher {
    agent: ureq::Agent,
    options: FetchOptions,
}

impl Fetcher {
    pub fn new(options: FetchOptions) -> Fetcher {
        let tls = ureq::tls::TlsConfig::builder()
            .provider(ureq::tls::TlsProvider::Rustls)
            .disable_verification(options.insecure)
            .build();
        let config = ureq::Agent::config_builder()
            .user_agent(USER_AGENT)
            .max_redirects(0)
            .http_status_as_error(false)
            .timeout_connect(Some(options.connect_timeout))
            .timeout_per_read(Some(options.read_timeout))
            .max_response_header_size(64 * 1024)
            .tls_config(tls)
            .build();
        Fetcher {
            agent: ureq::Agent::new_with_config(config),
            options,
        }
    }

    pub fn options(&self) -> &FetchOptions {
        &self.options
    }

    /// GETs `url`, following redirects, with a conditional request when `validators` are given.
    pub fn get(
        &self,
        url: &str,
        expect: Expect,
        validators: Option<&Validators>,
    ) -> Result<Exchange> {
        let started = Instant::now();
        let mut current = parse_url(url)?;
        let mut chain = vec![current.to_string()];
        loop {
            let left = self
                .options
                .deadline
                .checked_sub(started.elapsed())
                .ok_or_else(|| CaptureError::Timeout {
                    url: url.to_owned(),
                    reason: format!("over {} s", self.options.deadline.as_secs()),
                })?;
            let fetched_at = OffsetDateTime::now_utc();
            let mut request = self.agent.get(current.as_str());
            let mut request_headers = vec![
                ("Host".to_owned(), host_header(&current)),
                ("User-Agent".to_owned(), USER_AGENT.to_owned()),
                ("Accept".to_owned(), accept_header(expect).to_owned()),
            ];
            request = request.header("Accept", accept_header(expect));
            if let Some(v) = validators {
                if let Some(etag) = &v.etag {
                    request = request.header("If-None-Match", etag.as_str());
                    request_headers.push(("If-None-Match".into(), etag.clone()));
                }
                if let Some(lm) = &v.last_modified {
                    request = request.header("If-Modified-Since", lm.as_str());
                    request_headers.push(("If-Modified-Since".into(), lm.clone()));
                }
            }
            let response = request
                .config()
                .timeout_global(Some(left))
                .build()
                .call()
                .map_err(|e| describe(current.as_str(), e, self.options.deadline))?;
            let status = response.status();
            if status.is_redirection() && status != http::StatusCode::NOT_MODIFIED {
                let location = response
                    .headers()
                    .get("location")
                    .and_then(|v| v.to_str().ok())
                    .ok_or_else(|| CaptureError::Network {
                        url: current.to_string(),
                        reason: format!("redirect {} without a Location", status.as_u16()),
                    })?;
                let next = current.join(location).map_err(|e| CaptureError::BadUrl {
                    url: location.to_owned(),
                    reason: e.to_string(),
                })?;
                check_scheme(&next)?;
                if chain.iter().any(|c| c == next.as_str()) {
                    return Err(CaptureError::RedirectLoop {
                        url: url.to_owned(),
                        again: next.to_string(),
                    });
                }
                if chain.len() > self.options.max_redirects {
                    return Err(CaptureError::TooManyRedirects {
                        url: url.to_owned(),
                        max: self.options.max_redirects,
                    });
                }
                chain.push(next.to_string());
                current = next;
                continue;
            }
            let (parts, body) = response.into_parts();
            let headers: Vec<(String, String)> = parts
                .headers
                .iter()
                .map(|(n, v)| {
                    (
                        n.as_str().to_owned(),
                        String::from_utf8_lossy(v.as_bytes()).into_owned(),
                    )
                })
                .collect();
            let mut exchange = Exchange {
                requested_url: url.to_owned(),
                final_url: current.to_string(),
                chain,
                version: format!("{:?}", parts.version),
                status: status.as_u16(),
                reason: status.canonical_reason().unwrap_or("").to_owned(),
                headers,
                request_headers,
                body: Vec::new(),
                fetched_at,
            };
            if status.is_success() {
                let media = exchange.media_type().unwrap_or_default();
                if !acceptable(expect, &media) {
                    return Err(CaptureError::NotHtml {
                        url: exchange.final_url,
                        content_type: media,
                    });
                }
            }
            exchange.body = self.read_body(body, &exchange.final_url)?;
            return Ok(exchange);
        }
    }

    /// Reads at most `max_bytes`, as a stream: a longer body fails when the cap is passed.
    fn read_body(&self, body: ureq::Body, url: &str) -> Result<Vec<u8>> {
        let max = self.options.max_bytes;
        if body.content_length().is_some_and(|n| n > max) {
            return Err(CaptureError::TooLarge {
                url: url.to_owned(),
                limit_mb: max / (1024 * 1024),
            });
        }
        let mut out = Vec::new();
        let reader = body.into_with_config().limit(u64::MAX).reader();
        reader
            .take(max + 1)
            .read_to_end(&mut out)
            .map_err(|e| describe_io(url, &e, self.options.deadline))?;
        if out.len() as u64 > max {
            return Err(CaptureError::TooLarge {
                url: url.to_owned(),
                limit_mb: max / (1024 * 1024),
            });
        }
        Ok(out)
    }
}

fn accept_header(expect: Expect) -> &'static str {
    match expect {
        Expect::Page => "text/html,application/xhtml+xml;q=0.9,*/*;q=0.1",
        Expect::Feed => {
            "application/rss+xml,application/atom+xml,application/xml;q=0.9,text/xml;q=0.9,*/*;q=0.1"
        }
        Expect::Text => "text/plain,*/*;q=0.1",
    }
}

fn host_header(url: &url::Url) -> String {
    match (url.host_str(), url.port()) {
        (Some(h), Some(p)) => format!("{h}:{p}"),
        (Some(h), None) => h.to_owned(),
        _ => String::new(),
    }
}

/// Parses an address the user or a feed gave; only http(s) with a host.
pub fn parse_url(url: &str) -> Result<url::Url> {
    let parsed = url::Url::parse(url.trim()).map_err(|e| CaptureError::BadUrl {
        url: url.to_owned(),
        reason: e.to_string(),
    })?;
    check_scheme(&parsed)?;
    Ok(parsed)
}

fn check_scheme(url: &url::Url) -> Result<()> {
    if !matches!(url.scheme(), "http" | "https") || url.host_str().is_none() {
        return Err(CaptureError::Scheme {
            url: url.to_string(),
        });
    }
    Ok(())
}

fn describe(url: &str, e: ureq::Error, deadline: Duration) -> CaptureError {
    let url = url.to_owned();
    match e {
        ureq::Error::Timeout(t) => CaptureError::Timeout {
            url,
            reason: timeout_reason(t, deadline),
        },
        ureq::Error::Rustls(r) => tls_error(url, &r),
        ureq::Error::Io(io) => describe_io(&url, &io, deadline),
        other => CaptureError::Network {
            url,
            reason: other.to_string(),
        },
    }
}

fn tls_error(url: String, e: &rustls::Error) -> CaptureError {
    match e {
        rustls::Error::InvalidCertificate(c) => CaptureError::Certificate {
            url,
            reason: format!("{c:?}"),
        },
        other => CaptureError::Network {
            url,
            reason: format!("TLS: {other}"),
        },
    }
}

fn timeout_reason(t: ureq::Timeout, deadline: Duration) -> String {
    match t {
        ureq::Timeout::Global => format!("the fetch took over {} s", deadline.as_secs()),
        ureq::Timeout::Connect => "cannot connect".to_owned(),
        ureq::Timeout::PerRead => "the server stopped sending".to_owned(),
        other => format!("{other}"),
    }
}

fn describe_io(url: &str, e: &std::io::Error, deadline: Duration) -> CaptureError {
    let inner = e.get_ref();
    if let Some(u) = inner.and_then(|i| i.downcast_ref::<ureq::Error>()) {
        match u {
            ureq::Error::Timeout(t) => {
                return CaptureError::Timeout {
                    url: url.to_owned(),
                    reason: timeout_reason(*t, deadline),
                }
            }
            ureq::Error::Rustls(r) => return tls_error(url.to_owned(), r),
            _ => {}
        }
    }
    if let Some(r) = inner.and_then(|i| i.downcast_ref::<rustls::Error>()) {
        return tls_error(url.to_owned(), r);
    }
    if matches!(
        e.kind(),
        std::io::ErrorKind::TimedOut | std::io::ErrorKind::WouldBlock
    ) {
        return CaptureError::Timeout {
            url: url.to_owned(),
            reason: "the server stopped sending".to_owned(),
        };
    }
    CaptureError::Network {
        url: url.to_owned(),
        reason: e.to_string(),
    }
}
