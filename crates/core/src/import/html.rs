//! HTML pages: the article is the page's JSON-LD `articleBody`, else what
//! dom_smoothie (a port of Mozilla Readability) finds once the blocks around
//! the article are removed, else a paragraph cluster, else the visible text
//! (see [`extract`]); metadata from `<meta>`, OpenGraph and JSON-LD.

use dom_query::Document;
use dom_smoothie::{Config, Readability, TextMode};

use crate::text::encoding;

use super::prepare::RawArticle;
use super::ItemError;
use super::{article_ld, byline, markup, page_clean, paragraphs};
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
        Err(error) => sink.failed(path.to_owned(), error),
    };
}

/// Fewest characters (whitespace excluded) of an extraction that is taken
/// without looking further: below it, the paragraph-cluster fallback is tried.
const ENOUGH_CHARS: usize = 250;

/// Warning of an article kept as its page's whole visible text.
pub(crate) const VISIBLE_TEXT_WARNING: &str =
    "no article found in the page: its whole visible text was kept (menus and all)";

/// Error of a page with no text to keep.
const NOTHING_VISIBLE: &str = "no visible text in the page";

/// Warning of an article that only the page's JSON-LD holds.
const STATED_ONLY_WARNING: &str =
    "the page shows no text without its scripts: the article body its JSON-LD states was kept";

/// Extracts the article of an HTML page; `url` is where it was fetched from, if known.
///
/// In order: the JSON-LD `articleBody` when the page states one that it
/// shows; else Readability on the page without its navigation, comments,
/// related links and share blocks; when that finds too little, the largest
/// cluster of paragraphs; when that finds nothing either, the page's whole
/// visible text, with a warning. Only a page with no visible text fails.
pub(crate) fn extract(
    bytes: &[u8],
    url: Option<&str>,
    charset: Option<&str>,
) -> Result<RawArticle, ItemError> {
    let declared = encoding::sniff_declared_charset(bytes).or_else(|| charset.map(str::to_owned));
    let decoded = encoding::decode(bytes, declared.as_deref())?;
    let html = decoded.text;
    let (page_title, visible) = markup::visible_text(&html);
    if too_costly(&html) {
        if visible.trim().is_empty() {
            return Err(ItemError::no_text(NOTHING_VISIBLE));
        }
        return Ok(flat_article(page_title, visible, url, decoded.encoding));
    }
    let doc = Document::from(html.as_str());
    let stated = article_ld::article_body(&doc);
    if visible.trim().is_empty() {
        // A page drawn by scripts shows nothing without them; the body it
        // states is all there is to keep.
        return match stated.filter(|b| !b.trim().is_empty()) {
            Some(body) => Ok(RawArticle {
                title: page_title,
                body,
                url: url.map(str::to_owned),
                encoding: Some(decoded.encoding),
                warning: Some(STATED_ONLY_WARNING.into()),
                ..RawArticle::default()
            }),
            None => Err(ItemError::no_text(NOTHING_VISIBLE)),
        };
    }
    page_clean::clean(&doc);
    let cfg = Config {
        text_mode: TextMode::Formatted,
        max_elements_to_parse: 200_000,
        ..Config::default()
    };
    let url = url.filter(|u| u.starts_with("http://") || u.starts_with("https://"));
    let found = Readability::with_document(doc, url, Some(cfg))
        .ok()
        .and_then(|mut r| r.parse().ok());
    let mut raw = RawArticle {
        title: page_title,
        url: url.map(str::to_owned),
        encoding: Some(decoded.encoding),
        ..RawArticle::default()
    };
    if let Some(article) = found {
        raw.link_lines = link_lines(&article.content);
        raw.body = article.text_content.to_string();
        metadata(&mut raw, article, &html);
    }
    let squashed = squash(&visible);
    if let Some(body) = stated.filter(|b| article_ld::plausible(b, &squashed)) {
        if chars(&body) * 2 >= chars(&raw.body) {
            raw.body = body;
        }
    }
    if chars(&raw.body) < ENOUGH_CHARS {
        let doc = Document::from(html.as_str());
        page_clean::clean(&doc);
        let cluster = paragraphs::cluster_text(&doc);
        if chars(&cluster) > chars(&raw.body) {
            raw.body = cluster;
            raw.link_lines.clear();
        }
    }
    if raw.body.trim().is_empty() {
        raw.body = visible;
        raw.link_lines.clear();
        raw.warning = Some(VISIBLE_TEXT_WARNING.into());
    }
    Ok(raw)
}

/// Title, site, author and date of a Readability article, into `raw`.
fn metadata(raw: &mut RawArticle, article: dom_smoothie::Article, html: &str) {
    if !article.title.trim().is_empty() {
        raw.title = Some(article.title);
    }
    raw.source = article.site_name;
    if let Some(u) = article.url {
        raw.url = Some(u);
    }
    // Readability hands the byline over as the page shows it
    // (`By Nathan Willis\n    March 25, 2015`): the author alone is kept, and
    // its date (else a `<time datetime>`'s) stands in when meta tags have none.
    let byline = article
        .byline
        .as_deref()
        .map(byline::clean)
        .unwrap_or_default();
    raw.author = byline.author;
    raw.published = article
        .published_time
        .filter(|p| normalize_date(p).is_some())
        .or(byline.date)
        .or_else(|| byline::time_element_date(html));
}

fn chars(text: &str) -> usize {
    text.chars().filter(|c| !c.is_whitespace()).count()
}

fn squash(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The article of a page too costly for the DOM parser: its visible text
/// and `<title>`, from a linear scan, with a warning.
fn flat_article(
    title: Option<String>,
    body: String,
    url: Option<&str>,
    encoding: &'static str,
) -> RawArticle {
    RawArticle {
        title,
        body,
        url: url.map(str::to_owned),
        encoding: Some(encoding),
        warning: Some(VISIBLE_TEXT_WARNING.into()),
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

#[cfg(test)]
mod tests {
    use super::*;

    const BODY: &str = "Одеса, 4 червня. У порту відновили роботу двох терміналів, \
        пошкоджених під час нічної атаки. Перші судна із зерном вийшли вранці, \
        ще три чекають на рейді. Адміністрація порту каже, що ремонт решти причалів \
        триватиме до кінця місяця, а графік заходу суден уже погоджено з лоцманами.";

    #[test]
    fn a_page_drawn_by_scripts_keeps_its_stated_body_with_a_warning() {
        let page = format!(
            "<html><head><title>Порт</title><script type=\"application/ld+json\">\
             {{\"@type\":\"NewsArticle\",\"articleBody\":\"{BODY}\"}}</script></head>\
             <body><div id=\"root\"></div><script>render()</script></body></html>"
        );
        let raw = extract(page.as_bytes(), None, None).expect("stated body kept");
        assert!(raw.body.starts_with("Одеса, 4 червня."));
        assert_eq!(raw.warning.as_deref(), Some(STATED_ONLY_WARNING));
    }

    #[test]
    fn a_short_article_without_paragraph_markup_is_kept_without_its_menu() {
        let page = "<html><body><nav><a href=/>Головна</a></nav>\
            <span>Терміново: у Львові оголошено повітряну тривогу.</span></body></html>";
        let raw = extract(page.as_bytes(), None, None).expect("text kept");
        assert!(raw.body.contains("у Львові оголошено повітряну тривогу"));
        assert!(!raw.body.contains("Головна"), "{}", raw.body);
        assert!(raw.warning.is_none());
    }

    #[test]
    fn a_long_article_is_taken_without_a_warning_and_its_comments_dropped() {
        let page = format!(
            "<html><body><article><p>{BODY}</p><p>{BODY}</p></article>\
             <section class=\"comments\"><p>Ігор: а коли відкриють третій термінал, \
             бо нам уже набридло чекати на рейді?</p></section></body></html>"
        );
        let raw = extract(page.as_bytes(), None, None).expect("article");
        assert!(raw.warning.is_none());
        assert!(raw.body.contains("графік заходу суден"));
        assert!(!raw.body.contains("набридло чекати"));
    }
}
