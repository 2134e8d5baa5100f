-- 0005: a narrow covering index of every article column that search filters,
-- sorts or counts by. Totals, facets and the choice of a page read it for each
-- match instead of the wide rows (~4 KB each), which no page cache holds for
-- a large library.

CREATE INDEX articles_search_cover ON articles (id, source, language, published_at);
