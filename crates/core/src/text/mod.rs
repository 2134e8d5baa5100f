//! Text handling shared by every importer: decoding, normalisation, language.

mod codepages;
pub mod encoding;
pub mod language;
pub mod normalize;
