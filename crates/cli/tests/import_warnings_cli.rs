//! An HTML page whose article was not found is imported as its visible text
//! and the import output says so, per item and in the totals.

mod harness;

use harness::{json, litopys};

const LINKS_ONLY: &str = "<html><head><title>Стрічка</title></head><body><ul>\
    <li><a href=/1>Уряд ухвалив бюджет на наступний рік після довгих дебатів</a></li>\
    <li><a href=/2>Рятувальники вивезли двісті людей із затоплених кварталів</a></li>\
    <li><a href=/3>Збірна виграла відбірковий матч у Варшаві</a></li></ul></body></html>";

#[test]
fn import_reports_a_page_kept_as_visible_text_as_a_warning() {
    let dir = tempfile::tempdir().unwrap();
    let lib = dir.path().join("lib.litopys");
    let page = dir.path().join("front.html");
    std::fs::write(&page, LINKS_ONLY).unwrap();

    let out = litopys(&lib, &["import", "--json", page.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(0));
    let r = json(&out);
    assert_eq!(
        (r["imported"].as_u64(), r["warnings"].as_u64()),
        (Some(1), Some(1))
    );
    let item = &r["files"][0];
    assert_eq!(item["status"], "imported");
    assert!(item["warning"].as_str().unwrap().contains("visible text"));

    let other = dir.path().join("lib2.litopys");
    let out = litopys(&other, &["import", page.to_str().unwrap()]);
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("warning: "), "{text}");
    assert!(text.contains("front.html: no article found"), "{text}");
    assert!(text.contains("1 imported (1 with a warning)"), "{text}");
}
