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

fn class_of(text: &str, line: &str) -> BlockClass {
    let ls = lines(text);
    let i = ls.iter().position(|l| l.text == line).expect("line");
    classify(text)[i].class
}

#[test]
fn a_story_sentence_that_mentions_telegram_stays_story() {
    let text = "Зеленський написав у своєму Telegram-каналі, що переговори тривають.\n\
                Підпишіться на наш Telegram, щоб не пропустити головне.\n\
                Переговоры о мире. Подписывайтесь на наш канал.\n";
    assert_eq!(
        class_of(
            text,
            "Зеленський написав у своєму Telegram-каналі, що переговори тривають."
        ),
        BlockClass::Story
    );
    assert_eq!(
        class_of(
            text,
            "Підпишіться на наш Telegram, щоб не пропустити головне."
        ),
        BlockClass::Boilerplate
    );
    // A prompt glued after a story sentence keeps the line in the story.
    assert_eq!(
        class_of(text, "Переговоры о мире. Подписывайтесь на наш канал."),
        BlockClass::Story
    );
}

#[test]
fn a_long_paragraph_starting_with_photo_is_story_and_a_credit_is_not() {
    let long = format!(
        "Фото {}",
        "з місця подій показують, що удар був масованим. ".repeat(8)
    );
    let text = format!("{long}\nФото: Reuters\n");
    assert_eq!(class_of(&text, long.trim()), BlockClass::Story);
    assert_eq!(class_of(&text, "Фото: Reuters"), BlockClass::Boilerplate);
}

#[test]
fn dates_in_a_story_do_not_make_a_list_and_one_timestamp_is_not_a_list() {
    let text = "Переговори почалися 10 січня.\n19.01.2022\nЗустріч у Женеві тривала годину.\n\
                Блінкен прибув до Києва.\nІнша новина\n15:15 19 кві 2025.\n";
    assert!(classify(text)
        .iter()
        .all(|b| b.class == BlockClass::Story || b.start < 40));
    assert_eq!(class_of(text, "Інша новина"), BlockClass::Story);
}

#[test]
fn datelines_in_every_shape_the_seeds_use() {
    use litopys_core::text::dates::parse_dateline;
    let cases = [
        ("15:15 19 кві 2025.", Some(Some("2025-04-19T15:15:00"))),
        (
            "понеділок, 1 грудень 2025, 23:48",
            Some(Some("2025-12-01T23:48:00")),
        ),
        ("21.02.2025", Some(Some("2025-02-21"))),
        ("19:36", Some(None)),
        ("1 лютого 2022 року", Some(Some("2022-02-01"))),
        ("15 февраля 2025 г.", Some(Some("2025-02-15"))),
        ("Лавров 2025", None),
        ("Трамп тисне на Україну", None),
        ("31.02.2025", None),
        ("25:10", None),
    ];
    for (text, want) in cases {
        let got = parse_dateline(text);
        assert_eq!(got.as_ref().map(|d| d.as_deref()), want, "{text}");
    }
}
