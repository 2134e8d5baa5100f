//! Readable reports of the selected articles, in Markdown or as one
//! self-contained HTML file: a heading with what was selected and the counts,
//! then per article its title, a line of metadata, its tags, its text (the
//! story; every line with its class with `block_labels`; none with
//! `annotations_only`), its notes and each annotation as a highlighted quote
//! with its note, tags and colour.
//! Orphaned annotations (quote no longer found in the text) are marked.
//!
//! All user text is escaped: in HTML everything is text (no scripts, no
//! remote content, a restrictive Content-Security-Policy besides); in
//! Markdown the characters that would start markup are backslash-escaped and
//! every line of a quote or note is kept inside its blockquote.

use std::io::Write;

use super::w3c::{count_annotations, slice};
use super::{write_err, ArticleStream, Context, ExportArticle, ExportOptions};
use crate::error::Result;
use crate::store::annotations::Annotation;

const DEFAULT_MARK: &str = "#fff3a0";

/// `#rgb` / `#rrggbb`, else none (never lets other text into a style).
fn safe_color(c: Option<&str>) -> Option<&str> {
    c.map(str::trim).filter(|c| {
        let hex = c.strip_prefix('#').unwrap_or("");
        matches!(hex.len(), 3 | 6) && hex.chars().all(|ch| ch.is_ascii_hexdigit())
    })
}

fn web_url(url: Option<&str>) -> Option<&str> {
    url.map(str::trim).filter(|u| {
        (u.starts_with("https://") || u.starts_with("http://"))
            && !u.chars().any(|c| c.is_whitespace() || c.is_control())
    })
}

/// The quoted text of a span annotation.
fn quote_of(a: &ExportArticle, n: &Annotation) -> Option<String> {
    match (n.start, n.end) {
        (Some(s), Some(e)) => Some(
            n.exact
                .clone()
                .unwrap_or_else(|| slice(&a.article.body, s, e)),
        ),
        _ => None,
    }
}

/// Source · date · language · author — the parts that are known.
fn meta_parts(a: &ExportArticle) -> Vec<String> {
    let x = &a.article;
    let mut parts: Vec<String> = [&x.source, &x.published_at]
        .into_iter()
        .flatten()
        .filter(|s| !s.trim().is_empty())
        .cloned()
        .collect();
    parts.push(format!("language: {}", x.language));
    if let Some(au) = x.author.as_ref().filter(|s| !s.trim().is_empty()) {
        parts.push(format!("by {au}"));
    }
    parts
}

/// The article text a report carries: the story (with `block_labels`, every
/// line with its class), or none when only annotations are wanted.
fn report_text(a: &ExportArticle, options: &ExportOptions) -> Option<String> {
    if options.annotations_only {
        return None;
    }
    let text = if options.block_labels {
        a.labelled_text()
    } else {
        a.clean_text.clone()
    };
    Some(text).filter(|t| !t.trim().is_empty())
}

/// Paragraphs of `text`: runs of lines between blank lines.
fn paragraphs(text: &str) -> Vec<Vec<&str>> {
    let mut out: Vec<Vec<&str>> = vec![Vec::new()];
    for line in text.lines() {
        if line.trim().is_empty() {
            if out.last().is_some_and(|p| !p.is_empty()) {
                out.push(Vec::new());
            }
        } else if let Some(p) = out.last_mut() {
            p.push(line.trim());
        }
    }
    out.retain(|p| !p.is_empty());
    out
}

fn counts_line(ctx: &Context) -> Result<String> {
    let annotations = count_annotations(ctx.conn, ctx.ids)?;
    Ok(format!(
        "{} article{} · {} annotation{} · exported {}",
        ctx.ids.len(),
        if ctx.ids.len() == 1 { "" } else { "s" },
        annotations,
        if annotations == 1 { "" } else { "s" },
        crate::store::now_rfc3339()
    ))
}

// ---------------------------------------------------------------- Markdown

/// Escapes one line of user text so it stays plain text in Markdown.
pub(super) fn md_line(line: &str) -> String {
    let line = line.trim_start().trim_end_matches('\r');
    let mut out = String::with_capacity(line.len() + 8);
    // Block markers only count at the start of a line.
    let digits = line.chars().take_while(char::is_ascii_digit).count();
    for (i, c) in line.chars().enumerate() {
        let at_start = i == 0 && matches!(c, '-' | '+' | '=');
        let list_number = digits > 0 && i == digits && matches!(c, '.' | ')');
        if at_start
            || list_number
            || matches!(
                c,
                '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '#' | '|' | '~' | '&' | '!'
            )
        {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// One line of text for headings and list items.
fn md_inline(s: &str) -> String {
    md_line(&s.split_whitespace().collect::<Vec<_>>().join(" "))
}

/// Every line of `s` inside a blockquote (`> `), blank lines included, with
/// hard line breaks (a trailing backslash) between consecutive lines.
pub(super) fn md_quote(s: &str) -> String {
    let lines: Vec<String> = s.trim_matches('\n').split('\n').map(md_line).collect();
    let mut out = Vec::with_capacity(lines.len());
    for (i, l) in lines.iter().enumerate() {
        let next = lines.get(i + 1).is_some_and(|n| !n.is_empty());
        out.push(match (l.is_empty(), next) {
            (true, _) => ">".to_owned(),
            (false, true) => format!("> {l}\\"),
            (false, false) => format!("> {l}"),
        });
    }
    out.join("\n")
}

fn md_annotation(a: &ExportArticle, n: &Annotation, i: usize) -> String {
    let mut head = vec![format!("#### Annotation {i}")];
    if let (Some(s), Some(e), false) = (n.start, n.end, n.orphaned) {
        head.push(format!("characters {s}–{e}"));
    }
    if let Some(c) = safe_color(n.color.as_deref()) {
        // Checked to be `#` and hex digits: nothing to escape.
        head.push(format!("colour {c}"));
    }
    if n.orphaned {
        head.push("**orphaned** (the quote is no longer found in the text)".into());
    }
    let mut s = head.join(" · ");
    s.push_str("\n\n");
    let quote = quote_of(a, n).unwrap_or_default();
    s.push_str(&md_quote(&quote));
    if !n.note.trim().is_empty() {
        s.push_str("\n>\n> **Note:**\n>\n");
        s.push_str(&md_quote(&n.note));
    }
    s.push('\n');
    if !n.tags.is_empty() {
        let tags: Vec<String> = n.tags.iter().map(|t| md_inline(t)).collect();
        s.push_str(&format!("\n*Tags:* {}\n", tags.join(", ")));
    }
    s.push('\n');
    s
}

/// The text as Markdown paragraphs, every line escaped, lines of one
/// paragraph joined by hard breaks.
fn md_text(text: &str) -> String {
    paragraphs(text)
        .iter()
        .map(|p| {
            p.iter()
                .map(|l| md_line(l))
                .collect::<Vec<_>>()
                .join("\\\n")
        })
        .collect::<Vec<_>>()
        .join("\n\n")
}

fn md_article(a: &ExportArticle, options: &ExportOptions) -> String {
    let x = &a.article;
    let mut s = format!("## {}\n\n", md_inline(&x.title));
    let mut meta: Vec<String> = meta_parts(a).iter().map(|p| md_inline(p)).collect();
    if let Some(u) = web_url(x.url.as_deref()) {
        // Autolinks end at `>`; a URL holding one is shown as text.
        meta.push(if u.contains(['<', '>']) {
            md_inline(u)
        } else {
            format!("<{u}>")
        });
    }
    meta.push(format!("id {}", md_inline(&x.id)));
    s.push_str(&meta.join(" · "));
    s.push_str("\n\n");
    if !a.tags.is_empty() {
        let tags: Vec<String> = a.tags.iter().map(|t| md_inline(t)).collect();
        s.push_str(&format!("**Tags:** {}\n\n", tags.join(", ")));
    }
    if let Some(text) = report_text(a, options) {
        s.push_str("### Text\n\n");
        s.push_str(&md_text(&text));
        s.push_str("\n\n");
    }
    let (notes, spans): (Vec<&Annotation>, Vec<&Annotation>) =
        a.annotations.iter().partition(|n| n.start.is_none());
    if !notes.is_empty() {
        s.push_str("### Notes on the article\n\n");
        for n in notes {
            s.push_str(&md_quote(&n.note));
            if !n.tags.is_empty() {
                let tags: Vec<String> = n.tags.iter().map(|t| md_inline(t)).collect();
                s.push_str(&format!("\n\n*Tags:* {}", tags.join(", ")));
            }
            s.push_str("\n\n");
        }
    }
    if !spans.is_empty() {
        s.push_str("### Annotations\n\n");
        for (i, n) in spans.into_iter().enumerate() {
            s.push_str(&md_annotation(a, n, i + 1));
        }
    }
    s.push_str("---\n\n");
    s
}

pub fn markdown(ctx: &mut Context, stream: &mut ArticleStream, out: &mut dyn Write) -> Result<()> {
    let head = format!(
        "# Litopys report: {}\n\n{}\n\n---\n\n",
        md_inline(ctx.label),
        md_inline(&counts_line(ctx)?)
    );
    out.write_all(head.as_bytes()).map_err(write_err)?;
    for item in stream {
        let a = item?;
        out.write_all(md_article(&a, &ctx.options).as_bytes())
            .map_err(write_err)?;
        if !ctx.done(&a) {
            break;
        }
    }
    Ok(())
}

// -------------------------------------------------------------------- HTML

/// Text (or attribute value) for HTML: nothing in it can become markup.
pub(super) fn h(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 16);
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c if c.is_control() && !matches!(c, '\n' | '\t') => out.push('\u{fffd}'),
            c => out.push(c),
        }
    }
    out
}

const STYLE: &str = "body{font-family:system-ui,-apple-system,'Segoe UI',Roboto,sans-serif;\
max-width:52rem;margin:2rem auto;padding:0 1rem;line-height:1.5;color:#222;background:#fff}\
header{border-bottom:2px solid #ccc;margin-bottom:1.5rem}\
.counts,.meta{color:#555;font-size:.95em}\
article{border-bottom:1px solid #ddd;padding-bottom:1rem;margin-bottom:1.5rem}\
.tag{display:inline-block;background:#eef;border-radius:.3em;padding:0 .4em;margin:0 .2em .2em 0}\
.annotation{border-left:.35em solid #ccc;margin:1rem 0;padding:.2rem 0 .2rem .8rem}\
blockquote{margin:.3rem 0;white-space:pre-wrap}\
mark{color:#000;padding:0 .1em}.ctx{color:#777}\
.note{white-space:pre-wrap;margin:.3rem 0}\
.info{color:#555;font-size:.9em;margin:.2rem 0}\
.orphaned{color:#a40000;font-weight:bold}\
.text{margin:1rem 0}";

fn html_tags(tags: &[String]) -> String {
    tags.iter()
        .map(|t| format!("<span class=\"tag\">{}</span>", h(t)))
        .collect()
}

fn html_annotation(a: &ExportArticle, n: &Annotation) -> String {
    let color = safe_color(n.color.as_deref()).unwrap_or(DEFAULT_MARK);
    let mut s = format!(
        "<div class=\"annotation\" id=\"n-{}\" style=\"border-left-color:{color}\">\n",
        h(&n.id)
    );
    if n.orphaned {
        s.push_str("<p class=\"orphaned\">Orphaned: this quote is no longer found in the article’s text.</p>\n");
    }
    if let Some(q) = quote_of(a, n) {
        let prefix = n.prefix.as_deref().unwrap_or("");
        let suffix = n.suffix.as_deref().unwrap_or("");
        s.push_str(&format!(
            "<blockquote><span class=\"ctx\">{}{}</span><mark style=\"background-color:{color}\">{}</mark><span class=\"ctx\">{}{}</span></blockquote>\n",
            if prefix.is_empty() { "" } else { "…" },
            h(prefix),
            h(&q),
            h(suffix),
            if suffix.is_empty() { "" } else { "…" },
        ));
    }
    if !n.note.trim().is_empty() {
        s.push_str(&format!("<div class=\"note\">{}</div>\n", h(&n.note)));
    }
    let mut info = Vec::new();
    if !n.tags.is_empty() {
        info.push(format!("Tags: {}", html_tags(&n.tags)));
    }
    if let Some(c) = safe_color(n.color.as_deref()) {
        info.push(format!("Colour: {}", h(c)));
    }
    if let (Some(st), Some(en), false) = (n.start, n.end, n.orphaned) {
        info.push(format!("Characters {st}–{en}"));
    }
    if !info.is_empty() {
        s.push_str(&format!("<p class=\"info\">{}</p>\n", info.join(" · ")));
    }
    s.push_str("</div>\n");
    s
}

fn html_article(a: &ExportArticle, options: &ExportOptions) -> String {
    let x = &a.article;
    let lang = match x.language.as_str() {
        "uk" | "ru" => format!(" lang=\"{}\"", x.language),
        _ => String::new(),
    };
    let mut s = format!(
        "<article id=\"a-{}\"{lang}>\n<h2>{}</h2>\n",
        h(&x.id),
        h(&x.title)
    );
    let mut meta: Vec<String> = meta_parts(a).iter().map(|p| h(p)).collect();
    if let Some(u) = web_url(x.url.as_deref()) {
        meta.push(format!(
            "<a href=\"{}\" rel=\"noopener noreferrer\">{}</a>",
            h(u),
            h(u)
        ));
    }
    meta.push(format!("id {}", h(&x.id)));
    s.push_str(&format!("<p class=\"meta\">{}</p>\n", meta.join(" · ")));
    if !a.tags.is_empty() {
        s.push_str(&format!("<p>Tags: {}</p>\n", html_tags(&a.tags)));
    }
    if let Some(text) = report_text(a, options) {
        s.push_str("<div class=\"text\">\n");
        for p in paragraphs(&text) {
            let lines: Vec<String> = p.iter().map(|l| h(l)).collect();
            s.push_str(&format!("<p>{}</p>\n", lines.join("<br>\n")));
        }
        s.push_str("</div>\n");
    }
    let (notes, spans): (Vec<&Annotation>, Vec<&Annotation>) =
        a.annotations.iter().partition(|n| n.start.is_none());
    if !notes.is_empty() {
        s.push_str("<h3>Notes on the article</h3>\n");
        for n in notes {
            s.push_str(&html_annotation(a, n));
        }
    }
    if !spans.is_empty() {
        s.push_str("<h3>Annotations</h3>\n");
        for n in spans {
            s.push_str(&html_annotation(a, n));
        }
    }
    s.push_str("</article>\n");
    s
}

pub fn html(ctx: &mut Context, stream: &mut ArticleStream, out: &mut dyn Write) -> Result<()> {
    let head = format!(
        "<!DOCTYPE html>\n<html>\n<head>\n<meta charset=\"utf-8\">\n\
         <meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <meta name=\"generator\" content=\"Litopys\">\n\
         <title>Litopys report: {label}</title>\n<style>{STYLE}</style>\n</head>\n<body>\n\
         <header>\n<h1>Litopys report</h1>\n<p>{label}</p>\n<p class=\"counts\">{counts}</p>\n</header>\n",
        label = h(ctx.label),
        counts = h(&counts_line(ctx)?),
    );
    out.write_all(head.as_bytes()).map_err(write_err)?;
    for item in stream {
        let a = item?;
        out.write_all(html_article(&a, &ctx.options).as_bytes())
            .map_err(write_err)?;
        if !ctx.done(&a) {
            break;
        }
    }
    out.write_all(b"</body>\n</html>\n").map_err(write_err)?;
    Ok(())
}
