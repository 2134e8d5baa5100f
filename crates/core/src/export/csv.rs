//! CSV: one row per article, and beside it one row per annotation. UTF-8
//! with a byte-order mark, so Excel opens Cyrillic text correctly.

use std::io::Write;
use std::path::{Path, PathBuf};

use super::{write_err, ArticleStream, Context};
use crate::error::{Error, Result};

pub const ARTICLE_COLUMNS: [&str; 13] = [
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

fn csv_err(e: ::csv::Error) -> Error {
    Error::InvalidInput(format!("cannot write the CSV export: {e}"))
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
    let opt = |o: &Option<String>| o.clone().unwrap_or_default();
    for item in stream {
        let e = item?;
        let a = &e.article;
        a_out
            .write_record(
                [
                    a.id.clone(),
                    a.title.clone(),
                    opt(&a.source),
                    opt(&a.url),
                    opt(&a.author),
                    opt(&a.published_at),
                    a.language.clone(),
                    e.tags.join("; "),
                    e.annotations.len().to_string(),
                    a.imported_at.clone(),
                    a.origin.path.clone(),
                    a.body.clone(),
                    e.clean_text.clone(),
                ]
                .into_iter()
                .chain(labels.then(|| e.labelled_text())),
            )
            .map_err(csv_err)?;
        for n in &e.annotations {
            let num = |v: Option<usize>| v.map(|v| v.to_string()).unwrap_or_default();
            n_out
                .write_record([
                    n.id.clone(),
                    a.id.clone(),
                    a.title.clone(),
                    num(n.start),
                    num(n.end),
                    opt(&n.exact),
                    n.note.clone(),
                    opt(&n.color),
                    n.tags.join("; "),
                    n.orphaned.to_string(),
                    n.created_at.clone(),
                    n.updated_at.clone(),
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
