//! The library file: migrations, reopening, refusing what is not a library.

mod harness;

use litopys_core::store::articles;
use litopys_core::{Error, Library};

#[test]
fn new_library_is_migrated_wal_and_reopens() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("sub/folder/lib.litopys");
    let mut lib = Library::open(&path).unwrap();
    assert_eq!(lib.schema_version().unwrap(), 14);
    let mode: String = lib
        .conn()
        .query_row("PRAGMA journal_mode", [], |r| r.get(0))
        .unwrap();
    assert_eq!(mode, "wal");
    let fk: i64 = lib
        .conn()
        .query_row("PRAGMA foreign_keys", [], |r| r.get(0))
        .unwrap();
    assert_eq!(fk, 1);
    litopys_core::demo::add_samples(&mut lib).unwrap();
    drop(lib);
    let lib = Library::open(&path).unwrap();
    assert_eq!(articles::count(lib.conn()).unwrap(), 5);
}

#[test]
fn a_file_that_is_not_a_library_is_refused_and_left_alone() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("notes.litopys");
    let content = b"these are my notes, not a database; do not touch them\n".repeat(100);
    std::fs::write(&path, &content).unwrap();
    let err = Library::open(&path).err().expect("refused");
    assert_eq!(err.code(), "not_a_library");
    assert!(err.to_string().contains("not a Litopys library"), "{err}");
    assert_eq!(std::fs::read(&path).unwrap(), content);
}

#[test]
fn a_library_from_a_newer_version_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("lib.litopys");
    drop(Library::open(&path).unwrap());
    let conn = rusqlite::Connection::open(&path).unwrap();
    conn.pragma_update(None, "user_version", 99).unwrap();
    drop(conn);
    assert!(matches!(
        Library::open(&path),
        Err(Error::SchemaTooNew { found: 99, .. })
    ));
}

#[test]
fn ids_resolve_by_unambiguous_prefix() {
    let mut lib = Library::open_in_memory().unwrap();
    litopys_core::demo::add_samples(&mut lib).unwrap();
    let all = articles::list(lib.conn(), 10, 0).unwrap();
    let id = &all[0].id;
    assert_eq!(articles::get(lib.conn(), &id[..6]).unwrap().id, *id);
    assert_eq!(
        articles::get(lib.conn(), &id.to_uppercase()).unwrap().id,
        *id
    );
    assert!(matches!(
        articles::get(lib.conn(), "ab"),
        Err(Error::ArticleNotFound(_))
    ));
    assert!(matches!(
        articles::get(lib.conn(), "zzzzzz"),
        Err(Error::ArticleNotFound(_))
    ));
    assert!(matches!(
        articles::get(lib.conn(), "0000000000000000"),
        Err(Error::ArticleNotFound(_))
    ));
}

#[test]
fn full_text_index_follows_the_articles_table() {
    let mut lib = Library::open_in_memory().unwrap();
    litopys_core::demo::add_samples(&mut lib).unwrap();
    assert!(
        litopys_core::search::search(lib.conn(), "Лавровим", Default::default(), 10, 0)
            .unwrap()
            .total
            > 0
    );
    lib.conn()
        .execute(
            "INSERT INTO articles_fts(articles_fts) VALUES ('integrity-check')",
            [],
        )
        .unwrap();
}

#[test]
fn stats_count_by_language_source_and_year() {
    let mut lib = Library::open_in_memory().unwrap();
    litopys_core::demo::add_samples(&mut lib).unwrap();
    let s = articles::stats(lib.conn()).unwrap();
    assert_eq!(s.articles, 5);
    assert_eq!(s.by_language.get("uk"), Some(&4));
    assert_eq!(s.by_language.get("ru"), Some(&1));
    assert_eq!(s.by_year.get(articles::UNKNOWN), Some(&5));
}

#[test]
fn index_built_by_another_tokenizer_version_is_rebuilt_on_open() {
    let (dir, mut lib) = harness::temp_library();
    litopys_core::demo::add_samples(&mut lib).unwrap();
    let path = lib.path().to_path_buf();
    // Pretend an older build indexed it, and leave the index visibly stale.
    lib.conn()
        .execute_batch(
            "UPDATE library_meta SET value = '0' WHERE key = 'tokenizer_version';
             INSERT INTO articles_fts (articles_fts) VALUES ('delete-all');",
        )
        .unwrap();
    drop(lib);
    let lib = Library::open(&path).unwrap();
    let version: String = lib
        .conn()
        .query_row(
            "SELECT value FROM library_meta WHERE key = 'tokenizer_version'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(version, litopys_core::store::fts::VERSION.to_string());
    let r = litopys_core::search::search(lib.conn(), "Лавров", Default::default(), 10, 0).unwrap();
    assert_eq!(r.total, 5);
    drop(dir);
}

#[test]
fn data_version_moves_when_another_connection_writes_and_not_for_own_writes() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("lib.litopys");
    let watcher = Library::open(&path).unwrap();
    let before = watcher.data_version().unwrap();

    // Another program (the CLI) imports into the same file.
    let mut other = Library::open(&path).unwrap();
    litopys_core::demo::add_samples(&mut other).unwrap();
    let after = watcher.data_version().unwrap();
    assert_ne!(before, after, "another connection's import must be seen");
    assert_eq!(articles::count(watcher.conn()).unwrap(), 5);

    // The watcher's own writes do not count as a change from elsewhere.
    let own = watcher;
    own.conn()
        .execute("UPDATE articles SET author = 'x' WHERE rowid = 1", [])
        .unwrap();
    assert_eq!(own.data_version().unwrap(), after);
}
