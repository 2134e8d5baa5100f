//! `litopys team …` against a real PostgreSQL: join, sync with counts by
//! kind, status, members, leave, and `{code, message}` errors in --json.

mod harness;

use std::path::Path;
use std::process::{Command, Output};

use harness::json;
use litopys_team::local_server::LocalServer;

fn team(pg: &LocalServer, lib: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_litopys"))
        .arg("--library")
        .arg(lib)
        .arg("team")
        .args(args)
        .env_remove("LITOPYS_LIBRARY")
        .env_remove("PGPASSWORD")
        .env("PGPASSFILE", pg.passfile())
        .env("LITOPYS_MEMBER_PASSWORD", "bob-secret")
        .output()
        .expect("litopys runs")
}

#[test]
fn two_libraries_share_tags_through_the_cli() {
    let Some(mut pg) = LocalServer::for_test() else {
        return;
    };
    pg.create_team_database("desk", "ann", "ann-secret")
        .unwrap();
    pg.remember("bob", "bob-secret");
    let dir = tempfile::tempdir().unwrap();
    let (ann, bob) = (
        dir.path().join("ann.litopys"),
        dir.path().join("bob.litopys"),
    );
    let demo = harness::litopys(&ann, &["demo"]);
    assert!(demo.status.success());
    let ids = json(&harness::litopys(&ann, &["list", "--json"]));
    let first = ids[0]["id"].as_str().unwrap().to_owned();
    assert!(harness::litopys(&ann, &["tag", "add", "checked", &first])
        .status
        .success());

    let r = json(&team(
        &pg,
        &ann,
        &["join", &pg.url("ann", "desk"), "--user", "ann", "--json"],
    ));
    assert_eq!(r["role"], "admin", "{r}");
    assert_eq!(r["created"], true);
    let r = json(&team(
        &pg,
        &ann,
        &["add-member", "bob", "--role", "editor", "--json"],
    ));
    assert_eq!(r["role"], "editor", "{r}");
    let s = json(&team(&pg, &ann, &["status", "--json"]));
    assert!(s["pending"]["article"].as_u64().unwrap() >= 1, "{s}");
    let r = json(&team(&pg, &ann, &["sync", "--json"]));
    assert_eq!(r["pushed"]["article_tag"], 1, "{r}");

    let r = json(&team(
        &pg,
        &bob,
        &["join", &pg.url("bob", "desk"), "--user", "bob", "--json"],
    ));
    assert_eq!(r["created"], false, "{r}");
    let r = json(&team(&pg, &bob, &["sync", "--json"]));
    assert_eq!(r["pulled"]["article_tag"], 1, "{r}");
    let shown = json(&harness::litopys(
        &bob,
        &["search", "tag:checked", "--json"],
    ));
    assert!(shown.to_string().contains(&first), "{shown}");
    let m = json(&team(&pg, &bob, &["members", "--json"]));
    assert_eq!(m.as_array().unwrap().len(), 2, "{m}");

    // Server gone: a clear code, and the library still answers.
    pg.stop("fast").unwrap();
    let out = team(&pg, &bob, &["sync", "--json"]);
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(json(&out)["error"]["code"], "team_unreachable");
    assert!(harness::litopys(&bob, &["list", "--json"]).status.success());

    let r = json(&team(&pg, &bob, &["leave", "--json"]));
    assert_eq!(r["left"], true);
    let out = team(&pg, &bob, &["sync", "--json"]);
    assert_eq!(json(&out)["error"]["code"], "team_not_joined");
}
