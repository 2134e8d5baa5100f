//! Why one item of an import (a file, or an article inside one) was not
//! imported: a kind a program can act on (a script can retry only the
//! unreadable items, a report can count the damaged ones) and a message for
//! the user.

use serde::Serialize;

/// What kind of problem kept an item out.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "snake_case")]
pub enum ItemErrorKind {
    /// The file could not be opened or read (missing, permissions, not a
    /// regular file, a link loop).
    Unreadable,
    /// Not a format Litopys imports (or an archive inside an archive).
    Unsupported,
    /// The file or archive holds nothing to import.
    Empty,
    /// Over a size limit (one article, one record, one archive).
    TooLarge,
    /// The file is damaged or not what its name says: invalid CSV, JSON or
    /// WARC, truncated data, a digest that does not match.
    Malformed,
    /// Read, but no article text in it.
    NoText,
    /// Read, but the library could not store it (the disk or the database refused).
    NotStored,
    /// A fault of Litopys itself while reading this item.
    Internal,
}

/// An item's failure: its kind and what to tell the user.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{message}")]
pub struct ItemError {
    pub kind: ItemErrorKind,
    pub message: String,
}

impl ItemError {
    pub fn new(kind: ItemErrorKind, message: impl Into<String>) -> Self {
        ItemError {
            kind,
            message: message.into(),
        }
    }

    pub fn unreadable(message: impl Into<String>) -> Self {
        Self::new(ItemErrorKind::Unreadable, message)
    }

    pub fn unsupported(message: impl Into<String>) -> Self {
        Self::new(ItemErrorKind::Unsupported, message)
    }

    pub fn empty(message: impl Into<String>) -> Self {
        Self::new(ItemErrorKind::Empty, message)
    }

    pub fn malformed(message: impl Into<String>) -> Self {
        Self::new(ItemErrorKind::Malformed, message)
    }

    pub fn no_text(message: impl Into<String>) -> Self {
        Self::new(ItemErrorKind::NoText, message)
    }

    /// The same error about a part of the item: `row` + "too large …".
    pub fn of(self, part: &str) -> Self {
        ItemError {
            message: format!("{part} {}", self.message),
            ..self
        }
    }

    /// An item the library could not store.
    pub fn not_stored(e: &crate::Error) -> Self {
        Self::new(ItemErrorKind::NotStored, e.to_string())
    }

    /// An I/O error while reading the item: unreadable, or malformed when
    /// the data itself is damaged or ends too early.
    pub fn io(e: &std::io::Error) -> Self {
        use std::io::ErrorKind as K;
        match e.kind() {
            K::NotFound => Self::unreadable("no such file or folder"),
            K::PermissionDenied => Self::unreadable("permission denied"),
            K::UnexpectedEof => Self::malformed("the file ends too early (truncated)"),
            K::InvalidData => Self::malformed(format!("damaged data: {e}")),
            _ => Self::unreadable(e.to_string()),
        }
    }
}

impl From<crate::text::encoding::DecodeError> for ItemError {
    fn from(e: crate::text::encoding::DecodeError) -> Self {
        use crate::text::encoding::DecodeError as D;
        match e {
            D::Empty => Self::empty(e.to_string()),
            D::Binary(_) => Self::unsupported(e.to_string()),
        }
    }
}
