//! What a path is, checked before it is opened: opening a named pipe blocks
//! until a writer appears, and a folder walk's errors (a symbolic link loop,
//! a folder we may not read) deserve their own words, not "not supported".

use std::path::Path;

use super::describe_io;

/// The size of the regular file at `path`, or why it cannot be read as an article file.
pub(super) fn regular_file_len(path: &Path) -> Result<u64, String> {
    let meta = match std::fs::metadata(path) {
        Ok(m) => m,
        Err(e) if is_link_loop(&e) => return Err("symbolic link loop".into()),
        Err(e) => return Err(describe_io(&e)),
    };
    if meta.is_dir() {
        return Err(folder_problem(path));
    }
    if !meta.is_file() {
        return Err(format!("not a regular file ({})", special_kind(&meta)));
    }
    Ok(meta.len())
}

/// A folder the walk could not enter: unreadable, or a link back to a folder above it.
fn folder_problem(path: &Path) -> String {
    if let Err(e) = std::fs::read_dir(path) {
        return format!("a folder that cannot be read: {}", describe_io(&e));
    }
    let target = std::fs::canonicalize(path).ok();
    let parent = path.parent().and_then(|p| std::fs::canonicalize(p).ok());
    match (target, parent) {
        (Some(t), Some(p)) if p.starts_with(&t) => {
            "symbolic link loop (the link leads back to a folder that contains it)".into()
        }
        _ => "a folder that could not be walked".into(),
    }
}

fn is_link_loop(e: &std::io::Error) -> bool {
    // ELOOP: 40 on Linux, 62 on macOS and the BSDs.
    let eloop = if cfg!(target_os = "linux") { 40 } else { 62 };
    cfg!(unix) && e.raw_os_error() == Some(eloop)
}

#[cfg(unix)]
fn special_kind(meta: &std::fs::Metadata) -> &'static str {
    use std::os::unix::fs::FileTypeExt;
    let t = meta.file_type();
    if t.is_fifo() {
        "a named pipe"
    } else if t.is_socket() {
        "a socket"
    } else if t.is_char_device() || t.is_block_device() {
        "a device"
    } else {
        "a special file"
    }
}

#[cfg(not(unix))]
fn special_kind(_: &std::fs::Metadata) -> &'static str {
    "a special file"
}
