//! Web archives: WARC (`.warc`, `.warc.gz`) and the older ARC format. Each HTML
//! response (or resource) record becomes an article with its target URI and
//! date. Damaged records — truncated, bad gzip, wrong digest — are reported
//! one by one; the records before them are kept.

use std::collections::HashMap;
use std::io::{BufRead, BufReader, Read};

use super::warc_digest::digest_matches;

use flate2::bufread::{GzDecoder, MultiGzDecoder, ZlibDecoder};

use super::limits::{Counted, Expansion};
use super::{html, too_large, Format, ItemError, Sink, MAX_ARTICLE_BYTES};

const MAX_HEADER_LINE: usize = 64 * 1024;
/// All header lines of one record together (real WARC headers are under 2 KB).
const MAX_HEADER_BYTES: usize = 1024 * 1024;

pub(super) fn read(mut reader: impl BufRead, path: &str, sink: &Sink<'_>) {
    let gz = matches!(reader.fill_buf(), Ok(b) if b.starts_with(&[0x1f, 0x8b]));
    if gz {
        // Records are streamed, so memory does not depend on the expansion;
        // the cap bounds the time a gzip bomb could take.
        let (counted, consumed) = Counted::new(reader);
        let inflated = Expansion::new(MultiGzDecoder::new(counted), consumed);
        read_records(BufReader::new(inflated), path, sink);
    } else {
        read_records(reader, path, sink);
    }
}

struct Record {
    uri: String,
    date: Option<String>,
    /// Where the HTML is: inside an HTTP response, or the block itself.
    http: bool,
    payload_digest: Option<String>,
    block: Vec<u8>,
}

fn read_records(mut r: impl BufRead, path: &str, sink: &Sink<'_>) {
    let mut number = 0usize;
    let mut is_warc = false;
    loop {
        if sink.cancelled() {
            return;
        }
        let mut first = match next_nonblank_line(&mut r) {
            Ok(Some(l)) => l,
            Ok(None) => return,
            Err(e) => {
                sink.failed(format!("{path}#{}", number + 1), damaged(&e));
                return;
            }
        };
        number += 1;
        let here = format!("{path}#{number}");
        if is_warc && !first.starts_with("WARC/") {
            // A wrong Content-Length leaves us mid-record: find the next record.
            let reason = "unexpected bytes between records (a record's length is wrong); skipped to the next record";
            if !sink.failed(here.clone(), ItemError::malformed(reason)) {
                return;
            }
            first = match skip_to_next_warc_record(&mut r) {
                Ok(Some(l)) => l,
                Ok(None) => return,
                Err(e) => {
                    sink.failed(here, damaged(&e));
                    return;
                }
            };
        }
        is_warc |= number == 1 && first.starts_with("WARC/");
        let header = if first.starts_with("WARC/") {
            warc_header(&mut r)
        } else {
            arc_header(&first)
        };
        let (record_len, candidate) = match header {
            Ok(h) => h,
            Err(reason) => {
                // Without a length we cannot find the next record.
                sink.failed(here, ItemError::malformed(reason));
                return;
            }
        };
        let Some(mut record) = candidate.filter(|_| record_len <= MAX_ARTICLE_BYTES) else {
            if record_len > MAX_ARTICLE_BYTES
                && !sink.failed(here.clone(), too_large(record_len).of("record"))
            {
                return;
            }
            match std::io::copy(&mut (&mut r).take(record_len), &mut std::io::sink()) {
                Ok(n) if n == record_len => continue,
                Ok(n) => sink.failed(here, truncated(record_len, n)),
                Err(e) => sink.failed(here, damaged(&e)),
            };
            return;
        };
        match (&mut r).take(record_len).read_to_end(&mut record.block) {
            Ok(n) if n as u64 == record_len => {}
            Ok(n) => {
                sink.failed(here, truncated(record_len, n as u64));
                return;
            }
            Err(e) => {
                sink.failed(here, damaged(&e));
                return;
            }
        }
        let go_on = match article_of(&record) {
            Ok(Some(raw)) => sink.article(here, Format::Warc, raw),
            Ok(None) => true,
            Err(error) => {
                let message = format!("{} ({})", error.message, record.uri);
                sink.failed(here, ItemError { message, ..error })
            }
        };
        if !go_on {
            return;
        }
    }
}

fn truncated(expected: u64, got: u64) -> ItemError {
    ItemError::malformed(format!(
        "the record is truncated: {got} of {expected} bytes present"
    ))
}

fn damaged(e: &std::io::Error) -> ItemError {
    ItemError::io(e).of("the archive is damaged here:")
}

fn skip_to_next_warc_record(r: &mut impl BufRead) -> std::io::Result<Option<String>> {
    while let Some(line) = next_nonblank_line(r)? {
        if let Some(i) = line.find("WARC/") {
            return Ok(Some(line[i..].to_owned()));
        }
    }
    Ok(None)
}

fn next_nonblank_line(r: &mut impl BufRead) -> std::io::Result<Option<String>> {
    loop {
        let mut buf = Vec::new();
        let n = r
            .by_ref()
            .take(MAX_HEADER_LINE as u64)
            .read_until(b'\n', &mut buf)?;
        if n == 0 {
            return Ok(None);
        }
        let line = String::from_utf8_lossy(&buf).trim().to_owned();
        if !line.is_empty() {
            return Ok(Some(line));
        }
    }
}

type Header = (u64, Option<Record>);

fn warc_header(r: &mut impl BufRead) -> Result<Header, String> {
    let mut fields: HashMap<String, String> = HashMap::new();
    let mut header_bytes = 0usize;
    loop {
        let mut buf = Vec::new();
        let n = r
            .by_ref()
            .take(MAX_HEADER_LINE as u64)
            .read_until(b'\n', &mut buf)
            .map_err(|e| damaged(&e).message)?;
        if n == 0 {
            return Err("the record header is truncated".into());
        }
        header_bytes += n;
        if header_bytes > MAX_HEADER_BYTES {
            return Err(format!(
                "the record header is longer than {} KB: not a WARC record",
                MAX_HEADER_BYTES / 1024
            ));
        }
        let line = String::from_utf8_lossy(&buf);
        let line = line.trim_end_matches(['\r', '\n']);
        if line.is_empty() {
            break;
        }
        if let Some((k, v)) = line.split_once(':') {
            fields.insert(k.trim().to_ascii_lowercase(), v.trim().to_owned());
        }
    }
    let len: u64 = fields
        .get("content-length")
        .and_then(|v| v.parse().ok())
        .ok_or("the record header has no valid Content-Length")?;
    let warc_type = fields.get("warc-type").map(String::as_str).unwrap_or("");
    let content_type = fields
        .get("content-type")
        .map(|s| s.to_ascii_lowercase())
        .unwrap_or_default();
    let http = content_type.starts_with("application/http");
    let wanted = match warc_type {
        "response" => {
            (http && !content_type.contains("msgtype=request")) || content_type.contains("html")
        }
        "resource" => content_type.contains("html"),
        _ => false,
    };
    let record = wanted.then(|| Record {
        uri: fields
            .get("warc-target-uri")
            .map(|u| u.trim_matches(['<', '>']).to_owned())
            .unwrap_or_default(),
        date: fields.get("warc-date").cloned(),
        http,
        payload_digest: fields.get("warc-payload-digest").cloned(),
        block: Vec::new(),
    });
    Ok((len, record))
}

/// `URL IP-address Archive-date Content-type Archive-length`; the URL may contain spaces.
fn arc_header(line: &str) -> Result<Header, String> {
    let parts: Vec<&str> = line.split(' ').collect();
    if parts.len() < 5 {
        return Err(format!(
            "not a WARC or ARC record header: {:?}",
            truncate(line, 80)
        ));
    }
    let n = parts.len();
    let len: u64 = parts[n - 1]
        .parse()
        .map_err(|_| "the ARC record header has no valid length")?;
    let mime = parts[n - 2].to_ascii_lowercase();
    let date = parts[n - 3];
    let url = parts[..n - 4].join(" ");
    let wanted = mime.contains("html") && !url.starts_with("filedesc:");
    let record = wanted.then(|| Record {
        http: url.starts_with("http"),
        uri: url,
        date: arc_date(date),
        payload_digest: None,
        block: Vec::new(),
    });
    Ok((len, record))
}

fn arc_date(d: &str) -> Option<String> {
    (d.len() >= 14 && d.bytes().all(|b| b.is_ascii_digit())).then(|| {
        format!(
            "{}-{}-{}T{}:{}:{}Z",
            &d[0..4],
            &d[4..6],
            &d[6..8],
            &d[8..10],
            &d[10..12],
            &d[12..14]
        )
    })
}

fn truncate(s: &str, n: usize) -> String {
    s.chars().take(n).collect()
}

/// The article in a record, `None` when the record is not an HTML page.
fn article_of(record: &Record) -> Result<Option<super::RawArticle>, ItemError> {
    let (payload, headers) = if record.http {
        match split_http(&record.block) {
            Some(split) => split,
            // An ARC/WARC response without HTTP headers: the block is the page.
            None if !record.block.starts_with(b"HTTP/") => {
                (record.block.as_slice(), HashMap::new())
            }
            None => {
                let reason = "the HTTP response is damaged (no end of headers)";
                return Err(ItemError::malformed(reason));
            }
        }
    } else {
        (record.block.as_slice(), HashMap::new())
    };
    if let Some(status) = headers.get(":status") {
        if !status.starts_with('2') {
            return Ok(None);
        }
    }
    let ctype = headers.get("content-type").map(|s| s.to_ascii_lowercase());
    match &ctype {
        Some(ct) if !ct.contains("html") => return Ok(None),
        None if record.http && !sniff_html(payload) => return Ok(None),
        _ => {}
    }
    let chunked = headers
        .get("transfer-encoding")
        .is_some_and(|v| v.to_ascii_lowercase().contains("chunked"));
    let dechunked = if chunked { dechunk(payload) } else { None };
    if let Some(digest) = &record.payload_digest {
        let matches = digest_matches(digest, payload) != Some(false)
            || dechunked
                .as_deref()
                .is_some_and(|d| digest_matches(digest, d) == Some(true));
        if !matches {
            let reason = "the payload digest does not match: the record is damaged";
            return Err(ItemError::malformed(reason));
        }
    }
    let body = dechunked.as_deref().unwrap_or(payload);
    let body = match headers
        .get("content-encoding")
        .map(|s| s.to_ascii_lowercase())
    {
        Some(enc) if enc.contains("gzip") => inflate(GzDecoder::new(body))?,
        Some(enc) if enc.contains("deflate") => inflate(ZlibDecoder::new(body))?,
        Some(enc) if enc.contains("br") => {
            return Err(ItemError::unsupported(
                "brotli-compressed pages are not supported",
            ))
        }
        _ => body.to_vec(),
    };
    let charset = ctype
        .as_deref()
        .and_then(|ct| ct.split("charset=").nth(1))
        .map(|c| c.trim_matches(['"', ' ', ';']));
    let mut raw = html::extract(
        &body,
        Some(&record.uri)
            .filter(|u| !u.is_empty())
            .map(|s| s.as_str()),
        charset,
    )?;
    if raw.published.is_none() {
        raw.published = record.date.clone();
    }
    if raw.url.is_none() && !record.uri.is_empty() {
        raw.url = Some(record.uri.clone());
    }
    Ok(Some(raw))
}

fn inflate(mut d: impl Read) -> Result<Vec<u8>, ItemError> {
    let mut out = Vec::new();
    d.by_ref()
        .take(MAX_ARTICLE_BYTES + 1)
        .read_to_end(&mut out)
        .map_err(|e| ItemError::malformed(format!("cannot decompress the page: {e}")))?;
    if out.len() as u64 > MAX_ARTICLE_BYTES {
        return Err(too_large(out.len() as u64).of("the compressed page is"));
    }
    Ok(out)
}

fn sniff_html(b: &[u8]) -> bool {
    let head = String::from_utf8_lossy(&b[..b.len().min(1024)]).to_ascii_lowercase();
    head.contains("<html") || head.contains("<!doctype html")
}

/// Splits an HTTP response into body and lower-cased headers (status under `:status`).
fn split_http(block: &[u8]) -> Option<(&[u8], HashMap<String, String>)> {
    let (head_end, body_start) = find(block, b"\r\n\r\n")
        .map(|i| (i, i + 4))
        .or_else(|| find(block, b"\n\n").map(|i| (i, i + 2)))?;
    let head = String::from_utf8_lossy(&block[..head_end]);
    let mut lines = head.lines();
    let status_line = lines.next()?;
    let mut headers = HashMap::new();
    if let Some(code) = status_line.split_whitespace().nth(1) {
        headers.insert(":status".to_owned(), code.to_owned());
    }
    for line in lines {
        if let Some((k, v)) = line.split_once(':') {
            headers.insert(k.trim().to_ascii_lowercase(), v.trim().to_owned());
        }
    }
    Some((&block[body_start..], headers))
}

fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).position(|w| w == needle)
}

/// Removes HTTP chunked transfer coding; `None` when the body is not validly chunked.
fn dechunk(mut b: &[u8]) -> Option<Vec<u8>> {
    let mut out = Vec::with_capacity(b.len());
    loop {
        let line_end = find(b, b"\r\n")?;
        let size_str = std::str::from_utf8(&b[..line_end]).ok()?;
        let size = usize::from_str_radix(size_str.split(';').next()?.trim(), 16).ok()?;
        b = &b[line_end + 2..];
        if size == 0 {
            return Some(out);
        }
        out.extend_from_slice(b.get(..size)?);
        b = b.get(size..)?;
        b = b.strip_prefix(b"\r\n").unwrap_or(b);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chunked_bodies_are_joined() {
        assert_eq!(
            dechunk(b"4\r\nWiki\r\n5\r\npedia\r\n0\r\n\r\n").as_deref(),
            Some(&b"Wikipedia"[..])
        );
        assert_eq!(dechunk(b"<html>not chunked</html>"), None);
    }
}
