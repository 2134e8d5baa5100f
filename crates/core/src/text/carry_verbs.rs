//! Prefixed verbs of leading, carrying and growing, whose infinitive and past
//! lose or change the present's last consonant: also indexed under the
//! present's stem, which the rules give the present and gerund.
//!
//! - Russian: `провести`, `провел`, `проведена` beside `проведут` (`провед`),
//!   `принесли`, `привезти`.
//! - Ukrainian: `провести`, `провів`, `провела` beside `проведе`
//!   (`провед`); `внесли`, `вніс` beside `внесе`; `зросли`, `зріс` beside
//!   `зросте`; `померли` beside `помре`; `уклали`, `уклав` beside `укладе`;
//!   `прийняли` beside `прийме`; `впав`, `пропала`, `впасти` beside `впаде`.
//!
//! Without a prefix the Russian forms are often another word (`вести`, the
//! news), so a prefix is required there; Ukrainian takes the unprefixed
//! forms too (`веде`, `вів`, `вести`, `нести`), but `ніс`, `віз`, `мер`
//! (nouns).

use std::collections::HashMap;

use super::word_chars::text;

/// Prefixes of the Russian verbs of carrying and leading (`провести`,
/// `принести`, `привезти`). `по` is left out for вести: `повести` is also
/// the noun `повесть` (a novel) in three cases.
const CARRY_PREFIXES: &[&str] = &[
    "произ",
    "пере",
    "раз",
    "рас",
    "под",
    "подо",
    "воз",
    "низ",
    "про",
    "при",
    "от",
    "ото",
    "до",
    "за",
    "на",
    "из",
    "вы",
    "об",
    "обо",
    "в",
    "во",
    "у",
    "с",
    "со",
    "по",
];

/// A prefixed verb of carrying or leading read also as its present stem
/// (`провед`, `принес`, `привез`), which its present and gerund have: the
/// infinitive in -сти/-зти (`провести`), the past (`провел`, `принесла`,
/// `привезли`) and the passive participle (`проведен`, `проведенные`,
/// `принесена`). Not the nouns in -ение (`проведение`, `сведения`,
/// `произведение`): they are other words.
pub fn russian(w: &[char], out: &mut Vec<String>) {
    let word = text(w);
    for (root, infinitive, past) in [
        ("вед", "вести", &["вел", "вела", "вело", "вели"][..]),
        ("нес", "нести", &["нес", "несла", "несло", "несли"][..]),
        ("вез", "везти", &["вез", "везла", "везло", "везли"][..]),
    ] {
        for prefix in CARRY_PREFIXES {
            if *prefix == "по" && root == "вед" {
                continue;
            }
            let Some(rest) = word.strip_prefix(prefix) else {
                continue;
            };
            let participle = rest
                .strip_prefix(root)
                .and_then(|r| r.strip_prefix("ен"))
                .is_some_and(|r| matches!(r, "" | "а" | "о" | "ы") || r.starts_with('н'));
            if rest == infinitive || past.contains(&rest) || participle {
                out.push(format!("{prefix}{root}"));
            }
        }
    }
}

/// Roots whose infinitive and past drop or change the present's last
/// consonant: the present's stem, and the other forms after a prefix.
const UK_ROOTS: &[(&str, &[&str])] = &[
    (
        "вед",
        &[
            "вести",
            "вів",
            "вела",
            "вело",
            "вели",
            "вівши",
            "ведено",
            "ведений",
            "ведена",
            "ведене",
            "ведені",
            "веденого",
            "веденої",
            "веденому",
            "веденим",
            "ведених",
            "ведену",
            "веденою",
            "веденими",
        ],
    ),
    (
        "нес",
        &[
            "нести",
            "ніс",
            "несла",
            "несло",
            "несли",
            "нісши",
            "несено",
            "несений",
            "несена",
            "несене",
            "несені",
            "несеного",
            "несеної",
            "несеному",
            "несеним",
            "несених",
            "несену",
            "несеною",
            "несеними",
        ],
    ),
    (
        "вез",
        &[
            "везти",
            "віз",
            "везла",
            "везло",
            "везли",
            "візши",
            "везено",
            "везений",
            "везена",
            "везене",
            "везені",
            "везеного",
            "везеної",
            "везеному",
            "везеним",
            "везених",
            "везену",
            "везеною",
            "везеними",
        ],
    ),
    (
        "рост",
        &["рости", "ріс", "росла", "росло", "росли", "рісши"],
    ),
    ("мр", &["мерти", "мер", "мерла", "мерло", "мерли", "мерши"]),
    ("пад", &["пасти", "пав", "пала", "пало", "пали", "павши"]),
    (
        "клад",
        &[
            "класти",
            "клав",
            "клала",
            "клало",
            "клали",
            "клавши",
            "кладено",
            "кладений",
            "кладена",
            "кладене",
            "кладені",
            "кладеного",
            "кладеної",
            "кладеному",
            "кладеним",
            "кладених",
            "кладену",
            "кладеною",
            "кладеними",
        ],
    ),
    (
        "йм",
        &[
            "йняти",
            "йняв",
            "йняла",
            "йняло",
            "йняли",
            "йнявши",
            "йнято",
            "йнятий",
            "йнята",
            "йняте",
            "йняті",
            "йнятого",
            "йнятої",
            "йнятому",
            "йнятим",
            "йнятих",
            "йняту",
            "йнятою",
            "йнятими",
        ],
    ),
];

/// Prefixes these roots take (`про-вести`, `в-нести`, `з-рости`, `у-класти`,
/// `при-йняти`), each tried in turn: what follows must be one of the roots'
/// forms.
const UK_PREFIXES: &[&str] = &[
    "пере", "роз", "від", "під", "над", "про", "при", "пре", "за", "ви", "до", "на", "по", "об",
    "вз", "з", "с", "у", "в",
];

/// A prefixed form of one of the [`UK_ROOTS`]: also the present's class.
pub fn ukrainian(w: &[char], out: &mut Vec<String>) {
    // A form → root map, looked up after each prefix the word starts with:
    // a few lookups per word instead of matching every form's ending (import
    // analyses every word of every article).
    static FORMS: std::sync::OnceLock<HashMap<&'static str, &'static str>> =
        std::sync::OnceLock::new();
    let forms = FORMS.get_or_init(|| {
        UK_ROOTS
            .iter()
            .flat_map(|(root, forms)| forms.iter().map(move |f| (*f, *root)))
            .collect()
    });
    let word = text(w);
    // Without a prefix every form of вести, нести, везти, рости, класти but
    // `ніс` (the nose) and `віз` (the cart), nouns: `нести`, `несли` meet
    // `несе` (`нести відповідальність`, `несе відповідальність`), `везли`
    // `везе`. Not мерти (`мер`, the mayor; `мре` is rare) nor -йняти (no
    // word without a prefix).
    if let Some(root) = forms.get(word.as_str()) {
        if !matches!(word.as_str(), "ніс" | "віз") && !matches!(*root, "мр" | "йм" | "пад")
        {
            out.push((*root).to_owned());
            return;
        }
    }
    for prefix in UK_PREFIXES {
        let Some(rest) = word.strip_prefix(prefix) else {
            continue;
        };
        let Some(root) = forms.get(rest) else {
            continue;
        };
        // заклад, склад, розклад, наклад: nouns more frequent than the verb's
        // past. Of -пасти only the verbs of falling and getting lost (`впав`,
        // `пропала`, `випаде`): `спав` slept, `напад` and `розпад` are nouns,
        // `підпали` arsons.
        let noun = match *root {
            "клад" => matches!(*prefix, "за" | "с" | "роз" | "на"),
            "пад" => !matches!(*prefix, "в" | "у" | "про" | "по" | "ви" | "від"),
            _ => false,
        };
        if !noun {
            out.push(format!("{prefix}{root}"));
            return;
        }
        // Those verbs' infinitive still meets their past (скласти, склав: `скла`).
        if rest == "класти" {
            out.push(format!("{prefix}кла"));
            return;
        }
    }
}
