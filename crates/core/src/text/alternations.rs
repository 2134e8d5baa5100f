//! Vowel and consonant alternations, indexed as extra stems beside the rules'
//! stem: a word is found under each, so `рік`, `спосіб`, `серпень`, `Відень`,
//! `Празі`, `одязі`, `Женеві` meet the other forms of their words without the
//! rules guessing which reading is right.
//!
//! - і/о, і/е in a final closed syllable: `спосіб`/`способу`, `ніч`/`ночі` (е only
//!   before a soft consonant or ч, and in a few words listed);
//! - е/о/∅ before a final н, р, л, к: `серпень`/`серпня`, `вітер`/`вітру`;
//! - a noun in -ів (`гнів`, `острів`) is also its own stem (the rules read -ів as a genitive plural);
//! - a Ukrainian nominative whose end reads as an ending (`шлях`, `програми`): see
//!   [`ukrainian_nominatives`];
//! - the dative in -ові/-еві also as a locative in -і (`Женеві`, `часові`);
//! - г/з, к/ц, х/с before -і: `Празі`/`Прага`, `одязі`/`одяг`, `вулиці`/`вулиця`;
//! - бер/бра in the verbs of `брати`: `оберуть`/`обрати`, `зберуться`/`зібратися`;
//! - the neuter nouns in -мя (`время`/`времени`, `ім'я`/`імені`): their
//!   other cases say -мен-;
//! - the present of -ать/-ати verbs whose consonant changes: Russian `пишет`/`писать`,
//!   `ищет`/`искать`, `покажет`/`показать`, `кажется`/`казаться`; Ukrainian
//!   `пише`/`писати`, `підпишуть`/`підписали`;
//! - Russian: е/о/∅ in short words in -ец, -ок, -ек (`конец`/`конца`); a
//!   surname in -ов/-ев is its own stem (`Лавров`/`Лаврова`).

use super::language::Language;
use super::word_chars::{consonant, ends as term_ends};

/// Extra stems of `term` (a normalised word of `lang`) whose rules' stem is `primary`.
pub fn extra_stems(term: &str, primary: &str, lang: Language) -> Vec<String> {
    let w: Vec<char> = term.chars().collect();
    let mut out = Vec::new();
    if w.len() < 3 || !w.iter().all(|c| super::is_letter(*c) || *c == '\'') {
        return out;
    }
    match lang {
        Language::Uk => {
            people_in_anin(&w, &mut out);
            ukrainian(&w, &mut out);
            ukrainian_nominatives(&w, primary, &mut out);
            super::verb_classes::ukrainian(&w, &mut out);
            super::uk_paradigms::extra(&w, &mut out);
        }
        Language::Ru => {
            people_in_anin(&w, &mut out);
            russian(&w, &mut out);
            super::verb_classes::russian(&w, primary, &mut out);
            if w.len() >= 5 && !term_ends(&w, "ся") && !term_ends(&w, "сь") {
                super::ru_nouns::russian(&w, &mut out);
            }
            super::ru_nouns::fleeting_vowel(&w, &mut out);
        }
        Language::Other => {}
    }
    out.retain(|s| s != primary);
    out.dedup();
    out
}

/// Ukrainian forms whose end the rules take for another case's ending:
/// - a stem without a vowel is no stem: the word is a nominative whose end
///   looks like an ending (`шлях`, `страх`, `птах` read as `шл|ях`), so the word
///   is also its own stem (`шляху`, `шляхом` have it);
/// - -ами is the instrumental plural (`руками`) but also the genitive and
///   plural of the nouns in -ама (`програми`, `реклами`), which the rules
///   read as `прогр|ами`: also read without the -и.
fn ukrainian_nominatives(w: &[char], primary: &str, out: &mut Vec<String>) {
    let vowel = |c: char| "аеєиіїоуюя".contains(c);
    let n = w.len();
    if n >= 4 && consonant(w[n - 1]) && !primary.chars().any(vowel) {
        out.push(w.iter().collect());
    }
    if n >= 7 && term_ends(w, "ами") && consonant(w[n - 4]) {
        out.push(w[..n - 1].iter().collect());
    }
}

/// Words that alternate і/е before a hard consonant: `папір`/`паперу`,
/// `попіл`/`попелу`, the genitive plural `сіл`/`село`, and the past of
/// `нести`, `везти`, `пекти`, `текти`, `гребти` with their prefixes
/// (`приніс`/`принесла`, `вивіз`/`вивезли`).
const I_E_AFTER_HARD: [&str; 8] = ["папір", "попіл", "сіл", "ніс", "віз", "пік", "тік", "гріб"];

fn ukrainian(w: &[char], out: &mut Vec<String>) {
    let n = w.len();
    // The word without a final soft sign: a bare stem if it ends in a consonant.
    let bare: &[char] = if w[n - 1] == 'ь' { &w[..n - 1] } else { w };
    let m = bare.len();
    // Three letters are enough when they are consonant, і, consonant
    // (`ніч`/`ночі`, `бік`/`боку`, `сіл`/`село`); not й (`мій`, `бій`), and
    // not the function words of that shape, whose о/е forms are other words
    // (`між`/`може`, `від`/`вода`, `він`/`вона`).
    let short = m == 3
        && consonant(bare[0])
        && bare[1] == 'і'
        && bare[2] != 'й'
        && !matches!(
            w,
            ['в', 'і', 'н'] | ['в', 'і', 'д'] | ['м', 'і', 'ж'] | ['н', 'і', 'ж'] | ['с', 'і', 'м']
        );
    if (m >= 4 || short) && consonant(bare[m - 1]) {
        // і/о, і/е: the last vowel і with one or two consonants after it. Not
        // before a final й: -ій is an ending (`новій`, `подій`, `Сергій`,
        // `сценарій`), and `Сергой`, `подей` no form's stem; the few nouns
        // whose і/о is there (`бій`/`бою`) are in the irregular table. Three
        // letters keep it (`дім`/`дому`).
        let last_vowel = (0..m).rev().find(|&i| !consonant(bare[i]));
        // Nor in -іх, -ім, a soft adjective's endings (`останніх`, `останнім`:
        // `останнох` was no form's stem either).
        let ending = |i: usize| m >= 4 && m - i == 2 && matches!(bare[m - 1], 'й' | 'х' | 'м');
        let alternates = |i: usize| bare[i] == 'і' && m - i <= 3 && i > 0 && !ending(i);
        if let Some(i) = last_vowel.filter(|&i| alternates(i)) {
            // і/е before a soft consonant or ч (`осінь`/`осені`, `лебідь`/
            // `лебедя`, `піч`/`печі`), and in a few words after a hard one
            // ([`I_E_AFTER_HARD`]); else і alternates with о (`опір`/`опору`,
            // `вечір`/`вечора`), and `опер`, `вечер` are other words' stems
            // (`опера`, `вечеря`).
            let e = w[n - 1] == 'ь'
                || bare[m - 1] == 'ч'
                || I_E_AFTER_HARD.iter().any(|x| term_ends(bare, x));
            for v in ['о', 'е'] {
                if v == 'е' && !e {
                    continue;
                }
                let mut s = bare.to_vec();
                s[i] = v;
                out.push(s.iter().collect());
            }
        }
        // е/о/∅ before a final н, р, л, к after a consonant.
        if m >= 4
            && matches!(bare[m - 1], 'н' | 'р' | 'л' | 'к')
            && matches!(bare[m - 2], 'е' | 'о')
            && consonant(bare[m - 3])
        {
            let mut s = bare[..m - 2].to_vec();
            s.push(bare[m - 1]);
            out.push(s.iter().collect());
        }
        // A noun in -ів is its own stem too (гнів, гніву; острів, острова).
        if bare.ends_with(&['і', 'в']) && m >= 4 {
            out.push(bare.iter().collect());
        }
    }
    // Nouns in -оя (зброя): -ою, -ої are theirs too, not only an adjective's.
    if n >= 5 && w[n - 2] == 'о' && matches!(w[n - 1], 'ю' | 'ї') {
        out.push(w[..n - 1].iter().collect());
    }
    // -іти verbs with -ію in the present (розуміти, розумію): the і stays.
    for ending in [
        "іти",
        "іла",
        "іли",
        "іло",
        "ів",
        "ітиму",
        "ітимеш",
        "ітиме",
        "ітимуть",
    ] {
        if n >= 6 && term_ends(w, ending) {
            let k = n - ending.chars().count() + 1;
            out.push(w[..k].iter().collect());
        }
    }
    take_verb(w, out);
    changed_present_uk(w, out);
    if term_ends(w, "м'я") || term_ends(w, "м'ям") || term_ends(w, "мен") {
        men_stem(w, UK_MYA, &["м'я", "м'ям", "мен"], out);
    }
    if n >= 5 && w[n - 1] == 'і' {
        let stem = &w[..n - 1];
        // -ові/-еві read as a locative in -і (Женеві, Женева).
        if matches!(stem[stem.len() - 2..], ['о' | 'е' | 'є', 'в']) {
            out.push(stem.iter().collect());
        }
        // г/з, к/ц, х/с before -і: both readings of the consonant.
        let swap = match stem[stem.len() - 1] {
            'з' => Some('г'),
            'с' => Some('х'),
            'ц' => Some('ц'),
            _ => None,
        };
        if let Some(c) = swap {
            let mut s = stem.to_vec();
            let k = s.len() - 1;
            s[k] = c;
            out.push(s.iter().collect());
        }
    }
}

/// The present and imperative of `брати` and its compounds (`оберуть`,
/// `виберу`, `зберуться`, `підберіть`) read also as the infinitive's stem
/// (`обра`, `вибра`, `зібрася`, `підібра`): бер/бра, with the і a prefix
/// ending in a consonant takes before бра.
fn take_verb(w: &[char], out: &mut Vec<String>) {
    let (w, reflexive) = without_reflexive(w);
    const PRESENT: &[&str] = &[
        "у", "еш", "е", "емо", "ем", "ете", "еть", "уть", "и", "іть", "ім", "імо",
    ];
    let Some(ending) = PRESENT
        .iter()
        .filter(|e| term_ends(w, e))
        .map(|e| e.chars().count())
        .find(|&k| w.len() >= k + 3 && term_ends(&w[..w.len() - k], "бер"))
    else {
        return;
    };
    let prefix = &w[..w.len() - ending - 3];
    let mut s: String = prefix.iter().collect();
    if prefix.last().is_some_and(|c| consonant(*c)) {
        s.push('і');
    }
    s.push_str("бра");
    if reflexive {
        s.push_str("ся");
    }
    out.push(s);
}

/// The Russian neuter nouns in -мя, less the -мя: a closed class. Left out:
/// `семя` (its -мен- is the name Семён), `темя` (тёмен), `вымя` (rare).
const RU_MYA: &[&str] = &["вре", "и", "зна", "пла", "пле", "бре", "стре"];
/// The Ukrainian ones, less the -м'я. Left out: `сім'я` (a family: сім'ї),
/// `полум'я` (полум'я in every case).
const UK_MYA: &[&str] = &["і", "пле", "ті", "ви"];

/// A noun in -мя (its nominative, or the genitive plural `времен`, which the
/// rules read as е/∅) is also read as the -мен- stem of its other cases.
fn men_stem(w: &[char], bases: &[&str], endings: &[&str], out: &mut Vec<String>) {
    for base in bases {
        let b: Vec<char> = base.chars().collect();
        if w.len() > b.len() && w.starts_with(&b) {
            let rest: String = w[b.len()..].iter().collect();
            if endings.contains(&rest.as_str()) {
                out.push(format!("{base}мен"));
            }
        }
    }
}

/// The present of a Russian -ать verb whose last consonant changes before
/// its е-endings (`пишет`, `ищут`, `покажете`, `плачет`, `кажется`) also read
/// as its infinitive's stem with each consonant that changes so (`писа`,
/// `иска`, `показа`, `плака`; reflexives with -ся). A query asks for a stem
/// as a word too, so only endings no noun form shares: not -у (`мужу`), not
/// -ем (`мужем` would ask for `муза`), not -ит; and two letters at least
/// before the consonant (`счет` would ask for `ста`; one before щ). A noun that still ends
/// so (`бюджет`, `отчет`) gets a stem no word has.
fn changed_present(w: &[char], out: &mut Vec<String>) {
    let (w, reflexive) = without_reflexive(w);
    const ENDINGS: &[&str] = &["ешь", "ёшь", "ете", "ёте", "ет", "ёт", "ут"];
    let Some(stem) = ENDINGS
        .iter()
        .find(|e| term_ends(w, e))
        .map(|e| &w[..w.len() - e.chars().count()])
    else {
        return;
    };
    // One letter before щ is enough (`ищет`): no noun ends so.
    let Some((&last, rest)) = stem
        .split_last()
        .filter(|(&last, rest)| rest.len() >= 2 || (last == 'щ' && !rest.is_empty()))
    else {
        return;
    };
    // Not ч/т (`плачет` would ask for `плата`) nor щ/т: rarer verbs
    // (`прячет`, `клевещет`) than the words they would pull in.
    let was: &[&str] = match last {
        'ж' => &["з", "г"],
        'ш' => &["с", "х"],
        'ч' => &["к"],
        'щ' => &["ск", "ст"],
        _ => return,
    };
    push_infinitive_stems(rest, was, reflexive, out);
}

fn push_infinitive_stems(rest: &[char], was: &[&str], reflexive: bool, out: &mut Vec<String>) {
    let rest: String = rest.iter().collect();
    for c in was {
        out.push(format!("{rest}{c}а{}", if reflexive { "ся" } else { "" }));
    }
}

/// The same for Ukrainian -ати verbs (`пише`/`писати`, `підпишуть`/`підписали`,
/// `ріже`/`різати`, `плаче`/`плакати`; reflexives: `пишеться`/`писалося`).
/// No Ukrainian noun ends in -жуть, -шеш, -чемо…; the bare -е of the third
/// person is read only after a vowel and ж, ш, ч (see below).
fn changed_present_uk(w: &[char], out: &mut Vec<String>) {
    let (mut w, reflexive) = without_reflexive(w);
    if reflexive && term_ends(w, "еть") {
        // пишеться: the third person пише with -ться.
        w = &w[..w.len() - 2];
    }
    const ENDINGS: &[&str] = &["емо", "ете", "еш", "уть", "е"];
    let Some(ending) = ENDINGS.iter().find(|e| term_ends(w, e)) else {
        return;
    };
    let stem = &w[..w.len() - ending.chars().count()];
    let Some((&last, rest)) = stem.split_last().filter(|(_, rest)| rest.len() >= 2) else {
        return;
    };
    // The bare -е also ends comparatives and adverbs (`краще`, `вище`,
    // `дорожче`, `більше`): their stem asked as a word is often one
    // (Russian `краска`, `дорожка`). A verb has a vowel before its ж, ш,
    // ч there (`пише`, `ріже`, `плаче`); -ще is left out.
    if *ending == "е" && (last == 'щ' || rest.last().is_some_and(|c| consonant(*c))) {
        return;
    }
    let was: &[&str] = match last {
        'ж' => &["з"],
        'ш' => &["с"],
        'ч' => &["к"],
        'щ' => &["ск", "ст"],
        _ => return,
    };
    push_infinitive_stems(rest, was, reflexive, out);
}

/// A verb form without its reflexive -ся/-сь (words of more than five
/// letters), and whether it had one.
fn without_reflexive(w: &[char]) -> (&[char], bool) {
    if w.len() > 5 && (term_ends(w, "ся") || term_ends(w, "сь")) {
        (&w[..w.len() - 2], true)
    } else {
        (w, false)
    }
}

fn russian(w: &[char], out: &mut Vec<String>) {
    let n = w.len();
    changed_present(w, out);
    super::carry_verbs::russian(w, out);
    if term_ends(w, "мя") || term_ends(w, "мен") || term_ends(w, "мён") {
        men_stem(w, RU_MYA, &["мя", "мен", "мён"], out);
    }
    // A surname in -ов/-ев/-ёв is its own stem too (Лавров, Лаврова), not a genitive plural.
    if n >= 5 && matches!(w[n - 2..], ['о' | 'е', 'в']) {
        out.push(w.iter().collect());
    }
    // -ие and -ий are a noun's (решение, решений: решени-) or an adjective's
    // (синие, синий: син-); the noun's stem keeps its и. Not after the
    // consonants only adjectives have there (русские, другие, хорошие).
    let only_adjectives = match w[n - 3] {
        'к' | 'х' | 'ж' | 'ш' | 'ч' | 'щ' => true,
        // стратегий, технологий: the -гия nouns; but долгие, строгие
        'г' => term_ends(w, "ие"),
        _ => false,
    };
    if n >= 5 && (term_ends(w, "ие") || term_ends(w, "ий")) && !only_adjectives {
        out.push(w[..n - 1].iter().collect());
    }
    // Their variants with ь (опубликованье, -нья, -ньем): also the stem with и.
    for ending in ["ье", "ья", "ьи", "ью", "ьем", "ьям", "ьями", "ьях"] {
        let k = ending.chars().count();
        if n >= k + 4 && term_ends(w, ending) {
            let mut s: String = w[..n - k].iter().collect();
            s.push('и');
            out.push(s);
            break;
        }
    }
    if n == 5 && consonant(w[2]) && matches!(&w[3..], ['е', 'ц'] | ['о', 'к'] | ['е', 'к']) {
        out.push([w[0], w[1], w[2], w[4]].iter().collect());
    }
}

/// A noun of a people or place in -анин, -янин drops -ин in the plural
/// (`громадянин`/`громадяни`, `громадян`; `киянин`/`кияни`; `гражданин`/
/// `граждане`, `россиянин`/`россияне`): its singular is also the plural's
/// class (`громадян`).
fn people_in_anin(w: &[char], out: &mut Vec<String>) {
    let n = w.len();
    for ending in ["", "а", "у", "ові", "ом", "і", "е"] {
        let k = ending.chars().count();
        if n < k + 6 || !term_ends(w, ending) {
            continue;
        }
        let stem = &w[..n - k];
        if term_ends(stem, "анин") || term_ends(stem, "янин") {
            out.push(stem[..stem.len() - 2].iter().collect());
            return;
        }
    }
}
