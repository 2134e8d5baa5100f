//! Canonical form of stored text: NFC, `\n` line endings, no BOM.

use unicode_normalization::{is_nfc_quick, IsNormalized, UnicodeNormalization};

/// NFC with `\n` line endings; borrows nothing so callers can store the result.
pub fn canonical_text(text: &str) -> String {
    let text = text.strip_prefix('\u{FEFF}').unwrap_or(text);
    let text = if text.contains('\r') {
        text.replace("\r\n", "\n").replace('\r', "\n")
    } else {
        text.to_owned()
    };
    match is_nfc_quick(text.chars()) {
        IsNormalized::Yes => text,
        _ => text.nfc().collect(),
    }
}

/// Collapses runs of whitespace to one space and trims, so that the same
/// article imported from a `.txt` and from a JSON dump hashes the same.
pub fn squash_whitespace(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for word in text.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    out
}

/// Trims blank lines at both ends and trailing spaces of the whole text.
pub fn trim_blank_lines(text: &str) -> &str {
    let start = text
        .char_indices()
        .find(|&(_, c)| !c.is_whitespace())
        .map_or(text.len(), |(i, _)| {
            // Keep the indentation of the first line: start at its beginning.
            text[..i].rfind('\n').map_or(0, |n| n + 1)
        });
    text[start..].trim_end()
}
