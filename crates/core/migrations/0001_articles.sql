-- 0001: articles and their full-text index.
-- Append-only: never edit a migration after it has landed; add a new one.

CREATE TABLE articles (
    id            INTEGER PRIMARY KEY,           -- internal rowid, also the FTS rowid
    uid           TEXT    NOT NULL UNIQUE,       -- stable id, survives export/import
    title         TEXT    NOT NULL,
    body          TEXT    NOT NULL,              -- text as imported (NFC), never altered
    source        TEXT,
    url           TEXT,
    author        TEXT,
    published_at  TEXT,                          -- YYYY-MM-DD or RFC 3339 UTC
    language      TEXT    NOT NULL CHECK (language IN ('uk', 'ru', 'other')),
    imported_at   TEXT    NOT NULL,              -- RFC 3339 UTC
    origin_path   TEXT    NOT NULL,              -- file (and inner name for containers)
    origin_format TEXT    NOT NULL,              -- txt, html, json, jsonl, csv, warc, ...
    encoding      TEXT,                          -- detected source encoding, when decoded from bytes
    content_hash  TEXT    NOT NULL UNIQUE        -- BLAKE3 of the whitespace-squashed body
) STRICT;

CREATE INDEX articles_published_at ON articles (published_at);
CREATE INDEX articles_source ON articles (source);
CREATE INDEX articles_language ON articles (language);

CREATE VIRTUAL TABLE articles_fts USING fts5 (
    title, body,
    content = 'articles', content_rowid = 'id',
    tokenize = 'unicode61 remove_diacritics 0'
);

-- Bulk import: flush the in-memory term hash every 8 MB instead of every 1 MB
-- and merge 8 segments at a time, so fewer merge passes rewrite the index.
INSERT INTO articles_fts (articles_fts, rank) VALUES ('hashsize', 8388608);
INSERT INTO articles_fts (articles_fts, rank) VALUES ('automerge', 8);

CREATE TRIGGER articles_fts_insert AFTER INSERT ON articles BEGIN
    INSERT INTO articles_fts (rowid, title, body) VALUES (new.id, new.title, new.body);
END;
CREATE TRIGGER articles_fts_delete AFTER DELETE ON articles BEGIN
    INSERT INTO articles_fts (articles_fts, rowid, title, body) VALUES ('delete', old.id, old.title, old.body);
END;
CREATE TRIGGER articles_fts_update AFTER UPDATE OF title, body ON articles BEGIN
    INSERT INTO articles_fts (articles_fts, rowid, title, body) VALUES ('delete', old.id, old.title, old.body);
    INSERT INTO articles_fts (rowid, title, body) VALUES (new.id, new.title, new.body);
END;

CREATE TABLE library_meta (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
) STRICT;
