//! The library's side of the team link (local migration 0011): where the
//! team is, how far its feed was applied, the clock, and the outbox that
//! the core's triggers fill.

use rusqlite::{params, Connection, OptionalExtension};

use crate::error::{Error, Result};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Link {
    /// URL without password.
    pub url: String,
    pub member: String,
    pub pulled_seq: i64,
    pub hlc: i64,
}

pub fn get(conn: &Connection) -> Result<Option<Link>> {
    Ok(conn
        .query_row(
            "SELECT url, member, pulled_seq, hlc FROM team_link WHERE id = 1",
            [],
            |r| {
                Ok(Link {
                    url: r.get(0)?,
                    member: r.get(1)?,
                    pulled_seq: r.get(2)?,
                    hlc: r.get(3)?,
                })
            },
        )
        .optional()?)
}

pub fn require(conn: &Connection) -> Result<Link> {
    get(conn)?.ok_or(Error::NotJoined)
}

/// The clock's next tick: never behind the wall clock, never going back.
fn now_ms() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_millis() as i64)
}

/// Links the library and lists everything in it in the outbox, so the first
/// sync shares it all. One transaction.
pub fn store(conn: &mut Connection, url: &str, member: &str) -> Result<()> {
    let tx = conn.transaction()?;
    tx.execute(
        "INSERT INTO team_link (id, url, member, hlc, joined_at) VALUES (1, ?1, ?2, ?3, ?4)",
        params![url, member, now_ms(), litopys_core::store::now_rfc3339()],
    )?;
    tx.execute_batch(
        "INSERT OR REPLACE INTO team_outbox (kind, key, hlc)
             SELECT 'tag', key, (SELECT hlc FROM team_link) FROM tags;
         INSERT OR REPLACE INTO team_outbox (kind, key, hlc)
             SELECT 'saved_search', name, (SELECT hlc FROM team_link) FROM saved_searches;
         INSERT OR REPLACE INTO team_outbox (kind, key, hlc)
             SELECT 'article', uid, (SELECT hlc FROM team_link) FROM articles;
         INSERT OR REPLACE INTO team_outbox (kind, key, hlc)
             SELECT 'article_tag', t.key || char(31) || a.uid, (SELECT hlc FROM team_link)
             FROM article_tags x JOIN tags t ON t.id = x.tag_id JOIN articles a ON a.id = x.article_id;
         INSERT OR REPLACE INTO team_outbox (kind, key, hlc)
             SELECT 'annotation', uid, (SELECT hlc FROM team_link) FROM annotations;
         INSERT OR REPLACE INTO team_outbox (kind, key, hlc)
             SELECT 'block_class', a.uid || char(31) || o.text_key, (SELECT hlc FROM team_link)
             FROM block_overrides o JOIN articles a ON a.id = o.article_id;",
    )?;
    tx.commit()?;
    Ok(())
}

/// Unlinks the library: its articles, tags and notes stay, the link and
/// the outbox go (joining again shares everything anew).
pub fn remove(conn: &mut Connection) -> Result<()> {
    let tx = conn.transaction()?;
    tx.execute_batch("DELETE FROM team_link; DELETE FROM team_outbox; DELETE FROM team_authors;")?;
    tx.commit()?;
    Ok(())
}

/// Local changes not pushed yet, by kind.
pub fn pending(conn: &Connection) -> Result<Vec<(String, i64)>> {
    let mut stmt =
        conn.prepare("SELECT kind, count(*) FROM team_outbox GROUP BY kind ORDER BY kind")?;
    let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Who made the last change of each annotation of article `uid`, as the team feed said.
pub fn annotation_authors(conn: &Connection, article_uid: &str) -> Result<Vec<(String, String)>> {
    let mut stmt = conn.prepare(
        "SELECT n.uid, w.member FROM annotations n
         JOIN articles a ON a.id = n.article_id
         JOIN team_authors w ON w.annotation_uid = n.uid
         WHERE a.uid = ?1 ORDER BY n.uid",
    )?;
    let rows = stmt.query_map([article_uid], |r| Ok((r.get(0)?, r.get(1)?)))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}
