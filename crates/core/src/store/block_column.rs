//! The `blocks` column: it holds only the blocks that are not story or that
//! the user set, as `{class}{reason}{start}-{end}` separated by spaces; the
//! SQL functions `litopys_story` / `litopys_extra` cut the text by it for the
//! index.

use std::collections::HashMap;

use rusqlite::functions::FunctionFlags;
use rusqlite::Connection;

use crate::error::Result;
use crate::text::blocks::{self, Block, BlockClass, BlockReason};

fn class_code(c: BlockClass) -> char {
    match c {
        BlockClass::Story => 's',
        BlockClass::Boilerplate => 'b',
        BlockClass::Related => 'r',
    }
}

fn reason_code(r: BlockReason) -> char {
    match r {
        BlockReason::Text => 't',
        BlockReason::Prompt => 'p',
        BlockReason::Credit => 'c',
        BlockReason::Byline => 'y',
        BlockReason::Dateline => 'd',
        BlockReason::List => 'l',
        BlockReason::Repeated => 'x',
        BlockReason::Links => 'k',
        BlockReason::User => 'u',
    }
}

/// The stored form: non-story and user-set blocks only.
pub fn encode(blocks: &[Block]) -> String {
    let mut out = String::new();
    for b in blocks
        .iter()
        .filter(|b| b.class != BlockClass::Story || b.reason == BlockReason::User)
    {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push(class_code(b.class));
        out.push(reason_code(b.reason));
        out.push_str(&format!("{}-{}", b.start, b.end));
    }
    out
}

/// Parses the stored form; unreadable entries are skipped (the text stays story).
pub fn decode(stored: &str) -> Vec<Block> {
    stored
        .split(' ')
        .filter_map(|e| {
            let mut cs = e.chars();
            let class = match cs.next()? {
                's' => BlockClass::Story,
                'b' => BlockClass::Boilerplate,
                'r' => BlockClass::Related,
                _ => return None,
            };
            let reason = match cs.next()? {
                't' => BlockReason::Text,
                'p' => BlockReason::Prompt,
                'c' => BlockReason::Credit,
                'y' => BlockReason::Byline,
                'd' => BlockReason::Dateline,
                'l' => BlockReason::List,
                'x' => BlockReason::Repeated,
                'k' => BlockReason::Links,
                'u' => BlockReason::User,
                _ => return None,
            };
            let (s, e) = cs.as_str().split_once('-')?;
            let (start, end) = (s.parse().ok()?, e.parse().ok()?);
            (start <= end).then_some(Block {
                start,
                end,
                class,
                reason,
            })
        })
        .collect()
}

/// Every block of `body` (story ones too), given what is stored for it.
pub fn full(body: &str, stored: Option<&str>) -> Vec<Block> {
    let marked: HashMap<usize, Block> = decode(stored.unwrap_or(""))
        .into_iter()
        .map(|b| (b.start, b))
        .collect();
    blocks::lines(body)
        .iter()
        .map(|l| match marked.get(&l.start) {
            Some(b) if b.end == l.end => *b,
            _ => Block {
                start: l.start,
                end: l.end,
                class: BlockClass::Story,
                reason: BlockReason::Text,
            },
        })
        .collect()
}

/// The story and the rest of `body`, cut by the stored blocks; parts are joined by newlines.
pub fn split_text(body: &str, stored: Option<&str>) -> (String, String) {
    let mut cut: Vec<(usize, usize)> = decode(stored.unwrap_or(""))
        .into_iter()
        .filter(|b| b.class != BlockClass::Story && b.start < b.end)
        .map(|b| (b.start, b.end))
        .collect();
    if cut.is_empty() {
        return (body.to_owned(), String::new());
    }
    cut.sort_unstable();
    // Code points → byte offsets in one pass over the text.
    let mut marks: Vec<usize> = cut.iter().flat_map(|&(s, e)| [s, e]).collect();
    marks.sort_unstable();
    let mut bytes = HashMap::with_capacity(marks.len());
    let mut want = marks.iter().peekable();
    for (cp, (b, _)) in body.char_indices().enumerate() {
        while want.peek().is_some_and(|&&m| m == cp) {
            bytes.insert(cp, b);
            want.next();
        }
        if want.peek().is_none() {
            break;
        }
    }
    let at = |cp: usize| *bytes.get(&cp).unwrap_or(&body.len());
    let (mut story, mut extra) = (String::with_capacity(body.len()), String::new());
    let mut pos = 0;
    for (s, e) in cut {
        let (s, e) = (at(s).max(pos), at(e).max(pos));
        story.push_str(&body[pos..s]);
        story.push('\n');
        extra.push_str(&body[s..e]);
        extra.push('\n');
        pos = e;
    }
    story.push_str(&body[pos..]);
    (story, extra)
}

thread_local! {
    /// The last split: the index triggers ask for the story and then the rest
    /// of the same text, so the second call costs a comparison, not a split.
    static LAST_SPLIT: std::cell::RefCell<Option<(String, String, String, String)>> =
        const { std::cell::RefCell::new(None) };
}

fn split_cached(body: &str, stored: &str, story: bool) -> String {
    LAST_SPLIT.with(|last| {
        let mut last = last.borrow_mut();
        let hit = matches!(&*last, Some((b, s, _, _)) if b == body && s == stored);
        if !hit {
            let (s, e) = split_text(body, Some(stored));
            *last = Some((body.to_owned(), stored.to_owned(), s, e));
        }
        match &*last {
            Some((_, _, s, e)) => {
                if story {
                    s.clone()
                } else {
                    e.clone()
                }
            }
            None => String::new(),
        }
    })
}

/// Registers `litopys_story(body, blocks)` and `litopys_extra(body, blocks)`.
pub fn register(conn: &Connection) -> Result<()> {
    let flags = FunctionFlags::SQLITE_UTF8
        | FunctionFlags::SQLITE_DETERMINISTIC
        | FunctionFlags::SQLITE_INNOCUOUS;
    for (name, story) in [("litopys_story", true), ("litopys_extra", false)] {
        conn.create_scalar_function(name, 2, flags, move |ctx| {
            let body: Option<String> = ctx.get(0)?;
            let stored: Option<String> = ctx.get(1)?;
            let body = body.unwrap_or_default();
            if stored.as_deref().is_none_or(str::is_empty) {
                return Ok(if story { body } else { String::new() });
            }
            Ok(split_cached(&body, stored.as_deref().unwrap_or(""), story))
        })?;
    }
    Ok(())
}
