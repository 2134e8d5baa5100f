//! A byte cap on each CSV record, applied before the `csv` crate sees the
//! bytes (it buffers a whole record, so a 200 MB field would be held whole).
//!
//! The reader follows the crate's quoting rules (a quote opens a field only
//! at its start, `""` inside quotes is a quote, CR or LF ends a record outside
//! quotes) to know where records end. When a record outgrows the cap, the
//! rest of it is skipped and the record is closed early (a closing quote if
//! one is open, then a newline): the crate returns a truncated record, which
//! the caller reports as too large, and the next record is read as usual.

use std::cell::Cell;
use std::io::{self, BufRead, Read};
use std::rc::Rc;

#[derive(Clone, Copy, PartialEq, Eq)]
enum State {
    FieldStart,
    Unquoted,
    Quoted,
    /// A quote inside a quoted field: the field's end, or the first of `""`.
    QuoteInQuoted,
}

/// What the caller learns from the reader.
#[derive(Default)]
pub(super) struct Oversized {
    /// Length of the last record cut short, until the caller takes it.
    cut: Cell<Option<u64>>,
    /// Line breaks skipped inside cut records (the crate did not count them).
    skipped_lines: Cell<u64>,
}

impl Oversized {
    /// The length of the record just cut short, if it was.
    pub(super) fn take_cut(&self) -> Option<u64> {
        self.cut.take()
    }

    pub(super) fn skipped_lines(&self) -> u64 {
        self.skipped_lines.get()
    }
}

pub(super) struct RecordCapped<R> {
    inner: R,
    delimiter: u8,
    cap: u64,
    state: State,
    record_len: u64,
    /// Bytes still to give the crate after a cut (`"\n` or `\n`).
    closing: &'static [u8],
    report: Rc<Oversized>,
}

impl<R: BufRead> RecordCapped<R> {
    pub(super) fn new(inner: R, delimiter: u8, cap: u64) -> (Self, Rc<Oversized>) {
        let report = Rc::new(Oversized::default());
        let reader = RecordCapped {
            inner,
            delimiter,
            cap,
            state: State::FieldStart,
            record_len: 0,
            closing: b"",
            report: report.clone(),
        };
        (reader, report)
    }

    /// Advances the quoting state by one byte; `true` when the byte ends a record.
    fn step(&mut self, b: u8) -> bool {
        let terminator = b == b'\n' || b == b'\r';
        let (next, ends) = match (self.state, b) {
            (State::Quoted, b'"') => (State::QuoteInQuoted, false),
            (State::Quoted, _) => (State::Quoted, false),
            (State::QuoteInQuoted, b'"') => (State::Quoted, false),
            (State::FieldStart, b'"') => (State::Quoted, false),
            (_, d) if d == self.delimiter => (State::FieldStart, false),
            _ if terminator => (State::FieldStart, true),
            _ => (State::Unquoted, false),
        };
        self.state = next;
        ends
    }

    /// Skips the rest of an oversized record (to its end, or the end of the input).
    fn skip_record(&mut self) -> io::Result<()> {
        loop {
            let chunk = self.inner.fill_buf()?;
            if chunk.is_empty() {
                return Ok(());
            }
            let chunk = chunk.to_vec();
            for (i, &b) in chunk.iter().enumerate() {
                if b == b'\n' {
                    let n = self.report.skipped_lines.get();
                    self.report.skipped_lines.set(n + 1);
                }
                self.record_len += 1;
                if self.step(b) {
                    self.inner.consume(i + 1);
                    if b == b'\n' {
                        // The newline given to the crate stands for this one.
                        let n = self.report.skipped_lines.get();
                        self.report.skipped_lines.set(n.saturating_sub(1));
                    }
                    return Ok(());
                }
            }
            self.inner.consume(chunk.len());
        }
    }
}

impl<R: BufRead> Read for RecordCapped<R> {
    fn read(&mut self, out: &mut [u8]) -> io::Result<usize> {
        if !self.closing.is_empty() {
            let n = self.closing.len().min(out.len());
            out[..n].copy_from_slice(&self.closing[..n]);
            self.closing = &self.closing[n..];
            return Ok(n);
        }
        let chunk = self.inner.fill_buf()?;
        let mut n = 0;
        let mut over = false;
        let limit = chunk.len().min(out.len());
        let bytes = chunk[..limit].to_vec();
        for &b in &bytes {
            if self.record_len >= self.cap {
                over = true;
                break;
            }
            out[n] = b;
            n += 1;
            self.record_len += 1;
            if self.step(b) {
                self.record_len = 0;
            }
        }
        self.inner.consume(n);
        if over {
            let in_quotes = self.state == State::Quoted;
            self.skip_record()?;
            self.report.cut.set(Some(self.record_len));
            self.record_len = 0;
            self.state = State::FieldStart;
            self.closing = if in_quotes { b"\"\n" } else { b"\n" };
            if n == 0 {
                return self.read(out);
            }
        }
        Ok(n)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_oversized_record_is_cut_and_the_next_read_whole() {
        let data = "a,b\n1,\"0123456789\nabc\"\n2,ok\n";
        let (r, report) = RecordCapped::new(data.as_bytes(), b',', 8);
        let mut csv = csv::ReaderBuilder::new().flexible(true).from_reader(r);
        let mut rec = csv::StringRecord::new();
        assert!(csv.read_record(&mut rec).unwrap());
        assert_eq!(report.take_cut(), Some(19));
        // The next record is on line 4 of the file (the crate saw 3 lines).
        assert_eq!(csv.position().line() + report.skipped_lines(), 4);
        assert!(csv.read_record(&mut rec).unwrap());
        assert_eq!(report.take_cut(), None);
        assert_eq!(&rec[1], "ok");
    }
}
