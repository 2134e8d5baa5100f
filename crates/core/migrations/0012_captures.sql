-- 0012: capture from the web (issue 18). Each fetch of a page keeps the
-- exact exchange as WARC/1.1 records (request, response, metadata; gzip of
-- them) beside the article its text became, with the capture time, the
-- final address and the SHA-256 of the payload: evidence of what the page
-- said and when. Feeds (RSS, Atom, sitemaps) are polled for new items; each
-- item is captured once.

CREATE TABLE captures (
    id             INTEGER PRIMARY KEY,
    article_uid    TEXT,                 -- the article of the page's text (NULL: none could be kept)
    requested_url  TEXT    NOT NULL,
    final_url      TEXT    NOT NULL,     -- after redirects
    captured_at    TEXT    NOT NULL,     -- RFC 3339, UTC
    http_status    INTEGER NOT NULL,
    content_type   TEXT,
    payload_sha256 TEXT    NOT NULL,     -- hex SHA-256 of the body as received
    payload_bytes  INTEGER NOT NULL,
    warc_gz        BLOB    NOT NULL,     -- gzip of the WARC/1.1 records of this capture
    feed_id        INTEGER               -- the feed whose poll captured it, if any
) STRICT;
CREATE INDEX captures_article ON captures (article_uid);
CREATE INDEX captures_final_url ON captures (final_url);

CREATE TABLE feeds (
    id              INTEGER PRIMARY KEY,
    url             TEXT    NOT NULL UNIQUE,
    added_at        TEXT    NOT NULL,
    etag            TEXT,                -- validators of the last full answer (conditional GET)
    last_modified   TEXT,
    last_polled_at  TEXT,
    last_success_at TEXT,
    last_error      TEXT                 -- NULL when the last poll succeeded
) STRICT;

-- Items seen in a feed, by GUID (else link): each is captured once.
CREATE TABLE feed_items (
    feed_id       INTEGER NOT NULL REFERENCES feeds (id) ON DELETE CASCADE,
    key           TEXT    NOT NULL,
    link          TEXT    NOT NULL,
    first_seen_at TEXT    NOT NULL,
    capture_id    INTEGER,              -- set once captured
    attempts      INTEGER NOT NULL DEFAULT 0,
    error         TEXT,                 -- why the last attempt failed
    PRIMARY KEY (feed_id, key)
) STRICT, WITHOUT ROWID;
CREATE INDEX feed_items_link ON feed_items (link);
