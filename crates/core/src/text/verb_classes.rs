//! Verb forms whose ending the rules read as another word's, indexed under
//! their verb's class as well (extra classes beside the rules' stem, like the
//! alternations): a form is then found with its verb without the rules
//! having to guess which reading is right.
//!
//! Ukrainian:
//! - the first person of an -ити verb with a consonant change (`ходжу`,
//!   `хочу`, `роблю`);
//! - a reflexive form is a verb's, so its short endings are the verb's too:
//!   the imperative `докреслись`, the first person plural `збільшимся`,
//!   `докреслімся`, the first person singular `зумовлюсь`, `збільшусь` (with the
//!   -ити verbs' consonant change undone), the imperatives in -ь, -мо, -те
//!   (`засмуться`, `зумовмось`) — the rules read them as a noun's or an
//!   adjective's endings and leave them apart from `докреслився`;
//! - -ать/-ять is the third person plural of -ити verbs (`лічать`) but also of
//!   -ати/-яти verbs of the second conjugation (`лежать`, `стоять`) and their
//!   short infinitive: also read as the -ати/-яти class;
//! - the impersonal -ено (`суджено`, `притомлено`) and the plural -лять
//!   (`притомлять`) with an -ити verb's consonant change.
//!
//! Russian:
//! - the present passive participle in -им- (`чехвостимого`, `любимая`): also
//!   its verb's (the rules leave `чехвостим`);
//! - a participle with -ить's consonant change (`чехвощенный`, `расцвечен`,
//!   `ряженый`): also the class with the consonant undone (`чехвости`);
//! - a long form in -енн- is also the adjective's stem (`военный`, `военнее`,
//!   `военна`: the rules read the long forms as the participle of a verb);
//! - the -нуть verbs' forms in -ни, -ну, -нем (`примолкни`, `примолкнем`);
//! - the present of -давать, -ставать, -знавать (`создает`: see [`avat_present`]);
//! - the plural -ат after a hushing consonant (`лежат`, `огорчат`).
//!
//! Russian nouns and adjectives whose forms read as a verb's are in
//! `ru_nouns`.

use super::word_chars::{consonant, ends, text};

/// The stems an -ити/-ить verb's stem may have had before a first person's or
/// participle's consonant change (`ходж` → `ход`, `робл` → `роб`); `None` when
/// the stem shows no change.
fn unchanged(stem: &[char], ukrainian: bool) -> Option<Vec<String>> {
    let n = stem.len();
    if n < 3 {
        return None;
    }
    let head = |k: usize| text(&stem[..n - k]);
    let out = match stem {
        [.., 'ж', 'д'] if !ukrainian => vec![format!("{}д", head(2))],
        [.., 'д', 'ж'] if ukrainian => vec![format!("{}д", head(2))],
        [.., 'щ'] if ukrainian => vec![format!("{}ст", head(1))],
        [.., 'щ'] => vec![format!("{}ст", head(1)), format!("{}т", head(1))],
        [.., 'ч'] => vec![format!("{}т", head(1))],
        [.., 'ж'] if ukrainian => vec![format!("{}з", head(1))],
        [.., 'ж'] => vec![format!("{}з", head(1)), format!("{}д", head(1))],
        [.., 'ш'] => vec![format!("{}с", head(1))],
        [.., 'б' | 'п' | 'в' | 'м' | 'ф', 'л'] => vec![head(1)],
        _ => return None,
    };
    Some(out)
}

/// Extra classes of a normalised Ukrainian word.
pub fn ukrainian(w: &[char], out: &mut Vec<String>) {
    let (v, reflexive) = if w.len() > 5 && (ends(w, "ся") || ends(w, "сь")) {
        (&w[..w.len() - 2], true)
    } else {
        (w, false)
    };
    let n = v.len();
    if n < 4 {
        return;
    }
    let tail = if reflexive { "ся" } else { "" };
    let verb = |stem: &[char], out: &mut Vec<String>| {
        out.push(format!("{}и{tail}", text(stem)));
    };
    if reflexive {
        // Imperative -и, first person plural -им/-ім, imperatives -ь, -мо, -те.
        let short: Option<usize> = if ends(v, "и") {
            Some(1)
        } else if ends(v, "им") || ends(v, "ім") || ends(v, "ьмо") || ends(v, "ьте") {
            Some(if ends(v, "им") || ends(v, "ім") {
                2
            } else {
                3
            })
        } else if ends(v, "ь") {
            Some(1)
        } else if (ends(v, "мо") || ends(v, "те")) && consonant(v[n - 3]) {
            Some(2)
        } else {
            None
        };
        if let Some(k) = short.filter(|&k| n - k >= 3 && consonant(v[n - k - 1])) {
            verb(&v[..n - k], out);
        }
    }
    // The first person singular: of an -ити verb with a consonant change
    // (ходжу, хочу, роблю: also read as the verb's class), and of any
    // reflexive verb (зупинюсь).
    if n >= 5 && matches!(v[n - 1], 'у' | 'ю') && consonant(v[n - 2]) {
        let stem = &v[..n - 1];
        let labial_l = matches!(stem, [.., 'б' | 'п' | 'в' | 'м' | 'ф', 'л']);
        let changed = unchanged(stem, true).filter(|_| !labial_l || v[n - 1] == 'ю');
        let own = !matches!(stem, [.., 'д', 'ж'] | [.., 'щ']) && !labial_l;
        if let Some(stems) = &changed {
            for s in stems {
                out.push(format!("{s}и{tail}"));
            }
        }
        // ч, ж, ш may be the verb's own (лічу, лічиться).
        if own && (reflexive || changed.is_some()) {
            verb(stem, out);
        }
    }
    // -ать/-ять: also the -ати/-яти class (лежать/лежати, стоять/стояти).
    if n >= 6 && (ends(v, "ать") || ends(v, "ять")) && v[n - 4] != '\'' {
        out.push(format!("{}{}{tail}", text(&v[..n - 3]), v[n - 3]));
    }
    // -ено and -лять after a consonant change of an -ити verb.
    for ending in ["ено", "лять"] {
        if n >= 7 && ends(v, ending) {
            let k = ending.chars().count();
            let stem = &v[..n - k + usize::from(ending == "лять")];
            if let Some(stems) = unchanged(stem, true) {
                for s in stems {
                    out.push(format!("{s}и{tail}"));
                }
            }
        }
    }
}

const ADJECTIVE_ENDINGS: &[&str] = &[
    "ого", "ому", "ыми", "ый", "ой", "ая", "ое", "ые", "ым", "ую", "ою", "ых", "ом",
];

/// Extra classes of a normalised Russian word whose rules' stem is `primary`.
pub fn russian(w: &[char], primary: &str, out: &mut Vec<String>) {
    let n = w.len();
    avat_present(w, out);
    if n < 5 || ends(w, "ся") || ends(w, "сь") {
        return;
    }
    let ending = ADJECTIVE_ENDINGS
        .iter()
        .find(|e| ends(w, e))
        .map(|e| e.chars().count());
    // Present passive participles: -имый and its short forms.
    let stem_before_im = match ending {
        Some(k) if n >= k + 5 && ends(&w[..n - k], "им") => Some(&w[..n - k - 2]),
        _ => ["им", "има", "имо", "имы"]
            .iter()
            .find(|e| ends(w, e) && n >= e.chars().count() + 4)
            .map(|e| &w[..n - e.chars().count()]),
    };
    if let Some(stem) = stem_before_im.filter(|s| consonant(s[s.len() - 1])) {
        out.push(format!("{}и", text(stem)));
    }
    // A long form in -енн-: also the adjective's stem (военный, военнее).
    if let Some(k) = ending {
        if ends(&w[..n - k], "енн") && n - k >= 5 {
            out.push(text(&w[..n - k]));
        }
    }
    // A participle with its verb's consonant changed: of an -ить verb
    // (чехвощенный, ряжен: чехвостить, рядить) or of a -чь verb (испечен,
    // устережен: испечь, устеречь, whose class keeps к, г).
    // The short masculine (решен, источен) is read as a short adjective's
    // (прочен): also the -ить verb's class, without the -чь verbs' к, г
    // (`должен` is no form of `долг`).
    let short_masculine = n >= 5 && ends(w, "ен") && matches!(w[n - 3], 'ч' | 'ж' | 'ш' | 'щ');
    let changed: Option<Vec<char>> = if short_masculine {
        let stem = w[..n - 2].to_vec();
        out.push(format!("{}и", text(&stem)));
        Some(stem)
    } else {
        primary
            .strip_suffix('и')
            .filter(|_| w.windows(2).rev().take(6).any(|p| p == ['е', 'н']))
            .map(|s| s.chars().collect())
    };
    if let Some(stem) = changed {
        if let Some(stems) = unchanged(&stem, false) {
            for s in stems {
                out.push(format!("{s}и"));
            }
        }
        match stem.as_slice() {
            [head @ .., 'ч'] if head.len() >= 2 && !short_masculine => {
                out.push(format!("{}к", text(head)))
            }
            [head @ .., 'ж'] if head.len() >= 2 && !short_masculine => {
                out.push(format!("{}г", text(head)))
            }
            _ => {}
        }
    }
    // The short masculine of an -нный adjective (военен, полынен): its other
    // forms say -нн-.
    if n >= 6 && ends(w, "нен") && !consonant(w[n - 4]) {
        out.push(format!("{}н", text(&w[..n - 2])));
    }
    // The third person plural in -ат after ж, ч, ш, щ (лежат, огорчат): a
    // present of the и class (лежит, огорчит).
    // It is also the -ать verb's (поддержат, поддержали): its infinitive's class.
    if n >= 5 && ends(w, "ат") && matches!(w[n - 3], 'ж' | 'ч' | 'ш' | 'щ') {
        out.push(format!("{}и", text(&w[..n - 2])));
        out.push(text(&w[..n - 1]));
    }
    past_passive_participle(w, out);
    // A -чь infinitive's past says к or г (привлечь, привлекли; помочь,
    // помогли): also the past's class. Not the short nouns (речь, печь).
    if n >= 6 && ends(w, "чь") && !consonant(w[n - 3]) {
        for k in ['к', 'г'] {
            out.push(super::stem_ru::stem(&format!("{}{k}ли", text(&w[..n - 2]))));
        }
    }
    // -нуть verbs: the imperative, the first persons.
    for e in ["ни", "ну", "нем", "немте"] {
        let k = e.chars().count();
        if ends(w, e) && n >= k + 4 && (consonant(w[n - k - 1]) || w[n - k - 1] == 'ь') {
            out.push(format!("{}ну", text(&w[..n - k])));
            break;
        }
    }
}

/// A past passive participle in -анн-, -янн-, -ят-, -ыт- and its short neuter
/// in -ано, -яно, -ято, -ыто (`вызванный`, `вызвано`, `принятое`, `принято`,
/// `открытый`): also the class of its verb's past (`вызвал`, `принял`,
/// `открыл`). The other short forms are left: `роман`, `стакана`, `ребята`,
/// `страны` read the same.
fn past_passive_participle(w: &[char], out: &mut Vec<String>) {
    let n = w.len();
    let ending = ADJECTIVE_ENDINGS
        .iter()
        .filter(|e| ends(w, e))
        .map(|e| e.chars().count())
        .max();
    let short = ["ано", "яно", "ято", "ыто"];
    let stem = match ending {
        Some(k) if ends(&w[..n - k], "анн") || ends(&w[..n - k], "янн") => &w[..n - k - 2],
        Some(k) if ends(&w[..n - k], "ят") || ends(&w[..n - k], "ыт") => &w[..n - k - 1],
        _ if short.iter().any(|e| ends(w, e)) => &w[..n - 2],
        _ => return,
    };
    if stem.len() >= 4 {
        out.push(super::stem_ru::stem(&format!("{}л", text(stem))));
    }
}

/// The present of the -давать, -ставать, -знавать verbs drops -ва-
/// (`создает`, `передают`, `встает`, `признается`, `продающий`): also the
/// class of the infinitive's stem (`создава`), which their other forms have.
/// Not `знает`, `стает` without a prefix (знать, стаять); `дает` is давать's.
fn avat_present(w: &[char], out: &mut Vec<String>) {
    let (v, reflexive) = if w.len() > 6 && (ends(w, "ся") || ends(w, "сь")) {
        (&w[..w.len() - 2], true)
    } else {
        (w, false)
    };
    let adjective = ADJECTIVE_ENDINGS
        .iter()
        .chain(&[
            "ий", "ая", "ее", "ие", "им", "их", "ими", "его", "ему", "ей", "ую", "ею", "ем",
        ])
        .filter(|e| ends(v, e))
        .map(|e| e.chars().count())
        .max();
    let stem = match adjective {
        Some(k) if ends(&v[..v.len() - k], "ющ") => &v[..v.len() - k - 2],
        _ => match ["ешь", "ете", "ет", "ем", "ют", "ю", "йте", "й", "я"]
            .iter()
            .find(|e| ends(v, e))
        {
            Some(e) => &v[..v.len() - e.chars().count()],
            None => return,
        },
    };
    let prefixed = |root: &str| ends(stem, root) && stem.len() > root.chars().count();
    if prefixed("да") || prefixed("зна") || prefixed("ста") || stem == ['д', 'а'] {
        out.push(format!(
            "{}ва{}",
            text(stem),
            if reflexive { "ся" } else { "" }
        ));
    }
}
