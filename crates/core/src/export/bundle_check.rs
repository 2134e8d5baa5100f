//! What a bundle line must look like before anything of it is stored. A
//! bundle is a file anyone can edit, so every id, every string and every
//! timestamp in it is checked here; the merge then only sees sane values.

use crate::error::{Error, Result};
use crate::text::normalize::squash_whitespace;

/// Longest line of a bundle: an article may be up to the import limit, and
/// its annotations and blocks come beside it on the same line.
pub const MAX_LINE_BYTES: u64 = 2 * crate::import::MAX_ARTICLE_BYTES;

/// Caps on strings, in characters. Generous for real data (titles of the test
/// corpora are under 300 characters, urls under 500), small enough that a
/// hostile line cannot make every later query or export carry megabytes.
pub const MAX_TITLE: usize = 2_000;
pub const MAX_SOURCE: usize = 500;
pub const MAX_URL: usize = 4_000;
pub const MAX_AUTHOR: usize = 500;
pub const MAX_NOTE: usize = 100_000;
pub const MAX_DESCRIPTION: usize = 10_000;
/// An orphaned annotation keeps its quote as given; a quote is a passage of
/// one article, far below this.
pub const MAX_QUOTE: usize = 1_000_000;
pub const MAX_ORIGIN_PATH: usize = 4_096;
pub const MAX_SHORT: usize = 64;
/// Quote context is kept to `anchor::CONTEXT` characters; a little slack for
/// bundles written by other tools.
pub const MAX_CONTEXT: usize = 4 * crate::text::anchor::CONTEXT;

/// The stable id a text gets: the first 16 hex digits of the BLAKE3 hash of
/// the whitespace-squashed text, as `NewArticle::uid` and `edits::update_body` derive it.
pub fn content_hash(body: &str) -> String {
    blake3::hash(squash_whitespace(body).as_bytes())
        .to_hex()
        .to_string()
}

/// The id an article with this text gets in any library.
pub fn stable_id(body: &str) -> String {
    content_hash(body)[..16].to_owned()
}

/// Shows at most 40 characters of a hostile value in a message.
pub fn shown(value: &str) -> String {
    let n = value.chars().count();
    if n <= 40 {
        value.to_owned()
    } else {
        let head: String = value.chars().take(40).collect();
        format!("{head}… ({n} characters)")
    }
}

fn invalid(msg: String) -> Error {
    Error::InvalidInput(msg)
}

/// Article ids are exactly 16 lowercase hex digits.
pub fn article_id(id: &str) -> Result<()> {
    if id.len() == 16
        && id
            .bytes()
            .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b))
    {
        Ok(())
    } else {
        Err(invalid(format!(
            "“{}” is not an article id (16 lowercase hex digits)",
            shown(id)
        )))
    }
}

/// Annotation ids as `annotations::new_uid` makes them: UUID-shaped,
/// `xxxxxxxx-xxxx-4xxx-axxx-xxxxxxxxxxxx`, lowercase hex.
pub fn annotation_id(id: &str) -> Result<()> {
    let b = id.as_bytes();
    let hex = |c: &u8| c.is_ascii_digit() || (b'a'..=b'f').contains(c);
    let ok = b.len() == 36
        && b.iter().enumerate().all(|(i, c)| match i {
            8 | 13 | 18 | 23 => *c == b'-',
            14 => *c == b'4',
            19 => *c == b'a',
            _ => hex(c),
        });
    if ok {
        Ok(())
    } else {
        Err(invalid(format!(
            "“{}” is not an annotation id (xxxxxxxx-xxxx-4xxx-axxx-xxxxxxxxxxxx)",
            shown(id)
        )))
    }
}

/// A string field of at most `max` characters.
pub fn length(what: &str, value: &str, max: usize) -> Result<()> {
    // Bytes bound characters from above: most values skip the count.
    if value.len() > max && value.chars().count() > max {
        return Err(invalid(format!(
            "{what} is too long ({} characters; at most {max})",
            value.chars().count()
        )));
    }
    Ok(())
}

pub fn optional_length(what: &str, value: Option<&str>, max: usize) -> Result<()> {
    value.map_or(Ok(()), |v| length(what, v, max))
}

/// Timestamps are compared as strings to decide which side changed last, so
/// only the RFC 3339 UTC shape Litopys writes (`2024-01-31T12:00:00Z`,
/// optionally with fractions) is accepted: `99999` must not win every merge.
pub fn timestamp(what: &str, value: &str) -> Result<()> {
    let b = value.as_bytes();
    let digit = |i: usize| b.get(i).is_some_and(u8::is_ascii_digit);
    let shape = b.len() >= 20
        && b.len() <= 35
        && [0, 1, 2, 3, 5, 6, 8, 9, 11, 12, 14, 15, 17, 18]
            .iter()
            .all(|&i| digit(i))
        && b[4] == b'-'
        && b[7] == b'-'
        && b[10] == b'T'
        && b[13] == b':'
        && b[16] == b':'
        && b.last() == Some(&b'Z')
        && b[19..b.len() - 1].iter().enumerate().all(|(i, c)| {
            if i == 0 {
                *c == b'.'
            } else {
                c.is_ascii_digit()
            }
        });
    if shape {
        Ok(())
    } else {
        Err(invalid(format!(
            "{what} “{}” is not a time like 2024-01-31T12:00:00Z",
            shown(value)
        )))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_of_the_wrong_shape_are_refused() {
        assert!(article_id("0123456789abcdef").is_ok());
        for bad in [
            "0123",
            "0123456789ABCDEF",
            "0123456789abcdeg",
            &"a".repeat(5000),
        ] {
            assert!(article_id(bad).is_err(), "{bad}");
        }
        let made = crate::store::annotations::new_uid("x");
        assert!(annotation_id(&made).is_ok(), "{made}");
        assert!(annotation_id(&made.to_uppercase()).is_err());
        assert!(annotation_id("abcd").is_err());
        assert!(annotation_id(&made.replace('-', "_")).is_err());
    }

    #[test]
    fn only_litopys_timestamps_are_accepted() {
        assert!(timestamp("t", "2024-01-31T12:00:00Z").is_ok());
        assert!(timestamp("t", "2024-01-31T12:00:00.123Z").is_ok());
        for bad in [
            "99999",
            "2024-01-31",
            "2024-01-31T12:00:00+02:00",
            "9999-99-99T99:99:99Zx",
        ] {
            assert!(timestamp("t", bad).is_err(), "{bad}");
        }
    }
}
