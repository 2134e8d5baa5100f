//! Russian nouns and adjectives whose forms the rules read as a verb's,
//! indexed under their own stem as well (extra classes, like the
//! alternations):
//! - a noun in -ль, -л whose forms read as a past tense (`недели`, `канала`);
//! - a noun in -ит, -ет read as a present (`кредит`, `совете`);
//! - an adjective's comparative (`отдаленнее`, `покойнее`), with по- of an
//!   adjective in -дный (`повиднее`);
//! - a nominative whose last vowel drops in the other cases (`отец`/`отца`,
//!   `ветер`/`ветра`, `огонь`/`огня`, `любовь`/`любви`): see [`fleeting_vowel`].

use super::word_chars::{consonant, ends, text};

/// Extra classes of a normalised Russian word (not reflexive, 5 letters or more).
pub fn russian(w: &[char], out: &mut Vec<String>) {
    let n = w.len();
    // A comparative of an adjective in -нный, -ный: also the long form's
    // class (отдаленнее: `отдали`, as отдаленный), with по- read both as the
    // comparative's and as the word's own (поотдаленнее, покойнее).
    if n >= 7 && (ends(w, "нее") || ends(w, "ней")) {
        let base = &w[..n - 2];
        out.push(super::stem_ru::stem(&format!("{}ый", text(base))));
        if base.starts_with(&['п', 'о']) && base.len() > 7 {
            out.push(super::stem_ru::stem(&format!("{}ый", text(&base[2..]))));
        }
    }
    // A noun in -ль, -л whose forms read as a past tense (недели, автомобили,
    // канал, канала, скандала): also the noun's stem. The past tense itself
    // gets its own form as a class, which nothing else asks for.
    if n >= 6
        && matches!(w[n - 1], 'а' | 'и')
        && w[n - 2] == 'л'
        && matches!(w[n - 3], 'а' | 'е' | 'и')
    {
        out.push(text(&w[..n - 1]));
    } else if n >= 5 && w[n - 1] == 'л' && matches!(w[n - 2], 'а' | 'е' | 'и') {
        out.push(text(w));
    }
    // A noun in -ит, -ет read as a present tense (кредит, кредите; совет,
    // совете): also the noun's stem. From six letters for the locative: `в
    // газете`, `по ракете`, `в совете` were `газ` (gas), `рак`, `сов`.
    if n >= 6 && (ends(w, "ите") || ends(w, "ете")) {
        out.push(text(&w[..n - 1]));
    } else if n >= 6 && (ends(w, "ит") || ends(w, "ет")) {
        out.push(text(w));
    }
    // A comparative with по- of an adjective in -дный (повиднее; the rules
    // leave -днее whole for последнее).
    if n > 7 && w.starts_with(&['п', 'о']) && (ends(w, "днее") || ends(w, "дней")) {
        out.push(text(&w[2..n - 2]));
    }
}

/// A nominative in consonant + е/о + consonant (+ ь) whose vowel the other
/// cases drop (`отец`/`отца`, `рынок`/`рынка`, `ветер`/`ветра`,
/// `огонь`/`огня`, `церковь`/`церкви`): also the class without it. Where
/// the vowel stays (`урок`, `лидер`) the extra class meets nothing.
pub fn fleeting_vowel(w: &[char], out: &mut Vec<String>) {
    let core = match w {
        [head @ .., 'ь'] => head,
        _ => w,
    };
    let n = core.len();
    if n < 4 || !consonant(core[n - 3]) {
        return;
    }
    // The endings where the vowel drops (-ец, -ок, -ек, -ер, -ол, -ень, -онь,
    // -овь), not every consonant + vowel + consonant: the genitive plural
    // -ов, the past -ел and the instrumental -ом would each add a term that
    // meets nothing (the Russian dev index grew 1.39x → 1.46x with them).
    let soft = core.len() < w.len();
    let fleeting = matches!(
        (core[n - 2], core[n - 1], soft),
        ('е', 'ц' | 'к' | 'р', false)
            | ('о', 'к' | 'л', false)
            | ('е' | 'о', 'н', true)
            | ('о', 'в', true)
    );
    if !fleeting {
        return;
    }
    let mut stem: Vec<char> = core[..n - 2].to_vec();
    stem.push(core[n - 1]);
    out.push(text(&stem));
}

/// Classes a Russian query word asks for beside its own, for nouns whose
/// nominative and other cases the rules file apart (only in the query, so
/// no adjective form is indexed twice):
/// - a nominative in a consonant cut like a verb's form (`визит`, `совет`,
///   `институт`, `состав`, `счет`: `визи`, `сов`, `инстит`), and a genitive
///   plural (`минут`, `проблем`): the word itself, the class of `визита`,
///   `совета`, `минута`;
/// - the genitive in -ая, -яя of a noun in -ай (`китая`, `случая`,
///   `николая`: `кит`, read as an adjective's -ая): the class of `китай`,
///   `китае`, `китаю` (`кита`);
/// - a noun in -ей (`музей`: `муз`): the class of `музея`, `музеем` (`музе`);
/// - a neuter noun in vowel + -ло of six letters or more, read as a verb's
///   past (`начало`, `правило`, `зеркало`: `нача`, `прави`): the class of
///   its other cases (`начале`, `началу`, `правилам`: `начал`, `правил`).
///   Not five letters (`стало` would ask for `сталь`, steel).
pub fn query_classes(term: &str, primary: &str) -> Vec<String> {
    let w: Vec<char> = term.chars().collect();
    let n = w.len();
    if n < 4 {
        return Vec::new();
    }
    if n >= 6 && ends(&w, "ло") && !consonant(w[n - 3]) {
        return vec![text(&w[..n - 1])];
    }
    if consonant(w[n - 1]) && w[n - 1] != 'й' && primary != term {
        return vec![term.to_owned()];
    }
    if n >= 5 && (ends(&w, "ая") || ends(&w, "яя") || ends(&w, "ей")) {
        return vec![text(&w[..n - 1])];
    }
    Vec::new()
}

/// Forms a Russian query word asks for as words of their own: the genitive
/// in -ая of a noun in -ай (`Китай` asks for `китая`, whose class is `кит`).
pub fn query_words(term: &str) -> Vec<String> {
    let w: Vec<char> = term.chars().collect();
    let n = w.len();
    match n >= 4 && (ends(&w, "ай") || ends(&w, "яй")) {
        true => vec![format!("{}я", text(&w[..n - 1]))],
        false => Vec::new(),
    }
}
