//! Feeds: RSS/Atom feeds and sitemaps polled for new items, politely
//! (robots.txt, a rate limit per host, conditional GET), each new item
//! captured once. One bad feed or item never stops the rest: each gets its
//! error, and the feed keeps the time of its last successful poll.

pub mod parse;
pub mod store;

use std::collections::{HashMap, HashSet};

use litopys_core::error::ErrorBody;
use litopys_core::store::now_rfc3339;
use litopys_core::Library;
use serde::Serialize;

use crate::capture::{keep, CaptureOutcome, CaptureStatus};
use crate::crawl::{fetch_all, Job};
use crate::error::{CaptureError, Result};
use crate::fetch::{Exchange, Expect, Fetcher};
use crate::rate::Politeness;

pub use store::Feed;

/// Limits of one poll.
#[derive(Debug, Clone)]
pub struct PollOptions {
    /// Most items captured per feed in one poll (the rest wait for the next).
    pub max_captures_per_feed: usize,
    /// Failed items are tried again at later polls up to this many times.
    pub max_attempts: i64,
}

impl Default for PollOptions {
    fn default() -> Self {
        PollOptions {
            max_captures_per_feed: 500,
            max_attempts: 3,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "snake_case")]
pub enum FeedStatus {
    /// 304: nothing new since the last poll.
    NotModified,
    Polled,
    Failed,
}

/// What polling one feed did.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct FeedOutcome {
    pub feed_id: i64,
    pub url: String,
    pub status: FeedStatus,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub kind: Option<parse::Kind>,
    /// Items in the document now.
    pub items: u64,
    /// Items not seen before.
    pub new_items: u64,
    pub captured: u64,
    pub failed: u64,
    /// Items past the per-feed cap, not read.
    pub dropped: u64,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub error: Option<ErrorBody>,
    pub last_success_at: Option<String>,
}

/// One item that failed, named.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct ItemError {
    pub feed_id: i64,
    pub link: String,
    pub error: ErrorBody,
}

#[derive(Debug, Clone, Serialize, Default)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct PollReport {
    pub feeds: Vec<FeedOutcome>,
    pub captured: u64,
    pub failed_items: Vec<ItemError>,
}

/// What a poll tells its caller while it works.
pub enum PollEvent<'a> {
    Feed(&'a FeedOutcome),
    Item(&'a CaptureOutcome),
}

/// Polls every feed (or the one named by `only`), then captures their new items.
pub fn poll(
    library: &mut Library,
    fetcher: &Fetcher,
    politeness: &Politeness,
    options: &PollOptions,
    only: Option<&str>,
    on_event: &mut dyn FnMut(PollEvent<'_>),
) -> Result<PollReport> {
    library.check_before_write()?;
    let feeds = match only {
        Some(key) => vec![store::find(library.conn(), key)?],
        None => store::list(library.conn())?,
    };
    let mut jobs = Vec::new();
    for f in &feeds {
        jobs.push(Job {
            url: f.url.clone(),
            validators: Some(store::validators(library.conn(), f.id)?),
            tag: (f.id, false),
        });
    }
    let mut outcomes: HashMap<i64, FeedOutcome> = feeds
        .iter()
        .map(|f| {
            (
                f.id,
                FeedOutcome {
                    feed_id: f.id,
                    url: f.url.clone(),
                    status: FeedStatus::Polled,
                    kind: None,
                    items: 0,
                    new_items: 0,
                    captured: 0,
                    failed: 0,
                    dropped: 0,
                    error: None,
                    last_success_at: f.last_success_at.clone(),
                },
            )
        })
        .collect();
    let mut fatal: Option<CaptureError> = None;
    // Round 1: the feeds; round 2: child sitemaps of sitemap indexes (one level).
    for round in 0..2 {
        if jobs.is_empty() {
            break;
        }
        let mut children = Vec::new();
        fetch_all(
            fetcher,
            politeness,
            Expect::Feed,
            std::mem::take(&mut jobs),
            &mut |job, result| {
                if fatal.is_some() {
                    return;
                }
                let (id, child) = job.tag;
                let Some(o) = outcomes.get_mut(&id) else {
                    return;
                };
                match read_feed(library, id, child, result) {
                    Ok(Read {
                        not_modified,
                        parsed,
                    }) => {
                        if not_modified {
                            o.status = FeedStatus::NotModified;
                        }
                        if let Some(p) = parsed {
                            o.kind = o.kind.or(Some(p.kind));
                            o.items += p.items.len() as u64;
                            o.new_items += p.new;
                            o.dropped += p.dropped as u64;
                            if round == 0 {
                                children.extend(p.sitemaps.into_iter().map(|url| Job {
                                    url,
                                    validators: None,
                                    tag: (id, true),
                                }));
                            }
                        }
                    }
                    Err(e @ CaptureError::Library(_)) => fatal = Some(e),
                    Err(e) => {
                        o.status = FeedStatus::Failed;
                        o.error.get_or_insert(ErrorBody::from(&e));
                    }
                }
            },
        );
        jobs = children;
    }
    if let Some(e) = fatal {
        return Err(e);
    }
    // Feed status is settled once its documents are read.
    let now = now_rfc3339();
    for o in outcomes.values_mut() {
        match &o.error {
            Some(e) => store::failed(library.conn(), o.feed_id, &now, &e.message)?,
            None => {
                store::succeeded(library.conn(), o.feed_id, &now, None)?;
                o.last_success_at = Some(now.clone());
            }
        }
    }
    // Round 3: the items not yet captured, each link once.
    let mut seen: HashSet<String> = HashSet::new();
    let mut item_jobs = Vec::new();
    for f in &feeds {
        for (key, link) in store::pending(
            library.conn(),
            f.id,
            options.max_attempts,
            options.max_captures_per_feed,
        )? {
            if let Some(capture) = store::captured_link(library.conn(), &link)? {
                store::item_captured(library.conn(), f.id, &key, capture)?;
                continue;
            }
            if seen.insert(link.clone()) {
                item_jobs.push(Job {
                    url: link,
                    validators: None,
                    tag: (f.id, key),
                });
            }
        }
    }
    let mut report = PollReport::default();
    fetch_all(
        fetcher,
        politeness,
        Expect::Page,
        item_jobs,
        &mut |job, result| {
            if fatal.is_some() {
                return;
            }
            let (id, key) = &job.tag;
            let outcome = match result.and_then(|x| keep(library, &x, Some(*id))) {
                Ok(o) => o,
                Err(e @ CaptureError::Library(_)) => {
                    fatal = Some(e);
                    return;
                }
                Err(e) => CaptureOutcome::failed(&job.url, &e),
            };
            let recorded = match (&outcome.status, &outcome.capture, &outcome.error) {
                (CaptureStatus::Failed, _, Some(err)) => {
                    report.failed_items.push(ItemError {
                        feed_id: *id,
                        link: job.url.clone(),
                        error: err.clone(),
                    });
                    store::item_failed(library.conn(), *id, key, &err.message)
                }
                (_, Some(c), _) => store::item_captured(library.conn(), *id, key, c.id),
                _ => Ok(()),
            };
            if let Err(e) = recorded {
                fatal = Some(e);
                return;
            }
            if let Some(o) = outcomes.get_mut(id) {
                if outcome.status == CaptureStatus::Failed {
                    o.failed += 1;
                } else {
                    o.captured += 1;
                    report.captured += 1;
                }
            }
            on_event(PollEvent::Item(&outcome));
        },
    );
    if let Some(e) = fatal {
        return Err(e);
    }
    let mut feeds_out: Vec<FeedOutcome> = outcomes.into_values().collect();
    feeds_out.sort_by_key(|o| o.feed_id);
    for o in &feeds_out {
        on_event(PollEvent::Feed(o));
    }
    report.feeds = feeds_out;
    Ok(report)
}

struct Parsed {
    kind: parse::Kind,
    items: Vec<parse::Item>,
    sitemaps: Vec<String>,
    dropped: usize,
    new: u64,
}

struct Read {
    not_modified: bool,
    parsed: Option<Parsed>,
}

/// Reads one fetched feed document and records its items.
fn read_feed(
    library: &mut Library,
    id: i64,
    child: bool,
    result: Result<Exchange>,
) -> Result<Read> {
    let x = result?;
    if x.status == 304 {
        return Ok(Read {
            not_modified: true,
            parsed: None,
        });
    }
    if !(200..300).contains(&x.status) {
        return Err(CaptureError::Status {
            url: x.final_url,
            status: x.status,
        });
    }
    let text = xml_text(&x);
    let doc = parse::parse(&text).map_err(|reason| CaptureError::Feed {
        url: x.final_url.clone(),
        reason,
    })?;
    let now = now_rfc3339();
    let new = store::remember_items(library.conn_mut(), id, &doc.items, &now)?;
    if !child {
        // Validators are kept only once the items are recorded.
        store::succeeded(library.conn(), id, &now, Some(&x.validators()))?;
    }
    Ok(Read {
        not_modified: false,
        parsed: Some(Parsed {
            kind: doc.kind,
            items: doc.items,
            sitemaps: doc.sitemaps,
            dropped: doc.dropped,
            new,
        }),
    })
}

/// The feed as text: its XML declaration's encoding, else the header's, else detected.
fn xml_text(x: &Exchange) -> String {
    let head = String::from_utf8_lossy(&x.body[..x.body.len().min(200)]).into_owned();
    let declared = head
        .find("encoding=")
        .and_then(|i| {
            let rest = &head[i + 9..];
            let q = rest.chars().next()?;
            let rest = &rest[1..];
            rest.find(q).map(|end| rest[..end].to_owned())
        })
        .or_else(|| x.charset());
    match litopys_core::text::encoding::decode(&x.body, declared.as_deref()) {
        Ok(d) => d.text,
        Err(_) => String::from_utf8_lossy(&x.body).into_owned(),
    }
}
