//! Byte limits enforced while a file is streamed, before anything is held in
//! memory: a decompressing reader that stops at a cap, and one that stops
//! when the output outgrows its compressed input (a zip or gzip bomb).

use std::cell::Cell;
use std::io::{self, BufRead, Read};
use std::rc::Rc;

/// Largest expansion of compressed bytes we accept beyond [`EXPANSION_FLOOR`].
/// Deflate's own limit is about 1032:1; news text (JSON Lines of articles,
/// HTML pages) deflates 3–10:1, so 200:1 only stops data built to explode.
pub(crate) const MAX_EXPANSION: u64 = 200;
/// Output any compressed input may decompress to, whatever the ratio.
pub(crate) const EXPANSION_FLOOR: u64 = 64 * 1024 * 1024;
/// Decompressed bytes read from one zip archive in all (a bound on time:
/// each entry is streamed, so memory does not depend on it).
pub(crate) const MAX_ARCHIVE_BYTES: u64 = 16 * 1024 * 1024 * 1024;
/// Entries read from one zip archive.
pub(crate) const MAX_ZIP_ENTRIES: usize = 1_000_000;
/// A JSON file that is not a top-level array is parsed whole; its parsed
/// form takes about 2–3 times its size, so it is bounded well below memory.
pub(crate) const MAX_JSON_DOCUMENT_BYTES: u64 = 256 * 1024 * 1024;
/// A CSV file that is not UTF-8 is decoded whole (to detect its code page).
pub(crate) const MAX_RECODED_CSV_BYTES: u64 = 256 * 1024 * 1024;

fn mb(n: u64) -> u64 {
    n / (1024 * 1024)
}

/// Reads at most `cap` bytes from `inner`; one byte more is an error
/// explaining `what` was too large (the parser reports it for its item).
pub(crate) struct Capped<R> {
    inner: R,
    read: u64,
    cap: u64,
    what: String,
}

impl<R> Capped<R> {
    pub(crate) fn new(inner: R, cap: u64, what: impl Into<String>) -> Self {
        Capped {
            inner,
            read: 0,
            cap,
            what: what.into(),
        }
    }

    /// Bytes read so far.
    pub(crate) fn bytes_read(&self) -> u64 {
        self.read
    }

    /// Whether the input went on past the cap.
    pub(crate) fn exceeded(&self) -> bool {
        self.read > self.cap
    }

    pub(crate) fn describe_excess(&self) -> String {
        format!(
            "{} decompresses to more than {} MB; not read further (a zip bomb?)",
            self.what,
            mb(self.cap)
        )
    }

    fn excess(&self) -> io::Error {
        io::Error::other(self.describe_excess())
    }
}

impl<R: Read> Read for Capped<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        if self.read > self.cap {
            return Err(self.excess());
        }
        let room = (self.cap - self.read + 1).min(buf.len() as u64) as usize;
        let n = self.inner.read(&mut buf[..room])?;
        self.read += n as u64;
        if self.read > self.cap {
            return Err(self.excess());
        }
        Ok(n)
    }
}

/// The cap of an entry whose compressed data is `compressed` bytes long.
pub(crate) fn expansion_cap(compressed: u64) -> u64 {
    EXPANSION_FLOOR.max(compressed.saturating_mul(MAX_EXPANSION))
}

/// A buffered reader that counts the bytes its consumer took, so that a
/// decompressor reading from it can be held to [`expansion_cap`].
pub(crate) struct Counted<R> {
    inner: R,
    consumed: Rc<Cell<u64>>,
}

impl<R> Counted<R> {
    pub(crate) fn new(inner: R) -> (Self, Rc<Cell<u64>>) {
        let consumed = Rc::new(Cell::new(0));
        (
            Counted {
                inner,
                consumed: consumed.clone(),
            },
            consumed,
        )
    }
}

impl<R: Read> Read for Counted<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.consumed.set(self.consumed.get() + n as u64);
        Ok(n)
    }
}

impl<R: BufRead> BufRead for Counted<R> {
    fn fill_buf(&mut self) -> io::Result<&[u8]> {
        self.inner.fill_buf()
    }

    fn consume(&mut self, amt: usize) {
        self.consumed.set(self.consumed.get() + amt as u64);
        self.inner.consume(amt);
    }
}

/// Decompressed output that may not outgrow [`expansion_cap`] of the
/// compressed bytes consumed so far.
pub(crate) struct Expansion<R> {
    inner: R,
    out: u64,
    consumed: Rc<Cell<u64>>,
}

impl<R> Expansion<R> {
    pub(crate) fn new(inner: R, consumed: Rc<Cell<u64>>) -> Self {
        Expansion {
            inner,
            out: 0,
            consumed,
        }
    }
}

impl<R: Read> Read for Expansion<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.out += n as u64;
        let cap = expansion_cap(self.consumed.get());
        if self.out > cap {
            return Err(io::Error::other(format!(
                "the compressed data expands to more than {} MB, over {MAX_EXPANSION} times its \
                 compressed size; not read further (a gzip bomb?)",
                mb(cap)
            )));
        }
        Ok(n)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn capped_reader_errors_past_its_cap_only() {
        let data = [7u8; 100];
        let mut out = Vec::new();
        assert!(Capped::new(&data[..], 100, "x")
            .read_to_end(&mut out)
            .is_ok());
        let err = Capped::new(&data[..], 99, "entry a.csv")
            .read_to_end(&mut Vec::new())
            .unwrap_err();
        assert!(err.to_string().contains("entry a.csv"), "{err}");
    }
}
