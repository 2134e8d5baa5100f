//! Text handling shared by every importer: decoding, normalisation, language.

mod alternations;
pub mod analyze;
pub mod anchor;
pub mod blocks;
mod carry_verbs;
mod codepages;
pub mod credit;
pub mod dates;
pub mod encoding;
mod function_words;
mod irregular;
pub mod language;
pub mod normalize;
mod nu_verbs;
pub mod reuse;
mod ru_nouns;
pub mod soft_stems;
pub mod stem;
mod stem_ru;
mod stem_uk;
mod suffixes;
mod uk_paradigms;
mod verb_classes;
pub(crate) mod word_chars;

/// `char::is_alphabetic` with fast paths for ASCII and Cyrillic, which is
/// nearly all of what we read (the general lookup is a binary search).
#[inline]
pub fn is_letter(c: char) -> bool {
    match c {
        'a'..='z' | 'A'..='Z' => true,
        '\0'..='\u{7F}' => false,
        '\u{0400}'..='\u{0481}' | '\u{048A}'..='\u{04FF}' => true,
        // General punctuation (dashes, quotes, spaces) holds no letters.
        '\u{2000}'..='\u{206F}' => false,
        _ => c.is_alphabetic(),
    }
}

/// `char::is_alphanumeric` with the same fast paths.
#[inline]
pub fn is_letter_or_digit(c: char) -> bool {
    c.is_ascii_digit()
        || is_letter(c)
        || (!c.is_ascii() && !('\u{2000}'..='\u{206F}').contains(&c) && c.is_numeric())
}

/// A fast, non-cryptographic hasher for short keys built into the program
/// (the stemmers' ending tables); SipHash's DoS resistance buys nothing there.
#[derive(Default, Clone, Copy)]
pub struct CharsHasher(u64);

impl std::hash::Hasher for CharsHasher {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = (self.0.rotate_left(5) ^ u64::from(b)).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
        }
    }
    fn write_u32(&mut self, n: u32) {
        self.0 = (self.0.rotate_left(5) ^ u64::from(n)).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
    }
}

pub type CharsHash = std::hash::BuildHasherDefault<CharsHasher>;
