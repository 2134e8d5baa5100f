//! Credits: where a text says its story comes from. A reprint often opens
//! with "Як повідомляє X, …", "Как сообщает X, …", "За даними X, …",
//! "according to X, …" or carries "(джерело: X)"; the outlet it names had the
//! story first. The first publisher of a story whose members tie on date is
//! decided with it (`store::stories::first`).
//!
//! Cues are compared on analysed words ([`super::analyze`]): case, `ё` and
//! look-alike letters do not matter.

use super::analyze::for_each_token;

/// Characters of the story's opening read for a lead ("Як повідомляє X, …"
/// stands in the first sentence or two; a cue further on credits a quote,
/// not the story).
pub const LEAD_CHARS: usize = 400;

/// Characters read for a "(джерело: X)" credit, which may close the text.
pub const SOURCE_NOTE_CHARS: usize = 20_000;

/// A named source is at most this many words ("Українська правда", "Радіо
/// Свобода", "outlet-3.example"); more is a clause, not a name.
const MAX_NAME_WORDS: usize = 5;

/// Lead cues: the words that introduce the source the story was taken from.
const LEAD_CUES: &[&[&str]] = &[
    &["як", "повідомляє"],
    &["як", "повідомляють"],
    &["як", "повідомило"],
    &["як", "повідомила"],
    &["як", "повідомив"],
    &["як", "пише"],
    &["як", "передає"],
    &["як", "інформує"],
    &["за", "даними"],
    &["за", "інформацією"],
    &["з", "посиланням", "на"],
    &["про", "це", "повідомляє"],
    &["про", "це", "пише"],
    &["про", "це", "повідомило"],
    &["как", "сообщает"],
    &["как", "сообщают"],
    &["как", "сообщило"],
    &["как", "сообщила"],
    &["как", "сообщил"],
    &["как", "пишет"],
    &["как", "передает"],
    &["как", "информирует"],
    &["по", "данным"],
    &["по", "информации"],
    &["со", "ссылкой", "на"],
    &["об", "этом", "сообщает"],
    &["об", "этом", "пишет"],
    &["according", "to"],
    &["as", "reported", "by"],
];

/// Cues of a source note, followed by a colon: "(джерело: X)", "Источник: X".
const NOTE_CUES: &[&str] = &["джерело", "источник", "source"];

/// The source `text` (a story's text) credits, if it names one: the name
/// after the first lead cue in its opening, else after a source note.
pub fn credited(text: &str) -> Option<String> {
    let lead = prefix(text, LEAD_CHARS);
    lead_credit(lead).or_else(|| note_credit(prefix(text, SOURCE_NOTE_CHARS)))
}

/// At most `chars` characters of `text` (cut on a character boundary).
fn prefix(text: &str, chars: usize) -> &str {
    text.char_indices()
        .nth(chars)
        .map_or(text, |(i, _)| &text[..i])
}

/// Where the story resumes after a credit lead opening `text` ("Як
/// повідомляє X, " or "According to X, "), as a byte offset; none if the
/// text does not open with one.
pub fn lead_end(text: &str) -> Option<usize> {
    let opening = prefix(text, LEAD_CHARS);
    let (name, after) = cue_at(opening, &words_of(opening), 0)?;
    let rest = &opening[after..];
    let name_at_byte = after + (rest.len() - rest.trim_start().len());
    let end = name_at_byte + opening[name_at_byte..].find(name.as_str())? + name.len();
    // Only a lead closed by a comma: "Про це повідомляє X." is a sentence of its own.
    let tail = &opening[end..];
    let tail = tail.trim_start_matches(['«', '»', '"', '“', '”', '\'', ' ']);
    tail.starts_with(',')
        .then(|| opening.len() - tail.len() + ','.len_utf8())
}

/// The analysed words of `text` with the byte offset each ends at.
fn words_of(text: &str) -> Vec<(String, usize)> {
    let mut words = Vec::new();
    for_each_token(text, |t| words.push((t.term, t.end)));
    words
}

/// The name after a lead cue starting at word `i`, and where the cue ends.
fn cue_at(text: &str, words: &[(String, usize)], i: usize) -> Option<(String, usize)> {
    LEAD_CUES.iter().find_map(|cue| {
        let fits =
            words.len() > i + cue.len() && cue.iter().zip(&words[i..]).all(|(c, (w, _))| c == w);
        if !fits {
            return None;
        }
        let after = words[i + cue.len() - 1].1;
        name_at(&text[after..]).map(|name| (name, after))
    })
}

fn lead_credit(text: &str) -> Option<String> {
    let words = words_of(text);
    (0..words.len()).find_map(|i| cue_at(text, &words, i).map(|(name, _)| name))
}

/// A source note: a cue word ending in a colon ("джерело:", "Источник:"),
/// found by a plain search of the lowered text (a note may close a long
/// text: tokenising all of it for every tied member would cost more).
fn note_credit(text: &str) -> Option<String> {
    let lowered = text.to_lowercase();
    NOTE_CUES.iter().find_map(|cue| {
        let mut from = 0;
        while let Some(at) = lowered[from..].find(cue) {
            let start = from + at;
            from = start + cue.len();
            // A whole word: not the tail of a longer one ("першоджерело").
            let whole = lowered[..start]
                .chars()
                .next_back()
                .is_none_or(|c| !super::is_letter(c));
            let rest = lowered[from..].trim_start();
            if let (true, Some(after)) = (whole, rest.strip_prefix(':')) {
                if let Some(name) = name_at(after) {
                    return Some(name);
                }
            }
        }
        None
    })
}

/// The name that opens `rest`: up to a comma, a sentence's end, a dash, a
/// colon or a closing bracket, without quotes; none if it is longer than a name.
fn name_at(rest: &str) -> Option<String> {
    let rest = rest.trim_start();
    let mut end = rest.len();
    let mut chars = rest.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        let stops = match c {
            ',' | ';' | ':' | ')' | ']' | '\n' | '—' | '–' | '!' | '?' => true,
            // "outlet-3.example" and "pravda.com.ua" keep their dots.
            '.' => chars.peek().is_none_or(|&(_, n)| n.is_whitespace()),
            _ => false,
        };
        if stops {
            end = i;
            break;
        }
    }
    let quotes: &[char] = &['«', '»', '"', '“', '”', '„', '\''];
    let name = rest[..end].trim().trim_matches(quotes).trim();
    let words = name.split_whitespace().count();
    (words > 0 && words <= MAX_NAME_WORDS).then(|| name.to_owned())
}

/// Whether the credited `name` is the source `source` (an outlet's name or
/// its address, with or without `www.` and its top-level domain).
pub fn names_source(name: &str, source: &str) -> bool {
    let (n, s) = (site(name), site(source));
    if n.is_empty() || s.is_empty() {
        return false;
    }
    n == s || without_tld(&n) == s || without_tld(&s) == n
}

fn site(s: &str) -> String {
    let s = s.trim().to_lowercase();
    let s = s
        .strip_prefix("https://")
        .or_else(|| s.strip_prefix("http://"))
        .unwrap_or(&s);
    let s = s.strip_prefix("www.").unwrap_or(s);
    s.trim_end_matches('/').to_owned()
}

fn without_tld(s: &str) -> &str {
    s.rsplit_once('.').map_or(s, |(head, _)| head)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_lead_names_the_source_in_both_languages_and_english() {
        assert_eq!(
            credited("Як повідомляє «Українська правда», у Києві відкрили міст.").as_deref(),
            Some("Українська правда")
        );
        assert_eq!(
            credited("Как сообщает outlet-3.example, в Москве прошёл митинг.").as_deref(),
            Some("outlet-3.example")
        );
        assert_eq!(
            credited("According to Reuters, the talks failed.").as_deref(),
            Some("Reuters")
        );
        assert_eq!(
            credited("Міст відкрили вранці (джерело: УНІАН).").as_deref(),
            Some("уніан"),
            "a note's name comes lowered"
        );
    }

    #[test]
    fn a_text_without_a_cue_or_with_a_clause_after_it_credits_nothing() {
        assert_eq!(credited("У Києві відкрили новий міст через Дніпро."), None);
        assert_eq!(
            credited("За даними, які оприлюднили сьогодні вранці в уряді країни, ціни ростуть."),
            None
        );
    }

    #[test]
    fn a_cue_far_into_the_text_is_a_quote_not_the_lead() {
        let text = format!("{} Як повідомляє ТАСС, це так.", "Слово ".repeat(80));
        assert_eq!(credited(&text), None);
    }

    #[test]
    fn a_lead_opening_the_text_ends_after_its_comma() {
        let text = "Як повідомляє «Українська правда», у Києві відкрили міст.";
        let end = lead_end(text).unwrap();
        assert_eq!(&text[end..], " у Києві відкрили міст.");
        assert_eq!(lead_end("У Києві, як повідомляє УП, відкрили міст."), None);
        assert_eq!(lead_end("Про це повідомляє УНІАН. Міст відкрили."), None);
    }

    #[test]
    fn credited_names_match_sources_with_or_without_their_domain() {
        assert!(names_source("outlet-3.example", "outlet-3.example"));
        assert!(names_source("Outlet-3", "https://www.outlet-3.example/"));
        assert!(names_source("pravda.com.ua", "www.pravda.com.ua"));
        assert!(!names_source("outlet-3.example", "outlet-30.example"));
        assert!(!names_source("", "x"));
    }
}
