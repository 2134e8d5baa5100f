//! The `litopys` FTS5 tokenizer, registered on every connection.
//!
//! Documents: each word is indexed under its normalised surface form (see
//! [`crate::text::analyze`]) and, at the same position, under its stem with a
//! `~` prefix when the stem differs from the word (so a query for a stem also
//! asks for it as a plain word) (Ukrainian or Russian rules by the text's language; both for
//! Cyrillic words in a text whose language is unclear). Offsets are byte
//! offsets into the original text, so highlights point at what was imported.
//!
//! Queries: we build FTS5 queries ourselves from already analysed terms, each
//! in its own quoted string, so in query mode the tokenizer passes its input
//! through unchanged. Raw user input never reaches FTS5.

use std::ffi::{c_char, c_int, c_void};

use rusqlite::ffi;
use rusqlite::{Connection, OptionalExtension};

use crate::error::{Error, Result};
use crate::text::analyze::for_each_term;
use crate::text::language::{self, Language};
use crate::text::stem;

mod deferred;
mod exact;
pub use deferred::{index_rows, set_blocks, without_index_trigger};
pub use exact::NAME as EXACT_FUNCTION;

pub const TOKENIZER: &str = "litopys";
/// Version of what the tokenizer emits. Bump it whenever analysis or stemming
/// changes what a text is indexed under: libraries indexed by another version
/// are re-indexed when opened, so old and new stems never mix.
pub const VERSION: i64 = 16;

/// Re-indexes the library if its index was built by another tokenizer version.
pub fn ensure_current(conn: &mut Connection) -> Result<()> {
    let stored: Option<i64> = conn
        .query_row(
            "SELECT CAST(value AS INTEGER) FROM library_meta WHERE key = 'tokenizer_version'",
            [],
            |r| r.get(0),
        )
        .optional()?;
    if stored == Some(VERSION) {
        return Ok(());
    }
    let tx = conn.transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
    tx.execute_batch(
        "INSERT INTO articles_fts (articles_fts) VALUES ('rebuild');
         INSERT INTO annotations_fts (annotations_fts) VALUES ('rebuild');",
    )?;
    tx.execute(
        "INSERT INTO library_meta (key, value) VALUES ('tokenizer_version', ?1)
         ON CONFLICT (key) DO UPDATE SET value = excluded.value",
        [VERSION.to_string()],
    )?;
    tx.commit()?;
    Ok(())
}

/// Prefix of Ukrainian stem tokens, which no surface token can start with.
pub const STEM_PREFIX: char = '~';
/// Prefix of Russian stem tokens: each language's stems live apart, so a
/// Russian reading of a Ukrainian word (`зняли` read as Russian meets `знали`)
/// never pulls in Ukrainian texts, and the reverse.
pub const RU_STEM_PREFIX: char = '^';

/// Registers the tokenizer on `conn` (needed before any FTS table using it is touched).
pub fn register(conn: &Connection) -> Result<()> {
    // SAFETY: `conn.handle()` is a live connection; we follow FTS5's documented
    // protocol to fetch its API pointer ("SELECT fts5(?1)" with a bound pointer).
    unsafe {
        let db = conn.handle();
        let api = fts5_api(db)?;
        let mut tokenizer = ffi::fts5_tokenizer {
            xCreate: Some(x_create),
            xDelete: Some(x_delete),
            xTokenize: Some(x_tokenize),
        };
        let create = (*api)
            .xCreateTokenizer
            .ok_or_else(|| Error::Internal("FTS5 without xCreateTokenizer".into()))?;
        let name = c"litopys";
        let rc = create(
            api,
            name.as_ptr(),
            std::ptr::null_mut(),
            &mut tokenizer,
            None,
        );
        if rc != ffi::SQLITE_OK {
            return Err(Error::Internal(format!(
                "cannot register the search tokenizer (SQLite error {rc})"
            )));
        }
        exact::register(api)?;
    }
    deferred::register(conn)
}

unsafe fn fts5_api(db: *mut ffi::sqlite3) -> Result<*mut ffi::fts5_api> {
    let mut api: *mut ffi::fts5_api = std::ptr::null_mut();
    let mut stmt: *mut ffi::sqlite3_stmt = std::ptr::null_mut();
    let sql = c"SELECT fts5(?1)";
    let mut rc =
        unsafe { ffi::sqlite3_prepare_v2(db, sql.as_ptr(), -1, &mut stmt, std::ptr::null_mut()) };
    if rc == ffi::SQLITE_OK {
        let ptr_type = c"fts5_api_ptr";
        unsafe {
            ffi::sqlite3_bind_pointer(
                stmt,
                1,
                (&mut api as *mut *mut ffi::fts5_api).cast(),
                ptr_type.as_ptr(),
                None,
            );
            ffi::sqlite3_step(stmt);
            rc = ffi::sqlite3_finalize(stmt);
        }
    }
    if rc != ffi::SQLITE_OK || api.is_null() {
        return Err(Error::Internal("this SQLite has no FTS5".into()));
    }
    Ok(api)
}

/// The tokenizer has no per-table state; a non-null pointer is all FTS5 needs.
unsafe extern "C" fn x_create(
    _user: *mut c_void,
    _args: *mut *const c_char,
    _n_args: c_int,
    out: *mut *mut ffi::Fts5Tokenizer,
) -> c_int {
    // SAFETY: FTS5 hands us a valid out-pointer.
    unsafe { *out = Box::into_raw(Box::new(0u8)).cast() };
    ffi::SQLITE_OK
}

unsafe extern "C" fn x_delete(tok: *mut ffi::Fts5Tokenizer) {
    if !tok.is_null() {
        // SAFETY: created by `x_create` from a Box<u8>.
        drop(unsafe { Box::from_raw(tok.cast::<u8>()) });
    }
}

type TokenCallback =
    unsafe extern "C" fn(*mut c_void, c_int, *const c_char, c_int, c_int, c_int) -> c_int;

unsafe extern "C" fn x_tokenize(
    _tok: *mut ffi::Fts5Tokenizer,
    ctx: *mut c_void,
    flags: c_int,
    text: *const c_char,
    n_text: c_int,
    x_token: Option<TokenCallback>,
) -> c_int {
    let Some(x_token) = x_token else {
        return ffi::SQLITE_ERROR;
    };
    if text.is_null() || n_text <= 0 {
        return ffi::SQLITE_OK;
    }
    // SAFETY: FTS5 passes `n_text` readable bytes.
    let bytes = unsafe { std::slice::from_raw_parts(text.cast::<u8>(), n_text as usize) };
    let emit = |flags: c_int, token: &str, start: usize, end: usize| -> c_int {
        // SAFETY: the callback and context come from FTS5 for this call.
        unsafe {
            x_token(
                ctx,
                flags,
                token.as_ptr().cast(),
                token.len() as c_int,
                start as c_int,
                end as c_int,
            )
        }
    };
    let result = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        if flags & ffi::FTS5_TOKENIZE_DOCUMENT == 0 && flags & ffi::FTS5_TOKENIZE_AUX == 0 {
            // Query: the term arrives analysed already.
            let text = String::from_utf8_lossy(bytes);
            let term = text.trim();
            return if term.is_empty() {
                ffi::SQLITE_OK
            } else {
                emit(0, term, 0, bytes.len())
            };
        }
        if flags & ffi::FTS5_TOKENIZE_AUX != 0 {
            // snippet() and highlight() only count positions and read
            // offsets; they skip colocated tokens, so stems would be wasted work.
            return for_each_valid_run(bytes, |run, base| {
                surface_only(run, &|f, t, s, e| emit(f, t, base + s, base + e))
            });
        }
        // The language of the whole text, invalid bytes read as U+FFFD.
        let lang = language::detect(&String::from_utf8_lossy(bytes));
        for_each_valid_run(bytes, |run, base| {
            tokenize_document(run, lang, &|f, t, s, e| emit(f, t, base + s, base + e))
        })
    }));
    result.unwrap_or(ffi::SQLITE_ERROR)
}

/// Calls `tokenize` on each run of valid UTF-8 in `bytes` with the run's byte
/// offset, so the offsets it emits point into `bytes` itself. Reading the text
/// lossily instead would turn each invalid byte into the 3-byte U+FFFD and
/// shift every later offset, which `highlight()` and `snippet()` then apply to
/// the original buffer (cutting words, or reading past a character boundary).
fn for_each_valid_run(bytes: &[u8], mut tokenize: impl FnMut(&str, usize) -> c_int) -> c_int {
    for chunk in bytes.utf8_chunks() {
        let run = chunk.valid();
        if run.is_empty() {
            continue;
        }
        let base = run.as_ptr() as usize - bytes.as_ptr() as usize;
        let rc = tokenize(run, base);
        if rc != ffi::SQLITE_OK {
            return rc;
        }
    }
    ffi::SQLITE_OK
}

fn surface_only(text: &str, emit: &dyn Fn(c_int, &str, usize, usize) -> c_int) -> c_int {
    let mut rc = ffi::SQLITE_OK;
    for_each_term(text, |term, start, end, _| {
        if rc == ffi::SQLITE_OK {
            rc = emit(0, term, start, end);
        }
    });
    rc
}

fn tokenize_document(
    text: &str,
    lang: Language,
    emit: &dyn Fn(c_int, &str, usize, usize) -> c_int,
) -> c_int {
    let mut rc = ffi::SQLITE_OK;
    STEM_CACHE.with(|caches| {
        let mut caches = caches.borrow_mut();
        let cache = &mut caches[match lang {
            Language::Uk => 0,
            Language::Ru => 1,
            Language::Other => 2,
        }];
        let mut uncached: Vec<String> = Vec::new();
        for_each_term(text, |term, start, end, _| {
            if rc != ffi::SQLITE_OK {
                return;
            }
            rc = emit(0, term, start, end);
            let stem_tokens = match cache.get(term) {
                Some(v) => v,
                None => {
                    // A stem equal to the word itself is already indexed as the word.
                    let v: Vec<String> = stem_terms(term, lang)
                        .into_iter()
                        .filter(|s| !is_stem_of_itself(s, term))
                        .collect();
                    if cache.len() < STEM_CACHE_SIZE {
                        cache.entry(term.to_owned()).or_insert(v)
                    } else {
                        uncached = v;
                        &uncached
                    }
                }
            };
            for s in stem_tokens {
                if rc == ffi::SQLITE_OK {
                    rc = emit(ffi::FTS5_TOKEN_COLOCATED, s, start, end);
                }
            }
        });
    });
    rc
}

/// Every word of `text` as the index files it in a column whose language is
/// `lang` (the tokenizer reads it off the whole column: [`language::detect`]):
/// `f` gets the word's byte span and its index terms (its form, then its stem
/// tokens). The reader's highlighter walks a body with this, so it marks
/// what the index matched.
pub fn indexed_words(text: &str, lang: Language, f: impl FnMut(usize, usize, &[String])) {
    type Word = (usize, usize, Vec<String>);
    let f = std::cell::RefCell::new(f);
    let word: std::cell::RefCell<Option<Word>> = std::cell::RefCell::new(None);
    let flush = |w: Option<Word>| {
        if let Some((start, end, terms)) = w {
            (f.borrow_mut())(start, end, &terms);
        }
    };
    tokenize_document(text, lang, &|flags, term, start, end| {
        if flags & ffi::FTS5_TOKEN_COLOCATED != 0 {
            if let Some(w) = word.borrow_mut().as_mut() {
                w.2.push(term.to_owned());
            }
        } else {
            flush(word.replace(Some((start, end, vec![term.to_owned()]))));
        }
        ffi::SQLITE_OK
    });
    flush(word.take());
}

/// Words repeat: stemming each distinct word once saves most of the stemmer's
/// work. The first this-many words seen in each language are kept (the
/// frequent ones come early), which bounds memory (~30 MB each).
const STEM_CACHE_SIZE: usize = 200_000;

/// Stem tokens by word, one map per [`Language`] (looked up by `&str`, so a
/// word already seen costs no allocation).
type StemCache = std::collections::HashMap<String, Vec<String>, crate::text::CharsHash>;

thread_local! {
    static STEM_CACHE: std::cell::RefCell<[StemCache; 3]> = std::cell::RefCell::new(Default::default());
}

/// Whether a stem token is the word itself with a prefix: the index leaves
/// those out (the word is indexed as itself, and queries ask for stems as words too).
pub fn is_stem_of_itself(stem_term: &str, term: &str) -> bool {
    stem_term.get(1..) == Some(term)
}

/// The stem tokens a term is indexed under (less those of
/// [`is_stem_of_itself`]) for a text in `lang`, each with its language's prefix.
pub fn stem_terms(term: &str, lang: Language) -> Vec<String> {
    tagged(term, lang, stem::classes)
}

/// The stem tokens a query word asks for (see [`stem::query_classes`]).
pub fn query_stem_terms(term: &str, lang: Language) -> Vec<String> {
    tagged(term, lang, stem::query_classes)
}

fn tagged(term: &str, lang: Language, classes: fn(&str, Language) -> Vec<String>) -> Vec<String> {
    let cyrillic = term.chars().any(|c| ('\u{0400}'..='\u{04FF}').contains(&c));
    if !cyrillic {
        return Vec::new();
    }
    let one = |l: Language, prefix: char| {
        classes(term, l)
            .into_iter()
            .map(move |s| format!("{prefix}{s}"))
    };
    match lang {
        Language::Uk => one(Language::Uk, STEM_PREFIX).collect(),
        Language::Ru => one(Language::Ru, RU_STEM_PREFIX).collect(),
        Language::Other if function_word_of_either(term) => Vec::new(),
        Language::Other => one(Language::Uk, STEM_PREFIX)
            .chain(one(Language::Ru, RU_STEM_PREFIX))
            .collect(),
    }
}

/// In a text of either language a function word of one (`коли`, `среди`)
/// is that word alone: the other language's rules would file it with a
/// content word (`коли` with Russian `кол`).
fn function_word_of_either(term: &str) -> bool {
    stem::is_function_word(term, Language::Uk) || stem::is_function_word(term, Language::Ru)
}

/// The stems a term is indexed (or searched) under for a text in `lang`.
pub fn stems(term: &str, lang: Language) -> Vec<String> {
    let cyrillic = term.chars().any(|c| ('\u{0400}'..='\u{04FF}').contains(&c));
    if !cyrillic {
        return Vec::new();
    }
    match lang {
        Language::Uk | Language::Ru => stem::classes(term, lang),
        Language::Other if function_word_of_either(term) => vec![term.to_owned()],
        Language::Other => {
            let mut all = stem::classes(term, Language::Uk);
            for s in stem::classes(term, Language::Ru) {
                if !all.contains(&s) {
                    all.push(s);
                }
            }
            all
        }
    }
}
