//! Where a query's words occur in an article's text, for highlighting in the
//! reader: code-point spans of every word that the query's words, prefixes and
//! phrase words match in any form.

use std::collections::HashSet;

use super::query::{parse, Query};
use crate::store::fts::stems;
use crate::text::analyze::for_each_token;
use crate::text::language::Language;

/// A span of text in Unicode code points.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct Span {
    pub start: usize,
    pub end: usize,
}

#[derive(Default)]
struct Wanted {
    terms: HashSet<String>,
    stems: HashSet<String>,
    prefixes: Vec<String>,
}

fn collect(q: &Query, w: &mut Wanted) {
    let mut words = |text: &str, forms: bool| {
        for_each_token(text, |t| {
            if forms {
                w.stems.extend(stems(&t.term, Language::Other));
            }
            w.terms.insert(t.term);
        });
    };
    match q {
        Query::Word(t) => words(t, true),
        Query::Phrase(t) => words(t, false),
        Query::Prefix(p) => for_each_token(p, |t| w.prefixes.push(t.term)),
        Query::Near { items, .. } | Query::And(items) | Query::Or(items) => {
            items.iter().for_each(|i| collect(i, w))
        }
        Query::Title(inner) => collect(inner, w),
        // Negated words are what the article does not contain; notes are elsewhere.
        Query::Not(_) | Query::Note(_) => {}
        Query::Source(_)
        | Query::Lang(_)
        | Query::Tag(_)
        | Query::Story(_)
        | Query::Has(_)
        | Query::Scope(_)
        | Query::Date { .. } => {}
    }
}

/// Spans of `text` that `query` matched; empty for a query that does not parse.
pub fn spans(query: &str, text: &str, language: Language) -> Vec<Span> {
    let Ok(q) = parse(query) else {
        return Vec::new();
    };
    let mut w = Wanted::default();
    collect(&q, &mut w);
    if w.terms.is_empty() && w.prefixes.is_empty() {
        return Vec::new();
    }
    let mut out = Vec::new();
    // Byte offsets to code points, walking forward once.
    let (mut byte, mut cp) = (0usize, 0usize);
    let mut to_cp = |b: usize| {
        cp += text[byte..b].chars().count();
        byte = b;
        cp
    };
    for_each_token(text, |t| {
        let hit = w.terms.contains(&t.term)
            || w.prefixes.iter().any(|p| t.term.starts_with(p.as_str()))
            || (!w.stems.is_empty()
                && stems(&t.term, language).iter().any(|s| w.stems.contains(s)));
        if hit {
            let start = to_cp(t.start);
            let end = to_cp(t.end);
            out.push(Span { start, end });
        }
    });
    out
}

/// Spans of words that mix Latin and Cyrillic letters (look-alike spoofs, OCR slips).
pub fn mixed_script(text: &str) -> Vec<Span> {
    let mut out = Vec::new();
    let (mut byte, mut cp) = (0usize, 0usize);
    for_each_token(text, |t| {
        if t.mixed_script {
            cp += text[byte..t.start].chars().count();
            let start = cp;
            cp += text[t.start..t.end].chars().count();
            byte = t.end;
            out.push(Span { start, end: cp });
        }
    });
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn marked(query: &str, text: &str) -> Vec<String> {
        let chars: Vec<char> = text.chars().collect();
        spans(query, text, Language::Uk)
            .into_iter()
            .map(|s| chars[s.start..s.end].iter().collect())
            .collect()
    }

    #[test]
    fn words_in_any_form_prefixes_and_phrases() {
        let text = "«Переговорів» не буде: переговори зірвано, Лавров мовчить.";
        assert_eq!(marked("переговори", text), ["Переговорів", "переговори"]);
        assert_eq!(marked("Лав* -мовчить", text), ["Лавров"]);
        assert_eq!(marked("\"не буде\"", text), ["не", "буде"]);
        assert!(marked("lang:uk", text).is_empty());
        assert!(marked("lang:xx", text).is_empty());
    }

    #[test]
    fn mixed_script_words_in_code_points() {
        let text = "Нове: Підписуйтеcь тут";
        let s = mixed_script(text);
        let chars: Vec<char> = text.chars().collect();
        assert_eq!(s.len(), 1);
        assert_eq!(
            chars[s[0].start..s[0].end].iter().collect::<String>(),
            "Підписуйтеcь"
        );
    }
}
