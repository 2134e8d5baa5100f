//! The article body a page states in its JSON-LD (`schema.org`
//! `NewsArticle`, `Article`, `ReportageNews`, `BlogPosting` …, also inside
//! `@graph` or an array), taken only when it is plausible: long enough, and
//! mostly made of text the page shows (a teaser, or a body of another
//! article, is not the page's article).

use dom_query::Document;
use serde_json::Value;

/// Types whose `articleBody` is an article's text.
const ARTICLE_TYPES: &[&str] = &[
    "Article",
    "NewsArticle",
    "ReportageNews",
    "AnalysisNewsArticle",
    "OpinionNewsArticle",
    "BackgroundNewsArticle",
    "ReviewNewsArticle",
    "BlogPosting",
    "SocialMediaPosting",
    "LiveBlogPosting",
    "Report",
    "ScholarlyArticle",
    "TechArticle",
];

/// Largest JSON-LD script read (bytes).
const MAX_SCRIPT: usize = 4 * 1024 * 1024;
/// Fewest characters (whitespace excluded) of a body worth taking.
const MIN_CHARS: usize = 300;
/// Windows of words sampled from the body to check the page shows it.
const PROBES: usize = 12;
const PROBE_WORDS: usize = 5;

/// The longest `articleBody` of the page's JSON-LD, whitespace tidied.
pub(crate) fn article_body(doc: &Document) -> Option<String> {
    let mut best: Option<String> = None;
    for script in doc.select("script[type]").iter().take(64) {
        let kind = script.attr("type").unwrap_or_default().to_ascii_lowercase();
        if !kind.contains("ld+json") {
            continue;
        }
        let text = script.text();
        if text.len() > MAX_SCRIPT {
            continue;
        }
        let Ok(value) = serde_json::from_str::<Value>(text.trim()) else {
            continue;
        };
        let mut found = Vec::new();
        bodies(&value, 0, &mut found);
        for body in found {
            if best.as_ref().is_none_or(|b| body.len() > b.len()) {
                best = Some(body);
            }
        }
    }
    best.map(|b| tidy(&super::markup::decode_entities(&b)))
}

/// Whether `body` is long enough and mostly text that `visible` (the
/// page's squashed visible text) shows.
pub(crate) fn plausible(body: &str, visible: &str) -> bool {
    let chars = body.chars().filter(|c| !c.is_whitespace()).count();
    if chars < MIN_CHARS {
        return false;
    }
    let words: Vec<&str> = body.split_whitespace().collect();
    if words.len() < PROBE_WORDS * 2 {
        return false;
    }
    let step = (words.len() - PROBE_WORDS) / PROBES.max(1);
    let probes: Vec<String> = (0..PROBES)
        .map(|i| words[(i * step.max(1)).min(words.len() - PROBE_WORDS)..][..PROBE_WORDS].join(" "))
        .collect();
    let shown = probes
        .iter()
        .filter(|p| visible.contains(p.as_str()))
        .count();
    shown * 2 >= probes.len()
}

fn bodies(value: &Value, depth: usize, out: &mut Vec<String>) {
    // JSON-LD of real pages nests a few levels; serde_json stops at 128.
    if depth > 16 {
        return;
    }
    match value {
        Value::Array(items) => {
            for v in items.iter().take(256) {
                bodies(v, depth + 1, out);
            }
        }
        Value::Object(map) => {
            if is_article(map.get("@type")) {
                if let Some(Value::String(body)) = map.get("articleBody") {
                    out.push(body.clone());
                }
            }
            for key in [
                "@graph",
                "mainEntity",
                "mainEntityOfPage",
                "hasPart",
                "itemListElement",
            ] {
                if let Some(v) = map.get(key) {
                    bodies(v, depth + 1, out);
                }
            }
        }
        _ => {}
    }
}

fn is_article(kind: Option<&Value>) -> bool {
    let named = |s: &str| {
        let s = s.rsplit(['/', ':']).next().unwrap_or(s);
        ARTICLE_TYPES.contains(&s)
    };
    match kind {
        Some(Value::String(s)) => named(s),
        Some(Value::Array(a)) => a.iter().any(|v| v.as_str().is_some_and(named)),
        _ => false,
    }
}

/// Lines trimmed, runs of spaces collapsed, at most one blank line between paragraphs.
fn tidy(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut blank = false;
    for line in text.lines() {
        let line = line.split_whitespace().collect::<Vec<_>>().join(" ");
        if line.is_empty() {
            blank = !out.is_empty();
            continue;
        }
        if !out.is_empty() {
            out.push_str(if blank { "\n\n" } else { "\n" });
        }
        blank = false;
        out.push_str(&line);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    const BODY: &str = "Київ, 3 березня. Кабінет міністрів ухвалив постанову про відновлення \
        зруйнованих мостів у трьох областях. Роботи почнуться навесні, а фінансування \
        надійде з фонду ліквідації наслідків збройної агресії. Міністр інфраструктури \
        заявив, що перші мости відкриють уже влітку. Місцеві громади просили про це \
        понад рік, адже об'їзди подовжують дорогу до лікарень і шкіл на десятки кілометрів.";

    #[test]
    fn article_body_is_found_inside_a_graph() {
        let page = format!(
            "<html><head><script type=\"application/ld+json\">{{\"@context\":\"https://schema.org\",\
             \"@graph\":[{{\"@type\":\"WebPage\",\"name\":\"x\"}},{{\"@type\":[\"NewsArticle\"],\
             \"headline\":\"Мости\",\"articleBody\":\"{BODY}\"}}]}}</script></head>\
             <body><p>{BODY}</p></body></html>"
        );
        let doc = Document::from(page);
        let body = article_body(&doc).expect("articleBody in @graph");
        assert!(body.starts_with("Київ, 3 березня."));
        let visible = BODY.split_whitespace().collect::<Vec<_>>().join(" ");
        assert!(plausible(&body, &visible));
    }

    #[test]
    fn a_body_the_page_does_not_show_or_too_short_is_not_plausible() {
        assert!(!plausible(BODY, "зовсім інший текст сторінки про погоду"));
        assert!(!plausible("Коротко.", "Коротко."));
    }

    #[test]
    fn types_other_than_articles_are_ignored() {
        let page = format!(
            "<script type=\"application/ld+json\">{{\"@type\":\"Recipe\",\"articleBody\":\"{BODY}\"}}</script>"
        );
        assert!(article_body(&Document::from(page)).is_none());
    }
}
