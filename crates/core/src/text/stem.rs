//! Stemming for the index: all forms of a word map to one key, so that a search
//! for one form finds the others. Russian and Ukrainian each have their own rules
//! (`litopys-bench conflation` measures them against exact forms and Snowball).

use rust_stemmers::{Algorithm, Stemmer};

pub use super::function_words::is_function_word;
use super::language::Language;

thread_local! {
    static RUSSIAN: Stemmer = Stemmer::create(Algorithm::Russian);
}

/// Snowball's Russian stemmer, unchanged (a baseline for measurements).
pub fn snowball_russian(term: &str) -> String {
    RUSSIAN.with(|s| s.stem(term).into_owned())
}

/// The stem of a normalised term (see [`super::analyze::normalize_word`]):
/// the first of its [`classes`].
pub fn stem(term: &str, language: Language) -> String {
    let first = classes(term, language)
        .into_iter()
        .next()
        .unwrap_or_else(|| term.to_owned());
    family(&first).to_owned()
}

/// Marks of a Ukrainian form that only an adjective (`+`) or only a noun (`-`)
/// has: `другий` is `друг+`, `другом` is `друг-`, and `друга`, either, `друг`.
pub const ADJECTIVE_MARK: char = '+';
pub const NOUN_MARK: char = '-';
/// Mark of a Ukrainian form in -о, a neuter noun's nominative or an
/// adjective's adverb (`вікно`, `прямо`: `вікн!`, `прям!`). A query reads it
/// as the noun's unless the library shows the stem is an adjective's and no
/// noun's (see `search::readings`): `прямо` then does not find `прямий`.
pub const ADVERB_MARK: char = '!';

/// A class without its adjective, noun or adverb mark.
pub fn family(class: &str) -> &str {
    class
        .strip_suffix([ADJECTIVE_MARK, NOUN_MARK, ADVERB_MARK])
        .unwrap_or(class)
}

/// The classes a query word asks for: its own, and those of the forms that
/// may be the same word — a form either noun or adjective asks for both, a
/// noun's or an adjective's also for the forms that may be either.
pub fn query_classes(term: &str, language: Language) -> Vec<String> {
    // A function word is found as itself alone: its class is the word, and
    // a stem spelled like it (`середа`'s `серед`) is another word's.
    if is_function_word(term, language) {
        return Vec::new();
    }
    let mut out = Vec::new();
    let own = classes(term, language);
    // Not for a word of the irregular table (`друг`, `был`: its own class
    // `друг=`; the rules' `друг` is `другой`'s).
    if language == Language::Ru && !own.iter().any(|c| c.ends_with('=')) {
        let primary = own.first().map_or(term, |c| family(c));
        out.extend(super::ru_nouns::query_classes(term, primary));
    }
    let nu_verb = nu_verb_query_classes(term, &own, language);
    let lookalikes = past_lookalikes(term, language)
        .into_iter()
        .flat_map(|form| classes(&form, language));
    for c in own.into_iter().chain(nu_verb).chain(lookalikes) {
        let base = family(&c).to_owned();
        if base == c && language == Language::Uk && c.chars().count() >= 3 {
            out.push(format!("{c}{ADJECTIVE_MARK}"));
            out.push(format!("{c}{NOUN_MARK}"));
            out.push(format!("{c}{ADVERB_MARK}"));
        } else if base != c {
            // A noun's form asks for its nominative in -о, that form for
            // the noun's other forms.
            match c.chars().last() {
                Some(NOUN_MARK) => out.push(format!("{base}{ADVERB_MARK}")),
                Some(ADVERB_MARK) => out.push(format!("{base}{NOUN_MARK}")),
                _ => {}
            }
            out.push(base);
        }
        out.push(c);
    }
    // A noun whose nominative ends like an adjective's form (`режим`,
    // `Максим`, `успіх`, `псевдонім`: `реж+`, `усп+`) asks for itself as a
    // stem, its other cases' (`режиму`, `режимом`, `успіху`); Russian ones in
    // `ru_nouns`. Only in the query: indexing every -им, -их form also as a
    // stem would add a term to the most frequent adjective forms.
    let chars: Vec<char> = term.chars().collect();
    if let [.., c, 'и' | 'і', 'м' | 'х'] = chars[..] {
        if language == Language::Uk && chars.len() >= 5 && super::word_chars::consonant(c) {
            out.extend(["", "+", "-", "!"].map(|m| format!("{term}{m}")));
        }
    }
    // A genitive plural in vowel + в whose stem ends in в (`держав`, `заяв`,
    // Russian `слов`): the rules cut it as an ending (`держа`, `сл`), the
    // other cases keep it (`держава`: `держав`). Asking for the word itself as
    // a class finds them, at no cost to the index.
    if let [.., v, 'в'] = term.chars().collect::<Vec<_>>()[..] {
        if term.chars().count() >= 4 && "аоеяиіу".contains(v) {
            out.push(term.to_owned());
        }
    }
    let mut seen = std::collections::HashSet::new();
    out.retain(|s| seen.insert(s.clone()));
    out
}

/// Classes a query word asks for that may also be words of their own, which
/// are indexed as the word alone: the root of a verb in -нути (`зникнути`
/// asks for `зник`, itself a past), a noun in -л (`канали` for `канал`).
pub fn query_words(term: &str, language: Language) -> Vec<String> {
    if is_function_word(term, language) {
        return Vec::new();
    }
    let mut out = nu_verb_query_classes(term, &classes(term, language), language);
    if language == Language::Ru {
        out.extend(super::ru_nouns::query_words(term));
    }
    for form in past_lookalikes(term, language) {
        out.extend(
            classes(&form, language)
                .iter()
                .map(|c| family(c).to_owned()),
        );
    }
    out
}

/// Forms of a Ukrainian noun in vowel + л that the rules read as a verb's
/// past (`канали`, `генерала`, `правило`: `кана`, `генера`, `прави`, while
/// `каналу`, `каналів` are `канал`): a query for one asks for the others'
/// classes too. `обстріли`, `матеріали`, `сигнали`, `розділи` missed their
/// singular. Only in the query: filing every past under its -л- stem would
/// put `стала` (became) with `сталь` (steel). From five letters for the
/// noun, six for the lookalike (not `стали`, `мали`).
fn past_lookalikes(term: &str, language: Language) -> Vec<String> {
    if language != Language::Uk {
        return Vec::new();
    }
    let chars: Vec<char> = term.chars().collect();
    let vowel = |c: char| "аеиіоуяюєї".contains(c);
    match chars[..] {
        [.., v, 'л'] if chars.len() >= 5 && vowel(v) => {
            vec![format!("{term}и"), format!("{term}а")]
        }
        [.., v, 'л', 'и' | 'а' | 'о'] if chars.len() >= 6 && vowel(v) => {
            vec![chars[..chars.len() - 1].iter().collect()]
        }
        _ => Vec::new(),
    }
}

fn nu_verb_query_classes(term: &str, own: &[String], language: Language) -> Vec<String> {
    let families: Vec<&str> = own.iter().map(|c| family(c)).collect();
    super::nu_verbs::query_classes(term, &families, language)
}

pub fn stem_ru(term: &str) -> String {
    stem(term, Language::Ru)
}

pub fn stem_uk(term: &str) -> String {
    stem(term, Language::Uk)
}

/// Whether the irregular table gives the word its classes (`день`: its
/// cases are listed, whatever their letters).
pub fn in_irregular_table(term: &str, language: Language) -> bool {
    super::irregular::lemmas(term, language).is_some()
}

/// The rules' stem alone, without the irregular table or alternations.
fn rules(term: &str, language: Language) -> String {
    match language {
        Language::Uk => super::stem_uk::stem(term),
        Language::Ru => super::stem_ru::stem(term),
        Language::Other => term.to_owned(),
    }
}

/// Every class a normalised term is indexed (and searched) under, the main
/// one first: the irregular table's when it knows the word (homographs get
/// one class for each reading), otherwise the rules' stem followed by the
/// stems of vowel and consonant alternations.
pub fn classes(term: &str, language: Language) -> Vec<String> {
    if is_function_word(term, language) {
        // Its own class: indexed as the word alone (see `function_words`).
        return vec![term.to_owned()];
    }
    if language == Language::Uk {
        if let Some(infinitive) = super::uk_paradigms::consonant_future_infinitive(term) {
            return classes(&infinitive, language);
        }
    }
    let mut out: Vec<String> = match super::irregular::lemmas(term, language) {
        Some(lemmas) => lemmas
            .into_iter()
            .map(|l| match l {
                "*" => rules(term, language),
                l if l.ends_with('=') => l.to_owned(),
                l => rules(l, language),
            })
            .collect(),
        None if language == Language::Uk
            && super::irregular::prefixed_verb_lemma(term).is_some() =>
        {
            let (prefix, lemma) = super::irregular::prefixed_verb_lemma(term).unwrap_or_default();
            vec![rules(&format!("{prefix}{lemma}"), language)]
        }
        None => {
            let primary = rules(term, language);
            let extra = super::alternations::extra_stems(term, &primary, language);
            let marked = match language {
                Language::Uk => match super::stem_uk::reading(term, &primary) {
                    super::stem_uk::Reading::Adjective => format!("{primary}{ADJECTIVE_MARK}"),
                    super::stem_uk::Reading::Noun => format!("{primary}{NOUN_MARK}"),
                    super::stem_uk::Reading::NounOrAdverb => format!("{primary}{ADVERB_MARK}"),
                    super::stem_uk::Reading::Either => primary,
                },
                _ => primary,
            };
            std::iter::once(marked).chain(extra).collect()
        }
    };
    let families: Vec<&str> = out.iter().map(|c| family(c)).collect();
    if let Some(root) = super::nu_verbs::past_root(term, &families) {
        out.push(root);
    }
    if language == Language::Uk {
        // A gerund is also its finite form's (`кажучи`: `кажуть`, `казати`);
        // the finite form is no gerund, so this recursion ends at once.
        if let Some(finite) = super::uk_paradigms::gerunds_finite_form(term) {
            out.push(stem(&finite, language));
        }
    }
    let mut seen = std::collections::HashSet::new();
    out.retain(|s| seen.insert(s.clone()));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn same_stem(lang: Language, words: &[&str]) {
        let stems: Vec<String> = words.iter().map(|w| stem(w, lang)).collect();
        assert!(
            stems.iter().all(|s| *s == stems[0]),
            "{words:?} -> {stems:?}"
        );
    }

    #[test]
    fn ukrainian_word_families_from_the_seeds() {
        same_stem(
            Language::Uk,
            &[
                "переговори",
                "переговорів",
                "переговорам",
                "переговорах",
                "переговорами",
            ],
        );
        same_stem(Language::Uk, &["лавров", "лаврова", "лавровим", "лаврову"]);
        same_stem(
            Language::Uk,
            &[
                "обов'язковий",
                "обов'язкове",
                "обов'язкову",
                "обов'язкового",
            ],
        );
        same_stem(
            Language::Uk,
            &[
                "читати",
                "читаю",
                "читає",
                "читав",
                "читала",
                "читатиме",
                "читай",
            ],
        );
        same_stem(Language::Uk, &["руці", "рука", "руки", "рукою"]);
        same_stem(Language::Uk, &["радість", "радості", "радістю"]);
        same_stem(Language::Uk, &["знання", "знань", "знанням"]);
        same_stem(Language::Uk, &["хлопець", "хлопця", "хлопцем"]);
    }

    #[test]
    fn ukrainian_keeps_different_words_apart() {
        assert_ne!(stem("вчити", Language::Uk), stem("вчитися", Language::Uk));
        assert_ne!(stem("влада", Language::Uk), stem("владувати", Language::Uk));
        assert_ne!(stem("знання", Language::Uk), stem("знаний", Language::Uk));
    }

    #[test]
    fn russian_word_families() {
        same_stem(Language::Ru, &["переговоры", "переговоров", "переговорам"]);
        same_stem(Language::Ru, &["лаврова", "лавровым", "лаврову"]);
        same_stem(
            Language::Ru,
            &["рисовать", "рисует", "рисовал", "рисующий", "рисовавшая"],
        );
        same_stem(
            Language::Ru,
            &["анатольевич", "анатольевна", "анатольевной"],
        );
        same_stem(Language::Ru, &["шапочка", "шапочек", "шапочке"]);
        same_stem(
            Language::Ru,
            &["поколение", "поколением", "поколении", "поколениями"],
        );
        same_stem(Language::Ru, &["страна", "страну", "страной"]);
    }

    #[test]
    fn russian_keeps_different_words_apart() {
        assert_ne!(stem("учить", Language::Ru), stem("учиться", Language::Ru));
        // -ну is an accusative here, not a -нуть verb.
        assert_ne!(
            stem("страну", Language::Ru),
            stem("стрельнуть", Language::Ru)
        );
    }

    #[test]
    fn other_languages_are_not_stemmed() {
        assert_eq!(stem("telegram", Language::Other), "telegram");
    }
}
