//! Plain-text articles: the first line is the title when it reads as a headline.

use crate::text::encoding;

use super::prepare::{derive_title, split_headline, RawArticle};
use super::{Format, Sink};

pub(super) fn read(bytes: &[u8], path: &str, sink: &Sink<'_>) {
    let decoded = match encoding::decode(bytes, None) {
        Ok(d) => d,
        Err(e) => {
            sink.failed(path.to_owned(), e.to_string());
            return;
        }
    };
    let text = crate::text::normalize::canonical_text(&decoded.text);
    let (title, body) = split_headline(&text);
    let title = title.or_else(|| Some(derive_title(body)));
    sink.article(
        path.to_owned(),
        Format::Txt,
        RawArticle {
            title,
            body: body.to_owned(),
            encoding: Some(decoded.encoding),
            ..RawArticle::default()
        },
    );
}
