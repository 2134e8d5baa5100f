//! Verbs whose past drops the suffix -ну- (`зникнути`, `зникне`: `зник`,
//! `зникла`, `зниклих`; `виникнути`, `досягти`/`досягнути`: `досяг`; Russian
//! `исчезнуть`: `исчез`, `исчезла`; `достигнуть`, `достичь`: `достиг`). The
//! rules file the infinitive and present under `зникн`, the past under `зник`
//! and `зникл`: three classes, and `зник безвісти` did not find `зниклих
//! безвісти`. The past's forms are also filed under the bare root (`зникла`:
//! `зник`); a query for the infinitive or present asks for the root, and one
//! for a past in -л- for the present's class too. Only the query: verbs
//! that keep -ну- in the past (`одягнути`, `одягнув`; `рухнути`) share their
//! root with a noun (`одяг`, `рух`), whose searches must not find them.
//!
//! Only after к, г, х (and з, б, п in roots of four letters or more:
//! `замерз`, `исчез`, `погиб`, not `вуз`-`ла`): the past without -ну- is the paradigm of those
//! roots, and a class in a consonant + н is as often an adjective's
//! (`лісний`, `грізний`), so the present side asks for the verb's own
//! endings too.

use super::language::Language;

/// The bare root a past form or participle (`зникла`, `зниклих`, `исчезла`)
/// or a Ukrainian infinitive in -гти (`досягти`) is also filed under, from
/// its classes' `families` (no adjective or noun marks).
pub fn past_root(term: &str, families: &[&str]) -> Option<String> {
    for &class in families {
        if let Some(root) = class.strip_suffix('л') {
            // A Russian infinitive in -чь has its past's class beside its own
            // (`достичь`: `достигл`), the root's last letter changed.
            let infinitive = || {
                term.ends_with("чь")
                    && class.ends_with("гл")
                    && term.starts_with(root.trim_end_matches('г'))
            };
            if drops_nu(root) && (term.starts_with(class) || infinitive()) {
                return Some(root.to_owned());
            }
        }
    }
    // The past of a Ukrainian infinitive in -ягти is its root (`досяг`,
    // `запряг`). Not every -гти: `берегти` is no `берег` (shore), nor
    // `допомогти` the noun `допомога`.
    let root = term.strip_suffix("ягти")?;
    (root.chars().count() >= 2).then(|| format!("{root}яг"))
}

/// What a query word of such a verb also asks for: the root, for the
/// infinitive and present (`зникнути`, `исчезнет`); the present's class,
/// for a past in -л- (`зникла`: `зникн`; `исчезла`: `исчезну`).
pub fn query_classes(term: &str, families: &[&str], language: Language) -> Vec<String> {
    let mut out = Vec::new();
    for &class in families {
        let present = match language {
            Language::Uk => match uk_nu_ending(term) {
                Some(UkEnding::Verbal) => class.strip_suffix('н'),
                // -не is also a neuter adjective's (`грізне`): not after з.
                Some(UkEnding::Third) if !class.ends_with("зн") => class.strip_suffix('н'),
                _ => None,
            },
            Language::Ru => class.strip_suffix("ну"),
            Language::Other => None,
        };
        if let Some(root) = present.filter(|r| drops_nu(r) && term.starts_with(r)) {
            out.push(root.to_owned());
        }
        if let Some(root) = class.strip_suffix('л') {
            if drops_nu(root) && term.starts_with(class) {
                out.push(match language {
                    Language::Ru => format!("{root}ну"),
                    _ => format!("{root}н"),
                });
            }
        }
    }
    out
}

/// Whether `root` may be the past of a verb in -нути/-нуть.
fn drops_nu(root: &str) -> bool {
    let n = root.chars().count();
    match root.chars().last() {
        Some('к' | 'г' | 'х') => n >= 3,
        // `погиб`, `ослаб`, `окреп`; not `руб`-`ль`, `кап`-`ля`.
        Some('з' | 'б' | 'п') => n >= 4,
        _ => false,
    }
}

enum UkEnding {
    /// An ending only a verb in -нути has after its root.
    Verbal,
    /// The third person -не.
    Third,
}

/// Which ending of a Ukrainian verb in -нути `term` has, if any. Not the
/// first person -ну (`вікну` is a window's), nor a past in -нув (a verb
/// that keeps -ну-).
fn uk_nu_ending(term: &str) -> Option<UkEnding> {
    const VERBAL: [&str; 5] = ["нути", "нуть", "неш", "немо", "нете"];
    if VERBAL.iter().any(|e| term.ends_with(e)) {
        Some(UkEnding::Verbal)
    } else if term.ends_with("не") {
        Some(UkEnding::Third)
    } else {
        None
    }
}
