//! Capturing pages: fetch, keep the exchange as WARC evidence, import the
//! page's text through the library's HTML import, link the two, and say
//! whether the page changed since its last capture.

use std::borrow::Cow;
use std::collections::HashMap;
use std::sync::atomic::AtomicBool;

use litopys_core::error::ErrorBody;
use litopys_core::import::{import_inputs, ImportEvent, ImportOptions, Input, ItemStatus};
use litopys_core::store::{articles, rfc3339};
use litopys_core::Library;
use serde::Serialize;

use crate::crawl::{fetch_all, Job};
use crate::error::{CaptureError, Result};
use crate::fetch::{Exchange, Expect, Fetcher};
use crate::rate::Politeness;
use crate::records::{self, CaptureRecord, NewCapture};
use crate::warc;

/// Whether a capture found something new.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "lowercase")]
pub enum CaptureStatus {
    /// First capture of this address.
    New,
    /// The text is the same as at the last capture.
    Unchanged,
    /// The text differs from the last capture: a new version was kept.
    Changed,
    /// Nothing was fetched, or no text could be kept (see `error`).
    Failed,
}

/// How the text changed since the previous capture of the address.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct Change {
    pub previous_article_id: String,
    pub lines_added: u32,
    pub lines_removed: u32,
}

/// What capturing one address did.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct CaptureOutcome {
    pub url: String,
    pub status: CaptureStatus,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub article_id: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub capture: Option<CaptureRecord>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub change: Option<Change>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub error: Option<ErrorBody>,
}

impl CaptureOutcome {
    pub fn failed(url: &str, e: &CaptureError) -> CaptureOutcome {
        CaptureOutcome {
            url: url.to_owned(),
            status: CaptureStatus::Failed,
            article_id: None,
            capture: None,
            change: None,
            error: Some(ErrorBody::from(e)),
        }
    }
}

/// Captures `urls` (several hosts at once, each under the politeness
/// limits); every address gets its outcome through `on_outcome`, in the
/// order they finish. Only an error of the library itself stops the run.
pub fn capture_urls(
    library: &mut Library,
    fetcher: &Fetcher,
    politeness: &Politeness,
    urls: &[String],
    on_outcome: &mut dyn FnMut(&CaptureOutcome),
) -> Result<Vec<CaptureOutcome>> {
    let jobs = urls
        .iter()
        .map(|u| Job {
            url: u.clone(),
            validators: None,
            tag: (),
        })
        .collect();
    let mut outcomes = Vec::new();
    let mut fatal: Option<CaptureError> = None;
    fetch_all(
        fetcher,
        politeness,
        Expect::Page,
        jobs,
        &mut |job, result| {
            if fatal.is_some() {
                return;
            }
            let outcome = match result {
                Ok(x) => match keep(library, &x, None) {
                    Ok(o) => o,
                    Err(e @ CaptureError::Library(_)) => {
                        fatal = Some(e);
                        return;
                    }
                    Err(e) => CaptureOutcome::failed(&job.url, &e),
                },
                Err(e) => CaptureOutcome::failed(&job.url, &e),
            };
            on_outcome(&outcome);
            outcomes.push(outcome);
        },
    );
    match fatal {
        Some(e) => Err(e),
        None => Ok(outcomes),
    }
}

/// Keeps one fetched exchange: its WARC records, and its text as an
/// article (a new version when the text changed). A non-success status or
/// a page without text is kept as evidence and reported as failed.
pub fn keep(library: &mut Library, x: &Exchange, feed_id: Option<i64>) -> Result<CaptureOutcome> {
    library.check_before_write()?;
    let sha = warc::sha256_hex(&x.body);
    let previous = records::of_url(library.conn(), &x.final_url)?
        .into_iter()
        .find_map(|c| c.article_id);
    let imported = if (200..300).contains(&x.status) {
        import_page(library, x, &sha)
    } else {
        Err(CaptureError::Status {
            url: x.final_url.clone(),
            status: x.status,
        })
    };
    let article_id = imported.as_ref().ok().cloned();
    let warc_gz = warc::gzip(&warc::records(x));
    let captured_at = rfc3339(x.fetched_at);
    let id = records::insert(
        library.conn(),
        &NewCapture {
            article_id: article_id.as_deref(),
            requested_url: &x.requested_url,
            final_url: &x.final_url,
            captured_at: &captured_at,
            http_status: x.status,
            content_type: x.header("content-type"),
            payload_sha256: &sha,
            payload_bytes: x.body.len(),
            warc_gz: &warc_gz,
            feed_id,
        },
    )?;
    let capture = Some(records::get(library.conn(), id)?);
    let article_id = match imported {
        Ok(a) => a,
        Err(e @ CaptureError::Library(_)) => return Err(e),
        Err(e) => {
            let mut o = CaptureOutcome::failed(&x.requested_url, &e);
            o.capture = capture;
            return Ok(o);
        }
    };
    let (status, change) = match previous {
        None => (CaptureStatus::New, None),
        Some(p) if p == article_id => (CaptureStatus::Unchanged, None),
        Some(p) => {
            let old = articles::get(library.conn(), &p)
                .map(|a| a.body)
                .unwrap_or_default();
            let new = articles::get(library.conn(), &article_id)?.body;
            let (lines_added, lines_removed) = line_changes(&old, &new);
            (
                CaptureStatus::Changed,
                Some(Change {
                    previous_article_id: p,
                    lines_added,
                    lines_removed,
                }),
            )
        }
    };
    Ok(CaptureOutcome {
        url: x.requested_url.clone(),
        status,
        article_id: Some(article_id),
        capture,
        change,
        error: None,
    })
}

/// Imports the page's text with the library's HTML import; the article's id.
fn import_page(library: &mut Library, x: &Exchange, sha: &str) -> Result<String> {
    let name = format!("capture-{}.html", &sha[..16]);
    let bytes = page_bytes(x).map_err(|reason| CaptureError::NotImported {
        url: x.final_url.clone(),
        reason,
    })?;
    let cancel = AtomicBool::new(false);
    let mut found: Option<(ItemStatus, Option<String>, Option<String>)> = None;
    import_inputs(
        library,
        vec![Input::Memory {
            name: name.clone(),
            bytes: Cow::Owned(bytes),
        }],
        &ImportOptions::default(),
        &cancel,
        &mut |e| {
            if let ImportEvent::Item(item) = e {
                found.get_or_insert((item.status, item.id, item.error));
            }
        },
    )?;
    match found {
        Some((ItemStatus::Imported, Some(id), _)) => {
            // The page's address is where the article came from.
            library
                .conn()
                .execute(
                    "UPDATE articles SET origin_path = ?1, url = coalesce(url, ?1)
                     WHERE uid = ?2 AND origin_path = ?3",
                    rusqlite::params![x.final_url, id, name],
                )
                .map_err(litopys_core::Error::from)?;
            Ok(id)
        }
        Some((ItemStatus::Duplicate, Some(id), _)) => Ok(id),
        Some((_, _, error)) => Err(CaptureError::NotImported {
            url: x.final_url.clone(),
            reason: error.unwrap_or_else(|| "no article text found".into()),
        }),
        None => Err(CaptureError::NotImported {
            url: x.final_url.clone(),
            reason: "no article text found".into(),
        }),
    }
}

/// The page as the HTML import should read it: a body the server
/// compressed is inflated (capped), and the charset the headers name is
/// declared in the page when the page declares none (the import's own
/// detection decides otherwise).
fn page_bytes(x: &Exchange) -> std::result::Result<Vec<u8>, String> {
    let mut body = match x.header("content-encoding").map(str::to_ascii_lowercase) {
        Some(enc) if enc.contains("gzip") => {
            use std::io::Read;
            let mut out = Vec::new();
            flate2::read::MultiGzDecoder::new(&x.body[..])
                .take(litopys_core::import::MAX_ARTICLE_BYTES + 1)
                .read_to_end(&mut out)
                .map_err(|e| format!("the compressed page is damaged ({e})"))?;
            out
        }
        Some(enc) if !enc.trim().is_empty() && enc.trim() != "identity" => {
            return Err(format!(
                "the page is compressed as {enc}, which is not supported"
            ))
        }
        _ => x.body.clone(),
    };
    if let Some(charset) = x.charset() {
        if litopys_core::text::encoding::sniff_declared_charset(&body).is_none() {
            let safe: String = charset
                .chars()
                .filter(|c| c.is_ascii_alphanumeric() || *c == '-' || *c == '_')
                .take(40)
                .collect();
            let mut with = format!("<meta charset=\"{safe}\">").into_bytes();
            with.append(&mut body);
            body = with;
        }
    }
    Ok(body)
}

/// Lines added and removed between two texts (as multisets of lines).
pub fn line_changes(old: &str, new: &str) -> (u32, u32) {
    let mut count: HashMap<&str, i64> = HashMap::new();
    for l in old.lines().map(str::trim).filter(|l| !l.is_empty()) {
        *count.entry(l).or_default() += 1;
    }
    for l in new.lines().map(str::trim).filter(|l| !l.is_empty()) {
        *count.entry(l).or_default() -= 1;
    }
    let removed = count.values().filter(|v| **v > 0).sum::<i64>();
    let added = -count.values().filter(|v| **v < 0).sum::<i64>();
    (added as u32, removed as u32)
}

/// Writes the WARC records of the given captures as one WARC file (a
/// `warcinfo` record first), readable by any WARC tool and by our import.
pub fn export_warc(library: &Library, capture_ids: &[i64], out: &std::path::Path) -> Result<u64> {
    let date = rfc3339(
        time::OffsetDateTime::now_utc()
            .replace_nanosecond(0)
            .unwrap_or(time::OffsetDateTime::now_utc()),
    );
    let name = out
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let mut bytes = warc::warcinfo(&name, &date);
    for id in capture_ids {
        bytes.extend_from_slice(&records::warc(library.conn(), *id)?);
    }
    let tmp = out.with_extension("warc.part");
    std::fs::write(&tmp, &bytes)
        .and_then(|_| std::fs::rename(&tmp, out))
        .map_err(|e| {
            let _ = std::fs::remove_file(&tmp);
            CaptureError::Io(format!("{}: cannot write ({e})", out.display()))
        })?;
    Ok(bytes.len() as u64)
}
