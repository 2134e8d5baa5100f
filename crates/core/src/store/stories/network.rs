//! Who republishes whom: per pair of sources, how many reprints and the
//! median delay from the first publication.

use std::collections::BTreeMap;

use rusqlite::Connection;
use serde::Serialize;

use super::index::MemberFacts;
use crate::error::Result;

/// `from` published a story first and `to` republished it `count` times.
#[derive(Debug, Clone, Serialize, PartialEq)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct NetworkEdge {
    pub from: String,
    pub to: String,
    pub count: usize,
    /// Median hours from the first publication to the reprint (dated pairs only).
    pub median_delay_hours: Option<f64>,
}

/// Hours since 1970 of a stored date (`YYYY-MM-DD`, or RFC 3339 in UTC).
fn hours(d: &str) -> Option<f64> {
    let num = |r: std::ops::Range<usize>| d.get(r).and_then(|s| s.parse::<i64>().ok());
    let (y, mo, da) = (num(0..4)?, num(5..7)?, num(8..10)?);
    // Days from the civil date (Howard Hinnant's algorithm).
    let y = if mo <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (mo + 9) % 12;
    let doy = (153 * mp + 2) / 5 + da - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    let days = era * 146_097 + doe - 719_468;
    let (h, mi) = (num(11..13).unwrap_or(0), num(14..16).unwrap_or(0));
    Some(days as f64 * 24.0 + h as f64 + mi as f64 / 60.0)
}

fn median(v: &mut [f64]) -> Option<f64> {
    if v.is_empty() {
        return None;
    }
    v.sort_by(f64::total_cmp);
    let n = v.len();
    Some(if n % 2 == 1 {
        v[n / 2]
    } else {
        (v[n / 2 - 1] + v[n / 2]) / 2.0
    })
}

/// Who republishes whom: for every story with a known first publisher, an
/// edge from its source to the source of each member of another source.
/// Same-source copies are duplicates, not reprints, and are not counted.
pub fn network(conn: &Connection) -> Result<Vec<NetworkEdge>> {
    let mut stmt = conn.prepare(
        "SELECT m.story, a.id, a.uid, a.source, a.published_at, m.is_first
         FROM story_members m JOIN articles a ON a.id = m.article_id ORDER BY m.story",
    )?;
    let mut edges: BTreeMap<(String, String), (usize, Vec<f64>)> = BTreeMap::new();
    let mut flush = |group: &mut Vec<(MemberFacts, bool)>| {
        let first = group.iter().find(|(_, f)| *f).map(|(m, _)| m.clone());
        if let Some(first) = first {
            if let Some(from) = &first.source {
                for (m, _) in group.iter() {
                    let Some(to) = &m.source else { continue };
                    if to == from {
                        continue;
                    }
                    let e = edges.entry((from.clone(), to.clone())).or_default();
                    e.0 += 1;
                    let delay = first
                        .published_at
                        .as_deref()
                        .and_then(hours)
                        .zip(m.published_at.as_deref().and_then(hours));
                    if let Some((f, t)) = delay {
                        e.1.push((t - f).max(0.0));
                    }
                }
            }
        }
        group.clear();
    };
    let mut group: Vec<(MemberFacts, bool)> = Vec::new();
    let mut current: Option<String> = None;
    let rows = stmt.query_map([], |r| {
        Ok((
            r.get::<_, String>(0)?,
            MemberFacts {
                id: r.get(1)?,
                uid: r.get(2)?,
                source: r.get(3)?,
                published_at: r.get(4)?,
            },
            r.get::<_, bool>(5)?,
        ))
    })?;
    for row in rows {
        let (story, f, is_first) = row?;
        if current.as_deref() != Some(story.as_str()) {
            flush(&mut group);
            current = Some(story);
        }
        group.push((f, is_first));
    }
    flush(&mut group);
    let mut out: Vec<NetworkEdge> = edges
        .into_iter()
        .map(|((from, to), (count, mut delays))| NetworkEdge {
            from,
            to,
            count,
            median_delay_hours: median(&mut delays),
        })
        .collect();
    out.sort_by(|x, y| {
        y.count
            .cmp(&x.count)
            .then(x.from.cmp(&y.from))
            .then(x.to.cmp(&y.to))
    });
    Ok(out)
}
