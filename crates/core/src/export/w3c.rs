//! W3C Web Annotation JSON-LD (placeholder until written).
use std::io::Write;

use super::{ArticleStream, Context};
use crate::error::{Error, Result};

pub fn write(_ctx: &mut Context, _s: &mut ArticleStream, _out: &mut dyn Write) -> Result<()> {
    Err(Error::InvalidInput(
        "w3c export is not available yet".into(),
    ))
}
