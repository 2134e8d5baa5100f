//! The Litopys desktop app. Commands are declared once here (with specta) and
//! their TypeScript bindings are generated into `ui/src/lib/bindings.ts`; the
//! commands stay thin and all logic lives in `litopys_core`.

mod capture;
mod commands;
#[cfg(test)]
mod search_fixture;
mod state;
#[cfg(test)]
mod story_fixture;
mod tasks;
mod team;
mod watch;

use specta_typescript::Typescript;
use tauri_specta::{collect_commands, collect_events, Builder};

pub use state::{AppState, IpcError};

/// Where the generated bindings live, relative to the repository root.
pub const BINDINGS: &str = "ui/src/lib/bindings.ts";

/// Every command the window may call.
pub fn specta_builder() -> Builder<tauri::Wry> {
    Builder::<tauri::Wry>::new()
        // Counts and code-point offsets stay far below 2^53.
        .dangerously_cast_bigints_to_number()
        .commands(collect_commands![
            commands::library_info,
            commands::open_library,
            commands::search,
            commands::histogram,
            commands::search_with_timeline,
            commands::word_forms,
            commands::article,
            commands::similar,
            commands::set_block_class,
            commands::update_metadata,
            commands::tags,
            commands::tag_articles,
            commands::untag_articles,
            commands::tag_query,
            commands::tag_impact,
            commands::rename_tag,
            commands::merge_tags,
            commands::delete_tag,
            commands::set_tag,
            commands::annotate,
            commands::update_annotation,
            commands::delete_annotation,
            commands::orphaned_annotations,
            commands::saved_searches,
            commands::save_search,
            commands::delete_saved_search,
            commands::article_story,
            commands::hit_stories,
            commands::story_detail,
            commands::story_pair,
            commands::delete_articles,
            commands::delete_query,
            commands::restore_articles,
            commands::open_demo_library,
            tasks::import_files,
            tasks::export_set,
            tasks::cancel_task,
            team::team_status,
            team::team_sync_now,
            team::annotation_authors,
            capture::capture_url,
            capture::article_provenance,
            capture::export_capture_warc,
            capture::feeds_list,
            capture::feed_add,
            capture::feed_remove,
            capture::feed_poll_now,
            capture::poll_schedule,
            capture::set_poll_minutes,
        ])
        .events(collect_events![watch::LibraryChanged])
}

/// The bindings as generated now (CI compares them with the committed file).
pub fn bindings() -> Result<String, String> {
    let dir = std::env::temp_dir().join(format!("litopys-bindings-{}", std::process::id()));
    std::fs::create_dir_all(&dir).map_err(|e| e.to_string())?;
    let path = dir.join("bindings.ts");
    specta_builder()
        .export(
            Typescript::default().header("// Generated from the Rust commands by `cargo test -p litopys-app`; do not edit.\n/* eslint-disable */\n"),
            &path,
        )
        .map_err(|e| e.to_string())?;
    let text = std::fs::read_to_string(&path).map_err(|e| e.to_string());
    let _ = std::fs::remove_dir_all(&dir);
    text
}

pub fn run() {
    // WebKitGTK's accelerated compositing keeps large layer buffers in the
    // web process (its memory fell from 243 to 137 MB PSS without it, on a
    // 100,000-article library) and a text-heavy window gains nothing from
    // it. Set before any thread starts; a user's own setting wins.
    #[cfg(target_os = "linux")]
    if std::env::var_os("WEBKIT_DISABLE_COMPOSITING_MODE").is_none() {
        std::env::set_var("WEBKIT_DISABLE_COMPOSITING_MODE", "1");
    }
    let builder = specta_builder();
    let state = AppState::start();
    let result = tauri::Builder::default()
        .plugin(tauri_plugin_dialog::init())
        .plugin(tauri_plugin_opener::init())
        .manage(state)
        .manage(team::TeamState::default())
        .manage(capture::FeedState::default())
        .invoke_handler(builder.invoke_handler())
        .setup(move |app| {
            builder.mount_events(app);
            watch::start(app.handle().clone());
            team::start(app.handle().clone());
            capture::start(app.handle().clone());
            Ok(())
        })
        .run(tauri::generate_context!());
    if let Err(e) = result {
        eprintln!("litopys: cannot start the window: {e}");
        std::process::exit(1);
    }
}

#[cfg(test)]
mod tests {
    /// Fails when the committed TypeScript bindings no longer match the Rust
    /// commands; `LITOPYS_WRITE_BINDINGS=1 cargo test -p litopys-app` rewrites them.
    #[test]
    fn typescript_bindings_are_current() {
        let generated = super::bindings().expect("bindings export");
        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(super::BINDINGS);
        if std::env::var_os("LITOPYS_WRITE_BINDINGS").is_some() {
            std::fs::write(&path, &generated).expect("write bindings");
        }
        let committed = std::fs::read_to_string(&path).unwrap_or_default();
        assert!(
            committed == generated,
            "{} is stale: run `LITOPYS_WRITE_BINDINGS=1 cargo test -p litopys-app` and commit it",
            path.display()
        );
    }

    /// The export dialog's English format labels are the core's
    /// `Format::label()` (what `litopys export --help` shows): one wording.
    #[test]
    fn export_format_labels_in_the_ui_are_the_cores() {
        use litopys_core::export::Format;
        let path =
            std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("ui/src/lib/locales/en.ts");
        let i18n = std::fs::read_to_string(&path).expect("locales/en.ts");
        for f in Format::ALL {
            let entry = format!(
                "\"export.format.{}\": {},",
                f.name(),
                serde_json::to_string(f.label()).expect("a string")
            );
            assert!(i18n.contains(&entry), "{} lacks {entry}", path.display());
        }
    }
}
