//! Scores a clustering of the labelled set: pairwise precision and recall of
//! "same story" over all pairs of articles, first-publisher accuracy, by
//! language, and which kinds of pairs were missed or wrongly merged.
//!
//! Only articles the library holds are scored (an identical copy within one
//! outlet is kept once by import), for every row alike. An article in no
//! cluster is a story of its own.

use std::collections::{BTreeMap, HashMap, HashSet};

use serde::{Deserialize, Serialize};

use super::set::Label;

/// One cluster, articles named by address.
#[derive(Serialize, Deserialize, Clone, Debug)]
pub struct Cluster {
    pub articles: Vec<String>,
    pub first: Option<String>,
}

#[derive(Serialize, Default, Clone, Copy, Debug, PartialEq)]
pub struct Pairs {
    /// Pairs of one story.
    pub gold: u64,
    /// Pairs put in one cluster.
    pub found: u64,
    /// Pairs both of one story and in one cluster.
    pub right: u64,
}

impl Pairs {
    pub fn precision(&self) -> f64 {
        if self.found == 0 {
            1.0
        } else {
            self.right as f64 / self.found as f64
        }
    }
    pub fn recall(&self) -> f64 {
        if self.gold == 0 {
            1.0
        } else {
            self.right as f64 / self.gold as f64
        }
    }
}

#[derive(Serialize, Default, Clone, Copy, Debug, PartialEq)]
pub struct Firsts {
    /// Stories of two or more articles whose original gives a date.
    pub scored: u64,
    /// …whose original's cluster names the original as first.
    pub right: u64,
}

impl Firsts {
    pub fn accuracy(&self) -> f64 {
        if self.scored == 0 {
            1.0
        } else {
            self.right as f64 / self.scored as f64
        }
    }
}

#[derive(Serialize, Default, Debug)]
pub struct Score {
    pub articles: usize,
    pub pairs: BTreeMap<String, Pairs>,
    pub firsts: BTreeMap<String, Firsts>,
    /// Stories whose original has no date (not scored for the first publisher).
    pub undated_stories: u64,
    /// Gold pairs not found, by kind (the copy's variant against the original).
    pub missed: Vec<(String, u64)>,
    /// Pairs wrongly put together, by the kinds of the two articles.
    pub merged: Vec<(String, u64)>,
    /// Stories whose first publisher was missed, by what was named instead.
    pub wrong_first: Vec<(String, u64)>,
    /// Each missed pair and each missed first publisher, one line each
    /// (`litopys-bench stories --misses`), by kind.
    #[serde(skip)]
    pub misses: Vec<String>,
}

/// Scores `clusters` against `labels`, over the articles in `held`.
pub fn score(labels: &[Label], clusters: &[Cluster], held: &HashSet<String>) -> Score {
    let index: HashMap<&str, usize> = labels
        .iter()
        .enumerate()
        .filter(|(_, l)| held.contains(&l.url))
        .map(|(i, l)| (l.url.as_str(), i))
        .collect();
    let mut cluster_of: HashMap<usize, usize> = HashMap::new();
    let mut s = Score {
        articles: index.len(),
        ..Score::default()
    };
    let mut merged: HashMap<String, u64> = HashMap::new();
    for (c, cluster) in clusters.iter().enumerate() {
        let mut members: Vec<usize> = cluster
            .articles
            .iter()
            .filter_map(|u| index.get(u.as_str()).copied())
            .collect();
        members.sort_unstable();
        members.dedup();
        for &m in &members {
            cluster_of.insert(m, c);
        }
        for (i, &a) in members.iter().enumerate() {
            for &b in &members[i + 1..] {
                let (la, lb) = (&labels[a], &labels[b]);
                let same = la.story == lb.story;
                for key in pair_keys(la, lb) {
                    let p = s.pairs.entry(key).or_default();
                    p.found += 1;
                    p.right += u64::from(same);
                }
                if !same {
                    *merged.entry(merge_kind(la, lb)).or_default() += 1;
                }
            }
        }
    }
    let mut stories: BTreeMap<&str, Vec<usize>> = BTreeMap::new();
    for &i in index.values() {
        stories.entry(labels[i].story.as_str()).or_default().push(i);
    }
    let mut missed: HashMap<String, u64> = HashMap::new();
    let mut wrong_first: HashMap<String, u64> = HashMap::new();
    for members in stories.values() {
        for (i, &a) in members.iter().enumerate() {
            for &b in &members[i + 1..] {
                let (la, lb) = (&labels[a], &labels[b]);
                for key in pair_keys(la, lb) {
                    s.pairs.entry(key).or_default().gold += 1;
                }
                let together = matches!((cluster_of.get(&a), cluster_of.get(&b)), (Some(x), Some(y)) if x == y);
                if !together {
                    let kind = miss_kind(la, lb);
                    s.misses
                        .push(format!("missed pair: {kind}: {} ~ {}", la.url, lb.url));
                    *missed.entry(kind).or_default() += 1;
                }
            }
        }
        if members.len() < 2 {
            continue;
        }
        let Some(&orig) = members.iter().find(|&&m| labels[m].original) else {
            continue;
        };
        let o = &labels[orig];
        if o.instant.is_none() {
            s.undated_stories += 1;
            continue;
        }
        let named = cluster_of.get(&orig).map(|&c| clusters[c].first.as_deref());
        let right = named == Some(Some(o.url.as_str()));
        if !right {
            let why = match named {
                None => "the original is in no cluster".to_owned(),
                Some(None) => "no first publisher named".to_owned(),
                Some(Some(u)) => match index.get(u).map(|&i| &labels[i]) {
                    Some(l) if l.story == o.story => {
                        let tie = if o.tie { "tie: " } else { "" };
                        format!("{tie}a copy named first ({})", l.variant)
                    }
                    Some(_) => "another story's article named first".to_owned(),
                    None => "an article outside the set named first".to_owned(),
                },
            };
            let flash = if o.kind == "flash" { "flash: " } else { "" };
            let named = named.flatten().unwrap_or("none");
            s.misses.push(format!(
                "first publisher: {flash}{why}: original {} named {named}",
                o.url
            ));
            *wrong_first.entry(format!("{flash}{why}")).or_default() += 1;
        }
        let mut keys = vec!["all".to_owned(), o.lang.clone()];
        if o.tie {
            keys.push("tie".to_owned());
        }
        for k in keys {
            let f = s.firsts.entry(k).or_default();
            f.scored += 1;
            f.right += u64::from(right);
        }
    }
    s.misses.sort();
    s.missed = sorted(missed);
    s.merged = sorted(merged);
    s.wrong_first = sorted(wrong_first);
    s
}

/// Rows a pair counts in: all, and its language when both articles share one.
fn pair_keys(a: &Label, b: &Label) -> Vec<String> {
    let mut keys = vec!["all".to_owned()];
    if a.lang == b.lang {
        keys.push(a.lang.clone());
    }
    keys
}

fn miss_kind(a: &Label, b: &Label) -> String {
    let (a, b) = if b.original { (b, a) } else { (a, b) };
    let kind = if a.kind == "story" { "" } else { "flash " };
    if a.original {
        format!("{kind}original ~ {}", b.variant)
    } else {
        let mut v = [a.variant.as_str(), b.variant.as_str()];
        v.sort_unstable();
        format!("{kind}copy {} ~ copy {}", v[0], v[1])
    }
}

fn merge_kind(a: &Label, b: &Label) -> String {
    let topic = |x: &Label, y: &Label| x.story == format!("{}-topic", y.story);
    if topic(a, b) || topic(b, a) {
        return "a story ~ the unrelated article on its topic".to_owned();
    }
    let mut kinds = [a.kind.as_str(), b.kind.as_str()];
    kinds.sort_unstable();
    let outlets = if a.source == b.source {
        "one outlet"
    } else {
        "two outlets"
    };
    format!("{} ~ {} ({outlets})", kinds[0], kinds[1])
}

fn sorted(m: HashMap<String, u64>) -> Vec<(String, u64)> {
    let mut v: Vec<(String, u64)> = m.into_iter().collect();
    v.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    v
}
