//! Byte-to-text decoding with automatic detection of the encodings scraped
//! Russian and Ukrainian pages actually use: UTF-8 (with or without BOM),
//! UTF-16 with BOM, and the legacy single-byte Cyrillic code pages.

use super::codepages::{self, CodePage};

/// Why bytes could not be read as text.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum DecodeError {
    #[error("the file is empty")]
    Empty,
    #[error("this looks like a binary file, not text ({0})")]
    Binary(&'static str),
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Decoded {
    pub text: String,
    /// WHATWG-style label of the encoding that was used.
    pub encoding: &'static str,
}

/// Decodes `bytes`, honouring a BOM, then strict UTF-8, then the charset the
/// document declares (`declared`, e.g. from `<meta charset>`), checked against
/// a letter-statistics guess over the Cyrillic code pages.
pub fn decode(bytes: &[u8], declared: Option<&str>) -> Result<Decoded, DecodeError> {
    if bytes.is_empty() {
        return Err(DecodeError::Empty);
    }
    if let Some(rest) = bytes.strip_prefix(b"\xEF\xBB\xBF") {
        return Ok(utf8_lossy(rest));
    }
    if bytes.starts_with(b"\xFF\xFE") || bytes.starts_with(b"\xFE\xFF") {
        let (enc, _) = encoding_rs::Encoding::for_bom(bytes).unwrap_or((encoding_rs::UTF_16LE, 2));
        let (text, _, _) = enc.decode(bytes);
        return Ok(Decoded {
            text: text.into_owned(),
            encoding: enc.name(),
        });
    }
    if let Some(enc) = utf16_without_bom(bytes) {
        let (text, _) = enc.decode_without_bom_handling(bytes);
        return Ok(Decoded {
            text: text.into_owned(),
            encoding: enc.name(),
        });
    }
    check_not_binary(bytes)?;
    if looks_like_utf8(bytes) {
        return Ok(utf8_lossy(bytes));
    }

    let declared_page = declared.and_then(codepage_for_label);
    let scores: Vec<(f64, &CodePage)> = codepages::ALL
        .iter()
        .map(|page| (cyrillic_score(bytes, page), *page))
        .collect();
    let (best_score, best_page) =
        scores
            .iter()
            .copied()
            .fold((f64::MIN, codepages::ALL[0]), |acc, s| {
                if s.0 > acc.0 {
                    s
                } else {
                    acc
                }
            });
    if let Some(page) = declared_page {
        let declared_score = scores
            .iter()
            .find(|(_, p)| p.name == page.name)
            .map_or(f64::MIN, |s| s.0);
        // The declaration wins unless the statistics clearly disagree.
        if declared_score >= best_score - 0.35 {
            return Ok(decode_with_page(bytes, page));
        }
    }
    if best_score >= MIN_CYRILLIC_SCORE {
        return Ok(decode_with_page(bytes, best_page));
    }
    // Not Cyrillic: fall back to what the document declares, or Windows-1252.
    let enc = declared
        .and_then(|l| encoding_rs::Encoding::for_label(l.trim().as_bytes()))
        .filter(|e| *e != encoding_rs::UTF_8)
        .unwrap_or(encoding_rs::WINDOWS_1252);
    let (text, _, _) = enc.decode(bytes);
    Ok(Decoded {
        text: text.into_owned(),
        encoding: enc.name(),
    })
}

/// Mean score per high byte below which we do not believe the text is Cyrillic.
const MIN_CYRILLIC_SCORE: f64 = 1.0;

fn utf8_lossy(bytes: &[u8]) -> Decoded {
    Decoded {
        text: String::from_utf8_lossy(bytes).into_owned(),
        encoding: "utf-8",
    }
}

/// UTF-8 when valid, or when invalid sequences are rare next to many valid
/// multi-byte characters (a truncated file, a stray byte in a scrape).
fn looks_like_utf8(bytes: &[u8]) -> bool {
    let mut valid_multibyte = 0usize;
    let mut invalid = 0usize;
    for chunk in bytes.utf8_chunks() {
        valid_multibyte += chunk.valid().chars().filter(|c| c.len_utf8() > 1).count();
        if !chunk.invalid().is_empty() {
            invalid += 1;
        }
    }
    invalid == 0 || (valid_multibyte >= 20 && invalid * 200 <= valid_multibyte)
}

fn check_not_binary(bytes: &[u8]) -> Result<(), DecodeError> {
    let sample = &bytes[..bytes.len().min(64 * 1024)];
    if sample.contains(&0) {
        return Err(DecodeError::Binary("it contains NUL bytes"));
    }
    let control = sample
        .iter()
        .filter(|&&b| b < 0x20 && !matches!(b, b'\n' | b'\r' | b'\t' | 0x0C | 0x1B))
        .count();
    if control * 20 > sample.len() {
        return Err(DecodeError::Binary("it is full of control characters"));
    }
    Ok(())
}

/// UTF-16 text saved without a BOM shows up as NULs in every other byte.
fn utf16_without_bom(bytes: &[u8]) -> Option<&'static encoding_rs::Encoding> {
    let sample = &bytes[..bytes.len().min(4096) & !1];
    if sample.len() < 8 {
        return None;
    }
    let pairs = sample.len() / 2;
    let even_nul = sample.iter().step_by(2).filter(|&&b| b == 0).count();
    let odd_nul = sample
        .iter()
        .skip(1)
        .step_by(2)
        .filter(|&&b| b == 0)
        .count();
    // ASCII in UTF-16 has NUL high bytes; Cyrillic has 0x04.
    let even_04 = sample
        .iter()
        .step_by(2)
        .filter(|&&b| b == 0 || b == 4)
        .count();
    let odd_04 = sample
        .iter()
        .skip(1)
        .step_by(2)
        .filter(|&&b| b == 0 || b == 4)
        .count();
    if odd_nul + even_nul > 0 && odd_04 * 10 >= pairs * 9 && even_nul == 0 {
        Some(encoding_rs::UTF_16LE)
    } else if odd_nul + even_nul > 0 && even_04 * 10 >= pairs * 9 && odd_nul == 0 {
        Some(encoding_rs::UTF_16BE)
    } else {
        None
    }
}

fn codepage_for_label(label: &str) -> Option<&'static CodePage> {
    let l = label.trim().to_ascii_lowercase().replace('_', "-");
    let name = match l.as_str() {
        "windows-1251" | "cp1251" | "x-cp1251" | "win-1251" => "windows-1251",
        "koi8-r" | "koi8r" | "koi8" | "cskoi8r" => "koi8-r",
        "koi8-u" | "koi8u" | "koi8-ru" => "koi8-u",
        "ibm866" | "cp866" | "866" | "csibm866" => "ibm866",
        "ibm855" | "cp855" | "855" | "csibm855" => "ibm855",
        "iso-8859-5" | "iso8859-5" | "cyrillic" | "iso-ir-144" | "csisolatincyrillic" => {
            "iso-8859-5"
        }
        "x-mac-cyrillic" | "maccyrillic" | "mac-cyrillic" | "x-mac-ukrainian" => "x-mac-cyrillic",
        _ => return None,
    };
    codepages::ALL.iter().copied().find(|p| p.name == name)
}

/// Decodes with one of the single-byte code pages.
pub fn decode_with_page(bytes: &[u8], page: &'static CodePage) -> Decoded {
    let text = bytes
        .iter()
        .map(|&b| {
            if b < 0x80 {
                b as char
            } else {
                page.high[usize::from(b - 0x80)]
            }
        })
        .collect();
    Decoded {
        text,
        encoding: page.name,
    }
}

/// Mean plausibility of the non-ASCII characters as Russian/Ukrainian text:
/// frequent lowercase letters score high, capitals inside words and symbols
/// (box drawing, odd punctuation) score low.
fn cyrillic_score(bytes: &[u8], page: &CodePage) -> f64 {
    let mut total = 0.0;
    let mut high = 0usize;
    let mut prev_lower = false;
    for &b in bytes {
        if b < 0x80 {
            prev_lower = b.is_ascii_lowercase();
            continue;
        }
        high += 1;
        let c = page.high[usize::from(b - 0x80)];
        let (score, is_lower) = char_score(c, prev_lower);
        total += score;
        prev_lower = is_lower;
    }
    if high == 0 {
        return f64::MIN;
    }
    total / high as f64
}

fn char_score(c: char, prev_lower: bool) -> (f64, bool) {
    const COMMON: &str = "оеаинтсрвлкмдпуя";
    const MEDIUM: &str = "ыьгзбчйхжшюцщі";
    const RARE: &str = "эфъёїєґ";
    if COMMON.contains(c) {
        return (3.0, true);
    }
    if MEDIUM.contains(c) {
        return (2.0, true);
    }
    if RARE.contains(c) {
        return (1.0, true);
    }
    let lower: Vec<char> = c.to_lowercase().collect();
    if c.is_uppercase() && lower.len() == 1 {
        let l = lower[0];
        let known = COMMON.contains(l) || MEDIUM.contains(l) || RARE.contains(l);
        let score = match (known, prev_lower) {
            (true, false) => 1.0,
            (true, true) => -4.0,
            (false, _) => -3.0,
        };
        return (score, false);
    }
    match c {
        '«' | '»' | '—' | '–' | '№' | '…' | '“' | '”' | '„' | '‘' | '’' | '\u{A0}' | '·' | '°' => {
            (0.0, false)
        }
        _ if c.is_alphabetic() => (-3.0, c.is_lowercase()),
        _ => (-2.0, false),
    }
}

/// Finds a charset declared in the first bytes of an HTML or XML document.
pub fn sniff_declared_charset(bytes: &[u8]) -> Option<String> {
    let head = &bytes[..bytes.len().min(2048)];
    let head = String::from_utf8_lossy(head).to_ascii_lowercase();
    for key in ["charset=", "encoding="] {
        if let Some(pos) = head.find(key) {
            let rest = head[pos + key.len()..].trim_start_matches(['"', '\'', ' ']);
            let label: String = rest
                .chars()
                .take_while(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | ':' | '.'))
                .collect();
            if !label.is_empty() {
                return Some(label);
            }
        }
    }
    None
}

/// Decodes with the encoding named by `label` (a Cyrillic code page or any
/// WHATWG label); `None` for an unknown label.
pub fn decode_as(bytes: &[u8], label: &str) -> Option<Decoded> {
    if let Some(page) = codepage_for_label(label) {
        return Some(decode_with_page(bytes, page));
    }
    let enc = encoding_rs::Encoding::for_label(label.trim().as_bytes())?;
    let (text, _, _) = enc.decode(bytes);
    Some(Decoded {
        text: text.into_owned(),
        encoding: enc.name(),
    })
}
