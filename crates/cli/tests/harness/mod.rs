//! What the CLI's integration tests share: running the real binary on a
//! library, reading its JSON, and the test data beside the checkout.
#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use serde_json::Value;

/// `../shared` beside the checkout (tests may read it; the CLI never does).
pub fn shared() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared")
}

/// Runs `litopys --library LIB ARGS…` (ignoring a LITOPYS_LIBRARY of the environment).
pub fn litopys(lib: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_litopys"))
        .arg("--library")
        .arg(lib)
        .args(args)
        .env_remove("LITOPYS_LIBRARY")
        .output()
        .expect("litopys runs")
}

/// Standard output as JSON, or a panic that shows both streams.
pub fn json(out: &Output) -> Value {
    serde_json::from_slice(&out.stdout).unwrap_or_else(|e| {
        panic!(
            "stdout is not JSON ({e}):\n{}\nstderr: {}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        )
    })
}
