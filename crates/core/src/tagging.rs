//! Tagging by query: a use case above the search (which compiles the query)
//! and the store (which changes the tags), so neither calls up into the other.

use rusqlite::Connection;

use crate::error::Result;
use crate::search;
use crate::store::tags::{self, TagChange};

/// Tags every article matching `query`; returns the articles newly tagged.
pub fn tag_matching(conn: &mut Connection, name: &str, query: &str) -> Result<TagChange> {
    let chosen = search::prepare(conn, query)?.articles_where();
    tags::add_where(conn, name, chosen)
}

/// Removes `name` from every article matching `query`; returns the articles that lost it.
pub fn untag_matching(conn: &mut Connection, name: &str, query: &str) -> Result<TagChange> {
    let chosen = search::prepare(conn, query)?.articles_where();
    tags::remove_where(conn, name, chosen)
}
