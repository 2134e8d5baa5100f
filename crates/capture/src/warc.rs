//! The evidence of a capture as WARC/1.1 records (ISO 28500): the request,
//! the response exactly as received (status line, headers, body), and a
//! metadata record naming the redirect chain and the tool.

use std::io::{Read, Write};

use sha2::{Digest, Sha256};
use time::format_description::well_known::Rfc3339;

use crate::fetch::{Exchange, USER_AGENT};

/// Hex SHA-256 of some bytes.
pub fn sha256_hex(bytes: &[u8]) -> String {
    let digest = Sha256::digest(bytes);
    let mut out = String::with_capacity(64);
    for b in digest {
        out.push_str(&format!("{b:02x}"));
    }
    out
}

/// A `urn:uuid:` record id derived from what is unique about the record.
fn record_id(seed: &[&[u8]]) -> String {
    let mut h = Sha256::new();
    for s in seed {
        h.update(s);
        h.update([0]);
    }
    let d = h.finalize();
    let hex: String = d[..16].iter().map(|b| format!("{b:02x}")).collect();
    format!(
        "<urn:uuid:{}-{}-4{}-8{}-{}>",
        &hex[0..8],
        &hex[8..12],
        &hex[13..16],
        &hex[17..20],
        &hex[20..32]
    )
}

fn record(out: &mut Vec<u8>, fields: &[(&str, String)], block: &[u8]) {
    out.extend_from_slice(b"WARC/1.1\r\n");
    for (k, v) in fields {
        out.extend_from_slice(k.as_bytes());
        out.extend_from_slice(b": ");
        out.extend_from_slice(clean_header(v).as_bytes());
        out.extend_from_slice(b"\r\n");
    }
    out.extend_from_slice(
        format!("WARC-Block-Digest: sha256:{}\r\n", sha256_hex(block)).as_bytes(),
    );
    out.extend_from_slice(format!("Content-Length: {}\r\n\r\n", block.len()).as_bytes());
    out.extend_from_slice(block);
    out.extend_from_slice(b"\r\n\r\n");
}

/// A header value on one line (a value cannot break the record's framing).
fn clean_header(v: &str) -> String {
    v.chars()
        .map(|c| if c == '\r' || c == '\n' { ' ' } else { c })
        .collect()
}

/// The HTTP response block: status line, headers, blank line, body. The
/// body is stored de-chunked (the client removed the chunked coding), so a
/// `Transfer-Encoding` header is kept under a name that says so.
fn response_block(x: &Exchange) -> Vec<u8> {
    let mut out = format!("{} {} {}\r\n", x.version, x.status, x.reason).into_bytes();
    for (n, v) in &x.headers {
        let name = if n.eq_ignore_ascii_case("transfer-encoding") {
            "X-Litopys-Removed-Transfer-Encoding"
        } else {
            n.as_str()
        };
        out.extend_from_slice(format!("{name}: {}\r\n", clean_header(v)).as_bytes());
    }
    out.extend_from_slice(b"\r\n");
    out.extend_from_slice(&x.body);
    out
}

fn request_block(x: &Exchange) -> Vec<u8> {
    let path = url::Url::parse(&x.final_url)
        .map(|u| match u.query() {
            Some(q) => format!("{}?{q}", u.path()),
            None => u.path().to_owned(),
        })
        .unwrap_or_else(|_| "/".to_owned());
    let mut out = format!("GET {path} {}\r\n", x.version).into_bytes();
    for (n, v) in &x.request_headers {
        out.extend_from_slice(format!("{n}: {}\r\n", clean_header(v)).as_bytes());
    }
    out.extend_from_slice(b"\r\n");
    out
}

/// The WARC records of one exchange: request, response, metadata.
pub fn records(x: &Exchange) -> Vec<u8> {
    let date = x
        .fetched_at
        .replace_nanosecond(0)
        .unwrap_or(x.fetched_at)
        .format(&Rfc3339)
        .unwrap_or_default();
    let stamp = x.fetched_at.unix_timestamp_nanos().to_string();
    let response_id = record_id(&[b"response", x.final_url.as_bytes(), stamp.as_bytes()]);
    let mut out = Vec::with_capacity(x.body.len() + 4096);
    let response = response_block(x);
    record(
        &mut out,
        &[
            ("WARC-Type", "response".into()),
            ("WARC-Record-ID", response_id.clone()),
            ("WARC-Date", date.clone()),
            ("WARC-Target-URI", x.final_url.clone()),
            (
                "WARC-Payload-Digest",
                format!("sha256:{}", sha256_hex(&x.body)),
            ),
            ("Content-Type", "application/http;msgtype=response".into()),
        ],
        &response,
    );
    record(
        &mut out,
        &[
            ("WARC-Type", "request".into()),
            (
                "WARC-Record-ID",
                record_id(&[b"request", x.final_url.as_bytes(), stamp.as_bytes()]),
            ),
            ("WARC-Date", date.clone()),
            ("WARC-Target-URI", x.final_url.clone()),
            ("WARC-Concurrent-To", response_id.clone()),
            ("Content-Type", "application/http;msgtype=request".into()),
        ],
        &request_block(x),
    );
    let mut meta = format!(
        "software: {USER_AGENT}\r\nrequested-url: {}\r\n",
        clean_header(&x.requested_url)
    );
    for hop in &x.chain {
        meta.push_str(&format!("via: {}\r\n", clean_header(hop)));
    }
    record(
        &mut out,
        &[
            ("WARC-Type", "metadata".into()),
            (
                "WARC-Record-ID",
                record_id(&[b"metadata", x.final_url.as_bytes(), stamp.as_bytes()]),
            ),
            ("WARC-Date", date),
            ("WARC-Target-URI", x.final_url.clone()),
            ("WARC-Refers-To", response_id),
            ("Content-Type", "application/warc-fields".into()),
        ],
        meta.as_bytes(),
    );
    out
}

/// A `warcinfo` record to open an exported WARC file.
pub fn warcinfo(file_name: &str, date: &str) -> Vec<u8> {
    let mut out = Vec::new();
    let block = format!("software: {USER_AGENT}\r\nformat: WARC File Format 1.1\r\n");
    record(
        &mut out,
        &[
            ("WARC-Type", "warcinfo".into()),
            (
                "WARC-Record-ID",
                record_id(&[b"warcinfo", file_name.as_bytes(), date.as_bytes()]),
            ),
            ("WARC-Date", date.to_owned()),
            ("WARC-Filename", file_name.to_owned()),
            ("Content-Type", "application/warc-fields".into()),
        ],
        block.as_bytes(),
    );
    out
}

pub fn gzip(bytes: &[u8]) -> Vec<u8> {
    let mut enc = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    // Writing to a Vec cannot fail.
    let _ = enc.write_all(bytes);
    enc.finish().unwrap_or_default()
}

pub fn gunzip(bytes: &[u8]) -> std::io::Result<Vec<u8>> {
    let mut out = Vec::new();
    flate2::read::GzDecoder::new(bytes).read_to_end(&mut out)?;
    Ok(out)
}
