//! CSV and TSV files: the delimiter sniffed, a legacy encoding decoded
//! (bounded), each record capped at the article size before the csv crate
//! buffers it, and mapped to an article by `tabular`'s field names.

use std::io::BufRead;

use crate::text::encoding;

use super::fields::{field_keys, norm_key, record_to_article};
use super::tabular_bounds::RecordCapped;
use super::{limits, too_large, Format, ItemError, ItemErrorKind, Sink, MAX_ARTICLE_BYTES};

pub(super) fn read_csv(mut reader: impl BufRead, path: &str, sink: &Sink<'_>) {
    let head = match reader.fill_buf() {
        Ok(b) => b.to_vec(),
        Err(e) => {
            sink.failed(path.to_owned(), ItemError::io(&e));
            return;
        }
    };
    if head.is_empty() {
        sink.failed(path.to_owned(), ItemError::empty("the file is empty"));
        return;
    }
    let delimiter = if path.to_ascii_lowercase().ends_with(".tsv") {
        b'\t'
    } else {
        sniff_delimiter(&head)
    };
    // CSV from Windows tools is often cp1251: decode the whole file then.
    let utf8 = std::str::from_utf8(&head).is_ok()
        || std::str::from_utf8(&head).map_err(|e| e.error_len()) == Err(None);
    let data: Box<dyn BufRead + '_> = if utf8 {
        if head.starts_with(b"\xEF\xBB\xBF") {
            reader.consume(3);
        }
        Box::new(reader)
    } else {
        let cap = limits::MAX_RECODED_CSV_BYTES;
        let mut bytes = Vec::new();
        if let Err(e) = std::io::Read::read_to_end(&mut reader.take(cap + 1), &mut bytes) {
            sink.failed(path.to_owned(), ItemError::io(&e));
            return;
        }
        if bytes.len() as u64 > cap {
            let reason = format!(
                "a CSV file that is not UTF-8 and larger than {} MB; save it as UTF-8",
                cap >> 20
            );
            sink.failed(
                path.to_owned(),
                ItemError::new(ItemErrorKind::TooLarge, reason),
            );
            return;
        }
        match encoding::decode(&bytes, None) {
            Ok(d) => Box::new(std::io::Cursor::new(d.text.into_bytes())),
            Err(e) => {
                sink.failed(path.to_owned(), e.into());
                return;
            }
        }
    };
    // One record (one article) may not exceed the article cap, checked
    // before the csv crate buffers it.
    let (data, oversized) = RecordCapped::new(data, delimiter, MAX_ARTICLE_BYTES);
    let mut csv = csv::ReaderBuilder::new()
        .delimiter(delimiter)
        .flexible(true)
        .from_reader(data);
    let headers: Vec<String> = match csv.headers() {
        Ok(h) => h
            .iter()
            .map(|s| s.trim_start_matches('\u{FEFF}').to_owned())
            .collect(),
        Err(e) => {
            let reason = format!("cannot read the CSV header: {e}");
            sink.failed(path.to_owned(), ItemError::malformed(reason));
            return;
        }
    };
    if let Some(len) = oversized.take_cut() {
        sink.failed(path.to_owned(), too_large(len).of("the CSV header is"));
        return;
    }
    let keys: Vec<(String, &str)> = headers.iter().map(|h| (norm_key(h), h.as_str())).collect();
    let fields = field_keys(&keys, &sink.options().fields);
    let mut record = csv::StringRecord::new();
    loop {
        let line = csv.position().line() + oversized.skipped_lines();
        let here = format!("{path}:{line}");
        let read = csv.read_record(&mut record);
        if let Some(len) = oversized.take_cut() {
            if !sink.failed(here, too_large(len).of("row")) {
                return;
            }
            continue;
        }
        match read {
            Ok(false) => return,
            Ok(true) => {
                let raw = record_to_article(&fields, |i| record.get(i).map(str::to_owned));
                if !sink.article(here, Format::Csv, raw) {
                    return;
                }
            }
            Err(e) => {
                let fatal = e.is_io_error();
                let error = match fatal {
                    true => ItemError::unreadable(format!("cannot read the CSV row: {e}")),
                    false => ItemError::malformed(format!("invalid CSV row: {e}")),
                };
                if !sink.failed(here, error) || fatal {
                    return;
                }
            }
        }
    }
}

fn sniff_delimiter(head: &[u8]) -> u8 {
    let first_line = head.split(|&b| b == b'\n').next().unwrap_or(head);
    [b',', b';', b'\t', b'|']
        .into_iter()
        .max_by_key(|d| first_line.iter().filter(|b| *b == d).count())
        .unwrap_or(b',')
}
