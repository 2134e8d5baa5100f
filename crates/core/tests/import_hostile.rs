//! Hostile input (issue 14, items 1, 2 and 10): every parser is bounded, a
//! bad file or entry fails by name, and the file after it is still imported.

mod harness;

use std::io::Write;
use std::path::{Path, PathBuf};

use litopys_core::import::{ImportOptions, ItemReport, ItemStatus};
use litopys_core::store::articles;
use litopys_core::Library;

fn write(dir: &Path, name: &str, bytes: &[u8]) -> PathBuf {
    let p = dir.join(name);
    std::fs::write(&p, bytes).unwrap();
    p
}

/// Imports `bad` then a good file; asserts the good one was imported and
/// returns the report lines of the bad ones.
fn import_then_good(lib: &mut Library, dir: &Path, bad: &[PathBuf]) -> Vec<ItemReport> {
    let good = write(
        dir,
        "zz-good.txt",
        format!(
            "Добра новина {}\n\nТекст, що має дійти до бібліотеки.",
            bad.len()
        )
        .as_bytes(),
    );
    let mut paths = bad.to_vec();
    paths.push(good);
    let (_, items) = harness::import(lib, &paths, &ImportOptions::default());
    assert!(
        items
            .iter()
            .any(|i| i.path.ends_with("zz-good.txt") && i.status == ItemStatus::Imported),
        "the file after the bad one was not imported: {items:#?}"
    );
    items
        .into_iter()
        .filter(|i| !i.path.ends_with("zz-good.txt"))
        .collect()
}

fn failure<'a>(items: &'a [ItemReport], path_end: &str) -> &'a str {
    items
        .iter()
        .find(|i| i.path.ends_with(path_end) && i.status == ItemStatus::Failed)
        .and_then(|i| i.error.as_deref())
        .unwrap_or_else(|| panic!("no failure for {path_end}: {items:#?}"))
}

fn bodies(lib: &Library) -> Vec<String> {
    let mut stmt = lib.conn().prepare("SELECT body FROM articles").unwrap();
    let rows = stmt.query_map([], |r| r.get::<_, String>(0)).unwrap();
    rows.map(Result::unwrap).collect()
}

fn nested_page(tag: &str, depth: usize) -> String {
    format!(
        "<html><head><title>Глибока сторінка</title></head><body>{}\
         <p>Текст у самому низу сторінки.</p>{}</body></html>",
        format!("<{tag}>").repeat(depth),
        format!("</{tag}>").repeat(depth)
    )
}

fn assert_deep_page_imported_as_text(tag: &str, depth: usize) {
    let (dir, mut lib) = harness::temp_library();
    let page = write(dir.path(), "deep.html", nested_page(tag, depth).as_bytes());
    let items = import_then_good(&mut lib, dir.path(), &[page]);
    assert_eq!(items[0].status, ItemStatus::Imported, "{items:#?}");
    assert!(bodies(&lib)
        .iter()
        .any(|b| b.contains("Текст у самому низу сторінки.")));
}

// Regression (issue 14.1): 50,000 nested <b> overflowed the reader thread's stack and aborted the process.
#[test]
fn page_of_50000_nested_b_is_imported_as_text() {
    assert_deep_page_imported_as_text("b", 50_000);
}

// Regression (issue 14.1): 20,000 nested <table> overflowed the stack.
#[test]
fn page_of_20000_nested_tables_is_imported_as_text() {
    assert_deep_page_imported_as_text("table", 20_000);
}

// Regression (issue 14.1): nested <div> took quadratic time (100,000 never finished).
#[test]
fn page_of_100000_nested_divs_is_imported_as_text() {
    assert_deep_page_imported_as_text("div", 100_000);
}

// Regression (issue 14, fuzz html input 45704): one long paragraph full of `°` (or `«»`, `&`)
// made html5ever's serializer quadratic (560 KB of mojibake took 2.2 s in release).
#[test]
fn page_with_one_huge_paragraph_of_escapable_characters_is_imported_as_text() {
    let (dir, mut lib) = harness::temp_library();
    let page = format!(
        "<html><head><title>Градуси</title></head><body><p>Початок. {}</p></body></html>",
        "a° «b» ".repeat(100_000)
    );
    let file = write(dir.path(), "degrees.html", page.as_bytes());
    let items = import_then_good(&mut lib, dir.path(), &[file]);
    assert_eq!(items[0].status, ItemStatus::Imported, "{items:#?}");
    assert!(bodies(&lib)
        .iter()
        .any(|b| b.starts_with("Початок. a° «b»")));
}

// Regression (issue 14.1): a page just under the nesting cap still goes to the DOM parser; its stack must hold.
#[test]
fn page_nested_just_under_the_cap_is_imported() {
    assert_deep_page_imported_as_text("b", 500);
}

// Regression (issue 14.1): markup in a JSON field goes through fragment_to_text and link_lines, which recursed too.
#[test]
fn deeply_nested_markup_in_a_json_field_is_imported_as_text() {
    let (dir, mut lib) = harness::temp_library();
    let body = format!("<p>Текст поля.</p>{}", "<b>".repeat(50_000));
    let line = serde_json::json!({"title": "Поле", "content": body}).to_string();
    let file = write(dir.path(), "deep.jsonl", line.as_bytes());
    let items = import_then_good(&mut lib, dir.path(), &[file]);
    assert_eq!(items[0].status, ItemStatus::Imported, "{items:#?}");
    assert!(bodies(&lib).iter().any(|b| b.contains("Текст поля.")));
}

// Regression (issue 14.2): a JSON document nested 10,000 deep must fail that element, not overflow.
#[test]
fn json_nested_10000_deep_fails_its_element_only() {
    let (dir, mut lib) = harness::temp_library();
    let deep = format!("{}{}", "[".repeat(10_000), "]".repeat(10_000));
    let json = format!("[{deep}, {{\"title\": \"Після\", \"text\": \"Наступний елемент.\"}}]");
    let file = write(dir.path(), "deep.json", json.as_bytes());
    let items = import_then_good(&mut lib, dir.path(), &[file]);
    assert!(failure(&items, "deep.json#1").contains("recursion limit"));
    let second = items.iter().find(|i| i.path.ends_with("deep.json#2"));
    assert_eq!(second.map(|i| i.status), Some(ItemStatus::Imported));
}

const OVER_CAP: usize = 65 * 1024 * 1024;

// Regression (issue 14.2): a 200 MB CSV field became one huge article and was buffered whole.
#[test]
fn csv_field_over_the_article_cap_fails_its_row_only() {
    let (dir, mut lib) = harness::temp_library();
    let mut csv = "title,text\nПерший,Перший рядок.\nВеликий,\""
        .as_bytes()
        .to_vec();
    csv.resize(csv.len() + OVER_CAP, b'a');
    csv.extend_from_slice("\nstill the field\"\nТретій,Третій рядок.\n".as_bytes());
    let file = write(dir.path(), "big.csv", &csv);
    let items = import_then_good(&mut lib, dir.path(), &[file]);
    assert!(failure(&items, "big.csv:3").contains("too large"));
    let imported: Vec<&str> = items
        .iter()
        .filter(|i| i.status == ItemStatus::Imported)
        .map(|i| i.path.as_str())
        .collect();
    assert!(
        imported.iter().any(|p| p.ends_with("big.csv:2")),
        "{items:#?}"
    );
    // The row after the big one, on line 5 of the file (the field spans two lines).
    assert!(
        imported.iter().any(|p| p.ends_with("big.csv:5")),
        "{items:#?}"
    );
}

// Regression (issue 14.2): a JSON string over the article cap became a 114-million-character article.
#[test]
fn json_element_over_the_article_cap_fails_that_element_only() {
    let (dir, mut lib) = harness::temp_library();
    let mut json = br#"[{"title": "Big", "text": ""#.to_vec();
    json.resize(json.len() + OVER_CAP, b'a');
    json.extend_from_slice(
        r#""}, {"title": "Small", "text": "Малий текст після великого."}]"#.as_bytes(),
    );
    let file = write(dir.path(), "big.json", &json);
    let items = import_then_good(&mut lib, dir.path(), &[file]);
    assert!(failure(&items, "big.json#1").contains("too large"));
    let small = items.iter().find(|i| i.path.ends_with("big.json#2"));
    assert_eq!(small.map(|i| i.status), Some(ItemStatus::Imported));
}

/// A zip holding one entry of `prefix` followed by `len` bytes of `a`, deflated.
fn zip_bomb(entry: &str, prefix: &[u8], len: usize) -> Vec<u8> {
    let mut w = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    w.start_file(entry, zip::write::SimpleFileOptions::default())
        .unwrap();
    w.write_all(prefix).unwrap();
    let chunk = vec![b'a'; 1 << 20];
    for _ in 0..len >> 20 {
        w.write_all(&chunk).unwrap();
    }
    w.finish().unwrap().into_inner()
}

// Regression (issue 14.2): a small zip of a CSV expanded to gigabytes of memory.
#[test]
fn zip_bomb_of_csv_fails_its_entry_by_name() {
    let (dir, mut lib) = harness::temp_library();
    let bomb = zip_bomb("bomb.csv", b"title,text\nx,", 80 << 20);
    assert!(bomb.len() < 1 << 20, "{} bytes", bomb.len());
    let file = write(dir.path(), "bomb.zip", &bomb);
    let items = import_then_good(&mut lib, dir.path(), &[file]);
    assert!(failure(&items, "bomb.zip!bomb.csv").contains("zip bomb"));
    assert!(items.iter().all(|i| i.status == ItemStatus::Failed));
}

// Regression (issue 14.2): a small zip of a JSON file expanded to gigabytes of memory.
#[test]
fn zip_bomb_of_json_fails_its_entry_by_name() {
    let (dir, mut lib) = harness::temp_library();
    let bomb = zip_bomb("bomb.json", br#"[{"text": ""#, 80 << 20);
    let file = write(dir.path(), "bomb.zip", &bomb);
    let items = import_then_good(&mut lib, dir.path(), &[file]);
    assert!(failure(&items, "bomb.zip!bomb.json").contains("zip bomb"));
    assert!(items.iter().all(|i| i.status == ItemStatus::Failed));
}

// Regression (issue 14.10): entries named `../x` or `/x` were skipped silently.
#[test]
fn zip_entries_with_unsafe_names_fail_by_name_and_are_never_extracted() {
    let (dir, mut lib) = harness::temp_library();
    let mut w = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let opts = zip::write::SimpleFileOptions::default();
    for name in ["../evil.txt", "/abs/evil2.txt", "fine.txt"] {
        w.start_file(name, opts).unwrap();
        w.write_all(format!("Заголовок у архіві\n\nТекст статті {name}.").as_bytes())
            .unwrap();
    }
    let file = write(dir.path(), "names.zip", &w.finish().unwrap().into_inner());
    let items = import_then_good(&mut lib, dir.path(), &[file]);
    assert!(failure(&items, "names.zip!../evil.txt").contains("unsafe name"));
    assert!(failure(&items, "names.zip!/abs/evil2.txt").contains("unsafe name"));
    let fine = items
        .iter()
        .find(|i| i.path.ends_with("names.zip!fine.txt"));
    assert_eq!(fine.map(|i| i.status), Some(ItemStatus::Imported));
    assert!(!dir.path().parent().unwrap().join("evil.txt").exists());
}

// Regression (issue 14.10): empty .jsonl and .warc files (and empty archives) said nothing.
#[test]
fn empty_jsonl_warc_and_zip_files_are_reported() {
    let (dir, mut lib) = harness::temp_library();
    let jsonl = write(dir.path(), "empty.jsonl", b"");
    let warc = write(dir.path(), "empty.warc", b"");
    let empty_zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let zip = write(
        dir.path(),
        "empty.zip",
        &empty_zip.finish().unwrap().into_inner(),
    );
    let items = import_then_good(&mut lib, dir.path(), &[jsonl, warc, zip]);
    assert_eq!(failure(&items, "empty.jsonl"), "empty file: no articles");
    assert_eq!(failure(&items, "empty.warc"), "empty file: no articles");
    assert_eq!(failure(&items, "empty.zip"), "empty archive: no articles");
}

// Regression (issue 14.10): a FIFO path hung the import.
#[cfg(unix)]
#[test]
fn named_pipe_is_refused_at_once() {
    let (dir, mut lib) = harness::temp_library();
    let fifo = dir.path().join("pipe.txt");
    let made = std::process::Command::new("mkfifo")
        .arg(&fifo)
        .status()
        .unwrap();
    assert!(made.success());
    let items = import_then_good(&mut lib, dir.path(), &[fifo]);
    assert!(failure(&items, "pipe.txt").contains("not a regular file"));
}

// Regression (issue 14.10): a symbolic link loop was reported as "not a supported article file".
#[cfg(unix)]
#[test]
fn symbolic_link_loops_are_named() {
    let (dir, mut lib) = harness::temp_library();
    let folder = dir.path().join("articles");
    std::fs::create_dir_all(folder.join("inner")).unwrap();
    std::os::unix::fs::symlink(&folder, folder.join("inner/back")).unwrap();
    std::os::unix::fs::symlink(folder.join("b.txt"), folder.join("a.txt")).unwrap();
    std::os::unix::fs::symlink(folder.join("a.txt"), folder.join("b.txt")).unwrap();
    let items = import_then_good(&mut lib, dir.path(), &[folder]);
    assert!(failure(&items, "inner/back").contains("symbolic link loop"));
    assert!(failure(&items, "a.txt").contains("symbolic link loop"));
}

// Regression (issue 14.10): NUL bytes and other controls from JSON and CSV were stored raw.
#[test]
fn control_characters_are_stripped_at_import() {
    let (dir, mut lib) = harness::temp_library();
    let json = write(
        dir.path(),
        "nul.jsonl",
        br#"{"title": "T\u0000itle", "text": "Te\u0000xt with\u001b[31m escape\u0007."}"#,
    );
    let csv = write(
        dir.path(),
        "nul.csv",
        b"title,text\nCsv\x00 title,Csv\x00 body\x01 text\n",
    );
    let items = import_then_good(&mut lib, dir.path(), &[json, csv]);
    assert!(items.iter().all(|i| i.status == ItemStatus::Imported));
    let stored = bodies(&lib);
    assert!(
        stored.contains(&"Text with[31m escape.".to_owned()),
        "{stored:?}"
    );
    assert!(stored.contains(&"Csv body text".to_owned()), "{stored:?}");
    let mut stmt = lib.conn().prepare("SELECT title FROM articles").unwrap();
    let titles: Vec<String> = stmt
        .query_map([], |r| r.get(0))
        .unwrap()
        .map(Result::unwrap)
        .collect();
    assert!(titles.iter().all(|t| !t.chars().any(|c| c.is_control())));
    assert_eq!(articles::count(lib.conn()).unwrap(), 3);
}
