//! `litopys_exact(articles_fts, FORMS)`: how many of the typed word forms in
//! `FORMS` (separated by spaces, as the search compiled them) the current row
//! holds as written. The search sorts by it before bm25, so an article with
//! the form the user typed ranks above one found only through another form
//! of the word (issue 13). bm25 alone usually does, as the typed form is one
//! more phrase of the OR, but an article repeating another form many times
//! outscored it.
//!
//! It reads only what bm25 reads already: the row's hits of the query's
//! one-token phrases whose token is a typed form.

use std::ffi::c_int;

use rusqlite::ffi;

use crate::error::{Error, Result};

/// The SQL name of the function.
pub const NAME: &str = "litopys_exact";

/// Registers [`NAME`] with FTS5.
///
/// # Safety
/// `api` is the live `fts5_api` of an open connection.
pub(super) unsafe fn register(api: *mut ffi::fts5_api) -> Result<()> {
    // SAFETY: the caller hands us a live API pointer.
    let create = unsafe { (*api).xCreateFunction }
        .ok_or_else(|| Error::Internal("FTS5 without xCreateFunction".into()))?;
    let name = c"litopys_exact";
    // SAFETY: a static name, no user data, an extern "C" function that never unwinds.
    let rc = unsafe {
        create(
            api,
            name.as_ptr(),
            std::ptr::null_mut(),
            Some(x_exact),
            None,
        )
    };
    if rc != ffi::SQLITE_OK {
        return Err(Error::Internal(format!(
            "cannot register the search ranking function (SQLite error {rc})"
        )));
    }
    Ok(())
}

unsafe extern "C" fn x_exact(
    api: *const ffi::Fts5ExtensionApi,
    fts: *mut ffi::Fts5Context,
    ctx: *mut ffi::sqlite3_context,
    n_args: c_int,
    args: *mut *mut ffi::sqlite3_value,
) {
    let result = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        // SAFETY: FTS5 passes its API, the row's context and `n_args` values.
        unsafe { exact_count(api, fts, n_args, args) }
    }));
    // SAFETY: `ctx` is this call's result context.
    unsafe {
        match result {
            Ok(Ok(n)) => ffi::sqlite3_result_int(ctx, n),
            Ok(Err(rc)) => ffi::sqlite3_result_error_code(ctx, rc),
            Err(_) => ffi::sqlite3_result_error_code(ctx, ffi::SQLITE_INTERNAL),
        }
    }
}

/// # Safety
/// As FTS5 calls an auxiliary function: `api` and `fts` live for the call,
/// `args` holds `n_args` values.
unsafe fn exact_count(
    api: *const ffi::Fts5ExtensionApi,
    fts: *mut ffi::Fts5Context,
    n_args: c_int,
    args: *mut *mut ffi::sqlite3_value,
) -> std::result::Result<c_int, c_int> {
    if n_args != 1 || args.is_null() || api.is_null() {
        return Err(ffi::SQLITE_MISUSE);
    }
    // SAFETY: one argument value, as checked; its text lives until the call ends.
    let forms: &[u8] = unsafe {
        let value = *args;
        let text = ffi::sqlite3_value_text(value);
        let len = ffi::sqlite3_value_bytes(value);
        if text.is_null() || len <= 0 {
            return Ok(0);
        }
        std::slice::from_raw_parts(text, len as usize)
    };
    let forms: Vec<&[u8]> = forms
        .split(|b| *b == b' ')
        .filter(|f| !f.is_empty())
        .collect();
    // SAFETY: `api` is FTS5's, valid for the call.
    let api = unsafe { &*api };
    let (Some(phrase_count), Some(phrase_size), Some(query_token), Some(phrase_first)) = (
        api.xPhraseCount,
        api.xPhraseSize,
        api.xQueryToken,
        api.xPhraseFirst,
    ) else {
        return Err(ffi::SQLITE_ERROR);
    };
    let mut held = vec![false; forms.len()];
    // SAFETY (the calls below): FTS5's own functions on the context it gave us,
    // with phrase numbers below its phrase count and out-pointers to locals.
    let phrases = unsafe { phrase_count(fts) };
    for p in 0..phrases {
        if unsafe { phrase_size(fts, p) } != 1 {
            continue;
        }
        let (mut token, mut len): (*const std::ffi::c_char, c_int) = (std::ptr::null(), 0);
        let rc = unsafe { query_token(fts, p, 0, &mut token, &mut len) };
        if rc != ffi::SQLITE_OK {
            return Err(rc);
        }
        if token.is_null() || len <= 0 {
            continue;
        }
        // SAFETY: FTS5 gives `len` bytes of the phrase's token.
        let token = unsafe { std::slice::from_raw_parts(token.cast::<u8>(), len as usize) };
        let Some(k) = forms.iter().position(|f| *f == token) else {
            continue;
        };
        if held[k] {
            continue;
        }
        let mut iter = ffi::Fts5PhraseIter {
            a: std::ptr::null(),
            b: std::ptr::null(),
        };
        let (mut column, mut offset): (c_int, c_int) = (-1, -1);
        let rc = unsafe { phrase_first(fts, p, &mut iter, &mut column, &mut offset) };
        if rc != ffi::SQLITE_OK {
            return Err(rc);
        }
        held[k] = column >= 0;
    }
    Ok(held.iter().filter(|h| **h).count() as c_int)
}
