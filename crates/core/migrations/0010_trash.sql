-- 0010: the trash. A removed article is kept here as one line of the bundle
-- format (the article with its tags, annotations and line classes, see
-- export::bundle), so putting it back is an ordinary bundle merge. Entries
-- older than 30 days are dropped when the library is opened.

CREATE TABLE trash (
    id         INTEGER PRIMARY KEY,
    uid        TEXT    NOT NULL,  -- the article's stable id when it was removed
    title      TEXT    NOT NULL,
    line       TEXT    NOT NULL,  -- the bundle line (JSON)
    tags       TEXT    NOT NULL,  -- the bundle header's tags it uses (JSON), colours and descriptions kept
    removal    INTEGER NOT NULL,  -- one removal (what Undo puts back); grows
    removed_at TEXT    NOT NULL   -- RFC 3339 UTC
) STRICT;
CREATE INDEX trash_uid ON trash (uid);
CREATE INDEX trash_removal ON trash (removal);
CREATE INDEX trash_removed_at ON trash (removed_at);

-- Removing an article removes its rows here (foreign keys cascade); without
-- an index on article_id each removal read both tables whole: 1,700 articles
-- took 82 s in a debug build.
CREATE INDEX story_shingles_article ON story_shingles (article_id);
CREATE INDEX block_repeats_article ON block_repeats (article_id);
