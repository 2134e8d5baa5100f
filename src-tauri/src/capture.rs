//! Capture from the web (issue 18) in the window: capture a pasted or
//! dropped address as a background task with progress, the provenance of
//! an article and its WARC export, the feeds list, "poll now", and polls on
//! a schedule while the app runs (every N minutes; the schedule's rules are
//! `litopys_capture::schedule`'s). The work is `litopys_capture`'s.

use litopys_core::error::ErrorCode;
use std::path::PathBuf;
use std::sync::Mutex;
use std::time::{Duration, Instant};

use litopys_capture::capture::{capture_urls, export_warc, CaptureOutcome};
use litopys_capture::feeds::{self, Feed, PollOptions, PollReport};
use litopys_capture::rate::DEFAULT_PER_HOST;
use litopys_capture::records::{self, Provenance};
use litopys_capture::schedule::{Schedule, DEFAULT_MINUTES};
use litopys_capture::{CaptureError, FetchOptions, Fetcher, Politeness};
use litopys_core::store::now_rfc3339;
use litopys_core::Library;
use serde::Serialize;
use tauri::ipc::Channel;
use tauri::{AppHandle, Manager, State};

use crate::state::{AppState, IpcError, IpcResult};

/// How often the scheduler looks at the clock.
const LOOK: Duration = Duration::from_secs(15);

fn capture_error(e: CaptureError) -> IpcError {
    IpcError::new(e.code(), e.to_string())
}

fn worker_failed(e: impl std::fmt::Display) -> IpcError {
    IpcError::new(
        ErrorCode::Internal,
        format!("the background task stopped unexpectedly: {e}"),
    )
}

/// Where a capture is.
#[derive(Debug, Clone, Serialize, specta::Type)]
#[serde(rename_all = "camelCase", tag = "kind")]
pub enum CaptureProgress {
    /// Fetching the address.
    Fetching { url: String },
    /// Fetched and kept (or failed): the outcome follows.
    Done,
}

/// Captures one address (the window's capture dialog); `insecure` accepts
/// a certificate that does not verify, for this capture only.
#[tauri::command]
#[specta::specta]
pub async fn capture_url(
    state: State<'_, AppState>,
    url: String,
    insecure: bool,
    on_progress: Channel<CaptureProgress>,
) -> IpcResult<CaptureOutcome> {
    let library = state.path()?;
    tauri::async_runtime::spawn_blocking(move || -> IpcResult<CaptureOutcome> {
        let mut lib = Library::open(&library)?;
        let _ = on_progress.send(CaptureProgress::Fetching { url: url.clone() });
        let fetcher = Fetcher::new(FetchOptions {
            insecure,
            ..FetchOptions::default()
        });
        let politeness = Politeness::new(DEFAULT_PER_HOST, false);
        let mut out = capture_urls(
            &mut lib,
            &fetcher,
            &politeness,
            std::slice::from_ref(&url),
            &mut |_| {},
        )
        .map_err(capture_error)?;
        let _ = on_progress.send(CaptureProgress::Done);
        out.pop()
            .ok_or_else(|| IpcError::new(ErrorCode::Internal, "the capture gave no outcome"))
    })
    .await
    .map_err(worker_failed)?
}

/// Where an article came from: its captures and its page's other versions.
#[tauri::command(async)]
#[specta::specta]
pub fn article_provenance(state: State<'_, AppState>, id: String) -> IpcResult<Provenance> {
    let mut result = None;
    state.with(|lib| {
        result = Some(records::provenance(lib.conn(), &id));
        Ok(())
    })?;
    result
        .unwrap_or_else(|| Ok(Provenance::default()))
        .map_err(capture_error)
}

/// Writes the WARC records of one capture to `output`; the bytes written.
#[tauri::command(async)]
#[specta::specta]
pub fn export_capture_warc(
    state: State<'_, AppState>,
    capture: i64,
    output: String,
) -> IpcResult<u32> {
    let mut result = None;
    state.with(|lib| {
        result = Some(export_warc(lib, &[capture], &PathBuf::from(&output)));
        Ok(())
    })?;
    match result {
        Some(r) => r.map(|n| n as u32).map_err(capture_error),
        None => Err(IpcError::new(ErrorCode::Internal, "no library")),
    }
}

/// The feeds followed, with their last poll and errors.
#[tauri::command(async)]
#[specta::specta]
pub fn feeds_list(state: State<'_, AppState>) -> IpcResult<Vec<Feed>> {
    let mut result = None;
    state.with(|lib| {
        result = Some(feeds::store::list(lib.conn()));
        Ok(())
    })?;
    result
        .unwrap_or_else(|| Ok(Vec::new()))
        .map_err(capture_error)
}

#[tauri::command(async)]
#[specta::specta]
pub fn feed_add(state: State<'_, AppState>, url: String) -> IpcResult<Feed> {
    let mut result = None;
    state.with(|lib| {
        result = Some(
            litopys_capture::fetch::parse_url(&url)
                .and_then(|u| feeds::store::add(lib.conn(), u.as_str(), &now_rfc3339())),
        );
        Ok(())
    })?;
    result
        .unwrap_or_else(|| Err(CaptureError::NoFeed(url)))
        .map_err(capture_error)
}

#[tauri::command(async)]
#[specta::specta]
pub fn feed_remove(state: State<'_, AppState>, id: i64) -> IpcResult<()> {
    let mut result = None;
    state.with(|lib| {
        result = Some(feeds::store::remove(lib.conn(), &id.to_string()).map(|_| ()));
        Ok(())
    })?;
    result.unwrap_or(Ok(())).map_err(capture_error)
}

/// The polling schedule as the window shows it.
#[derive(Debug, Clone, Serialize, specta::Type)]
pub struct PollSchedule {
    /// Minutes between polls; 0: off.
    pub minutes: u32,
    pub polling: bool,
    /// RFC 3339 UTC of the last poll that finished.
    pub last_poll: Option<String>,
    /// The last poll's report.
    pub last_report: Option<PollReport>,
}

pub struct FeedState {
    schedule: Mutex<Schedule>,
    last_poll: Mutex<Option<String>>,
    last_report: Mutex<Option<PollReport>>,
}

impl Default for FeedState {
    fn default() -> Self {
        FeedState {
            schedule: Mutex::new(Schedule::new(saved_minutes(), Instant::now())),
            last_poll: Mutex::new(None),
            last_report: Mutex::new(None),
        }
    }
}

fn settings_file() -> Option<PathBuf> {
    dirs::config_dir().map(|d| d.join("Litopys").join("feeds.json"))
}

fn saved_minutes() -> u32 {
    settings_file()
        .and_then(|p| std::fs::read_to_string(p).ok())
        .and_then(|s| serde_json::from_str::<serde_json::Value>(&s).ok())
        .and_then(|v| v.get("poll_minutes").and_then(|m| m.as_u64()))
        .map_or(DEFAULT_MINUTES, |m| m.min(24 * 60) as u32)
}

fn lock<T>(m: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|p| p.into_inner())
}

impl FeedState {
    fn view(&self) -> PollSchedule {
        let s = lock(&self.schedule);
        PollSchedule {
            minutes: s.minutes(),
            polling: s.running(),
            last_poll: lock(&self.last_poll).clone(),
            last_report: lock(&self.last_report).clone(),
        }
    }
}

/// One poll of every feed on a connection of its own.
fn poll_library(library: &std::path::Path) -> IpcResult<PollReport> {
    let mut lib = Library::open_existing(library)?;
    let fetcher = Fetcher::new(FetchOptions::default());
    let politeness = Politeness::new(DEFAULT_PER_HOST, true);
    feeds::poll(
        &mut lib,
        &fetcher,
        &politeness,
        &PollOptions::default(),
        None,
        &mut |_| {},
    )
    .map_err(capture_error)
}

fn finish(feeds: &FeedState, report: &IpcResult<PollReport>) {
    lock(&feeds.schedule).finished(Instant::now());
    *lock(&feeds.last_poll) = Some(now_rfc3339());
    if let Ok(r) = report {
        *lock(&feeds.last_report) = Some(r.clone());
    }
}

/// Polls every feed now (the feeds list's "Poll now").
#[tauri::command]
#[specta::specta]
pub async fn feed_poll_now(
    state: State<'_, AppState>,
    feeds: State<'_, FeedState>,
) -> IpcResult<PollReport> {
    let library = state.path()?;
    if !lock(&feeds.schedule).begin() {
        return Err(IpcError::new(
            ErrorCode::Busy,
            "a poll is running; wait for it to finish",
        ));
    }
    let report = tauri::async_runtime::spawn_blocking(move || poll_library(&library))
        .await
        .map_err(worker_failed)
        .and_then(|r| r);
    finish(&feeds, &report);
    report
}

#[tauri::command(async)]
#[specta::specta]
pub fn poll_schedule(feeds: State<'_, FeedState>) -> PollSchedule {
    feeds.view()
}

/// Sets the minutes between scheduled polls (0: off); kept for the next start.
#[tauri::command(async)]
#[specta::specta]
pub fn set_poll_minutes(feeds: State<'_, FeedState>, minutes: u32) -> PollSchedule {
    lock(&feeds.schedule).set_minutes(minutes.min(24 * 60));
    if let Some(file) = settings_file() {
        if let Some(dir) = file.parent() {
            let _ = std::fs::create_dir_all(dir);
        }
        let _ = std::fs::write(
            file,
            serde_json::json!({ "poll_minutes": minutes }).to_string(),
        );
    }
    feeds.view()
}

/// Starts the scheduled polls (an async task on Tauri's runtime; each poll on a blocking thread).
pub fn start(app: AppHandle) {
    tauri::async_runtime::spawn(async move {
        loop {
            tokio::time::sleep(LOOK).await;
            let feeds = app.state::<FeedState>();
            if !lock(&feeds.schedule).start_if_due(Instant::now()) {
                continue;
            }
            let Ok(library) = app.state::<AppState>().path() else {
                lock(&feeds.schedule).finished(Instant::now());
                continue;
            };
            let report = tauri::async_runtime::spawn_blocking(move || poll_library(&library))
                .await
                .map_err(worker_failed)
                .and_then(|r| r);
            finish(&feeds, &report);
        }
    });
}
