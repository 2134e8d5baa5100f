//! Scraper dumps: JSON (an array, an object holding an array, or one object),
//! JSON Lines and CSV/TSV, with the field names scrapers commonly use and a
//! user mapping for the others.
//! CSV/TSV files are read by `delimited`, with the mapping of this file.

use std::io::BufRead;

use serde_json::{Map, Value};

use crate::error::json_line_error;
use crate::text::encoding;
use crate::text::language::Language;

use super::prepare::RawArticle;
use super::{
    html, json_items, limits, too_large, Format, ItemError, ItemErrorKind, Sink, MAX_ARTICLE_BYTES,
};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Field {
    Title,
    Body,
    Url,
    Date,
    Source,
    Author,
    Language,
}

impl Field {
    pub const ALL: [Field; 7] = [
        Field::Title,
        Field::Body,
        Field::Url,
        Field::Date,
        Field::Source,
        Field::Author,
        Field::Language,
    ];

    pub fn name(self) -> &'static str {
        match self {
            Field::Title => "title",
            Field::Body => "body",
            Field::Url => "url",
            Field::Date => "date",
            Field::Source => "source",
            Field::Author => "author",
            Field::Language => "language",
        }
    }

    /// Common names for the field, normalised by [`norm_key`], in order of preference.
    fn aliases(self) -> &'static [&'static str] {
        match self {
            Field::Title => &[
                "title",
                "headline",
                "header",
                "heading",
                "name",
                "subject",
                "заголовок",
                "назва",
                "название",
            ],
            Field::Body => &[
                "text",
                "body",
                "content",
                "articletext",
                "articlebody",
                "fulltext",
                "maintext",
                "articlecontent",
                "bodytext",
                "contenttext",
                "textcontent",
                "plaintext",
                "message",
                "текст",
                "description",
                "summary",
                "lead",
                "excerpt",
            ],
            Field::Url => &[
                "url",
                "link",
                "href",
                "uri",
                "canonicalurl",
                "sourceurl",
                "articleurl",
                "permalink",
                "посилання",
                "ссылка",
            ],
            Field::Date => &[
                "date",
                "published",
                "publishedat",
                "publishdate",
                "pubdate",
                "datetime",
                "datepublished",
                "publicationdate",
                "publishedtime",
                "pubtime",
                "time",
                "createdat",
                "created",
                "timestamp",
                "дата",
            ],
            Field::Source => &[
                "source",
                "site",
                "outlet",
                "sitename",
                "domain",
                "publisher",
                "media",
                "sourcename",
                "website",
                "channel",
                "джерело",
                "источник",
                "видання",
                "издание",
            ],
            Field::Author => &["author", "authors", "byline", "creator", "writer", "автор"],
            Field::Language => &["lang", "language", "locale"],
        }
    }
}

/// User-given column names (`--map body=article_html`), consulted before the common names.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct FieldMap {
    overrides: Vec<(Field, String)>,
}

impl FieldMap {
    /// Parses `field=column` pairs; the error names the offending pair.
    pub fn parse<'a>(pairs: impl IntoIterator<Item = &'a str>) -> Result<FieldMap, String> {
        let mut map = FieldMap::default();
        for pair in pairs {
            let (field, column) = pair.split_once('=').ok_or_else(|| {
                format!("field mapping {pair:?} should look like body=column_name")
            })?;
            let field = Field::ALL
                .into_iter()
                .find(|f| f.name() == field.trim())
                .ok_or_else(|| {
                    let names: Vec<_> = Field::ALL.iter().map(|f| f.name()).collect();
                    format!(
                        "unknown field {field:?} in {pair:?}; fields are {}",
                        names.join(", ")
                    )
                })?;
            map.overrides.push((field, column.trim().to_owned()));
        }
        Ok(map)
    }

    fn column_for(&self, field: Field) -> Option<&str> {
        self.overrides
            .iter()
            .find(|(f, _)| *f == field)
            .map(|(_, c)| c.as_str())
    }
}

pub(super) fn norm_key(key: &str) -> String {
    key.chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
}

/// For each field (in [`Field::ALL`] order), the positions in `keys` of the
/// keys that may hold it, in order of preference: the user's column, else
/// the keys whose normalised name is one of the field's aliases, aliases in
/// order. A name that occurs twice counts once, at its first position (a
/// lookup by name finds the first). Computed once per CSV file: per row it
/// cost a scan of every column for every alias, and a header of 19,000
/// columns over 2,600 rows took 2.6 s (fuzz input csv 18/26942).
pub(super) fn field_keys(keys: &[(String, &str)], map: &FieldMap) -> Vec<Vec<usize>> {
    let mut first_of: std::collections::HashMap<&str, usize> = std::collections::HashMap::new();
    for (i, (_, original)) in keys.iter().enumerate() {
        first_of.entry(original).or_insert(i);
    }
    let mut by_norm: std::collections::HashMap<&str, Vec<usize>> = std::collections::HashMap::new();
    for (i, (norm, original)) in keys.iter().enumerate() {
        if first_of.get(original) == Some(&i) {
            by_norm.entry(norm.as_str()).or_default().push(i);
        }
    }
    Field::ALL
        .iter()
        .map(|&field| match map.column_for(field) {
            Some(col) => first_of.get(col).map(|&i| vec![i]).unwrap_or_default(),
            None => field
                .aliases()
                .iter()
                .flat_map(|alias| by_norm.get(alias).into_iter().flatten().copied())
                .collect(),
        })
        .collect()
}

/// Builds an article from a record whose keys [`field_keys`] sorted; `get`
/// gives the value of the key at a position.
pub(super) fn record_to_article(
    fields: &[Vec<usize>],
    get: impl Fn(usize) -> Option<String>,
) -> RawArticle {
    let pick = |field: Field| -> Option<String> {
        let at = Field::ALL.iter().position(|f| *f == field)?;
        fields
            .get(at)?
            .iter()
            .find_map(|&i| get(i).filter(|v| !v.trim().is_empty()))
    };
    let body = pick(Field::Body).unwrap_or_default();
    let (body, link_lines) = if html::looks_like_html(&body) {
        (html::fragment_to_text(&body), html::link_lines(&body))
    } else {
        (body, Vec::new())
    };
    RawArticle {
        title: pick(Field::Title),
        body,
        source: pick(Field::Source),
        url: pick(Field::Url),
        author: pick(Field::Author),
        published: pick(Field::Date),
        language: pick(Field::Language).and_then(|l| Language::from_code(&l)),
        encoding: None,
        link_lines,
        warning: None,
    }
}

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

    #[test]
    fn field_map_rejects_unknown_fields() {
        assert!(FieldMap::parse(["body=article_html"]).is_ok());
        let err = FieldMap::parse(["colour=x"]).unwrap_err();
        assert!(err.contains("unknown field"), "{err}");
        assert!(FieldMap::parse(["body"]).is_err());
    }

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
    fn field_keys_prefer_aliases_in_order_and_count_a_repeated_name_once() {
        let names = ["Text", "t", "t", "headline", "body", "Title", "text"];
        let keys: Vec<(String, &str)> = names.iter().map(|h| (norm_key(h), *h)).collect();
        let fields = field_keys(&keys, &FieldMap::default());
        let title = Field::ALL
            .iter()
            .position(|f| *f == Field::Title)
            .unwrap_or(0);
        let body = Field::ALL
            .iter()
            .position(|f| *f == Field::Body)
            .unwrap_or(0);
        // `title` before `headline`; `text` (both spellings) before `body`.
        assert_eq!(fields[title], vec![5, 3]);
        assert_eq!(fields[body], vec![0, 6, 4]);
        let mapped = field_keys(&keys, &FieldMap::parse(["body=t"]).unwrap_or_default());
        assert_eq!(
            mapped[body],
            vec![1],
            "a user's column is found by its first occurrence"
        );
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
