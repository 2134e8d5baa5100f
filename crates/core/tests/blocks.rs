//! Block classification (story / boilerplate / related) against the seeds,
//! labelled by hand in `tests/data/seed-blocks/*.labels`: one line per
//! non-empty line of the seed, `S`, `B` or `R`, a space, and the line itself.

use std::path::Path;

use litopys_core::text::blocks::{classify, lines, BlockClass};

fn seeds() -> Vec<(String, String)> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/seeds");
    let mut out: Vec<(String, String)> = std::fs::read_dir(&dir)
        .expect("../shared/seeds")
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .map(|p| {
            let name = p.file_name().unwrap().to_string_lossy().into_owned();
            (name, std::fs::read_to_string(&p).unwrap())
        })
        .collect();
    out.sort();
    out
}

/// Prints the classifier's view in the fixture format (a starting point for labelling).
#[test]
#[ignore]
fn print_seed_classes() {
    for (name, text) in seeds() {
        println!("=== {name}");
        let ls = lines(&text);
        for (l, b) in ls.iter().zip(classify(&text)) {
            let c = match b.class {
                BlockClass::Story => 'S',
                BlockClass::Boilerplate => 'B',
                BlockClass::Related => 'R',
            };
            println!("{c} {:?} {}", b.reason, l.text);
        }
    }
}

fn labels(seed: &str) -> Vec<(char, String)> {
    let key = &seed[..3];
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/data/seed-blocks")
        .join(format!("{key}.labels"));
    std::fs::read_to_string(&path)
        .unwrap()
        .lines()
        .map(|l| {
            let (c, text) = l.split_at(1);
            (c.chars().next().unwrap(), text[1..].to_owned())
        })
        .collect()
}

#[test]
fn every_boilerplate_and_tail_block_of_the_seeds_is_found_and_no_story_is_lost() {
    let mut counts = [0usize; 3];
    for (name, text) in seeds() {
        let want = labels(&name);
        let got = classify(&text);
        let ls = lines(&text);
        assert_eq!(ls.len(), want.len(), "{name}: fixture has every line");
        for ((l, b), (label, fixture_text)) in ls.iter().zip(&got).zip(&want) {
            assert_eq!(l.text, fixture_text, "{name}: fixture line");
            let expected = match label {
                'S' => BlockClass::Story,
                'B' => BlockClass::Boilerplate,
                'R' => BlockClass::Related,
                other => panic!("{name}: unknown label {other}"),
            };
            assert_eq!(b.class, expected, "{name}: {:?} ({:?})", l.text, b.reason);
            counts[expected as usize] += 1;
        }
    }
    // The fixture covers all three classes in earnest.
    assert!(counts.iter().all(|&n| n >= 8), "{counts:?}");
}
