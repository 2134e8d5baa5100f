//! Capture from the web (issue 18): pages fetched politely and within
//! limits, each exchange kept as WARC/1.1 evidence beside the article its
//! text became; RSS/Atom feeds and sitemaps polled for new items. GUI-free:
//! the CLI and the app call this crate; it calls the core's import.

pub mod capture;
pub mod crawl;
pub mod error;
pub mod feeds;
pub mod fetch;
pub mod rate;
pub mod records;
pub mod robots;
pub mod schedule;
pub mod test_server;
pub mod warc;

pub use capture::{capture_urls, export_warc, CaptureOutcome, CaptureStatus};
pub use error::{CaptureError, Result};
pub use fetch::{FetchOptions, Fetcher};
pub use rate::Politeness;
