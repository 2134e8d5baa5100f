//! Which field of a scraper's record holds the title, body, link, date,
//! source, author and language: the names scrapers commonly use, and a user
//! mapping for the others (`--map body=article_html`). Shared by the JSON
//! reader (`tabular`) and the CSV/TSV reader (`delimited`).

use crate::text::language::Language;

use super::html;
use super::prepare::RawArticle;

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
}
