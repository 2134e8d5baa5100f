//! How `litopys` prints, shared with `litopys-bench`: text made safe for a
//! terminal ([`terminal`]) and the pretty JSON of every `--json` output.

pub mod terminal;

/// A value as the pretty JSON every `--json` output prints.
pub fn to_json<T: serde::Serialize>(v: &T) -> String {
    serde_json::to_string_pretty(v).unwrap_or_else(|e| format!("{{\"error\": \"{e}\"}}"))
}

/// `litopys search … | head` should end quietly when the reader stops, as
/// Unix tools do: the default disposition of SIGPIPE. Call it first in `main`,
/// before any thread starts.
pub fn quiet_on_closed_pipe() {
    #[cfg(unix)]
    // SAFETY: restoring the default disposition of SIGPIPE before any thread starts.
    unsafe {
        libc::signal(libc::SIGPIPE, libc::SIG_DFL);
    }
}
