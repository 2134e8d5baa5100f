//! Report (Markdown, HTML), W3C Web Annotation, REFI-QDA and zip exports:
//! real content checked, the W3C output against the model's JSON-LD context
//! and the REFI-QDA project against the official schema (with xmllint).
//!
//! (Over 500 lines: one file per export family keeps the fixtures — a real
//! library with tags, annotations and blocks — built once for all formats.)

mod harness;

use std::collections::{BTreeMap, BTreeSet};
use std::io::Read;
use std::path::{Path, PathBuf};
use std::sync::atomic::AtomicBool;

use litopys_core::edits;
use litopys_core::export::{export, ExportTotals, Format, Selection};
use litopys_core::import::ImportOptions;
use litopys_core::search::matching_ids;
use litopys_core::store::annotations::{self, Annotation, Target};
use litopys_core::store::{articles, tags};
use litopys_core::Library;
use serde_json::Value;

const HOSTILE_TITLE: &str = "Звіт <img src=x onerror=alert(1)> & [link](javascript:alert(2))";
const HOSTILE_NOTE: &str =
    "перший рядок\n\n# Heading injection\n- list\n</mark></blockquote><script>alert(3)</script>";

fn data(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/data")
        .join(name)
}

fn quote(text: &str) -> Target {
    Target::Quote {
        text: text.into(),
        occurrence: 1,
    }
}

fn uid_where(lib: &Library, sql_where: &str) -> String {
    lib.conn()
        .query_row(
            &format!("SELECT uid FROM articles WHERE {sql_where} ORDER BY id LIMIT 1"),
            [],
            |r| r.get(0),
        )
        .unwrap()
}

struct Fixture {
    _dir: tempfile::TempDir,
    lib: Library,
    hostile: String,
    blinken: String,
    /// Articles tagged `war` or below.
    war: usize,
}

/// Demo articles plus one hostile `.txt` article; a tag tree; annotations of
/// every kind (quote with note, bare highlight, article note, orphaned).
fn fixture() -> Fixture {
    let (dir, mut lib) = harness::temp_library();
    litopys_core::demo::add_samples(&mut lib).unwrap();
    let txt = dir.path().join("hostile.txt");
    std::fs::write(
        &txt,
        format!(
            "{HOSTILE_TITLE}\n\nУ тексті є <script>alert(1)</script> і ще *зірочки*, # решітка та \
             `код`. Дипломати знову зустрілися в Женеві, щоб обговорити безпеку.\n\n\
             Цей абзац згодом зникне: ORPHANQUOTE тимчасовий фрагмент.\n\n\
             Переговори тривали кілька годин і завершилися без домовленостей.\n"
        ),
    )
    .unwrap();
    let (totals, items) = harness::import(&mut lib, &[txt], &ImportOptions::default());
    assert_eq!(totals.imported, 1, "{items:?}");
    let hostile = uid_where(&lib, "body LIKE '%<script>%'");
    let blinken = uid_where(&lib, "body LIKE '%Лавровим%'");
    let other = uid_where(
        &lib,
        "body NOT LIKE '%Лавровим%' AND body NOT LIKE '%<script>%'",
    );

    let ids = |lib: &Library, uids: &[&String]| {
        tags::article_ids(
            lib.conn(),
            &uids.iter().map(|s| s.to_string()).collect::<Vec<_>>(),
        )
        .unwrap()
    };
    let diplomacy = ids(&lib, &[&hostile, &blinken]);
    tags::add(lib.conn_mut(), "war/diplomacy", &diplomacy).unwrap();
    let o = ids(&lib, &[&other]);
    tags::add(lib.conn_mut(), "war", &o).unwrap();
    let b = ids(&lib, &[&blinken]);
    tags::add(lib.conn_mut(), "Міжнародне/США", &b).unwrap();
    tags::describe(lib.conn(), "war", Some("#aa0000"), Some("Усе про війну")).unwrap();

    let c = lib.conn_mut();
    annotations::create(
        c,
        &blinken,
        &quote("Лавровим"),
        "хто саме?",
        Some("#ffcc00"),
        &["needs-check".into()],
    )
    .unwrap();
    annotations::create(
        c,
        &blinken,
        &Target::Article,
        "Стаття про дзвінок",
        None,
        &[],
    )
    .unwrap();
    annotations::create(
        c,
        &hostile,
        &quote("<script>alert(1)</script>"),
        HOSTILE_NOTE,
        Some("#33ccff"),
        &["needs-check".into(), "war/diplomacy".into()],
    )
    .unwrap();
    annotations::create(c, &hostile, &quote("Женеві"), "", None, &[]).unwrap();
    annotations::create(
        c,
        &hostile,
        &quote("ORPHANQUOTE тимчасовий"),
        "зникне",
        None,
        &[],
    )
    .unwrap();
    let body = articles::get(c, &hostile).unwrap().body;
    let cut = body.replace(
        "Цей абзац згодом зникне: ORPHANQUOTE тимчасовий фрагмент.\n\n",
        "",
    );
    edits::update_body(c, &hostile, &cut).unwrap();
    assert_eq!(annotations::orphaned(c).unwrap().len(), 1);
    Fixture {
        _dir: dir,
        lib,
        hostile,
        blinken,
        war: 3,
    }
}

fn run(f: &Fixture, selection: Selection, format: Format, name: &str) -> (PathBuf, ExportTotals) {
    let path = f._dir.path().join("out").join(name);
    // Exports never create folders (issue 19): the user's folder exists.
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    let totals = export(
        f.lib.conn(),
        &selection,
        format,
        &path,
        Default::default(),
        &AtomicBool::new(false),
        &mut |_, _| {},
    )
    .unwrap();
    assert!(!totals.cancelled);
    assert_eq!(totals.files, std::slice::from_ref(&path));
    (path, totals)
}

fn all_annotations(f: &Fixture) -> Vec<Annotation> {
    let mut v = Vec::new();
    for id in matching_ids(f.lib.conn(), "").unwrap() {
        v.extend(annotations::of_article(f.lib.conn(), id).unwrap());
    }
    v
}

fn war() -> Selection {
    Selection::Tags("war".into())
}

#[test]
fn html_report_escapes_everything_and_highlights_quotes() {
    let f = fixture();
    let (path, totals) = run(&f, war(), Format::Html, "r.html");
    assert_eq!(totals.articles, f.war as u64);
    assert_eq!(totals.annotations, 5);
    let html = std::fs::read_to_string(path).unwrap();
    // Hostile text appears as characters, never as markup.
    assert!(
        html.contains("Звіт &lt;img src=x onerror=alert(1)&gt; &amp; [link](javascript:alert(2))")
    );
    assert!(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;</mark>"));
    assert!(html.contains("&lt;/mark&gt;&lt;/blockquote&gt;&lt;script&gt;alert(3)&lt;/script&gt;"));
    let lower = html.to_lowercase();
    for bad in [
        "<script", "<img", "<iframe", "<link", "<object", "<embed", "url(", "@import", "src=",
    ] {
        assert!(
            !lower.replace("&lt;img src=x", "").contains(bad),
            "unexpected {bad} in the report"
        );
    }
    assert!(lower.contains("content-security-policy"));
    // Heading, counts, metadata, tags, quote with note and colour, notes, orphan.
    assert!(html.contains("<h1>Litopys report</h1>\n<p>tags: war</p>"));
    assert!(html.contains("3 articles · 5 annotations"));
    assert!(html.contains("<mark style=\"background-color:#ffcc00\">Лавровим</mark>"));
    assert!(html.contains("<div class=\"note\">хто саме?</div>"));
    assert!(html.contains("<span class=\"tag\">needs-check</span>"));
    assert!(html.contains("<span class=\"tag\">war/diplomacy</span>"));
    assert!(html.contains("Colour: #ffcc00"));
    assert!(html.contains("<h3>Notes on the article</h3>"));
    assert!(html.contains("Стаття про дзвінок"));
    assert_eq!(html.matches("class=\"orphaned\"").count(), 1);
    assert!(html.contains("ORPHANQUOTE тимчасовий</mark>"));
    assert!(html.contains("language: uk"));
    assert_eq!(html.matches("<article ").count(), f.war);
    assert_eq!(html.matches("<mark ").count(), 4);
    assert!(html.trim_end().ends_with("</html>"));
}

#[test]
fn markdown_report_keeps_user_text_inside_its_quote() {
    let f = fixture();
    let (path, totals) = run(&f, war(), Format::Markdown, "r.md");
    assert_eq!(totals.articles, 3);
    let md = std::fs::read_to_string(path).unwrap();
    assert!(md.starts_with("# Litopys report: tags: war\n\n3 articles · 5 annotations"));
    assert!(md.contains("> Лавровим\n>\n> **Note:**\n>\n> хто саме?\n"));
    assert!(md.contains("colour #ffcc00"));
    assert!(md.contains("*Tags:* needs-check, war/diplomacy"), "{md}");
    // Title: markup characters escaped, HTML inert.
    assert!(
        md.contains("## Звіт \\<img src=x onerror=alert(1)\\> \\& \\[link\\](javascript:alert(2))")
    );
    // The hostile note: every line stays in the blockquote, block markers escaped.
    let start = md.find("> перший рядок").expect("note in the report");
    let block: Vec<&str> = md[start..].lines().take_while(|l| !l.is_empty()).collect();
    assert_eq!(
        block,
        [
            "> перший рядок",
            ">",
            "> \\# Heading injection\\",
            "> \\- list\\",
            "> \\</mark\\>\\</blockquote\\>\\<script\\>alert(3)\\</script\\>",
        ]
    );
    assert!(!md.contains("<script>"));
    assert!(md.contains("### Notes on the article\n\n> Стаття про дзвінок"));
    assert_eq!(md.matches("**orphaned**").count(), 1);
    // An orphan's old positions are not shown: they no longer point at the quote.
    assert!(md.contains("#### Annotation 3 · **orphaned**"), "{md}");
    assert!(md.contains("#### Annotation 1 · characters "));
    assert_eq!(md.matches("\n## ").count(), 3);
}

/// Every key of `v` (recursively, except JSON-LD keywords) and every
/// `type`/`motivation`/`purpose` value must be a term of the context.
fn check_terms(v: &Value, terms: &BTreeSet<String>, used: &mut BTreeSet<String>) {
    match v {
        Value::Object(o) => {
            for (k, val) in o {
                if k.starts_with('@') {
                    continue;
                }
                assert!(terms.contains(k), "key “{k}” is not defined by anno.jsonld");
                used.insert(k.clone());
                if matches!(k.as_str(), "type" | "motivation" | "purpose") {
                    let names: Vec<&Value> = match val {
                        Value::Array(a) => a.iter().collect(),
                        v => vec![v],
                    };
                    for n in names {
                        let n = n.as_str().expect("a term name");
                        assert!(terms.contains(n), "{k} “{n}” is not defined by anno.jsonld");
                        used.insert(n.to_owned());
                    }
                }
                check_terms(val, terms, used);
            }
        }
        Value::Array(a) => a.iter().for_each(|x| check_terms(x, terms, used)),
        _ => {}
    }
}

#[test]
fn w3c_export_uses_only_terms_of_the_web_annotation_context() {
    let f = fixture();
    let context: Value =
        serde_json::from_str(&std::fs::read_to_string(data("anno.jsonld")).unwrap()).unwrap();
    let terms: BTreeSet<String> = context["@context"]
        .as_object()
        .unwrap()
        .keys()
        .cloned()
        .collect();
    let (path, totals) = run(&f, Selection::Query(String::new()), Format::W3c, "a.jsonld");
    let doc: Value = serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    let mut used = BTreeSet::new();
    check_terms(&doc, &terms, &mut used);
    for t in [
        "AnnotationCollection",
        "AnnotationPage",
        "Annotation",
        "TextualBody",
        "TextQuoteSelector",
        "TextPositionSelector",
        "commenting",
        "highlighting",
        "tagging",
    ] {
        assert!(
            terms.contains(t) && used.contains(t),
            "{t} defined and used"
        );
    }

    assert_eq!(doc["@context"], "http://www.w3.org/ns/anno.jsonld");
    assert_eq!(doc["type"], "AnnotationCollection");
    assert!(doc["id"].as_str().unwrap().starts_with("urn:uuid:"));
    assert_eq!(doc["label"], "Litopys annotations — search: ");
    let items = doc["first"]["items"].as_array().unwrap();
    let expected = all_annotations(&f);
    assert_eq!(doc["total"], expected.len() as u64);
    assert_eq!(items.len(), expected.len());
    assert_eq!(totals.annotations, expected.len() as u64);
    assert_eq!(doc["first"]["type"], "AnnotationPage");

    let by_id: BTreeMap<String, &Value> = items
        .iter()
        .map(|i| (i["id"].as_str().unwrap().to_owned(), i))
        .collect();
    for n in &expected {
        let item = by_id[&format!("urn:uuid:{}", n.id)];
        assert_eq!(item["type"], "Annotation");
        assert_eq!(item["created"], n.created_at.as_str());
        assert_eq!(item["modified"], n.updated_at.as_str());
        let motivation = if n.note.is_empty() {
            "highlighting"
        } else {
            "commenting"
        };
        assert_eq!(item["motivation"], motivation);
        let bodies = item["body"].as_array().cloned().unwrap_or_default();
        let tagging: Vec<&str> = bodies
            .iter()
            .filter(|b| b["purpose"] == "tagging")
            .map(|b| b["value"].as_str().unwrap())
            .collect();
        assert_eq!(
            tagging,
            n.tags.iter().map(String::as_str).collect::<Vec<_>>()
        );
        if !n.note.is_empty() {
            assert_eq!(bodies[0]["type"], "TextualBody");
            assert_eq!(bodies[0]["value"], n.note.as_str());
            assert_eq!(bodies[0]["format"], "text/plain");
            // Detected from the note itself; absent when too short to tell.
            let lang = bodies[0].get("language").and_then(Value::as_str);
            assert!(matches!(lang, None | Some("uk" | "ru")), "{lang:?}");
        }
        let source = format!("urn:litopys:article:{}", n.article);
        match n.start {
            None => assert_eq!(item["target"], source.as_str()),
            Some(start) => {
                let target = &item["target"];
                assert_eq!(target["source"], source.as_str());
                let sel = target["selector"].as_array().unwrap();
                assert_eq!(sel[0]["type"], "TextQuoteSelector");
                assert_eq!(sel[0]["exact"], n.exact.clone().unwrap().as_str());
                assert_eq!(sel[0]["prefix"], n.prefix.clone().unwrap().as_str());
                assert_eq!(sel[0]["suffix"], n.suffix.clone().unwrap().as_str());
                if n.orphaned {
                    assert_eq!(sel.len(), 1, "an orphan has no trustworthy position");
                } else {
                    assert_eq!(sel[1]["type"], "TextPositionSelector");
                    assert_eq!(sel[1]["start"], start);
                    let end = n.end.unwrap();
                    assert_eq!(sel[1]["end"], end);
                    let body = articles::get(f.lib.conn(), &n.article).unwrap().body;
                    let text: String = body.chars().skip(start).take(end - start).collect();
                    assert_eq!(text, n.exact.clone().unwrap());
                }
            }
        }
    }
}

fn xmllint() -> PathBuf {
    let found = std::env::var_os("PATH").and_then(|paths| {
        std::env::split_paths(&paths)
            .map(|d| d.join("xmllint"))
            .find(|p| p.is_file())
    });
    found.unwrap_or_else(|| {
        panic!(
            "xmllint is required to validate the REFI-QDA export against its schema; \
             install it (Debian/Ubuntu: apt-get install libxml2-utils) — scripts/test.sh does"
        )
    })
}

fn xpath(file: &Path, expr: &str) -> String {
    let out = std::process::Command::new(xmllint())
        .args(["--xpath", expr])
        .arg(file)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "xpath {expr}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap().trim().to_owned()
}

fn attr<'a>(tag: &'a str, name: &str) -> &'a str {
    // The tag's own attributes only (split() left them at the start).
    let tag = &tag[..tag.find('>').unwrap_or(tag.len())];
    let key = format!("{name}=\"");
    let at = tag
        .match_indices(&key)
        .find(|(i, _)| *i == 0 || tag[..*i].ends_with(' '))
        .unwrap_or_else(|| panic!("{name} in {tag}"))
        .0
        + key.len();
    &tag[at..at + tag[at..].find('"').unwrap()]
}

fn unzip(path: &Path) -> BTreeMap<String, Vec<u8>> {
    let mut z = zip::ZipArchive::new(std::fs::File::open(path).unwrap()).unwrap();
    let mut out = BTreeMap::new();
    for i in 0..z.len() {
        let mut e = z.by_index(i).unwrap();
        let mut buf = Vec::new();
        e.read_to_end(&mut buf).unwrap();
        assert!(
            out.insert(e.name().unwrap().into_owned(), buf).is_none(),
            "duplicate entry"
        );
    }
    out
}

#[test]
fn refi_qda_project_validates_and_positions_give_the_quotes() {
    let f = fixture();
    let (path, totals) = run(&f, war(), Format::RefiQda, "p.qdpx");
    assert_eq!(totals.articles, 3);
    let files = unzip(&path);
    assert_eq!(files.len(), 1 + 3, "project.qde and one text per article");
    let qde_path = f._dir.path().join("project.qde");
    std::fs::write(&qde_path, &files["project.qde"]).unwrap();
    let out = std::process::Command::new(xmllint())
        .args(["--noout", "--schema"])
        .arg(data("refi-qda-project-1.0.xsd"))
        .arg(&qde_path)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "project.qde does not validate: {}",
        String::from_utf8_lossy(&out.stderr)
    );

    let qde = String::from_utf8(files["project.qde"].clone()).unwrap();
    assert!(qde.contains("xmlns=\"urn:QDA-XML:project:1.0\""));
    assert!(qde.contains("<User guid=\"") && qde.contains("name=\"Litopys\"/>"));
    // Codes nested by path, coloured and described from the tag.
    let code = |name: &str| format!("//*[local-name()='Code'][@name='{name}']");
    assert_eq!(
        xpath(&qde_path, &format!("string({}/@color)", code("war"))),
        "#aa0000"
    );
    assert_eq!(
        xpath(
            &qde_path,
            &format!(
                "count({}/*[local-name()='Code'][@name='diplomacy'])",
                code("war")
            )
        ),
        "1"
    );
    assert_eq!(
        xpath(
            &qde_path,
            &format!(
                "count({}/*[local-name()='Code'][@name='США'])",
                code("Міжнародне")
            )
        ),
        "1"
    );
    assert_eq!(
        xpath(&qde_path, &format!("count({})", code("needs-check"))),
        "1"
    );
    assert_eq!(
        xpath(&qde_path, "count(//*[local-name()='TextSource'])"),
        "3"
    );
    // Article notes and the orphan are project notes referenced by their article.
    assert_eq!(
        xpath(
            &qde_path,
            "count(//*[local-name()='Notes']/*[local-name()='Note'])"
        ),
        "2"
    );
    assert_eq!(
        xpath(
            &qde_path,
            "count(//*[local-name()='TextSource']/*[local-name()='NoteRef'])"
        ),
        "2"
    );

    // One selection per (non-orphaned) span annotation; positions in code points.
    let expected: BTreeMap<String, Annotation> = all_annotations(&f)
        .into_iter()
        .filter(|n| n.start.is_some() && !n.orphaned)
        .map(|n| (n.id.clone(), n))
        .collect();
    assert_eq!(expected.len(), 3);
    let mut seen = BTreeSet::new();
    let mut whole = 0;
    for source in qde.split("<TextSource ").skip(1) {
        let source = &source[..source.find("</TextSource>").unwrap()];
        let guid = attr(source, "guid");
        assert_eq!(
            attr(source, "plainTextPath"),
            format!("internal://{guid}.txt")
        );
        let text: Vec<char> = String::from_utf8(files[&format!("Sources/{guid}.txt")].clone())
            .unwrap()
            .chars()
            .collect();
        for sel in source.split("<PlainTextSelection ").skip(1) {
            let tag = &sel[..sel.find('>').unwrap()];
            let (s, e): (usize, usize) = (
                attr(tag, "startPosition").parse().unwrap(),
                attr(tag, "endPosition").parse().unwrap(),
            );
            let id = attr(tag, "guid");
            if let Some(n) = expected.get(id) {
                let got: String = text[s..e].iter().collect();
                assert_eq!(got, n.exact.clone().unwrap());
                assert!(seen.insert(id.to_owned()));
                let body = &sel[..sel.find("</PlainTextSelection>").unwrap()];
                assert_eq!(body.matches("<CodeRef ").count(), n.tags.len());
                if !n.note.is_empty() {
                    assert!(body.contains("<Description>"));
                }
            } else {
                assert_eq!(
                    (s, e),
                    (0, text.len()),
                    "the other selection is the whole text"
                );
                whole += 1;
            }
        }
    }
    assert_eq!(seen.len(), expected.len());
    assert_eq!(whole, 3, "every selected article is tagged");
    assert!(qde.contains("&lt;/mark&gt;&lt;/blockquote&gt;&lt;script&gt;alert(3)&lt;/script&gt;"));
}

#[test]
fn zip_has_a_folder_per_tag_and_a_manifest() {
    let f = fixture();
    let (path, totals) = run(&f, Selection::Query(String::new()), Format::Zip, "t.zip");
    assert_eq!(totals.articles, 6);
    let files = unzip(&path);
    let manifest: Value = serde_json::from_slice(&files["manifest.json"]).unwrap();
    let listed = manifest["articles"].as_array().unwrap();
    assert_eq!(listed.len(), 6);
    let mut all_files = BTreeSet::new();
    let mut untagged = 0;
    for m in listed {
        let id = m["id"].as_str().unwrap();
        let a = articles::get(f.lib.conn(), id).unwrap();
        assert_eq!(m["title"], a.title.as_str());
        assert_eq!(m["source"], serde_json::json!(a.source));
        assert_eq!(m["date"], serde_json::json!(a.published_at));
        let tag_list: Vec<&str> = m["tags"]
            .as_array()
            .unwrap()
            .iter()
            .map(|t| t.as_str().unwrap())
            .collect();
        let paths: Vec<&str> = m["files"]
            .as_array()
            .unwrap()
            .iter()
            .map(|p| p.as_str().unwrap())
            .collect();
        assert_eq!(paths.len(), tag_list.len().max(1));
        if tag_list.is_empty() {
            untagged += 1;
            assert!(paths[0].starts_with("untagged/"));
        }
        for p in paths {
            assert!(p.ends_with(&format!(" ({id}).txt")), "{p}");
            let text = String::from_utf8(files[p].clone()).unwrap();
            assert!(text.starts_with(&format!(
                "{}\n",
                a.title.split_whitespace().collect::<Vec<_>>().join(" ")
            )));
            assert!(text.contains(&format!("Id: {id}\n")));
            // The story, without the site's prompts and lists of other headlines.
            let all = litopys_core::store::blocks::of_article(f.lib.conn(), id).unwrap();
            let story = litopys_core::text::blocks::story_text(&a.body, &all);
            assert!(text.contains(&format!("\n\n{story}")));
            all_files.insert(p.to_owned());
        }
    }
    assert_eq!(untagged, 6 - f.war);
    // Nothing but the listed files and the manifest.
    let entries: BTreeSet<String> = files
        .keys()
        .filter(|k| *k != "manifest.json")
        .cloned()
        .collect();
    assert_eq!(entries, all_files);
    // Folders follow the tag paths; Cyrillic kept; an article in each of its tags.
    let in_folder = |prefix: &str| {
        entries
            .iter()
            .filter(|e| e.strip_prefix(prefix).is_some_and(|r| !r.contains('/')))
            .count()
    };
    assert_eq!(in_folder("war/diplomacy/"), 2);
    assert_eq!(in_folder("war/"), 1);
    assert_eq!(in_folder("Міжнародне/США/"), 1);
    let blinken: Vec<&String> = entries.iter().filter(|e| e.contains(&f.blinken)).collect();
    assert_eq!(blinken.len(), 2);
    let hostile = entries.iter().find(|e| e.contains(&f.hostile)).unwrap();
    assert!(hostile.starts_with(
        "war/diplomacy/Звіт _img src=x onerror=alert(1)_ & [link](javascript_alert(2)) ("
    ));
    for e in &entries {
        for segment in e.split('/') {
            assert!(
                !segment.contains(['<', '>', ':', '"', '\\', '|', '?', '*']),
                "{e}"
            );
            assert!(
                !segment.ends_with(['.', ' ']) && !segment.starts_with(['.', ' ']),
                "{e}"
            );
            assert!(segment.chars().count() <= 120, "{e}");
        }
    }
}

#[test]
fn file_names_are_safe_everywhere() {
    use litopys_core::export::zip::{file_name, safe_name, tag_folder};
    assert_eq!(
        safe_name("a:b?c*d|e\"f<g>h\\i/j", 50),
        "a_b_c_d_e_f_g_h_i_j"
    );
    assert_eq!(safe_name("CON", 50), "_CON");
    assert_eq!(safe_name("com1.txt", 50), "_com1.txt");
    assert_eq!(safe_name("Console", 50), "Console");
    assert_eq!(safe_name(" ..hidden. ", 50), "hidden");
    assert_eq!(safe_name("..", 50), "_");
    assert_eq!(safe_name("", 50), "_");
    assert_eq!(safe_name("a\u{202E}b\u{200B}c\td\ne", 50), "abc d e");
    assert_eq!(safe_name("Україна та світ", 7), "Україна");
    assert_eq!(safe_name("Україна та світ", 12), "Україна та");
    assert_eq!(safe_name("Україна та світ", 3), "Укр");
    assert_eq!(safe_name("abc  def.", 4), "abc");
    assert_eq!(tag_folder("war/../x"), "war/_/x");
    let long = file_name(&"Війна".repeat(100), "0123456789abcdef");
    assert!(long.len() < 255, "{} bytes", long.len());
    assert!(long.ends_with(" (0123456789abcdef).txt"));
}
