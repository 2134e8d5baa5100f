//! The sources and tags a filter value names (`source:lenta`, `tag:war/*`),
//! looked up in the library so that the SQL binds their exact values.

use rusqlite::Connection;

use crate::error::Result;

/// `*` in `pattern` stands for any run of characters; matching ignores case.
fn wildcard_match(pattern: &str, text: &str) -> bool {
    let parts: Vec<&str> = pattern.split('*').collect();
    let (first, last) = (parts[0], parts[parts.len() - 1]);
    if parts.len() == 1 {
        return text == pattern;
    }
    if !text.starts_with(first) || text.len() < first.len() + last.len() || !text.ends_with(last) {
        return false;
    }
    let mut rest = &text[first.len()..text.len() - last.len()];
    for mid in &parts[1..parts.len() - 1] {
        match rest.find(mid) {
            Some(i) => rest = &rest[i + mid.len()..],
            None => return false,
        }
    }
    true
}

/// Sources `value` names: the same name ignoring case, a run of whole labels of
/// a host (`lenta` and `lenta.ua` both name `www.lenta.ua`), or a `*` pattern.
pub(super) fn matching_sources(conn: &Connection, value: &str) -> Result<Vec<String>> {
    let v = value.trim().to_lowercase();
    // Distinct values by skipping through the index, not by scanning every row.
    let mut stmt = conn.prepare_cached(
        "WITH RECURSIVE s(x) AS (
             SELECT min(source) FROM articles
             UNION ALL
             SELECT (SELECT min(source) FROM articles WHERE source > s.x) FROM s WHERE s.x IS NOT NULL)
         SELECT x FROM s WHERE x IS NOT NULL",
    )?;
    let all = stmt
        .query_map([], |r| r.get::<_, String>(0))?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(all
        .into_iter()
        .filter(|s| {
            let l = s.to_lowercase();
            if v.contains('*') {
                return wildcard_match(&v, &l);
            }
            l == v || format!(".{l}.").contains(&format!(".{v}."))
        })
        .collect())
}

/// Tags `value` names, with everything below them (`war` and `war/*` both take `war/diplomacy`).
pub(super) fn matching_tags(conn: &Connection, value: &str) -> Result<Vec<i64>> {
    let v = value.trim().to_lowercase();
    let v = v.trim_end_matches("/*").trim_end_matches('/');
    let mut stmt = conn.prepare_cached("SELECT id, key FROM tags")?;
    let all = stmt
        .query_map([], |r| Ok((r.get::<_, i64>(0)?, r.get::<_, String>(1)?)))?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(all
        .into_iter()
        .filter(|(_, k)| {
            if v.contains('*') {
                wildcard_match(v, k)
            } else {
                k == v || k.starts_with(&format!("{v}/"))
            }
        })
        .map(|(id, _)| id)
        .collect())
}
