//! A story's first publisher: the earliest date wins; when dates tie (one
//! instant, or a date without a time on the day of another) or are missing,
//! the texts decide, in this order:
//!
//! 1. credit: a member the others credit ("Як повідомляє X, …", see
//!    [`crate::text::credit`]) had the story first, an undated one too; a
//!    member crediting another source is not first;
//! 2. containment: the text that contains the others' (a reprint trims more
//!    often than it adds);
//! 3. the member imported first.
//!
//! The note says which rule decided, so the reader knows how sure it is.

use std::collections::HashSet;

use rusqlite::{Connection, OptionalExtension};

use super::index::MemberFacts;
use crate::error::Result;
use crate::text::{credit, reuse};

/// Members whose texts are read to break a tie: a tie of hundreds (a bulk
/// import of date-only pages of one day) is left to import order rather than
/// reading every text whenever the story changes.
pub const MAX_EVIDENCE: usize = 64;

/// Share of a text's shingles found in another for the other to contain it:
/// a trimmed reprint is wholly contained; one changed word in ~25 (which
/// breaks ~5 shingles each) already drops it to 0.8.
pub const CONTAINS: f64 = 0.8;

/// What a member's text says for it in a tie.
#[derive(Debug, Default, Clone)]
pub(crate) struct Evidence {
    /// The source its text credits (not its own).
    pub credit: Option<String>,
    pub shingles: HashSet<u64>,
    pub words: usize,
}

/// Reads a member's story text: what it credits, and its shingles when
/// `shingles` (only a tie the credits leave open needs them).
pub(crate) fn evidence(conn: &Connection, m: &MemberFacts, shingles: bool) -> Result<Evidence> {
    let row: Option<(String, Option<String>)> = conn
        .prepare_cached("SELECT body, blocks FROM articles WHERE id = ?1")?
        .query_row([m.id], |r| Ok((r.get(0)?, r.get(1)?)))
        .optional()?;
    let Some((body, stored)) = row else {
        return Ok(Evidence::default());
    };
    let blocks = crate::store::block_column::full(&body, stored.as_deref());
    let words = if shingles {
        reuse::story_words(&body, &blocks, reuse::MAX_WORDS)
    } else {
        Vec::new()
    };
    let text = reuse::story_text(&body, &blocks, credit::SOURCE_NOTE_CHARS);
    let own = m.source.as_deref().unwrap_or("");
    Ok(Evidence {
        credit: credit::credited(&text).filter(|c| !credit::names_source(c, own)),
        shingles: reuse::shingles(&words).into_iter().collect(),
        words: words.len(),
    })
}

/// The first publisher among `members` (index into it) and a note when
/// dates alone did not decide. Members come in import order.
pub(crate) fn first_publisher(
    conn: &Connection,
    members: &[MemberFacts],
) -> Result<(Option<usize>, Option<String>)> {
    decide(members, |m, shingles| evidence(conn, m, shingles))
}

/// [`first_publisher`] with the texts' evidence read by `read` (tests give their own).
pub(crate) fn decide(
    members: &[MemberFacts],
    mut read: impl FnMut(&MemberFacts, bool) -> Result<Evidence>,
) -> Result<(Option<usize>, Option<String>)> {
    let dated: Vec<(usize, &str)> = members
        .iter()
        .enumerate()
        .filter_map(|(i, m)| m.published_at.as_deref().map(|d| (i, d)))
        .collect();
    let undated: Vec<usize> = (0..members.len())
        .filter(|&i| members[i].published_at.is_none())
        .collect();
    let earliest = dated.iter().map(|&(_, d)| d).min();
    let tied: Vec<usize> = earliest.map_or_else(Vec::new, |e| {
        dated
            .iter()
            .filter(|(_, d)| *d == e || (day(d) == day(e) && (d.len() <= 10 || e.len() <= 10)))
            .map(|&(i, _)| i)
            .collect()
    });
    // Members that could have been first: the tied earliest and the undated.
    let pool: Vec<usize> = tied.iter().chain(&undated).copied().collect();
    // Whose credits are read: the tied earliest (one crediting an undated
    // member names it), or every member when none has a date.
    let readers = if earliest.is_some() { &tied } else { &pool };
    let needs_texts = pool.len() > 1 && readers.len() <= MAX_EVIDENCE;
    let mut ev: Vec<Option<Evidence>> = vec![None; members.len()];
    if needs_texts {
        for &i in readers {
            ev[i] = Some(read(&members[i], false)?);
        }
    }
    let credited_in = |set: &[usize]| -> Vec<usize> {
        set.iter()
            .copied()
            .filter(|&i| {
                let Some(src) = members[i].source.as_deref() else {
                    return false;
                };
                pool.iter().any(|&k| {
                    k != i
                        && ev[k]
                            .as_ref()
                            .and_then(|e| e.credit.as_deref())
                            .is_some_and(|c| credit::names_source(c, src))
                })
            })
            .collect()
    };
    let mut notes = Vec::new();
    let Some(earliest) = earliest else {
        // No dates: only a credit names a first publisher.
        let credited = credited_in(&pool);
        if credited.len() == 1 {
            return Ok((
                Some(credited[0]),
                Some("no member has a publication date; first: the one the others credit".into()),
            ));
        }
        return Ok((
            None,
            Some("unknown: no member has a publication date".into()),
        ));
    };
    let (first, rule) = if tied.len() == 1 && undated.is_empty() {
        (tied[0], None)
    } else {
        let credited = credited_in(&pool);
        let plain: Vec<usize> = tied
            .iter()
            .copied()
            .filter(|&i| ev[i].as_ref().is_none_or(|e| e.credit.is_none()))
            .collect();
        let (set, why) = if !credited.is_empty() {
            (credited, "the one the others credit")
        } else if !plain.is_empty() && plain.len() < tied.len() {
            (plain, "the others credit another source")
        } else {
            (tied.clone(), "earliest date")
        };
        if set.len() > 1 && set.len() <= MAX_EVIDENCE {
            for &i in &set {
                ev[i] = Some(read(&members[i], true)?);
            }
        }
        if set.len() == 1 {
            (set[0], Some(why))
        } else if let Some(c) = containing(&set, &ev) {
            (c, Some("its text contains the others'"))
        } else {
            let first = set.iter().copied().min().unwrap_or(tied[0]);
            (first, Some("the one imported first"))
        }
    };
    if tied.len() > 1 {
        let rule = rule.unwrap_or("earliest date");
        let read = if needs_texts {
            rule
        } else {
            "the one imported first (too many to compare)"
        };
        notes.push(format!(
            "tie: {} members published on {}; first: {read}",
            tied.len(),
            day(earliest)
        ));
    } else if !tied.contains(&first) {
        notes.push("an undated member the earliest credits is first".to_owned());
    }
    if !undated.is_empty() {
        notes.push(format!(
            "{} member{} without a date could have been earlier",
            undated.len(),
            if undated.len() == 1 { "" } else { "s" }
        ));
    }
    Ok((Some(first), (!notes.is_empty()).then(|| notes.join("; "))))
}

/// The one member of `set` whose text contains every other's, if there is one.
fn containing(set: &[usize], ev: &[Option<Evidence>]) -> Option<usize> {
    if set.len() < 2 {
        return None;
    }
    let contains = |c: &Evidence, o: &Evidence| {
        let shared = o.shingles.iter().filter(|h| c.shingles.contains(h)).count();
        c.words > o.words && shared as f64 >= CONTAINS * o.shingles.len().max(1) as f64
    };
    let found: Vec<usize> = set
        .iter()
        .copied()
        .filter(|&c| {
            let Some(ec) = ev[c].as_ref() else {
                return false;
            };
            set.iter()
                .all(|&o| o == c || ev[o].as_ref().is_some_and(|eo| contains(ec, eo)))
        })
        .collect();
    (found.len() == 1).then(|| found[0])
}

/// The day of a stored date (`YYYY-MM-DD` or RFC 3339).
pub(super) fn day(d: &str) -> &str {
    d.get(..10).unwrap_or(d)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn member(id: i64, source: &str, date: Option<&str>) -> MemberFacts {
        MemberFacts {
            id,
            uid: format!("{id:016x}"),
            source: Some(source.to_owned()),
            published_at: date.map(str::to_owned),
        }
    }

    /// Evidence of a text of `words` words (shingles 0..words) crediting `credit`.
    fn text(words: u64, credit: Option<&str>) -> Evidence {
        Evidence {
            credit: credit.map(str::to_owned),
            shingles: (0..words).collect(),
            words: words as usize,
        }
    }

    fn with(texts: Vec<Evidence>) -> impl FnMut(&MemberFacts, bool) -> Result<Evidence> {
        move |m, _| Ok(texts[m.id as usize].clone())
    }

    #[test]
    fn a_date_without_a_time_ties_with_that_day_and_the_first_imported_wins() {
        let members = [
            member(0, "a", Some("2022-02-01T09:00:00Z")),
            member(1, "b", Some("2022-02-02")),
            member(2, "c", Some("2022-02-01")),
        ];
        let same = || text(100, None);
        let (first, note) = decide(&members, with(vec![same(), same(), same()])).unwrap();
        assert_eq!(first, Some(0), "the member imported first among the tied");
        let note = note.unwrap();
        assert!(note.starts_with("tie: 2 members"), "{note}");
        assert!(note.contains("imported first"), "{note}");
    }

    #[test]
    fn the_earliest_time_wins_without_a_tie_and_without_reading_texts() {
        let members = [
            member(0, "a", Some("2022-02-01T09:00:00Z")),
            member(1, "b", Some("2022-02-01T08:00:00Z")),
        ];
        let got = decide(&members, |_, _| panic!("no text is needed")).unwrap();
        assert_eq!(got, (Some(1), None));
    }

    #[test]
    fn in_a_tie_the_source_the_others_credit_is_first_though_imported_later() {
        let members = [
            member(0, "copy.example", Some("2022-02-01T09:00:00Z")),
            member(1, "origin.example", Some("2022-02-01T09:00:00Z")),
        ];
        let texts = vec![text(110, Some("origin.example")), text(100, None)];
        let (first, note) = decide(&members, with(texts)).unwrap();
        assert_eq!(first, Some(1));
        assert!(note.unwrap().contains("the others credit"));
    }

    #[test]
    fn in_a_tie_a_text_crediting_an_unknown_source_is_not_first() {
        let members = [
            member(0, "copy.example", Some("2022-02-01")),
            member(1, "other.example", Some("2022-02-01")),
        ];
        let texts = vec![text(100, Some("Reuters")), text(100, None)];
        assert_eq!(decide(&members, with(texts)).unwrap().0, Some(1));
    }

    #[test]
    fn in_a_tie_without_credits_the_text_containing_the_other_is_first() {
        let members = [
            member(0, "trimmed.example", Some("2022-02-01")),
            member(1, "full.example", Some("2022-02-01")),
        ];
        let texts = vec![text(60, None), text(100, None)];
        let (first, note) = decide(&members, with(texts)).unwrap();
        assert_eq!(first, Some(1));
        assert!(note.unwrap().contains("contains"));
    }

    #[test]
    fn an_undated_member_credited_by_the_earliest_is_first() {
        let members = [
            member(0, "copy.example", Some("2022-02-01")),
            member(1, "origin.example", None),
        ];
        let texts = vec![text(100, Some("origin.example")), text(100, None)];
        let (first, note) = decide(&members, with(texts)).unwrap();
        assert_eq!(first, Some(1));
        assert!(note.unwrap().contains("without a date"));
    }

    #[test]
    fn without_any_date_only_a_credit_names_a_first() {
        let members = [member(0, "a", None), member(1, "b", None)];
        let plain = decide(&members, with(vec![text(50, None), text(90, None)])).unwrap();
        assert_eq!(plain.0, None);
        let credited = decide(&members, with(vec![text(50, Some("b")), text(90, None)])).unwrap();
        assert_eq!(credited.0, Some(1));
    }
}
