//! The labelled story set: real documents of `ua-gec` (Ukrainian) and
//! `factrueval-ru` (Russian) published by an invented outlet and republished
//! 0–12 times by others, each copy dressed in its outlet's site text and
//! varied (new headline, trimmed, lightly edited, an attribution lead, later
//! or missing date, a duplicate within one outlet), plus traps: unrelated short
//! articles of heavy-boilerplate outlets, unrelated articles on a story's
//! topic, and one-line flashes. Deterministic for a seed; the truth (story,
//! original, variant) is written beside the set.

use serde::{Deserialize, Serialize};

use super::super::corpus::Rng;
use super::copies::{first_sentence, random_instant, story, topic_trap};
use super::documents::{Doc, Docs};
use super::outlets::{self, Outlet};

/// One line of the set's JSONL file, as `litopys import` reads it.
#[derive(Serialize)]
pub struct Item {
    pub title: String,
    pub text: String,
    pub url: String,
    pub date: String,
    pub source: String,
    pub lang: &'static str,
}

/// The truth about one article of the set.
#[derive(Serialize, Deserialize, Clone, Debug)]
pub struct Label {
    pub url: String,
    pub story: String,
    pub original: bool,
    pub lang: String,
    /// story, flash, trap-boilerplate or trap-topic
    pub kind: String,
    /// How this copy differs: original, full, or e.g. headline+trim-end+edit
    pub variant: String,
    pub source: String,
    /// Publication instant (Unix seconds); none when the page gives no date.
    pub instant: Option<i64>,
    /// A reprint carries the original's instant (the story's gold is still the original).
    pub tie: bool,
}

/// A story article before its outlet dresses it.
pub(super) struct Draft {
    pub title: String,
    pub body: String,
    pub outlet: usize,
    pub instant: Option<i64>,
    pub label: Label,
    /// Seed of the site text; a copy and its duplicate share one (0: drawn).
    pub look: u64,
}

pub(super) fn chance(rng: &mut Rng, pct: usize) -> bool {
    rng.below(100) < pct
}

pub(super) fn shuffle<T>(rng: &mut Rng, v: &mut [T]) {
    for i in (1..v.len()).rev() {
        v.swap(i, rng.below(i + 1));
    }
}

pub(super) fn label(
    story: &str,
    lang: &str,
    kind: &str,
    variant: &str,
    instant: Option<i64>,
) -> Label {
    Label {
        url: String::new(),
        story: story.to_owned(),
        original: variant == "original",
        lang: lang.to_owned(),
        kind: kind.to_owned(),
        variant: variant.to_owned(),
        source: String::new(),
        instant,
        tie: false,
    }
}

/// Stories of the set: the given number of originals (a fifth Russian, as far
/// as the Russian corpus goes) with their copies and the traps.
pub fn generate(docs: &Docs, stories: usize, seed: u64) -> (Vec<Item>, Vec<Label>) {
    let mut rng = Rng::new(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) ^ 0x5107);
    let mut pools = [
        (
            "uk",
            pick(&mut rng, &docs.uk_long),
            pick(&mut rng, &docs.uk_short),
        ),
        (
            "ru",
            pick(&mut rng, &docs.ru_long),
            pick(&mut rng, &docs.ru_short),
        ),
    ];
    let ru_stories = (stories / 5).min(pools[1].1.len() * 3 / 4);
    let counts = [stories - ru_stories, ru_stories];
    // Sidebar headlines come from documents no story uses (the pool's tail).
    let lines = |p: &Vec<&Doc>| -> Vec<String> {
        p.iter()
            .rev()
            .take(60)
            .flat_map(|d| d.paras.clone())
            .collect()
    };
    let outlets = outlets::make(&mut rng, 28, 12, &lines(&pools[0].1), &lines(&pools[1].1));
    let mut drafts = Vec::new();
    for (li, (lang, long, short)) in pools.iter_mut().enumerate() {
        let mine: Vec<usize> = (0..outlets.len())
            .filter(|&i| outlets[i].lang == *lang)
            .collect();
        let heavy: Vec<usize> = mine.iter().copied().filter(|&i| outlets[i].heavy).collect();
        let n = counts[li];
        let (story_docs, rest) = long.split_at(n.min(long.len()));
        let mut spare = rest.iter();
        let mut short_docs = short.iter();
        for (k, doc) in story_docs.iter().enumerate() {
            let id = format!("{lang}{k:04}");
            let flash = k % 33 == 7;
            let body = if flash {
                first_sentence(&doc.paras[0])
            } else {
                doc.paras.join("\n\n")
            };
            let start = drafts.len();
            story(
                &mut rng,
                &mut drafts,
                &outlets,
                &mine,
                &id,
                lang,
                flash,
                &doc.title,
                &body,
            );
            if !flash && chance(&mut rng, 10) {
                if let Some(other) = spare.next() {
                    let trap = topic_trap(&mut rng, &mine, &drafts[start], other, &id, lang);
                    drafts.push(trap);
                }
            }
        }
        // Unrelated short articles of heavy outlets: three tenths of the stories.
        for t in 0..n * 3 / 10 {
            let Some(doc) = short_docs.next().or_else(|| spare.next()) else {
                break;
            };
            let body: String = doc
                .paras
                .iter()
                .take(2)
                .cloned()
                .collect::<Vec<_>>()
                .join("\n\n");
            let instant = Some(random_instant(&mut rng));
            drafts.push(Draft {
                title: doc.title.clone(),
                body,
                outlet: heavy[t % heavy.len()],
                instant,
                look: 0,
                label: label(
                    &format!("{lang}-trap{t:04}"),
                    lang,
                    "trap-boilerplate",
                    "original",
                    instant,
                ),
            });
        }
    }
    dress(&mut rng, drafts, &outlets)
}

fn pick<'a>(rng: &mut Rng, docs: &'a [Doc]) -> Vec<&'a Doc> {
    let mut v: Vec<&Doc> = docs.iter().collect();
    shuffle(rng, &mut v);
    v
}

/// Site text around each draft, addresses, dates in the outlet's offset, and
/// a shuffled order (an archive is not imported in publication order).
fn dress(rng: &mut Rng, mut drafts: Vec<Draft>, outlets: &[Outlet]) -> (Vec<Item>, Vec<Label>) {
    shuffle(rng, &mut drafts);
    let mut titles: Vec<Vec<String>> = vec![Vec::new(); outlets.len()];
    for d in &drafts {
        titles[d.outlet].push(d.title.clone());
    }
    let mut items = Vec::with_capacity(drafts.len());
    let mut labels = Vec::with_capacity(drafts.len());
    for (pos, d) in drafts.into_iter().enumerate() {
        let o = &outlets[d.outlet];
        // An identical copy gets identical site text: the same seed and sidebar day.
        let (mut look, day) = match d.look {
            0 => (Rng::new(rng.next()), d.instant.unwrap_or(0) / 86_400),
            seed => (Rng::new(seed), (seed % 1024) as i64),
        };
        let also = &titles[d.outlet][look.below(titles[d.outlet].len())];
        let text = o.dress(&mut look, &d.body, also, day);
        let section = ["news", "politics", "society", "world"][rng.below(4)];
        let url = format!(
            "https://{}/{section}/{}",
            o.name,
            100_000 + pos * 7 + rng.below(7)
        );
        let date = d
            .instant
            .map(|t| rfc3339(t, o.offset_min))
            .unwrap_or_default();
        let mut l = d.label;
        l.url = url.clone();
        l.source = o.name.clone();
        labels.push(l);
        items.push(Item {
            title: d.title,
            text,
            url,
            date,
            source: o.name.clone(),
            lang: o.lang,
        });
    }
    (items, labels)
}

/// `t` (Unix seconds) as RFC 3339 in a local time `offset_min` east of UTC.
pub fn rfc3339(t: i64, offset_min: i64) -> String {
    let local = t + offset_min * 60;
    let (days, secs) = (local.div_euclid(86_400), local.rem_euclid(86_400));
    // Civil date from days since 1970-01-01 (H. Hinnant's algorithm).
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = yoe + era * 400 + i64::from(m <= 2);
    let zone = if offset_min == 0 {
        "Z".to_owned()
    } else {
        format!("+{:02}:{:02}", offset_min / 60, offset_min % 60)
    };
    format!(
        "{y:04}-{m:02}-{d:02}T{:02}:{:02}:{:02}{zone}",
        secs / 3600,
        secs / 60 % 60,
        secs % 60
    )
}

#[cfg(test)]
mod tests {
    use super::rfc3339;

    #[test]
    fn rfc3339_writes_local_time_with_its_offset() {
        assert_eq!(rfc3339(1_672_531_200, 0), "2023-01-01T00:00:00Z");
        assert_eq!(rfc3339(1_709_251_199, 120), "2024-03-01T01:59:59+02:00");
    }
}
