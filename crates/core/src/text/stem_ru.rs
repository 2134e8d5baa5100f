//! A Russian stemmer in the same design as the Ukrainian one: longest-match
//! removal of endings, a verb's thematic vowel replaced by a class mark, and
//! participles (declined like adjectives) brought back to their verb's stem.

use super::suffixes::{strip_reflexive, write_stem, Endings};

/// (endings, class mark), first group wins among endings of equal length.
#[rustfmt::skip]
const RULES: &[(&[&str], &str)] = &[
    // adjectives and nouns come first: "-им", "-ем", "-ую" are mostly theirs
    (
        &[
            "иями", "ием", "ией", "иею", "иям", "иях",
            "ого", "его", "ому", "ему", "ыми", "ими", "ами", "ями", "ьями", "ьев", "ьям", "ьях",
            "ый", "ий", "ой", "ая", "яя", "ое", "ее", "ые", "ие", "ым", "им", "ом", "ем", "ую", "юю", "ою",
            "ею", "ых", "их", "ей", "ов", "ев", "ам", "ям", "ах", "ях", "ию", "ия", "ии", "ья", "ье",
            "ьи", "ью", "ий", "ие", "ии", "ию", "ия", "а", "я", "о", "е", "ы", "и", "у", "ю", "ь", "й",
        ],
        "",
    ),
    // -овать / -евать verbs
    (
        &[
            "овать", "евать", "овала", "евала", "овали", "евали", "овало", "евало", "овавши", "евавши",
            "овал", "евал", "овав", "евав", "уешь", "уете", "ует", "уем", "уют", "уйте", "уй",
        ],
        "ов",
    ),
    // -ать / -ять verbs
    (
        &[
            "авши", "явши", "ать", "ять", "ала", "яла", "али", "яли", "ало", "яло", "ал", "ял", "ав", "яв",
            "аешь", "яешь", "аете", "яете", "ает", "яет", "аем", "яем", "ают", "яют", "аю", "яю",
            "айте", "яйте", "ай", "яй",
        ],
        "а",
    ),
    // -ить verbs
    (
        &[
            "ивши", "ить", "ила", "или", "ило", "ил", "ив", "ишь", "ите", "ит", "ят",
        ],
        "и",
    ),
    // -еть verbs
    (&["евши", "еть", "ела", "ели", "ело", "ел"], "е"),
    // -нуть verbs
    (
        &[
            "нувши", "нуть", "нула", "нули", "нуло", "нул", "нув", "нешь", "нете", "нет", "нут",
            "немте", "нем",
        ],
        "ну",
    ),
    // other present-tense endings
    (&["ешь", "ете", "ет", "ут", "ют", "вши"], ""),
];

/// Participle suffixes left after an adjective ending, with their verb's class mark.
#[rustfmt::skip]
const PARTICIPLES: &[(&str, &str)] = &[
    ("овавш", "ов"), ("евавш", "ов"), ("ованн", "ов"), ("еванн", "ов"), ("ующ", "ов"), ("юющ", "ов"),
    ("уем", "ов"), ("ающ", "а"), ("яющ", "а"), ("аем", "а"), ("яем", "а"), ("авш", "а"), ("явш", "а"),
    ("анн", "а"), ("янн", "а"), ("ивш", "и"), ("ящ", "и"), ("ащ", "и"), ("енн", "и"), ("евш", "е"),
    ("нувш", "ну"), ("нут", "ну"), ("ущ", ""), ("ющ", ""), ("вш", ""),
];

const ADJECTIVE_ENDINGS: &[&str] = &[
    "ого", "его", "ому", "ему", "ыми", "ими", "ый", "ий", "ой", "ая", "яя", "ое", "ее", "ые", "ие",
    "ым", "им", "ом", "ем", "ую", "юю", "ою", "ею", "ых", "их", "ей",
];

fn endings() -> &'static Endings {
    static ENDINGS: std::sync::OnceLock<Endings> = std::sync::OnceLock::new();
    ENDINGS.get_or_init(|| Endings::new(RULES))
}

const MIN_STEM: usize = 2;

pub fn stem(term: &str) -> String {
    let mut w: Vec<char> = term.chars().collect();
    if w.len() <= MIN_STEM + 1 || !w.iter().all(|c| super::is_letter(*c)) {
        return term.to_owned();
    }
    let reflexive = strip_reflexive(&mut w, MIN_STEM);
    let mut mark = "";
    // Comparatives with по- (повзрывнее) belong to the adjective.
    if w.len() > 7
        && w.starts_with(&['п', 'о'])
        && (w.ends_with(&['е', 'е']) || w.ends_with(&['е', 'й']))
    {
        w.drain(..2);
    }
    let n = w.len();
    let vowel = |c: char| "аеиоуыэюя".contains(c);
    // Fleeting vowels: short adjectives (бездетен, бездетна) and the genitive
    // plural or nominative of nouns with -ок/-ек/-ец (шапочек, гребок, конец).
    if n >= 6 && !vowel(w[n - 3]) {
        let tail = [w[n - 2], w[n - 1]];
        if matches!(tail, ['е', 'н'] | ['е', 'к'] | ['о', 'к'] | ['е', 'ц']) {
            let last = w[n - 1];
            w.truncate(n - 2);
            // -альный, -ален: the soft sign comes back with the vowel gone.
            if last == 'н' && w.last() == Some(&'л') {
                w.push('ь');
            }
            w.push(last);
            return finish(w, mark, reflexive);
        }
    }
    if let Some((len, m)) = participle(&w) {
        w.truncate(w.len() - len);
        mark = m;
    } else if reflexive && (w.ends_with(&['а', 'я']) || w.ends_with(&['я', 'я'])) {
        // Adverbial participle of a reflexive verb (опровергаясь).
        w.truncate(n - 2);
        mark = "а";
    } else if let Some((len, m)) = endings().longest(&w, MIN_STEM) {
        w.truncate(w.len() - len);
        mark = m;
    }
    while w.len() > MIN_STEM && w.last() == Some(&'ь') {
        w.pop();
    }
    finish(w, mark, reflexive)
}

fn finish(mut w: Vec<char>, mark: &str, reflexive: bool) -> String {
    // A patronymic's feminine forms join the masculine ones (Ивановна, Иванович).
    if mark.is_empty()
        && w.len() > 4
        && (w.ends_with(&['о', 'в', 'н']) || w.ends_with(&['е', 'в', 'н']))
    {
        w.pop();
        w.extend(['и', 'ч']);
    }
    write_stem(w, mark, reflexive)
}

/// A participle: an adjective ending after a participle suffix. Returns how
/// many characters to remove and the verb's class mark.
fn participle(w: &[char]) -> Option<(usize, &'static str)> {
    for adj in ADJECTIVE_ENDINGS {
        let a: Vec<char> = adj.chars().collect();
        if !w.ends_with(&a) {
            continue;
        }
        let rest = &w[..w.len() - a.len()];
        for (suffix, mark) in PARTICIPLES {
            let s: Vec<char> = suffix.chars().collect();
            if rest.len() >= s.len() + MIN_STEM && rest.ends_with(&s) {
                return Some((a.len() + s.len(), mark));
            }
        }
    }
    None
}
