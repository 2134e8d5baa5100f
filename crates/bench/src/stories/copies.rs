//! The copies of a story: which outlets republish it, when, and how each
//! copy differs (new headline, trimmed, lightly edited, an attribution lead,
//! a missing date, an identical duplicate, a tie with the original), and the
//! unrelated article on a story's topic.

use super::super::corpus::Rng;
use super::documents::Doc;
use super::outlets::{self, Outlet};
use super::set::{chance, label, shuffle, Draft};

pub(super) fn first_sentence(p: &str) -> String {
    let cut = p
        .char_indices()
        .find(|&(i, c)| i >= 60 && matches!(c, '.' | '!' | '?'))
        .map_or(p.len(), |(i, c)| i + c.len_utf8());
    let s: String = p[..cut].chars().take(220).collect();
    s
}

/// 2023-01-01 plus up to three years, at a whole minute.
pub(super) fn random_instant(rng: &mut Rng) -> i64 {
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
pub(super) fn story(
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
pub(super) fn topic_trap(
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
