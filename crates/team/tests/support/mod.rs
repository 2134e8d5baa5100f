//! Shared set-up of the team tests: a real PostgreSQL (never a mock), a team
//! database owned by its first admin, and member libraries in temp folders.
#![allow(dead_code)]

use std::sync::atomic::AtomicBool;

use litopys_core::import::{import_inputs, ImportOptions, Input};
use litopys_core::Library;
use litopys_team::local_server::LocalServer;
use litopys_team::{items, Role};

pub const DB: &str = "newsroom";

pub struct Team {
    pub pg: LocalServer,
    pub dir: tempfile::TempDir,
}

/// A server with an empty team database owned by `ann`; `None` (skip) only
/// off CI when PostgreSQL cannot start here.
pub fn team() -> Option<Team> {
    let mut pg = LocalServer::for_test()?;
    pg.create_team_database(DB, "ann", "ann-secret")
        .expect("team database");
    Some(Team {
        pg,
        dir: tempfile::tempdir().expect("temp dir"),
    })
}

impl Team {
    pub fn library(&self, name: &str) -> Library {
        Library::open(&self.dir.path().join(format!("{name}.litopys"))).expect("library")
    }

    /// `ann`'s library joined as the team's first admin.
    pub fn admin(&self) -> Library {
        let mut lib = self.library("ann");
        litopys_team::join(&mut lib, &self.pg.url("ann", DB), "ann", &self.pg.secrets())
            .expect("ann joins");
        lib
    }

    /// Adds `name` with `role` (by `admin`) and joins a new library as them.
    pub fn member(&mut self, admin: &Library, name: &str, role: Role) -> Library {
        let password = format!("{name}-secret");
        litopys_team::add_member(admin, &self.pg.secrets(), name, role, Some(&password))
            .expect("admin adds member");
        self.pg.remember(name, &password);
        let mut lib = self.library(name);
        litopys_team::join(&mut lib, &self.pg.url(name, DB), name, &self.pg.secrets())
            .expect("member joins");
        lib
    }

    pub fn sync(&self, lib: &mut Library) -> litopys_team::SyncReport {
        litopys_team::sync(lib, &self.pg.secrets()).expect("sync")
    }
}

/// Imports one plain-text article per text; returns their stable ids.
pub fn add_articles(lib: &mut Library, texts: &[&str]) -> Vec<String> {
    let inputs = texts
        .iter()
        .enumerate()
        .map(|(i, t)| Input::Memory {
            name: format!("in/{i}.txt"),
            bytes: std::borrow::Cow::Owned(t.as_bytes().to_vec()),
        })
        .collect();
    import_inputs(
        lib,
        inputs,
        &ImportOptions::default(),
        &AtomicBool::new(false),
        &mut |_| {},
    )
    .expect("import");
    texts
        .iter()
        .map(|t| {
            lib.conn()
                .query_row(
                    "SELECT uid FROM articles WHERE body LIKE ?1",
                    [format!("%{}%", &t[t.len() - 20..])],
                    |r| r.get(0),
                )
                .expect("imported article")
        })
        .collect()
}

pub fn snapshot(lib: &Library) -> std::collections::BTreeMap<String, serde_json::Value> {
    items::snapshot(lib.conn()).expect("snapshot")
}

pub fn internal_id(lib: &Library, uid: &str) -> i64 {
    lib.conn()
        .query_row("SELECT id FROM articles WHERE uid = ?1", [uid], |r| {
            r.get(0)
        })
        .expect("article")
}

pub const TEXT_A: &str = "Переговори в Женеві тривали до ночі. Сторони погодили обмін полоненими та гуманітарні коридори для цивільних у прифронтових містах.";
pub const TEXT_B: &str = "Уряд оголосив нову програму відновлення енергетики: до зими планують відбудувати підстанції та захистити їх від ударів дронів.";
pub const TEXT_C: &str = "Центральный банк сохранил ключевую ставку, сославшись на ускорение инфляции и рост расходов бюджета на оборону в третьем квартале.";
