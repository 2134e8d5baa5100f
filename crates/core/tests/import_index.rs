//! The index an import writes: each stored article's entries, written at the
//! end of its batch rather than by the insert trigger (`store::fts::deferred`),
//! and nothing for an item that was not stored.

mod harness;

use litopys_core::import::{ImportOptions, ItemStatus};

fn index_matches_the_table(lib: &litopys_core::Library) -> Result<(), String> {
    lib.conn()
        .execute(
            "INSERT INTO articles_fts (articles_fts, rank) VALUES ('integrity-check', 1)",
            [],
        )
        .map(|_| ())
        .map_err(|e| e.to_string())
}

#[test]
fn an_import_indexes_every_article_it_stored_and_nothing_else() {
    let dir = tempfile::tempdir().unwrap();
    // One outlet's articles ending in the same subscription line: the import
    // learns it as boilerplate and classifies the earlier articles again,
    // which re-indexes them (the update trigger deletes what the batch wrote).
    let tail = "Підписуйтеcь на наш канал у Telegram, щоб першими дізнаватися новини.";
    let mut jsonl = String::new();
    for (i, word) in ["Женеві", "Празі", "Відні", "Варшаві"].iter().enumerate()
    {
        jsonl.push_str(&format!(
            "{{\"title\": \"Переговори {i}\", \"text\": \"Делегації зустрілися у {word} в понеділок.\\n\\n{tail}\", \"source\": \"Вісник\"}}\n"
        ));
    }
    // A duplicate of the first article and a broken line: neither is stored.
    let first = jsonl.lines().next().unwrap().to_owned();
    jsonl.push_str(&format!("{first}\n{{broken\n"));
    let path = dir.path().join("dump.jsonl");
    std::fs::write(&path, jsonl).unwrap();

    let (_d, mut lib) = harness::temp_library();
    let (totals, items) = harness::import(&mut lib, &[path], &ImportOptions::default());
    assert_eq!(
        (totals.imported, totals.duplicates, totals.failed),
        (4, 1, 1),
        "{items:#?}"
    );
    index_matches_the_table(&lib).unwrap();
    // The subscription line was learned, and every article classified (again) with it.
    let with_boilerplate: i64 = lib
        .conn()
        .query_row(
            "SELECT count(*) FROM articles WHERE blocks LIKE 'b%'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(with_boilerplate, 4);
    let stored = |n: usize| {
        let id = items
            .iter()
            .filter(|i| i.status == ItemStatus::Imported)
            .nth(n)
            .and_then(|i| i.id.clone())
            .unwrap();
        vec![id]
    };
    assert_eq!(harness::found(&lib, "Женева"), stored(0));
    assert_eq!(harness::found(&lib, "Прага"), stored(1));
    assert_eq!(harness::found(&lib, "Відень"), stored(2));
    assert_eq!(harness::found(&lib, "Варшава"), stored(3));
    assert_eq!(harness::found(&lib, "делегації").len(), 4);

    // A second import into the same library keeps the index whole.
    let more = dir.path().join("more.jsonl");
    std::fs::write(
        &more,
        format!("{{\"title\": \"Ще\", \"text\": \"Делегації зустрілися у Києві.\\n\\n{tail}\", \"source\": \"Вісник\"}}\n"),
    )
    .unwrap();
    let (totals, _) = harness::import(&mut lib, &[more], &ImportOptions::default());
    assert_eq!(totals.imported, 1);
    index_matches_the_table(&lib).unwrap();
    assert_eq!(harness::found(&lib, "делегації").len(), 5);
}
