//! `litopys-bench crash`, small: the `litopys` beside it (built by `cargo
//! test` at the root, or with `-p litopys-cli` beside this crate) is killed
//! during each writing command.

use std::process::Command;

use serde_json::Value;

// Issue 14 figure, small: kill -9 during each writing command; the full run
// is `litopys-bench crash --kills 100`.
#[test]
fn kill_9_during_writes_leaves_a_sound_library_and_reruns_complete() {
    let dir = tempfile::tempdir().unwrap();
    let work = dir.path().join("crash");
    let out = Command::new(env!("CARGO_BIN_EXE_litopys-bench"))
        .args([
            "crash",
            "--kills",
            "10",
            "--articles",
            "400",
            "--seed",
            "7",
            "--json",
            "--work",
        ])
        .arg(&work)
        .output()
        .unwrap();
    let r: Value = serde_json::from_slice(&out.stdout).unwrap_or_else(|e| {
        panic!(
            "stdout is not JSON ({e}): {}",
            String::from_utf8_lossy(&out.stderr)
        )
    });
    let ops = r["operations"].as_array().unwrap();
    assert_eq!(ops.len(), 5);
    for op in ops {
        assert_eq!(op["kills"], 2, "{op}");
        assert_eq!(
            (
                op["corrupt"].as_u64(),
                op["lost"].as_u64(),
                op["rerun_failed"].as_u64()
            ),
            (Some(0), Some(0), Some(0)),
            "{op}"
        );
    }
    assert_eq!(out.status.code(), Some(0));
}
