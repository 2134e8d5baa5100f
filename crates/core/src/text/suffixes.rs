//! Machinery shared by the Ukrainian and Russian stemmers: an ending table
//! looked up by a word's last characters, the reflexive particle, and how a
//! stem is written out with its class mark.

use std::collections::HashMap;

use super::CharsHash;

/// Endings with the class mark that replaces each.
pub struct Endings {
    by_ending: HashMap<Vec<char>, &'static str, CharsHash>,
    max_len: usize,
}

impl Endings {
    /// Groups of endings with their mark; an ending listed twice keeps its first group's mark.
    pub fn new(groups: &[(&[&str], &'static str)]) -> Endings {
        let mut by_ending = HashMap::with_hasher(CharsHash::default());
        for (endings, mark) in groups {
            for e in *endings {
                by_ending.entry(e.chars().collect()).or_insert(*mark);
            }
        }
        let max_len = by_ending.keys().map(Vec::len).max().unwrap_or(0);
        Endings { by_ending, max_len }
    }

    /// The longest ending of `w` that leaves at least `min_stem` characters: its length and mark.
    pub fn longest(&self, w: &[char], min_stem: usize) -> Option<(usize, &'static str)> {
        let longest = self.max_len.min(w.len().saturating_sub(min_stem));
        (1..=longest)
            .rev()
            .find_map(|k| self.by_ending.get(&w[w.len() - k..]).map(|m| (k, *m)))
    }
}

/// Removes a final `ся`/`сь` when more than `min_stem` characters remain; whether it did.
/// A reflexive verb is another word (вчити, вчитися), so the stem gets marked again.
pub fn strip_reflexive(w: &mut Vec<char>, min_stem: usize) -> bool {
    let reflexive =
        w.len() > 2 + min_stem + 1 && (w.ends_with(&['с', 'я']) || w.ends_with(&['с', 'ь']));
    if reflexive {
        w.truncate(w.len() - 2);
    }
    reflexive
}

/// The stem as indexed: the remaining letters, the class mark, and `ся` for reflexives.
pub fn write_stem(w: Vec<char>, mark: &str, reflexive: bool) -> String {
    let mut out: String = w.into_iter().collect();
    out.push_str(mark);
    if reflexive {
        out.push_str("ся");
    }
    out
}
