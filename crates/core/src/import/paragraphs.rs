//! The fallback when Readability finds too little: the element holding the
//! most paragraph text (paragraphs of low link density, counted for their
//! parent and half for their grandparent, as Readability scores them, but
//! without its class and id guesses), and its text blocks of low link
//! density and a high text-to-tag ratio.

use dom_query::{Document, NodeRef};

use super::page_stats::{name_of, PageStats, Stat};

/// Elements whose text is one block of the article.
const TEXT_BLOCKS: &[&str] = &[
    "p",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "li",
    "blockquote",
    "pre",
    "dd",
    "dt",
    "td",
    "figcaption",
];

/// Blocks with more link text than this are navigation, not article.
const MAX_LINK_DENSITY: f64 = 0.5;

/// The text of the best paragraph cluster of `doc`, one block per paragraph.
pub(crate) fn cluster_text(doc: &Document) -> String {
    let stats = PageStats::measure(doc);
    let root = doc.root();
    let mut best: Option<(usize, NodeRef<'_>)> = None;
    let mut scores: std::collections::HashMap<dom_query::NodeId, usize> =
        std::collections::HashMap::new();
    for node in root.descendants() {
        if !node.is_element() || name_of(&node) != "p" {
            continue;
        }
        let s = stats.of(&node);
        if s.chars < 20 || s.link_density() >= MAX_LINK_DENSITY {
            continue;
        }
        let Some(parent) = node.parent() else {
            continue;
        };
        for (ancestor, share) in [(Some(parent), 2), (parent.parent(), 1)] {
            let Some(a) = ancestor.filter(NodeRef::is_element) else {
                continue;
            };
            let score = scores.entry(a.id).or_default();
            *score += s.chars * share;
            if best.as_ref().is_none_or(|(b, _)| *score > *b) {
                best = Some((*score, a));
            }
        }
    }
    match best {
        Some((_, node)) => blocks_text(&node, &stats),
        None => String::new(),
    }
}

/// The text blocks under `node` that read as prose, one per paragraph.
pub(crate) fn blocks_text(node: &NodeRef<'_>, stats: &PageStats) -> String {
    let mut out = String::new();
    // Depth-first in document order with an explicit stack: a block taken
    // is not looked into again.
    let mut stack: Vec<NodeRef<'_>> = node.element_children().into_iter().rev().collect();
    while let Some(d) = stack.pop() {
        let name = name_of(&d);
        if !TEXT_BLOCKS.contains(&name.as_str()) {
            stack.extend(d.element_children().into_iter().rev());
            continue;
        }
        if !reads_as_prose(&stats.of(&d)) {
            continue;
        }
        let text = d.text();
        let line = text.split_whitespace().collect::<Vec<_>>().join(" ");
        if !line.is_empty() {
            if !out.is_empty() {
                out.push_str("\n\n");
            }
            out.push_str(&line);
        }
    }
    out
}

/// Low link density and enough text per tag (a block of many small
/// elements with a word each is a widget, not a paragraph).
fn reads_as_prose(s: &Stat) -> bool {
    s.chars > 0 && s.link_density() < MAX_LINK_DENSITY && s.chars >= s.tags * 3
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_cluster_with_most_paragraph_text_wins_over_link_lists() {
        let doc = Document::from(
            "<body><div id=menu><p><a href=/>Головна</a> <a href=/n>Новини</a> <a href=/s>Спорт</a></p></div>\
             <div class=x><div class=y>\
             <p>Уряд ухвалив новий бюджет на наступний рік після довгих дебатів у парламенті.</p>\
             <p>Видатки на оборону зростуть, а на освіту залишаться на рівні минулого року.</p>\
             </div></div><div><p>Короткий підпис</p></div></body>",
        );
        let text = cluster_text(&doc);
        assert!(text.starts_with("Уряд ухвалив"), "{text}");
        assert!(text.contains("\n\nВидатки на оборону"));
        assert!(!text.contains("Головна"));
    }
}
