//! HTML import against Mozilla Readability's test pages: the stored article
//! text is compared with `expected.html` by token precision and recall.

mod harness;

use std::collections::HashMap;

use litopys_core::import::{ImportOptions, ItemStatus};
use litopys_core::store::articles;
use litopys_core::Library;

fn tokens(text: &str) -> HashMap<String, usize> {
    let mut bag = HashMap::new();
    for w in text
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
    {
        *bag.entry(w.to_lowercase()).or_insert(0) += 1;
    }
    bag
}

/// Text of an HTML fragment: tags dropped, the few entities that matter decoded.
fn strip_tags(html: &str) -> String {
    let mut out = String::with_capacity(html.len());
    let mut in_tag = false;
    for c in html.chars() {
        match c {
            '<' => in_tag = true,
            '>' if in_tag => {
                in_tag = false;
                out.push(' ');
            }
            _ if !in_tag => out.push(c),
            _ => {}
        }
    }
    out.replace("&amp;", "&")
        .replace("&nbsp;", " ")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
}

fn overlap(got: &HashMap<String, usize>, want: &HashMap<String, usize>) -> usize {
    got.iter()
        .map(|(w, n)| (*n).min(*want.get(w).unwrap_or(&0)))
        .sum()
}

#[test]
fn extraction_matches_readability_expectations() {
    let root = harness::corpus("html-readability");
    let mut pages: Vec<_> = std::fs::read_dir(&root)
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.is_dir())
        .collect();
    pages.sort();
    let (mut tp, mut got_n, mut want_n) = (0usize, 0usize, 0usize);
    let mut failed = Vec::new();
    let mut titles_ok = 0;
    let mut with_title = 0;
    for page in &pages {
        // A library per page: several test pages share one body and would be duplicates.
        let mut lib = Library::open_in_memory().unwrap();
        let (_, items) = harness::import(
            &mut lib,
            &[page.join("source.html")],
            &ImportOptions::default(),
        );
        let expected = std::fs::read_to_string(page.join("expected.html")).unwrap_or_default();
        let want = tokens(&strip_tags(&expected));
        let item = &items[0];
        let got = match (&item.status, &item.id) {
            (ItemStatus::Imported | ItemStatus::Duplicate, Some(id)) => {
                let a = articles::get(lib.conn(), id).unwrap();
                if let Ok(meta) = std::fs::read_to_string(page.join("expected-metadata.json")) {
                    let meta: serde_json::Value = serde_json::from_str(&meta).unwrap();
                    if let Some(t) = meta["title"].as_str().filter(|t| !t.is_empty()) {
                        with_title += 1;
                        let ok =
                            a.title.trim() == t.split_whitespace().collect::<Vec<_>>().join(" ");
                        titles_ok += usize::from(ok);
                    }
                }
                tokens(&a.body)
            }
            _ => {
                failed.push(format!("{}: {:?}", page.display(), item.error));
                HashMap::new()
            }
        };
        tp += overlap(&got, &want);
        got_n += got.values().sum::<usize>();
        want_n += want.values().sum::<usize>();
    }
    let precision = tp as f64 / got_n.max(1) as f64;
    let recall = tp as f64 / want_n.max(1) as f64;
    let title_rate = titles_ok as f64 / with_title.max(1) as f64;
    eprintln!(
        "html-readability: {} pages, token precision {precision:.3}, recall {recall:.3}, titles {titles_ok}/{with_title}, failed {}",
        pages.len(),
        failed.len()
    );
    assert!(pages.len() >= 100);
    assert!(
        precision >= 0.95 && recall >= 0.95,
        "precision {precision:.3} recall {recall:.3}"
    );
    assert!(title_rate >= 0.98, "titles right: {title_rate:.3}");
    assert!(failed.len() <= 3, "pages without an article: {failed:#?}");
}
