-- 0013: a common word's kept answer also counts which of its matches are in a
-- story, first in theirs, or reprinted. Without them the story facet walked
-- every match again: at 100,000 articles `на` took 240–295 ms (p95) instead of
-- 58 ms with the facet's counts kept (measured 2026-12-06). Answers kept so far
-- lack them and go; any change to the stories drops them all, as a change to
-- the articles does (0008).

DELETE FROM word_answer_counts;
DELETE FROM word_answers;

ALTER TABLE word_answer_counts ADD COLUMN members  INTEGER NOT NULL DEFAULT 0;  -- in a story
ALTER TABLE word_answer_counts ADD COLUMN firsts   INTEGER NOT NULL DEFAULT 0;  -- first in theirs
ALTER TABLE word_answer_counts ADD COLUMN reprints INTEGER NOT NULL DEFAULT 0;  -- story across sources

DROP VIEW word_answer_counts_view;
CREATE VIEW word_answer_counts_view AS
SELECT answer_id, nullif(source, '') AS source, language, nullif(day, '') AS published_at, n,
       members, firsts, reprints
FROM word_answer_counts;

CREATE TRIGGER word_answers_drop_on_story_insert AFTER INSERT ON story_members
WHEN EXISTS (SELECT 1 FROM word_answers) BEGIN
    DELETE FROM word_answer_counts;
    DELETE FROM word_answers;
END;

CREATE TRIGGER word_answers_drop_on_story_delete AFTER DELETE ON story_members
WHEN EXISTS (SELECT 1 FROM word_answers) BEGIN
    DELETE FROM word_answer_counts;
    DELETE FROM word_answers;
END;

CREATE TRIGGER word_answers_drop_on_story_update AFTER UPDATE ON story_members
WHEN EXISTS (SELECT 1 FROM word_answers) BEGIN
    DELETE FROM word_answer_counts;
    DELETE FROM word_answers;
END;
