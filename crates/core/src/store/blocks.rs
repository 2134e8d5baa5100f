//! Where each article's story ends and the site's text begins, stored beside
//! the text: the classes of [`crate::text::blocks`], what the library learns
//! (a short line that recurs in articles of one source is boilerplate for that
//! source), and the classes the user set, which are kept.
//!
//! How the `blocks` column is written and read, and the SQL functions that
//! cut the text by it, are in `block_column`.

use std::collections::HashMap;

use rusqlite::{params, Connection, OptionalExtension};

use super::block_column::{encode, full};
use crate::error::{Error, Result};
use crate::text::blocks::{self, Block, BlockClass, BlockReason};

/// Version of the classifier. Bump it when the rules change: libraries
/// classified by another version are re-classified when opened.
pub const VERSION: i64 = 1;

/// Articles of one source a line must appear in to count as that source's boilerplate.
pub const REPEAT_THRESHOLD: i64 = 5;

/// Lines longer than this are not learned: a long paragraph shared by a few
/// articles is more likely a re-published story than site furniture.
const LEARN_MAX_CHARS: usize = 200;

/// What import prepares for one article (off the writer thread).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Layout {
    pub blocks: Vec<Block>,
    /// (block index, learning key) of the blocks the library may learn from.
    pub keys: Vec<(usize, i64)>,
}

impl Layout {
    /// Marks as boilerplate the story lines that were nearly all link text in
    /// the page (`links`: such lines, whitespace squashed).
    pub fn mark_links(&mut self, body: &str, links: &[String]) {
        if links.is_empty() {
            return;
        }
        let set: std::collections::HashSet<&str> = links.iter().map(String::as_str).collect();
        let lines = blocks::lines(body);
        for (b, l) in self.blocks.iter_mut().zip(&lines) {
            let squashed = l.text.split_whitespace().collect::<Vec<_>>().join(" ");
            if b.class == BlockClass::Story && set.contains(squashed.as_str()) {
                b.class = BlockClass::Boilerplate;
                b.reason = BlockReason::Links;
            }
        }
        let linked: std::collections::HashSet<usize> = self
            .blocks
            .iter()
            .enumerate()
            .filter(|(_, b)| b.reason == BlockReason::Links)
            .map(|(i, _)| i)
            .collect();
        self.keys.retain(|(i, _)| !linked.contains(i));
    }
}

/// Classifies `body` by generic cues and keys its learnable blocks by `source_key`.
pub fn layout(body: &str, source_key: &str) -> Layout {
    let blocks = blocks::classify(body);
    let lines = blocks::lines(body);
    let keys = blocks
        .iter()
        .zip(&lines)
        .enumerate()
        .filter(|(_, (b, _))| b.class == BlockClass::Story && b.end - b.start <= LEARN_MAX_CHARS)
        .filter_map(|(i, (_, l))| text_hash(source_key, l.text).map(|k| (i, k)))
        .collect();
    Layout { blocks, keys }
}

/// What learning groups articles by: their source, else the folder they came from.
pub fn source_key(source: Option<&str>, origin_path: &str) -> String {
    match source {
        Some(s) => format!("source:{s}"),
        None => {
            let folder = origin_path
                .rsplit_once(['/', '\\'])
                .map(|(dir, _)| dir)
                .unwrap_or("");
            format!("folder:{folder}")
        }
    }
}

/// A hash of a line's letters and digits (case folded, digits as `0`, the
/// rest as single spaces), `None` for lines of fewer than two words. Exact
/// repeats are what a site's template produces, so no deeper analysis is needed.
fn text_hash(scope: &str, text: &str) -> Option<i64> {
    let mut folded = String::with_capacity(text.len());
    let mut words = 0;
    let mut gap = true;
    for c in text.chars() {
        if crate::text::is_letter_or_digit(c) {
            if gap {
                if words > 0 {
                    folded.push(' ');
                }
                words += 1;
                gap = false;
            }
            // Fast paths for what nearly all text is: ASCII and Cyrillic.
            match c {
                '0'..='9' => folded.push('0'),
                'a'..='z' | 'а'..='я' | 'ѐ'..='џ' => folded.push(c),
                'A'..='Z' => folded.push(c.to_ascii_lowercase()),
                'А'..='Я' => folded.push(char::from_u32(c as u32 + 0x20).unwrap_or(c)),
                'Ѐ'..='Џ' => folded.push(char::from_u32(c as u32 + 0x50).unwrap_or(c)),
                _ => folded.extend(c.to_lowercase()),
            }
        } else if !matches!(c, '\'' | '\u{2019}' | '\u{02BC}' | '\u{0301}' | '\u{00AD}') {
            gap = true;
        }
    }
    if words < 2 {
        return None;
    }
    let mut h = blake3::Hasher::new();
    h.update(scope.as_bytes());
    h.update(b"\x01");
    h.update(folded.as_bytes());
    let bytes = h.finalize();
    let mut eight = [0u8; 8];
    eight.copy_from_slice(&bytes.as_bytes()[..8]);
    Some(i64::from_le_bytes(eight))
}

/// The key of a user's choice for a block: its text alone.
fn override_key(text: &str) -> i64 {
    text_hash("", text).unwrap_or_else(|| {
        let h = blake3::hash(text.trim().as_bytes());
        let mut eight = [0u8; 8];
        eight.copy_from_slice(&h.as_bytes()[..8]);
        i64::from_le_bytes(eight)
    })
}

/// How many articles (up to the threshold) hold the line with this key.
/// How many articles (up to [`REPEAT_THRESHOLD`]) hold the line `?1`. The
/// limit is written into the SQL, not bound: SQLite reads a bound LIMIT while
/// planning, so every new key made it parse the statement again (12% of an
/// import's samples in `perf`, a third of them here, one call per line).
const REPEATS_SQL: &str =
    "SELECT count(*) FROM (SELECT 1 FROM block_repeats WHERE key = ?1 LIMIT 5)";

fn repeats(conn: &Connection, key: i64) -> Result<i64> {
    Ok(conn
        .prepare_cached(REPEATS_SQL)?
        .query_row([key], |r| r.get(0))?)
}

/// Marks the learnable blocks that recur (counting `extra` more articles) as boilerplate.
fn apply_learned(conn: &Connection, layout: &mut Layout, extra: i64) -> Result<Vec<i64>> {
    let mut crossing = Vec::new();
    for &(i, key) in &layout.keys {
        let n = repeats(conn, key)? + extra;
        if n >= REPEAT_THRESHOLD {
            layout.blocks[i].class = BlockClass::Boilerplate;
            layout.blocks[i].reason = BlockReason::Repeated;
            if n == REPEAT_THRESHOLD && extra == 1 {
                crossing.push(key);
            }
        }
    }
    Ok(crossing)
}

/// Classifies a new article before it is stored: the stored form of its blocks,
/// and the keys whose count this article brings to the threshold.
pub fn before_insert(conn: &Connection, layout: &mut Layout) -> Result<(String, Vec<i64>)> {
    let crossing = apply_learned(conn, layout, 1)?;
    Ok((encode(&layout.blocks), crossing))
}

/// Records a stored article's learnable lines and queues the earlier articles
/// whose lines it made recurring; [`flush_pending`] re-classifies them once
/// each at the end of an import, however many of their lines crossed the
/// threshold meanwhile.
pub fn after_insert(conn: &Connection, id: i64, layout: &Layout, crossing: &[i64]) -> Result<()> {
    let mut add = conn
        .prepare_cached("INSERT OR IGNORE INTO block_repeats (key, article_id) VALUES (?1, ?2)")?;
    for &(_, key) in &layout.keys {
        add.execute(params![key, id])?;
    }
    let mut queue = conn.prepare_cached(
        "INSERT OR IGNORE INTO block_pending (article_id)
         SELECT article_id FROM block_repeats WHERE key = ?1 AND article_id <> ?2",
    )?;
    for &key in crossing {
        queue.execute(params![key, id])?;
    }
    Ok(())
}

/// Re-classifies the articles queued by [`after_insert`]; returns how many.
pub fn flush_pending(conn: &Connection) -> Result<usize> {
    let ids: Vec<i64> = conn
        .prepare_cached("DELETE FROM block_pending RETURNING article_id")?
        .query_map([], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    for &id in &ids {
        reclassify(conn, id)?;
    }
    Ok(ids.len())
}

/// Re-classifies up to `limit` queued articles; returns how many. An import
/// flushes its queue in such slices, each in its own transaction, so other
/// writers (the app's edits) get the lock between them.
pub fn flush_pending_slice(conn: &Connection, limit: usize) -> Result<usize> {
    let ids: Vec<i64> = conn
        .prepare_cached(
            "DELETE FROM block_pending WHERE article_id IN
                 (SELECT article_id FROM block_pending ORDER BY article_id LIMIT ?1)
             RETURNING article_id",
        )?
        .query_map([limit as i64], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    let mut changed = Vec::new();
    for &id in &ids {
        if let Some(encoded) = classified_again(conn, id)? {
            changed.push((id, encoded));
        }
    }
    // Re-indexed together: one by one, each update flushed the index
    // (see `fts::set_blocks`).
    super::fts::set_blocks(conn, &changed)?;
    Ok(ids.len())
}

/// Re-learns and re-classifies an article whose text changed.
pub fn after_edit(conn: &Connection, id: i64) -> Result<()> {
    // Rare (a user edit): a scan of the learning table is acceptable here.
    conn.prepare_cached("DELETE FROM block_repeats WHERE article_id = ?1")?
        .execute([id])?;
    classify_stored(conn, id)?;
    flush_pending(conn).map(|_| ())
}

/// Learns from and classifies an article stored without blocks (a bundle's);
/// call [`flush_pending`] before committing.
pub fn classify_stored(conn: &Connection, id: i64) -> Result<()> {
    let (body, source, origin): (String, Option<String>, String) = conn
        .prepare_cached("SELECT body, source, origin_path FROM articles WHERE id = ?1")?
        .query_row([id], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?;
    let mut l = layout(&body, &source_key(source.as_deref(), &origin));
    let crossing = apply_learned(conn, &mut l, 1)?;
    after_insert(conn, id, &l, &crossing)?;
    reclassify(conn, id)
}

/// Keeps the classes a user set elsewhere (blocks with reason `user`, as a
/// bundle carries them) for article `id`, whose text is `body`.
pub fn adopt_user_blocks(conn: &Connection, id: i64, body: &str, given: &[Block]) -> Result<()> {
    let chars: Vec<char> = body.chars().collect();
    let mut any = false;
    for b in given.iter().filter(|b| b.reason == BlockReason::User) {
        if b.start > b.end || b.end > chars.len() {
            continue;
        }
        let text: String = chars[b.start..b.end].iter().collect();
        conn.prepare_cached(
            "INSERT INTO block_overrides (article_id, text_key, class, created_at)
             VALUES (?1, ?2, ?3, ?4) ON CONFLICT (article_id, text_key) DO NOTHING",
        )?
        .execute(params![
            id,
            override_key(&text),
            b.class.as_str(),
            super::now_rfc3339()
        ])?;
        any = true;
    }
    if any {
        reclassify(conn, id)?;
    }
    Ok(())
}

/// Classifies a stored article again (generic cues, learned lines, the user's
/// choices) and updates its index entry if anything changed.
pub fn reclassify(conn: &Connection, id: i64) -> Result<()> {
    if let Some(encoded) = classified_again(conn, id)? {
        conn.prepare_cached("UPDATE articles SET blocks = ?1 WHERE id = ?2")?
            .execute(params![encoded, id])?;
    }
    Ok(())
}

/// The blocks of a stored article classified again, if they differ from the stored ones.
fn classified_again(conn: &Connection, id: i64) -> Result<Option<String>> {
    let Some((body, source, origin, stored)) = conn
        .prepare_cached("SELECT body, source, origin_path, blocks FROM articles WHERE id = ?1")?
        .query_row([id], |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get::<_, Option<String>>(1)?,
                r.get::<_, String>(2)?,
                r.get::<_, Option<String>>(3)?,
            ))
        })
        .optional()?
    else {
        return Ok(None);
    };
    let mut l = layout(&body, &source_key(source.as_deref(), &origin));
    apply_learned(conn, &mut l, 0)?;
    apply_overrides(conn, id, &body, &mut l.blocks)?;
    let encoded = encode(&l.blocks);
    Ok((stored.as_deref() != Some(encoded.as_str())).then_some(encoded))
}

fn apply_overrides(conn: &Connection, id: i64, body: &str, blocks: &mut [Block]) -> Result<()> {
    let mut stmt =
        conn.prepare_cached("SELECT text_key, class FROM block_overrides WHERE article_id = ?1")?;
    let chosen: HashMap<i64, String> = stmt
        .query_map([id], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<rusqlite::Result<_>>()?;
    if chosen.is_empty() {
        return Ok(());
    }
    let chars: Vec<char> = body.chars().collect();
    for b in blocks.iter_mut() {
        let text: String = chars[b.start..b.end].iter().collect();
        if let Some(class) = chosen
            .get(&override_key(&text))
            .and_then(|c| BlockClass::parse(c))
        {
            b.class = class;
            b.reason = BlockReason::User;
        }
    }
    Ok(())
}

/// The internal id of an article by its public id.
fn internal_id(conn: &Connection, uid: &str) -> Result<(i64, String)> {
    conn.prepare_cached("SELECT id, body FROM articles WHERE uid = ?1")?
        .query_row([uid], |r| Ok((r.get(0)?, r.get(1)?)))
        .optional()?
        .ok_or_else(|| Error::ArticleNotFound(uid.to_owned()))
}

/// Every block of an article, story ones too.
pub fn of_article(conn: &Connection, uid: &str) -> Result<Vec<Block>> {
    let (body, stored): (String, Option<String>) = conn
        .prepare_cached("SELECT body, blocks FROM articles WHERE uid = ?1")?
        .query_row([uid], |r| Ok((r.get(0)?, r.get(1)?)))
        .optional()?
        .ok_or_else(|| Error::ArticleNotFound(uid.to_owned()))?;
    Ok(full(&body, stored.as_deref()))
}

/// Sets the class of the block of article `uid` that starts at code point
/// `start` (`None`: back to what the classifier says). Returns the article's blocks.
pub fn set_class(
    conn: &Connection,
    uid: &str,
    start: usize,
    class: Option<BlockClass>,
) -> Result<Vec<Block>> {
    let (id, body) = internal_id(conn, uid)?;
    let line = blocks::lines(&body)
        .into_iter()
        .find(|l| l.start == start)
        .ok_or_else(|| {
            Error::InvalidInput(format!("article {uid} has no block starting at {start}"))
        })?;
    let key = override_key(line.text);
    match class {
        Some(c) => conn
            .prepare_cached(
                "INSERT INTO block_overrides (article_id, text_key, class, created_at)
                 VALUES (?1, ?2, ?3, ?4)
                 ON CONFLICT (article_id, text_key) DO UPDATE SET class = excluded.class",
            )?
            .execute(params![id, key, c.as_str(), super::now_rfc3339()])?,
        None => conn
            .prepare_cached("DELETE FROM block_overrides WHERE article_id = ?1 AND text_key = ?2")?
            .execute(params![id, key])?,
    };
    reclassify(conn, id)?;
    // The story text changed: so may the article's story.
    super::stories::flush_pending(conn, usize::MAX)?;
    of_article(conn, uid)
}

/// Blocks the user set, as (block text, class): what a bundle carries.
pub fn overrides(conn: &Connection, uid: &str) -> Result<Vec<(String, BlockClass)>> {
    let blocks = of_article(conn, uid)?;
    let (_, body) = internal_id(conn, uid)?;
    let chars: Vec<char> = body.chars().collect();
    Ok(blocks
        .into_iter()
        .filter(|b| b.reason == BlockReason::User)
        .map(|b| (chars[b.start..b.end].iter().collect(), b.class))
        .collect())
}

/// Classifies the whole library if it was classified by another version (or
/// never): learns from every article first, then classifies each, then
/// rebuilds the index once.
pub fn ensure_current(conn: &mut Connection) -> Result<()> {
    let stored: Option<i64> = conn
        .query_row(
            "SELECT CAST(value AS INTEGER) FROM library_meta WHERE key = 'blocks_version'",
            [],
            |r| r.get(0),
        )
        .optional()?;
    if stored == Some(VERSION) {
        // An import that was interrupted may have left articles to classify again.
        let left: i64 = conn.query_row("SELECT count(*) FROM block_pending", [], |r| r.get(0))?;
        if left > 0 {
            let tx = conn.transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
            flush_pending(&tx)?;
            tx.commit()?;
        }
        return Ok(());
    }
    let tx = conn.transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
    // The index's update trigger is set aside while every article is
    // classified (the index is rebuilt once at the end) and put back exactly
    // as the migrations made it: its SQL lives only in the migrations.
    let update_trigger: String = tx.query_row(
        "SELECT sql FROM sqlite_master WHERE type = 'trigger' AND name = 'articles_fts_update'",
        [],
        |r| r.get(0),
    )?;
    tx.execute_batch(
        "DELETE FROM block_repeats; DELETE FROM block_pending; DROP TRIGGER articles_fts_update;",
    )?;
    let ids: Vec<i64> = tx
        .prepare("SELECT id FROM articles ORDER BY id")?
        .query_map([], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    for &id in &ids {
        let (body, source, origin): (String, Option<String>, String) = tx
            .prepare_cached("SELECT body, source, origin_path FROM articles WHERE id = ?1")?
            .query_row([id], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?;
        let l = layout(&body, &source_key(source.as_deref(), &origin));
        after_insert(&tx, id, &l, &[])?;
    }
    for &id in &ids {
        reclassify(&tx, id)?;
    }
    tx.execute_batch(&update_trigger)?;
    tx.execute_batch("INSERT INTO articles_fts (articles_fts) VALUES ('rebuild');")?;
    tx.execute(
        "INSERT INTO library_meta (key, value) VALUES ('blocks_version', ?1)
         ON CONFLICT (key) DO UPDATE SET value = excluded.value",
        [VERSION.to_string()],
    )?;
    tx.commit()?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use rusqlite::StatementStatus;

    #[test]
    fn the_repeat_count_stops_at_the_threshold() {
        assert!(REPEATS_SQL.contains(&format!("LIMIT {REPEAT_THRESHOLD})")));
    }

    /// Regression: with the limit bound as a parameter SQLite parsed the
    /// statement again for every line of every imported article.
    #[test]
    fn counting_repeats_of_many_lines_parses_the_statement_once() {
        let dir = tempfile::tempdir().unwrap();
        let lib = crate::Library::open(&dir.path().join("lib.litopys")).unwrap();
        for key in 0..50 {
            repeats(lib.conn(), key).unwrap();
        }
        let stmt = lib.conn().prepare_cached(REPEATS_SQL).unwrap();
        assert_eq!(stmt.get_status(StatementStatus::RePrepare), 0);
    }
}
