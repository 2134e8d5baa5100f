//! The demo library: the user's five sample articles, carried inside the program
//! so that a first start shows a real library without any files around.

use std::sync::atomic::AtomicBool;

use crate::error::Result;
use crate::import::{import_inputs, ImportOptions, ImportTotals, Input};
use crate::store::Library;

pub const SAMPLES: &[(&str, &[u8])] = &[
    (
        "000_0a07881c7022561c.txt",
        include_bytes!("../demo/000_0a07881c7022561c.txt"),
    ),
    (
        "001_a69a3fb0b83d7f83.txt",
        include_bytes!("../demo/001_a69a3fb0b83d7f83.txt"),
    ),
    (
        "002_f4b99d0d0bcacf5b.txt",
        include_bytes!("../demo/002_f4b99d0d0bcacf5b.txt"),
    ),
    (
        "003_3af14b8afd3df4db.txt",
        include_bytes!("../demo/003_3af14b8afd3df4db.txt"),
    ),
    (
        "004_776e3a7b1538294f.txt",
        include_bytes!("../demo/004_776e3a7b1538294f.txt"),
    ),
];

/// Imports the sample articles (idempotent: a second call finds duplicates).
pub fn add_samples(library: &mut Library) -> Result<ImportTotals> {
    let inputs = SAMPLES
        .iter()
        .map(|(name, bytes)| Input::Memory {
            name: format!("demo/{name}"),
            bytes: std::borrow::Cow::Borrowed(bytes),
        })
        .collect();
    import_inputs(
        library,
        inputs,
        &ImportOptions::default(),
        &AtomicBool::new(false),
        &mut |_| {},
    )
}
