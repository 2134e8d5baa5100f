//! Where a query's words occur in an article's text, for highlighting in the
//! reader: code-point spans of every word the index files under a term the
//! compiled query asks for ([`Plan::terms`]). The same terms the search
//! matched, and the same tokenizer that indexed the text, reading each line
//! in the language of the column it was indexed in (story or the rest), so a
//! highlight never stems differently from the search that found the article.

use std::collections::HashSet;

use super::plan::Plan;
use crate::store::block_column;
use crate::store::fts::indexed_words;
use crate::text::analyze::for_each_token;
use crate::text::blocks::{Block, BlockClass};
use crate::text::language;

/// A span of text in Unicode code points.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct Span {
    pub start: usize,
    pub end: usize,
}

/// Spans of `body` holding a word that `plan` asks for (not under NOT);
/// `blocks` are the body's lines with their classes, as the index split it.
pub fn spans(plan: &Plan, body: &str, blocks: &[Block]) -> Vec<Span> {
    let exact: HashSet<&str> = plan
        .terms
        .iter()
        .filter(|t| !t.prefix)
        .map(|t| t.term.as_str())
        .collect();
    let prefixes: Vec<&str> = plan
        .terms
        .iter()
        .filter(|t| t.prefix)
        .map(|t| t.term.as_str())
        .collect();
    let mut out = Vec::new();
    if exact.is_empty() && prefixes.is_empty() {
        return out;
    }
    // Each column's language, read off the column's text as the tokenizer did.
    let (story, rest) = block_column::split_text(body, Some(&block_column::encode(blocks)));
    let (story_lang, rest_lang) = (language::detect(&story), language::detect(&rest));
    // Code points to bytes, walking forward once over the (sorted) lines.
    let (mut byte, mut cp) = (0usize, 0usize);
    let mut to_byte = |target: usize| {
        for c in body[byte..].chars() {
            if cp >= target {
                break;
            }
            byte += c.len_utf8();
            cp += 1;
        }
        byte
    };
    for block in blocks {
        let (from, to) = (to_byte(block.start), to_byte(block.end));
        let lang = match block.class {
            BlockClass::Story => story_lang,
            _ => rest_lang,
        };
        let line = &body[from..to];
        let (mut at_byte, mut at_cp) = (0usize, block.start);
        indexed_words(line, lang, |start, end, terms| {
            let hit = terms
                .iter()
                .any(|t| exact.contains(t.as_str()) || prefixes.iter().any(|p| t.starts_with(p)));
            if hit {
                at_cp += line[at_byte..start].chars().count();
                let first = at_cp;
                at_cp += line[start..end].chars().count();
                at_byte = end;
                out.push(Span {
                    start: first,
                    end: at_cp,
                });
            }
        });
    }
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
        let lib = crate::Library::open_in_memory().expect("library");
        let plan = crate::search::prepare(lib.conn(), query).expect("query");
        let chars: Vec<char> = text.chars().collect();
        let lines = crate::store::block_column::full(text, None);
        spans(&plan, text, &lines)
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
        assert!(marked("lang:ru", text).is_empty());
    }

    #[test]
    fn negated_words_and_note_words_are_not_highlighted() {
        let text = "Переговори у Женеві: Лавров мовчить.";
        assert_eq!(marked("Женева -Лавров", text), ["Женеві"]);
        assert_eq!(marked("Женева NOT (Лавров OR мовчить)", text), ["Женеві"]);
        assert_eq!(marked("Женева note:Лавров", text), ["Женеві"]);
        assert_eq!(marked("(Женева OR source:x) -мовчить", text), ["Женеві"]);
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
