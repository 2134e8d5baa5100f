//! A Ukrainian stemmer (Snowball has none). Longest-match removal of
//! inflectional endings, where a verb's thematic vowel goes with its ending and
//! leaves a class mark instead (`чит|а`, `роб|и`, `дар|ув`), so that infinitive,
//! present, past and imperative agree while a verb stays apart from the noun or
//! adjective of the same root. The impersonal -но/-то form goes with its verb
//! (`відкрито`, `розпочато`, `покинуто`: the verb's word in running text).
//! Reflexive verbs keep `ся`. A few normalisations
//! of the stem's end follow (soft sign, к/ц before -і).

use super::suffixes::{strip_reflexive, write_stem, Endings};
use super::word_chars::consonant;

/// (ending, what replaces it)
#[rustfmt::skip]
const RULES: &[(&[&str], &str)] = &[
    // -увати / -ювати verbs, all forms
    (
        &[
            "уватимемо", "уватимете", "уватимуть", "уватимеш", "уватиме", "уватиму", "уватимем",
            "юватимемо", "юватимете", "юватимуть", "юватимеш", "юватиме", "юватиму", "юватимем",
            "увати", "ювати", "увать", "ювать", "ували", "ювали", "увала", "ювала", "увало", "ювало",
            "ував", "ював", "увано", "ювано", "овано", "ьовано", "уєть", "юєть", "уємо", "юємо",
            "уєте", "юєте", "ують", "юють", "уєш", "юєш", "уєм", "юєм", "ує", "ює", "ую", "юю", "уймо",
            "юймо", "уйте", "юйте", "уй", "юй",
        ],
        "ув",
    ),
    // -ати verbs
    (
        &[
            "атимемо", "атимете", "атимуть", "атимеш", "атиме", "атиму", "атимем", "ати", "али",
            "ала", "ало", "ав", "ано", "ато", "аєть", "аємо", "аєте", "ають", "аєш", "аєм", "ає", "аю",
            "аймо", "айте", "ай",
        ],
        "а",
    ),
    // -яти verbs: a class of their own (зняли is not знали)
    (
        &[
            "ятимемо", "ятимете", "ятимуть", "ятимеш", "ятиме", "ятиму", "ятимем", "яти", "яли",
            "яла", "яло", "яв", "яно", "яєть", "яємо", "яєте", "яють", "яєш", "яєм", "яє", "яю",
            "яймо", "яйте", "яй",
        ],
        "я",
    ),
    // -ити / -іти verbs
    (
        &[
            "итимемо", "итимете", "итимуть", "итимеш", "итиме", "итиму", "итимем", "ітимемо", "ать",
            "ітимете", "ітимуть", "ітимеш", "ітиме", "ітиму", "ітимем", "ити", "іти", "ить", "ять",
            "или", "іли", "ила", "іла", "ило", "іло", "ив", "ено", "єно", "ито", "имо", "ите", "иш", "імо",
            "іть", "іш",
            // after a vowel (клеїти, заспокоїть, стоїш)
            "їтимемо", "їтимете", "їтимуть", "їтимеш", "їтиме", "їтиму", "їтимем", "їти", "їть",
            "їли", "їла", "їло", "їмо", "їте", "їш",
        ],
        "и",
    ),
    // -нути, -ути and other verbs with -е- in the present
    (
        &[
            "утимемо", "утимете", "утимуть", "утимеш", "утиме", "утиму", "утимем", "ути", "ули", "ула",
            "уло", "ув", "уто", "еть", "єть", "емо", "ете", "еш", "ємо", "єте", "єш", "уть", "ють", "вши",
            "ючи", "учи", "ячи", "ачи",
        ],
        "",
    ),
    // adjectives and nouns
    (
        &[
            "ього", "ьому", "ого", "ому", "ими", "іми", "ьою", "ьої", "ою", "ої", "ий", "ій", "им",
            "ім", "их", "іх", "ую", "юю", "ами", "ями", "ові", "еві", "єві", "ам", "ям", "ах",
            "ях", "ом", "ем", "єм", "ею", "єю", "ей", "їв", "ів", "а", "я", "о", "е", "є", "у",
            "ю", "і", "ї", "и", "ь", "й",
        ],
        "",
    ),
];

fn endings() -> &'static Endings {
    static ENDINGS: std::sync::OnceLock<Endings> = std::sync::OnceLock::new();
    ENDINGS.get_or_init(|| Endings::new(RULES))
}

/// Shortest stem we leave: shorter ones merge unrelated words.
const MIN_STEM: usize = 2;

pub fn stem(term: &str) -> String {
    let mut w: Vec<char> = term.chars().collect();
    if w.len() <= MIN_STEM + 1 || !w.iter().all(|c| super::is_letter(*c) || *c == '\'') {
        return term.to_owned();
    }
    let reflexive = strip_reflexive(&mut w, MIN_STEM);
    // The synthetic future's third person takes ть before ся (`читатиметься`
    // is `читатиме` + `ться`): without it the ending is the future's own.
    if reflexive && w.len() > 8 && w.ends_with(&['и', 'м', 'е', 'т', 'ь']) {
        w.truncate(w.len() - 2);
    }
    let mut mark = "";
    let n = w.len();
    // A word of four letters is no adjective's ending on two consonants
    // (`гріх`, `сміх`, `грім`, `вдих`, `грим`: each was `гр` or `см`, so
    // `грім` found `гріх`, `грою`, `грей`); `злий` is the one such adjective.
    if n == 4
        && !reflexive
        && matches!(w[2..], ['и' | 'і', 'м' | 'х'])
        && consonant(w[0])
        && consonant(w[1])
        && w[..2] != ['з', 'л']
    {
        return finish(w, mark, reflexive);
    }
    // Fleeting vowels: хлопець/хлопця; and the genitive plural of -ння nouns (знань/знання).
    if n >= 6 && w.ends_with(&['е', 'ц', 'ь']) {
        w.truncate(n - 3);
        w.push('ц');
        return finish(w, mark, reflexive);
    }
    if n >= 5 && w.ends_with(&['н', 'ь']) && matches!(w[n - 3], 'а' | 'е' | 'я') {
        w.truncate(n - 1);
        w.push('н');
        return finish(w, mark, reflexive);
    }
    // The impersonal -то of -яти verbs (прийнято, піднято), but not a short
    // noun's -о (свято, свята).
    if n >= 6 && w.ends_with(&['я', 'т', 'о']) {
        w.truncate(n - 3);
        return finish(w, "я", reflexive);
    }
    // Diminutives: горщичок/горщичка, and the genitive plural of -ка nouns (прялок).
    if n >= 7 && w.ends_with(&['о', 'к']) {
        w.truncate(n - 2);
        w.push('к');
        return finish(w, mark, reflexive);
    }
    // -ість nouns alternate with -ост- in the other cases (радість, радості).
    if w.ends_with(&['і', 'с', 'т', 'ь']) || w.ends_with(&['і', 'с', 'т', 'ю']) {
        let n = w.len();
        w.truncate(n - 4);
        w.extend(['о', 'с', 'т']);
    } else if let Some((len, m)) = endings().longest(&w, MIN_STEM).map(|e| past_in_u(&w, e)) {
        let before_i = len == 1 && w.last() == Some(&'і');
        w.truncate(w.len() - len);
        mark = m;
        // The present of a -вати verb (`відбуваються`, `забуваю`) after
        // -у-/-ю-: its other forms end in -увати, -ував…, which the -увати
        // rule reads as `відб|ув`; the same class, not `відбув|а`.
        // Not a stem of three letters: `бувати` would ask for the word `був`.
        if m == "а" && w.len() >= 4 && (w.ends_with(&['у', 'в']) || w.ends_with(&['ю', 'в'])) {
            mark = "";
        }
        normalize_end(&mut w, before_i);
    } else {
        normalize_end(&mut w, false);
    }
    finish(w, mark, reflexive)
}

/// The past of a verb in -ути (`тягнула`, `почула`, `забув`) has its stem
/// end in н, ч, д, б or з (-нути, `чути`, `дути`, `бути`, `взути`); after any
/// other letter -ула, -ули, -уло are a noun's (`формула`, `консули`,
/// `капсула`: `формула` was `форм`, the class of `форма`), and only the
/// last letter is its ending. -ув and -уто there are no ending.
fn past_in_u(w: &[char], (len, mark): (usize, &'static str)) -> (usize, &'static str) {
    const PAST: [&[char]; 5] = [
        &['у', 'л', 'а'],
        &['у', 'л', 'и'],
        &['у', 'л', 'о'],
        &['у', 'в'],
        &['у', 'т', 'о'],
    ];
    let ending = &w[w.len() - len..];
    if mark.is_empty() && PAST.contains(&ending) && w.len() > len {
        let before = w[w.len() - len - 1];
        if !matches!(before, 'н' | 'ч' | 'д' | 'б' | 'з') {
            return match ending.last() {
                Some('а' | 'и' | 'о') => (1, ""),
                _ => (0, ""),
            };
        }
    }
    (len, mark)
}

/// Endings only adjectives (and participles) have.
const ADJECTIVE_ONLY: &[&str] = &[
    "ього", "ьому", "ого", "ому", "ими", "іми", "ьої", "ої", "ий", "ій", "им", "ім", "их", "іх",
];
/// Endings only nouns have.
const NOUN_ONLY: &[&str] = &[
    "ами", "ями", "ові", "еві", "єві", "ам", "ям", "ах", "ях", "ом", "ем", "єм", "ей", "їв", "ів",
    "и", "ь", "й",
];
/// Endings adjectives share with nouns.
const SHARED: &[&str] = &["ою", "ею", "єю", "а", "я", "у", "ю", "е", "є", "і", "ї"];

/// Whether a form is an adjective's, a noun's, or either, by the ending the
/// rules took off to leave `stem` (a form of another part of speech reads as
/// either).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Reading {
    Adjective,
    Noun,
    /// The ending -о: a neuter noun's nominative (`вікно`, `світло`) or an
    /// adjective's adverb (`прямо`, `цікаво`); no adjective form ends so.
    NounOrAdverb,
    Either,
}

pub fn reading(term: &str, stem: &str) -> Reading {
    let n = term.chars().count();
    let s = stem.chars().count();
    if n < 5 || term == stem || term.ends_with("ся") || term.ends_with("сь") {
        return Reading::Either;
    }
    let took = |endings: &[&str]| {
        endings
            .iter()
            .any(|e| term.ends_with(e) && n - e.chars().count() == s)
    };
    if took(ADJECTIVE_ONLY) {
        Reading::Adjective
    } else if took(&["о", "ьо"]) {
        Reading::NounOrAdverb
    } else if took(NOUN_ONLY) && !took(SHARED) {
        Reading::Noun
    } else {
        Reading::Either
    }
}

fn finish(w: Vec<char>, mark: &str, reflexive: bool) -> String {
    write_stem(w, mark, reflexive)
}

/// Stem-final normalisations: a soft sign or apostrophe goes, and before the
/// ending -і a ц that stands for к (рука, руці) is read as к.
fn normalize_end(w: &mut Vec<char>, before_i: bool) {
    while w.len() > MIN_STEM && matches!(w.last(), Some('ь') | Some('\'')) {
        w.pop();
    }
    if before_i {
        if let Some(last) = w.last_mut() {
            if *last == 'ц' {
                *last = 'к';
            }
        }
    }
}
