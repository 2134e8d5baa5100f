//! Markdown and HTML reports (placeholder until written).
use std::io::Write;

use super::{ArticleStream, Context};
use crate::error::{Error, Result};

pub fn markdown(_ctx: &mut Context, _s: &mut ArticleStream, _out: &mut dyn Write) -> Result<()> {
    Err(Error::InvalidInput(
        "markdown export is not available yet".into(),
    ))
}

pub fn html(_ctx: &mut Context, _s: &mut ArticleStream, _out: &mut dyn Write) -> Result<()> {
    Err(Error::InvalidInput(
        "html export is not available yet".into(),
    ))
}
