//! Zip archives of article files: each entry is read by the reader for its
//! format, streamed and capped by the bytes it really decompresses to (the
//! sizes in the entry's header are not trusted).

use std::io::{BufReader, Read, Seek, SeekFrom};

use super::limits::{expansion_cap, Capped, MAX_ARCHIVE_BYTES, MAX_ZIP_ENTRIES};
use super::{read_stream, Format, ItemError, ItemErrorKind, Sink, SUPPORTED};

pub(super) fn read(mut file: impl Read + Seek, path: &str, sink: &Sink<'_>) {
    // An entry's compressed data cannot be longer than the archive, whatever its header says.
    let archive_len = file
        .seek(SeekFrom::End(0))
        .and_then(|n| file.seek(SeekFrom::Start(0)).map(|_| n))
        .unwrap_or(u64::MAX);
    let mut archive = match ::zip::ZipArchive::new(BufReader::new(file)) {
        Ok(a) => a,
        Err(e) => {
            sink.failed(
                path.to_owned(),
                ItemError::malformed(format!(
                    "not a readable zip archive ({e}); it may be truncated or damaged"
                )),
            );
            return;
        }
    };
    if archive.is_empty() {
        sink.failed(
            path.to_owned(),
            ItemError::empty("empty archive: no articles"),
        );
        return;
    }
    // Decompressed bytes left for the whole archive.
    let mut budget = MAX_ARCHIVE_BYTES;
    for i in 0..archive.len() {
        if sink.cancelled() {
            return;
        }
        if i == MAX_ZIP_ENTRIES {
            sink.failed(
                path.to_owned(),
                ItemError::new(
                    ItemErrorKind::TooLarge,
                    format!(
                        "the archive has {} entries; only the first {MAX_ZIP_ENTRIES} were read",
                        archive.len()
                    ),
                ),
            );
            return;
        }
        let entry = match archive.by_index(i) {
            Ok(e) => e,
            Err(e) => {
                if !sink.failed(
                    format!("{path}!#{}", i + 1),
                    ItemError::malformed(format!("damaged archive entry: {e}")),
                ) {
                    return;
                }
                continue;
            }
        };
        // Archives made on Windows may separate folders with `\`: one
        // separator for the report and for spotting hidden folders.
        let name = match entry.name() {
            Ok(n) => n.into_owned(),
            Err(_) => String::from_utf8_lossy(entry.name_raw()).into_owned(),
        }
        .replace('\\', "/");
        let inner = format!("{path}!{name}");
        // Nothing is ever extracted to disk, but a name that would climb out
        // of a folder marks a hostile archive: say so rather than skip it.
        if !is_safe_name(&name) || entry.enclosed_name().is_none() {
            if !sink.failed(
                inner,
                ItemError::malformed(
                    "unsafe name in the archive (an absolute path or `..`): not read",
                ),
            ) {
                return;
            }
            continue;
        }
        // `.hidden/…`, `__MACOSX/` (macOS resource forks), whatever the separator.
        let hidden = name
            .split('/')
            .any(|part| part.starts_with('.') || part == "__MACOSX");
        if entry.is_dir() || name.ends_with('/') || hidden {
            continue;
        }
        let go_on = match Format::from_name(&name) {
            None => sink.failed(
                inner,
                ItemError::unsupported(format!(
                    "not a supported article file (supported: {SUPPORTED})"
                )),
            ),
            Some(Format::Zip) => {
                let nested = "a zip archive inside a zip archive is not imported";
                sink.failed(inner, ItemError::unsupported(nested))
            }
            Some(format) => {
                let cap = expansion_cap(entry.compressed_size().min(archive_len)).min(budget);
                let size = entry.size().min(cap);
                let mut capped = Capped::new(entry, cap, format!("the entry {name}"));
                read_stream(BufReader::new(&mut capped), size, &inner, format, sink);
                budget = budget.saturating_sub(capped.bytes_read());
                // The parser named the item it was reading; the entry gets its own line.
                let excess = || ItemError::new(ItemErrorKind::TooLarge, capped.describe_excess());
                let reported = !capped.exceeded() || sink.failed(inner, excess());
                reported && !sink.cancelled()
            }
        };
        if !go_on {
            return;
        }
        if budget == 0 {
            sink.failed(
                path.to_owned(),
                ItemError::new(
                    ItemErrorKind::TooLarge,
                    format!(
                        "the archive decompresses to more than {} GB; the rest was not read",
                        MAX_ARCHIVE_BYTES >> 30
                    ),
                ),
            );
            return;
        }
    }
}

/// A relative name without `..`: `enclosed_name` alone accepts `/x` (it
/// strips the root), but an absolute name is as hostile as a climbing one.
fn is_safe_name(name: &str) -> bool {
    let drive = name.len() >= 2 && name.as_bytes()[1] == b':';
    !name.starts_with(['/', '\\']) && !drive && !name.split(['/', '\\']).any(|part| part == "..")
}
