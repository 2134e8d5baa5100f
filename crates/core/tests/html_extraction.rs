//! HTML article extraction through the real import: the fallbacks that keep
//! every page with visible text, the warning they leave on the report, the
//! error of a page with nothing to read, and no development page lost.

mod harness;

use std::path::{Path, PathBuf};

use litopys_core::import::{ImportOptions, ItemStatus};
use litopys_core::store::articles;
use litopys_core::Library;

fn write(dir: &Path, name: &str, text: &str) -> PathBuf {
    let p = dir.join(name);
    std::fs::write(&p, text).unwrap();
    p
}

/// A section front: headlines that are links, in a list, no paragraph.
const HEADLINES_ONLY: &str = "<html><head><title>Новини дня</title></head><body>\
    <nav><a href=/>Головна</a> <a href=/news>Новини</a></nav>\
    <ul class=\"latest\">\
    <li><a href=/1>Уряд ухвалив бюджет на наступний рік після довгих дебатів</a></li>\
    <li><a href=/2>Рятувальники вивезли двісті людей із затоплених кварталів Херсона</a></li>\
    <li><a href=/3>Футбольна збірна виграла відбірковий матч у Варшаві</a></li>\
    </ul><footer>© Новини дня, 2025</footer></body></html>";

#[test]
fn page_without_paragraphs_is_kept_as_its_visible_text_with_a_warning() {
    let dir = tempfile::tempdir().unwrap();
    let page = write(dir.path(), "front.html", HEADLINES_ONLY);
    let mut lib = Library::open_in_memory().unwrap();
    let (totals, items) = harness::import(&mut lib, &[page], &ImportOptions::default());
    assert_eq!((totals.imported, totals.failed, totals.warnings), (1, 0, 1));
    let item = &items[0];
    assert_eq!(item.status, ItemStatus::Imported);
    let warning = item.warning.as_deref().expect("a warning on the item");
    assert!(warning.contains("visible text"), "{warning}");
    let a = articles::get(lib.conn(), item.id.as_deref().unwrap()).unwrap();
    assert!(a.body.contains("Рятувальники вивезли двісті людей"));
    assert!(a.body.contains("Футбольна збірна"));
}

#[test]
fn page_with_nothing_visible_fails_with_a_clear_error_naming_the_file() {
    let dir = tempfile::tempdir().unwrap();
    let empty = write(
        dir.path(),
        "blank-page.html",
        "<html><head><title>Порожньо</title><script>var a = '<p>не текст</p>';</script>\
         <style>p { color: red }</style></head><body><img src=a.png><div>  </div></body></html>",
    );
    let good = write(
        dir.path(),
        "good.html",
        "<html><body><article><p>Після блекауту місто знову має світло: енергетики \
         відновили живлення всіх районів до ранку.</p></article></body></html>",
    );
    let mut lib = Library::open_in_memory().unwrap();
    let (totals, items) = harness::import(&mut lib, &[empty, good], &ImportOptions::default());
    assert_eq!((totals.imported, totals.failed, totals.warnings), (1, 1, 0));
    let failed = items
        .iter()
        .find(|i| i.status == ItemStatus::Failed)
        .unwrap();
    assert!(failed.path.ends_with("blank-page.html"));
    assert_eq!(failed.error.as_deref(), Some("no visible text in the page"));
}

#[test]
fn json_ld_article_body_in_a_graph_is_the_article_and_comments_are_not() {
    let body = "Харків, 12 травня. Міська рада ухвалила програму відновлення шкіл, \
        зруйнованих обстрілами. За рік мають відбудувати дев'ять шкіл і два дитячі садки. \
        Гроші дадуть міжнародні партнери та державний фонд відновлення. \
        Першою відкриють школу на Салтівці, де вже замінили дах і вікна.";
    let page = format!(
        "<html><head><title>Школи Харкова</title><script type=\"application/ld+json\">\
         {{\"@context\":\"https://schema.org\",\"@graph\":[{{\"@type\":\"WebSite\",\"name\":\"Слобідські новини\"}},\
         {{\"@type\":\"NewsArticle\",\"headline\":\"Школи\",\"articleBody\":\"{body}\"}}]}}</script></head>\
         <body><div class=\"story\"><p>{body}</p></div>\
         <div id=\"comments\"><div class=\"comment\"><p>Василь: А коли садки? Чекаємо вже два роки, \
         діти ходять у садок на іншому кінці міста.</p></div></div></body></html>"
    );
    let dir = tempfile::tempdir().unwrap();
    let file = write(dir.path(), "schools.html", &page);
    let mut lib = Library::open_in_memory().unwrap();
    let (totals, items) = harness::import(&mut lib, &[file], &ImportOptions::default());
    assert_eq!((totals.imported, totals.warnings), (1, 0));
    let a = articles::get(lib.conn(), items[0].id.as_deref().unwrap()).unwrap();
    assert!(a.body.contains("Першою відкриють школу на Салтівці"));
    assert!(!a.body.contains("А коли садки"), "{}", a.body);
}

/// Every HTML page the development set is built from (html-readability's
/// sources, the encodings corpus's pages) has visible text: none may fail.
#[test]
fn every_development_page_with_visible_text_is_imported() {
    let mut pages: Vec<PathBuf> = std::fs::read_dir(harness::corpus("html-readability"))
        .unwrap()
        .flatten()
        .map(|e| e.path().join("source.html"))
        .filter(|p| p.is_file())
        .collect();
    for dir in std::fs::read_dir(harness::corpus("encodings"))
        .unwrap()
        .flatten()
    {
        if let Ok(files) = std::fs::read_dir(dir.path()) {
            pages.extend(
                files
                    .flatten()
                    .map(|e| e.path())
                    .filter(|p| p.extension().is_some_and(|e| e == "html")),
            );
        }
    }
    pages.sort();
    assert!(pages.len() > 120, "{} pages", pages.len());
    let mut lib = Library::open_in_memory().unwrap();
    let (totals, items) = harness::import(&mut lib, &pages, &ImportOptions::default());
    let lost: Vec<String> = items
        .iter()
        .filter(|i| i.status == ItemStatus::Failed)
        .map(|i| format!("{}: {}", i.path, i.error.as_deref().unwrap_or("")))
        .collect();
    assert!(lost.is_empty(), "pages lost: {lost:#?}");
    assert_eq!((totals.imported + totals.duplicates) as usize, pages.len());
}
