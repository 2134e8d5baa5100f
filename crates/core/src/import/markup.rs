//! A linear, non-recursive scan of HTML tags: the nesting depth a tree
//! builder would reach, and the visible text of a page too deeply nested to
//! give to the DOM parser (dom_smoothie/dom_query recurse over the tree).
//!
//! Each byte is looked at a bounded number of times and the only state is a
//! stack of open tag names (popped at most once per push), so both functions
//! are O(n) in the input whatever its shape.

use std::collections::HashMap;

/// Elements that never have content (`<br>`, `<img>` …): they do not nest.
const VOID: &[&str] = &[
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source",
    "track", "wbr", "keygen", "frame", "basefont", "bgsound", "command",
];

/// Elements whose content is raw text up to their end tag (no tags inside).
const RAW_TEXT: &[&str] = &[
    "script",
    "style",
    "textarea",
    "title",
    "xmp",
    "iframe",
    "noembed",
    "noframes",
    "plaintext",
];

/// Elements whose content is not visible text.
const HIDDEN: &[&str] = &[
    "script", "style", "noscript", "template", "head", "svg", "math", "iframe", "noembed",
    "noframes", "select",
];

/// Elements that start a new line of text.
const BLOCK: &[&str] = &[
    "p",
    "div",
    "br",
    "li",
    "ul",
    "ol",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "tr",
    "table",
    "blockquote",
    "pre",
    "section",
    "article",
    "header",
    "footer",
    "hr",
    "dd",
    "dt",
    "dl",
    "figure",
    "figcaption",
    "main",
    "aside",
    "nav",
    "address",
    "form",
    "fieldset",
    "details",
    "summary",
    "caption",
    "tbody",
    "thead",
    "tfoot",
];

/// Elements an opening tag of the same name closes when it is the innermost one.
const SELF_CLOSING_SIBLINGS: &[&str] = &["p", "li", "dt", "dd", "option", "tr", "td", "th"];

enum Token<'a> {
    Open {
        name: String,
        self_closing: bool,
    },
    Close {
        name: String,
    },
    Text(&'a str),
    /// The content of a raw-text element (`<script>`, `<title>` …).
    RawText {
        name: String,
        text: &'a str,
    },
}

/// Calls `f` for every tag and text run of `html`, in order.
fn tokens<'a>(html: &'a str, mut f: impl FnMut(Token<'a>)) {
    let b = html.as_bytes();
    let mut i = 0;
    let mut text_start = 0;
    while i < b.len() {
        if b[i] != b'<' {
            i += 1;
            continue;
        }
        let next = b.get(i + 1).copied().unwrap_or(0);
        let is_tag = next.is_ascii_alphabetic() || next == b'/' || next == b'!' || next == b'?';
        if !is_tag {
            i += 1;
            continue;
        }
        if text_start < i {
            f(Token::Text(&html[text_start..i]));
        }
        if b[i + 1..].starts_with(b"!--") {
            i = find(b, i + 4, b"-->").map_or(b.len(), |e| e + 3);
            text_start = i;
            continue;
        }
        if next == b'!' || next == b'?' {
            i = find(b, i + 2, b">").map_or(b.len(), |e| e + 1);
            text_start = i;
            continue;
        }
        let closing = next == b'/';
        let name_start = if closing { i + 2 } else { i + 1 };
        let mut j = name_start;
        while j < b.len() && !b[j].is_ascii_whitespace() && b[j] != b'>' && b[j] != b'/' {
            j += 1;
        }
        let name = html[name_start..j].to_ascii_lowercase();
        // Attributes: a `>` inside a quoted value does not end the tag. As in
        // the HTML tokenizer (and html5ever), a quote opens a value only right
        // after `=`; elsewhere it is a character of a name or an unquoted value.
        // Taking every quote as an opening one lost step with the browser's
        // reading after one stray quote (`class="c4¢><div class="c5">`): the
        // rest of the page became one tag, so 20,000 nested `<div>`s passed
        // the nesting check and took the DOM parser 25 s (fuzz input html 249644).
        let mut quote = 0u8;
        let mut after_eq = false;
        while j < b.len() {
            let c = b[j];
            if quote != 0 {
                if c == quote {
                    quote = 0;
                }
            } else if (c == b'"' || c == b'\'') && after_eq {
                quote = c;
                after_eq = false;
            } else if c == b'>' {
                break;
            } else if c == b'=' {
                after_eq = true;
            } else if !c.is_ascii_whitespace() {
                after_eq = false;
            }
            j += 1;
        }
        let self_closing = j > 0 && j < b.len() && b[j - 1] == b'/';
        i = (j + 1).min(b.len());
        text_start = i;
        if closing {
            f(Token::Close { name });
            continue;
        }
        let raw = RAW_TEXT.contains(&name.as_str()) && !self_closing;
        f(Token::Open {
            name: name.clone(),
            self_closing,
        });
        if raw {
            let end = find_end_tag(b, i, &name).unwrap_or(b.len());
            f(Token::RawText {
                name: name.clone(),
                text: &html[i..end],
            });
            f(Token::Close { name });
            i = find(b, end, b">").map_or(b.len(), |e| e + 1);
            text_start = i;
        }
    }
    if text_start < b.len() {
        f(Token::Text(&html[text_start..]));
    }
}

fn find(hay: &[u8], from: usize, needle: &[u8]) -> Option<usize> {
    hay.get(from..)?
        .windows(needle.len())
        .position(|w| w == needle)
        .map(|p| p + from)
}

/// Where `</name` begins (ASCII case-insensitive), from `from` on.
fn find_end_tag(b: &[u8], from: usize, name: &str) -> Option<usize> {
    let mut at = from;
    while let Some(p) = find(b, at, b"</") {
        let rest = &b[p + 2..];
        if rest.len() >= name.len() && rest[..name.len()].eq_ignore_ascii_case(name.as_bytes()) {
            return Some(p);
        }
        at = p + 2;
    }
    None
}

/// Open elements, with a count per name so that an unmatched end tag is
/// recognised without searching the stack (that search would be quadratic).
#[derive(Default)]
struct OpenElements {
    stack: Vec<String>,
    open: HashMap<String, usize>,
}

impl OpenElements {
    fn push(&mut self, name: String) {
        if SELF_CLOSING_SIBLINGS.contains(&name.as_str())
            && self.stack.last().is_some_and(|top| *top == name)
        {
            self.pop();
        }
        *self.open.entry(name.clone()).or_default() += 1;
        self.stack.push(name);
    }

    fn pop(&mut self) -> Option<String> {
        let name = self.stack.pop()?;
        if let Some(n) = self.open.get_mut(&name) {
            *n -= 1;
        }
        Some(name)
    }

    /// Closes `name` and everything opened inside it; an end tag with no open element is ignored.
    fn close(&mut self, name: &str) {
        if self.open.get(name).copied().unwrap_or(0) == 0 {
            return;
        }
        while let Some(popped) = self.pop() {
            if popped == name {
                break;
            }
        }
    }

    fn depth(&self) -> usize {
        self.stack.len()
    }

    fn inside_any(&self, names: &[&str]) -> bool {
        names
            .iter()
            .any(|n| self.open.get(*n).copied().unwrap_or(0) > 0)
    }
}

/// The deepest element nesting of `html`, counted as a tree builder would
/// (void and self-closed elements do not nest; a `<p>` or `<li>` directly
/// inside one of its own kind closes it). It never under-counts what
/// html5ever builds for the shapes that matter (runs of one element), so a
/// page under the cap is safe to hand to the DOM parser.
#[cfg(test)]
fn nesting_depth(html: &str) -> usize {
    shape(html).depth
}

/// What makes a page expensive for the DOM parser, measured in one linear scan.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Shape {
    /// The deepest element nesting (see [`nesting_depth`]).
    pub depth: usize,
    /// Bytes html5ever 0.40's serializer scans for the page's text: for each
    /// `&` or 0xC2 byte (`°`, `«`, `»`, NBSP …) of a text node it searches to
    /// the next `<` or `>` of that node, so one long paragraph full of them
    /// is quadratic (300 KB of `a°` took 0.64 s in dom_smoothie, 560 KB of
    /// mojibake 2.2 s). The sum over text runs of specials × length.
    pub serializer_scan: u64,
}

pub(crate) fn shape(html: &str) -> Shape {
    let mut open = OpenElements::default();
    let mut deepest = 0;
    let mut scan = 0u64;
    tokens(html, |t| match t {
        Token::Open { name, self_closing } => {
            if !self_closing && !VOID.contains(&name.as_str()) {
                open.push(name);
                deepest = deepest.max(open.depth());
            }
        }
        Token::Close { name } => open.close(&name),
        Token::Text(text) => {
            let specials = text.bytes().filter(|&b| b == b'&' || b == 0xC2).count() as u64;
            scan = scan.saturating_add(specials.saturating_mul(text.len() as u64));
        }
        Token::RawText { .. } => {}
    });
    Shape {
        depth: deepest,
        serializer_scan: scan,
    }
}

/// The title and visible text of a page, without building a tree: text of
/// hidden elements (scripts, styles, templates …) is skipped, block elements
/// start new paragraphs, entities are decoded.
pub(crate) fn visible_text(html: &str) -> (Option<String>, String) {
    let mut open = OpenElements::default();
    let mut title = None;
    let mut out = String::with_capacity(html.len() / 2);
    tokens(html, |t| match t {
        Token::Open { name, self_closing } => {
            if BLOCK.contains(&name.as_str()) {
                out.push_str(if name == "br" { "\n" } else { "\n\n" });
            }
            if !self_closing && !VOID.contains(&name.as_str()) {
                open.push(name);
            }
        }
        Token::Close { name } => {
            if BLOCK.contains(&name.as_str()) {
                out.push_str("\n\n");
            }
            open.close(&name);
        }
        Token::RawText { name, text } => {
            if name == "title" && title.is_none() {
                let t = squash(&decode_entities(text));
                title = Some(t).filter(|t| !t.is_empty());
            } else if name == "textarea" && !open.inside_any(HIDDEN) {
                out.push_str(&decode_entities(text));
            }
        }
        Token::Text(text) => {
            if !open.inside_any(HIDDEN) {
                let t = decode_entities(text);
                let mut words = t.split_whitespace().peekable();
                if t.starts_with(char::is_whitespace) && !out.ends_with(char::is_whitespace) {
                    out.push(' ');
                }
                while let Some(w) = words.next() {
                    out.push_str(w);
                    if words.peek().is_some() || t.ends_with(char::is_whitespace) {
                        out.push(' ');
                    }
                }
            }
        }
    });
    (title, tidy_lines(&out))
}

/// Trims every line and keeps at most one blank line between paragraphs.
fn tidy_lines(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut blank = false;
    for line in text.lines().map(str::trim) {
        if line.is_empty() {
            blank = !out.is_empty();
            continue;
        }
        if blank {
            out.push_str("\n\n");
        } else if !out.is_empty() {
            out.push('\n');
        }
        blank = false;
        out.push_str(line);
    }
    out
}

fn squash(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Decodes numeric character references and the named entities news pages use.
pub(crate) fn decode_entities(text: &str) -> String {
    if !text.contains('&') {
        return text.to_owned();
    }
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(amp) = rest.find('&') {
        out.push_str(&rest[..amp]);
        let after = &rest[amp + 1..];
        // Entities are short: never look further than 32 bytes for the `;`.
        let semi = after
            .bytes()
            .take(32)
            .position(|b| b == b';')
            .map(|p| (p, &after[..p]));
        let decoded = semi.and_then(|(p, name)| entity(name).map(|c| (p, c)));
        match decoded {
            Some((p, c)) => {
                out.push(c);
                rest = &after[p + 1..];
            }
            None => {
                out.push('&');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

fn entity(name: &str) -> Option<char> {
    if let Some(num) = name.strip_prefix('#') {
        let code = match num.strip_prefix(['x', 'X']) {
            Some(hex) => u32::from_str_radix(hex, 16).ok()?,
            None => num.parse().ok()?,
        };
        return char::from_u32(code).filter(|c| *c != '\0');
    }
    Some(match name {
        "amp" => '&',
        "lt" => '<',
        "gt" => '>',
        "quot" => '"',
        "apos" => '\'',
        "nbsp" => '\u{a0}',
        "laquo" => '«',
        "raquo" => '»',
        "bdquo" => '„',
        "ldquo" => '“',
        "rdquo" => '”',
        "lsquo" => '‘',
        "rsquo" => '’',
        "mdash" => '—',
        "ndash" => '–',
        "hellip" => '…',
        "copy" => '©',
        "reg" => '®',
        "deg" => '°',
        "middot" => '·',
        "times" => '×',
        "shy" => '\u{ad}',
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn depth_counts_nesting_not_siblings() {
        assert_eq!(nesting_depth(&"<div>".repeat(300)), 300);
        assert_eq!(nesting_depth(&"<p>x".repeat(1000)), 1);
        assert_eq!(nesting_depth(&"<div><br><img src=x/></div>".repeat(50)), 1);
        assert_eq!(
            nesting_depth("<html><body><b><i>x</i></b><b>y</b></body></html>"),
            4
        );
        // An unmatched end tag does not close what is open.
        assert_eq!(nesting_depth("<div><div></span><div>"), 3);
        // Tags inside a script are not tags.
        assert_eq!(nesting_depth("<script>'<div><div><div>'</script>"), 1);
    }

    /// Regression (fuzz input html 249644): a stray quote made the rest of the
    /// page one tag, hiding 20,000 nested `<div>`s from the nesting check.
    #[test]
    fn a_quote_opens_a_value_only_after_equals_as_in_the_html_tokenizer() {
        let stray = format!(
            "<div class=\"c4\u{a2}><div class=\"c5\">{}",
            "<div s=\"c6\">".repeat(600)
        );
        assert_eq!(nesting_depth(&stray), 601);
        // A quoted value still hides a `>`; a quote inside a name or an
        // unquoted value is a plain character.
        assert_eq!(nesting_depth("<div title=\"a>b\"><div>"), 2);
        assert_eq!(nesting_depth("<div title = 'a>b'><div>"), 2);
        assert_eq!(nesting_depth("<div a\"b=c\"d><div x=y\"z><div>"), 3);
    }

    #[test]
    fn serializer_scan_grows_with_specials_in_one_text_run() {
        let one_run = format!("<p>{}</p>", "a° ".repeat(1000));
        let many_runs = format!("<p>{}</p>", "a° ".repeat(10)).repeat(100);
        assert_eq!(shape(&one_run).serializer_scan, 1000 * 4000);
        assert_eq!(shape(&many_runs).serializer_scan, 100 * 10 * 40);
        assert_eq!(shape("<p>plain text</p>").serializer_scan, 0);
    }

    #[test]
    fn visible_text_skips_hidden_content_and_decodes_entities() {
        let page = "<html><head><title>Заголовок &amp; більше</title><style>p{}</style></head>\
            <body><script>var a = '<p>no</p>';</script><p>Перший&nbsp;абзац &#1111;</p>\
            <div>Другий <b>абзац</b></div><noscript>ні</noscript></body></html>";
        let (title, text) = visible_text(page);
        assert_eq!(title.as_deref(), Some("Заголовок & більше"));
        assert_eq!(text, "Перший абзац ї\n\nДругий абзац");
    }
}
