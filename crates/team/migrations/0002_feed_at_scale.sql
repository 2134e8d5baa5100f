-- Team schema 2: the change feed at 100,000 articles.
-- Append-only: a landed file is never edited; add 0003_... instead.
--
-- 1. Row-level security asked team_role() once per ROW (a STABLE SECURITY
--    DEFINER function is neither inlined nor cached), so every feed read and
--    every pushed row paid one lookup in `members`. As a scalar subquery it is
--    an InitPlan: once per statement.
-- 2. A pull that receives an article late (it was changed again after its
--    tags and notes were pushed) asks for everything that belongs to it; that
--    was a scan of the whole feed per pulled batch, quadratic in the team's
--    size. `article` names the article an item belongs to, indexed.

DROP POLICY changes_read ON changes;
DROP POLICY changes_add ON changes;
DROP POLICY changes_change ON changes;
CREATE POLICY changes_read ON changes FOR SELECT USING ((SELECT team_role()) IS NOT NULL);
CREATE POLICY changes_add ON changes FOR INSERT
    WITH CHECK (member = current_user AND (SELECT team_role()) IN ('editor', 'admin'));
CREATE POLICY changes_change ON changes FOR UPDATE
    USING ((SELECT team_role()) IN ('editor', 'admin'))
    WITH CHECK (member = current_user AND (SELECT team_role()) IN ('editor', 'admin'));

DROP POLICY members_manage ON members;
CREATE POLICY members_manage ON members FOR ALL
    USING ((SELECT team_role()) = 'admin') WITH CHECK ((SELECT team_role()) = 'admin');

ALTER TABLE changes ADD COLUMN article text GENERATED ALWAYS AS (
    CASE kind
        WHEN 'article_tag' THEN split_part(key, chr(31), 2)
        WHEN 'block_class' THEN split_part(key, chr(31), 1)
        WHEN 'annotation' THEN payload ->> 'article'
    END) STORED;
CREATE INDEX changes_article ON changes (article) WHERE article IS NOT NULL;
