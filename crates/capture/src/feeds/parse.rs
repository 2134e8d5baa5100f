//! RSS 2.0, Atom and XML sitemaps (and sitemap indexes) read as a stream
//! of XML events: no tree is built, at most [`MAX_ITEMS`] items and
//! [`MAX_SITEMAPS`] child sitemaps are kept, and every kept field is capped,
//! so a feed of any size costs bounded memory and linear time. Entities
//! other than XML's five and character references are not expanded.

use quick_xml::events::Event;
use quick_xml::Reader;

/// Most items kept from one feed; later items wait for the feed to shrink.
pub const MAX_ITEMS: usize = 100_000;
/// Most child sitemaps kept from one sitemap index.
pub const MAX_SITEMAPS: usize = 1_000;
/// Longest GUID or link kept (longer ones are dropped).
const MAX_FIELD: usize = 4096;

/// What a feed document holds.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Parsed {
    pub kind: Kind,
    pub items: Vec<Item>,
    /// Sitemaps an index points to.
    pub sitemaps: Vec<String>,
    /// Items beyond [`MAX_ITEMS`] that were not kept.
    pub dropped: usize,
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, serde::Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "snake_case")]
pub enum Kind {
    #[default]
    Rss,
    Atom,
    Sitemap,
    SitemapIndex,
}

/// One entry: its identity (GUID, Atom id, else the link) and its link.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Item {
    pub key: String,
    pub link: String,
}

#[derive(Default)]
struct Entry {
    guid: Option<String>,
    link: Option<String>,
}

/// Reads a feed or sitemap; an error says why the document is not one.
pub fn parse(text: &str) -> Result<Parsed, String> {
    let mut reader = Reader::from_str(text);
    reader.config_mut().check_end_names = false;
    let mut out = Parsed::default();
    let mut root: Option<String> = None;
    let mut entry: Option<Entry> = None;
    // The element whose text is being collected, and the text so far.
    let mut field: Option<String> = None;
    let mut value = String::new();
    loop {
        let event = reader
            .read_event()
            .map_err(|e| format!("malformed XML at byte {}: {e}", reader.buffer_position()))?;
        match event {
            Event::Start(e) | Event::Empty(e) if root.is_none() => {
                let name = local(e.local_name().as_ref());
                out.kind = match name.as_str() {
                    "rss" | "rdf" | "channel" => Kind::Rss,
                    "feed" => Kind::Atom,
                    "urlset" => Kind::Sitemap,
                    "sitemapindex" => Kind::SitemapIndex,
                    other => {
                        return Err(format!(
                            "the document is <{other}>, not RSS, Atom or a sitemap"
                        ))
                    }
                };
                root = Some(name);
            }
            Event::Start(e) => {
                let name = local(e.local_name().as_ref());
                if matches!(name.as_str(), "item" | "entry" | "url" | "sitemap") {
                    entry = Some(Entry::default());
                } else if let Some(en) = entry.as_mut() {
                    if name == "link" && out.kind == Kind::Atom {
                        atom_link(&e, en);
                    } else if matches!(name.as_str(), "guid" | "id" | "link" | "loc") {
                        field = Some(name);
                        value.clear();
                    }
                }
            }
            Event::Empty(e) => {
                let name = local(e.local_name().as_ref());
                if let Some(en) = entry.as_mut() {
                    if name == "link" {
                        atom_link(&e, en);
                    }
                }
            }
            Event::Text(t) if field.is_some() => push_capped(&mut value, &t.html_content()),
            Event::CData(t) if field.is_some() => push_capped(&mut value, &t.into_inner()),
            Event::GeneralRef(r) if field.is_some() => {
                let c = match r.resolve_char_ref() {
                    Ok(Some(c)) => Some(c),
                    _ => match &*r {
                        "amp" => Some('&'),
                        "lt" => Some('<'),
                        "gt" => Some('>'),
                        "quot" => Some('"'),
                        "apos" => Some('\''),
                        _ => None,
                    },
                };
                if let Some(c) = c {
                    push_capped(&mut value, c.encode_utf8(&mut [0; 4]));
                }
            }
            Event::End(e) => {
                let name = local(e.local_name().as_ref());
                if field.as_deref() == Some(name.as_str()) {
                    field = None;
                    let v = value.trim().to_owned();
                    if let Some(en) = entry.as_mut() {
                        if !v.is_empty() && v.len() <= MAX_FIELD {
                            match name.as_str() {
                                "guid" | "id" => en.guid = Some(v),
                                _ => en.link = en.link.take().or(Some(v)),
                            }
                        }
                    }
                } else if matches!(name.as_str(), "item" | "entry" | "url" | "sitemap") {
                    if let Some(en) = entry.take() {
                        finish(&mut out, en, &name);
                    }
                }
            }
            Event::Eof => break,
            _ => {}
        }
    }
    if root.is_none() {
        return Err("no XML element found".into());
    }
    Ok(out)
}

fn finish(out: &mut Parsed, en: Entry, name: &str) {
    let Some(link) = en.link else { return };
    if !(link.starts_with("http://") || link.starts_with("https://")) {
        return;
    }
    if name == "sitemap" {
        if out.sitemaps.len() < MAX_SITEMAPS && !out.sitemaps.contains(&link) {
            out.sitemaps.push(link);
        }
        return;
    }
    if out.items.len() >= MAX_ITEMS {
        out.dropped += 1;
        return;
    }
    let key = en.guid.unwrap_or_else(|| link.clone());
    out.items.push(Item { key, link });
}

/// An Atom `<link href>`: the alternate (or unnamed) one is the item's page.
fn atom_link(e: &quick_xml::events::BytesStart<'_>, en: &mut Entry) {
    let mut href = None;
    let mut rel = None;
    for a in e.attributes().flatten() {
        let v = a
            .normalized_value(quick_xml::XmlVersion::Implicit1_0)
            .map(|v| v.into_owned())
            .ok();
        match a.key.local_name().as_ref() {
            "href" => href = v,
            "rel" => rel = v,
            _ => {}
        }
    }
    if let Some(h) = href.filter(|h| h.len() <= MAX_FIELD) {
        if rel.as_deref().is_none_or(|r| r == "alternate") && en.link.is_none() {
            en.link = Some(h);
        }
    }
}

fn local(name: &str) -> String {
    name.to_ascii_lowercase()
}

fn push_capped(value: &mut String, more: &str) {
    if value.len() <= MAX_FIELD {
        value.push_str(more);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rss_items_are_read_with_guid_and_link() {
        let p = parse(
            r#"<?xml version="1.0"?><rss version="2.0"><channel><title>T</title><link>http://x/</link>
            <item><title>A</title><link>http://x/a?b=1&amp;c=2</link><guid>g-a</guid></item>
            <item><link><![CDATA[http://x/b]]></link></item></channel></rss>"#,
        )
        .unwrap();
        assert_eq!(p.kind, Kind::Rss);
        assert_eq!(
            p.items,
            vec![
                Item {
                    key: "g-a".into(),
                    link: "http://x/a?b=1&c=2".into()
                },
                Item {
                    key: "http://x/b".into(),
                    link: "http://x/b".into()
                },
            ]
        );
    }

    #[test]
    fn atom_entries_take_the_alternate_link() {
        let p = parse(
            r#"<feed xmlns="http://www.w3.org/2005/Atom"><link href="http://x/"/>
            <entry><id>urn:1</id><link rel="edit" href="http://x/edit"/><link href="http://x/1"/></entry></feed>"#,
        )
        .unwrap();
        assert_eq!(p.kind, Kind::Atom);
        assert_eq!(
            p.items,
            vec![Item {
                key: "urn:1".into(),
                link: "http://x/1".into()
            }]
        );
    }

    #[test]
    fn sitemaps_and_indexes_are_told_apart() {
        let p = parse(r#"<urlset><url><loc>http://x/p</loc></url></urlset>"#).unwrap();
        assert_eq!((p.kind, p.items.len()), (Kind::Sitemap, 1));
        let p =
            parse(r#"<sitemapindex><sitemap><loc>http://x/s1.xml</loc></sitemap></sitemapindex>"#)
                .unwrap();
        assert_eq!(
            (p.kind, p.sitemaps.clone()),
            (Kind::SitemapIndex, vec!["http://x/s1.xml".to_owned()])
        );
    }

    #[test]
    fn malformed_or_foreign_documents_are_refused_with_a_reason() {
        assert!(parse("<html><body>hi</body></html>")
            .unwrap_err()
            .contains("<html>"));
        assert!(parse("not xml at all").is_err());
        assert!(parse("<rss><channel><item><link>http://x/a</link></item><").is_err());
    }

    #[test]
    fn a_feed_over_the_item_cap_keeps_the_cap_and_counts_the_rest() {
        let mut s = String::from("<rss><channel>");
        for i in 0..(MAX_ITEMS + 5) {
            s.push_str(&format!("<item><link>http://x/{i}</link></item>"));
        }
        s.push_str("</channel></rss>");
        let p = parse(&s).unwrap();
        assert_eq!((p.items.len(), p.dropped), (MAX_ITEMS, 5));
    }
}
