//! Regression: the FTS5 tokenizer read invalid UTF-8 lossily, so each bad byte
//! became the 3-byte U+FFFD and every later offset shifted; `highlight()` and
//! `snippet()` apply those offsets to the original bytes and marked the wrong
//! span (issue 15).

use litopys_core::Library;

/// A table using our tokenizer on a library's own connection, holding `bytes`
/// as TEXT (SQLite does not check that TEXT is valid UTF-8).
fn highlighted(bytes: &[u8]) -> Vec<u8> {
    let lib = Library::open_in_memory().unwrap();
    let conn = lib.conn();
    conn.execute_batch("CREATE VIRTUAL TABLE t USING fts5(body, tokenize = 'litopys');")
        .unwrap();
    conn.execute("INSERT INTO t (body) VALUES (CAST(?1 AS TEXT))", [bytes])
        .unwrap();
    conn.query_row(
        "SELECT CAST(highlight(t, 0, '[', ']') AS BLOB) FROM t WHERE t MATCH '\"київ\"'",
        [],
        |r| r.get(0),
    )
    .unwrap()
}

#[test]
fn highlight_after_invalid_bytes_marks_the_word_itself() {
    let mut bytes = b"ab \xff\xfe cd ".to_vec();
    bytes.extend_from_slice("Київ ef".as_bytes());
    let mut want = b"ab \xff\xfe cd [".to_vec();
    want.extend_from_slice("Київ] ef".as_bytes());
    assert_eq!(highlighted(&bytes), want);
}

#[test]
fn a_word_cut_by_an_invalid_byte_is_two_words_and_offsets_stay_on_boundaries() {
    let mut bytes = "Ки".as_bytes().to_vec();
    bytes.push(0x80);
    bytes.extend_from_slice(" Київ".as_bytes());
    let mut want = "Ки".as_bytes().to_vec();
    want.extend_from_slice(b"\x80 [");
    want.extend_from_slice("Київ]".as_bytes());
    assert_eq!(highlighted(&bytes), want);
}
