//! SQL text the search paths share, each piece written once: the rank and
//! the snippet call, and the snippet's marks read back as spans. (The FROM/WHERE
//! of a plan is the plan's own: `plan.rs`.)

use super::highlight::Span;
use crate::store::fts::EXACT_FUNCTION;

/// Relevance, higher is better: BM25 over the title (weight 5), the story
/// text (1) and the rest of the page (0.5), negated because FTS5's bm25 is
/// lower for better matches.
pub(crate) const RANK: &str = "-bm25(articles_fts, 5.0, 1.0, 0.5)";

/// How many of the typed word forms (bound as `?k`) a match holds as
/// written: ranked pages sort by it first, then by [`RANK`], so the form the
/// user typed ranks above the word's other forms (`0` when none were typed).
pub(crate) fn exact_rank(k: Option<usize>) -> String {
    match k {
        Some(k) => format!("{EXACT_FUNCTION}(articles_fts, ?{k})"),
        None => "0".to_owned(),
    }
}

/// Text around the matches, 24 tokens, each matched word between STX and
/// ETX: control characters that import removes from every field, so no
/// article can forge or break a mark (`[[`, the markers before, occur in wiki
/// dumps). [`snippet_marks`] turns them into spans; no marker leaves the core.
pub(crate) const SNIPPET: &str = "snippet(articles_fts, -1, char(2), char(3), '…', 24)";

const MARK_OPEN: char = '\u{2}';
const MARK_CLOSE: char = '\u{3}';

/// A snippet of [`SNIPPET`] as its plain text and the code-point spans of
/// its matched words. A mark left open ends with the text; a stray close
/// is dropped.
pub(crate) fn snippet_marks(raw: &str) -> (String, Vec<Span>) {
    let mut text = String::with_capacity(raw.len());
    let mut marks = Vec::new();
    let (mut at, mut open) = (0usize, None);
    for c in raw.chars() {
        match c {
            MARK_OPEN => open = open.or(Some(at)),
            MARK_CLOSE => {
                if let Some(start) = open.take() {
                    if at > start {
                        marks.push(Span { start, end: at });
                    }
                }
            }
            c => {
                text.push(c);
                at += 1;
            }
        }
    }
    if let Some(start) = open.filter(|s| at > *s) {
        marks.push(Span { start, end: at });
    }
    (text, marks)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_snippet_becomes_plain_text_and_code_point_marks() {
        let (text, marks) = snippet_marks("…у \u{2}Женеві\u{3} [[не]] \u{2}мир\u{3}");
        assert_eq!(text, "…у Женеві [[не]] мир");
        assert_eq!(
            marks,
            vec![Span { start: 3, end: 9 }, Span { start: 17, end: 20 }]
        );
    }

    #[test]
    fn an_unbalanced_mark_neither_breaks_the_text_nor_escapes_it() {
        assert_eq!(snippet_marks("a\u{3}b\u{2}cd").0, "abcd");
        assert_eq!(
            snippet_marks("a\u{3}b\u{2}cd").1,
            vec![Span { start: 2, end: 4 }]
        );
        assert_eq!(snippet_marks("\u{2}\u{3}x").1, vec![]);
    }
}
