//! Import of the file types researchers bring: the seeds, scraper dumps,
//! archives, and broken input that must fail per item without harm.

mod harness;

use std::io::Write;
use std::path::PathBuf;

use litopys_core::import::{FieldMap, ImportOptions, ItemStatus};
use litopys_core::store::articles;
use litopys_core::text::language::Language;

fn write(dir: &std::path::Path, name: &str, bytes: &[u8]) -> PathBuf {
    let p = dir.join(name);
    std::fs::write(&p, bytes).unwrap();
    p
}

#[test]
fn seeds_get_headline_titles_languages_and_unaltered_text() {
    let (_d, mut lib) = harness::temp_library();
    let (totals, items) = harness::import(&mut lib, &[harness::seeds()], &ImportOptions::default());
    assert_eq!((totals.imported, totals.failed), (5, 0), "{items:#?}");
    let by_file = |n: &str| {
        let item = items.iter().find(|i| i.path.contains(n)).unwrap();
        articles::get(lib.conn(), item.id.as_ref().unwrap()).unwrap()
    };
    let a0 = by_file("000_");
    assert_eq!(
        a0.title,
        "Останнє попередження: Блінкен у розмові з Лавровим зажадав, щоб РФ негайно відвела війська від кордонів України"
    );
    assert!(
        a0.body.starts_with("Держсекретар США Ентоні Блінкен"),
        "the headline line is not repeated in the body"
    );
    assert_eq!(a0.language, "uk");
    let a4 = by_file("004_");
    assert!(a4
        .title
        .starts_with("Госсекретарь США провел телефонный разговор"));
    assert_eq!(a4.language, "ru");
    // Files that begin with a blank line have no headline: the title comes from the text.
    let a1 = by_file("001_");
    assert!(
        a1.title
            .starts_with("Росія, зіткнувшись із несподіваною рішучістю"),
        "{}",
        a1.title
    );
    assert!(a1.body.starts_with("Росія, зіткнувшись"));
    // The body keeps the text as imported, Latin look-alike letters and all.
    let original =
        std::fs::read_to_string(harness::seeds().join("001_a69a3fb0b83d7f83.txt")).unwrap();
    assert_eq!(a1.body, original.trim());
    assert!(a1.body.contains("Підписуйтеcь"), "the Latin c is kept");
    assert_eq!(a1.origin.format, "txt");
    assert_eq!(a1.origin.encoding.as_deref(), Some("utf-8"));
    assert_eq!(a1.id.len(), 16);
}

#[test]
fn reimport_is_idempotent() {
    let (_d, mut lib) = harness::temp_library();
    harness::import(&mut lib, &[harness::seeds()], &ImportOptions::default());
    let (again, items) = harness::import(&mut lib, &[harness::seeds()], &ImportOptions::default());
    assert_eq!((again.imported, again.duplicates), (0, 5), "{items:#?}");
    assert!(
        items.iter().all(|i| i.id.is_some()),
        "duplicates name the stored article"
    );
    assert_eq!(articles::count(lib.conn()).unwrap(), 5);
}

#[test]
fn same_article_from_json_and_txt_is_one_article() {
    let dir = tempfile::tempdir().unwrap();
    let body = std::fs::read_to_string(harness::seeds().join("002_f4b99d0d0bcacf5b.txt")).unwrap();
    let line =
        serde_json::json!({"headline": "Інший заголовок", "text": body.replace('\n', "\r\n")});
    let p = write(dir.path(), "dump.jsonl", format!("{line}\n").as_bytes());
    let (_d, mut lib) = harness::temp_library();
    harness::import(&mut lib, &[harness::seeds()], &ImportOptions::default());
    let (t, _) = harness::import(&mut lib, &[p], &ImportOptions::default());
    assert_eq!(t.duplicates, 1);
}

#[test]
fn scraper_dumps_with_common_and_mapped_field_names() {
    let dir = tempfile::tempdir().unwrap();
    let jsonl = concat!(
        r#"{"title": "Перша новина", "content": "Текст першої новини про переговори.", "url": "https://www.pravda.com.ua/news/1", "published": "2022-02-01T10:00:00+02:00", "lang": "uk"}"#,
        "\n\n",
        r#"{"headline": "Вторая новость", "body": "<p>Текст второй новости.</p><p>Ещё абзац.</p>", "site": "РИА", "date": "01.02.2022"}"#,
        "\n",
        "{not json}\n",
        "[1, 2]\n",
        r#"{"title": "Без тексту"}"#,
        "\n"
    );
    let json = r#"{"status": "ok", "articles": [{"name": "Третя", "article_text": "Третій текст статті.", "authors": ["Іван", "Петро"]}]}"#;
    let csv = "\u{FEFF}заголовок;текст;дата;джерело\nЧетверта;Четвертий текст статті;2022-02-03;Укрінформ\n";
    let mapped = "h1,story,when\nП'ята,П'ятий текст статті,2021-06-16\n";
    let paths = vec![
        write(dir.path(), "a.jsonl", jsonl.as_bytes()),
        write(dir.path(), "b.json", json.as_bytes()),
        write(dir.path(), "c.csv", csv.as_bytes()),
    ];
    let (_d, mut lib) = harness::temp_library();
    let (t, items) = harness::import(&mut lib, &paths, &ImportOptions::default());
    assert_eq!((t.imported, t.failed), (4, 3), "{items:#?}");
    let failed: Vec<_> = items
        .iter()
        .filter(|i| i.status == ItemStatus::Failed)
        .collect();
    assert!(
        failed[0].path.ends_with("a.jsonl:4")
            && failed[0].error.as_deref().unwrap().contains("invalid JSON")
    );
    assert!(
        failed[1].path.ends_with("a.jsonl:5")
            && failed[1].error.as_deref().unwrap().contains("array")
    );
    assert!(
        failed[2].path.ends_with("a.jsonl:6")
            && failed[2].error.as_deref().unwrap().contains("empty")
    );

    let get = |suffix: &str| {
        let i = items.iter().find(|i| i.path.ends_with(suffix)).unwrap();
        articles::get(lib.conn(), i.id.as_ref().unwrap()).unwrap()
    };
    let a = get("a.jsonl:1");
    assert_eq!(a.title, "Перша новина");
    assert_eq!(
        a.source.as_deref(),
        Some("pravda.com.ua"),
        "source from the URL's host"
    );
    assert_eq!(a.published_at.as_deref(), Some("2022-02-01T08:00:00Z"));
    let b = get("a.jsonl:3");
    assert_eq!(
        b.body, "Текст второй новости.\n\nЕщё абзац.",
        "markup in a text field becomes text"
    );
    assert_eq!(
        (b.language.as_str(), b.source.as_deref()),
        ("ru", Some("РИА"))
    );
    assert_eq!(b.published_at.as_deref(), Some("2022-02-01"));
    let c = get("b.json#1");
    assert_eq!(
        (c.title.as_str(), c.author.as_deref()),
        ("Третя", Some("Іван, Петро"))
    );
    let d = get("c.csv:2");
    assert_eq!(
        (d.title.as_str(), d.source.as_deref()),
        ("Четверта", Some("Укрінформ"))
    );

    let options = ImportOptions {
        source: Some("Мій архів".into()),
        fields: FieldMap::parse(["title=h1", "body=story", "date=when"]).unwrap(),
        ..Default::default()
    };
    let (t, items) = harness::import(
        &mut lib,
        &[write(dir.path(), "d.csv", mapped.as_bytes())],
        &options,
    );
    assert_eq!(t.imported, 1, "{items:#?}");
    let e = get_from(&lib, &items[0]);
    assert_eq!(
        (e.title.as_str(), e.published_at.as_deref()),
        ("П'ята", Some("2021-06-16"))
    );
    assert_eq!(e.source.as_deref(), Some("Мій архів"));
}

fn get_from(
    lib: &litopys_core::Library,
    item: &litopys_core::import::ItemReport,
) -> articles::Article {
    articles::get(lib.conn(), item.id.as_ref().unwrap()).unwrap()
}

#[test]
fn legacy_encoded_text_and_csv_are_decoded() {
    let dir = tempfile::tempdir().unwrap();
    let text =
        "Заголовок новини\n\nКиїв заявив про обов'язкові переговори з ЄС щодо їхньої участі.";
    let (cp1251, _, _) = encoding_rs::WINDOWS_1251.encode(text);
    let lviv = text.replace("Київ", "Львів");
    let (koi8u, _, _) = encoding_rs::KOI8_U.encode(&lviv);
    let csv_text = "title,text\nНовина,Текст російською: объявлено о съезде\n";
    let (csv1251, _, _) = encoding_rs::WINDOWS_1251.encode(csv_text);
    let paths = vec![
        write(dir.path(), "cp.txt", &cp1251),
        write(dir.path(), "koi.txt", &koi8u),
        write(dir.path(), "win.csv", &csv1251),
    ];
    let (_d, mut lib) = harness::temp_library();
    let (t, items) = harness::import(&mut lib, &paths, &ImportOptions::default());
    assert_eq!(t.imported, 3, "{items:#?}");
    let a = get_from(&lib, &items[0]);
    assert_eq!(a.title, "Заголовок новини");
    assert!(a.body.starts_with("Київ заявив"));
    assert_eq!(a.origin.encoding.as_deref(), Some("windows-1251"));
    assert!(get_from(&lib, &items[1]).body.starts_with("Львів заявив"));
    assert_eq!(
        get_from(&lib, &items[2]).body,
        "Текст російською: объявлено о съезде"
    );
}

#[test]
fn zip_entries_are_imported_with_inner_names() {
    let dir = tempfile::tempdir().unwrap();
    let zpath = dir.path().join("seeds.zip");
    let mut z = zip::ZipWriter::new(std::fs::File::create(&zpath).unwrap());
    let opts = zip::write::SimpleFileOptions::default();
    for e in std::fs::read_dir(harness::seeds()).unwrap().flatten() {
        z.start_file(format!("news/{}", e.file_name().to_string_lossy()), opts)
            .unwrap();
        z.write_all(&std::fs::read(e.path()).unwrap()).unwrap();
    }
    z.start_file("news/photo.jpg", opts).unwrap();
    z.write_all(b"\xFF\xD8\xFF\xE0").unwrap();
    z.finish().unwrap();
    let (_d, mut lib) = harness::temp_library();
    let (t, items) = harness::import(
        &mut lib,
        std::slice::from_ref(&zpath),
        &ImportOptions::default(),
    );
    assert_eq!((t.imported, t.failed), (5, 1), "{items:#?}");
    assert!(items
        .iter()
        .any(|i| i.path.ends_with("seeds.zip!news/000_0a07881c7022561c.txt")));

    // A truncated archive is one clear failure, and the library is unharmed.
    let bytes = std::fs::read(&zpath).unwrap();
    let cut = write(dir.path(), "cut.zip", &bytes[..bytes.len() / 2]);
    let (t, items) = harness::import(&mut lib, &[cut], &ImportOptions::default());
    assert_eq!(t.failed, 1, "{items:#?}");
    assert!(items[0].error.as_deref().unwrap().contains("zip"));
    assert_eq!(articles::count(lib.conn()).unwrap(), 5);
}

#[test]
fn bad_files_fail_one_by_one_and_the_batch_goes_on() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "empty.txt", b"");
    write(
        dir.path(),
        "binary.txt",
        b"\x7FELF\x02\x01\x01\0\0\0\0\0\0\0\0\0\x03\0>\0",
    );
    write(dir.path(), "blank.txt", b"\n\n   \n");
    write(dir.path(), "notes.docx", b"PK\x03\x04");
    write(
        dir.path(),
        "broken.json",
        b"[{\"title\": \"a\", \"text\": \"Stored text\"}, {\"title\": ",
    );
    write(
        dir.path(),
        "good.txt",
        "Заголовок\n\nЄдиний добрий текст.".as_bytes(),
    );
    let (_d, mut lib) = harness::temp_library();
    let (t, items) = harness::import(
        &mut lib,
        &[dir.path().to_path_buf()],
        &ImportOptions::default(),
    );
    assert_eq!((t.imported, t.failed), (2, 5), "{items:#?}");
    let reason = |name: &str| {
        items
            .iter()
            .find(|i| i.path.ends_with(name) && i.status == ItemStatus::Failed)
            .and_then(|i| i.error.clone())
            .unwrap_or_default()
    };
    assert!(reason("empty.txt").contains("empty"));
    assert!(reason("binary.txt").contains("binary"));
    assert!(reason("blank.txt").contains("empty"));
    assert!(reason("notes.docx").contains("not a supported"));
    assert!(reason("broken.json").contains("invalid JSON"));
    let missing = dir.path().join("missing.txt");
    let (t, items) = harness::import(&mut lib, &[missing], &ImportOptions::default());
    assert_eq!(t.failed, 1);
    assert!(items[0].error.as_deref().unwrap().contains("no such file"));
}

#[test]
fn huge_single_line_is_refused_without_reading_it_into_memory() {
    let dir = tempfile::tempdir().unwrap();
    // A sparse 1 GiB file: one line with no newline, then a good record.
    let path = dir.path().join("huge.jsonl");
    let mut f = std::fs::File::create(&path).unwrap();
    f.write_all(b"{\"title\": \"\xD0\x9F\", \"text\": \"first\"}\n")
        .unwrap();
    f.set_len(1 << 30).unwrap();
    use std::io::Seek;
    f.seek(std::io::SeekFrom::End(0)).unwrap();
    f.write_all(b"\n{\"title\": \"last\", \"text\": \"after the long line\"}\n")
        .unwrap();
    drop(f);
    let big_txt = dir.path().join("huge.txt");
    std::fs::File::create(&big_txt)
        .unwrap()
        .set_len(1 << 30)
        .unwrap();
    let (_d, mut lib) = harness::temp_library();
    let (t, items) = harness::import(&mut lib, &[path, big_txt], &ImportOptions::default());
    assert_eq!((t.imported, t.failed), (2, 2), "{items:#?}");
    assert!(
        items[1].path.ends_with("huge.jsonl:2")
            && items[1].error.as_deref().unwrap().contains("too large")
    );
    assert!(items[3].error.as_deref().unwrap().contains("too large"));
}

#[test]
fn html_pages_in_legacy_encodings() {
    let dir = tempfile::tempdir().unwrap();
    let page = "<html><head><meta charset=\"windows-1251\"><title>Новини дня</title>\
        <meta property=\"article:published_time\" content=\"2022-02-01T09:00:00Z\"></head><body><article>\
        <h1>Новини дня</h1><p>Міністр закордонних справ заявив про готовність продовжити переговори.</p>\
        <p>Це другий абзац статті, в якому йдеться про обов'язковий відвід військ від кордону.</p></article></body></html>";
    let (bytes, _, _) = encoding_rs::WINDOWS_1251.encode(page);
    let p = write(dir.path(), "page.html", &bytes);
    let (_d, mut lib) = harness::temp_library();
    let (t, items) = harness::import(&mut lib, &[p], &ImportOptions::default());
    assert_eq!(t.imported, 1, "{items:#?}");
    let a = get_from(&lib, &items[0]);
    assert_eq!(a.title, "Новини дня");
    assert!(a.body.contains("продовжити переговори"), "{}", a.body);
    assert_eq!(a.published_at.as_deref(), Some("2022-02-01T09:00:00Z"));
    assert_eq!(a.language, Language::Uk.as_str());
}
