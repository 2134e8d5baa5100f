//! Garbage in, clear errors out: random and mutated files of every supported
//! type must never crash an importer (a caught panic shows up as "internal error").

mod harness;

use litopys_core::import::ImportOptions;
use litopys_core::store::articles;
use litopys_core::Library;

struct Rng(u64);
impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
}

fn mutate(rng: &mut Rng, bytes: &[u8]) -> Vec<u8> {
    let mut b = bytes.to_vec();
    match rng.next() % 4 {
        0 => b.truncate((rng.next() as usize) % (b.len() + 1)),
        1 => {
            for _ in 0..1 + rng.next() % 16 {
                if !b.is_empty() {
                    let i = (rng.next() as usize) % b.len();
                    b[i] = rng.next() as u8;
                }
            }
        }
        2 => {
            let i = (rng.next() as usize) % (b.len() + 1);
            let junk: Vec<u8> = (0..rng.next() % 64).map(|_| rng.next() as u8).collect();
            b.splice(i..i, junk);
        }
        _ => b = (0..rng.next() % 2048).map(|_| rng.next() as u8).collect(),
    }
    b
}

#[test]
fn mutated_files_of_every_type_fail_cleanly() {
    let warc = harness::corpus("warc");
    let html = harness::corpus("html-readability").join("001/source.html");
    let seed = harness::seeds().join("000_0a07881c7022561c.txt");
    let samples: Vec<(&str, Vec<u8>)> = vec![
        ("txt", std::fs::read(&seed).unwrap()),
        ("html", std::fs::read(&html).unwrap()),
        (
            "json",
            r#"[{"title": "a", "text": "Текст статті"}, {"title": "b", "text": "Ще"}]"#
                .as_bytes()
                .to_vec(),
        ),
        (
            "jsonl",
            b"{\"title\": \"a\", \"text\": \"x y z\"}\n{\"text\": \"w\"}\n".to_vec(),
        ),
        (
            "csv",
            "title,text\nНовина,Текст\n\"лапки\",\"a,b\"\n"
                .as_bytes()
                .to_vec(),
        ),
        ("warc", std::fs::read(warc.join("example.warc")).unwrap()),
        (
            "warc.gz",
            std::fs::read(warc.join("example.warc.gz")).unwrap(),
        ),
        ("arc", std::fs::read(warc.join("example.arc")).unwrap()),
        ("zip", zip_of_seed(&seed)),
    ];
    let dir = tempfile::tempdir().unwrap();
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    let mut paths = Vec::new();
    for (ext, bytes) in &samples {
        // LITOPYS_FUZZ_ITERS=1000 for a longer hunt; 25 keeps CI quick.
        let iters: usize = std::env::var("LITOPYS_FUZZ_ITERS")
            .ok()
            .and_then(|v| v.parse().ok())
            .unwrap_or(25);
        for i in 0..iters {
            let p = dir.path().join(format!("m{i:04}.{ext}"));
            std::fs::write(&p, mutate(&mut rng, bytes)).unwrap();
            paths.push(p);
        }
    }
    let mut lib = Library::open_in_memory().unwrap();
    let (totals, items) = harness::import(&mut lib, &paths, &ImportOptions::default());
    let crashes: Vec<_> = items
        .iter()
        .filter(|i| {
            i.error
                .as_deref()
                .is_some_and(|e| e.contains("internal error"))
        })
        .collect();
    assert!(crashes.is_empty(), "importers panicked on: {crashes:#?}");
    assert!(items.iter().filter(|i| i.error.is_some()).all(|i| !i
        .error
        .as_deref()
        .unwrap()
        .is_empty()));
    assert_eq!(articles::count(lib.conn()).unwrap() as u64, totals.imported);
    lib.conn()
        .execute(
            "INSERT INTO articles_fts(articles_fts) VALUES ('integrity-check')",
            [],
        )
        .unwrap();
}

fn zip_of_seed(seed: &std::path::Path) -> Vec<u8> {
    use std::io::Write;
    let mut buf = std::io::Cursor::new(Vec::new());
    let mut z = zip::ZipWriter::new(&mut buf);
    z.start_file("a/seed.txt", zip::write::SimpleFileOptions::default())
        .unwrap();
    z.write_all(&std::fs::read(seed).unwrap()).unwrap();
    z.finish().unwrap();
    buf.into_inner()
}

#[test]
fn decomposed_letters_are_stored_composed() {
    let dir = tempfile::tempdir().unwrap();
    // "ї" written as і + combining diaeresis, "й" as и + combining breve.
    let p = dir.path().join("nfd.txt");
    std::fs::write(&p, "Заголовок\n\nКиі\u{308}в: и\u{306}од.").unwrap();
    let mut lib = Library::open_in_memory().unwrap();
    let (_, items) = harness::import(&mut lib, &[p], &ImportOptions::default());
    let a = articles::get(lib.conn(), items[0].id.as_ref().unwrap()).unwrap();
    assert_eq!(a.body, "Київ: йод.");
}
