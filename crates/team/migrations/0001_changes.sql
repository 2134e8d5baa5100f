-- Team schema 1: members with their roles, and the change feed.
-- Append-only: a landed file is never edited; add 0002_... instead.
-- {reader}, {editor} and {admin} are this database's group roles (quoted
-- identifiers, filled in by Litopys: role names are cluster-wide).

CREATE TABLE members (
    name       text PRIMARY KEY,            -- the member's PostgreSQL role
    role       text NOT NULL CHECK (role IN ('reader', 'editor', 'admin')),
    added_at   timestamptz NOT NULL DEFAULT now(),
    removed_at timestamptz                  -- kept, so their changes still name them
);

-- The team's current state as a feed: one row per item (kind + key) holding
-- its last change. `seq` is assigned under a transaction-scoped advisory lock
-- held by every push, so pushes commit in `seq` order and a reader that has
-- seen seq N never misses a row committed later with a smaller one.
CREATE SEQUENCE change_seq;
CREATE TABLE changes (
    kind    text   NOT NULL CHECK (kind IN ('article', 'tag', 'article_tag', 'annotation',
                                            'block_class', 'saved_search')),
    key     text   NOT NULL,
    seq     bigint NOT NULL,
    hlc     bigint NOT NULL,                -- the author's hybrid logical clock (ms)
    member  text   NOT NULL,
    payload jsonb,                          -- NULL: deleted
    PRIMARY KEY (kind, key)
);
CREATE UNIQUE INDEX changes_seq ON changes (seq);

-- The caller's role, for row-level security (SECURITY DEFINER: members
-- reads itself without recursing into its own policies).
CREATE FUNCTION team_role() RETURNS text
    LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, public AS
$$ SELECT role FROM public.members WHERE name = current_user AND removed_at IS NULL $$;

ALTER TABLE changes ENABLE ROW LEVEL SECURITY;
ALTER TABLE changes FORCE ROW LEVEL SECURITY;
CREATE POLICY changes_read ON changes FOR SELECT USING (team_role() IS NOT NULL);
CREATE POLICY changes_add ON changes FOR INSERT
    WITH CHECK (member = current_user AND team_role() IN ('editor', 'admin'));
CREATE POLICY changes_change ON changes FOR UPDATE
    USING (team_role() IN ('editor', 'admin'))
    WITH CHECK (member = current_user AND team_role() IN ('editor', 'admin'));

ALTER TABLE members ENABLE ROW LEVEL SECURITY;
CREATE POLICY members_read ON members FOR SELECT USING (true);
CREATE POLICY members_manage ON members FOR ALL
    USING (team_role() = 'admin') WITH CHECK (team_role() = 'admin');

REVOKE ALL ON members, changes, change_seq FROM PUBLIC;
GRANT SELECT ON team_meta, members, changes TO {reader};
GRANT INSERT, UPDATE ON changes TO {editor};
GRANT USAGE ON SEQUENCE change_seq TO {editor};
GRANT INSERT, UPDATE ON members TO {admin};
