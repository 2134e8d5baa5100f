//! A story report: its members, first publisher, timeline, each member's
//! reused share and the passages shared with the member it is linked to most
//! strongly. Markdown (`.md`) or HTML (`.html`), written through the export
//! staging like every other export; all article text is escaped.

use std::path::{Path, PathBuf};

use rusqlite::Connection;

use super::report::{h, md_line, md_quote};
use super::staged::{commit, Staged};
use super::write_err;
use crate::error::{Error, Result};
use crate::store::stories::{self, StoryDetail};

/// Passages quoted per pair: the report shows what was copied, not every
/// fragment of a 10 MB text.
const MAX_PASSAGES: usize = 20;

/// Code points of one passage shown.
const MAX_PASSAGE_CHARS: usize = 600;

fn cut(body: &[char], start: usize, end: usize) -> String {
    let end = end.min(body.len()).min(start + MAX_PASSAGE_CHARS);
    let start = start.min(end);
    let mut s: String = body[start..end].iter().collect();
    if end - start == MAX_PASSAGE_CHARS {
        s.push('…');
    }
    s
}

/// Each pair's passages as text of article `a`.
fn passages(conn: &Connection, d: &StoryDetail) -> Result<Vec<Vec<String>>> {
    let mut out = Vec::with_capacity(d.pairs.len());
    for p in &d.pairs {
        let body: Vec<char> = crate::store::articles::get(conn, &p.a)?
            .body
            .chars()
            .collect();
        out.push(
            p.shared
                .iter()
                .take(MAX_PASSAGES)
                .map(|s| cut(&body, s.a_start, s.a_end))
                .collect(),
        );
    }
    Ok(out)
}

fn markdown(d: &StoryDetail, texts: &[Vec<String>]) -> String {
    let mut out = format!("# Story {}\n\n", d.id);
    out.push_str(&format!(
        "First publisher: {}\n\n",
        d.first.as_deref().unwrap_or("unknown")
    ));
    if let Some(n) = &d.first_note {
        out.push_str(&format!("Note: {}\n\n", md_line(n)));
    }
    out.push_str("## Articles\n\n");
    for a in &d.articles {
        out.push_str(&format!(
            "- {}{} — {} — {} — {:.0}% reused — {}\n",
            if a.is_first { "**first** " } else { "" },
            a.id,
            md_line(a.published_at.as_deref().unwrap_or("no date")),
            md_line(a.source.as_deref().unwrap_or("no source")),
            a.reused * 100.0,
            md_line(&a.title)
        ));
    }
    out.push_str("\n## Timeline\n\n");
    for t in &d.timeline {
        out.push_str(&format!("- {}: {}\n", md_line(&t.date), t.count));
    }
    out.push_str("\n## Shared passages\n\n");
    for (p, texts) in d.pairs.iter().zip(texts) {
        out.push_str(&format!(
            "### {} and {} ({:.0}% contained)\n\n",
            p.a,
            p.b,
            p.containment * 100.0
        ));
        for t in texts {
            out.push_str(&md_quote(t));
            out.push_str("\n\n");
        }
    }
    out
}

fn html(d: &StoryDetail, texts: &[Vec<String>]) -> String {
    let mut out = format!(
        "<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>Story {id}</title></head><body>\n\
         <h1>Story {id}</h1>\n<p>First publisher: {first}</p>\n",
        id = h(&d.id),
        first = h(d.first.as_deref().unwrap_or("unknown"))
    );
    if let Some(n) = &d.first_note {
        out.push_str(&format!("<p>Note: {}</p>\n", h(n)));
    }
    out.push_str("<h2>Articles</h2>\n<table><tr><th></th><th>id</th><th>date</th><th>source</th><th>reused</th><th>title</th></tr>\n");
    for a in &d.articles {
        out.push_str(&format!(
            "<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{:.0}%</td><td>{}</td></tr>\n",
            if a.is_first { "first" } else { "" },
            h(&a.id),
            h(a.published_at.as_deref().unwrap_or("no date")),
            h(a.source.as_deref().unwrap_or("no source")),
            a.reused * 100.0,
            h(&a.title)
        ));
    }
    out.push_str("</table>\n<h2>Timeline</h2>\n<ul>\n");
    for t in &d.timeline {
        out.push_str(&format!("<li>{}: {}</li>\n", h(&t.date), t.count));
    }
    out.push_str("</ul>\n<h2>Shared passages</h2>\n");
    for (p, texts) in d.pairs.iter().zip(texts) {
        out.push_str(&format!(
            "<h3>{} and {} ({:.0}% contained)</h3>\n",
            h(&p.a),
            h(&p.b),
            p.containment * 100.0
        ));
        for t in texts {
            out.push_str(&format!(
                "<blockquote style=\"white-space:pre-wrap\">{}</blockquote>\n",
                h(t)
            ));
        }
    }
    out.push_str("</body></html>\n");
    out
}

/// Writes the report of story `story` to `dest` (`.html`/`.htm`: HTML, else
/// Markdown). Like every export, a file already there is replaced only with
/// `force`, and the folder must exist.
pub fn write(conn: &Connection, story: &str, dest: &Path, force: bool) -> Result<PathBuf> {
    super::destination::check(dest, force)?;
    let d = stories::detail(conn, story)?;
    let texts = passages(conn, &d)?;
    let is_html = dest
        .extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| e.eq_ignore_ascii_case("html") || e.eq_ignore_ascii_case("htm"));
    let doc = if is_html {
        html(&d, &texts)
    } else {
        markdown(&d, &texts)
    };
    let mut staged = Staged::create(dest)?;
    staged
        .writer()?
        .write_all(doc.as_bytes())
        .map_err(write_err)?;
    commit(vec![staged], force)?
        .into_iter()
        .next()
        .ok_or_else(|| Error::io(dest, "the report was not written"))
}
