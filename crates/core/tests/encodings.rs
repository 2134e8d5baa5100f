//! Legacy-encoding detection on real Russian pages (chardet test data): the
//! folder name is the true encoding, and our text must equal a decode with it.

mod harness;

use litopys_core::text::encoding::{decode, decode_as, sniff_declared_charset};

fn true_label(folder: &str) -> &str {
    match folder {
        "windows-1251-russian" => "windows-1251",
        "iso-8859-5-russian" => "iso-8859-5",
        "MacCyrillic" => "x-mac-cyrillic",
        other => other,
    }
}

#[test]
fn every_legacy_page_decodes_as_its_true_encoding() {
    let root = harness::corpus("encodings");
    let mut checked = 0;
    let mut wrong = Vec::new();
    for folder in std::fs::read_dir(&root).unwrap().flatten() {
        if !folder.path().is_dir() {
            continue;
        }
        let name = folder.file_name().to_string_lossy().into_owned();
        let label = true_label(&name);
        for file in std::fs::read_dir(folder.path()).unwrap().flatten() {
            let bytes = std::fs::read(file.path()).unwrap();
            let want = decode_as(&bytes, label).expect("known label").text;
            let declared = sniff_declared_charset(&bytes);
            let got = decode(&bytes, declared.as_deref()).expect("decodes");
            checked += 1;
            if got.text != want {
                wrong.push(format!("{} -> {}", file.path().display(), got.encoding));
            }
        }
    }
    assert!(checked >= 40, "only {checked} files checked");
    assert!(
        wrong.is_empty(),
        "{} of {checked} misdetected:\n{}",
        wrong.len(),
        wrong.join("\n")
    );
}

#[test]
fn detection_works_without_any_declaration() {
    // Strip the hint: statistics alone must find the code page.
    let root = harness::corpus("encodings");
    let mut wrong = Vec::new();
    let mut checked = 0;
    for folder in [
        "windows-1251-russian",
        "KOI8-R",
        "IBM866",
        "IBM855",
        "MacCyrillic",
        "iso-8859-5-russian",
    ] {
        for file in std::fs::read_dir(root.join(folder)).unwrap().flatten() {
            let bytes = std::fs::read(file.path()).unwrap();
            let want = decode_as(&bytes, true_label(folder)).unwrap().text;
            checked += 1;
            if decode(&bytes, None).unwrap().text != want {
                wrong.push(file.path().display().to_string());
            }
        }
    }
    assert!(
        wrong.is_empty(),
        "{} of {checked} misdetected without a declaration:\n{}",
        wrong.len(),
        wrong.join("\n")
    );
}

#[test]
fn boms_and_utf16() {
    let text = "Підписуйтесь на наш канал";
    let mut utf8_bom = b"\xEF\xBB\xBF".to_vec();
    utf8_bom.extend_from_slice(text.as_bytes());
    assert_eq!(decode(&utf8_bom, None).unwrap().text, text);
    let mut le = vec![0xFF, 0xFE];
    le.extend(text.encode_utf16().flat_map(|u| u.to_le_bytes()));
    assert_eq!(decode(&le, None).unwrap().text, text);
    let mut be = vec![0xFE, 0xFF];
    be.extend(text.encode_utf16().flat_map(|u| u.to_be_bytes()));
    assert_eq!(decode(&be, None).unwrap().text, text);
}

#[test]
fn binary_and_empty_input_are_refused() {
    assert!(decode(b"", None).is_err());
    let png = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x10";
    assert!(decode(png, None).is_err());
}

#[test]
fn ukrainian_cp1251_and_koi8u() {
    let text = "Київ: з'єднання ґанку та їжака, обов'язково";
    for label in ["windows-1251", "koi8-u"] {
        let (bytes, _, _) = encoding_rs::Encoding::for_label(label.as_bytes())
            .unwrap()
            .encode(text);
        assert_eq!(decode(&bytes, None).unwrap().text, text, "{label}");
    }
}
