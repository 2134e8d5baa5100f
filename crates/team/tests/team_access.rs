//! Who may do what, enforced by PostgreSQL itself, and every way a team
//! database can be wrong or gone: each a clear error, the local library
//! untouched and still usable.

mod support;

use litopys_core::store::annotations::{self, Target};
use litopys_core::store::tags;
use litopys_team::{feed, link, Error, Role, Secrets};
use support::*;

#[test]
fn reader_cannot_push_the_database_refuses_it() {
    let Some(mut t) = team() else { return };
    let mut ann = t.admin();
    add_articles(&mut ann, &[TEXT_A]);
    t.sync(&mut ann);
    let mut cid = t.member(&ann, "cid", Role::Reader);
    t.sync(&mut cid);
    let id = cid
        .conn()
        .query_row("SELECT id FROM articles", [], |r| r.get::<_, i64>(0))
        .unwrap();
    tags::add(cid.conn_mut(), "mine", &[id]).unwrap();

    // Sync keeps a reader's changes to themself…
    let report = t.sync(&mut cid);
    assert!(report.pushed.is_empty());
    assert_eq!(report.not_shared, 2, "{report:?}");
    // …and pushing anyway is refused by the database, not by us.
    let mut session = litopys_team::open_session(&cid, &t.pg.secrets()).unwrap();
    let refused = feed::push(cid.conn_mut(), &mut session.client, "cid", "reader");
    assert!(
        matches!(refused, Err(Error::NotAllowed { .. })),
        "{refused:?}"
    );
    let direct = session.client.execute(
        "INSERT INTO changes (kind, key, seq, hlc, member, payload) VALUES ('tag', 'x', 1, 1, 'cid', NULL)",
        &[],
    );
    assert_eq!(
        direct
            .unwrap_err()
            .code()
            .map(|c| c.code().to_owned())
            .as_deref(),
        Some("42501")
    );
    // Nothing of it reached the team; the local change is still there to keep.
    t.sync(&mut ann);
    assert!(tags::list(ann.conn()).unwrap().is_empty());
    assert_eq!(link::pending(cid.conn()).unwrap().len(), 2);
}

#[test]
fn an_editor_cannot_write_changes_under_another_members_name() {
    let Some(mut t) = team() else { return };
    let ann = t.admin();
    let bob = t.member(&ann, "bob", Role::Editor);
    let mut session = litopys_team::open_session(&bob, &t.pg.secrets()).unwrap();
    let forged = session.client.execute(
        "INSERT INTO changes (kind, key, seq, hlc, member, payload) VALUES ('tag', 'x', 1, 1, 'ann', NULL)",
        &[],
    );
    assert_eq!(
        forged
            .unwrap_err()
            .code()
            .map(|c| c.code().to_owned())
            .as_deref(),
        Some("42501")
    );
    let members = session
        .client
        .execute("UPDATE members SET role = 'admin' WHERE name = 'bob'", &[]);
    assert!(members.is_err(), "an editor made themself admin");
}

#[test]
fn a_foreign_database_is_refused_and_the_library_stays_unjoined() {
    let Some(t) = team() else { return };
    let mut su = t.pg.superuser().unwrap();
    su.batch_execute("CREATE DATABASE shop OWNER ann").unwrap();
    t.pg.superuser_on("shop")
        .unwrap()
        .batch_execute("CREATE TABLE invoices (id int); ALTER TABLE invoices OWNER TO ann")
        .unwrap();
    let mut lib = t.library("ann");
    let r = litopys_team::join(&mut lib, &t.pg.url("ann", "shop"), "ann", &t.pg.secrets());
    assert!(matches!(r, Err(Error::ForeignDatabase(_))), "{r:?}");
    assert!(r.unwrap_err().to_string().contains("holds something else"));
    assert!(!litopys_team::status(&lib).unwrap().joined);
    let tables: i64 =
        t.pg.superuser_on("shop")
            .unwrap()
            .query_one(
                "SELECT count(*) FROM pg_tables WHERE schemaname = 'public'",
                &[],
            )
            .unwrap()
            .get(0);
    assert_eq!(tables, 1, "the foreign database was changed");
}

#[test]
fn a_newer_team_schema_is_refused_on_join_and_on_sync() {
    let Some(t) = team() else { return };
    let mut ann = t.admin();
    add_articles(&mut ann, &[TEXT_A]);
    t.pg.superuser_on(DB)
        .unwrap()
        .batch_execute("UPDATE team_meta SET value = '99' WHERE key = 'version'")
        .unwrap();
    let before = snapshot(&ann);
    let r = litopys_team::sync(&mut ann, &t.pg.secrets());
    assert!(
        matches!(r, Err(Error::SchemaTooNew { found: 99, .. })),
        "{r:?}"
    );
    assert_eq!(snapshot(&ann), before);
    let mut other = t.library("other");
    let r = litopys_team::join(&mut other, &t.pg.url("ann", DB), "ann", &t.pg.secrets());
    assert!(matches!(r, Err(Error::SchemaTooNew { .. })), "{r:?}");
    assert!(!litopys_team::status(&other).unwrap().joined);
}

#[test]
fn wrong_password_server_down_and_bad_url_are_told_apart() {
    let Some(t) = team() else { return };
    let mut ann = t.admin();
    let wrong = t.dir.path().join("wrong.pgpass");
    std::fs::write(&wrong, "*:*:*:ann:not-it\n").unwrap();
    let r = litopys_team::sync(
        &mut ann,
        &Secrets {
            passfile: Some(wrong),
        },
    );
    assert!(matches!(r, Err(Error::BadPassword { .. })), "{r:?}");
    let r = litopys_team::sync(&mut ann, &Secrets { passfile: None });
    assert!(matches!(r, Err(Error::BadPassword { .. })), "{r:?}");

    t.pg.stop("fast").unwrap();
    let r = litopys_team::sync(&mut ann, &t.pg.secrets());
    assert!(matches!(r, Err(Error::Unreachable(_))), "{r:?}");
    // Still a working library while offline; the change waits in the outbox.
    add_articles(&mut ann, &[TEXT_B]);
    assert_eq!(
        litopys_team::status(&ann).unwrap().pending.get("article"),
        Some(&1)
    );
    t.pg.start_again().unwrap();
    let back = t.sync(&mut ann);
    assert_eq!(back.pushed.get("article"), Some(&1), "{back:?}");

    let mut lib = t.library("x");
    for url in [
        "http://example/db",
        "postgresql://host:99999/db",
        "postgresql://ann@127.0.0.1/",
    ] {
        let r = litopys_team::join(&mut lib, url, "ann", &t.pg.secrets());
        assert!(matches!(r, Err(Error::BadUrl(_))), "{url}: {r:?}");
    }
    let r = litopys_team::join(&mut lib, &t.pg.url("ann", "nope"), "ann", &t.pg.secrets());
    assert!(matches!(r, Err(Error::BadUrl(_))), "{r:?}");
}

#[test]
fn a_removed_member_is_refused_and_keeps_their_library() {
    let Some(mut t) = team() else { return };
    let mut ann = t.admin();
    add_articles(&mut ann, &[TEXT_A]);
    t.sync(&mut ann);
    let mut bob = t.member(&ann, "bob", Role::Editor);
    t.sync(&mut bob);
    litopys_team::remove_member(&ann, &t.pg.secrets(), "bob").unwrap();
    let before = snapshot(&bob);
    let r = litopys_team::sync(&mut bob, &t.pg.secrets());
    assert!(matches!(r, Err(Error::NotAMember(_))), "{r:?}");
    assert_eq!(snapshot(&bob), before);
    let listed = litopys_team::members(&ann, &t.pg.secrets()).unwrap();
    assert!(listed.iter().any(|m| m.name == "bob" && m.removed));
    // The database refuses them too: no role left to read the feed.
    let mut su = t.pg.superuser_on(DB).unwrap();
    su.batch_execute("SET ROLE bob").unwrap();
    assert!(su.query("SELECT * FROM changes", &[]).is_err());
}

#[test]
fn a_push_cut_short_leaves_both_sides_consistent() {
    let Some(mut t) = team() else { return };
    let mut ann = t.admin();
    let mut bob = t.member(&ann, "bob", Role::Editor);
    let ids = add_articles(&mut ann, &[TEXT_A, TEXT_B, TEXT_C]);
    annotations::create(ann.conn_mut(), &ids[2], &Target::Article, "n", None, &[]).unwrap();
    // The server fails the push at its last row, as if the link dropped there.
    let mut su = t.pg.superuser_on(DB).unwrap();
    su.batch_execute(
        "CREATE FUNCTION cut() RETURNS trigger LANGUAGE plpgsql AS
           $$ BEGIN RAISE EXCEPTION 'connection cut'; END $$;
         CREATE TRIGGER cut BEFORE INSERT ON changes FOR EACH ROW
           WHEN (NEW.kind = 'annotation') EXECUTE FUNCTION cut();",
    )
    .unwrap();
    let pending = litopys_team::status(&ann).unwrap().pending;
    assert!(litopys_team::sync(&mut ann, &t.pg.secrets()).is_err());
    let rows: i64 = su
        .query_one("SELECT count(*) FROM changes", &[])
        .unwrap()
        .get(0);
    assert_eq!(rows, 0, "half a push was kept");
    assert_eq!(litopys_team::status(&ann).unwrap().pending, pending);

    su.batch_execute("DROP TRIGGER cut ON changes").unwrap();
    t.sync(&mut ann);
    t.sync(&mut bob);
    assert_eq!(snapshot(&ann), snapshot(&bob));
    assert!(litopys_team::status(&ann).unwrap().pending.is_empty());
}

#[test]
fn tls_with_verify_full_connects_and_refuses_an_unknown_authority() {
    let Some(t) = team() else { return };
    let ca = t.pg.enable_tls().expect("TLS set up");
    let url = format!(
        "{}?sslmode=verify-full&sslrootcert={}",
        t.pg.url("ann", DB),
        ca.display()
    );
    let mut lib = t.library("ann");
    let joined = litopys_team::join(&mut lib, &url, "ann", &t.pg.secrets()).unwrap();
    assert!(joined.url.contains("sslmode=verify-full"));
    t.sync(&mut lib);

    // The public web authorities do not vouch for this server.
    let mut other = t.library("other");
    let url = format!("{}?sslmode=verify-full", t.pg.url("ann", DB));
    let r = litopys_team::join(&mut other, &url, "ann", &t.pg.secrets());
    assert!(matches!(r, Err(Error::Tls(_))), "{r:?}");
}

#[test]
fn the_stored_url_has_no_password_and_the_passfile_supplies_it() {
    let Some(t) = team() else { return };
    let mut lib = t.library("ann");
    let url = format!("postgresql://ann:ann-secret@127.0.0.1:{}/{DB}", t.pg.port);
    let joined = litopys_team::join(&mut lib, &url, "ann", &Secrets { passfile: None }).unwrap();
    assert!(!joined.url.contains("ann-secret"));
    let stored: String = lib
        .conn()
        .query_row("SELECT url FROM team_link", [], |r| r.get(0))
        .unwrap();
    assert!(!stored.contains("secret"), "{stored}");
    // Later syncs find the password in the password file.
    t.sync(&mut lib);
}
