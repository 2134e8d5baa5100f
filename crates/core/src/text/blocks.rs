//! The story and what a site put around it: an article's text split into
//! blocks (one per non-empty line) and each block classified from what it
//! looks like — subscription prompts, "read also" links, photo credits,
//! bylines, datelines, and the list of other headlines with timestamps that
//! scrapers keep at the end of a page.
//!
//! What the library itself teaches (a line that recurs in many articles of a
//! source) is added by `store::blocks`; this module sees one text at a time.
//! Offsets are Unicode code points into the text, which is never altered.

use serde::{Deserialize, Serialize};

use super::analyze::for_each_token;
use super::dates::parse_dateline;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "lowercase")]
pub enum BlockClass {
    Story,
    /// Prompts, credits, bylines, widgets: the site, not the article.
    Boilerplate,
    /// Lists of other articles' headlines (usually with timestamps).
    Related,
}

impl BlockClass {
    pub fn as_str(self) -> &'static str {
        match self {
            BlockClass::Story => "story",
            BlockClass::Boilerplate => "boilerplate",
            BlockClass::Related => "related",
        }
    }

    pub fn parse(s: &str) -> Option<BlockClass> {
        Some(match s {
            "story" => BlockClass::Story,
            "boilerplate" => BlockClass::Boilerplate,
            "related" => BlockClass::Related,
            _ => return None,
        })
    }
}

/// Why a block got its class (shown in the reader, kept in exports).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "lowercase")]
pub enum BlockReason {
    /// Ordinary text.
    Text,
    /// Subscribe / read also / share / comment / advertising prompts.
    Prompt,
    /// Photo and source credits.
    Credit,
    Byline,
    /// A line holding only a date or time.
    Dateline,
    /// Part of a list of other headlines.
    List,
    /// Recurs in many articles of the same source (learned from the library).
    Repeated,
    /// Nearly all link text in the page (HTML).
    Links,
    /// Set by the user.
    User,
}

/// A block of an article's text, in code points.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct Block {
    pub start: usize,
    pub end: usize,
    pub class: BlockClass,
    pub reason: BlockReason,
}

/// One non-empty line of a text, trimmed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Line<'a> {
    pub text: &'a str,
    /// Code points.
    pub start: usize,
    pub end: usize,
}

/// The non-empty lines of `text`, trimmed, with code-point offsets.
pub fn lines(text: &str) -> Vec<Line<'_>> {
    let mut out = Vec::new();
    let mut cp = 0usize;
    for raw in text.split('\n') {
        let lead = raw.len() - raw.trim_start().len();
        let trimmed = raw.trim();
        let raw_cps = raw.chars().count();
        if !trimmed.is_empty() {
            let start = cp + raw[..lead].chars().count();
            out.push(Line {
                text: trimmed,
                start,
                end: start + trimmed.chars().count(),
            });
        }
        cp += raw_cps + 1;
    }
    out
}

/// Lines starting with these words are prompts (compared on analysed words,
/// so look-alike letters and punctuation do not matter).
const PROMPT_STARTS: &[&[&str]] = &[
    &["читайте", "також"],
    &["читайте", "также"],
    &["читайте", "тоже"],
    &["читайте", "нас"],
    &["також", "читайте"],
    &["также", "читайте"],
    &["дивіться", "також"],
    &["смотрите", "также"],
    &["по", "темі"],
    &["по", "теме"],
    &["більше", "новин"],
    &["больше", "новостей"],
    &["всі", "статті"],
    &["усі", "статті"],
    &["все", "статьи"],
    &["всі", "новини"],
    &["усі", "новини"],
    &["все", "новости"],
    &["новини", "партнерів"],
    &["новости", "партнеров"],
    &["підписуйтесь"],
    &["підписуйтеся"],
    &["підпишіться"],
    &["подписывайтесь"],
    &["подпишитесь"],
    &["приєднуйтесь"],
    &["присоединяйтесь"],
    &["поділитися"],
    &["поделиться"],
    &["коментарі"],
    &["комментарии"],
    &["реклама"],
    &["теги"],
    &["read", "more"],
    &["read", "also"],
    &["see", "also"],
    &["related", "stories"],
    &["related", "articles"],
    &["related", "coverage"],
    &["related", "news"],
    &["advertisement"],
    &["subscribe"],
    &["sign", "up"],
    &["follow", "us"],
    &["share", "this"],
    &["tags"],
];

/// Calls to subscribe or join, and "our": beside a channel name in the line's
/// first sentence they make a prompt.
const SUBSCRIBE_WORDS: &[&str] = &[
    "підписуйтесь",
    "підписуйтеся",
    "підпишіться",
    "подписывайтесь",
    "подпишитесь",
    "приєднуйтесь",
    "присоединяйтесь",
    "subscribe",
    "наш",
    "наша",
    "нашому",
    "нашем",
    "our",
];

/// Channels sites advertise.
const CHANNEL_WORDS: &[&str] = &[
    "telegram",
    "viber",
    "youtube",
    "facebook",
    "instagram",
    "newsletter",
];

/// Phrases (consecutive words) that make a short line boilerplate.
const PROMPT_PHRASES: &[&[&str]] = &[
    &["ctrl", "enter"],
    &["знайшли", "помилку"],
    &["нашли", "ошибку"],
    &["всі", "права", "захищені"],
    &["все", "права", "защищены"],
    &["all", "rights", "reserved"],
];

const CREDIT_STARTS: &[&[&str]] = &[
    &["фото"],
    &["ілюстративне", "фото"],
    &["иллюстративное", "фото"],
    &["ілюстрація"],
    &["иллюстрация"],
    &["джерело", "фото"],
    &["источник", "фото"],
    &["колаж"],
    &["коллаж"],
    &["відео"],
    &["видео"],
    &["photo"],
    &["image"],
    &["credit"],
    &["getty", "images"],
];

const BYLINE_STARTS: &[&[&str]] = &[&["автор"], &["by"], &["текст"]];

/// Prompts and credits are short; a long paragraph that begins "Фото…" is text.
const SHORT_LINE_CHARS: usize = 300;

/// Classifies every block of `text` by generic cues only.
pub fn classify(text: &str) -> Vec<Block> {
    let lines = lines(text);
    let mut blocks: Vec<Block> = lines
        .iter()
        .map(|l| {
            // Long paragraphs are story whatever their words: skip analysing them.
            let (class, reason) = if l.end - l.start > SHORT_LINE_CHARS {
                (BlockClass::Story, BlockReason::Text)
            } else {
                line_class(l)
            };
            Block {
                start: l.start,
                end: l.end,
                class,
                reason,
            }
        })
        .collect();
    mark_tail(&lines, &mut blocks);
    mark_head_datelines(&lines, &mut blocks);
    blocks
}

/// Whether a line read alone is ordinary text (not a prompt, credit or dateline).
pub fn is_story_line(text: &str) -> bool {
    let line = Line {
        text,
        start: 0,
        end: text.chars().count(),
    };
    line_class(&line).0 == BlockClass::Story && parse_dateline(text).is_none()
}

fn first_sentence(text: &str) -> &str {
    for (i, c) in text.char_indices() {
        if matches!(c, '.' | '!' | '?') && text[i + 1..].starts_with(' ') && i > 0 {
            return &text[..i];
        }
    }
    text
}

fn starts_with_any(words: &[String], patterns: &[&[&str]]) -> bool {
    patterns
        .iter()
        .any(|p| words.len() >= p.len() && p.iter().zip(words).all(|(a, b)| *a == b))
}

fn contains_phrase(words: &[String], phrase: &[&str]) -> bool {
    words
        .windows(phrase.len())
        .any(|w| w.iter().zip(phrase).all(|(a, b)| a == b))
}

fn line_class(line: &Line<'_>) -> (BlockClass, BlockReason) {
    let story = (BlockClass::Story, BlockReason::Text);
    let chars = line.end - line.start;
    if chars > SHORT_LINE_CHARS {
        return story;
    }
    // One pass over the words: their forms, and how many are in the first sentence.
    let first_len = first_sentence(line.text).len();
    let mut words = Vec::new();
    let mut in_first = 0;
    for_each_token(line.text, |t| {
        in_first += usize::from(t.start < first_len);
        words.push(t.term);
    });
    if words.is_empty() {
        return story;
    }
    let words = words.as_slice();
    // A story sentence may mention a Telegram channel ("написав у своєму
    // Telegram-каналі"); a prompt asks the reader to join ours.
    let first = &words[..in_first.min(words.len())];
    let asks = first.iter().any(|w| SUBSCRIBE_WORDS.contains(&w.as_str()));
    let channel = first.iter().any(|w| CHANNEL_WORDS.contains(&w.as_str()));
    if starts_with_any(words, PROMPT_STARTS)
        || (asks && channel)
        || PROMPT_PHRASES.iter().any(|p| contains_phrase(words, p))
        || (line.text.starts_with('©') && chars <= 120)
        || line.text.starts_with("Related:")
    {
        return (BlockClass::Boilerplate, BlockReason::Prompt);
    }
    if starts_with_any(words, CREDIT_STARTS) && chars <= 160 {
        return (BlockClass::Boilerplate, BlockReason::Credit);
    }
    // "By Nathan Willis" is a byline, "By changed lines" a table heading.
    let named = words.first().is_none_or(|w| w != "by")
        || line
            .text
            .split_whitespace()
            .nth(1)
            .is_some_and(|w| w.chars().next().is_some_and(char::is_uppercase));
    if starts_with_any(words, BYLINE_STARTS) && words.len() <= 6 && chars <= 80 && named {
        return (BlockClass::Boilerplate, BlockReason::Byline);
    }
    story
}

/// Lines at the top where a dateline is the article's own.
const HEAD_LINES: usize = 3;

/// Most lines between two timestamps of one headline list (headline, teaser, section).
const LIST_GAP: usize = 4;

/// The trailing list of other headlines: at least two timestamp lines close
/// together near the end, the headline (and a section name or byline) just
/// before the first one, and everything after it.
fn mark_tail(lines: &[Line<'_>], blocks: &mut [Block]) {
    // Datelines in the first lines belong to the article itself.
    let stamps: Vec<usize> = (HEAD_LINES..lines.len())
        .filter(|&i| parse_dateline(lines[i].text).is_some())
        .collect();
    let Some(&last) = stamps.last() else { return };
    // Lines after the last timestamp: the last item's headline or teaser, "all news".
    if lines.len() - 1 - last > LIST_GAP {
        return;
    }
    let mut first = last;
    let mut count = 1;
    for &s in stamps.iter().rev().skip(1) {
        if first - s - 1 > LIST_GAP {
            break;
        }
        first = s;
        count += 1;
    }
    if count < 2 {
        return;
    }
    // Between timestamps only headline-sized lines or teasers.
    let listish = (first..lines.len()).all(|i| {
        let l = &lines[i];
        l.end - l.start <= 400 || l.text.ends_with("...") || l.text.ends_with('…')
    });
    if !listish {
        return;
    }
    let mut start = first;
    // The first item's headline (or section name) sits right before its timestamp.
    if start > 0 {
        let prev = &lines[start - 1];
        if prev.end - prev.start <= 300 && (!ends_like_sentence(prev.text) || count >= 3) {
            start -= 1;
        }
    }
    // A section title or byline above the list.
    for _ in 0..2 {
        if start == 0
            || blocks[start - 1].class != BlockClass::Story
            || !is_label(lines[start - 1].text)
        {
            break;
        }
        start -= 1;
        let (class, reason) = if looks_like_name(lines[start].text) {
            (BlockClass::Boilerplate, BlockReason::Byline)
        } else {
            (BlockClass::Related, BlockReason::List)
        };
        blocks[start].class = class;
        blocks[start].reason = reason;
    }
    for b in &mut blocks[start..] {
        if b.class == BlockClass::Story || b.reason == BlockReason::Dateline {
            b.class = BlockClass::Related;
            b.reason = BlockReason::List;
        }
    }
}

/// A dateline among the first lines (before the story starts) is page chrome.
fn mark_head_datelines(lines: &[Line<'_>], blocks: &mut [Block]) {
    for (i, l) in lines.iter().enumerate().take(HEAD_LINES) {
        if blocks[i].class == BlockClass::Story && parse_dateline(l.text).is_some() {
            blocks[i].class = BlockClass::Boilerplate;
            blocks[i].reason = BlockReason::Dateline;
        }
    }
}

fn ends_like_sentence(text: &str) -> bool {
    text.ends_with(['.', '!', '?', '»', '"']) && !text.ends_with("...")
}

/// A short line that is not a sentence: a section name, a byline.
fn is_label(text: &str) -> bool {
    let words = text.split_whitespace().count();
    (1..=5).contains(&words) && text.chars().count() <= 60 && !ends_like_sentence(text)
}

/// `Ігор Петрук`, `Ірина КостюченкоНовини`: two or three capitalised words, letters only.
pub fn looks_like_name(text: &str) -> bool {
    let words: Vec<&str> = text.split_whitespace().collect();
    (2..=3).contains(&words.len())
        && words.iter().all(|w| {
            w.chars().next().is_some_and(char::is_uppercase)
                && w.chars()
                    .all(|c| c.is_alphabetic() || c == '-' || c == '\'')
                && w.chars().skip(1).any(char::is_lowercase)
        })
}

/// The publication date a text states in a dateline before its story starts.
pub fn head_date(text: &str, blocks: &[Block]) -> Option<String> {
    let chars: Vec<char> = text.chars().collect();
    blocks
        .iter()
        .take(4)
        .take_while(|b| b.class != BlockClass::Story || b.end - b.start < 80)
        .filter(|b| b.reason == BlockReason::Dateline)
        .find_map(|b| {
            let line: String = chars[b.start..b.end].iter().collect();
            parse_dateline(&line).flatten()
        })
}

/// The text of the story blocks, one per line (what the clean export holds).
pub fn story_text(text: &str, blocks: &[Block]) -> String {
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len());
    for b in blocks.iter().filter(|b| b.class == BlockClass::Story) {
        if !out.is_empty() {
            out.push_str("\n\n");
        }
        out.extend(&chars[b.start.min(chars.len())..b.end.min(chars.len())]);
    }
    out
}

/// The whole text, one block per line, non-story lines marked with their class.
pub fn labelled_text(text: &str, blocks: &[Block]) -> String {
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len() + blocks.len() * 8);
    for b in blocks {
        if !out.is_empty() {
            out.push('\n');
        }
        if b.class != BlockClass::Story {
            out.push('[');
            out.push_str(b.class.as_str());
            out.push_str("] ");
        }
        out.extend(&chars[b.start.min(chars.len())..b.end.min(chars.len())]);
    }
    out
}
