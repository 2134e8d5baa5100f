//! Plain-text articles: the first line is the title when it reads as a headline.

use crate::text::encoding;

use super::prepare::{split_headline, RawArticle};
use super::{Format, Sink};
use crate::text::blocks;

pub(super) fn read(bytes: &[u8], path: &str, sink: &Sink<'_>) {
    let decoded = match encoding::decode(bytes, None) {
        Ok(d) => d,
        Err(e) => {
            sink.failed(path.to_owned(), e.into());
            return;
        }
    };
    let text = crate::text::normalize::canonical_text(&decoded.text);
    let (title, body) = match split_headline(&text) {
        // A prompt or a dateline on the first line is not the headline.
        (Some(t), _) if !blocks::is_story_line(&t) => (None, text.as_str()),
        split => split,
    };
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
