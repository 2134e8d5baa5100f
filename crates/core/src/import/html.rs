//! HTML pages: the article is extracted with dom_smoothie (a port of Mozilla
//! Readability), metadata from `<meta>`, OpenGraph and JSON-LD `NewsArticle`.

use dom_smoothie::{Config, Readability, TextMode};

use crate::text::encoding;

use super::prepare::RawArticle;
use super::{byline, markup};
use crate::text::dates::normalize_date;

/// Deepest element nesting handed to the DOM parser. dom_smoothie's scoring
/// is quadratic in depth and dom_query recurses over the tree: nested `<div>`
/// measured (release, 2 MiB stack) 256 → 11 ms, 512 → 40 ms, 1024 → 162 ms,
/// 2048 → 677 ms, 4096 → 3.5 s, and 50,000 nested `<b>` overflowed the stack.
/// Real news pages nest well under 100. Deeper pages are not failed: their
/// visible text is taken by the linear tag scan in `markup` instead (the
/// page's text survives, Readability's boilerplate removal does not).
pub(crate) const MAX_NESTING: usize = 512;
/// Most text bytes html5ever's serializer may scan for a page (see
/// [`markup::Shape::serializer_scan`]); dom_smoothie serializes several
/// times. 3·10^10 (one 300 KB paragraph of `a°`) measured 0.64 s, so 2·10^9
/// stays under about 50 ms; real pages (paragraphs of a few KB with a few
/// dozen `«»`, `&`, NBSP) are below 10^8.
const MAX_SERIALIZER_SCAN: u64 = 2_000_000_000;
use super::{Format, Sink};

pub(super) fn read(bytes: &[u8], path: &str, sink: &Sink<'_>) {
    match extract(bytes, None, None) {
        Ok(raw) => sink.article(path.to_owned(), Format::Html, raw),
        Err(reason) => sink.failed(path.to_owned(), reason),
    };
}

/// Extracts the article of an HTML page; `url` is where it was fetched from, if known.
pub(crate) fn extract(
    bytes: &[u8],
    url: Option<&str>,
    charset: Option<&str>,
) -> Result<RawArticle, String> {
    let declared = encoding::sniff_declared_charset(bytes).or_else(|| charset.map(str::to_owned));
    let decoded = encoding::decode(bytes, declared.as_deref()).map_err(|e| e.to_string())?;
    let html = decoded.text;
    if too_costly(&html) {
        return Ok(flat_article(&html, url, decoded.encoding));
    }
    let cfg = Config {
        text_mode: TextMode::Formatted,
        max_elements_to_parse: 200_000,
        ..Config::default()
    };
    let mut readability = Readability::new(html.as_str(), url, Some(cfg))
        .map_err(|e| format!("cannot read the page: {e}"))?;
    let article = readability
        .parse()
        .map_err(|e| format!("no article text found in the page ({e})"))?;
    let body = article.text_content.to_string();
    let title = Some(article.title).filter(|t| !t.trim().is_empty());
    let link_lines = link_lines(&article.content);
    // Readability hands the byline over as the page shows it
    // (`By Nathan Willis\n    March 25, 2015`): the author alone is kept, and
    // its date (else a `<time datetime>`'s) stands in when meta tags have none.
    let byline = article
        .byline
        .as_deref()
        .map(byline::clean)
        .unwrap_or_default();
    let published = article
        .published_time
        .filter(|p| normalize_date(p).is_some())
        .or(byline.date)
        .or_else(|| byline::time_element_date(&html));
    Ok(RawArticle {
        title,
        body,
        source: article.site_name,
        url: article.url.or_else(|| url.map(str::to_owned)),
        author: byline.author,
        published,
        language: None,
        encoding: Some(decoded.encoding),
        link_lines,
    })
}

/// The article of a page too costly for the DOM parser: its visible
/// text and `<title>`, from a linear scan.
fn flat_article(html: &str, url: Option<&str>, encoding: &'static str) -> RawArticle {
    let (title, body) = markup::visible_text(html);
    RawArticle {
        title,
        body,
        url: url.map(str::to_owned),
        encoding: Some(encoding),
        ..RawArticle::default()
    }
}

/// Whether markup is too deeply nested, or its text too costly to
/// serialize, to give to dom_query (see [`MAX_NESTING`], [`MAX_SERIALIZER_SCAN`]).
fn too_costly(markup: &str) -> bool {
    let shape = markup::shape(markup);
    shape.depth > MAX_NESTING || shape.serializer_scan > MAX_SERIALIZER_SCAN
}

/// Paragraphs of the extracted article that are nearly all link text: the
/// "read this too" lines the extraction kept. (List items are left alone:
/// in articles a list of links is as often the content itself.)
pub(crate) fn link_lines(content: &str) -> Vec<String> {
    if too_costly(content) {
        return Vec::new();
    }
    let doc = dom_query::Document::fragment(content);
    let mut out = Vec::new();
    for el in doc.select("p").iter() {
        let text = el.text();
        let words = text.split_whitespace().count();
        if !(3..=15).contains(&words) {
            continue;
        }
        let linked: usize = el
            .select("a")
            .iter()
            .map(|a| a.text().chars().filter(|c| !c.is_whitespace()).count())
            .sum();
        let all = text.chars().filter(|c| !c.is_whitespace()).count();
        if linked * 10 >= all * 8 {
            out.push(text.split_whitespace().collect::<Vec<_>>().join(" "));
        }
    }
    out
}

/// Plain text of an HTML fragment (a scraper's `content` field holding markup).
pub(crate) fn fragment_to_text(fragment: &str) -> String {
    if too_costly(fragment) {
        return markup::visible_text(fragment).1;
    }
    let doc = dom_query::Document::fragment(fragment);
    let mut out = String::with_capacity(fragment.len());
    for node in doc
        .select("p, h1, h2, h3, h4, h5, h6, li, blockquote, pre")
        .nodes()
    {
        let text = node.text();
        let text = text.trim();
        if !text.is_empty() {
            out.push_str(text);
            out.push_str("\n\n");
        }
    }
    if out.trim().is_empty() {
        return doc.text().trim().to_owned();
    }
    out.trim_end().to_owned()
}

/// All text of an HTML fragment, paragraphs on their own lines.
pub(crate) fn all_text(fragment: &str) -> String {
    if too_costly(fragment) {
        return markup::visible_text(fragment).1;
    }
    let with_breaks = fragment
        .replace("</p>", "</p>\n")
        .replace("<br>", "<br>\n")
        .replace("</li>", "</li>\n")
        .replace("</h1>", "</h1>\n")
        .replace("</h2>", "</h2>\n")
        .replace("</h3>", "</h3>\n")
        .replace("</div>", "</div>\n");
    dom_query::Document::fragment(with_breaks)
        .text()
        .to_string()
}

/// Whether a field value is markup rather than plain text.
pub(crate) fn looks_like_html(text: &str) -> bool {
    let mut end = text.len().min(4096);
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    let head = &text[..end];
    let lower = head.to_ascii_lowercase();
    lower.contains("</p>")
        || lower.contains("<br")
        || lower.contains("</div>")
        || lower.contains("<p>")
}
