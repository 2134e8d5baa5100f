-- 0007: article counts by source, language and day, kept by triggers.
-- Start-up (counts of the whole library), the timeline and facets of queries
-- that filter only by source, language and date read these few rows instead
-- of every article, so their cost does not grow with the library.
-- Missing values are stored as '' (key columns cannot be NULL); the view
-- `article_counts_view` gives them back as NULL, as in `articles`.

CREATE TABLE article_counts (
    source       TEXT    NOT NULL,  -- '' when the article has none
    language     TEXT    NOT NULL,
    day          TEXT    NOT NULL,  -- first 10 characters of published_at ('' when undated)
    n            INTEGER NOT NULL,
    PRIMARY KEY (source, language, day)
) STRICT, WITHOUT ROWID;

INSERT INTO article_counts (source, language, day, n)
SELECT coalesce(source, ''), language, coalesce(substr(published_at, 1, 10), ''), count(*)
FROM articles GROUP BY 1, 2, 3;

-- One change of a count: rows inserted here add `delta` to their key's count,
-- and a count that reaches zero is removed.
CREATE VIEW article_counts_change (source, language, day, delta) AS
SELECT source, language, day, n FROM article_counts WHERE 0;

CREATE TRIGGER article_counts_change_apply INSTEAD OF INSERT ON article_counts_change BEGIN
    INSERT INTO article_counts (source, language, day, n)
    VALUES (new.source, new.language, new.day, new.delta)
    ON CONFLICT DO UPDATE SET n = n + excluded.n;
    DELETE FROM article_counts
    WHERE source = new.source AND language = new.language AND day = new.day AND n <= 0;
END;

CREATE TRIGGER article_counts_insert AFTER INSERT ON articles BEGIN
    INSERT INTO article_counts_change VALUES
        (coalesce(new.source, ''), new.language, coalesce(substr(new.published_at, 1, 10), ''), 1);
END;

CREATE TRIGGER article_counts_delete AFTER DELETE ON articles BEGIN
    INSERT INTO article_counts_change VALUES
        (coalesce(old.source, ''), old.language, coalesce(substr(old.published_at, 1, 10), ''), -1);
END;

CREATE TRIGGER article_counts_update AFTER UPDATE OF source, language, published_at ON articles
WHEN old.source IS NOT new.source OR old.language IS NOT new.language
  OR substr(old.published_at, 1, 10) IS NOT substr(new.published_at, 1, 10)
BEGIN
    INSERT INTO article_counts_change VALUES
        (coalesce(old.source, ''), old.language, coalesce(substr(old.published_at, 1, 10), ''), -1),
        (coalesce(new.source, ''), new.language, coalesce(substr(new.published_at, 1, 10), ''), 1);
END;

-- Shaped like `articles a` for the columns search filters on, so the same
-- compiled condition runs over it.
CREATE VIEW article_counts_view AS
SELECT nullif(source, '') AS source, language, nullif(day, '') AS published_at, n
FROM article_counts;
