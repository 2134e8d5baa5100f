//! Word-level analysis shared by indexing and querying: where words are, and
//! the normalised form under which they are indexed.
//!
//! - case folding, `ё`→`е`, stress marks (U+0301, U+0300) and soft hyphens dropped;
//! - zero-width characters inside a word (ZWSP, ZWNJ, ZWJ, word joiner, BOM)
//!   are dropped, so a word split by one invisibly is still found;
//! - apostrophes between letters (`'` `’` `ʼ` `‘` `` ` ``) stay inside the word, as `'`;
//! - Latin look-alike letters in a Cyrillic word are read as Cyrillic (and the
//!   reverse in a Latin word); such mixed-script words are flagged.
//!
//! `й`, `ї`, `і`, `ґ` are never folded into other letters.

/// One word of a text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Token {
    /// The normalised form.
    pub term: String,
    /// Byte offsets of the word in the analysed text (what the user sees highlighted).
    pub start: usize,
    pub end: usize,
    /// The word mixes Latin and Cyrillic letters (often a look-alike spoof or an OCR slip).
    pub mixed_script: bool,
}

const APOSTROPHES: [char; 5] = ['\'', '\u{2019}', '\u{02BC}', '\u{2018}', '`'];

fn is_apostrophe(c: char) -> bool {
    APOSTROPHES.contains(&c)
}

/// Characters that never end a word and leave no trace in the term.
fn is_ignorable(c: char) -> bool {
    matches!(c, '\u{0300}' | '\u{0301}' | '\u{00AD}')
}

/// Zero-width characters: inside a word they are dropped (a spoofed or
/// pasted `Лав\u{200B}ров` is `лавров`); elsewhere they separate like spaces.
pub fn is_zero_width(c: char) -> bool {
    matches!(
        c,
        '\u{200B}' | '\u{200C}' | '\u{200D}' | '\u{2060}' | '\u{FEFF}'
    )
}

fn is_word_char(c: char) -> bool {
    super::is_letter_or_digit(c) || is_ignorable(c) || ('\u{0300}'..='\u{036F}').contains(&c)
}

/// Calls `f` for every word of `text`, in order.
pub fn for_each_token(text: &str, mut f: impl FnMut(Token)) {
    for_each_term(text, |term, start, end, mixed_script| {
        f(Token {
            term: term.to_owned(),
            start,
            end,
            mixed_script,
        })
    });
}

/// [`for_each_token`] for the indexer: `f` gets each word's normalised form
/// (lent from one buffer reused for every word: no allocation per word), its
/// byte offsets and whether it mixes scripts.
pub fn for_each_term(text: &str, mut f: impl FnMut(&str, usize, usize, bool)) {
    let mut term = String::new();
    let mut emit = |start: usize, end: usize| {
        term.clear();
        let mixed = normalize_word_into(&text[start..end], &mut term);
        if !term.is_empty() {
            f(&term, start, end, mixed);
        }
    };
    let mut chars = text.char_indices().peekable();
    let mut start: Option<usize> = None;
    let mut prev_letter = false;
    while let Some((i, c)) = chars.next() {
        let inside = if is_word_char(c) {
            true
        } else if is_apostrophe(c) && prev_letter {
            // Inside a word only when a letter follows too.
            chars.peek().is_some_and(|&(_, n)| super::is_letter(n))
        } else if is_zero_width(c) && start.is_some() {
            // Inside a word only when the word goes on after it (or after more of them).
            chars
                .peek()
                .is_some_and(|&(_, n)| is_word_char(n) || is_zero_width(n))
        } else {
            false
        };
        if inside {
            start.get_or_insert(i);
            prev_letter = super::is_letter(c) || (prev_letter && !super::is_letter_or_digit(c));
        } else {
            if let Some(s) = start.take() {
                emit(s, i);
            }
            prev_letter = false;
        }
    }
    if let Some(s) = start {
        emit(s, text.len());
    }
}

/// All words of `text` (convenience for tests and queries).
pub fn tokens(text: &str) -> Vec<Token> {
    let mut out = Vec::new();
    for_each_token(text, |t| out.push(t));
    out
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Script {
    Cyrillic,
    Latin,
    Other,
}

fn script(c: char) -> Script {
    match c {
        'a'..='z' | 'A'..='Z' | '\u{00C0}'..='\u{024F}' => Script::Latin,
        '\u{0400}'..='\u{052F}' => Script::Cyrillic,
        _ => Script::Other,
    }
}

/// Latin letters that look like Cyrillic ones, by case (`H` looks like `Н`, `h` like nothing).
fn latin_to_cyrillic(c: char) -> Option<char> {
    Some(match c {
        'A' => 'А',
        'a' => 'а',
        'B' => 'В',
        'C' => 'С',
        'c' => 'с',
        'E' => 'Е',
        'e' => 'е',
        'H' => 'Н',
        'I' => 'І',
        'i' => 'і',
        'K' => 'К',
        'k' => 'к',
        'M' => 'М',
        'O' => 'О',
        'o' => 'о',
        'P' => 'Р',
        'p' => 'р',
        'T' => 'Т',
        'X' => 'Х',
        'x' => 'х',
        'Y' => 'У',
        'y' => 'у',
        _ => return None,
    })
}

fn cyrillic_to_latin(c: char) -> Option<char> {
    Some(match c {
        'А' => 'A',
        'а' => 'a',
        'В' => 'B',
        'С' => 'C',
        'с' => 'c',
        'Е' => 'E',
        'е' => 'e',
        'Н' => 'H',
        'І' => 'I',
        'і' => 'i',
        'К' => 'K',
        'к' => 'k',
        'М' => 'M',
        'О' => 'O',
        'о' => 'o',
        'Р' => 'P',
        'р' => 'p',
        'Т' => 'T',
        'Х' => 'X',
        'х' => 'x',
        'У' => 'Y',
        'у' => 'y',
        _ => return None,
    })
}

/// The indexed form of one word, and whether it mixed Latin and Cyrillic letters.
pub fn normalize_word(word: &str) -> (String, bool) {
    let mut out = String::with_capacity(word.len());
    let mixed = normalize_word_into(word, &mut out);
    (out, mixed)
}

/// [`normalize_word`] appending to `out`; returns whether the word mixed scripts.
fn normalize_word_into(word: &str, out: &mut String) -> bool {
    let (mut cyr, mut lat) = (0usize, 0usize);
    for c in word.chars() {
        match script(c) {
            Script::Cyrillic => cyr += 1,
            Script::Latin => lat += 1,
            Script::Other => {}
        }
    }
    let mixed = cyr > 0 && lat > 0;
    let to_cyrillic = mixed && cyr >= lat;
    for c in word.chars() {
        if is_ignorable(c) || is_zero_width(c) {
            continue;
        }
        if is_apostrophe(c) {
            out.push('\'');
            continue;
        }
        let c = if !mixed {
            c
        } else if to_cyrillic {
            latin_to_cyrillic(c).unwrap_or(c)
        } else {
            cyrillic_to_latin(c).unwrap_or(c)
        };
        match c {
            'a'..='z' | 'а'..='я' => out.push(c),
            'A'..='Z' => out.push(c.to_ascii_lowercase()),
            'А'..='Я' => out.push(char::from_u32(c as u32 + 0x20).unwrap_or(c)),
            'ё' | 'Ё' => out.push('е'),
            _ => {
                for l in c.to_lowercase() {
                    out.push(if l == 'ё' { 'е' } else { l });
                }
            }
        }
    }
    mixed
}

#[cfg(test)]
mod tests {
    use super::*;

    fn terms(text: &str) -> Vec<String> {
        tokens(text).into_iter().map(|t| t.term).collect()
    }

    #[test]
    fn apostrophes_stay_inside_words_as_one_character() {
        assert_eq!(
            terms("обов'язковий обов’язкове обовʼязкову"),
            ["обов'язковий", "обов'язкове", "обов'язкову"]
        );
        assert_eq!(terms("з'єднають"), ["з'єднають"]);
        // Quotes around words are not part of them.
        assert_eq!(terms("'Слово' ’так’"), ["слово", "так"]);
    }

    #[test]
    fn latin_lookalikes_in_cyrillic_words_are_read_as_cyrillic() {
        let t = tokens("Підписуйтеcь на наш Telegram-канал");
        assert_eq!(t[0].term, "підписуйтесь");
        assert!(t[0].mixed_script);
        assert!(!t[1].mixed_script);
        assert_eq!(t[3].term, "telegram");
        // And the reverse: a Cyrillic "о" in a Latin word.
        let t = tokens("Telegrаm");
        assert_eq!((t[0].term.as_str(), t[0].mixed_script), ("telegram", true));
    }

    #[test]
    fn case_yo_stress_and_soft_hyphen() {
        assert_eq!(
            terms("ЁЛКА Всё за\u{301}мок пере\u{AD}говори"),
            ["елка", "все", "замок", "переговори"]
        );
    }

    /// Regression (issue 19): a zero-width space, joiner or BOM inside a word
    /// split it in two, so `Лав\u{200B}ров` was not found by `Лавров`.
    #[test]
    fn zero_width_characters_inside_words_are_dropped() {
        assert_eq!(
            terms("Лав\u{200B}ров Зе\u{200C}ленський Ки\u{200D}\u{2060}їв Mos\u{FEFF}cow"),
            ["лавров", "зеленський", "київ", "moscow"]
        );
        // Between words they separate, and leave no word of their own.
        assert_eq!(terms("так\u{200B} \u{200B}ні\u{200B}"), ["так", "ні"]);
        let text = "слово\u{200B}\u{200B}";
        let t = tokens(text);
        assert_eq!(t.len(), 1);
        assert_eq!(&text[t[0].start..t[0].end], "слово\u{200B}");
    }

    #[test]
    fn ukrainian_letters_are_not_folded() {
        assert_eq!(terms("Їжак ґанок йти і"), ["їжак", "ґанок", "йти", "і"]);
    }

    #[test]
    fn offsets_point_into_the_original_text() {
        let text = "«Лавров» заявив: обов’язково!";
        for t in tokens(text) {
            let original = &text[t.start..t.end];
            assert_eq!(normalize_word(original).0, t.term);
        }
        let t = tokens(text);
        assert_eq!(&text[t[2].start..t[2].end], "обов’язково");
    }
}
