//! Scraper dumps in JSON (an array, an object holding an array, or one object)
//! and JSON Lines; the fields of each record are found by `fields` (CSV/TSV
//! files are read by `delimited`, with the same mapping).

use std::io::BufRead;

use serde_json::{Map, Value};

use crate::error::json_line_error;
use crate::text::encoding;

use super::fields::{field_keys, norm_key, record_to_article, FieldMap};
use super::prepare::RawArticle;
use super::{
    json_items, limits, too_large, Format, ItemError, ItemErrorKind, Sink, MAX_ARTICLE_BYTES,
};

fn value_text(v: &Value) -> Option<String> {
    match v {
        Value::Null => None,
        Value::String(s) => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        Value::Bool(b) => Some(b.to_string()),
        Value::Array(items) => {
            let parts: Vec<String> = items.iter().filter_map(value_text).collect();
            (!parts.is_empty()).then(|| parts.join(", "))
        }
        Value::Object(o) => ["name", "title", "text", "value", "url"]
            .iter()
            .find_map(|k| o.get(*k).and_then(value_text)),
    }
}

fn object_to_article(obj: &Map<String, Value>, map: &FieldMap) -> RawArticle {
    let keys: Vec<(String, &str)> = obj.keys().map(|k| (norm_key(k), k.as_str())).collect();
    let fields = field_keys(&keys, map);
    record_to_article(&fields, |i| obj.get(keys.get(i)?.1).and_then(value_text))
}

fn emit_value(value: Value, path: String, format: Format, sink: &Sink<'_>) -> bool {
    match value {
        Value::Object(obj) => sink.article(
            path,
            format,
            object_to_article(&obj, &sink.options().fields),
        ),
        other => sink.failed(
            path,
            ItemError::malformed(format!(
                "expected an object with article fields, found {}",
                kind(&other)
            )),
        ),
    }
}

fn kind(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

pub(super) fn read_jsonl(mut reader: impl BufRead, path: &str, sink: &Sink<'_>) {
    let mut buf = Vec::new();
    let mut line_no = 0u64;
    loop {
        line_no += 1;
        let here = format!("{path}:{line_no}");
        match read_line_capped(&mut reader, &mut buf, MAX_ARTICLE_BYTES) {
            Ok(Line::Eof) => return,
            Ok(Line::TooLong(len)) => {
                if !sink.failed(here, too_large(len).of("line")) {
                    return;
                }
            }
            Ok(Line::Read) => {
                let bytes = if line_no == 1 {
                    buf.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(&buf)
                } else {
                    &buf
                };
                if bytes.iter().all(u8::is_ascii_whitespace) {
                    continue;
                }
                let text = match encoding::decode(bytes, None) {
                    Ok(d) => d.text,
                    Err(e) => {
                        if !sink.failed(here, e.into()) {
                            return;
                        }
                        continue;
                    }
                };
                let go_on = match serde_json::from_str::<Value>(&text) {
                    Ok(v) => emit_value(v, here, Format::Jsonl, sink),
                    Err(e) => {
                        let reason = json_line_error("invalid JSON", &e, &text);
                        sink.failed(here, ItemError::malformed(reason))
                    }
                };
                if !go_on {
                    return;
                }
            }
            Err(e) => {
                sink.failed(here, ItemError::io(&e));
                return;
            }
        }
    }
}

enum Line {
    Read,
    TooLong(u64),
    Eof,
}

/// Reads one `\n`-terminated line into `buf` without ever holding more than `cap` bytes.
fn read_line_capped(
    reader: &mut impl BufRead,
    buf: &mut Vec<u8>,
    cap: u64,
) -> std::io::Result<Line> {
    buf.clear();
    let mut total = 0u64;
    let mut any = false;
    loop {
        let chunk = reader.fill_buf()?;
        if chunk.is_empty() {
            return Ok(if !any {
                Line::Eof
            } else if total > cap {
                Line::TooLong(total)
            } else {
                Line::Read
            });
        }
        any = true;
        let (part, done) = match chunk.iter().position(|&b| b == b'\n') {
            Some(i) => (&chunk[..i], Some(i + 1)),
            None => (chunk, None),
        };
        total += part.len() as u64;
        if total <= cap {
            buf.extend_from_slice(part);
        } else {
            buf.clear();
        }
        let used = done.unwrap_or(chunk.len());
        reader.consume(used);
        if done.is_some() {
            return Ok(if total > cap {
                Line::TooLong(total)
            } else {
                Line::Read
            });
        }
    }
}

pub(super) fn read_json(mut reader: impl BufRead, path: &str, sink: &Sink<'_>) {
    // Skip a BOM and leading whitespace to see whether this is an array we can stream.
    let first = loop {
        let buf = match reader.fill_buf() {
            Ok(b) => b,
            Err(e) => {
                sink.failed(path.to_owned(), ItemError::io(&e));
                return;
            }
        };
        let Some(&b) = buf.first() else {
            sink.failed(path.to_owned(), ItemError::empty("the file is empty"));
            return;
        };
        if b.is_ascii_whitespace() || matches!(b, 0xEF | 0xBB | 0xBF) {
            reader.consume(1);
            continue;
        }
        break b;
    };
    if first == b'[' {
        reader.consume(1);
        read_json_array(reader, path, sink);
        return;
    }
    // Anything else is parsed whole, so it is bounded (see MAX_JSON_DOCUMENT_BYTES).
    let mut bytes = Vec::new();
    let cap = limits::MAX_JSON_DOCUMENT_BYTES;
    if let Err(e) =
        std::io::Read::read_to_end(&mut std::io::Read::take(reader, cap + 1), &mut bytes)
    {
        sink.failed(path.to_owned(), ItemError::io(&e));
        return;
    }
    if bytes.len() as u64 > cap {
        sink.failed(
            path.to_owned(),
            ItemError::new(
                ItemErrorKind::TooLarge,
                format!(
                    "a JSON document larger than {} MB that is not an array of articles; \
                     save it as an array or as JSON Lines",
                    cap >> 20
                ),
            ),
        );
        return;
    }
    match serde_json::from_slice::<Value>(&bytes) {
        Ok(v) => emit_document(v, path, sink),
        Err(e) => {
            sink.failed(
                path.to_owned(),
                ItemError::malformed(format!("invalid JSON: {e}")),
            );
        }
    }
}

/// Streams the elements of a top-level array, each parsed on its own and
/// capped at MAX_ARTICLE_BYTES, so memory stays flat and a bad element
/// costs that element only.
fn read_json_array(mut reader: impl BufRead, path: &str, sink: &Sink<'_>) {
    let mut buf = Vec::new();
    for index in 1.. {
        let here = format!("{path}#{index}");
        let go_on = match json_items::next_element(&mut reader, &mut buf, MAX_ARTICLE_BYTES) {
            Ok(json_items::Item::End) => return,
            Ok(json_items::Item::TooLarge(len)) => sink.failed(here, too_large(len)),
            Ok(json_items::Item::Element) => match serde_json::from_slice::<Value>(&buf) {
                Ok(v) => emit_value(v, here, Format::Json, sink),
                Err(e) => sink.failed(here, ItemError::malformed(format!("invalid JSON: {e}"))),
            },
            Err(e) => {
                // A file-level problem (truncation, a read error): named on the file.
                let reason = format!("invalid JSON: {} (at element #{index})", e);
                sink.failed(path.to_owned(), ItemError::malformed(reason));
                return;
            }
        };
        if !go_on {
            return;
        }
    }
}

/// A JSON document that is not a top-level array: an object holding the list
/// of articles under some key, or a single article.
fn emit_document(v: Value, path: &str, sink: &Sink<'_>) {
    let Value::Object(obj) = v else {
        sink.failed(
            path.to_owned(),
            ItemError::malformed(format!(
                "expected articles (an array or an object), found {}",
                kind(&v)
            )),
        );
        return;
    };
    let list = obj.values().find_map(|v| match v {
        Value::Array(items) if items.iter().any(Value::is_object) => Some(items),
        _ => None,
    });
    match list {
        Some(items) => {
            for (i, item) in items.iter().enumerate() {
                if !emit_value(
                    item.clone(),
                    format!("{path}#{}", i + 1),
                    Format::Json,
                    sink,
                ) {
                    return;
                }
            }
        }
        None => {
            sink.article(
                path.to_owned(),
                Format::Json,
                object_to_article(&obj, &sink.options().fields),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::language::Language;

    #[test]
    fn capped_line_reader_skips_over_long_lines() {
        let data = b"short\n0123456789abcdef\nnext\n";
        let mut r = std::io::BufReader::with_capacity(4, &data[..]);
        let mut buf = Vec::new();
        assert!(matches!(
            read_line_capped(&mut r, &mut buf, 8).unwrap(),
            Line::Read
        ));
        assert_eq!(buf, b"short");
        assert!(matches!(
            read_line_capped(&mut r, &mut buf, 8).unwrap(),
            Line::TooLong(16)
        ));
        assert!(matches!(
            read_line_capped(&mut r, &mut buf, 8).unwrap(),
            Line::Read
        ));
        assert_eq!(buf, b"next");
        assert!(matches!(
            read_line_capped(&mut r, &mut buf, 8).unwrap(),
            Line::Eof
        ));
    }

    #[test]
    fn common_field_names_are_recognised() {
        let v: Value = serde_json::json!({"Headline": "H", "article_text": "B", "link": "https://x.ua/1",
            "datePublished": "2022-02-01", "site": "x", "authors": ["A", "B"], "lang": "uk"});
        let Value::Object(o) = v else { unreachable!() };
        let a = object_to_article(&o, &FieldMap::default());
        assert_eq!(a.title.as_deref(), Some("H"));
        assert_eq!(a.body, "B");
        assert_eq!(a.url.as_deref(), Some("https://x.ua/1"));
        assert_eq!(a.published.as_deref(), Some("2022-02-01"));
        assert_eq!(a.author.as_deref(), Some("A, B"));
        assert_eq!(a.language, Some(Language::Uk));
    }
}
