//! `litopys-bench team`: the team library (issue 17) against a real local
//! PostgreSQL. Convergence: 2 and 5 members tag, untag, annotate, edit and
//! delete at random and sync, some syncs killed with -9 (a child `litopys
//! team sync`), the server restarted once; then every library must hold the
//! same items and write byte-identical bundles. Scale (`team_scale`): first
//! sync of N articles, pulling them into an empty library vs importing a
//! bundle, a sync with nothing to do, 1,000 annotation changes, server rows
//! and bytes per article, and the plan of the change-feed query.

use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode, Stdio};
use std::time::{Duration, Instant};

use litopys_core::export::{self, ExportOptions, Format, Selection};
use litopys_core::store::annotations::{self, Target};
use litopys_core::store::{articles, tags};
use litopys_core::{Error, Library};
use litopys_team::local_server::LocalServer;
use litopys_team::Role;
use serde::Serialize;

use super::corpus::{self, Paragraphs, Rng};

#[derive(clap::Args)]
pub struct Options {
    /// Articles of the scale run
    #[arg(long, default_value_t = 10_000)]
    articles: usize,
    /// Editing rounds of each convergence run
    #[arg(long, default_value_t = 30)]
    rounds: usize,
    /// Seed of the random edits
    #[arg(long, default_value_t = 17)]
    seed: u64,
    /// Folder holding ua-gec/ and factrueval-ru/
    #[arg(long, default_value = "../shared/corpora")]
    corpora: PathBuf,
    /// Print JSON
    #[arg(long)]
    json: bool,
}

/// A work folder under the system's temporary folder, removed when dropped.
pub(super) struct WorkDir(PathBuf);

impl WorkDir {
    pub(super) fn new(what: &str) -> Result<WorkDir, Error> {
        let p =
            std::env::temp_dir().join(format!("litopys-bench-team-{what}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&p);
        std::fs::create_dir_all(&p).map_err(fail)?;
        Ok(WorkDir(p))
    }
    pub(super) fn path(&self) -> &Path {
        &self.0
    }
}

impl Drop for WorkDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

pub(super) fn fail(e: impl std::fmt::Display) -> Error {
    Error::InvalidInput(e.to_string())
}

#[derive(Serialize)]
struct Convergence {
    members: usize,
    rounds: usize,
    edits: usize,
    syncs: usize,
    killed_syncs: usize,
    server_restarts: usize,
    items: usize,
    identical_items: bool,
    /// Bundles equal byte for byte.
    identical_bundles: bool,
    /// Bundles equal once their article lines are sorted (a bundle lists
    /// articles in the order each library stored them).
    identical_bundle_lines: bool,
    /// The first line where two members' bundles differ, shortened.
    bundle_difference: Option<String>,
    seconds: f64,
}

#[derive(Serialize)]
struct Report {
    convergence: Vec<Convergence>,
    scale: super::team_scale::Scale,
}

pub fn run(o: Options) -> Result<ExitCode, Error> {
    let paras = Paragraphs::load(&o.corpora).map_err(fail)?;
    let mut convergence = Vec::new();
    for members in [2, 5] {
        convergence.push(converge(
            &paras,
            members,
            o.rounds,
            o.seed + members as u64,
        )?);
    }
    let scale = super::team_scale::run(&paras, o.articles, o.seed)?;
    let ok = convergence
        .iter()
        .all(|c| c.identical_items && c.identical_bundles);
    let report = Report { convergence, scale };
    if o.json {
        println!("{}", serde_json::to_string_pretty(&report).map_err(fail)?);
    } else {
        print_report(&report);
    }
    Ok(if ok {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    })
}

fn print_report(r: &Report) {
    for c in &r.convergence {
        if let Some(d) = &c.bundle_difference {
            println!("bundles differ at {d}");
        }
        println!(
            "convergence, {} members: {} rounds, {} edits, {} syncs ({} killed with -9), server restarted {}x, {:.1} s -> {} items, identical items: {}, bundles byte-identical: {}, identical line for line (sorted): {}",
            c.members, c.rounds, c.edits, c.syncs, c.killed_syncs, c.server_restarts, c.seconds,
            c.items, c.identical_items, c.identical_bundles, c.identical_bundle_lines
        );
    }
    super::team_scale::print(&r.scale);
}

/// A team of `n` members in `dir` on `pg`: libraries joined, the first the admin.
pub(super) fn make_team(
    pg: &mut LocalServer,
    dir: &Path,
    db: &str,
    n: usize,
) -> Result<Vec<Library>, Error> {
    pg.create_team_database(db, "m0", "m0-secret")
        .map_err(fail)?;
    let secrets = pg.secrets();
    let mut libs = Vec::new();
    for i in 0..n {
        let name = format!("m{i}");
        let mut lib = Library::open(&dir.join(format!("{db}-{name}.litopys")))?;
        if i > 0 {
            let pw = format!("{name}-secret");
            litopys_team::add_member(&libs[0], &secrets, &name, Role::Editor, Some(&pw))
                .map_err(fail)?;
            pg.remember(&name, &pw);
        }
        litopys_team::join(&mut lib, &pg.url(&name, db), &name, &secrets).map_err(fail)?;
        libs.push(lib);
    }
    Ok(libs)
}

pub(super) fn import_jsonl(lib: &mut Library, jsonl: &Path) -> Result<(), Error> {
    litopys_core::import::import_paths(
        lib,
        &[jsonl.to_path_buf()],
        &Default::default(),
        &std::sync::atomic::AtomicBool::new(false),
        &mut |_| {},
    )?;
    Ok(())
}

fn uids(lib: &Library) -> Result<Vec<String>, Error> {
    let mut stmt = lib
        .conn()
        .prepare("SELECT uid FROM articles ORDER BY uid")?;
    let rows = stmt.query_map([], |r| r.get(0))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

fn pick<T: Clone>(rng: &mut Rng, v: &[T]) -> Option<T> {
    (!v.is_empty()).then(|| v[rng.below(v.len())].clone())
}

const TAGS: [&str; 5] = ["war", "war/talks", "energy", "economy", "checked"];

/// One random edit of the kinds a team makes.
fn edit(lib: &mut Library, rng: &mut Rng, round: usize) -> Result<(), Error> {
    let ids = uids(lib)?;
    let Some(uid) = pick(rng, &ids) else {
        return Ok(());
    };
    let id: i64 = lib
        .conn()
        .query_row("SELECT id FROM articles WHERE uid = ?1", [&uid], |r| {
            r.get(0)
        })?;
    let notes: Vec<String> = lib
        .conn()
        .prepare("SELECT uid FROM annotations ORDER BY uid")?
        .query_map([], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    let tag = TAGS[rng.below(TAGS.len())];
    match rng.below(20) {
        0..=5 => {
            tags::add(lib.conn_mut(), tag, &[id])?;
        }
        6..=8 => {
            // Untagging what was never tagged is refused; that is fine here.
            let _ = tags::remove(lib.conn_mut(), tag, &[id]);
        }
        9..=11 => {
            let note = format!("note {round}-{}", rng.below(1000));
            annotations::create(
                lib.conn_mut(),
                &uid,
                &Target::Article,
                &note,
                None,
                &[tag.to_owned()],
            )?;
        }
        12..=14 => {
            if let Some(n) = pick(rng, &notes) {
                let text = format!("edited {round}-{}", rng.below(1000));
                annotations::update(lib.conn_mut(), &n, Some(&text), None, None)?;
            }
        }
        15..=16 => {
            if let Some(n) = pick(rng, &notes) {
                annotations::delete(lib.conn(), &n)?;
            }
        }
        17 => {
            let edit = articles::MetadataEdit {
                title: Some(format!("title {round}-{}", rng.below(1000))),
                ..Default::default()
            };
            articles::update_metadata(lib.conn(), &uid, &edit)?;
        }
        18 => {
            let name = format!("search {}", rng.below(4));
            if rng.below(2) == 0 {
                litopys_core::search::saved::save(lib.conn(), &name, tag)?;
            } else {
                let _ = litopys_core::search::saved::delete(lib.conn(), &name);
            }
        }
        _ => {
            // Rare: an article removed (to the trash) with its tags and notes.
            if rng.below(3) == 0 && ids.len() > 20 {
                litopys_core::removal::remove_ids(lib, &[uid])?;
            }
        }
    }
    Ok(())
}

/// `litopys team sync` in a child process, killed with -9 after `after`.
fn killed_sync(pg: &LocalServer, library: &Path, after: Duration) -> Result<(), Error> {
    let exe = super::litopys_exe()?;
    let mut child = Command::new(exe)
        .arg("--library")
        .arg(library)
        .args(["team", "sync"])
        .env("PGPASSFILE", pg.passfile())
        .env_remove("PGPASSWORD")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .map_err(fail)?;
    std::thread::sleep(after);
    // Child::kill is SIGKILL on Unix: no clean-up runs.
    let _ = child.kill();
    let _ = child.wait();
    Ok(())
}

pub(super) fn bundle_bytes(lib: &Library, path: &Path) -> Result<Vec<u8>, Error> {
    let ids = uids(lib)?;
    let _ = std::fs::remove_file(path);
    if ids.is_empty() {
        return Ok(Vec::new());
    }
    export::export(
        lib.conn(),
        &Selection::Ids(ids),
        Format::Jsonl,
        path,
        ExportOptions::default(),
        &std::sync::atomic::AtomicBool::new(false),
        &mut |_, _| {},
    )?;
    std::fs::read(path).map_err(fail)
}

fn converge(paras: &Paragraphs, n: usize, rounds: usize, seed: u64) -> Result<Convergence, Error> {
    let start = Instant::now();
    let dir = WorkDir::new(&format!("converge-{n}"))?;
    let mut pg = LocalServer::start(true).map_err(fail)?;
    let mut libs = make_team(&mut pg, dir.path(), "converge", n)?;
    let secrets = pg.secrets();
    let jsonl = dir.path().join("seed.jsonl");
    corpus::write(paras, 60, seed, &jsonl, None).map_err(fail)?;
    import_jsonl(&mut libs[0], &jsonl)?;
    let mut rng = Rng::new(seed);
    let (mut edits, mut syncs, mut killed, mut restarts) = (0, 0, 0, 0);
    for lib in libs.iter_mut() {
        litopys_team::sync(lib, &secrets).map_err(fail)?;
    }
    for round in 0..rounds {
        if round == rounds / 2 {
            pg.stop("fast").map_err(fail)?;
            pg.start_again().map_err(fail)?;
            restarts += 1;
        }
        for lib in libs.iter_mut() {
            for _ in 0..3 {
                edit(lib, &mut rng, round)?;
                edits += 1;
            }
            syncs += 1;
            if rng.below(4) == 0 {
                let path = lib.path().to_path_buf();
                killed_sync(
                    &pg,
                    &path,
                    Duration::from_millis(20 + rng.below(150) as u64),
                )?;
                killed += 1;
            } else {
                litopys_team::sync(lib, &secrets).map_err(fail)?;
            }
        }
    }
    // Everyone pushes, then everyone pulls what the others pushed.
    for _ in 0..2 {
        for lib in libs.iter_mut() {
            litopys_team::sync(lib, &secrets).map_err(fail)?;
            syncs += 1;
        }
    }
    let first = litopys_team::items::snapshot(libs[0].conn()).map_err(fail)?;
    let identical_items = libs
        .iter()
        .all(|l| litopys_team::items::snapshot(l.conn()).is_ok_and(|s| s == first));
    let bundle = bundle_bytes(&libs[0], &dir.path().join("b0.jsonl"))?;
    let mut identical_bundles = true;
    let mut bundle_difference = None;
    for (i, l) in libs.iter().enumerate().skip(1) {
        let other = bundle_bytes(l, &dir.path().join(format!("b{i}.jsonl")))?;
        identical_bundles &= other == bundle;
        let (x, y) = (sorted_lines(&bundle), sorted_lines(&other));
        if x != y && bundle_difference.is_none() {
            bundle_difference = Some(first_difference(&x, &y));
        }
    }
    let identical_bundle_lines = bundle_difference.is_none();
    Ok(Convergence {
        members: n,
        rounds,
        edits,
        syncs,
        killed_syncs: killed,
        server_restarts: restarts,
        items: first.len(),
        identical_items,
        identical_bundles,
        identical_bundle_lines,
        bundle_difference,
        seconds: start.elapsed().as_secs_f64(),
    })
}

/// The header line, then the article lines sorted.
fn sorted_lines(bundle: &[u8]) -> Vec<u8> {
    let text = String::from_utf8_lossy(bundle);
    let mut lines = text.lines();
    let header = lines.next().unwrap_or_default().to_owned();
    let mut rest: Vec<&str> = lines.collect();
    rest.sort_unstable();
    let mut out = header;
    for l in rest {
        out.push('\n');
        out.push_str(l);
    }
    out.into_bytes()
}

/// Where two bundles part: the line number and the two texts around the first differing byte.
fn first_difference(a: &[u8], b: &[u8]) -> String {
    let a = String::from_utf8_lossy(a);
    let b = String::from_utf8_lossy(b);
    for (n, (x, y)) in a.lines().zip(b.lines()).enumerate() {
        if x != y {
            let at = x.bytes().zip(y.bytes()).take_while(|(p, q)| p == q).count();
            let around = |s: &str| -> String {
                let start = (0..=at.saturating_sub(60).min(s.len()))
                    .rev()
                    .find(|&i| s.is_char_boundary(i))
                    .unwrap_or(0);
                s[start..].chars().take(160).collect()
            };
            return format!("line {}: …{} | …{}", n + 1, around(x), around(y));
        }
    }
    format!("{} vs {} lines", a.lines().count(), b.lines().count())
}
