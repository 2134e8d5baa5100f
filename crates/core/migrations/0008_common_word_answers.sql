-- 0008: answers kept for very common words. Ranking and counting every match
-- of a word that most articles contain (`на`, `в`, `что`) reads hundreds of
-- thousands of index entries and rows; the library keeps, per compiled MATCH
-- expression, how many articles match by source, language and day, and the
-- best-ranked matches, so such a query costs what a rare one does. Any change
-- to the articles' text or metadata drops them all; they are rebuilt when
-- next asked for (or right after an import, for the commonest words).

CREATE TABLE word_answers (
    id       INTEGER PRIMARY KEY,
    match    TEXT    NOT NULL UNIQUE,  -- the FTS5 MATCH expression (compiled, never user text)
    total    INTEGER NOT NULL,         -- matching articles
    ranked   TEXT    NOT NULL,         -- JSON [[id, score], …], best first
    kept_at  INTEGER NOT NULL          -- order of keeping; beyond 64 answers the oldest go
) STRICT;

-- Matches by source, language and day, as `article_counts` holds all articles.
CREATE TABLE word_answer_counts (
    answer_id INTEGER NOT NULL REFERENCES word_answers (id) ON DELETE CASCADE,
    source    TEXT    NOT NULL,  -- '' when the article has none
    language  TEXT    NOT NULL,
    day       TEXT    NOT NULL,  -- first 10 characters of published_at ('' when undated)
    n         INTEGER NOT NULL,
    PRIMARY KEY (answer_id, source, language, day)
) STRICT, WITHOUT ROWID;

-- Shaped like `articles a` for the columns search filters on.
CREATE VIEW word_answer_counts_view AS
SELECT answer_id, nullif(source, '') AS source, language, nullif(day, '') AS published_at, n
FROM word_answer_counts;

CREATE TRIGGER word_answers_drop_on_insert AFTER INSERT ON articles
WHEN EXISTS (SELECT 1 FROM word_answers) BEGIN
    DELETE FROM word_answer_counts;
    DELETE FROM word_answers;
END;

CREATE TRIGGER word_answers_drop_on_delete AFTER DELETE ON articles
WHEN EXISTS (SELECT 1 FROM word_answers) BEGIN
    DELETE FROM word_answer_counts;
    DELETE FROM word_answers;
END;

CREATE TRIGGER word_answers_drop_on_update
AFTER UPDATE OF title, body, blocks, source, language, published_at ON articles
WHEN EXISTS (SELECT 1 FROM word_answers) BEGIN
    DELETE FROM word_answer_counts;
    DELETE FROM word_answers;
END;
