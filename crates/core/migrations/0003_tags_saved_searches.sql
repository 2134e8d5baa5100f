-- 0003: tags (hierarchical by path), article tags, saved searches, and a
-- vocabulary view of the index for "more like this".

CREATE TABLE tags (
    id          INTEGER PRIMARY KEY,
    name        TEXT NOT NULL,                 -- path as the user wrote it: war/diplomacy/geneva
    key         TEXT NOT NULL UNIQUE,          -- lower-cased name: tags differ by more than case
    color       TEXT,                          -- #rrggbb
    description TEXT,
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL
) STRICT;

CREATE TABLE article_tags (
    tag_id     INTEGER NOT NULL REFERENCES tags (id) ON DELETE CASCADE,
    article_id INTEGER NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
    PRIMARY KEY (tag_id, article_id)
) STRICT, WITHOUT ROWID;
CREATE INDEX article_tags_article ON article_tags (article_id, tag_id);

CREATE TABLE saved_searches (
    name       TEXT PRIMARY KEY,
    query      TEXT NOT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
) STRICT;

CREATE VIRTUAL TABLE articles_vocab USING fts5vocab (articles_fts, row);
