//! CSV: one row per article, and beside it one row per annotation. UTF-8
//! with a byte-order mark, so Excel opens Cyrillic text correctly.
//!
//! Spreadsheet-safe by default (issue 14.4): a text cell that a spreadsheet
//! would read as a formula gets a leading `'` (OWASP "CSV injection").

use std::borrow::Cow;
use std::io::Write;
use std::path::{Path, PathBuf};

use super::{write_err, ArticleStream, Context};
use crate::error::{Error, Result};

pub const ARTICLE_COLUMNS: [&str; 15] = [
    "id",
    "title",
    "source",
    "url",
    "author",
    "published_at",
    "language",
    "tags",
    "annotations",
    "imported_at",
    "origin",
    "text",
    "clean_text",
    "story_id",
    "story_first",
];

pub const ANNOTATION_COLUMNS: [&str; 12] = [
    "annotation_id",
    "article_id",
    "article_title",
    "start",
    "end",
    "quote",
    "note",
    "color",
    "tags",
    "orphaned",
    "created_at",
    "updated_at",
];

/// `report.csv` → `report.annotations.csv`.
pub fn annotations_path(output: &Path) -> PathBuf {
    let stem = output
        .file_stem()
        .map_or_else(|| "export".into(), |s| s.to_string_lossy().into_owned());
    output.with_file_name(format!("{stem}.annotations.csv"))
}

/// Characters that make Excel, LibreOffice Calc or Google Sheets read a
/// cell as a formula (`=`, `+`, `-`, `@`, and their full-width forms, which
/// some spreadsheets also accept).
const FORMULA_START: [char; 8] = ['=', '+', '-', '@', '＝', '＋', '－', '＠'];

/// `cell` with a leading `'` if a spreadsheet would run it as a formula: it
/// starts with TAB, CR, NUL or a [`FORMULA_START`] character, or with one of
/// those after leading whitespace (Calc and Sheets trim it before deciding).
/// The `'` is what OWASP advises: spreadsheets show the cell as text and hide
/// the quote; a program reading the CSV sees it (`--raw-csv` leaves it out).
pub fn spreadsheet_safe(cell: &str) -> Cow<'_, str> {
    let risky = cell.starts_with(['\t', '\r', '\0'])
        || cell
            .trim_start()
            .starts_with(|c: char| FORMULA_START.contains(&c));
    if risky {
        Cow::Owned(format!("'{cell}"))
    } else {
        Cow::Borrowed(cell)
    }
}

fn csv_err(e: ::csv::Error) -> Error {
    Error::WriteFailed(format!("cannot write the CSV export: {e}"))
}

pub fn write(
    ctx: &mut Context,
    stream: &mut ArticleStream,
    articles: &mut dyn Write,
    notes: &mut dyn Write,
) -> Result<()> {
    const BOM: &[u8] = "\u{feff}".as_bytes();
    articles.write_all(BOM).map_err(write_err)?;
    notes.write_all(BOM).map_err(write_err)?;
    let mut a_out = ::csv::Writer::from_writer(articles);
    let mut n_out = ::csv::Writer::from_writer(notes);
    let labels = ctx.options.block_labels;
    a_out
        .write_record(
            ARTICLE_COLUMNS
                .iter()
                .copied()
                .chain(labels.then_some("labelled_text")),
        )
        .map_err(csv_err)?;
    n_out.write_record(ANNOTATION_COLUMNS).map_err(csv_err)?;
    let raw = ctx.options.raw_csv;
    // Every text cell passes here; numbers we write (counts, offsets) do not,
    // so they are never quoted.
    let text = |s: &str| -> String {
        if raw {
            s.to_owned()
        } else {
            spreadsheet_safe(s).into_owned()
        }
    };
    let opt = |o: &Option<String>| text(o.as_deref().unwrap_or_default());
    for item in stream {
        let e = item?;
        let a = &e.article;
        a_out
            .write_record(
                [
                    text(&a.id),
                    text(&a.title),
                    opt(&a.source),
                    opt(&a.url),
                    opt(&a.author),
                    opt(&a.published_at),
                    text(&a.language),
                    text(&e.tags.join("; ")),
                    e.annotations.len().to_string(),
                    text(&a.imported_at),
                    text(&a.origin.path),
                    text(&a.body),
                    text(&e.clean_text),
                    opt(&e.story_id),
                    opt(&e.story_first),
                ]
                .into_iter()
                .chain(labels.then(|| text(&e.labelled_text()))),
            )
            .map_err(csv_err)?;
        for n in &e.annotations {
            let num = |v: Option<usize>| v.map(|v| v.to_string()).unwrap_or_default();
            n_out
                .write_record([
                    text(&n.id),
                    text(&a.id),
                    text(&a.title),
                    num(n.start),
                    num(n.end),
                    opt(&n.exact),
                    text(&n.note),
                    opt(&n.color),
                    text(&n.tags.join("; ")),
                    n.orphaned.to_string(),
                    text(&n.created_at),
                    text(&n.updated_at),
                ])
                .map_err(csv_err)?;
        }
        if !ctx.done(&e) {
            break;
        }
    }
    a_out.flush().map_err(write_err)?;
    n_out.flush().map_err(write_err)?;
    Ok(())
}
