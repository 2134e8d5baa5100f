//! Issue 13: a `lang:` beside the query's words reads a word whose letters
//! fit both languages in that language alone, as the articles it keeps to
//! were indexed: `рада lang:ru` (glad) is not the Ukrainian council.

mod harness;
use harness::{named_library as library, Named};

fn council_and_glad() -> Named {
    library(&[
        (
            "uk-council",
            "Верховна Рада ухвалила закон про мобілізацію. Депутати Ради проголосували \
             за нього в цілому, і голова Ради підписав документ.",
        ),
        (
            "ru-glad",
            "Я очень рада, что он вернулся живым, сказала жительница Харькова. Мы все \
             рады за эту семью, добавили соседи, и рады видеть его дома.",
        ),
    ])
}

/// The forms each query word matched, as `--forms` lists them.
fn listed(lib: &Named, query: &str) -> Vec<String> {
    litopys_core::search::forms::forms(lib.lib.conn(), query)
        .unwrap()
        .into_iter()
        .flat_map(|w| w.forms.into_iter().map(|f| f.form))
        .collect()
}

#[test]
fn a_language_filter_lists_only_the_forms_of_that_languages_word() {
    let lib = council_and_glad();
    assert_eq!(listed(&lib, "рада lang:uk"), ["рада", "ради"]);
    assert_eq!(listed(&lib, "рада lang:ru"), ["рада", "рады"]);
    assert_eq!(listed(&lib, "рада"), ["рада", "ради", "рады"]);
}

#[test]
fn a_language_filter_still_finds_that_languages_forms() {
    let lib = council_and_glad();
    assert_eq!(lib.found("рада lang:uk"), ["uk-council"]);
    assert_eq!(lib.found("рады lang:ru"), ["ru-glad"]);
    assert_eq!(lib.found("рада"), ["ru-glad", "uk-council"]);
}

#[test]
fn a_filter_under_or_or_two_languages_reads_the_word_both_ways() {
    let lib = council_and_glad();
    assert_eq!(
        listed(&lib, "рада (lang:uk OR lang:ru)"),
        ["рада", "ради", "рады"]
    );
    assert_eq!(listed(&lib, "рада -lang:uk"), ["рада", "ради", "рады"]);
    assert_eq!(
        lib.found("рада (lang:uk OR lang:ru)"),
        ["ru-glad", "uk-council"]
    );
}
