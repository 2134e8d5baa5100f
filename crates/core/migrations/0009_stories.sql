-- 0009: story clusters — which articles carry the same story text.
-- Filled by store::stories (incrementally, from the queue the triggers below
-- keep) and built once for existing libraries when they are opened.

-- Each article's sampled word 5-gram hashes, as little-endian i64s (kept so
-- its postings can be removed when its story text changes).
-- `words`: how many story words were read (up to the cap); `source`: the
-- article's, copied so candidates are judged without reading article rows
-- (a change of source queues the article again, see below).
CREATE TABLE story_articles (
    article_id INTEGER PRIMARY KEY REFERENCES articles (id) ON DELETE CASCADE,
    samples    BLOB    NOT NULL,
    words      INTEGER NOT NULL,
    source     TEXT
) STRICT;

-- The inverted table: which articles hold a sampled shingle.
CREATE TABLE story_shingles (
    hash       INTEGER NOT NULL,
    article_id INTEGER NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
    PRIMARY KEY (hash, article_id)
) STRICT, WITHOUT ROWID;

-- Accepted pairs (a < b, internal ids): b carries text of a or the reverse.
CREATE TABLE story_links (
    a           INTEGER NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
    b           INTEGER NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
    shared      INTEGER NOT NULL,
    containment REAL    NOT NULL,
    PRIMARY KEY (a, b)
) STRICT, WITHOUT ROWID;
CREATE INDEX story_links_b ON story_links (b);

-- The story of every article that shares its text with another one (stories
-- of one article have no row). `story` is the uid of the member imported first.
-- size, sources and is_first are the story's, kept here so search can
-- filter and sort on them without grouping.
CREATE TABLE story_members (
    article_id INTEGER PRIMARY KEY REFERENCES articles (id) ON DELETE CASCADE,
    story      TEXT    NOT NULL,
    size       INTEGER NOT NULL,
    sources    INTEGER NOT NULL,
    is_first   INTEGER NOT NULL
) STRICT;
CREATE INDEX story_members_story ON story_members (story);

-- Articles whose story text is new or changed (or whose story lost a member).
CREATE TABLE story_pending (
    article_id INTEGER PRIMARY KEY
) STRICT;

CREATE TRIGGER story_queue_insert AFTER INSERT ON articles BEGIN
    INSERT OR IGNORE INTO story_pending (article_id) VALUES (new.id);
END;
-- A new date or source can change who was first.
-- Only on a real change: a bundle merge rewrites known articles' fields
-- with the same values.
CREATE TRIGGER story_queue_update AFTER UPDATE OF body, blocks, published_at, source ON articles
WHEN old.body IS NOT new.body OR old.blocks IS NOT new.blocks
     OR old.published_at IS NOT new.published_at OR old.source IS NOT new.source
BEGIN
    INSERT OR IGNORE INTO story_pending (article_id) VALUES (new.id);
END;
-- A deleted member's neighbours are re-clustered (the story may split).
CREATE TRIGGER story_queue_delete BEFORE DELETE ON articles BEGIN
    INSERT OR IGNORE INTO story_pending (article_id)
        SELECT b FROM story_links WHERE a = old.id
        UNION SELECT a FROM story_links WHERE b = old.id;
    DELETE FROM story_pending WHERE article_id = old.id;
END;

DELETE FROM library_meta WHERE key = 'stories_version';
