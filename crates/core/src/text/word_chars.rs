//! A normalised word as the stemming modules read it, a slice of letters: the
//! tests they share (one definition of a consonant for both languages).

/// A consonant letter of Ukrainian or Russian (not a vowel, `ь` or `'`).
pub fn consonant(c: char) -> bool {
    super::is_letter(c) && !"аеєиіїоуюяыэь'".contains(c)
}

/// Whether `w` ends with `suffix`.
pub fn ends(w: &[char], suffix: &str) -> bool {
    let s: Vec<char> = suffix.chars().collect();
    w.ends_with(&s)
}

/// The letters as a string.
pub fn text(w: &[char]) -> String {
    w.iter().collect()
}
