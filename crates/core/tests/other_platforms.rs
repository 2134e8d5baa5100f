//! Nothing in the core assumes `/` paths (issue 19, other platforms): zip
//! archives made on Windows (`\` between folders) and on macOS (`__MACOSX/`)
//! import their articles and skip hidden folders, and Windows-style paths
//! pass through import reports and exports unchanged.

mod harness;

use std::io::Write;
use std::sync::atomic::AtomicBool;

use litopys_core::export::{export, ExportOptions, Format, Selection};
use litopys_core::import::{ImportOptions, ItemStatus};
use litopys_core::store::articles;

const STORY: &str =
    "Переговори в Женеві тривали кілька годин. Делегації обмінялися проєктами документів \
    щодо гуманітарних питань і домовилися зустрітися знову наступного тижня.";

fn html(title: &str) -> String {
    format!(
        "<!DOCTYPE html><html><head><title>{title}</title></head><body><article><h1>{title}</h1>\
         <p>{STORY}</p><p>{STORY} {title}.</p></article></body></html>"
    )
}

#[test]
fn a_zip_made_on_windows_or_macos_imports_its_articles_and_skips_hidden_folders() {
    let (dir, mut lib) = harness::temp_library();
    let archive = dir.path().join("from-windows.zip");
    let mut zip = zip::ZipWriter::new(std::fs::File::create(&archive).unwrap());
    let options: zip::write::SimpleFileOptions = Default::default();
    for (name, body) in [
        (r"news\2022\geneva.html", html("Женева")),
        (r"news\2022\kyiv.txt", format!("Київ\n\n{STORY} Київ.")),
        (
            r"__MACOSX\news\._geneva.html",
            "\0\0binary resource fork".into(),
        ),
        (
            r".hidden\draft.txt",
            format!("Чернетка\n\n{STORY} Чернетка."),
        ),
        (r"news\.cache\old.txt", format!("Кеш\n\n{STORY} Кеш.")),
        ("mac/.DS_Store", "junk".into()),
    ] {
        zip.start_file(name, options).unwrap();
        zip.write_all(body.as_bytes()).unwrap();
    }
    zip.add_directory(r"news\empty\", options).unwrap();
    zip.finish().unwrap();

    let (totals, items) = harness::import(&mut lib, &[archive], &ImportOptions::default());
    let mut paths: Vec<String> = items
        .iter()
        .map(|i| i.path.rsplit('!').next().unwrap().to_owned())
        .collect();
    paths.sort();
    assert_eq!(
        paths,
        ["news/2022/geneva.html", "news/2022/kyiv.txt"],
        "{items:?}"
    );
    assert_eq!(totals.imported, 2, "{items:?}");
    assert_eq!(totals.failed, 0, "{items:?}");
}

#[test]
fn windows_style_paths_pass_through_import_reports_and_exports() {
    let (dir, mut lib) = harness::temp_library();
    // A Windows path is one file name on Unix (and a real path on Windows):
    // either way the report names it as given, never cut at a `\`.
    let name = r"C:\Users\analyst\Desktop\Женева.html";
    let file = dir.path().join(name);
    std::fs::write(&file, html("Женева")).unwrap();
    let (_, items) = harness::import(
        &mut lib,
        std::slice::from_ref(&file),
        &ImportOptions::default(),
    );
    assert_eq!(items[0].status, ItemStatus::Imported, "{items:?}");
    assert_eq!(items[0].path, file.display().to_string());
    assert!(items[0].path.ends_with(name));
    let a = articles::get(lib.conn(), items[0].id.as_deref().unwrap()).unwrap();
    assert_eq!(a.title, "Женева");

    for format in [Format::Jsonl, Format::Csv, Format::Zip] {
        let out = dir.path().join(format!(
            r"C:\Users\analyst\Exports\звіт.{}",
            format.extension()
        ));
        let totals = export(
            lib.conn(),
            &Selection::Query(String::new()),
            format,
            &out,
            ExportOptions::default(),
            &AtomicBool::new(false),
            &mut |_, _| {},
        )
        .unwrap();
        assert_eq!(totals.files[0], out, "{format:?}");
        assert!(out.is_file());
    }
    // The bundle keeps the origin path as it was.
    let bundle =
        std::fs::read_to_string(dir.path().join(r"C:\Users\analyst\Exports\звіт.jsonl")).unwrap();
    let escaped = serde_json::to_string(name).unwrap();
    assert!(bundle.contains(escaped.trim_matches('"')), "{bundle}");
}
