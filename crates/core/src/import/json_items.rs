//! The elements of a top-level JSON array, split without parsing them: a
//! byte scan that tracks strings and bracket depth with a counter (no
//! recursion), so that each element can be capped in bytes and parsed on its
//! own, and one bad or oversized element costs that element only.

use std::io::{self, BufRead};

/// What the scan found next in the array.
pub(super) enum Item {
    /// An element's bytes are in the buffer.
    Element,
    /// An element longer than the cap was skipped (its length in bytes).
    TooLarge(u64),
    /// The array's closing `]`.
    End,
}

/// Reads the next element of an array whose `[` was consumed, into `buf`
/// (never more than `cap` bytes of it).
pub(super) fn next_element(r: &mut impl BufRead, buf: &mut Vec<u8>, cap: u64) -> io::Result<Item> {
    buf.clear();
    // Separators and whitespace before the element.
    loop {
        let chunk = r.fill_buf()?;
        let Some(&b) = chunk.first() else {
            return Err(truncated());
        };
        match b {
            b']' => {
                r.consume(1);
                return Ok(Item::End);
            }
            b',' | b' ' | b'\t' | b'\n' | b'\r' => r.consume(1),
            _ => break,
        }
    }
    let mut depth = 0u64;
    let mut in_string = false;
    let mut escaped = false;
    let mut len = 0u64;
    loop {
        let chunk = r.fill_buf()?;
        if chunk.is_empty() {
            return Err(truncated());
        }
        let mut end = None;
        for (i, &b) in chunk.iter().enumerate() {
            if in_string {
                if escaped {
                    escaped = false;
                } else if b == b'\\' {
                    escaped = true;
                } else if b == b'"' {
                    in_string = false;
                }
                continue;
            }
            match b {
                b'"' => in_string = true,
                b'[' | b'{' => depth += 1,
                b']' | b'}' if depth > 0 => depth -= 1,
                // At depth 0 a `,` or the array's `]` ends the element (left for the next call).
                b',' | b']' if depth == 0 => {
                    end = Some(i);
                    break;
                }
                _ => {}
            }
        }
        let used = end.unwrap_or(chunk.len());
        len += used as u64;
        if len <= cap {
            buf.extend_from_slice(&chunk[..used]);
        } else {
            buf.clear();
        }
        r.consume(used);
        if end.is_some() {
            return Ok(if len > cap {
                Item::TooLarge(len)
            } else {
                Item::Element
            });
        }
    }
}

fn truncated() -> io::Error {
    io::Error::new(
        io::ErrorKind::UnexpectedEof,
        "the file ends inside the array (truncated)",
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn split(json: &str, cap: u64) -> Vec<String> {
        let mut r = io::BufReader::with_capacity(3, json.as_bytes());
        let mut buf = Vec::new();
        let mut out = Vec::new();
        loop {
            match next_element(&mut r, &mut buf, cap) {
                Ok(Item::Element) => out.push(String::from_utf8(buf.clone()).unwrap()),
                Ok(Item::TooLarge(n)) => out.push(format!("too large: {n}")),
                Ok(Item::End) => return out,
                Err(e) => {
                    out.push(format!("error: {e}"));
                    return out;
                }
            }
        }
    }

    #[test]
    fn elements_are_split_at_top_level_commas_only() {
        let json = r#"{"a": [1, 2], "b": "x,]\"y"} , 3, ["z"] ]"#;
        assert_eq!(
            split(json, 100),
            [r#"{"a": [1, 2], "b": "x,]\"y"} "#, "3", r#"["z"] "#]
        );
    }

    #[test]
    fn oversized_elements_are_skipped_and_truncation_reported() {
        let json = r#""0123456789", 1, {"#;
        let out = split(json, 8);
        assert_eq!(out[0], "too large: 12");
        assert_eq!(out[1], "1");
        assert!(out[2].starts_with("error"), "{out:?}");
    }
}
