//! A Russian stemmer in the same design as the Ukrainian one: longest-match
//! removal of endings, a verb's thematic vowel replaced by a class mark, and
//! participles (declined like adjectives) brought back to their verb's stem.
//!
//! Longer than our usual module: a third of it is the ending tables (data,
//! one line per class), and the rest is one concern, reading a word's ending;
//! extra readings of a form live in `alternations` and `verb_classes`.

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
            // nouns in -ой (герой, героя): their stem loses the о as the nominative does
            "оя", "оем", "ои", "оев", "оям", "оях", "оями",
        ],
        "",
    ),
    // -ировать, -изовать, -ствовать verbs: their -ую is not an adjective's
    (&["ирую", "ируя"], "иров"),
    (&["изую", "изуя"], "изов"),
    (&["ствую", "ствуя"], "ствов"),
    // -овать / -евать verbs
    (
        &[
            "овать", "евать", "овала", "евала", "овали", "евали", "овало", "евало", "овавши", "евавши",
            "овал", "евал", "овав", "евав", "уешь", "уете", "ует", "уем", "уют", "уйте", "уй", "уемте",
        ],
        "ов",
    ),
    // -ать / -ять verbs
    (
        &[
            "авши", "явши", "ать", "ять", "ала", "яла", "али", "яли", "ало", "яло", "ал", "ял", "ав", "яв",
            "аешь", "яешь", "аете", "яете", "ает", "яет", "аем", "яем", "ают", "яют", "аю", "яю",
            "айте", "яйте", "ай", "яй", "аемте", "яемте",
        ],
        "а",
    ),
    // -ить verbs
    (
        &[
            "ивши", "ить", "ила", "или", "ило", "ил", "ив", "ишь", "ите", "ит", "ят", "имте", "ьте",
        ],
        "и",
    ),
    // -еть verbs
    (&["евши", "еть", "ела", "ели", "ело", "ел"], "е"),
    // -нуть verbs
    (
        &[
            "нувши", "нуть", "нула", "нули", "нуло", "нул", "нув", "нешь", "нете", "нет", "нут",
            "немте", "ньте",
        ],
        "ну",
    ),
    // other present-tense endings
    (&["ешь", "ете", "ет", "ут", "ют", "вши", "емте"], ""),
];

/// Endings of reflexive words once `ся`/`сь` is gone: these are verbs (the
/// participles are handled before), so `-им`, `-ю`, `-и` are verb endings here.
#[rustfmt::skip]
const REFLEXIVE_RULES: &[(&[&str], &str)] = &[
    (
        &[
            "овать", "евать", "овала", "евала", "овали", "евали", "овало", "евало", "овавши", "евавши",
            "овал", "евал", "овав", "евав", "уешь", "уете", "ует", "уем", "уют", "ую", "уй", "уйте",
            "уя", "уемте",
        ],
        "ов",
    ),
    (
        &[
            "авши", "явши", "ать", "ять", "ала", "яла", "али", "яли", "ало", "яло", "ал", "ял", "ав", "яв",
            "аешь", "яешь", "аете", "яете", "ает", "яет", "аем", "яем", "ают", "яют", "аю", "яю",
            "айте", "яйте", "ай", "яй", "ая", "яя", "аемте", "яемте",
        ],
        "а",
    ),
    (
        &[
            "ивши", "ить", "ила", "или", "ило", "ил", "ив", "ишь", "ите", "ит", "им", "ят", "ат",
            "имте", "ю", "у", "и", "я", "ой", "ойте", "ою", "ь", "ьте",
        ],
        "и",
    ),
    (&["евши", "еть", "ела", "ели", "ело", "ел", "ей", "ейте", "ею", "ея"], "е"),
    (
        &[
            "нувши", "нуть", "нула", "нули", "нуло", "нул", "нув", "нешь", "нете", "нет", "нут",
            "немте", "нем", "ну",
        ],
        "ну",
    ),
    (&["ывши", "ыть", "ыла", "ыли", "ыло", "ыл", "ыв"], "ы"),
    (
        &[
            "ешь", "ете", "ет", "ем", "ут", "ют", "емте", "вши", "ти", "ть", "й", "йте", "л", "ла",
            "ло", "ли",
        ],
        "",
    ),
];

/// Participle suffixes left after an adjective ending, with their verb's class
/// mark; the first that fits wins. Superlatives (-ейш-) go back to the adjective.
#[rustfmt::skip]
const PARTICIPLES: &[(&str, &str)] = &[
    ("ейш", ""), ("овавш", "ов"), ("евавш", "ов"), ("ованн", "ов"), ("еванн", "ов"), ("ующ", "ов"),
    ("юющ", "ов"), ("уем", "ов"), ("ающ", "а"), ("яющ", "а"), ("аем", "а"), ("яем", "а"), ("авш", "а"),
    ("явш", "а"), ("анн", "а"), ("янн", "а"), ("ивш", "и"), ("ящ", "и"), ("ащ", "и"), ("енн", "и"),
    ("евш", "е"), ("нувш", "ну"), ("нут", "ну"), ("ущ", ""), ("ющ", ""), ("вш", ""),
];

const ADJECTIVE_ENDINGS: &[&str] = &[
    "ого", "его", "ому", "ему", "ыми", "ими", "ый", "ий", "ой", "ая", "яя", "ое", "ее", "ые", "ие",
    "ым", "им", "ом", "ем", "ую", "юю", "ою", "ею", "ых", "их", "ей",
];

/// Short forms of participles (and of adjectives made from them), ending
/// included: -ован(а), решен(о), -нут(ы), -ируема, -ающе.
#[rustfmt::skip]
const SHORT_PARTICIPLES: &[(&str, &str)] = &[
    ("ованна", "ов"), ("ованно", "ов"), ("ованны", "ов"), ("ован", "ов"), ("ована", "ов"),
    ("овано", "ов"), ("ованы", "ов"), ("анна", "а"), ("анно", "а"), ("анны", "а"), ("янна", "а"),
    ("янно", "а"), ("янны", "а"), ("енна", "и"), ("енно", "и"), ("енны", "и"), ("ен", "и"),
    ("ена", "и"), ("ено", "и"), ("ены", "и"), ("нут", "ну"), ("нута", "ну"), ("нуто", "ну"),
    ("нуты", "ну"), ("уема", "ов"), ("уемо", "ов"), ("уемы", "ов"), ("аема", "а"), ("аемо", "а"),
    ("аемы", "а"), ("яема", "а"), ("яемо", "а"), ("яемы", "а"), ("ующа", "ов"), ("ующе", "ов"),
    ("ующи", "ов"), ("ающа", "а"), ("ающе", "а"), ("ающи", "а"), ("яюща", "а"), ("яюще", "а"),
    ("яющи", "а"), ("уща", ""), ("уще", ""), ("ущи", ""), ("юща", ""), ("юще", ""), ("ющи", ""),
    ("ящ", "и"), ("яща", "и"), ("яще", "и"), ("ящи", "и"),
];

/// Endings only the nouns in -ия, -ие, -ий have, after their и.
const KEEPS_I: &[&str] = &["иями", "ием", "ией", "иею", "иям", "иях", "ию", "ия", "ии"];

fn endings() -> &'static Endings {
    static ENDINGS: std::sync::OnceLock<Endings> = std::sync::OnceLock::new();
    ENDINGS.get_or_init(|| Endings::new(RULES))
}

fn reflexive_endings() -> &'static Endings {
    static ENDINGS: std::sync::OnceLock<Endings> = std::sync::OnceLock::new();
    ENDINGS.get_or_init(|| Endings::new(REFLEXIVE_RULES))
}

const MIN_STEM: usize = 2;

pub fn stem(term: &str) -> String {
    let mut w: Vec<char> = term.chars().collect();
    if w.len() <= MIN_STEM + 1 || !w.iter().all(|c| super::is_letter(*c)) {
        return term.to_owned();
    }
    let reflexive = strip_reflexive(&mut w, MIN_STEM);
    let mut mark = "";
    let comparative = !reflexive && comparative_with_po(&w);
    if comparative {
        w.drain(..2);
    }
    // Superlatives with наи- (наивиднейший) belong to the adjective.
    if w.len() > 10 && w.starts_with(&['н', 'а', 'и']) && superlative(&w) {
        w.drain(..3);
    }
    if let Some((len, m)) = participle(&w, comparative) {
        let (len, m) = oyat_class(&w, eva_class(&w, len, m));
        w.truncate(w.len() - len);
        return finish(verb_stem(w, m), m, reflexive);
    }
    if !reflexive {
        if let Some((len, m)) = short_participle(&w) {
            w.truncate(w.len() - len);
            return finish(verb_stem(w, m), m, reflexive);
        }
    }
    let n = w.len();
    let vowel = |c: char| "аеиоуыэюя".contains(c);
    // Fleeting vowels: short adjectives (бездетен, бездетна) and the genitive
    // plural or nominative of nouns with -ок/-ек/-ец (шапочек, гребок, конец).
    // -енный adjectives' short masculine: вневременен, безболезнен, величествен.
    if n >= 7 && (ends(&w, "нен") || ends(&w, "ствен")) {
        if ends(&w, "енен") {
            w.truncate(n - 2);
        }
        w.push('н');
        if let Some((len, m)) = participle_suffix(&w) {
            w.truncate(w.len() - len);
            return finish(verb_stem(w, m), m, reflexive);
        }
        return finish(w, mark, reflexive);
    }
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
            // A participle's short form (вневременен): back to its verb like the full form.
            if let Some((len, m)) = participle_suffix(&w) {
                w.truncate(w.len() - len);
                return finish(verb_stem(w, m), m, reflexive);
            }
            return finish(w, mark, reflexive);
        }
    }
    if let Some((len, m)) = reflexive
        .then(|| reflexive_endings().longest(&w, MIN_STEM))
        .flatten()
    {
        let (len, m) = oyat_class(&w, eva_class(&w, len, m));
        w.truncate(w.len() - len);
        mark = m;
        // The first person's л after a labial (направлюсь, направишься).
        if len == 1
            && m == "и"
            && matches!(w.as_slice(), [.., _, _, 'б' | 'п' | 'в' | 'м' | 'ф', 'л'])
        {
            w.pop();
        }
    } else if let Some((len, m)) = endings().longest(&w, MIN_STEM) {
        let (len, m) = oyat_class(&w, eva_class(&w, len, m));
        let (len, m) = noun_or_verb(&w, len, m);
        // The nouns in -ия, -ие, -ий keep their и (стратегия, стратегии,
        // решения): without it they met the noun without it (стратег,
        // решен). -ие and -ий are an adjective's too (синие, последний),
        // so they get it as an extra stem (alternations), except after
        // -ан-, -ен-, -ян-, where only verbal nouns have them (решение).
        let n = w.len();
        let verbal_noun = len == 2
            && (ends(&w, "ие") || ends(&w, "ий"))
            && n >= 6
            && w[n - 3] == 'н'
            && matches!(w[n - 4], 'а' | 'е' | 'я');
        let keep_i = m.is_empty()
            && len >= 2
            && w[n - len] == 'и'
            && (verbal_noun
                || KEEPS_I
                    .iter()
                    .any(|e| ends(&w, e) && e.chars().count() == len));
        w.truncate(w.len() - len + usize::from(keep_i));
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
    if mark.is_empty() && w.len() > 6 {
        let n = w.len();
        match &w[n - 5..] {
            // Patronymics of names in -ий are spelt both ways (Юрьевич, Юриевич).
            ['и', 'е', 'в', 'и', 'ч'] => w[n - 5] = 'ь',
            // Nouns of origin lose -ин in the plural (россиянин, россияне).
            [_, 'а' | 'я', 'н', 'и', 'н'] => w.truncate(n - 2),
            _ => {}
        }
    }
    write_stem(w, mark, reflexive)
}

/// A comparative with по- (повзрывнее, поновей) belongs to the adjective; not
/// a participle (-шее, -щей), an adjective in -жий/-чий or -дний (последнее),
/// nor an agent noun's genitive plural (покупателей).
fn comparative_with_po(w: &[char]) -> bool {
    let n = w.len();
    n > 7
        && w.starts_with(&['п', 'о'])
        && (ends(w, "ее") || ends(w, "ей"))
        && !matches!(w[n - 3], 'ж' | 'ш' | 'ч' | 'щ')
        && !ends(&w[..n - 2], "тел")
        && !ends(&w[..n - 2], "дн")
}

/// Verb endings that also end common nouns: the plural of -тель nouns
/// (жители, not a past tense), and -ните after a consonant, the imperative
/// of -нуть verbs (крикните).
fn noun_or_verb(w: &[char], len: usize, mark: &'static str) -> (usize, &'static str) {
    let stem = &w[..w.len() - len];
    match (mark, len) {
        ("е", 3) if ends(w, "тели") => (1, ""),
        ("и", 3) if ends(w, "ите") && stem.len() > MIN_STEM + 2 => match stem {
            [.., c, 'н'] if !"аеиоуыэюяь".contains(*c) => (4, "ну"),
            _ => (len, mark),
        },
        _ => (len, mark),
    }
}

/// -евать verbs after д, п, в, р, т keep the а through their forms (одевать,
/// одеваю; успевать, подозревать), unlike воевать, воюю: their е stays in the stem.
fn eva_class(w: &[char], len: usize, mark: &'static str) -> (usize, &'static str) {
    let start = w.len() - len;
    if mark == "ов" && w[start] == 'е' && start > MIN_STEM && "дпврт".contains(w[start - 1])
    {
        (len - 1, "а")
    } else {
        (len, mark)
    }
}

/// -оять verbs conjugate like -ить ones (стоять, стоит; состоялось,
/// состоится; бояться, боится): their infinitive, past and past participle
/// take the и class of their present, so all their forms agree. Not an
/// adjective in -оянный (постоянный is not постоять).
fn oyat_class(w: &[char], (len, mark): (usize, &'static str)) -> (usize, &'static str) {
    const PAST_AND_INFINITIVE: &[&str] = &["явши", "ять", "яла", "яли", "яло", "ял", "яв", "явш"];
    let start = w.len() - len;
    // The cheap tests first: most words are not -а class after -о-, and
    // then no ending is compared at all.
    if mark != "а" || start == 0 || !matches!(w[start - 1], 'о' | 'е' | 'а' | 'у') {
        return (len, mark);
    }
    let ending = &w[start..];
    let past = PAST_AND_INFINITIVE.iter().any(|e| {
        let n = e.chars().count();
        ending.len() >= n
            && ending.iter().zip(e.chars()).all(|(a, b)| *a == b)
            && (ending.len() == n || *e == "явш")
    });
    match (past, w[start - 1]) {
        (true, 'о') => (len, "и"),
        // -еять, -аять, -уять verbs have -еет, -ает, -ует in the present
        // (надеяться, надеется; затеял, затеет): their class has no mark.
        // Not after two letters (таять: `та` would be a word of its own).
        (true, _) if start >= 3 => (len, ""),
        _ => (len, mark),
    }
}

/// Whether `w` ends with `suffix`, compared char by char (no allocation).
fn ends(w: &[char], suffix: &str) -> bool {
    let mut i = w.len();
    for c in suffix.chars().rev() {
        if i == 0 || w[i - 1] != c {
            return false;
        }
        i -= 1;
    }
    true
}

/// A participle: an adjective ending after a participle suffix. Returns how
/// many characters to remove and the verb's class mark. `comparative`: the
/// word was a comparative with по-.
fn participle(w: &[char], comparative: bool) -> Option<(usize, &'static str)> {
    for adj in ADJECTIVE_ENDINGS {
        if !ends(w, adj) {
            continue;
        }
        let a = adj.chars().count();
        if let Some((len, mark)) = participle_suffix(&w[..w.len() - a]) {
            // -нн- participles decline hard: внутренний, внутреннее are adjectives,
            // though -ннее after по- is a comparative (посовременнее).
            if ends(&w[..w.len() - a], "нн")
                && matches!(adj.chars().next(), Some('и' | 'е' | 'я' | 'ю'))
                && !(comparative && matches!(*adj, "ее" | "ей"))
            {
                continue;
            }
            // A superlative of a participle's adjective (отдаленнейший).
            let rest = &w[..w.len() - a - len];
            if let (true, Some((more, mark))) = (
                len == 3 && ends(&w[..w.len() - a], "ейш"),
                participle_suffix(rest),
            ) {
                return Some((a + len + more, mark));
            }
            return Some((a + len, mark));
        }
    }
    None
}

/// Whether `w` is a superlative (-ейший, -айший) with an adjective ending.
fn superlative(w: &[char]) -> bool {
    ADJECTIVE_ENDINGS.iter().any(|adj| {
        ends(w, adj) && {
            let rest = &w[..w.len() - adj.chars().count()];
            ends(rest, "ейш") || ends(rest, "айш")
        }
    })
}

/// The participle suffix `w` ends with, if it leaves a long enough stem.
fn participle_suffix(w: &[char]) -> Option<(usize, &'static str)> {
    // -ственн- is an adjective's suffix (естественный, имущественный), no
    // participle's: no verb ends in -ствить.
    if ends(w, "ственн") {
        return None;
    }
    let found = PARTICIPLES.iter().find_map(|(suffix, mark)| {
        let len = suffix.chars().count();
        (w.len() >= len + MIN_STEM && ends(w, suffix)).then_some((len, *mark))
    });
    // Verbs whose past ends in a consonant (стриг, вез, шел) make -ший on it;
    // not the comparatives высший, старший, младший, низший.
    found.or_else(|| {
        let consonant_past = w.len() > MIN_STEM + 2
            && matches!(
                &w[w.len() - 3..],
                [_, 'б' | 'г' | 'к' | 'п' | 'т', 'ш']
                    | ['е', 'д', 'ш']
                    | ['е' | 'ы' | 'л' | 'р', 'з', 'ш']
                    | ['е' | 'а' | 'я' | 'о', 'с', 'ш']
            );
        consonant_past.then_some((1, ""))
    })
}

/// A short participle: -ован(а), -нут(о), or -ен(ы) after the consonants that
/// -ить verbs turn to before it (решен, побежден, восстановлен).
fn short_participle(w: &[char]) -> Option<(usize, &'static str)> {
    SHORT_PARTICIPLES.iter().find_map(|(suffix, mark)| {
        let len = suffix.chars().count();
        if w.len() < len + MIN_STEM + 1 || !ends(w, suffix) {
            return None;
        }
        let stem = &w[..w.len() - len];
        if suffix.starts_with("енн") && ends(stem, "ств") {
            return None;
        }
        let fits = match *mark {
            // решена, but not нужен, страшен, прочен (short adjectives)
            "и" if suffix.starts_with('е') && !suffix.starts_with("енн") => match stem {
                [.., 'щ'] | [.., 'ж', 'д'] | [.., 'б' | 'п' | 'в' | 'м' | 'ф', 'л'] => {
                    true
                }
                [.., 'ж' | 'ш' | 'ч'] => len == 3,
                _ => false,
            },
            _ => true,
        };
        fits.then_some((len, *mark))
    })
}

/// A participle's stem as its verb's: -ить verbs' д→жд and the л after a labial undone.
fn verb_stem(mut w: Vec<char>, mark: &str) -> Vec<char> {
    if mark == "и" {
        match w.as_slice() {
            [.., _, _, 'ж', 'д'] => {
                w.pop();
                w.pop();
                w.push('д');
            }
            [.., _, _, 'б' | 'п' | 'в' | 'м' | 'ф', 'л'] => {
                w.pop();
            }
            _ => {}
        }
    }
    w
}

#[cfg(test)]
mod tests {
    use super::stem;

    fn same(words: &[&str]) {
        let stems: Vec<String> = words.iter().map(|w| stem(w)).collect();
        assert!(
            stems.iter().all(|s| *s == stems[0]),
            "{words:?} -> {stems:?}"
        );
    }

    #[test]
    fn reflexive_verbs_and_short_participles() {
        same(&[
            "стремиться",
            "стремлюсь",
            "стремимся",
            "стремись",
            "стремятся",
        ]);
        same(&["направить", "направлен", "направлена", "направленный"]);
        same(&["решить", "решена", "решенный", "решенного"]);
        same(&["организовать", "организую", "организован", "организованы"]);
        same(&["россиянин", "россиянина", "россияне", "россиян"]);
        same(&["жители", "житель", "жителя"]);
        same(&["герой", "героя", "героем", "героев"]);
    }

    #[test]
    fn adjectives_that_look_like_participles_or_comparatives() {
        same(&["последний", "последнее", "последней", "последнем"]);
        same(&["внутренний", "внутреннее", "внутреннем", "внутренней"]);
        same(&["показатель", "показателей", "показатели"]);
        assert_ne!(stem("среднем"), stem("сверну"));
    }
}
