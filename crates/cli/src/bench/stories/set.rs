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
struct Draft {
    title: String,
    body: String,
    outlet: usize,
    instant: Option<i64>,
    label: Label,
    /// Seed of the site text; a copy and its duplicate share one (0: drawn).
    look: u64,
}

fn chance(rng: &mut Rng, pct: usize) -> bool {
    rng.below(100) < pct
}

fn shuffle<T>(rng: &mut Rng, v: &mut [T]) {
    for i in (1..v.len()).rev() {
        v.swap(i, rng.below(i + 1));
    }
}

fn label(story: &str, lang: &str, kind: &str, variant: &str, instant: Option<i64>) -> Label {
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

fn first_sentence(p: &str) -> String {
    let cut = p
        .char_indices()
        .find(|&(i, c)| i >= 60 && matches!(c, '.' | '!' | '?'))
        .map_or(p.len(), |(i, c)| i + c.len_utf8());
    let s: String = p[..cut].chars().take(220).collect();
    s
}

/// 2023-01-01 plus up to three years, at a whole minute.
fn random_instant(rng: &mut Rng) -> i64 {
    1_672_531_200 + 60 * rng.below(3 * 365 * 24 * 60) as i64
}

/// A reprint's delay in seconds: minutes (40%), hours (35%) or days (25%).
fn delay(rng: &mut Rng) -> i64 {
    60 * match rng.below(100) {
        0..40 => 1 + rng.below(59),
        40..75 => 60 + rng.below(11 * 60),
        _ => 12 * 60 + rng.below(108 * 60),
    } as i64
}

#[allow(clippy::too_many_arguments)]
fn story(
    rng: &mut Rng,
    drafts: &mut Vec<Draft>,
    outlets: &[Outlet],
    mine: &[usize],
    id: &str,
    lang: &str,
    flash: bool,
    title: &str,
    body: &str,
) {
    let mut order = mine.to_vec();
    shuffle(rng, &mut order);
    let origin = order[0];
    // 2% of originals give no date: their story has no known first publisher.
    let instant = (!chance(rng, 2)).then(|| random_instant(rng));
    let kind = if flash { "flash" } else { "story" };
    let copies = if flash || chance(rng, 25) {
        rng.below(if flash { 4 } else { 1 })
    } else {
        1 + rng.below(12)
    };
    let tie = instant.is_some() && copies > 0 && chance(rng, 3);
    let mut original = label(id, lang, kind, "original", instant);
    original.tie = tie;
    drafts.push(Draft {
        title: title.to_owned(),
        body: body.to_owned(),
        outlet: origin,
        instant,
        label: original,
        look: 0,
    });
    let lead = if lang == "uk" {
        "Як повідомляє"
    } else {
        "Как сообщает"
    };
    for (c, &outlet) in order.iter().skip(1).take(copies).enumerate() {
        let mut variant = Vec::new();
        let mut paras: Vec<String> = body.split("\n\n").map(str::to_owned).collect();
        let mut head = title.to_owned();
        let is_tie = tie && c == 0;
        if !flash && chance(rng, 50) {
            let lines: Vec<String> = paras.iter().skip(1).cloned().collect();
            head = outlets::headline(rng, if lines.is_empty() { &paras } else { &lines });
            variant.push("headline");
        }
        if !flash && chance(rng, 30) && paras.len() > 1 {
            let drop = paras.len() * (20 + rng.below(41)) / 100;
            paras.truncate((paras.len() - drop.max(1)).max(1));
            variant.push("trim-end");
        } else if !flash && chance(rng, 8) && paras.len() >= 3 {
            paras.remove(0);
            variant.push("trim-start");
        }
        if !flash && chance(rng, 35) {
            let pct = 3 + rng.below(8);
            let vocab: Vec<String> = body.split_whitespace().map(str::to_owned).collect();
            for p in paras.iter_mut() {
                *p = edit_words(rng, p, pct, &vocab);
            }
            variant.push("edit");
        }
        if is_tie || chance(rng, 30) {
            let first = &paras[0];
            let mut cs = first.chars();
            let lowered: String = cs
                .next()
                .into_iter()
                .flat_map(char::to_lowercase)
                .chain(cs)
                .collect();
            paras[0] = format!("{lead} {}, {lowered}", outlets[origin].name);
            variant.push("lead");
        }
        let when = if is_tie {
            variant.push("tie");
            instant
        } else if chance(rng, 8) {
            variant.push("no-date");
            None
        } else {
            instant.map(|t| t + delay(rng))
        };
        let v = if variant.is_empty() {
            "full".to_owned()
        } else {
            variant.join("+")
        };
        let body = paras.join("\n\n");
        let twice = chance(rng, 4);
        let look = if twice { rng.next() | 1 } else { 0 };
        drafts.push(Draft {
            title: head.clone(),
            body: body.clone(),
            outlet,
            instant: when,
            label: label(id, lang, kind, &v, when),
            look,
        });
        if twice {
            // The outlet posts the same page again an hour later, under another address.
            let later = when.map(|t| t + 3600);
            drafts.push(Draft {
                title: head,
                body,
                outlet,
                instant: later,
                label: label(id, lang, kind, "duplicate", later),
                look,
            });
        }
    }
}

/// Replaces, drops or inserts words of `p`, each word with `pct`% chance.
fn edit_words(rng: &mut Rng, p: &str, pct: usize, vocab: &[String]) -> String {
    let mut out: Vec<&str> = Vec::new();
    for w in p.split(' ') {
        if !chance(rng, pct) || vocab.is_empty() {
            out.push(w);
            continue;
        }
        let other = vocab[rng.below(vocab.len())].as_str();
        match rng.below(3) {
            0 => {}
            1 => out.push(other),
            _ => {
                out.push(other);
                out.push(w);
            }
        }
    }
    if out.is_empty() {
        return p.to_owned();
    }
    out.join(" ")
}

/// An unrelated article on the topic of the story whose original is `first`:
/// another document's text under a headline that starts like the story's and
/// one "as a reminder" paragraph quoting the story, a few hours later.
fn topic_trap(
    rng: &mut Rng,
    mine: &[usize],
    first: &Draft,
    doc: &Doc,
    id: &str,
    lang: &str,
) -> Draft {
    let words: Vec<&str> = first.title.split_whitespace().collect();
    let own: Vec<&str> = doc.title.split_whitespace().collect();
    let half = words.len().div_ceil(2);
    let title = words[..half]
        .iter()
        .chain(own.iter().take(5))
        .copied()
        .collect::<Vec<_>>()
        .join(" ");
    let mut paras: Vec<String> = doc.paras.iter().take(4).cloned().collect();
    let quoted = first_sentence(first.body.split("\n\n").last().unwrap_or(""));
    let reminder = if lang == "uk" {
        "Нагадаємо"
    } else {
        "Напомним"
    };
    paras.insert(paras.len().min(2), format!("{reminder}: {quoted}"));
    let outlet = mine[rng.below(mine.len())];
    let instant = first.instant.map(|t| t + 3600 * (1 + rng.below(48) as i64));
    Draft {
        title,
        body: paras.join("\n\n"),
        outlet,
        instant,
        look: 0,
        label: label(
            &format!("{id}-topic"),
            lang,
            "trap-topic",
            "original",
            instant,
        ),
    }
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
