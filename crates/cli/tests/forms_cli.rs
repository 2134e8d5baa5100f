//! `litopys search --forms`: the forms each query word matched (issue 13).

mod harness;
use harness::{json, litopys, shared};

#[test]
fn search_forms_lists_each_words_forms_with_counts_the_typed_form_first() {
    let dir = tempfile::tempdir().unwrap();
    let lib = dir.path().join("lib.litopys");
    let seeds = shared().join("seeds");
    assert_eq!(
        litopys(&lib, &["import", seeds.to_str().unwrap()])
            .status
            .code(),
        Some(0)
    );
    let out = json(&litopys(&lib, &["search", "--forms", "--json", "Лавров"]));
    let words = out.as_array().unwrap();
    assert_eq!(words.len(), 1);
    assert_eq!(words[0]["word"], "лавров");
    let forms: Vec<(String, i64, bool)> = words[0]["forms"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            (
                f["form"].as_str().unwrap().to_owned(),
                f["articles"].as_i64().unwrap(),
                f["exact"].as_bool().unwrap(),
            )
        })
        .collect();
    // Every form of the name in both languages, the typed one first.
    assert_eq!(forms[0].0, "лавров");
    assert!(forms[0].2);
    let names: Vec<&str> = forms.iter().map(|f| f.0.as_str()).collect();
    for f in ["лаврова", "лавровим", "лавровым"] {
        assert!(names.contains(&f), "{f} missing from {names:?}");
    }
    assert!(forms.iter().all(|f| f.1 >= 1 && (f.0 == "лавров") == f.2));
    // The articles the search finds are those holding one of the forms.
    let total = json(&litopys(&lib, &["search", "--json", "Лавров"]))["total"].clone();
    assert_eq!(total, 5);
}
