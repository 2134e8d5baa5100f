-- 0014: an import writes the index entries of a batch's articles together at
-- the batch's end instead of one by one from these triggers.
--
-- Why: every statement that may need undoing part-way (an insert that fires
-- triggers is one) opens a statement savepoint, and FTS5 writes its pending
-- in-memory index to disk at every savepoint. Fed from the trigger, the index
-- was flushed once per imported article, and merging those one-article
-- segments was a third of an import's time (`perf`, 20,000 articles).
--
-- `litopys_fts_by_trigger()` (registered on every connection) is true except
-- while such a caller writes the entries itself (store::fts::deferred), with
-- plain single-row inserts that open no savepoint, in the same transaction.

DROP TRIGGER articles_fts_insert;
CREATE TRIGGER articles_fts_insert AFTER INSERT ON articles WHEN litopys_fts_by_trigger() BEGIN
    INSERT INTO articles_fts (rowid, title, story, extra)
    VALUES (new.id, new.title, litopys_story(new.body, new.blocks), litopys_extra(new.body, new.blocks));
END;

-- The same for re-classification, which updates many articles' blocks at
-- once: the caller deletes their old entries first and writes the new ones
-- after the updates.
DROP TRIGGER articles_fts_update;
CREATE TRIGGER articles_fts_update AFTER UPDATE OF title, body, blocks ON articles WHEN litopys_fts_by_trigger() BEGIN
    INSERT INTO articles_fts (articles_fts, rowid, title, story, extra)
    VALUES ('delete', old.id, old.title, litopys_story(old.body, old.blocks), litopys_extra(old.body, old.blocks));
    INSERT INTO articles_fts (rowid, title, story, extra)
    VALUES (new.id, new.title, litopys_story(new.body, new.blocks), litopys_extra(new.body, new.blocks));
END;
