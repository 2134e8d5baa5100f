-- 0006: the story and what the site put around it. Each article's text keeps
-- its blocks' classes beside it (the text itself is never altered); the index
-- holds the story and the rest in separate columns, so search can cover the
-- story alone or everything.

-- Non-story blocks and user-set blocks, e.g. `bp120-200 rl201-900`
-- (class s/b/r, reason, code-point range); '' when it is all story, NULL
-- until the article is classified (read as all story).
ALTER TABLE articles ADD COLUMN blocks TEXT;

-- Classes the user set; kept across re-classification and text edits
-- (matched by the block's normalised text).
CREATE TABLE block_overrides (
    article_id INTEGER NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
    text_key   INTEGER NOT NULL,
    class      TEXT    NOT NULL CHECK (class IN ('story', 'boilerplate', 'related')),
    created_at TEXT    NOT NULL,
    PRIMARY KEY (article_id, text_key)
) STRICT, WITHOUT ROWID;

-- What the library teaches: which short lines recur in the articles of one
-- source (key = hash of source and normalised line).
CREATE TABLE block_repeats (
    key        INTEGER NOT NULL,
    article_id INTEGER NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
    PRIMARY KEY (key, article_id)
) STRICT, WITHOUT ROWID;

-- Articles to classify again because some of their lines became recurring
-- (kept in the file, so an interrupted import finishes this on next open).
CREATE TABLE block_pending (
    article_id INTEGER PRIMARY KEY REFERENCES articles (id) ON DELETE CASCADE
) STRICT;

DROP TABLE articles_vocab;
DROP TRIGGER articles_fts_insert;
DROP TRIGGER articles_fts_delete;
DROP TRIGGER articles_fts_update;
DROP TABLE articles_fts;

-- litopys_story / litopys_extra are registered on every connection.
CREATE VIEW articles_text AS
    SELECT id, title, litopys_story(body, blocks) AS story, litopys_extra(body, blocks) AS extra
    FROM articles;

CREATE VIRTUAL TABLE articles_fts USING fts5 (
    title, story, extra,
    content = 'articles_text', content_rowid = 'id',
    tokenize = 'litopys'
);
INSERT INTO articles_fts (articles_fts, rank) VALUES ('hashsize', 8388608);
INSERT INTO articles_fts (articles_fts, rank) VALUES ('automerge', 8);

CREATE TRIGGER articles_fts_insert AFTER INSERT ON articles BEGIN
    INSERT INTO articles_fts (rowid, title, story, extra)
    VALUES (new.id, new.title, litopys_story(new.body, new.blocks), litopys_extra(new.body, new.blocks));
END;
CREATE TRIGGER articles_fts_delete AFTER DELETE ON articles BEGIN
    INSERT INTO articles_fts (articles_fts, rowid, title, story, extra)
    VALUES ('delete', old.id, old.title, litopys_story(old.body, old.blocks), litopys_extra(old.body, old.blocks));
END;
CREATE TRIGGER articles_fts_update AFTER UPDATE OF title, body, blocks ON articles BEGIN
    INSERT INTO articles_fts (articles_fts, rowid, title, story, extra)
    VALUES ('delete', old.id, old.title, litopys_story(old.body, old.blocks), litopys_extra(old.body, old.blocks));
    INSERT INTO articles_fts (rowid, title, story, extra)
    VALUES (new.id, new.title, litopys_story(new.body, new.blocks), litopys_extra(new.body, new.blocks));
END;

CREATE VIRTUAL TABLE articles_vocab USING fts5vocab (articles_fts, row);

-- The index is filled by the classification that runs right after this
-- migration (store::blocks::ensure_current), which then rebuilds it.
DELETE FROM library_meta WHERE key = 'blocks_version';
