//! The text of an FTS5 MATCH expression: quoted terms, AND/OR groups,
//! phrases and prefixes, and the index terms under which a word's forms are
//! found. Every term is quoted here, so no user text is read as FTS5 syntax.

use crate::store::fts::{query_stem_terms, stems, RU_STEM_PREFIX, STEM_PREFIX};
use crate::text::language::Language;
use crate::text::soft_stems;
use crate::text::stem::{
    classes, family, in_irregular_table, is_function_word, query_words, ADJECTIVE_MARK,
    ADVERB_MARK, NOUN_MARK,
};

pub(super) fn quote(term: &str) -> String {
    format!("\"{}\"", term.replace('"', "\"\""))
}

pub(super) fn and(items: &[String]) -> String {
    if items.len() == 1 {
        items[0].clone()
    } else {
        format!("({})", items.join(" AND "))
    }
}

pub(super) fn or(items: &[String]) -> String {
    if items.len() == 1 {
        items[0].clone()
    } else {
        format!("({})", items.join(" OR "))
    }
}

/// The language whose stemmer a query word should use, from its letters alone.
pub(super) fn word_language(term: &str) -> Language {
    if term.chars().any(|c| matches!(c, 'і' | 'ї' | 'є' | 'ґ')) {
        Language::Uk
    } else if term.chars().any(|c| matches!(c, 'ы' | 'э' | 'ъ')) {
        Language::Ru
    } else {
        Language::Other
    }
}

/// Index terms under which a word's forms are found: the word itself, its
/// stems as stem tokens, and the stems as words (a form that is its own stem
/// is indexed only as a word). Unquoted; [`word_forms`] quotes them.
pub fn word_terms(term: &str) -> Vec<String> {
    word_terms_in(term, word_language(term))
}

/// [`word_terms`] for a query whose articles are all in `articles` (a
/// `lang:` beside the words; `Other` when any language may come): a word
/// whose letters fit both languages is read in theirs alone — `мать lang:ru`
/// does not ask for the Ukrainian `мати`'s forms, which no Russian article
/// was indexed with. A word spelled in one language keeps it.
pub fn word_terms_among(term: &str, articles: Language) -> Vec<String> {
    match word_language(term) {
        Language::Other => word_terms_in(term, articles),
        own => word_terms_in(term, own),
    }
}

/// [`word_terms`] with the word read as `lang` (`Other`: as either language).
pub fn word_terms_in(term: &str, lang: Language) -> Vec<String> {
    let mut out = vec![term.to_owned()];
    out.extend(query_stem_terms(term, lang));
    // A form that is its own stem is indexed only as a word: ask for the
    // stems as words too (an adjective's class is no noun's nominative). Not
    // a verb's class that is spelled like another word's form, that word
    // read as its stem and ending: `цінити`'s class `ціни` is not the plural
    // `ціни` (`цін` + -и), nor `думати`'s `дума` the noun.
    let languages: &[Language] = match lang {
        Language::Other => &[Language::Uk, Language::Ru],
        Language::Uk => &[Language::Uk],
        Language::Ru => &[Language::Ru],
    };
    let another_words_form = |w: &str| {
        let Some(stem) = w.strip_suffix(['и', 'а', 'я']) else {
            return false;
        };
        languages.iter().all(|&l| {
            let own = classes(w, l);
            !own.iter().any(|c| family(c) == w) && own.iter().any(|c| family(c) == stem)
        })
    };
    // Nor a stem spelled like a function word (`середа`'s `серед`, the
    // preposition): the word is in most articles.
    let function_word = |w: &str| languages.iter().any(|&l| is_function_word(w, l));
    // Nor a word the irregular table files under a lemma of its own alone
    // (`вас`: `ви=`; `вася`'s stem is `вас`): it is that lemma's form, and
    // a query sharing the lemma asks for its class.
    let own_lemma_word = |w: &str| {
        languages.iter().any(|&l| {
            let own = classes(w, l);
            !own.is_empty() && own.iter().all(|c| c.ends_with('='))
        })
    };
    // Nor a noun in -ій's class without the й (`водій`: `воді`), which as a
    // word is another noun's locative (`у воді`, in the water).
    let ij_noun = |w: &str| term.strip_suffix('й') == Some(w) && term.ends_with("ій");
    for s in stems(term, lang) {
        let word = family(&s);
        if !s.ends_with(ADJECTIVE_MARK)
            && word != term
            && !ij_noun(word)
            && !function_word(word)
            && !own_lemma_word(word)
            && !another_words_form(word)
        {
            out.push(word.to_owned());
        }
    }
    for &l in languages {
        out.extend(
            query_words(term, l)
                .into_iter()
                .filter(|w| !function_word(w) && !own_lemma_word(w)),
        );
    }
    if lang != Language::Ru {
        soft_reading(term, &mut out);
    }
    if lang != Language::Uk {
        ru_soft_reading(term, &mut out);
    }
    let mut seen = std::collections::HashSet::new();
    out.retain(|t| seen.insert(t.clone()));
    out
}

/// A Ukrainian form typed with a soft ending (`різня`, `бурю`) asks for its
/// stem's forms that may be either (`~різн`), not for the stem's
/// adjective-only, noun-only or adverb classes (`~різн+`: `різних`), which
/// a hard word of the same letters fills, but for the soft words' forms of
/// those kinds written out (see [`crate::text::soft_stems`]).
fn soft_reading(term: &str, out: &mut Vec<String>) {
    let Some(stem) = soft_stems::typed_soft_stem(term) else {
        return;
    };
    // Only where the rules read the word as this stem with that ending.
    if classes(term, Language::Uk).first().map(String::as_str) != Some(stem) {
        return;
    }
    let marked: Vec<String> = [ADJECTIVE_MARK, NOUN_MARK, ADVERB_MARK]
        .iter()
        .map(|m| format!("{STEM_PREFIX}{stem}{m}"))
        .collect();
    // The bare stem as a word is a hard noun's nominative (`вол`, `син`;
    // Russian `бур`), except after `р` (`лікар`).
    let bare = !soft_stems::bare_stem_is_a_form(stem);
    out.retain(|t| !(marked.contains(t) || (bare && t == stem)));
    out.extend(
        soft_stems::SOFT_FORMS
            .iter()
            .map(|e| format!("{stem}{e}"))
            .filter(|f| f != term),
    );
}

/// A Russian soft noun typed with its soft sign (`цель`, `частью`) asks for
/// its own forms written out ([`soft_stems::RU_SOFT_FORMS`]), not for the
/// class the rules give it without the sign (`^цел`), which holds the hard
/// words of the same letters (`целый`, `в целом`).
fn ru_soft_reading(term: &str, out: &mut Vec<String>) {
    let Some(stem) = soft_stems::typed_ru_soft_stem(term) else {
        return;
    };
    // Only where the rules read the word as this stem with that ending, and
    // not for a word whose cases the irregular table lists (`день`: `дня`).
    if classes(term, Language::Ru).first().map(String::as_str) != Some(stem)
        || in_irregular_table(term, Language::Ru)
    {
        return;
    }
    let class = format!("{RU_STEM_PREFIX}{stem}");
    out.retain(|t| *t != class && t != stem);
    // Each form only where the rules read it as this stem too: `стали` is
    // the past of `стать` (became) before it is `сталь`'s genitive.
    out.extend(
        soft_stems::RU_SOFT_FORMS
            .iter()
            .map(|e| format!("{stem}{e}"))
            .filter(|f| f != term && classes(f, Language::Ru).iter().any(|c| c == stem)),
    );
}

/// [`word_terms`], each quoted for a MATCH expression.
pub fn word_forms(term: &str) -> Vec<String> {
    word_terms(term).iter().map(|t| quote(t)).collect()
}

pub(super) fn phrase(terms: &[String], prefix: bool) -> String {
    let quoted: Vec<String> = terms.iter().map(|t| quote(t)).collect();
    let mut p = quoted.join(" + ");
    if prefix {
        p.push_str(" *");
    }
    p
}
