//! Anchoring spans of text the W3C Web Annotation way: by quote (exact text
//! with some context either side) and by position, in Unicode code points.
//! When a text changes, a span is found again by its quote — exactly, then
//! ignoring case/apostrophe/look-alike differences, then approximately.

/// Characters of context kept on each side of a quote.
pub const CONTEXT: usize = 32;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Quote {
    pub exact: String,
    pub prefix: String,
    pub suffix: String,
}

/// How a span was found again.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Found {
    /// The quote is still at its old position.
    Unchanged,
    /// The same quote, elsewhere.
    Moved,
    /// Text that differs from the quote a little (case, spelling, an edit).
    Fuzzy,
}

/// The quote selector for code points `start..end` of `text`.
pub fn quote_at(text: &[char], start: usize, end: usize) -> Quote {
    let s = start.min(text.len());
    let e = end.clamp(s, text.len());
    Quote {
        exact: text[s..e].iter().collect(),
        prefix: text[s.saturating_sub(CONTEXT)..s].iter().collect(),
        suffix: text[e..(e + CONTEXT).min(text.len())].iter().collect(),
    }
}

/// One character as compared when exact comparison fails: case, apostrophes,
/// quotes, dashes, `ё`, whitespace and Latin look-alikes folded. Always one
/// character for one, so positions carry over.
fn fold(c: char) -> char {
    let c = match c {
        '\u{2019}' | '\u{02BC}' | '\u{2018}' | '`' => '\'',
        '«' | '»' | '“' | '”' | '„' => '"',
        '\u{2010}'..='\u{2015}' | '\u{2212}' => '-',
        c if c.is_whitespace() => ' ',
        c => c,
    };
    let mut lower = c.to_lowercase();
    let l = match (lower.next(), lower.next()) {
        (Some(l), None) => l,
        _ => c,
    };
    match l {
        'ё' => 'е',
        'a' => 'а',
        'c' => 'с',
        'e' => 'е',
        'i' => 'і',
        'o' => 'о',
        'p' => 'р',
        'x' => 'х',
        'y' => 'у',
        other => other,
    }
}

fn occurrences(text: &[char], quote: &[char], eq: impl Fn(char, char) -> bool) -> Vec<usize> {
    if quote.is_empty() || quote.len() > text.len() {
        return Vec::new();
    }
    (0..=text.len() - quote.len())
        .filter(|&i| quote.iter().zip(&text[i..]).all(|(&q, &t)| eq(q, t)))
        .collect()
}

/// Code-point span of the `occurrence`-th (1-based) appearance of `quote` in
/// `text`, compared exactly, or if it never appears so, with [`fold`]ed
/// characters. `Err(n)` gives how many appearances there are (0: none).
pub fn find(text: &str, quote: &str, occurrence: usize) -> Result<(usize, usize), usize> {
    let t: Vec<char> = text.chars().collect();
    let q: Vec<char> = quote.chars().collect();
    let mut at = occurrences(&t, &q, |a, b| a == b);
    if at.is_empty() {
        at = occurrences(&t, &q, |a, b| fold(a) == fold(b));
    }
    match occurrence.checked_sub(1).and_then(|i| at.get(i)) {
        Some(&s) => Ok((s, s + q.len())),
        None => Err(at.len()),
    }
}

fn common_suffix(a: &[char], b: &[char]) -> usize {
    a.iter()
        .rev()
        .zip(b.iter().rev())
        .take_while(|(x, y)| x == y)
        .count()
}

fn common_prefix(a: &[char], b: &[char]) -> usize {
    a.iter().zip(b).take_while(|(x, y)| x == y).count()
}

/// Finds `quote` again in `text` (code points), preferring the appearance whose
/// context matches and which lies nearest `old_start`. `None`: orphaned.
pub fn reanchor(text: &str, quote: &Quote, old_start: usize) -> Option<(usize, usize, Found)> {
    let t: Vec<char> = text.chars().collect();
    let q: Vec<char> = quote.exact.chars().collect();
    if q.is_empty() {
        return None;
    }
    let prefix: Vec<char> = quote.prefix.chars().collect();
    let suffix: Vec<char> = quote.suffix.chars().collect();
    let best = |starts: Vec<usize>| {
        starts.into_iter().max_by_key(|&s| {
            let context = common_suffix(&t[..s], &prefix)
                + common_prefix(&t[(s + q.len()).min(t.len())..], &suffix);
            (context, std::cmp::Reverse(s.abs_diff(old_start)))
        })
    };
    if let Some(s) = best(occurrences(&t, &q, |a, b| a == b)) {
        let how = if s == old_start {
            Found::Unchanged
        } else {
            Found::Moved
        };
        return Some((s, s + q.len(), how));
    }
    if let Some(s) = best(occurrences(&t, &q, |a, b| fold(a) == fold(b))) {
        return Some((s, s + q.len(), Found::Fuzzy));
    }
    approximate(&t, &q, old_start).map(|(s, e)| (s, e, Found::Fuzzy))
}

/// Most cells of the edit-distance table we fill for one span.
const MAX_CELLS: usize = 20_000_000;

/// The substring of `text` closest to `quote` by edit distance (Sellers), if
/// it differs in at most a fifth of the quote's characters. Searches a window
/// around `near` when the whole text would cost too much.
fn approximate(text: &[char], quote: &[char], near: usize) -> Option<(usize, usize)> {
    let m = quote.len();
    let budget = m / 5;
    if budget == 0 {
        return None;
    }
    let width = (MAX_CELLS / m).min(text.len());
    let lo = near.saturating_sub(width / 2).min(text.len() - width);
    let window = &text[lo..lo + width];
    let q: Vec<char> = quote.iter().map(|&c| fold(c)).collect();
    // prev[i]: (distance of quote[..i] ending here, start of that match).
    let mut prev: Vec<(usize, usize)> = (0..=m).map(|i| (i, 0)).collect();
    let mut cur = prev.clone();
    let mut best: Option<(usize, usize, usize)> = None; // (distance, start, end)
    for (j, &c) in window.iter().enumerate() {
        let c = fold(c);
        cur[0] = (0, j + 1);
        for i in 1..=m {
            let sub = (prev[i - 1].0 + usize::from(q[i - 1] != c), prev[i - 1].1);
            let del = (prev[i].0 + 1, prev[i].1);
            let ins = (cur[i - 1].0 + 1, cur[i - 1].1);
            cur[i] = [sub, del, ins]
                .into_iter()
                .min_by_key(|x| x.0)
                .unwrap_or(sub);
        }
        let (d, start) = cur[m];
        if d <= budget && best.is_none_or(|b| d < b.0) {
            best = Some((d, start, j + 1));
        }
        std::mem::swap(&mut prev, &mut cur);
    }
    best.map(|(_, s, e)| (lo + s, lo + e))
}

/// Byte offset of code point `cp` in `text` (the end when past it).
pub fn byte_offset(text: &str, cp: usize) -> usize {
    text.char_indices().nth(cp).map_or(text.len(), |(b, _)| b)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn chars(s: &str) -> Vec<char> {
        s.chars().collect()
    }

    #[test]
    fn finds_nth_occurrence_in_code_points() {
        let text = "Лавров сказав. Лавров повторив.";
        assert_eq!(find(text, "Лавров", 2), Ok((15, 21)));
        assert_eq!(find(text, "Лавров", 3), Err(2));
        assert_eq!(find(text, "Блінкен", 1), Err(0));
        // Apostrophe and look-alike differences still find it.
        assert_eq!(find("це обов’язково", "обов'язково", 1), Ok((3, 14)));
        assert_eq!(find("Підписуйтеcь тут", "підписуйтесь", 1), Ok((0, 12)));
    }

    #[test]
    fn reanchors_moved_and_edited_spans_and_orphans_lost_ones() {
        let old = "Вступ. Росія висунула ультиматум НАТО. Кінець.";
        let t = chars(old);
        let q = quote_at(&t, 7, 38);
        assert_eq!(q.exact, "Росія висунула ультиматум НАТО.");
        assert_eq!(reanchor(old, &q, 7), Some((7, 38, Found::Unchanged)));
        let moved = format!("Новий абзац на початку. {old}");
        assert_eq!(reanchor(&moved, &q, 7), Some((31, 62, Found::Moved)));
        let edited = "Вступ. Росія висунула свій ультиматум НАТО. Кінець.";
        let (s, e, how) = reanchor(edited, &q, 7).unwrap();
        assert_eq!(how, Found::Fuzzy);
        let span: String = chars(edited)[s..e].iter().collect();
        assert!(span.contains("ультиматум НАТО"), "{span}");
        assert_eq!(reanchor("Зовсім інший текст без цитати.", &q, 7), None);
    }

    #[test]
    fn context_picks_the_right_one_of_repeated_quotes() {
        let text = "А: так. Б: так. В: так.";
        let t = chars(text);
        let q = quote_at(&t, 11, 14); // the "так" after "Б: "
        let changed = format!("Вступ. {text}");
        assert_eq!(reanchor(&changed, &q, 11), Some((18, 21, Found::Moved)));
    }
}
