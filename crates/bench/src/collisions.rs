//! `litopys-bench collisions`: which words a query word meets in the index
//! that are no form of it, over the whole vocabulary of the development
//! corpora (`scripts/bench/vocab_lemmas.py`), weighted by how often each
//! occurs. `bench forms` samples a few hundred query words; this reads every
//! word seen at least twice against every other, so a merge of two frequent
//! words (`перш` with `перший`, `цель` with `в целом`) shows however rarely
//! it is sampled. Two words are one word's forms when pymorphy3 gives them
//! any lemma in common (test gold only, never shipped).
//!
//! Two conventions of the analyser that the dictionary does not share are
//! taken as given: a gerund is its verb's form (`кажучи`, `маючи`: left out
//! here, as `forms_devset.py`'s gold reads them), and a Ukrainian word's
//! у-/в- spellings are one word (`усі`/`всі`, `увесь`/`весь`). The search's
//! readings that need a library (`search::readings`) are left out: what
//! remains is what the analyser itself files together.

use std::collections::{HashMap, HashSet};
use std::path::Path;

use litopys_core::search::fts_expr::word_terms_in;
use litopys_core::store::fts::{is_stem_of_itself, stem_terms};
use litopys_core::text::language::Language;

struct Word {
    word: String,
    count: u64,
    lemmas: Vec<String>,
}

fn load(path: &Path) -> Result<HashMap<String, Vec<Word>>, String> {
    let text = std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))?;
    let mut by_lang: HashMap<String, Vec<Word>> = HashMap::new();
    for line in text.lines() {
        let cols: Vec<&str> = line.split('\t').collect();
        let [lang, word, count, pos, lemmas] = cols[..] else {
            continue;
        };
        if pos == "GRND" {
            continue;
        }
        // у-/в- (`усе`, `все`; `увесь`, `ввесь`, `весь`): one spelling.
        let spelling = |l: &str| match (lang, l.strip_prefix(['у', 'в'])) {
            ("uk", Some(rest)) if rest.starts_with('в') => rest.to_owned(),
            ("uk", Some(rest)) => format!("в{rest}"),
            _ => l.to_owned(),
        };
        by_lang.entry(lang.to_owned()).or_default().push(Word {
            word: word.to_owned(),
            count: count.parse().unwrap_or(0),
            lemmas: lemmas.split('|').map(spelling).collect(),
        });
    }
    Ok(by_lang)
}

/// One query word's intruders: (count, word) of the words it meets that
/// share no lemma with it.
struct Checked<'a> {
    word: &'a Word,
    reached: u64,
    intruders: Vec<(u64, &'a str)>,
}

fn check<'a>(words: &'a [Word], lang: Language, min_count: u64) -> Vec<Checked<'a>> {
    let mut by_term: HashMap<String, Vec<usize>> = HashMap::new();
    for (i, w) in words.iter().enumerate() {
        by_term.entry(w.word.clone()).or_default().push(i);
        for t in stem_terms(&w.word, lang) {
            if !is_stem_of_itself(&t, &w.word) {
                by_term.entry(t).or_default().push(i);
            }
        }
    }
    let mut out = Vec::new();
    for a in words.iter().filter(|w| w.count >= min_count) {
        let mut seen = HashSet::new();
        let (mut reached, mut intruders) = (0, Vec::new());
        for t in word_terms_in(&a.word, lang) {
            for &i in by_term.get(&t).map_or(&[][..], Vec::as_slice) {
                if !seen.insert(i) {
                    continue;
                }
                let b = &words[i];
                reached += b.count;
                if b.word != a.word && !b.lemmas.iter().any(|l| a.lemmas.contains(l)) {
                    intruders.push((b.count, b.word.as_str()));
                }
            }
        }
        intruders.sort_unstable_by(|x, y| y.cmp(x));
        out.push(Checked {
            word: a,
            reached,
            intruders,
        });
    }
    out
}

pub fn run(vocab: &Path, min_count: u64, show: usize) -> Result<(), String> {
    let by_lang = load(vocab)?;
    println!("lang  query words  with intruders  occurrences reached  of them intruding");
    let mut worst_all = Vec::new();
    for (code, lang) in [("uk", Language::Uk), ("ru", Language::Ru)] {
        let Some(words) = by_lang.get(code) else {
            continue;
        };
        let checked = check(words, lang, min_count);
        let reached: u64 = checked.iter().map(|c| c.reached).sum();
        let intruding: u64 = checked
            .iter()
            .map(|c| c.intruders.iter().map(|i| i.0).sum::<u64>())
            .sum();
        let with = checked.iter().filter(|c| !c.intruders.is_empty()).count();
        println!(
            "{code}    {:>11}  {:>14}  {:>19}  {:>17.4}",
            checked.len(),
            with,
            reached,
            intruding as f64 / reached.max(1) as f64
        );
        let mut worst: Vec<&Checked> = checked.iter().filter(|c| !c.intruders.is_empty()).collect();
        worst.sort_by_key(|c| std::cmp::Reverse(c.intruders.iter().map(|i| i.0).sum::<u64>()));
        worst_all.extend(
            worst
                .into_iter()
                .take(show)
                .map(|c| (code, c.word, c.intruders.clone())),
        );
    }
    for (code, w, intruders) in worst_all {
        let list: Vec<String> = intruders
            .iter()
            .take(6)
            .map(|(n, b)| format!("{b} {n}"))
            .collect();
        println!(
            "{code} {:<18} ({}) meets {}",
            w.word,
            w.lemmas.join("|"),
            list.join(", ")
        );
    }
    Ok(())
}
