//! Text from articles, files and the library made safe to print to a
//! terminal (issue 14.8). An article can carry `ESC ]0;…` (retitles the
//! terminal), `ESC ]52;…` (writes the clipboard), CSI sequences that move the
//! cursor or hide text, or bidirectional overrides that reverse a row. Every
//! human-readable print of such text goes through [`text`] or [`line`]; the
//! `--json` output is exact instead (JSON escapes control characters).
//!
//! What is escaped, shown visibly as `\u{1b}` (Rust's notation, so the reader
//! sees what is there): C0 controls (U+0000–U+001F) except newline and TAB in
//! multi-line text, DEL, the C1 controls U+0080–U+009F (U+009B is a one-byte
//! CSI on some terminals), and the bidirectional embeddings, overrides and
//! isolates U+202A–U+202E and U+2066–U+2069. A sequence loses its ESC, so
//! what remains is inert printable text.

use std::borrow::Cow;
use std::fmt::Write;

/// Characters that must never reach the terminal as they are.
fn is_hostile(c: char) -> bool {
    matches!(c,
        '\u{0}'..='\u{1f}' | '\u{7f}'..='\u{9f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
}

fn escape_into(out: &mut String, c: char) {
    let _ = write!(out, "\\u{{{:x}}}", c as u32);
}

/// Multi-line text (an article's body, a note): keeps newlines and TABs, a
/// CR before a newline is dropped, every other hostile character escaped.
pub fn text(s: &str) -> Cow<'_, str> {
    if !s.chars().any(|c| is_hostile(c) && c != '\n' && c != '\t') {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len() + 16);
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\n' | '\t' => out.push(c),
            '\r' if chars.peek() == Some(&'\n') => {}
            c if is_hostile(c) => escape_into(&mut out, c),
            c => out.push(c),
        }
    }
    Cow::Owned(out)
}

/// A one-line field (title, source, tag, path, snippet): line breaks and
/// TABs become spaces, so one record stays one row; every other hostile
/// character is escaped.
pub fn line(s: &str) -> Cow<'_, str> {
    if !s.chars().any(is_hostile) {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len() + 16);
    for c in s.chars() {
        match c {
            '\n' | '\r' | '\t' | '\u{b}' | '\u{c}' => out.push(' '),
            c if is_hostile(c) => escape_into(&mut out, c),
            c => out.push(c),
        }
    }
    Cow::Owned(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    // Regression (issue 14.8): OSC 0 and OSC 52 in article text reached the terminal.
    #[test]
    fn escape_sequences_lose_their_escape_byte() {
        let hostile = "a\u{1b}]0;pwned\u{7}b\u{1b}]52;c;ZXZpbA==\u{7}\u{9b}2J";
        for shown in [text(hostile), line(hostile)] {
            assert!(!shown.chars().any(is_hostile), "{shown:?}");
            assert!(shown.contains("\\u{1b}]0;pwned\\u{7}"), "{shown:?}");
            assert!(shown.contains("\\u{9b}2J"), "{shown:?}");
        }
    }

    #[test]
    fn multi_line_text_keeps_its_lines_and_one_line_fields_do_not() {
        assert_eq!(text("one\r\ntwo\tthree\rfour"), "one\ntwo\tthree\\u{d}four");
        assert_eq!(line("one\r\ntwo\tthree"), "one  two three");
    }

    #[test]
    fn bidirectional_overrides_are_shown_not_applied() {
        assert_eq!(line("abc\u{202e}txt.exe"), "abc\\u{202e}txt.exe");
        assert_eq!(text("\u{2066}x\u{2069}"), "\\u{2066}x\\u{2069}");
    }

    #[test]
    fn ordinary_text_is_not_copied() {
        let plain = "Міністр заявив: «мир» — 100 % — 🕊\nдругий рядок\tі табуляція";
        assert!(matches!(text(plain), Cow::Borrowed(_)));
        assert!(matches!(line("Заголовок — «цитата»"), Cow::Borrowed(_)));
    }
}
