//! Text, link-text and tag counts of every element of a page, measured in
//! one bottom-up pass (linear in the page whatever its nesting: asking each
//! element for its text would rescan every subtree once per ancestor).

use std::collections::HashMap;

use dom_query::{Document, NodeId, NodeRef};

/// Elements whose text is not shown.
const HIDDEN: &[&str] = &[
    "script", "style", "noscript", "template", "svg", "math", "iframe", "select", "head",
];

#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Stat {
    /// Visible characters, whitespace excluded.
    pub chars: usize,
    /// Of those, characters inside links.
    pub link_chars: usize,
    /// Elements inside, the element itself included.
    pub tags: usize,
    /// Characters of the `<p>` elements inside with little link text.
    pub para_chars: usize,
}

impl Stat {
    pub fn link_density(&self) -> f64 {
        self.link_chars as f64 / self.chars.max(1) as f64
    }
}

pub(crate) struct PageStats {
    by_node: HashMap<NodeId, Stat>,
}

impl PageStats {
    pub fn measure(doc: &Document) -> PageStats {
        let root = doc.root();
        let nodes = root.descendants();
        let mut by_node: HashMap<NodeId, Stat> = HashMap::with_capacity(nodes.len());
        // Children come after their parent in document order: walking it
        // backwards, each node is complete when it is added to its parent.
        for node in nodes.iter().rev() {
            let mut stat = by_node.remove(&node.id).unwrap_or_default();
            if node.is_text() {
                stat.chars = node.text().chars().filter(|c| !c.is_whitespace()).count();
            } else if node.is_element() {
                let name = name_of(node);
                if HIDDEN.contains(&name.as_str()) {
                    stat = Stat::default();
                }
                stat.tags += 1;
                if name == "a" {
                    stat.link_chars = stat.chars;
                }
                if name == "p" && stat.link_density() < 0.5 {
                    stat.para_chars = stat.chars;
                }
            } else {
                continue;
            }
            by_node.insert(node.id, stat);
            if let Some(parent) = node.parent() {
                let p = by_node.entry(parent.id).or_default();
                p.chars += stat.chars;
                p.link_chars += stat.link_chars;
                p.tags += stat.tags;
                p.para_chars += stat.para_chars;
            }
        }
        PageStats { by_node }
    }

    pub fn of(&self, node: &NodeRef<'_>) -> Stat {
        self.by_node.get(&node.id).copied().unwrap_or_default()
    }
}

/// The lower-case tag name of an element (empty for other nodes).
pub(crate) fn name_of(node: &NodeRef<'_>) -> String {
    node.node_name()
        .map(|n| n.to_ascii_lowercase())
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_text_links_and_paragraphs_bottom_up() {
        let doc = Document::from(
            "<body><div id=d><p>Hello world</p><p><a href=x>link text</a></p>\
             <script>var hidden = 1;</script></div></body>",
        );
        let stats = PageStats::measure(&doc);
        let div = doc.select("#d");
        let node = div.nodes().first().copied().expect("div");
        let s = stats.of(&node);
        assert_eq!(s.chars, "Helloworld".len() + "linktext".len());
        assert_eq!(s.link_chars, "linktext".len());
        assert_eq!(s.para_chars, "Helloworld".len());
        assert_eq!(s.tags, 5);
    }
}
