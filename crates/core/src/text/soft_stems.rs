//! Words whose stem ends in a soft consonant (`різня`, `буря`,
//! `пісня`, `воля`, `синя`) beside words of the same letters with a hard one
//! (`різний`, `бурий`, `пісний`, `віл`/`вола`, `син`). The rules cut both
//! to one stem (`різн`), so a search for `різня` (massacre) found every
//! article with `різних` (various): 1,640 of 20,000 in the benchmark
//! library, the noun itself in none. A form typed with a soft ending (`-я`,
//! `-ю`, `-ею`, `-ям`, `-ями`, `-ях` after a consonant that can be soft) is
//! no form of a hard-stem word: the query asks for the stem's forms that may
//! be either (`різні`, `різню`), not for its adjective-only or noun-only
//! classes, and instead for the soft words' own forms of those kinds
//! written out ([`SOFT_FORMS`]: `синього`, `піснями`, `людей`).
//!
//! Only the query reads this: the index is unchanged. The forms a hard
//! word shares with a soft one (`різні`, `різна`'s class `різн` holds
//! `різню` too) stay found: their letters do not tell the two apart.

use super::word_chars::consonant;

/// Endings a typed form has only after a soft consonant (or a vowel).
const SOFT_ENDINGS: [&str; 6] = ["ями", "ям", "ях", "ею", "я", "ю"];

/// Consonants that can be soft before those endings. Not the hushing ones
/// (`межа`, `межею`, `ножем` mix hard and soft endings in one word) nor the
/// labials, which take an apostrophe instead (`м'ясо`).
const SOFTENING: &str = "нлртдсзц";

/// The forms of a soft stem with an ending that the index files under its
/// adjective-only or noun-only class (`різн+`, `різн-`): soft adjectives'
/// (`синій`, `синього`, `синім`) and soft nouns' (`піснями`, `учителем`,
/// `учителеві`, `людей`, `учителів`, `тінь`). Not the rare `-ьми`
/// (`людьми`): `палю` would find `пальми` (palms).
pub const SOFT_FORMS: [&str; 15] = [
    "ій", "ього", "ьому", "ьої", "ім", "іх", "іми", "ями", "ям", "ях", "ем", "еві", "ей", "ів", "ь",
];

/// The stem of a typed form with a soft ending (`різня`: `різн`, `бурю`:
/// `бур`, `людям`: `люд`), three letters at least; none for a reflexive
/// verb's form (`вчився`).
pub fn typed_soft_stem(term: &str) -> Option<&str> {
    if term.ends_with("ся") {
        return None;
    }
    let stem = SOFT_ENDINGS.iter().find_map(|e| term.strip_suffix(e))?;
    let last = stem.chars().last()?;
    (stem.chars().count() >= 3 && consonant(last) && SOFTENING.contains(last)).then_some(stem)
}

/// Russian nouns of a soft stem (`цель`, `часть`, `роль`, `связь`) beside
/// words of the same letters with a hard one (`целый`, `в целом`; `часто`,
/// `частый`): the Russian rules drop the soft sign, so `цель` found every
/// `в целом`, `часть` every `часто`. The forms a Russian soft noun has,
/// feminine (`цели`, `целью`, `целей`) and masculine (`руля`, `рулем`).
pub const RU_SOFT_FORMS: [&str; 11] =
    ["ь", "и", "ью", "ей", "ям", "ями", "ях", "я", "ю", "ем", "е"];

/// The stem of a Russian form typed with the soft sign (`цель`: `цел`,
/// `частью`: `част`), three letters at least, after л, н, р, д, з, с or
/// ст/рт: not an infinitive (`делать`, `помочь`), an imperative after a
/// vowel (`верь` is `вер` + `ь`, but rare in a query), nor a labial
/// (`любовь`, whose forms drop the vowel).
pub fn typed_ru_soft_stem(term: &str) -> Option<&str> {
    let stem = term.strip_suffix("ью").or_else(|| term.strip_suffix('ь'))?;
    let chars: Vec<char> = stem.chars().collect();
    let soft_after = match chars[..] {
        [.., 'с' | 'р', 'т'] => true,
        [.., c] => "лнрдзс".contains(c),
        [] => false,
    };
    (chars.len() >= 3 && soft_after).then_some(stem)
}

/// Whether a soft stem is itself its noun's nominative: after `р` the soft
/// sign is not written (`лікар`, `лікаря`), elsewhere it is (`учитель`,
/// `тінь`), and the bare stem is a hard word's (`вол`, `син`).
pub fn bare_stem_is_a_form(stem: &str) -> bool {
    stem.ends_with('р')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn soft_endings_after_a_softening_consonant() {
        assert_eq!(typed_soft_stem("різня"), Some("різн"));
        assert_eq!(typed_soft_stem("бурю"), Some("бур"));
        assert_eq!(typed_soft_stem("піснями"), Some("пісн"));
        assert_eq!(typed_soft_stem("людям"), Some("люд"));
        assert_eq!(typed_soft_stem("межею"), None);
        assert_eq!(typed_soft_stem("мрія"), None);
        assert_eq!(typed_soft_stem("вчився"), None);
        assert_eq!(typed_soft_stem("дня"), None);
        assert_eq!(typed_soft_stem("різна"), None);
    }

    #[test]
    fn russian_soft_sign_after_a_softening_consonant() {
        assert_eq!(typed_ru_soft_stem("цель"), Some("цел"));
        assert_eq!(typed_ru_soft_stem("частью"), Some("част"));
        assert_eq!(typed_ru_soft_stem("смерть"), Some("смерт"));
        assert_eq!(typed_ru_soft_stem("делать"), None);
        assert_eq!(typed_ru_soft_stem("помочь"), None);
        assert_eq!(typed_ru_soft_stem("любовь"), None);
        assert_eq!(typed_ru_soft_stem("пью"), None);
        assert_eq!(typed_ru_soft_stem("ночь"), None);
    }
}
