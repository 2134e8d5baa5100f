//! Bylines of HTML pages cleaned into an author and a date (issue 19):
//! `By Nathan Willis March 25, 2015` → `Nathan Willis`, 2015-03-25, in
//! English, Ukrainian and Russian; a page without a date in its meta tags
//! takes it from the byline or from `<time datetime>`.

mod harness;

use std::path::Path;

use litopys_core::import::byline::{clean, time_element_date};
use litopys_core::import::{ImportOptions, ItemStatus};
use litopys_core::store::articles::{self, Article};
use litopys_core::Library;

fn import_one(path: &Path) -> Article {
    let mut lib = Library::open_in_memory().unwrap();
    let (_, items) = harness::import(&mut lib, &[path.to_path_buf()], &ImportOptions::default());
    assert_eq!(items[0].status, ItemStatus::Imported, "{items:?}");
    articles::get(lib.conn(), items[0].id.as_deref().unwrap()).unwrap()
}

#[test]
fn bylines_give_the_author_alone_and_their_date() {
    let cases = [
        (
            "By Nathan Willis March 25, 2015",
            Some("Nathan Willis"),
            Some("2015-03-25"),
        ),
        (
            "By Nathan Willis\n                March 25, 2015",
            Some("Nathan Willis"),
            Some("2015-03-25"),
        ),
        ("By\n\t\t\tScott Cunningham", Some("Scott Cunningham"), None),
        (
            "Written by Rob Ewaschuk\n  Edited by Betsy Beyer",
            Some("Rob Ewaschuk"),
            None,
        ),
        ("Par Sébastien Farcis", Some("Sébastien Farcis"), None),
        ("Byron Smith", Some("Byron Smith"), None),
        (
            "Автор: Іван Петренко, 25 березня 2015 р.",
            Some("Іван Петренко"),
            Some("2015-03-25"),
        ),
        (
            "Текст: Олена Коваль | 3 січня 2022",
            Some("Олена Коваль"),
            Some("2022-01-03"),
        ),
        (
            "Автор: Мария Иванова, 7 марта 2021 года",
            Some("Мария Иванова"),
            Some("2021-03-07"),
        ),
        (
            "Від Андрій Шевченко 01.02.2022",
            Some("Андрій Шевченко"),
            Some("2022-02-01"),
        ),
        (
            "April 28, 2019 at 6:01 am Updated April 29, 2019 at 3:33 pm",
            None,
            Some("2019-04-28"),
        ),
        ("Last Updated: January 7, 2025", None, Some("2025-01-07")),
        (
            "Maria Lopez, May 2, 2020",
            Some("Maria Lopez"),
            Some("2020-05-02"),
        ),
    ];
    for (raw, author, date) in cases {
        let b = clean(raw);
        assert_eq!(b.author.as_deref(), author, "author of {raw:?}");
        assert_eq!(b.date.as_deref(), date, "date of {raw:?}");
    }
}

#[test]
fn readability_pages_with_a_dated_byline_get_a_clean_author_and_the_date() {
    let root = harness::corpus("html-readability");
    // Readability's own expected bylines for these pages hold the date too.
    for (page, author, date) in [
        ("lwn-1", "Nathan Willis", "2015-03-25"),
        ("yahoo-3", "GILLIAN MOHNEY", "2015-03-11"),
    ] {
        let a = import_one(&root.join(page).join("source.html"));
        assert_eq!(a.author.as_deref(), Some(author), "{page}");
        assert_eq!(a.published_at.as_deref(), Some(date), "{page}");
    }
    // A page whose meta tags date it keeps that date; its byline loses "By".
    let a = import_one(&root.join("wapo-1").join("source.html"));
    assert_eq!(a.author.as_deref(), Some("Erin Cunningham"));
}

#[test]
fn a_page_without_a_meta_date_takes_the_first_time_element() {
    let dir = tempfile::tempdir().unwrap();
    let page = dir.path().join("page.html");
    let para = "Дипломати знову зустрілися в Женеві, щоб обговорити безпеку в регіоні. ";
    std::fs::write(
        &page,
        format!(
            "<!DOCTYPE html><html><head><title>Переговори в Женеві</title></head><body>\
             <article><h1>Переговори в Женеві</h1>\
             <p class=\"meta\"><TIME class=x datetime='2022-02-01T10:00:00+02:00'>1 лютого</TIME></p>\
             <p>{}</p><p>{}</p></article></body></html>",
            para.repeat(8),
            para.repeat(6)
        ),
    )
    .unwrap();
    let a = import_one(&page);
    assert_eq!(a.published_at.as_deref(), Some("2022-02-01T08:00:00Z"));
    assert_eq!(
        time_element_date(
            "<time>no attribute</time><time datetime=\"not a date\"><time datetime=2021-05-06>"
        ),
        Some("2021-05-06".to_owned())
    );
}
