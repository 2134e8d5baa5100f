-- 0011: the team link (issue 17). A library joined to a team database keeps
-- here where that is (URL without password, member name), how far it has
-- pulled the team's change feed, and its hybrid logical clock; the outbox
-- lists what changed locally since the last push. Triggers fill the outbox
-- from every write path (tags, article tags, annotations, line classes,
-- saved searches, article import, edit and removal), only while the library
-- is joined and not while a pull is applying the team's own changes.

CREATE TABLE team_link (
    id         INTEGER PRIMARY KEY CHECK (id = 1),
    url        TEXT    NOT NULL,            -- postgresql://user@host:port/db?sslmode=..., never a password
    member     TEXT    NOT NULL,            -- the PostgreSQL role this library connects as
    pulled_seq INTEGER NOT NULL DEFAULT 0,  -- the team feed's sequence applied up to
    hlc        INTEGER NOT NULL DEFAULT 0,  -- hybrid logical clock: ms since 1970, never going back
    applying   INTEGER NOT NULL DEFAULT 0,  -- 1 while a pull applies team changes (not echoed back)
    joined_at  TEXT    NOT NULL
) STRICT;

-- Latest local change per item (state-based: the item's present state is
-- read when it is pushed; a missing item is pushed as deleted).
CREATE TABLE team_outbox (
    kind TEXT    NOT NULL,  -- article, tag, article_tag, annotation, block_class, saved_search
    key  TEXT    NOT NULL,
    hlc  INTEGER NOT NULL,
    PRIMARY KEY (kind, key)
) STRICT, WITHOUT ROWID;

-- Who made each annotation's last change, as the team feed says (shown in the reader).
CREATE TABLE team_authors (
    annotation_uid TEXT PRIMARY KEY,
    member         TEXT NOT NULL
) STRICT, WITHOUT ROWID;

-- One tick of the clock, then the change: used by every trigger below.
CREATE VIEW team_recording AS
    SELECT 1 AS on_ FROM team_link WHERE applying = 0;

CREATE TRIGGER team_articles_insert AFTER INSERT ON articles
WHEN EXISTS (SELECT 1 FROM team_recording) BEGIN
    UPDATE team_link SET hlc = max(hlc + 1, CAST(unixepoch('subsec') * 1000 AS INTEGER));
    INSERT OR REPLACE INTO team_outbox (kind, key, hlc)
    SELECT 'article', new.uid, hlc FROM team_link;
END;
CREATE TRIGGER team_articles_update AFTER UPDATE OF title, body, source, url, author, published_at, language ON articles
WHEN EXISTS (SELECT 1 FROM team_recording) BEGIN
    UPDATE team_link SET hlc = max(hlc + 1, CAST(unixepoch('subsec') * 1000 AS INTEGER));
    INSERT OR REPLACE INTO team_outbox (kind, key, hlc)
    SELECT 'article', new.uid, hlc FROM team_link;
END;
CREATE TRIGGER team_articles_delete AFTER DELETE ON articles
WHEN EXISTS (SELECT 1 FROM team_recording) BEGIN
    UPDATE team_link SET hlc = max(hlc + 1, CAST(unixepoch('subsec') * 1000 AS INTEGER));
    INSERT OR REPLACE INTO team_outbox (kind, key, hlc)
    SELECT 'article', old.uid, hlc FROM team_link;
END;

CREATE TRIGGER team_tags_insert AFTER INSERT ON tags
WHEN EXISTS (SELECT 1 FROM team_recording) BEGIN
    UPDATE team_link SET hlc = max(hlc + 1, CAST(unixepoch('subsec') * 1000 AS INTEGER));
    INSERT OR REPLACE INTO team_outbox (kind, key, hlc)
    SELECT 'tag', new.key, hlc FROM team_link;
END;
CREATE TRIGGER team_tags_update AFTER UPDATE OF name, key, color, description ON tags
WHEN EXISTS (SELECT 1 FROM team_recording) BEGIN
    UPDATE team_link SET hlc = max(hlc + 1, CAST(unixepoch('subsec') * 1000 AS INTEGER));
    INSERT OR REPLACE INTO team_outbox (kind, key, hlc)
    SELECT 'tag', new.key, hlc FROM team_link;
    -- A renamed tag: the old name goes, and so do its article tags and
    -- annotation tags under the old name (they come back under the new one).
    INSERT OR REPLACE INTO team_outbox (kind, key, hlc)
    SELECT 'tag', old.key, hlc FROM team_link WHERE old.key <> new.key;
    INSERT OR REPLACE INTO team_outbox (kind, key, hlc)
    SELECT 'article_tag', k.tag || char(31) || a.uid, l.hlc
    FROM article_tags x JOIN articles a ON a.id = x.article_id,
         (SELECT old.key AS tag UNION ALL SELECT new.key) k, team_link l
    WHERE x.tag_id = new.id AND old.key <> new.key;
    INSERT OR REPLACE INTO team_outbox (kind, key, hlc)
    SELECT 'annotation', n.uid, l.hlc
    FROM annotation_tags x JOIN annotations n ON n.id = x.annotation_id, team_link l
    WHERE x.tag_id = new.id AND old.key <> new.key;
END;
CREATE TRIGGER team_tags_delete AFTER DELETE ON tags
WHEN EXISTS (SELECT 1 FROM team_recording) BEGIN
    UPDATE team_link SET hlc = max(hlc + 1, CAST(unixepoch('subsec') * 1000 AS INTEGER));
    INSERT OR REPLACE INTO team_outbox (kind, key, hlc)
    SELECT 'tag', old.key, hlc FROM team_link;
END;

-- Article tags removed with their tag or article (foreign-key cascades) are
-- not recorded one by one: the tag's or article's deletion carries them.
CREATE TRIGGER team_article_tags_insert AFTER INSERT ON article_tags
WHEN EXISTS (SELECT 1 FROM team_recording) BEGIN
    UPDATE team_link SET hlc = max(hlc + 1, CAST(unixepoch('subsec') * 1000 AS INTEGER));
    INSERT OR REPLACE INTO team_outbox (kind, key, hlc)
    SELECT 'article_tag', t.key || char(31) || a.uid, l.hlc
    FROM tags t, articles a, team_link l WHERE t.id = new.tag_id AND a.id = new.article_id;
END;
CREATE TRIGGER team_article_tags_delete AFTER DELETE ON article_tags
WHEN EXISTS (SELECT 1 FROM team_recording) BEGIN
    UPDATE team_link SET hlc = max(hlc + 1, CAST(unixepoch('subsec') * 1000 AS INTEGER));
    INSERT OR REPLACE INTO team_outbox (kind, key, hlc)
    SELECT 'article_tag', t.key || char(31) || a.uid, l.hlc
    FROM tags t, articles a, team_link l WHERE t.id = old.tag_id AND a.id = old.article_id;
END;

CREATE TRIGGER team_annotations_insert AFTER INSERT ON annotations
WHEN EXISTS (SELECT 1 FROM team_recording) BEGIN
    UPDATE team_link SET hlc = max(hlc + 1, CAST(unixepoch('subsec') * 1000 AS INTEGER));
    INSERT OR REPLACE INTO team_outbox (kind, key, hlc)
    SELECT 'annotation', new.uid, hlc FROM team_link;
END;
CREATE TRIGGER team_annotations_update AFTER UPDATE ON annotations
WHEN EXISTS (SELECT 1 FROM team_recording) BEGIN
    UPDATE team_link SET hlc = max(hlc + 1, CAST(unixepoch('subsec') * 1000 AS INTEGER));
    INSERT OR REPLACE INTO team_outbox (kind, key, hlc)
    SELECT 'annotation', new.uid, hlc FROM team_link;
END;
CREATE TRIGGER team_annotations_delete AFTER DELETE ON annotations
WHEN EXISTS (SELECT 1 FROM team_recording) BEGIN
    UPDATE team_link SET hlc = max(hlc + 1, CAST(unixepoch('subsec') * 1000 AS INTEGER));
    INSERT OR REPLACE INTO team_outbox (kind, key, hlc)
    SELECT 'annotation', old.uid, hlc FROM team_link;
END;
CREATE TRIGGER team_annotation_tags_insert AFTER INSERT ON annotation_tags
WHEN EXISTS (SELECT 1 FROM team_recording) BEGIN
    UPDATE team_link SET hlc = max(hlc + 1, CAST(unixepoch('subsec') * 1000 AS INTEGER));
    INSERT OR REPLACE INTO team_outbox (kind, key, hlc)
    SELECT 'annotation', n.uid, l.hlc FROM annotations n, team_link l WHERE n.id = new.annotation_id;
END;
CREATE TRIGGER team_annotation_tags_delete AFTER DELETE ON annotation_tags
WHEN EXISTS (SELECT 1 FROM team_recording) BEGIN
    UPDATE team_link SET hlc = max(hlc + 1, CAST(unixepoch('subsec') * 1000 AS INTEGER));
    INSERT OR REPLACE INTO team_outbox (kind, key, hlc)
    SELECT 'annotation', n.uid, l.hlc FROM annotations n, team_link l WHERE n.id = old.annotation_id;
END;

CREATE TRIGGER team_block_overrides_insert AFTER INSERT ON block_overrides
WHEN EXISTS (SELECT 1 FROM team_recording) BEGIN
    UPDATE team_link SET hlc = max(hlc + 1, CAST(unixepoch('subsec') * 1000 AS INTEGER));
    INSERT OR REPLACE INTO team_outbox (kind, key, hlc)
    SELECT 'block_class', a.uid || char(31) || new.text_key, l.hlc
    FROM articles a, team_link l WHERE a.id = new.article_id;
END;
CREATE TRIGGER team_block_overrides_update AFTER UPDATE ON block_overrides
WHEN EXISTS (SELECT 1 FROM team_recording) BEGIN
    UPDATE team_link SET hlc = max(hlc + 1, CAST(unixepoch('subsec') * 1000 AS INTEGER));
    INSERT OR REPLACE INTO team_outbox (kind, key, hlc)
    SELECT 'block_class', a.uid || char(31) || new.text_key, l.hlc
    FROM articles a, team_link l WHERE a.id = new.article_id;
END;
CREATE TRIGGER team_block_overrides_delete AFTER DELETE ON block_overrides
WHEN EXISTS (SELECT 1 FROM team_recording) BEGIN
    UPDATE team_link SET hlc = max(hlc + 1, CAST(unixepoch('subsec') * 1000 AS INTEGER));
    INSERT OR REPLACE INTO team_outbox (kind, key, hlc)
    SELECT 'block_class', a.uid || char(31) || old.text_key, l.hlc
    FROM articles a, team_link l WHERE a.id = old.article_id;
END;

CREATE TRIGGER team_saved_searches_insert AFTER INSERT ON saved_searches
WHEN EXISTS (SELECT 1 FROM team_recording) BEGIN
    UPDATE team_link SET hlc = max(hlc + 1, CAST(unixepoch('subsec') * 1000 AS INTEGER));
    INSERT OR REPLACE INTO team_outbox (kind, key, hlc)
    SELECT 'saved_search', new.name, hlc FROM team_link;
END;
CREATE TRIGGER team_saved_searches_update AFTER UPDATE ON saved_searches
WHEN EXISTS (SELECT 1 FROM team_recording) BEGIN
    UPDATE team_link SET hlc = max(hlc + 1, CAST(unixepoch('subsec') * 1000 AS INTEGER));
    INSERT OR REPLACE INTO team_outbox (kind, key, hlc)
    SELECT 'saved_search', new.name, hlc FROM team_link;
END;
CREATE TRIGGER team_saved_searches_delete AFTER DELETE ON saved_searches
WHEN EXISTS (SELECT 1 FROM team_recording) BEGIN
    UPDATE team_link SET hlc = max(hlc + 1, CAST(unixepoch('subsec') * 1000 AS INTEGER));
    INSERT OR REPLACE INTO team_outbox (kind, key, hlc)
    SELECT 'saved_search', old.name, hlc FROM team_link;
END;
