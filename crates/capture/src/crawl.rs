//! Fetching many addresses at once: one worker per host (up to
//! [`MAX_WORKERS`] at a time), each host's requests in turn under its rate
//! limit and robots.txt, the answers handed to the calling thread (which
//! alone writes the library) as they come.

use std::collections::BTreeMap;
use std::sync::mpsc;
use std::sync::Mutex;

use crate::error::{CaptureError, Result};
use crate::fetch::{parse_url, Exchange, Expect, Fetcher, Validators};
use crate::rate::Politeness;

pub const MAX_WORKERS: usize = 16;

/// One address to fetch; `tag` is the caller's.
#[derive(Debug, Clone)]
pub struct Job<T> {
    pub url: String,
    pub validators: Option<Validators>,
    pub tag: T,
}

/// Fetches every job; `on_done` runs on the calling thread for each, in the order answers arrive.
pub fn fetch_all<T: Send>(
    fetcher: &Fetcher,
    politeness: &Politeness,
    expect: Expect,
    jobs: Vec<Job<T>>,
    on_done: &mut dyn FnMut(Job<T>, Result<Exchange>),
) {
    let mut by_host: BTreeMap<String, Vec<Job<T>>> = BTreeMap::new();
    for job in jobs {
        match parse_url(&job.url) {
            Ok(u) => by_host
                .entry(u.host_str().unwrap_or("").to_owned())
                .or_default()
                .push(job),
            Err(e) => on_done(job, Err(e)),
        }
    }
    if by_host.is_empty() {
        return;
    }
    let workers = by_host.len().min(MAX_WORKERS);
    let queue = Mutex::new(by_host.into_iter().collect::<Vec<_>>());
    let (tx, rx) = mpsc::channel::<(Job<T>, Result<Exchange>)>();
    std::thread::scope(|scope| {
        for _ in 0..workers {
            let tx = tx.clone();
            let queue = &queue;
            scope.spawn(move || loop {
                let next = queue.lock().unwrap_or_else(|p| p.into_inner()).pop();
                let Some((host, jobs)) = next else { break };
                for job in jobs {
                    let result = fetch_one(fetcher, politeness, expect, &host, &job);
                    if tx.send((job, result)).is_err() {
                        return;
                    }
                }
            });
        }
        drop(tx);
        for (job, result) in rx {
            on_done(job, result);
        }
    });
}

fn fetch_one<T>(
    fetcher: &Fetcher,
    politeness: &Politeness,
    expect: Expect,
    host: &str,
    job: &Job<T>,
) -> Result<Exchange> {
    let url = parse_url(&job.url)?;
    politeness.allowed(fetcher, &url)?;
    politeness.wait_turn(host);
    // A panic in a fetch costs this item, not the run.
    std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        fetcher.get(&job.url, expect, job.validators.as_ref())
    }))
    .unwrap_or_else(|_| {
        Err(CaptureError::Network {
            url: job.url.clone(),
            reason: "internal error while fetching (please report it)".into(),
        })
    })
}
