//! Text handling shared by every importer: decoding, normalisation, language.

pub mod analyze;
mod codepages;
pub mod encoding;
pub mod language;
pub mod normalize;
pub mod stem;
mod stem_ru;
mod stem_uk;
