//! Litopys core: the article library, importers and text analysis.
//! No GUI dependency, so everything here is testable with plain `cargo test`.
//!
//! No unsafe code except at the one FFI edge, the FTS5 tokenizer
//! ([`store::fts`]), where every block says why it is sound.
#![deny(unsafe_code)]

pub mod demo;
pub mod edits;
pub mod error;
pub mod export;
/// Test and benchmark support (feature `fuzz`): the core's own tests and
/// `litopys-bench` turn it on; the app and the CLI do not link it.
#[cfg(feature = "fuzz")]
pub mod fuzz;
pub mod import;
pub mod importing;
pub mod reading;
pub mod removal;
pub mod search;
pub mod store;
pub mod tagging;
pub mod text;

pub use error::{Error, Result};
pub use store::Library;
