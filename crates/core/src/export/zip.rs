//! Zip of text files by tag (placeholder until written).
use std::fs::File;
use std::io::BufWriter;

use super::{ArticleStream, Context};
use crate::error::{Error, Result};

pub fn write(_ctx: &mut Context, _s: &mut ArticleStream, _out: &mut BufWriter<File>) -> Result<()> {
    Err(Error::InvalidInput(
        "zip export is not available yet".into(),
    ))
}
