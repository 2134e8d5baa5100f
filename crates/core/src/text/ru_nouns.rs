//! Russian nouns and adjectives whose forms the rules read as a verb's,
//! indexed under their own stem as well (extra classes, like the
//! alternations):
//! - a noun in -ль, -л whose forms read as a past tense (`недели`, `канала`);
//! - a noun in -ит, -ет read as a present (`кредит`, `совете`);
//! - an adjective's comparative (`отдаленнее`, `покойнее`), with по- of an
//!   adjective in -дный (`повиднее`).

use super::word_chars::{ends, text};

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
    // совете): also the noun's stem.
    if n >= 7 && (ends(w, "ите") || ends(w, "ете")) {
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
