//! Bylines as pages show them, cleaned into an author and a date:
//! `By Nathan Willis\n    March 25, 2015` → `Nathan Willis`, `2015-03-25`;
//! `Автор: Іван Петренко, 25 березня 2015 р.` → `Іван Петренко`, `2015-03-25`.
//! Also the date of the first `<time datetime>` of a page, for pages whose
//! meta tags carry none.
//!
//! Dates are read by the core's one dateline parser
//! ([`parse_dateline`](crate::text::dates::parse_dateline)), which knows
//! month names in Ukrainian, Russian and English in any grammatical case.

use crate::text::dates::normalize_date;
use crate::text::dates::parse_dateline;

/// What a byline says.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Byline {
    pub author: Option<String>,
    /// `YYYY-MM-DD`: only the day (a byline's time has no zone, and `3:46 PM`
    /// is not a time the dateline parser reads).
    pub date: Option<String>,
}

/// Words that introduce an author, lowercase, tried longest first.
const AUTHOR_LABELS: &[&str] = &[
    "written by",
    "posted by",
    "story by",
    "text by",
    "автори",
    "авторы",
    "автор",
    "текст",
    "від",
    "от",
    "by",
    "par",
    "von",
];

/// Text that is a label for a date, not a name (`Last Updated: …`).
const DATE_LABELS: &[&str] = &[
    "updated",
    "last updated",
    "published",
    "posted",
    "posted on",
    "on",
    "date",
    "оновлено",
    "опубліковано",
    "обновлено",
    "опубликовано",
    "дата",
];

/// A byline longer than this is page text, not a byline.
const MAX_BYLINE_CHARS: usize = 400;

/// Tokens of a line tried as the start of a date; bylines are short.
const MAX_TOKENS: usize = 40;

/// Cleans a byline: an author without `By`/`Автор:` and without the date,
/// and the date if the byline holds one.
pub fn clean(raw: &str) -> Byline {
    let mut out = Byline::default();
    if raw.chars().count() > MAX_BYLINE_CHARS {
        return out;
    }
    for line in lines(raw) {
        let (before, date) = match find_date(&line) {
            Some((start, date)) => (&line[..start], Some(date)),
            None => (line.as_str(), None),
        };
        if out.date.is_none() {
            out.date = date;
        }
        if out.author.is_none() {
            out.author = author(before);
        }
    }
    out
}

/// Lines with their whitespace collapsed; a line that is only a label
/// (`By` on a line of its own) joins the next.
fn lines(raw: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let mut pending = String::new();
    for l in raw.lines() {
        let l = l.split_whitespace().collect::<Vec<_>>().join(" ");
        if l.is_empty() {
            continue;
        }
        let line = if pending.is_empty() {
            l
        } else {
            format!("{pending} {l}")
        };
        let bare = line.trim_end_matches(':').to_lowercase();
        if AUTHOR_LABELS.contains(&bare.as_str()) {
            pending = line;
        } else {
            pending.clear();
            out.push(line);
        }
    }
    out
}

/// The byte where the first date of `line` starts, and that date.
fn find_date(line: &str) -> Option<(usize, String)> {
    let tokens: Vec<(usize, &str)> = line
        .split_whitespace()
        .map(|w| (w.as_ptr() as usize - line.as_ptr() as usize, w))
        .take(MAX_TOKENS)
        .collect();
    for i in 0..tokens.len() {
        // The longest run of tokens from here that is a date: trailing words
        // the parser does not read (`PM`, `Updated …`) are dropped.
        for j in (i + 1..=tokens.len().min(i + 8)).rev() {
            let (start, _) = tokens[i];
            let (last, word) = tokens[j - 1];
            let text = line[start..last + word.len()].trim_matches(|c| matches!(c, '(' | ')'));
            if let Some(Some(date)) = parse_dateline(text) {
                return Some((start, date.chars().take(10).collect()));
            }
        }
    }
    None
}

/// The author in what precedes a byline's date: labels and separators
/// removed; none if nothing like a name is left.
fn author(text: &str) -> Option<String> {
    let separators = |c: char| {
        c.is_whitespace() || matches!(c, ',' | '|' | '—' | '–' | '-' | '·' | '•' | ':' | ';' | '/')
    };
    let mut s = text.trim_matches(separators).to_owned();
    // `… on`, `… at`, `… о` before the date.
    for tail in [" on", " at", " о", " в"] {
        if s.to_lowercase().ends_with(tail) {
            s.truncate(s.len() - tail.len());
        }
    }
    let mut s = s.trim_matches(separators);
    for label in AUTHOR_LABELS {
        if let Some(rest) = strip_label(s, label) {
            s = rest.trim_matches(separators);
            break;
        }
    }
    let bare = s.to_lowercase();
    if s.is_empty() || DATE_LABELS.contains(&bare.as_str()) || !s.chars().any(char::is_alphabetic) {
        return None;
    }
    Some(s.to_owned())
}

/// `text` after `label` (compared letter by letter, ignoring case) if the
/// label is a whole word there: `By Smith` → `Smith`, `Byron` → none.
fn strip_label<'a>(text: &'a str, label: &str) -> Option<&'a str> {
    let mut chars = text.char_indices();
    for want in label.chars() {
        let (_, got) = chars.next()?;
        if !got.to_lowercase().eq(want.to_lowercase()) {
            return None;
        }
    }
    let rest = chars.next().map_or("", |(i, _)| &text[i..]);
    (rest.is_empty() || rest.starts_with([' ', ':'])).then_some(rest)
}

/// The date of the first `<time datetime="…">` of a page that is a date.
pub fn time_element_date(html: &str) -> Option<String> {
    let lower = html.to_ascii_lowercase();
    let mut from = 0;
    while let Some(at) = lower[from..].find("<time") {
        let start = from + at;
        let end = lower[start..].find('>').map_or(lower.len(), |e| start + e);
        let tag = &html[start..end];
        from = end;
        if let Some(value) = attribute(tag, "datetime") {
            if let Some(date) = normalize_date(value) {
                return Some(date);
            }
        }
    }
    None
}

/// The value of `name="…"` (or `'…'`) in one tag.
fn attribute<'a>(tag: &'a str, name: &str) -> Option<&'a str> {
    let lower = tag.to_ascii_lowercase();
    let at = lower.find(&format!("{name}="))? + name.len() + 1;
    let rest = &tag[at..];
    let quote = rest.chars().next()?;
    if quote == '"' || quote == '\'' {
        let inner = &rest[1..];
        inner.find(quote).map(|e| &inner[..e])
    } else {
        rest.split(|c: char| c.is_whitespace() || c == '/').next()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels_are_found_at_word_ends_only() {
        assert_eq!(author("Byron Smith").as_deref(), Some("Byron Smith"));
        assert_eq!(author("By Byron Smith").as_deref(), Some("Byron Smith"));
        assert_eq!(author("Last Updated:"), None);
    }
}
