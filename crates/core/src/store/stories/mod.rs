//! Stories: articles that carry the same text (full, trimmed or edited
//! reprints), grouped into clusters, each with its first publisher.
//!
//! How: every article's story text (its boilerplate left out) is cut into
//! word 5-grams whose hashes are sampled ([`crate::text::reuse`]); an inverted
//! table of the rarer "anchor" samples finds, for a new or changed article,
//! the articles sharing some with it; a pair is linked when enough of the
//! smaller one's samples are found in the other ([`index`]); the connected articles form a story. The triggers of
//! migration 0009 queue every article whose story text (or date, or source)
//! changes, and [`flush_pending`] brings the stories up to date: the import
//! calls it after each import, bundle merges and edits too, and opening a
//! library finishes what an interrupted one left.
//!
//! A story's id is the uid of its member imported first: stable while no
//! two stories merge (then one of the two ids goes on).

use rusqlite::{Connection, OptionalExtension};

use crate::error::Result;

mod ahead;
mod first;
mod holders;
mod index;
mod network;
mod read;
mod rebuild;
mod update;

pub use index::{SLICE, VERSION};
pub use network::{network, NetworkEdge};
pub use read::{
    detail, list, of_article, pair, ArticleStory, PairAlignment, StoryDetail, StoryMember,
    StorySummary, TimelinePoint,
};
pub use rebuild::{rebuild, RebuildPasses};
pub use update::{flush_all, flush_pending, flush_slice, without_foreign_keys};

/// Shared samples a pair needs: with one shingle in 8 sampled, ~40 shared
/// 5-grams, a passage of ~44 words.
pub const MIN_SHARED: usize = 5;

/// Anchors (see [`crate::text::reuse::anchors`]) an article must share
/// with another for the two to be compared, unless one of the shared
/// anchors is rare (held by at most [`FIRST_HOLDERS`] articles): one common
/// anchor alone is chance — a phrase of the language — while a story's
/// copies share many anchors, and a small story's are rare.
pub const MIN_ANCHORS: usize = 2;

/// Below this many story words an article is a flash (one or two lines)
/// and joins a story only by the flash rule: the other text at most
/// [`FLASH_MAX_RATIO`] times as long and [`FLASH_CONTAINMENT`] of the
/// flash's shingles in it. A one-line flash quoted inside two different
/// stories is contained in both and would otherwise glue them into one; the
/// length rule keeps it out of any long text, yet its short reprints (the
/// same line, perhaps with "Як повідомляє X, …" before it) join it.
pub const MIN_STORY_WORDS: usize = 50;

/// Below this many story words a text (a headline-like line) joins only
/// its exact reprints: the same words, a credit lead aside (see
/// [`crate::text::reuse::story_words`]). Its words recur in unrelated
/// flashes too often for a share of them to mean a reprint, yet a whole line
/// repeated word for word by another outlet is one.
pub const MIN_FLASH_WORDS: usize = 15;

/// Story words an article needs to be linked at all: fewer than one shingle
/// is a title-like line ("Фото дня"), and identical ones are common across
/// unrelated pages.
pub const MIN_LINE_WORDS: usize = crate::text::reuse::SHINGLE;

/// How many times as long as a flash the other text of its pair may be.
pub const FLASH_MAX_RATIO: usize = 3;

/// Share of a flash's shingles the other text must hold (every shingle of a
/// flash is kept: a reprint holds ~all of them, a paraphrase few).
pub const FLASH_CONTAINMENT: f64 = 0.6;

/// Share of the smaller article's samples found in the other for a link
/// (trimmed reprints are contained in their original). Both sides carry
/// their outlet's boilerplate that the learner did not take (long lines), so
/// an edited reprint (a word dropped or added every ~12 words) shares only
/// ~45% of its samples: on a labelled set of 252 articles (factrueval-ru and
/// the seeds, reprinted full, trimmed, edited and with a lead by 30 invented
/// outlets, each with its own 70-word boilerplate line) 0.5 gave pairwise
/// precision 1.000 / recall 0.873, 0.35 gave 1.000 / 0.990.
pub const MIN_CONTAINMENT: f64 = 0.35;

/// Two articles of one source are linked only as near-copies: an outlet's
/// unrelated articles share its long boilerplate paragraphs (those the
/// learner does not take, over 200 characters), never 80% of their text.
pub const SAME_SOURCE_CONTAINMENT: f64 = 0.8;

/// A near-copy within one source is also about as long as the other text:
/// the shorter has at least this share of the longer's story words. A short
/// article of an outlet whose boilerplate is not learned yet (a sidebar of
/// its headlines, read in a library holding only a few of its articles) is
/// mostly that boilerplate, so 80% of it is found in any longer article of
/// the outlet; linked, it glued two unrelated stories of that outlet into
/// one (labelled set of 20 stories, 127 articles: precision 0.746, 1.000
/// with this rule).
pub const SAME_SOURCE_LENGTH_RATIO: f64 = 0.5;

/// A sample held by more articles than this is left out of matching: text
/// that common is leftover boilerplate, not a story (and reading its
/// postings would cost more than all the others).
pub const MAX_POSTINGS: usize = 500;

/// Of an anchor's holders, only the first this many (by internal id, i.e.
/// import order) are paired with the others: a pair is a candidate when the
/// earlier of the two is among the first holders of an anchor both hold.
/// A phrase common in the language ("у зв'язку з тим, що") is an anchor of
/// hundreds of unrelated articles; pairing all of them made the judged pairs
/// grow with the square of the library (10 million at 100,000 articles of
/// new text, 100 per article, 20 s of a 57 s build). A story's copies still
/// meet: each shares anchors with the story's first copies, which are
/// paired with each other. Stories of up to this many copies are judged
/// pair by pair as before.
pub const FIRST_HOLDERS: usize = 20;

/// On open: rebuilds stories made by another version (or never), else
/// finishes what an interrupted import left queued.
pub fn ensure_current(conn: &mut Connection) -> Result<()> {
    let stored: Option<i64> = conn
        .query_row(
            "SELECT CAST(value AS INTEGER) FROM library_meta WHERE key = 'stories_version'",
            [],
            |r| r.get(0),
        )
        .optional()?;
    if stored != Some(VERSION) {
        return rebuild::rebuild(conn, &mut |_, _| {}).map(|_| ());
    }
    let left: i64 = conn.query_row("SELECT count(*) FROM story_pending", [], |r| r.get(0))?;
    if left > 0 {
        flush_all(conn, &mut |_, _| {})?;
    }
    Ok(())
}
