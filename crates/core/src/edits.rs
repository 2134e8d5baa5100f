//! Changing an article's text: a use case over the store's articles (the
//! new text, its line classes), annotations (found again in the new text)
//! and stories (the text's shingles), in one transaction.

use rusqlite::Connection;

use crate::error::Result;
use crate::store::annotations::{self, Reanchored};
use crate::store::{articles, stories};

/// Replaces an article's text (a corrected or newer version) and finds its
/// annotations again in it; the stable id stays. Refused if another article
/// already has exactly this text; changes nothing on error.
pub fn update_body(conn: &mut Connection, id: &str, body: &str) -> Result<Reanchored> {
    let tx = conn.transaction()?;
    let (internal, body) = articles::replace_body(&tx, id, body)?;
    let report = annotations::reanchor_article(&tx, internal, &body)?;
    stories::flush_pending(&tx, usize::MAX)?;
    tx.commit()?;
    Ok(report)
}
