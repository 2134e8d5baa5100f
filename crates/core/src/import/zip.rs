//! Zip archives of article files: each entry is read by the reader for its format.

use std::fs::File;
use std::io::BufReader;

use super::{read_stream, Format, Sink, SUPPORTED};

pub(super) fn read(file: File, path: &str, sink: &Sink<'_>) {
    let mut archive = match ::zip::ZipArchive::new(BufReader::new(file)) {
        Ok(a) => a,
        Err(e) => {
            sink.failed(
                path.to_owned(),
                format!("not a readable zip archive ({e}); it may be truncated or damaged"),
            );
            return;
        }
    };
    for i in 0..archive.len() {
        if sink.cancelled() {
            return;
        }
        let entry = match archive.by_index(i) {
            Ok(e) => e,
            Err(e) => {
                if !sink.failed(
                    format!("{path}!#{}", i + 1),
                    format!("damaged archive entry: {e}"),
                ) {
                    return;
                }
                continue;
            }
        };
        let name = match entry.name() {
            Ok(n) => n.into_owned(),
            Err(_) => String::from_utf8_lossy(entry.name_raw()).into_owned(),
        };
        let hidden = name
            .split('/')
            .any(|part| part.starts_with('.') || part == "__MACOSX");
        if entry.is_dir() || hidden {
            continue;
        }
        let inner = format!("{path}!{name}");
        let go_on = match Format::from_name(&name) {
            None => sink.failed(
                inner,
                format!("not a supported article file (supported: {SUPPORTED})"),
            ),
            Some(Format::Zip) => {
                sink.failed(inner, "a zip archive inside a zip archive is not imported")
            }
            Some(format) => {
                let size = entry.size();
                read_stream(BufReader::new(entry), size, &inner, format, sink);
                !sink.cancelled()
            }
        };
        if !go_on {
            return;
        }
    }
}
