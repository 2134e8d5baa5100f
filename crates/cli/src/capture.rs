//! `litopys capture`, `litopys export-warc`, `litopys feed`: pages and
//! feeds from the web into the library. Thin: the work is in the
//! `litopys-capture` crate.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::Subcommand;
use litopys_capture::capture::{capture_urls, export_warc, CaptureOutcome, CaptureStatus};
use litopys_capture::feeds::{self, PollEvent, PollOptions};
use litopys_capture::rate::DEFAULT_PER_HOST;
use litopys_capture::{records, CaptureError, FetchOptions, Fetcher, Politeness};
use litopys_core::store::{articles, now_rfc3339};
use litopys_core::Library;

use crate::terminal::line;
use litopys_cli::to_json;

#[derive(clap::Args)]
pub struct CaptureArgs {
    /// Web addresses (http:// or https://) to capture
    #[arg(required = true)]
    urls: Vec<String>,
    /// Accept a site whose certificate does not verify (self-signed, expired, wrong name).
    /// Only for sites you trust on a network you trust: the capture records it
    #[arg(long)]
    insecure: bool,
    /// Most requests a second to one host
    #[arg(long, default_value_t = DEFAULT_PER_HOST)]
    rate: f64,
    /// Print JSON: one outcome per address {url, status, article_id, capture, change, error}
    #[arg(long)]
    json: bool,
}

#[derive(clap::Args)]
pub struct ExportWarcArgs {
    /// Article id: its captures are written
    article: String,
    /// WARC file to write
    out: PathBuf,
    /// Only this capture (its number, as `show` lists them)
    #[arg(long)]
    capture: Option<i64>,
}

#[derive(Subcommand)]
pub enum FeedCommand {
    /// Follow an RSS/Atom feed or a sitemap (or sitemap index)
    Add {
        /// Address of the feed or sitemap (http:// or https://)
        url: String,
        /// Print JSON: the feed {id, url, added_at, last_polled_at, last_success_at, last_error, items, captured}
        #[arg(long)]
        json: bool,
    },
    /// The feeds followed, with their last poll, last success and last error
    List {
        /// Print JSON: [{id, url, added_at, last_polled_at, last_success_at, last_error, items, captured}]
        #[arg(long)]
        json: bool,
    },
    /// Stop following a feed (by address or number); its captures stay
    Remove {
        /// The feed: its address or its number (as `feed list` shows it)
        feed: String,
        /// Print JSON: the feed removed
        #[arg(long)]
        json: bool,
    },
    /// Fetch the feeds (conditional GET, robots.txt, per-host rate limit) and capture new items
    Poll {
        /// Only this feed (address or number)
        feed: Option<String>,
        /// Most requests a second to one host
        #[arg(long, default_value_t = DEFAULT_PER_HOST)]
        rate: f64,
        /// Most items captured per feed in this poll (the rest wait for the next)
        #[arg(long, default_value_t = 500)]
        max_items: usize,
        /// Print JSON: {feeds: [...], captured, failed_items: [...]}
        #[arg(long)]
        json: bool,
    },
}

fn fail(e: &CaptureError, json: bool) -> ExitCode {
    eprintln!("litopys: {}", line(&e.to_string()));
    if json {
        println!(
            "{}",
            serde_json::json!({"error": {"code": e.code(), "message": e.to_string()}})
        );
    }
    ExitCode::from(2)
}

fn describe(o: &CaptureOutcome) -> String {
    let id = o.article_id.as_deref().unwrap_or("-");
    match (&o.status, &o.error, &o.change) {
        (_, Some(e), _) => format!("failed     {}: {}", line(&o.url), line(&e.message)),
        (CaptureStatus::Changed, _, Some(c)) => format!(
            "changed    {} → {id} (was {}; +{} −{} lines)",
            line(&o.url),
            c.previous_article_id,
            c.lines_added,
            c.lines_removed
        ),
        (CaptureStatus::Unchanged, _, _) => format!("unchanged  {} → {id}", line(&o.url)),
        _ => format!("new        {} → {id}", line(&o.url)),
    }
}

pub fn capture(path: &Path, args: CaptureArgs) -> ExitCode {
    let run = || -> Result<Vec<CaptureOutcome>, CaptureError> {
        let mut lib = Library::open(path)?;
        let fetcher = Fetcher::new(FetchOptions {
            insecure: args.insecure,
            ..FetchOptions::default()
        });
        // A capture the user asked for is not a crawl: robots.txt is for robots.
        let politeness = Politeness::new(args.rate, false);
        capture_urls(&mut lib, &fetcher, &politeness, &args.urls, &mut |o| {
            if !args.json {
                println!("{}", describe(o));
            }
        })
    };
    match run() {
        Ok(outcomes) => {
            if args.json {
                println!("{}", to_json(&outcomes));
            }
            if outcomes.iter().any(|o| o.status == CaptureStatus::Failed) {
                ExitCode::from(1)
            } else {
                ExitCode::SUCCESS
            }
        }
        Err(e) => fail(&e, args.json),
    }
}

pub fn export(path: &Path, args: ExportWarcArgs) -> ExitCode {
    let run = || -> Result<(u64, usize), CaptureError> {
        let lib = Library::open_existing(path)?;
        let article = articles::get(lib.conn(), &args.article)?;
        let ids: Vec<i64> = records::of_article(lib.conn(), &article.id)?
            .iter()
            .map(|c| c.id)
            .filter(|id| args.capture.is_none_or(|c| c == *id))
            .collect();
        if ids.is_empty() {
            return Err(CaptureError::NoCapture(args.capture.unwrap_or(0)));
        }
        Ok((export_warc(&lib, &ids, &args.out)?, ids.len()))
    };
    match run() {
        Ok((bytes, n)) => {
            println!(
                "wrote {n} capture(s), {bytes} bytes: {}",
                args.out.display()
            );
            ExitCode::SUCCESS
        }
        Err(e) => fail(&e, false),
    }
}

pub fn feed(path: &Path, command: FeedCommand) -> ExitCode {
    let json = match &command {
        FeedCommand::Add { json, .. }
        | FeedCommand::List { json }
        | FeedCommand::Remove { json, .. }
        | FeedCommand::Poll { json, .. } => *json,
    };
    let run = || -> Result<ExitCode, CaptureError> {
        match command {
            FeedCommand::Add { url, .. } => {
                let lib = Library::open(path)?;
                let url = litopys_capture::fetch::parse_url(&url)?.to_string();
                let f = feeds::store::add(lib.conn(), &url, &now_rfc3339())?;
                if json {
                    println!("{}", to_json(&f));
                } else {
                    println!("following feed {}: {}", f.id, line(&f.url));
                }
            }
            FeedCommand::List { .. } => {
                let lib = Library::open_existing(path)?;
                let all = feeds::store::list(lib.conn())?;
                if json {
                    println!("{}", to_json(&all));
                }
                for f in all.iter().filter(|_| !json) {
                    println!(
                        "{:>3}  {}  items {} captured {}  last success {}{}",
                        f.id,
                        line(&f.url),
                        f.items,
                        f.captured,
                        f.last_success_at.as_deref().unwrap_or("never"),
                        f.last_error
                            .as_deref()
                            .map(|e| format!("  last error: {}", line(e)))
                            .unwrap_or_default()
                    );
                }
            }
            FeedCommand::Remove { feed, .. } => {
                let lib = Library::open_existing(path)?;
                let f = feeds::store::remove(lib.conn(), &feed)?;
                if json {
                    println!("{}", to_json(&f));
                } else {
                    println!("no longer following {}", line(&f.url));
                }
            }
            FeedCommand::Poll {
                feed,
                rate,
                max_items,
                ..
            } => {
                let mut lib = Library::open_existing(path)?;
                let fetcher = Fetcher::new(FetchOptions::default());
                let politeness = Politeness::new(rate, true);
                let options = PollOptions {
                    max_captures_per_feed: max_items,
                    ..PollOptions::default()
                };
                let report = feeds::poll(
                    &mut lib,
                    &fetcher,
                    &politeness,
                    &options,
                    feed.as_deref(),
                    &mut |e| {
                        if json {
                            return;
                        }
                        match e {
                            PollEvent::Item(o) => println!("  {}", describe(o)),
                            PollEvent::Feed(f) => println!(
                                "feed {} {}: {}{}",
                                f.feed_id,
                                line(&f.url),
                                match f.status {
                                    feeds::FeedStatus::NotModified => "not modified".to_owned(),
                                    feeds::FeedStatus::Failed => "failed".to_owned(),
                                    feeds::FeedStatus::Polled => format!(
                                        "{} items, {} new, {} captured, {} failed",
                                        f.items, f.new_items, f.captured, f.failed
                                    ),
                                },
                                f.error
                                    .as_ref()
                                    .map(|e| format!(" ({})", line(&e.message)))
                                    .unwrap_or_default()
                            ),
                        }
                    },
                )?;
                if json {
                    println!("{}", to_json(&report));
                }
                let bad = report.feeds.iter().any(|f| f.error.is_some())
                    || !report.failed_items.is_empty();
                return Ok(if bad {
                    ExitCode::from(1)
                } else {
                    ExitCode::SUCCESS
                });
            }
        }
        Ok(ExitCode::SUCCESS)
    };
    run().unwrap_or_else(|e| fail(&e, json))
}
