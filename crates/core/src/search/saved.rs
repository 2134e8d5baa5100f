//! Saved searches: a name for a query, kept in the library.

use rusqlite::{params, Connection, OptionalExtension};
use serde::Serialize;

use crate::error::{Error, Result};
use crate::store::now_rfc3339;

#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct SavedSearch {
    pub name: String,
    pub query: String,
}

/// Saves `query` under `name`, replacing a search of that name. The query must parse.
pub fn save(conn: &Connection, name: &str, query: &str) -> Result<()> {
    let name = name.trim();
    if name.is_empty() || name.chars().any(char::is_control) {
        return Err(Error::InvalidInput(
            "a saved search needs a name without control characters".into(),
        ));
    }
    super::prepare(conn, query)?;
    let now = now_rfc3339();
    conn.execute(
        "INSERT INTO saved_searches (name, query, created_at, updated_at) VALUES (?1, ?2, ?3, ?3)
         ON CONFLICT (name) DO UPDATE SET query = excluded.query, updated_at = excluded.updated_at",
        params![name, query, now],
    )?;
    Ok(())
}

pub fn list(conn: &Connection) -> Result<Vec<SavedSearch>> {
    let mut stmt = conn.prepare_cached("SELECT name, query FROM saved_searches ORDER BY name")?;
    let rows = stmt
        .query_map([], |r| {
            Ok(SavedSearch {
                name: r.get(0)?,
                query: r.get(1)?,
            })
        })?
        .collect::<rusqlite::Result<_>>()?;
    Ok(rows)
}

pub fn get(conn: &Connection, name: &str) -> Result<SavedSearch> {
    conn.query_row(
        "SELECT name, query FROM saved_searches WHERE name = ?1",
        [name.trim()],
        |r| {
            Ok(SavedSearch {
                name: r.get(0)?,
                query: r.get(1)?,
            })
        },
    )
    .optional()?
    .ok_or_else(|| Error::SavedSearchNotFound(name.trim().to_owned()))
}

/// Deletes the saved search `name`; an unknown name is an error.
pub fn delete(conn: &Connection, name: &str) -> Result<()> {
    if conn.execute("DELETE FROM saved_searches WHERE name = ?1", [name.trim()])? == 0 {
        return Err(Error::InvalidInput(format!(
            "no saved search named “{}”",
            name.trim()
        )));
    }
    Ok(())
}
