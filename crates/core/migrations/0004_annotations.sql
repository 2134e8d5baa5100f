-- 0004: annotations — spans of an article's body (or the whole article) with
-- a note, a colour and tags, anchored W3C-style by quote and by position.

CREATE TABLE annotations (
    id          INTEGER PRIMARY KEY,
    uid         TEXT    NOT NULL UNIQUE,                -- stable id, survives export/import
    article_id  INTEGER NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
    span_start  INTEGER,                                -- code points into the body; NULL: article note
    span_end    INTEGER,
    exact       TEXT,                                   -- TextQuoteSelector: the quote…
    prefix      TEXT,                                   -- …and up to 32 characters either side
    suffix      TEXT,
    note        TEXT    NOT NULL DEFAULT '',
    color       TEXT,
    orphaned    INTEGER NOT NULL DEFAULT 0 CHECK (orphaned IN (0, 1)),
    created_at  TEXT    NOT NULL,
    updated_at  TEXT    NOT NULL,
    CHECK ((span_start IS NULL) = (span_end IS NULL)),
    CHECK (span_start IS NULL OR (span_start >= 0 AND span_start <= span_end))
) STRICT;
CREATE INDEX annotations_article ON annotations (article_id);

CREATE TABLE annotation_tags (
    tag_id        INTEGER NOT NULL REFERENCES tags (id) ON DELETE CASCADE,
    annotation_id INTEGER NOT NULL REFERENCES annotations (id) ON DELETE CASCADE,
    PRIMARY KEY (tag_id, annotation_id)
) STRICT, WITHOUT ROWID;
CREATE INDEX annotation_tags_annotation ON annotation_tags (annotation_id, tag_id);

-- Notes (and quotes) are searchable with `note:`.
CREATE VIRTUAL TABLE annotations_fts USING fts5 (
    note, exact,
    content = 'annotations', content_rowid = 'id',
    tokenize = 'litopys'
);
CREATE TRIGGER annotations_fts_insert AFTER INSERT ON annotations BEGIN
    INSERT INTO annotations_fts (rowid, note, exact) VALUES (new.id, new.note, coalesce(new.exact, ''));
END;
CREATE TRIGGER annotations_fts_delete AFTER DELETE ON annotations BEGIN
    INSERT INTO annotations_fts (annotations_fts, rowid, note, exact)
    VALUES ('delete', old.id, old.note, coalesce(old.exact, ''));
END;
CREATE TRIGGER annotations_fts_update AFTER UPDATE OF note, exact ON annotations BEGIN
    INSERT INTO annotations_fts (annotations_fts, rowid, note, exact)
    VALUES ('delete', old.id, old.note, coalesce(old.exact, ''));
    INSERT INTO annotations_fts (rowid, note, exact) VALUES (new.id, new.note, coalesce(new.exact, ''));
END;
