//! Thin commands over `litopys_core`: each takes the window's arguments, calls
//! one core function on the open library, and returns its result. Each is
//! `command(async)`: Tauri runs a plain command on the main thread, where a
//! search over a large library would freeze the window for its duration.

use std::path::PathBuf;

use litopys_core::reading::{self, ArticleDetail};
use litopys_core::removal::{self, RemovalReport, RestoreReport};
use litopys_core::search::forms::{self, WordForms};
use litopys_core::search::{self, saved, Bucket, Histogram, SearchHit, SearchResults, Sort};
use litopys_core::store::annotations::{self, Annotation, Target};
use litopys_core::store::articles::{self, Article, MetadataEdit, Stats};
use litopys_core::store::blocks;
use litopys_core::store::stories::{self, ArticleStory, PairAlignment, StoryDetail};
use litopys_core::store::tags::{self, Tag, TagChange, TagImpact};
use litopys_core::store::trash::Which;
use litopys_core::tagging;
use litopys_core::text::blocks::{Block, BlockClass};
use serde::Serialize;
use tauri::State;

use crate::state::{self, AppState, IpcResult};

#[derive(Debug, Serialize, specta::Type)]
pub struct LibraryInfo {
    pub path: String,
    pub stats: Stats,
    /// Recently opened libraries, newest first.
    pub recent: Vec<String>,
}

#[tauri::command(async)]
#[specta::specta]
pub fn library_info(state: State<'_, AppState>) -> IpcResult<LibraryInfo> {
    state.with(|lib| {
        Ok(LibraryInfo {
            path: lib.path().display().to_string(),
            stats: articles::stats(lib.conn())?,
            recent: state::recent(),
        })
    })
}

/// Opens the library at `path`, creating it if it does not exist.
#[tauri::command(async)]
#[specta::specta]
pub fn open_library(state: State<'_, AppState>, path: String) -> IpcResult<LibraryInfo> {
    state.switch(&PathBuf::from(path))?;
    library_info(state)
}

#[tauri::command(async)]
#[specta::specta]
pub fn search(
    state: State<'_, AppState>,
    query: String,
    sort: Sort,
    limit: u32,
    offset: u32,
) -> IpcResult<SearchResults> {
    state.with(|lib| search::search(lib.conn(), &query, sort, limit, offset))
}

/// A first page of results with the timeline of all matches.
#[derive(Debug, Serialize, specta::Type)]
pub struct SearchPage {
    pub results: SearchResults,
    pub timeline: Histogram,
}

/// What the window asks on every keystroke: the results and the timeline
/// from one pass over the matches (two commands would walk them twice).
#[tauri::command(async)]
#[specta::specta]
pub fn search_with_timeline(
    state: State<'_, AppState>,
    query: String,
    sort: Sort,
    limit: u32,
    bucket: Bucket,
) -> IpcResult<SearchPage> {
    state.with(|lib| {
        let (results, timeline) =
            search::search_with_timeline(lib.conn(), &query, sort, limit, 0, bucket)?;
        Ok(SearchPage { results, timeline })
    })
}

#[tauri::command(async)]
#[specta::specta]
pub fn histogram(
    state: State<'_, AppState>,
    query: String,
    bucket: Bucket,
) -> IpcResult<Histogram> {
    state.with(|lib| search::histogram(lib.conn(), &query, bucket))
}

/// The word forms in the library each word of `query` matches, with their
/// article counts, the typed form first; forms `skip:` drops are listed marked.
#[tauri::command(async)]
#[specta::specta]
pub fn word_forms(state: State<'_, AppState>, query: String) -> IpcResult<Vec<WordForms>> {
    state.with(|lib| forms::forms(lib.conn(), &query))
}

#[tauri::command(async)]
#[specta::specta]
pub fn article(state: State<'_, AppState>, id: String, query: String) -> IpcResult<ArticleDetail> {
    state.with(|lib| reading::article_detail(lib.conn(), &id, &query))
}

/// Sets the class of the block starting at `start` (code points) `to` a
/// class; `null` returns it to what the classifier says. The choice is kept.
#[tauri::command(async)]
#[specta::specta]
pub fn set_block_class(
    state: State<'_, AppState>,
    id: String,
    start: u32,
    to: Option<BlockClass>,
) -> IpcResult<Vec<Block>> {
    state.with(|lib| blocks::set_class(lib.conn(), &id, start as usize, to))
}

#[tauri::command(async)]
#[specta::specta]
pub fn similar(state: State<'_, AppState>, id: String, limit: u32) -> IpcResult<Vec<SearchHit>> {
    state.with(|lib| search::more_like_this(lib.conn(), &id, limit))
}

#[tauri::command(async)]
#[specta::specta]
pub fn update_metadata(
    state: State<'_, AppState>,
    id: String,
    edit: MetadataEdit,
) -> IpcResult<Article> {
    state.with(|lib| articles::update_metadata(lib.conn(), &id, &edit))
}

#[tauri::command(async)]
#[specta::specta]
pub fn tags(state: State<'_, AppState>) -> IpcResult<Vec<Tag>> {
    state.with(|lib| tags::list(lib.conn()))
}

/// Tags the articles with these ids; returns the articles newly tagged (what Undo reverts).
#[tauri::command(async)]
#[specta::specta]
pub fn tag_articles(
    state: State<'_, AppState>,
    tag: String,
    ids: Vec<String>,
) -> IpcResult<TagChange> {
    state.with(|lib| {
        let internal = tags::article_ids(lib.conn(), &ids)?;
        tags::add(lib.conn_mut(), &tag, &internal)
    })
}

/// Removes the tag from these articles; returns the articles that lost it.
#[tauri::command(async)]
#[specta::specta]
pub fn untag_articles(
    state: State<'_, AppState>,
    tag: String,
    ids: Vec<String>,
) -> IpcResult<TagChange> {
    state.with(|lib| {
        let internal = tags::article_ids(lib.conn(), &ids)?;
        tags::remove(lib.conn_mut(), &tag, &internal)
    })
}

/// Tags (or with `remove`, untags) every result of `query`.
#[tauri::command(async)]
#[specta::specta]
pub fn tag_query(
    state: State<'_, AppState>,
    tag: String,
    query: String,
    remove: bool,
) -> IpcResult<TagChange> {
    state.with(|lib| {
        if remove {
            tagging::untag_matching(lib.conn_mut(), &tag, &query)
        } else {
            tagging::tag_matching(lib.conn_mut(), &tag, &query)
        }
    })
}

/// What deleting or merging a tag would touch, to show before doing it.
#[tauri::command(async)]
#[specta::specta]
pub fn tag_impact(state: State<'_, AppState>, name: String) -> IpcResult<TagImpact> {
    state.with(|lib| tags::impact(lib.conn(), &name))
}

#[tauri::command(async)]
#[specta::specta]
pub fn rename_tag(state: State<'_, AppState>, from: String, to: String) -> IpcResult<()> {
    state.with(|lib| tags::rename(lib.conn_mut(), &from, &to))
}

#[tauri::command(async)]
#[specta::specta]
pub fn merge_tags(state: State<'_, AppState>, from: String, into: String) -> IpcResult<()> {
    state.with(|lib| tags::merge(lib.conn_mut(), &from, &into))
}

#[tauri::command(async)]
#[specta::specta]
pub fn delete_tag(state: State<'_, AppState>, name: String) -> IpcResult<TagImpact> {
    state.with(|lib| tags::delete(lib.conn_mut(), &name))
}

/// Sets a tag's colour and/or description (`""` clears), creating the tag if needed.
#[tauri::command(async)]
#[specta::specta]
pub fn set_tag(
    state: State<'_, AppState>,
    name: String,
    color: Option<String>,
    description: Option<String>,
) -> IpcResult<()> {
    state.with(|lib| tags::describe(lib.conn(), &name, color.as_deref(), description.as_deref()))
}

#[tauri::command(async)]
#[specta::specta]
pub fn annotate(
    state: State<'_, AppState>,
    article: String,
    target: Target,
    note: String,
    color: Option<String>,
    tags: Vec<String>,
) -> IpcResult<Annotation> {
    state.with(|lib| {
        annotations::create(
            lib.conn_mut(),
            &article,
            &target,
            &note,
            color.as_deref(),
            &tags,
        )
    })
}

/// Changes an annotation; `color: ""` clears the colour, `None` leaves a field as it is.
#[tauri::command(async)]
#[specta::specta]
pub fn update_annotation(
    state: State<'_, AppState>,
    id: String,
    note: Option<String>,
    color: Option<String>,
    tags: Option<Vec<String>>,
) -> IpcResult<Annotation> {
    state.with(|lib| {
        let color = color.as_deref().map(|c| Some(c).filter(|c| !c.is_empty()));
        annotations::update(lib.conn_mut(), &id, note.as_deref(), color, tags.as_deref())
    })
}

#[tauri::command(async)]
#[specta::specta]
pub fn delete_annotation(state: State<'_, AppState>, id: String) -> IpcResult<()> {
    state.with(|lib| annotations::delete(lib.conn(), &id))
}

#[tauri::command(async)]
#[specta::specta]
pub fn orphaned_annotations(state: State<'_, AppState>) -> IpcResult<Vec<Annotation>> {
    state.with(|lib| annotations::orphaned(lib.conn()))
}

#[tauri::command(async)]
#[specta::specta]
pub fn saved_searches(state: State<'_, AppState>) -> IpcResult<Vec<saved::SavedSearch>> {
    state.with(|lib| saved::list(lib.conn()))
}

#[tauri::command(async)]
#[specta::specta]
pub fn save_search(state: State<'_, AppState>, name: String, query: String) -> IpcResult<()> {
    state.with(|lib| saved::save(lib.conn(), &name, &query))
}

#[tauri::command(async)]
#[specta::specta]
pub fn delete_saved_search(state: State<'_, AppState>, name: String) -> IpcResult<()> {
    state.with(|lib| saved::delete(lib.conn(), &name))
}

/// The story the article belongs to; `null` when it shares its text with no other.
#[tauri::command(async)]
#[specta::specta]
pub fn article_story(state: State<'_, AppState>, id: String) -> IpcResult<Option<ArticleStory>> {
    state.with(|lib| stories::of_article(lib.conn(), &id))
}

/// The stories of a page of hits, in their order (`null`: in no story), so
/// the result list can fold each story into one row. A page is at most a few
/// hundred ids, each one indexed lookup.
#[tauri::command(async)]
#[specta::specta]
pub fn hit_stories(
    state: State<'_, AppState>,
    ids: Vec<String>,
) -> IpcResult<Vec<Option<ArticleStory>>> {
    state.with(|lib| {
        ids.iter()
            .map(|id| stories::of_article(lib.conn(), id))
            .collect()
    })
}

/// One story: members, first publisher, shared passages, timeline.
#[tauri::command(async)]
#[specta::specta]
pub fn story_detail(state: State<'_, AppState>, story_id: String) -> IpcResult<StoryDetail> {
    state.with(|lib| stories::detail(lib.conn(), &story_id))
}

/// The passages articles `a` and `b` share (code points into each body).
#[tauri::command(async)]
#[specta::specta]
pub fn story_pair(state: State<'_, AppState>, a: String, b: String) -> IpcResult<PairAlignment> {
    state.with(|lib| stories::pair(lib.conn(), &a, &b))
}

/// Removes the articles with these ids (into the trash, with their tags and annotations).
#[tauri::command(async)]
#[specta::specta]
pub fn delete_articles(state: State<'_, AppState>, ids: Vec<String>) -> IpcResult<RemovalReport> {
    state.with(|lib| removal::remove_ids(lib, &ids))
}

/// Removes every result of `query` (into the trash).
#[tauri::command(async)]
#[specta::specta]
pub fn delete_query(state: State<'_, AppState>, query: String) -> IpcResult<RemovalReport> {
    state.with(|lib| removal::remove_query(lib, &query))
}

/// Puts back what one removal took (Undo).
#[tauri::command(async)]
#[specta::specta]
pub fn restore_articles(state: State<'_, AppState>, removal: i64) -> IpcResult<RestoreReport> {
    state.with(|lib| removal::restore(lib, &Which::Removal(removal)))
}

/// Opens the sample library (made with the sample articles the first time).
#[tauri::command(async)]
#[specta::specta]
pub fn open_demo_library(state: State<'_, AppState>) -> IpcResult<LibraryInfo> {
    state.switch_to_demo()?;
    library_info(state)
}

#[cfg(test)]
mod tests {
    /// Regression: plain `#[tauri::command]`s ran on the main thread, and a
    /// search over a million articles froze the window while it ran.
    #[test]
    fn commands_stay_off_the_main_thread() {
        for (file, src) in [
            ("commands.rs", include_str!("commands.rs")),
            ("tasks.rs", include_str!("tasks.rs")),
        ] {
            let lines: Vec<&str> = src.lines().map(str::trim).collect();
            for (i, pair) in lines.windows(3).enumerate() {
                if pair[0] == "#[tauri::command]" {
                    assert!(
                        pair[2].contains("async fn"),
                        "{file}:{}: a plain command runs on the main thread; use #[tauri::command(async)]",
                        i + 1
                    );
                }
            }
        }
    }
}
