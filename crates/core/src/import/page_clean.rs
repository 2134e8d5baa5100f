//! Removal of what surrounds an article before its text is looked for:
//! navigation, asides and footers; comment sections; related-link lists,
//! share and subscribe blocks; lists that are nothing but links.
//!
//! Each decision reads the counts of [`PageStats`] (one linear pass), and a
//! block that holds most of the page's paragraph text is never removed,
//! whatever its class says (`<div class="post has-comments">`).

use dom_query::{Document, NodeRef};

use super::page_stats::{name_of, PageStats};

/// Elements that are never part of the article.
const CHROME_TAGS: &[&str] = &["nav", "aside", "footer", "menu", "dialog"];

/// ARIA roles of the same.
const CHROME_ROLES: &[&str] = &[
    "navigation",
    "complementary",
    "contentinfo",
    "banner",
    "search",
    "dialog",
];

/// Class or id words of comment sections.
const COMMENT_WORDS: &[&str] = &[
    "comment",
    "comments",
    "commentlist",
    "disqus",
    "respond",
    "replies",
    "discussion",
];

/// Class or id words of related-link lists, share and subscribe blocks.
const AROUND_WORDS: &[&str] = &[
    "related",
    "share",
    "sharing",
    "social",
    "subscribe",
    "subscription",
    "newsletter",
    "promo",
    "recommended",
    "recommendations",
    "popular",
    "trending",
    "outbrain",
    "taboola",
    "breadcrumb",
    "breadcrumbs",
    "readmore",
    "more-stories",
    "signup",
    "advert",
    "advertisement",
    "sponsored",
    "cookie",
    "cookies",
    "paywall",
    "tags",
    "sidebar",
];

/// What [`clean`] removed, for tests and the benchmark.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Removed {
    pub chrome: usize,
    pub comments: usize,
    pub around: usize,
    pub link_lists: usize,
}

/// Removes the blocks around the article from `doc`.
pub(crate) fn clean(doc: &Document) -> Removed {
    let stats = PageStats::measure(doc);
    let root = doc.root();
    let total_para = stats.of(&root).para_chars.max(1);
    let mut removed = Removed::default();
    let mut doomed: Vec<NodeRef<'_>> = Vec::new();
    for node in root.descendants() {
        if !node.is_element() {
            continue;
        }
        let name = name_of(&node);
        if matches!(name.as_str(), "html" | "body" | "main" | "article") {
            continue;
        }
        let stat = stats.of(&node);
        // Never the article itself, whatever it is called.
        if stat.para_chars * 2 > total_para {
            continue;
        }
        let role = node.attr("role").map(|r| r.to_ascii_lowercase());
        let words = class_words(&node);
        if CHROME_TAGS.contains(&name.as_str())
            || role.as_deref().is_some_and(|r| CHROME_ROLES.contains(&r))
        {
            removed.chrome += 1;
            doomed.push(node);
        } else if words.iter().any(|w| COMMENT_WORDS.contains(&w.as_str())) {
            removed.comments += 1;
            doomed.push(node);
        } else if words.iter().any(|w| AROUND_WORDS.contains(&w.as_str()))
            && (stat.link_density() > 0.25 || stat.chars < 400 || stat.para_chars * 5 < total_para)
        {
            removed.around += 1;
            doomed.push(node);
        } else if matches!(name.as_str(), "ul" | "ol") && is_link_list(&node, &stats) {
            removed.link_lists += 1;
            doomed.push(node);
        }
    }
    for node in doomed {
        // A node inside one already removed is detached with it.
        node.remove_from_parent();
    }
    removed
}

/// The words of an element's class and id (`comment-list` → comment, list, comment-list).
fn class_words(node: &NodeRef<'_>) -> Vec<String> {
    let mut out = Vec::new();
    for attr in ["class", "id"] {
        let Some(value) = node.attr(attr) else {
            continue;
        };
        // Classes are short; a page stuffing megabytes into one is not read.
        for class in value.split_whitespace().take(32) {
            let class = class.to_ascii_lowercase();
            if class.len() > 64 {
                continue;
            }
            out.extend(
                class
                    .split(['-', '_'])
                    .filter(|w| !w.is_empty())
                    .map(str::to_owned),
            );
            out.push(class);
        }
    }
    out
}

/// A list of at least three items each of which is (nearly) all link: a
/// menu or a "read also" list, not an article's own list.
fn is_link_list(node: &NodeRef<'_>, stats: &PageStats) -> bool {
    let items: Vec<NodeRef<'_>> = node
        .element_children()
        .into_iter()
        .filter(|c| name_of(c) == "li")
        .collect();
    if items.len() < 3 {
        return false;
    }
    let stat = stats.of(node);
    stat.link_density() > 0.8
        && items.iter().all(|li| {
            let s = stats.of(li);
            s.chars == 0 || s.link_density() > 0.6
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn article(extra: &str) -> String {
        format!(
            "<html><body><article><h1>Повінь у Херсоні</h1>\
             <p>Вода піднялася на три метри за ніч, і рятувальники вивезли понад двісті людей із затоплених кварталів.</p>\
             <p>Міська рада відкрила три пункти обігріву, де дають гарячу їжу, воду та ліки всім, хто їх потребує.</p>\
             </article>{extra}</body></html>"
        )
    }

    #[test]
    fn a_comment_section_is_removed_and_the_article_stays() {
        let doc = Document::from(article(
            "<section id=\"comments\" class=\"comments-area\"><h2>3 коментарі</h2>\
             <div class=\"comment\"><p>Олег: Жах, тримайтеся!</p></div>\
             <div class=\"comment\"><p>Марія: Де можна допомогти волонтерам?</p></div></section>",
        ));
        let removed = clean(&doc);
        assert!(removed.comments >= 1);
        let text = doc.root().text();
        assert!(text.contains("рятувальники вивезли"));
        assert!(!text.contains("Жах, тримайтеся"));
    }

    #[test]
    fn a_related_links_list_is_removed() {
        let doc = Document::from(article(
            "<div class=\"post-bottom\"><h3>Читайте також</h3><ul>\
             <li><a href=\"/a\">Як підготуватися до евакуації</a></li>\
             <li><a href=\"/b\">Рятувальники показали кадри з Херсона</a></li>\
             <li><a href=\"/c\">Ціни на воду зросли вдвічі</a></li></ul></div>",
        ));
        let removed = clean(&doc);
        assert_eq!(removed.link_lists, 1);
        let text = doc.root().text();
        assert!(text.contains("пункти обігріву"));
        assert!(!text.contains("Ціни на воду"));
    }

    #[test]
    fn an_article_named_like_its_comments_is_kept() {
        let doc = Document::from(
            "<body><div class=\"post has-comments\">\
             <p>Перший абзац статті про вибори, досить довгий, щоб бути статтею.</p>\
             <p>Другий абзац про результати голосування в областях країни.</p></div></body>",
        );
        clean(&doc);
        assert!(doc.root().text().contains("Другий абзац"));
    }
}
