//! Reading the stories: lists, one story with its shared passages, any pair.

use std::collections::{BTreeMap, HashMap};

use rusqlite::{params, Connection, OptionalExtension};
use serde::Serialize;

use super::first::{day, first_publisher};
use super::index::{facts, words_of, MemberFacts};
use crate::error::{Error, Result};
use crate::text::reuse::{self, SharedSpan};

/// A story in a list (`litopys stories`).
#[derive(Debug, Clone, Serialize, PartialEq)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct StorySummary {
    pub id: String,
    /// Member ids, earliest published first (undated last).
    pub articles: Vec<String>,
    pub first: Option<String>,
    /// Why the first publisher is uncertain or unknown (ties, missing dates).
    pub first_note: Option<String>,
    /// Distinct sources (articles without one count as one more).
    pub sources: usize,
    pub size: usize,
}

/// The story an article belongs to (`show --json`).
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct ArticleStory {
    pub id: String,
    pub size: usize,
    pub first: Option<String>,
    pub is_first: bool,
}

#[derive(Debug, Clone, Serialize, PartialEq)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct StoryMember {
    pub id: String,
    pub title: String,
    pub source: Option<String>,
    pub published_at: Option<String>,
    pub is_first: bool,
    /// Share (0..1) of this article's story words found in the other members.
    pub reused: f64,
}

/// What two articles share: spans are code points into each one's body.
#[derive(Debug, Clone, Serialize, PartialEq)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct PairAlignment {
    pub a: String,
    pub b: String,
    /// Share of the shorter story's words inside the shared passages.
    pub containment: f64,
    pub shared: Vec<SharedSpan>,
}

#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct TimelinePoint {
    /// A day, `YYYY-MM-DD`.
    pub date: String,
    pub count: usize,
}

#[derive(Debug, Clone, Serialize, PartialEq)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct StoryDetail {
    pub id: String,
    pub first: Option<String>,
    pub first_note: Option<String>,
    pub articles: Vec<StoryMember>,
    /// The linked pairs (at most [`MAX_PAIRS`]), strongest first.
    pub pairs: Vec<PairAlignment>,
    /// Members per publication day (undated members are not in it).
    pub timeline: Vec<TimelinePoint>,
}

/// Pairs aligned in a story's detail: a story of n members has up to n²/2
/// links; the strongest 200 show what was copied without aligning them all.
pub const MAX_PAIRS: usize = 200;

pub(crate) fn count_sources<'a>(sources: impl Iterator<Item = Option<&'a str>>) -> usize {
    let mut set: Vec<&str> = sources.map(|s| s.unwrap_or("")).collect();
    set.sort_unstable();
    set.dedup();
    set.len()
}

/// The members of story `story`, in internal-id order.
fn members(conn: &Connection, story: &str) -> Result<Vec<MemberFacts>> {
    let ids: Vec<i64> = conn
        .prepare_cached(
            "SELECT article_id FROM story_members WHERE story = ?1 ORDER BY article_id",
        )?
        .query_map([story], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    let mut out = Vec::with_capacity(ids.len());
    for id in ids {
        out.extend(facts(conn, id)?);
    }
    Ok(out)
}

/// Member order shown to the reader: by date (undated last), then import order.
fn by_date(members: &[MemberFacts]) -> Vec<usize> {
    let mut order: Vec<usize> = (0..members.len()).collect();
    order.sort_by(|&x, &y| {
        let (a, b) = (&members[x].published_at, &members[y].published_at);
        a.is_none()
            .cmp(&b.is_none())
            .then(a.cmp(b))
            .then(members[x].id.cmp(&members[y].id))
    });
    order
}

fn summary(conn: &Connection, story: String, members: &[MemberFacts]) -> Result<StorySummary> {
    let (first, first_note) = first_publisher(conn, members)?;
    Ok(StorySummary {
        id: story,
        articles: by_date(members)
            .into_iter()
            .map(|i| members[i].uid.clone())
            .collect(),
        first: first.map(|i| members[i].uid.clone()),
        first_note,
        sources: count_sources(members.iter().map(|m| m.source.as_deref())),
        size: members.len(),
    })
}

/// The story of article `uid`, if it shares its text with another article.
pub fn of_article(conn: &Connection, uid: &str) -> Result<Option<ArticleStory>> {
    let row: Option<(String, i64, bool)> = conn
        .prepare_cached(
            "SELECT m.story, m.size, m.is_first FROM story_members m
             JOIN articles a ON a.id = m.article_id WHERE a.uid = ?1",
        )?
        .query_row([uid], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
        .optional()?;
    let Some((story, size, is_first)) = row else {
        return Ok(None);
    };
    let first: Option<String> = conn
        .prepare_cached(
            "SELECT a.uid FROM story_members m JOIN articles a ON a.id = m.article_id
             WHERE m.story = ?1 AND m.is_first = 1",
        )?
        .query_row([&story], |r| r.get(0))
        .optional()?;
    Ok(Some(ArticleStory {
        id: story,
        size: size.max(0) as usize,
        first,
        is_first,
    }))
}

/// Stories of at least `min_size` articles, largest first (ties by id).
pub fn list(conn: &Connection, min_size: usize) -> Result<Vec<StorySummary>> {
    let stories: Vec<String> = conn
        .prepare(
            "SELECT story FROM story_members GROUP BY story HAVING count(*) >= ?1
             ORDER BY count(*) DESC, story",
        )?
        .query_map([min_size.max(2) as i64], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    let mut out = Vec::with_capacity(stories.len());
    for s in stories {
        let m = members(conn, &s)?;
        out.push(summary(conn, s, &m)?);
    }
    Ok(out)
}

fn internal(conn: &Connection, uid: &str) -> Result<i64> {
    conn.prepare_cached("SELECT id FROM articles WHERE uid = ?1")?
        .query_row([uid], |r| r.get(0))
        .optional()?
        .ok_or_else(|| Error::ArticleNotFound(uid.to_owned()))
}

/// What articles `a` and `b` (ids) share, whether or not they are in one story.
pub fn pair(conn: &Connection, a: &str, b: &str) -> Result<PairAlignment> {
    let (ia, ib) = (internal(conn, a)?, internal(conn, b)?);
    let wa = words_of(conn, ia)?.unwrap_or_default();
    let wb = words_of(conn, ib)?.unwrap_or_default();
    let al = reuse::align(&wa, &wb);
    Ok(PairAlignment {
        a: a.to_owned(),
        b: b.to_owned(),
        containment: containment(al.a_words, wa.len(), wb.len()),
        shared: al.spans,
    })
}

fn containment(shared: usize, a: usize, b: usize) -> f64 {
    let smaller = a.min(b);
    if smaller == 0 {
        0.0
    } else {
        (shared as f64 / smaller as f64).min(1.0)
    }
}

/// One story: members, first publisher, shared passages, timeline.
pub fn detail(conn: &Connection, story: &str) -> Result<StoryDetail> {
    let story = story.trim().to_ascii_lowercase();
    let m = members(conn, &story)?;
    if m.is_empty() {
        return Err(Error::StoryNotFound(story));
    }
    let (first, first_note) = first_publisher(conn, &m)?;
    let index: HashMap<i64, usize> = m.iter().enumerate().map(|(i, f)| (f.id, i)).collect();
    let mut links: Vec<(i64, i64, f64)> = Vec::new();
    let mut stmt = conn.prepare_cached("SELECT b, containment FROM story_links WHERE a = ?1")?;
    for f in &m {
        for row in stmt.query_map([f.id], |r| Ok((r.get::<_, i64>(0)?, r.get::<_, f64>(1)?)))? {
            let (b, c) = row?;
            links.push((f.id, b, c));
        }
    }
    links.sort_by(|x, y| y.2.total_cmp(&x.2).then(x.0.cmp(&y.0)).then(x.1.cmp(&y.1)));
    links.truncate(MAX_PAIRS);
    let mut words: HashMap<i64, Vec<reuse::Word>> = HashMap::new();
    let mut covered: HashMap<i64, Vec<bool>> = HashMap::new();
    let mut pairs = Vec::with_capacity(links.len());
    for (a, b, _) in links {
        for x in [a, b] {
            if let std::collections::hash_map::Entry::Vacant(e) = words.entry(x) {
                let w = words_of(conn, x)?.unwrap_or_default();
                covered.insert(x, vec![false; w.len()]);
                e.insert(w);
            }
        }
        let (wa, wb) = (&words[&a], &words[&b]);
        let al = reuse::align(wa, wb);
        for &(i, j, len) in &al.runs {
            if let Some(c) = covered.get_mut(&a) {
                c[i..i + len].iter_mut().for_each(|x| *x = true);
            }
            if let Some(c) = covered.get_mut(&b) {
                c[j..j + len].iter_mut().for_each(|x| *x = true);
            }
        }
        let (ua, ub) = (&m[index[&a]].uid, &m[index[&b]].uid);
        pairs.push(PairAlignment {
            a: ua.clone(),
            b: ub.clone(),
            containment: containment(al.a_words, wa.len(), wb.len()),
            shared: al.spans,
        });
    }
    let titles = titles(conn, &m)?;
    let articles = by_date(&m)
        .into_iter()
        .map(|i| {
            let f = &m[i];
            let reused = covered.get(&f.id).map_or(0.0, |c| {
                if c.is_empty() {
                    0.0
                } else {
                    c.iter().filter(|&&x| x).count() as f64 / c.len() as f64
                }
            });
            StoryMember {
                id: f.uid.clone(),
                title: titles[i].clone(),
                source: f.source.clone(),
                published_at: f.published_at.clone(),
                is_first: first == Some(i),
                reused,
            }
        })
        .collect();
    let mut days: BTreeMap<String, usize> = BTreeMap::new();
    for f in &m {
        if let Some(d) = &f.published_at {
            *days.entry(day(d).to_owned()).or_default() += 1;
        }
    }
    Ok(StoryDetail {
        id: story,
        first: first.map(|i| m[i].uid.clone()),
        first_note,
        articles,
        pairs,
        timeline: days
            .into_iter()
            .map(|(date, count)| TimelinePoint { date, count })
            .collect(),
    })
}

fn titles(conn: &Connection, m: &[MemberFacts]) -> Result<Vec<String>> {
    let mut stmt = conn.prepare_cached("SELECT title FROM articles WHERE id = ?1")?;
    m.iter()
        .map(|f| Ok(stmt.query_row(params![f.id], |r| r.get(0))?))
        .collect()
}
