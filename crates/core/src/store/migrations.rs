//! Numbered migrations. The list only grows; a landed migration is never
//! edited (each one's checksum is recorded in [`LANDED`] and tested).

use std::path::Path;

use rusqlite::Connection;

use crate::error::{Error, Result};

/// `MIGRATIONS[i]` brings the schema from version `i` to `i + 1`.
const MIGRATIONS: &[&str] = &[
    include_str!("../../migrations/0001_articles.sql"),
    include_str!("../../migrations/0002_litopys_tokenizer.sql"),
    include_str!("../../migrations/0003_tags_saved_searches.sql"),
    include_str!("../../migrations/0004_annotations.sql"),
    include_str!("../../migrations/0005_search_cover.sql"),
    include_str!("../../migrations/0006_blocks.sql"),
    include_str!("../../migrations/0007_article_counts.sql"),
    include_str!("../../migrations/0008_common_word_answers.sql"),
    include_str!("../../migrations/0009_stories.sql"),
    include_str!("../../migrations/0010_trash.sql"),
    include_str!("../../migrations/0011_team.sql"),
    include_str!("../../migrations/0012_captures.sql"),
    include_str!("../../migrations/0013_kept_story_counts.sql"),
    include_str!("../../migrations/0014_index_after_batch.sql"),
];

/// The checksum of each migration as it landed ([`checksum`]), checked by a
/// test: a landed migration is never edited (libraries already ran it), so an
/// edit fails loudly here instead of silently differing between libraries.
/// A new migration adds its line.
#[cfg(test)]
const LANDED: &[(&str, &str)] = &[
    (
        "0001_articles.sql",
        "63e4113bcad64683b11da57ef9ee098e44aa0649e4c5f5dc07bd980cd1ff8a53",
    ),
    (
        "0002_litopys_tokenizer.sql",
        "ffc7d1f90be868276350eb13c620419956b6d2d4fba1e7bd7716c999b5ac728a",
    ),
    (
        "0003_tags_saved_searches.sql",
        "7f2472e9abec31e2fb19b7fa171b5c0b9faea0b95e457a86930f83e3a16150b0",
    ),
    (
        "0004_annotations.sql",
        "a7f3944dbdc7242dbc90ccd37652e75f6901333f7b00900e9b30642a1fd1debe",
    ),
    (
        "0005_search_cover.sql",
        "3327453fa6dd496411491741a5990fc1a87fc3e2f55e8b98a7f2cfcf3ab3afc1",
    ),
    (
        "0006_blocks.sql",
        "41e6df7635b9a39f2552e251110904d6440b472b4e14b63a2e6e2b86b2c91463",
    ),
    (
        "0007_article_counts.sql",
        "27b61df33daba4484c9886f44d2e029b186c9b2fa531402f5eeb18cc25206dd9",
    ),
    (
        "0008_common_word_answers.sql",
        "fcf86608f6814eb4c02bbc73397b9f5a1d828d64e67043781b2761a13affdd30",
    ),
    (
        "0009_stories.sql",
        "410ad4632bda75b390a9b54b2e49397ebbb70711cac8a0f1307f4908e248e737",
    ),
    (
        "0010_trash.sql",
        "64497d25a469a745ef250c56bfb3b2351f97b256cd66765e51c941308df69fe1",
    ),
    (
        "0011_team.sql",
        "381578074d46aa2a2aabfb5d39dd150b1e76c8bec071933bd8899264a6b47e7a",
    ),
    (
        "0012_captures.sql",
        "36b4169e83ee57b92555d0157569b148ebf34616e22ae51e57bca053744a9210",
    ),
    (
        "0013_kept_story_counts.sql",
        "2b113cc1f5a5f27fe86e9dc2eeed4780c874a847dd84532caeab66a55c37f806",
    ),
    (
        "0014_index_after_batch.sql",
        "76d199028db1f98211a10ecb5512d25ed84ee0ae95032fbc875bff618cbee31a",
    ),
];

pub fn latest_version() -> i64 {
    MIGRATIONS.len() as i64
}

/// Applies every pending migration in one transaction, recording the version
/// in `PRAGMA user_version`.
pub fn apply(conn: &mut Connection, path: &Path) -> Result<()> {
    let current: i64 = conn.query_row("PRAGMA user_version", [], |r| r.get(0))?;
    let known = latest_version();
    if current > known {
        return Err(Error::SchemaTooNew {
            path: path.to_path_buf(),
            found: current,
            known,
        });
    }
    if current == known {
        return ensure_current(conn);
    }
    // The user's own work is copied aside before its tables change. Tables
    // of all of it exist from schema 6 on; older libraries predate the app.
    if current >= 6 {
        super::backup::write(conn, path, &format!("before-migration-{}", current + 1))?;
    }
    let tx = conn.transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
    // Re-read inside the write lock: another process may have migrated meanwhile.
    let current: i64 = tx.query_row("PRAGMA user_version", [], |r| r.get(0))?;
    for (i, sql) in MIGRATIONS.iter().enumerate().skip(current as usize) {
        tx.execute_batch(sql)?;
        tx.pragma_update(None, "user_version", i as i64 + 1)?;
    }
    tx.commit()?;
    ensure_current(conn)
}

/// For a library opened read-only: it must not need any migration.
pub fn check_current(conn: &Connection, path: &Path) -> Result<()> {
    let current: i64 = conn.query_row("PRAGMA user_version", [], |r| r.get(0))?;
    let known = latest_version();
    if current > known {
        return Err(Error::SchemaTooNew {
            path: path.to_path_buf(),
            found: current,
            known,
        });
    }
    if current < known {
        return Err(Error::LibraryOpen {
            path: path.to_path_buf(),
            reason: format!(
                "it was written by an older Litopys (schema {current}) and must be upgraded, \
                 but it is read-only; open a writable copy once to upgrade it"
            ),
        });
    }
    Ok(())
}

/// Work that migrations cannot do in SQL: classifying blocks, re-indexing for a new tokenizer.
fn ensure_current(conn: &mut Connection) -> Result<()> {
    super::blocks::ensure_current(conn)?;
    super::fts::ensure_current(conn)?;
    super::stories::ensure_current(conn)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// What a migration's text hashes to (BLAKE3 of its SQL, line ends as `\n`,
    /// so a Windows checkout that turns them into `\r\n` hashes the same).
    fn checksum(sql: &str) -> String {
        blake3::hash(sql.replace("\r\n", "\n").as_bytes())
            .to_hex()
            .to_string()
    }

    #[test]
    fn every_landed_migration_is_unchanged_and_listed() {
        let new: Vec<String> = MIGRATIONS[LANDED.len().min(MIGRATIONS.len())..]
            .iter()
            .map(|sql| checksum(sql))
            .collect();
        assert_eq!(
            MIGRATIONS.len(),
            LANDED.len(),
            "a new migration adds its (file, checksum) line to LANDED: {new:?}"
        );
        for (i, (sql, (name, landed))) in MIGRATIONS.iter().zip(LANDED).enumerate() {
            assert!(
                name.starts_with(&format!("{:04}_", i + 1)),
                "{name} is migration {}",
                i + 1
            );
            assert_eq!(
                &checksum(sql),
                landed,
                "migration {name} was edited after it landed: add a new migration instead"
            );
        }
    }

    #[test]
    fn a_changed_migration_changes_its_checksum_but_not_its_line_ends() {
        let sql = MIGRATIONS[0];
        assert_ne!(checksum(&sql.replacen("TABLE", "TABLE ", 1)), checksum(sql));
        assert_eq!(checksum(&sql.replace('\n', "\r\n")), checksum(sql));
    }
}
