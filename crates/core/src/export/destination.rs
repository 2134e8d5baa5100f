//! Where an export may be written, checked before a single article is read,
//! and the final move that never replaces a file nobody agreed to replace
//! (issue 19: "export that never surprises").
//!
//! - The folder must exist: a typo in a folder name is an error
//!   (`no_such_folder`), not a new folder tree somewhere unexpected.
//! - An existing file is replaced only with `force` (`file_exists` otherwise).
//!   The check before the export is for a quick answer; the final move
//!   checks again without a race: the finished temporary file is hard-linked
//!   to the destination, which fails if any file appeared there meanwhile,
//!   and only then is the temporary name removed.
//! - The typed name is kept as typed; an extension that does not say what the
//!   format is gets a note instead of a silent rename.

use std::path::{Path, PathBuf};

use super::Format;
use crate::error::{Error, Result};

/// The folder a destination is in (`.` for a bare file name).
pub fn folder_of(dest: &Path) -> PathBuf {
    match dest.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    }
}

/// Checks that `dest` can be written: its folder exists and is a folder, it
/// names a file (not a folder), and it is not there yet unless `force`.
pub fn check(dest: &Path, force: bool) -> Result<()> {
    if dest.file_name().is_none() {
        return Err(Error::InvalidInput(format!(
            "{} is not a file name; give the name of the file to write",
            dest.display()
        )));
    }
    let folder = folder_of(dest);
    match std::fs::metadata(&folder) {
        Ok(m) if m.is_dir() => {}
        Ok(_) => {
            return Err(Error::InvalidInput(format!(
                "{} is a file, not a folder",
                folder.display()
            )))
        }
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            return Err(Error::NoSuchFolder { path: folder })
        }
        Err(e) => return Err(Error::io(&folder, e)),
    }
    match std::fs::symlink_metadata(dest) {
        Ok(m) if m.is_dir() => Err(Error::io(
            dest,
            "a folder has this name; give the name of a file inside it",
        )),
        Ok(_) if !force => Err(Error::FileExists {
            path: dest.to_path_buf(),
        }),
        _ => Ok(()),
    }
}

/// Moves the finished file `tmp` to `dest`. With `force` an existing file is
/// replaced atomically (rename); without, a file at `dest` — even one that
/// appeared during the export — is left alone and `file_exists` returned.
pub fn place(tmp: &Path, dest: &Path, force: bool) -> Result<()> {
    if force {
        return std::fs::rename(tmp, dest).map_err(|e| Error::io(dest, e));
    }
    match std::fs::hard_link(tmp, dest) {
        Ok(()) => {
            // The destination holds the data now; a temporary name left
            // behind would only be litter, removed by the next export.
            let _ = std::fs::remove_file(tmp);
            Ok(())
        }
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => Err(Error::FileExists {
            path: dest.to_path_buf(),
        }),
        // A file system without hard links (some network shares, FAT on
        // removable drives): check, then rename. Not race-free, but the
        // window is a system call wide.
        Err(_) if std::fs::symlink_metadata(dest).is_err() => {
            std::fs::rename(tmp, dest).map_err(|e| Error::io(dest, e))
        }
        Err(_) => Err(Error::FileExists {
            path: dest.to_path_buf(),
        }),
    }
}

/// A note when the destination's extension does not say what `format` is
/// (the name is kept as typed: renaming it would surprise more).
pub fn extension_note(dest: &Path, format: Format) -> Option<String> {
    let want = format.extension();
    let name = dest.file_name()?.to_string_lossy();
    match dest.extension().map(|e| e.to_string_lossy().to_lowercase()) {
        Some(e) if e == want || (want == "html" && e == "htm") || (want == "md" && e == "markdown") => None,
        Some(e) => Some(format!(
            "{name} was written as {label}; its extension .{e} does not say so (such files usually end in .{want})",
            label = format.label()
        )),
        None => Some(format!(
            "{name} was written as {label}; the name has no extension (such files usually end in .{want})",
            label = format.label()
        )),
    }
}
