//! Turns what a reader found in a file into an article ready to store:
//! canonical text, title, language, date, source and content hash.

use super::ItemError;
use crate::store::{blocks, NewArticle};
use crate::text::blocks as text_blocks;
use crate::text::language::{self, Language};
use crate::text::normalize::{canonical_text, squash_whitespace, trim_blank_lines};

use crate::text::dates::normalize_date;

/// An article as a reader found it, before normalisation.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RawArticle {
    pub title: Option<String>,
    pub body: String,
    pub source: Option<String>,
    pub url: Option<String>,
    pub author: Option<String>,
    pub published: Option<String>,
    pub language: Option<Language>,
    pub encoding: Option<&'static str>,
    /// Lines that were nearly all link text in the page (HTML only).
    pub link_lines: Vec<String>,
    /// Why the article may be worse than it should be (for the report line).
    pub warning: Option<String>,
}

/// Longest title we derive from the text when there is none.
const DERIVED_TITLE_CHARS: usize = 120;

pub fn prepare(
    raw: RawArticle,
    origin_path: String,
    origin_format: &str,
    default_source: Option<&str>,
    classify: bool,
) -> Result<NewArticle, ItemError> {
    // Every reader ends here, so the per-article cap and the control
    // characters are handled once for all formats (a CSV field or JSON string
    // is bounded by its record's cap, which may hold several fields).
    let fields = [
        &raw.title,
        &raw.source,
        &raw.url,
        &raw.author,
        &raw.published,
    ];
    let len = raw.body.len()
        + fields
            .iter()
            .map(|f| f.as_ref().map_or(0, String::len))
            .sum::<usize>();
    if len as u64 > super::MAX_ARTICLE_BYTES {
        return Err(super::too_large(len as u64));
    }
    let raw = without_controls(raw);
    let body = trim_blank_lines(&canonical_text(&raw.body)).to_owned();
    let squashed = squash_whitespace(&body);
    if squashed.is_empty() {
        return Err(ItemError::no_text("no article text (the body is empty)"));
    }
    let clean = |v: Option<String>| {
        v.map(|s| squash_whitespace(&canonical_text(&s)))
            .filter(|s| !s.is_empty())
    };
    let url = clean(raw.url);
    let source = clean(raw.source)
        .or_else(|| default_source.map(str::to_owned))
        .or_else(|| url.as_deref().and_then(host_of));
    let layout = if classify {
        let mut l = blocks::layout(&body, &blocks::source_key(source.as_deref(), &origin_path));
        l.mark_links(&body, &raw.link_lines);
        l
    } else {
        blocks::Layout::default()
    };
    // Without metadata, title and date come from the story, never from the
    // list of other headlines a scraped page ends with.
    let title = clean(raw.title).unwrap_or_else(|| derive_title(&story_head(&body, &layout)));
    let published = raw.published.or_else(|| {
        (origin_format == "txt")
            .then(|| text_blocks::head_date(&body, &layout.blocks))
            .flatten()
    });
    let language = match raw.language {
        Some(l @ (Language::Uk | Language::Ru)) => l,
        _ => language::detect(&body),
    };
    Ok(NewArticle {
        title,
        content_hash: blake3::hash(squashed.as_bytes()).to_hex().to_string(),
        body,
        source,
        url,
        author: clean(raw.author),
        published_at: published.as_deref().and_then(normalize_date),
        language,
        origin_path,
        origin_format: origin_format.to_owned(),
        encoding: raw.encoding.map(str::to_owned),
        layout,
    })
}

/// The article with C0 control characters other than tab, line feed and
/// carriage return removed from every field: a NUL or escape from a JSON
/// string or CSV field would otherwise be stored and printed raw.
fn without_controls(raw: RawArticle) -> RawArticle {
    let strip = |s: String| {
        if s.bytes().any(is_stray_control) {
            s.chars()
                .filter(|c| !c.is_ascii() || !is_stray_control(*c as u8))
                .collect()
        } else {
            s
        }
    };
    RawArticle {
        title: raw.title.map(strip),
        body: strip(raw.body),
        source: raw.source.map(strip),
        url: raw.url.map(strip),
        author: raw.author.map(strip),
        published: raw.published.map(strip),
        link_lines: raw.link_lines.into_iter().map(strip).collect(),
        ..raw
    }
}

fn is_stray_control(b: u8) -> bool {
    (b < 0x20 && !matches!(b, b'\t' | b'\n' | b'\r')) || b == 0x7f
}

/// The text from the first story block on (the whole body when none is story).
fn story_head(body: &str, layout: &blocks::Layout) -> String {
    match layout
        .blocks
        .iter()
        .find(|b| b.class == text_blocks::BlockClass::Story)
    {
        Some(b) => body.chars().skip(b.start).collect(),
        None => body.to_owned(),
    }
}

/// The site name of a URL (`https://www.lenta.ua/x` → `lenta.ua`).
fn host_of(url: &str) -> Option<String> {
    let rest = url.split_once("://")?.1;
    let host = rest.split(['/', '?', '#']).next()?;
    let host = host.rsplit('@').next()?.split(':').next()?;
    let host = host.strip_prefix("www.").unwrap_or(host);
    (!host.is_empty() && host.contains('.')).then(|| host.to_ascii_lowercase())
}

/// Splits a plain-text article into its headline line and body. The first line
/// is a headline when it is short, does not end like a sentence, and the file
/// does not begin with a blank line.
pub fn split_headline(text: &str) -> (Option<String>, &str) {
    let Some((first, rest)) = text.split_once('\n') else {
        return (None, text);
    };
    let line = first.trim();
    let words = line.split_whitespace().count();
    let chars = line.chars().count();
    let sentence_end = line.ends_with(['.', ',', ';', ':']) && !line.ends_with("...");
    let headline = !first
        .trim_start_matches('\u{FEFF}')
        .starts_with(char::is_whitespace)
        && (3..=250).contains(&chars)
        && (1..=40).contains(&words)
        && !sentence_end
        && !rest.trim().is_empty();
    if headline {
        (Some(line.to_owned()), rest)
    } else {
        (None, text)
    }
}

/// A title made from the text: its first sentence, shortened at a word boundary.
pub fn derive_title(body: &str) -> String {
    let first_para = body
        .split('\n')
        .map(str::trim)
        .find(|l| !l.is_empty())
        .unwrap_or("");
    let sentence = first_sentence(first_para);
    if sentence.chars().count() <= DERIVED_TITLE_CHARS {
        return sentence.to_owned();
    }
    let mut cut = String::new();
    for word in sentence.split_whitespace() {
        if cut.chars().count() + word.chars().count() + 1 > DERIVED_TITLE_CHARS {
            break;
        }
        if !cut.is_empty() {
            cut.push(' ');
        }
        cut.push_str(word);
    }
    if cut.is_empty() {
        cut = sentence.chars().take(DERIVED_TITLE_CHARS).collect();
    }
    let cut = cut.trim_end_matches([',', ';', ':', '-', '–', '—', ' ']);
    format!("{cut}…")
}

fn first_sentence(para: &str) -> &str {
    let mut chars = para.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        if matches!(c, '.' | '!' | '?') && i >= 20 {
            if let Some(&(_, next)) = chars.peek() {
                if next == ' ' {
                    return &para[..i + c.len_utf8()];
                }
            }
        }
    }
    para
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headline_line_is_split_off() {
        let (t, rest) = split_headline("Заголовок новини\n\nПерший абзац.\n");
        assert_eq!(t.as_deref(), Some("Заголовок новини"));
        assert_eq!(rest.trim(), "Перший абзац.");
    }

    #[test]
    fn leading_blank_line_means_no_headline() {
        let (t, _) = split_headline("\nРосія почала пропонувати переговори.\nДругий.");
        assert_eq!(t, None);
    }

    #[test]
    fn sentence_is_not_a_headline() {
        let (t, _) = split_headline("Це звичайне речення, що закінчується крапкою.\nДалі текст.");
        assert_eq!(t, None);
    }

    #[test]
    fn derived_title_is_first_sentence_or_shortened() {
        assert_eq!(
            derive_title("\nКороткий початок статті тут. Далі."),
            "Короткий початок статті тут."
        );
        let long = "слово ".repeat(60);
        let t = derive_title(&long);
        assert!(
            t.ends_with('…') && t.chars().count() <= DERIVED_TITLE_CHARS + 1,
            "{t}"
        );
    }

    #[test]
    fn host_becomes_source() {
        assert_eq!(
            host_of("https://www.lenta.ua/news/1").as_deref(),
            Some("lenta.ua")
        );
        assert_eq!(host_of("not a url"), None);
    }

    #[test]
    fn control_characters_are_removed_from_every_field() {
        let raw = RawArticle {
            title: Some("Ti\0tle\u{1b}[31m".into()),
            body: "Пер\0ший\tрядок\nдругий\u{7}".into(),
            author: Some("A\u{1}B".into()),
            ..Default::default()
        };
        let a = prepare(raw, "x".into(), "json", None, true).unwrap();
        assert_eq!(a.title, "Title[31m");
        assert_eq!(a.body, "Перший\tрядок\nдругий");
        assert_eq!(a.author.as_deref(), Some("AB"));
    }

    #[test]
    fn empty_body_is_an_error() {
        let raw = RawArticle {
            body: " \n\t ".into(),
            ..Default::default()
        };
        assert!(prepare(raw, "x".into(), "txt", None, true).is_err());
    }
}
