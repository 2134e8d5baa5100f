//! Export files written beside their destination under an unpredictable
//! temporary name and moved into place only when complete (issue 14.7).
//!
//! - The temporary file is created exclusively (`create_new`, i.e. `O_EXCL`),
//!   so a file or symlink planted at its name is never opened, let alone
//!   followed; its name carries 64 random bits, so it cannot be planted in
//!   advance either.
//! - Every way out short of `finish` (an error, a cancel, a panic) removes it
//!   on `Drop`; a process that is told to quit at once calls
//!   [`remove_unfinished`] before it exits.
//! - Several files of one export (CSV + annotations CSV) are moved into place
//!   together by [`commit`]: all of them, or none.

use std::fs::{File, OpenOptions};
use std::hash::{BuildHasher, Hasher};
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Mutex;

use crate::error::{Error, Result};

/// Temporary files of exports under way, for [`remove_unfinished`].
static UNFINISHED: Mutex<Vec<PathBuf>> = Mutex::new(Vec::new());

fn unfinished() -> std::sync::MutexGuard<'static, Vec<PathBuf>> {
    // A panic elsewhere while holding the lock leaves a usable list.
    UNFINISHED.lock().unwrap_or_else(|p| p.into_inner())
}

/// Removes the temporary files of every export still under way in this
/// process: for a process about to exit without unwinding (a second Ctrl-C).
pub fn remove_unfinished() {
    for tmp in unfinished().drain(..) {
        let _ = std::fs::remove_file(tmp);
    }
}

/// 16 hex digits no other process can predict: the hash of the time, the
/// process id, a counter and the standard library's per-process random keys.
fn random_suffix() -> String {
    static COUNTER: AtomicU64 = AtomicU64::new(0);
    let mut keyed = std::collections::hash_map::RandomState::new().build_hasher();
    keyed.write_u64(COUNTER.fetch_add(1, Ordering::Relaxed));
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_nanos());
    let mut h = blake3::Hasher::new();
    h.update(&keyed.finish().to_le_bytes());
    h.update(&now.to_le_bytes());
    h.update(&std::process::id().to_le_bytes());
    h.finalize().to_hex()[..16].to_owned()
}

/// A name beside `dest`: `.NAME.RANDOM.KIND`, hidden on Unix.
fn sibling(dest: &Path, kind: &str) -> Result<PathBuf> {
    let name = dest
        .file_name()
        .ok_or_else(|| Error::InvalidInput(format!("{} is not a file name", dest.display())))?;
    Ok(dest.with_file_name(format!(
        ".{}.{}.{kind}",
        name.to_string_lossy(),
        random_suffix()
    )))
}

/// A file written beside its destination and moved into place when complete.
pub(super) struct Staged {
    tmp: PathBuf,
    dest: PathBuf,
    file: Option<BufWriter<File>>,
    /// Moved into place: nothing to remove.
    placed: bool,
}

/// Temporary files of earlier exports to `dest` that a process killed
/// outright (`kill -9`, a power cut: nothing can be run then) left behind,
/// removed by the next export to the same name once they are this old.
const STALE_AFTER: std::time::Duration = std::time::Duration::from_secs(6 * 3600);

fn remove_stale(dest: &Path) {
    let (Some(dir), Some(name)) = (dest.parent(), dest.file_name()) else {
        return;
    };
    let dir = if dir.as_os_str().is_empty() {
        Path::new(".")
    } else {
        dir
    };
    let prefix = format!(".{}.", name.to_string_lossy());
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let n = entry.file_name().to_string_lossy().into_owned();
        let Some(rest) = n.strip_prefix(&prefix) else {
            continue;
        };
        let ours = rest.split_once('.').is_some_and(|(hex, kind)| {
            hex.len() == 16 && hex.bytes().all(|b| b.is_ascii_hexdigit()) && kind == "part"
        });
        // Only plain files (never a symlink planted to lure a removal).
        let old = entry
            .metadata()
            .ok()
            .filter(|m| m.file_type().is_file())
            .and_then(|m| m.modified().ok().and_then(|t| t.elapsed().ok()));
        if ours && old.is_some_and(|age| age > STALE_AFTER) {
            let _ = std::fs::remove_file(entry.path());
        }
    }
}

impl Staged {
    pub(super) fn create(dest: &Path) -> Result<Staged> {
        // The folder is never created: a mistyped folder is an error.
        let folder = super::destination::folder_of(dest);
        if !folder.is_dir() {
            return Err(Error::NoSuchFolder { path: folder });
        }
        remove_stale(dest);
        // A collision of 64 random bits means someone is guessing: a few
        // fresh names, then give up rather than loop.
        let mut tries = 0;
        let (tmp, file) = loop {
            let tmp = sibling(dest, "part")?;
            match OpenOptions::new().write(true).create_new(true).open(&tmp) {
                Ok(file) => break (tmp, file),
                Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists && tries < 8 => {
                    tries += 1;
                }
                Err(e) => return Err(Error::io(&tmp, e)),
            }
        };
        unfinished().push(tmp.clone());
        Ok(Staged {
            tmp,
            dest: dest.to_path_buf(),
            file: Some(BufWriter::with_capacity(1 << 20, file)),
            placed: false,
        })
    }

    fn open(&mut self) -> Result<&mut BufWriter<File>> {
        let tmp = &self.tmp;
        self.file
            .as_mut()
            .ok_or_else(|| Error::io(tmp, "the export file was already closed"))
    }

    pub(super) fn writer(&mut self) -> Result<&mut dyn Write> {
        Ok(self.open()?)
    }

    pub(super) fn file(&mut self) -> Result<&mut BufWriter<File>> {
        self.open()
    }

    /// Writes everything out and to disk (still under the temporary name).
    fn complete(&mut self) -> Result<()> {
        if let Some(f) = self.file.take() {
            f.into_inner()
                .map_err(|e| Error::io(&self.tmp, e.error()))?
                .sync_all()
                .map_err(|e| Error::io(&self.tmp, e))?;
        }
        Ok(())
    }

    /// Moves the file into place. Without `force` a file at the destination
    /// is never replaced ([`destination::place`](super::destination::place)).
    /// With `force` and `keep_old`, a file already at the destination is
    /// first moved aside, and its name is returned so that [`commit`] can
    /// put it back.
    fn place(&mut self, force: bool, keep_old: bool) -> Result<Option<PathBuf>> {
        if !force {
            super::destination::place(&self.tmp, &self.dest, false)?;
            self.placed = true;
            return Ok(None);
        }
        let old = std::fs::symlink_metadata(&self.dest).is_ok_and(|m| !m.is_dir());
        let aside = if keep_old && old {
            let aside = sibling(&self.dest, "old")?;
            std::fs::rename(&self.dest, &aside).map_err(|e| Error::io(&self.dest, e))?;
            Some(aside)
        } else {
            None
        };
        if let Err(e) = super::destination::place(&self.tmp, &self.dest, true) {
            if let Some(aside) = &aside {
                let _ = std::fs::rename(aside, &self.dest);
            }
            return Err(e);
        }
        self.placed = true;
        Ok(aside)
    }
}

impl Drop for Staged {
    fn drop(&mut self) {
        // Close before removing (Windows cannot remove an open file).
        drop(self.file.take());
        if !self.placed {
            let _ = std::fs::remove_file(&self.tmp);
        }
        unfinished().retain(|p| p != &self.tmp);
    }
}

/// Moves every file into place, or none: if one cannot be moved (a folder in
/// the way, no permission, a file that appeared there without `force`),
/// those already moved are removed again and any file they replaced is put
/// back. Returns the destinations.
pub(super) fn commit(mut files: Vec<Staged>, force: bool) -> Result<Vec<PathBuf>> {
    // Finish writing all of them first: the step most likely to fail (disk
    // full) then fails before any destination has changed.
    for f in &mut files {
        f.complete()?;
    }
    // One file is replaced by one atomic rename; only a pair needs the
    // replaced files kept aside until both are in place.
    let keep_old = files.len() > 1;
    let mut placed: Vec<(PathBuf, Option<PathBuf>)> = Vec::new();
    for f in &mut files {
        match f.place(force, keep_old) {
            Ok(aside) => placed.push((f.dest.clone(), aside)),
            Err(e) => {
                for (dest, aside) in placed.into_iter().rev() {
                    let _ = std::fs::remove_file(&dest);
                    if let Some(aside) = aside {
                        let _ = std::fs::rename(aside, &dest);
                    }
                }
                return Err(e);
            }
        }
    }
    Ok(placed
        .into_iter()
        .map(|(dest, aside)| {
            if let Some(aside) = aside {
                let _ = std::fs::remove_file(aside);
            }
            dest
        })
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn staged(dest: &Path, text: &str) -> Staged {
        let mut s = Staged::create(dest).unwrap();
        s.writer().unwrap().write_all(text.as_bytes()).unwrap();
        s
    }

    // The pair's second file meets a folder that appeared after the checks:
    // the first is taken back and the file it replaced is put back.
    #[test]
    fn a_pair_whose_second_file_cannot_be_placed_restores_the_first() {
        let dir = tempfile::tempdir().unwrap();
        let (a, b) = (
            dir.path().join("a.csv"),
            dir.path().join("a.annotations.csv"),
        );
        for force in [true, false] {
            let old = force.then(|| std::fs::write(&a, "old").unwrap());
            let files = vec![staged(&a, "new a"), staged(&b, "new b")];
            std::fs::create_dir(&b).unwrap();
            let err = commit(files, force).unwrap_err();
            assert!(err.to_string().contains("a.annotations.csv"), "{err}");
            match old {
                Some(()) => assert_eq!(std::fs::read_to_string(&a).unwrap(), "old"),
                None => assert!(!a.exists(), "force {force}"),
            }
            std::fs::remove_dir(&b).unwrap();
            let _ = std::fs::remove_file(&a);
            let left: Vec<_> = std::fs::read_dir(dir.path()).unwrap().collect();
            assert!(left.is_empty(), "force {force}: {left:?}");
        }
    }
}
