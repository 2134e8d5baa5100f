//! WARC payload and block digests (`WARC-Payload-Digest: sha1:…`) in the
//! encodings crawlers write: base32 (the standard), base64 and base64url.

/// `Some(true/false)` for a digest we can check, `None` for an unknown algorithm or encoding.
pub(super) fn digest_matches(digest: &str, data: &[u8]) -> Option<bool> {
    let (alg, value) = digest.split_once(':')?;
    if !alg.eq_ignore_ascii_case("sha1") {
        return None;
    }
    let want = decode_digest(value.trim())?;
    Some(sha1_smol::Sha1::from(data).digest().bytes().as_slice() == want.as_slice())
}

fn decode_digest(v: &str) -> Option<Vec<u8>> {
    match v.len() {
        32 => base32(v),
        40 => (0..40)
            .step_by(2)
            .map(|i| u8::from_str_radix(v.get(i..i + 2)?, 16).ok())
            .collect(),
        27 | 28 => base64(v),
        _ => None,
    }
}

fn base32(v: &str) -> Option<Vec<u8>> {
    let mut bits = 0u64;
    let mut n = 0;
    let mut out = Vec::new();
    for c in v.bytes() {
        let d = match c {
            b'A'..=b'Z' => c - b'A',
            b'a'..=b'z' => c - b'a',
            b'2'..=b'7' => c - b'2' + 26,
            _ => return None,
        };
        bits = (bits << 5) | u64::from(d);
        n += 5;
        if n >= 8 {
            n -= 8;
            out.push((bits >> n) as u8);
        }
    }
    Some(out)
}

fn base64(v: &str) -> Option<Vec<u8>> {
    let mut bits = 0u32;
    let mut n = 0;
    let mut out = Vec::new();
    for c in v.trim_end_matches('=').bytes() {
        let d = match c {
            b'A'..=b'Z' => c - b'A',
            b'a'..=b'z' => c - b'a' + 26,
            b'0'..=b'9' => c - b'0' + 52,
            b'+' | b'-' => 62,
            b'/' | b'_' => 63,
            _ => return None,
        };
        bits = (bits << 6) | u32::from(d);
        n += 6;
        if n >= 8 {
            n -= 8;
            out.push((bits >> n) as u8);
        }
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn digests_in_all_encodings_agree() {
        let d = b"";
        // SHA-1 of the empty string in base32, base64 and base64url.
        assert_eq!(
            digest_matches("sha1:3I42H3S6NNFQ2MSVX7XZKYAYSCX5QBYJ", d),
            Some(true)
        );
        assert_eq!(
            digest_matches("sha1:2jmj7l5rSw0yVb/vlWAYkK/YBwk=", d),
            Some(true)
        );
        assert_eq!(
            digest_matches("sha1:2jmj7l5rSw0yVb_vlWAYkK_YBwk=", d),
            Some(true)
        );
        let wrong = "sha1:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA";
        assert_eq!(digest_matches(wrong, d), Some(false));
        // Malformed (not base32): cannot be checked, so it does not condemn the record.
        let malformed = "sha1:1112H3S6NNFQ2MSVX7XZKYAYSCX5QBYJ";
        assert_eq!(digest_matches(malformed, d), None);
        assert_eq!(digest_matches("md5:abc", d), None);
    }
}
