//! Politeness across threads: a token bucket per host (default 10
//! requests a second, a burst of 1) and robots.txt fetched once per site
//! and kept for the run.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use crate::error::CaptureError;
use crate::fetch::{Expect, Fetcher};
use crate::robots::Robots;

pub const DEFAULT_PER_HOST: f64 = 10.0;
/// The bucket refills this much slower than the limit: a request leaves on
/// its slot but may reach the server late (a slow connect), and the one
/// after it on time; the slack keeps the server's own count at the limit.
const SLACK: f64 = 0.95;

#[derive(Debug, Clone, Copy)]
struct Bucket {
    tokens: f64,
    at: Instant,
}

pub struct Politeness {
    per_second: f64,
    burst: f64,
    honour_robots: bool,
    buckets: Mutex<HashMap<String, Bucket>>,
    robots: Mutex<HashMap<String, Arc<Robots>>>,
}

impl Politeness {
    /// `per_second` requests per host (0 or less: no limit); robots.txt honoured when `honour_robots`.
    pub fn new(per_second: f64, honour_robots: bool) -> Politeness {
        Politeness {
            per_second: per_second * SLACK,
            burst: 1.0,
            honour_robots,
            buckets: Mutex::new(HashMap::new()),
            robots: Mutex::new(HashMap::new()),
        }
    }

    /// How long to wait before the next request to `host`; the token is taken.
    fn reserve(&self, host: &str) -> Duration {
        if self.per_second <= 0.0 {
            return Duration::ZERO;
        }
        let now = Instant::now();
        let mut buckets = self.buckets.lock().unwrap_or_else(|p| p.into_inner());
        let b = buckets.entry(host.to_owned()).or_insert(Bucket {
            tokens: self.burst,
            at: now,
        });
        let elapsed = now.saturating_duration_since(b.at).as_secs_f64();
        b.tokens = (b.tokens + elapsed * self.per_second).min(self.burst);
        b.at = now;
        b.tokens -= 1.0;
        if b.tokens >= 0.0 {
            Duration::ZERO
        } else {
            Duration::from_secs_f64(-b.tokens / self.per_second)
        }
    }

    /// Waits for this host's turn.
    pub fn wait_turn(&self, host: &str) {
        let wait = self.reserve(host);
        if !wait.is_zero() {
            std::thread::sleep(wait);
        }
    }

    /// Whether robots.txt of the URL's site lets us fetch it (fetched once per site).
    pub fn allowed(&self, fetcher: &Fetcher, url: &url::Url) -> Result<(), CaptureError> {
        if !self.honour_robots {
            return Ok(());
        }
        let origin = url.origin().ascii_serialization();
        let cached = self
            .robots
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .get(&origin)
            .cloned();
        let robots = match cached {
            Some(r) => r,
            None => {
                self.wait_turn(url.host_str().unwrap_or(""));
                let r = Arc::new(fetch_robots(fetcher, &origin));
                self.robots
                    .lock()
                    .unwrap_or_else(|p| p.into_inner())
                    .insert(origin, r.clone());
                r
            }
        };
        let path = match url.query() {
            Some(q) => format!("{}?{q}", url.path()),
            None => url.path().to_owned(),
        };
        if let Some(reason) = &robots.unreachable {
            return Err(CaptureError::RobotsUnreadable {
                url: url.to_string(),
                reason: reason.clone(),
            });
        }
        if robots.allows(&path) {
            Ok(())
        } else {
            Err(CaptureError::Robots {
                url: url.to_string(),
            })
        }
    }
}

fn fetch_robots(fetcher: &Fetcher, origin: &str) -> Robots {
    match fetcher.get(&format!("{origin}/robots.txt"), Expect::Text, None) {
        Ok(x) if (200..300).contains(&x.status) => {
            let text = String::from_utf8_lossy(&x.body[..x.body.len().min(512 * 1024)]);
            Robots::parse(&text)
        }
        Ok(x) if (400..500).contains(&x.status) => Robots::allow_all(),
        // A robots.txt that is not text (an HTML error page) says nothing.
        Err(CaptureError::NotHtml { .. }) => Robots::allow_all(),
        Ok(x) => Robots::unreachable(format!("the server answered {}", x.status)),
        Err(e) => Robots::unreachable(e.to_string()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_bucket_spaces_requests_to_the_rate() {
        let p = Politeness::new(10.0, false);
        assert_eq!(p.reserve("h"), Duration::ZERO);
        let second = p.reserve("h");
        assert!(second > Duration::from_millis(80), "{second:?}");
        assert_eq!(p.reserve("other"), Duration::ZERO);
    }
}
