//! The query language's tokens: words, quoted phrases (straight and
//! typographic quotes), `-`, parentheses, operators and `field:` names
//! (English and Ukrainian). Read by `query`'s parser.

#[derive(Debug, Clone, PartialEq)]
pub(super) enum Tok {
    Open,
    Close,
    Or,
    And,
    Not,
    /// A `-` directly before a term.
    Minus,
    Phrase(String),
    Word(String),
    /// `name:` of a known field.
    Field(Field),
    /// `NEAR` directly followed by `(`.
    Near,
}

#[derive(Debug, Clone, Copy, PartialEq)]
pub(super) enum Field {
    Title,
    Source,
    Lang,
    Tag,
    Note,
    Has,
    Is,
    Story,
    In,
    Skip,
    After,
    Before,
    Date,
}

fn field(name: &str) -> Option<Field> {
    Some(match name.to_lowercase().as_str() {
        "title" | "заголовок" => Field::Title,
        "source" | "site" | "джерело" => Field::Source,
        "lang" | "language" | "мова" => Field::Lang,
        "tag" | "тег" => Field::Tag,
        "note" | "нотатка" => Field::Note,
        "has" | "має" => Field::Has,
        "is" => Field::Is,
        "story" | "сюжет" => Field::Story,
        "in" | "у" => Field::In,
        "skip" | "пропуск" => Field::Skip,
        "after" | "після" => Field::After,
        "before" | "до" => Field::Before,
        "date" | "дата" => Field::Date,
        _ => return None,
    })
}

fn is_open_quote(c: char) -> bool {
    matches!(c, '"' | '«' | '“' | '„')
}

fn is_close_quote(c: char) -> bool {
    matches!(c, '"' | '»' | '”' | '“')
}

fn ends_word(c: char) -> bool {
    c.is_whitespace() || c == '(' || c == ')' || is_open_quote(c)
}

pub(super) fn lex(input: &str) -> Vec<Tok> {
    let chars: Vec<char> = input.chars().collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if c.is_whitespace() {
            i += 1;
        } else if c == '(' {
            out.push(Tok::Open);
            i += 1;
        } else if c == ')' {
            out.push(Tok::Close);
            i += 1;
        } else if is_open_quote(c) {
            let start = i + 1;
            let mut end = start;
            while end < chars.len() && !is_close_quote(chars[end]) {
                end += 1;
            }
            out.push(Tok::Phrase(chars[start..end].iter().collect()));
            i = end + 1;
        } else if c == '-'
            && chars
                .get(i + 1)
                .is_some_and(|&n| !n.is_whitespace() && n != '-' && n != ')')
        {
            out.push(Tok::Minus);
            i += 1;
        } else {
            let start = i;
            while i < chars.len() && !ends_word(chars[i]) {
                if chars[i] == ':' {
                    let name: String = chars[start..i].iter().collect();
                    if let Some(f) = field(&name) {
                        out.push(Tok::Field(f));
                        i += 1;
                        break;
                    }
                }
                i += 1;
            }
            let word: String = chars[start..i].iter().collect();
            if matches!(out.last(), Some(Tok::Field(_))) && word.ends_with(':') {
                continue;
            }
            out.push(match word.as_str() {
                "OR" | "|" | "АБО" => Tok::Or,
                "AND" | "&" | "&&" => Tok::And,
                "NOT" => Tok::Not,
                "NEAR" if chars.get(i) == Some(&'(') => Tok::Near,
                _ => Tok::Word(word),
            });
        }
    }
    out
}
