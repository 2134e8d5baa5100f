//! `litopys`: the command-line face of a Litopys library.

mod capture;
mod curate;
mod import;
mod library;
mod read;
mod search;
mod stories;
mod team;
mod trash;

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};
use litopys_cli::terminal;
use litopys_core::store::default_library_path;
use litopys_core::{Error, Library};

#[derive(Parser)]
#[command(
    name = "litopys",
    version,
    about = "Litopys: an archive of news articles you can trust"
)]
struct Cli {
    /// Library file to use (default: the OS data directory, or LITOPYS_LIBRARY)
    #[arg(long, global = true, value_name = "PATH")]
    library: Option<PathBuf>,

    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Import article files and folders (recursively)
    Import(import::ImportArgs),
    /// Show one article with all its fields and text
    Show {
        /// Print JSON
        #[arg(long)]
        json: bool,
        /// Article id (or an unambiguous prefix of at least 4 characters)
        id: String,
    },
    /// An article's blocks (story, boilerplate, related headlines); --set changes one
    Blocks {
        /// Print JSON instead of text
        #[arg(long)]
        json: bool,
        /// Article id (or an unambiguous prefix)
        id: String,
        /// Set block N (as numbered in the listing) to story, boilerplate, related,
        /// or auto (back to what Litopys decides); the choice is kept
        #[arg(long, num_args = 2, value_names = ["N", "CLASS"])]
        set: Vec<String>,
    },
    /// List articles, newest first
    List {
        /// Print JSON instead of text
        #[arg(long)]
        json: bool,
        /// How many articles to list
        #[arg(long, default_value_t = 50)]
        limit: u32,
        /// How many of the newest articles to skip first (for the next page)
        #[arg(long, default_value_t = 0)]
        offset: u32,
    },
    /// Search with the query language (words in any form, "phrases", prefix*, OR, -word,
    /// NEAR(a b, 5), title:, source:, lang:, tag:, after:, before:, date:)
    #[command(after_help = search::QUERY_HELP)]
    Search(search::SearchArgs),
    /// Matches of a query over time (for a timeline)
    Timeline(search::TimelineArgs),
    /// Articles most like one article
    Similar(search::SimilarArgs),
    /// Saved searches: list, save, delete
    #[command(subcommand)]
    Saved(search::SavedCommand),
    /// Tags: add, remove, list, rename, merge, delete, set colour/description
    #[command(subcommand)]
    Tag(curate::TagCommand),
    /// Annotate a passage (or the whole article); prints the annotation id
    Annotate(curate::AnnotateArgs),
    /// Annotations: list, edit, delete, orphans
    #[command(subcommand)]
    Annotation(curate::AnnotationCommand),
    /// Export a set of articles with tags and annotations
    #[command(after_help = curate::format_help())]
    Export(curate::ExportArgs),
    /// Stories: articles that share their text (reprints), largest first; --network: who
    /// republishes whom
    Stories(stories::StoriesArgs),
    /// One story: its articles, first publisher, shared passages and timeline
    Story(stories::StoryArgs),
    /// Remove articles (by id, or every result of a query) with their tags and annotations;
    /// they wait in the trash for 30 days (`litopys trash restore` puts them back)
    Delete(trash::DeleteArgs),
    /// Removed articles: list, restore, empty
    #[command(subcommand)]
    Trash(trash::TrashCommand),
    /// Counts by source, language and year
    Stats {
        /// Print JSON instead of text
        #[arg(long)]
        json: bool,
    },
    /// Add the bundled sample articles to the library
    Demo,
    /// Check the library file for damage: every page, index and full-text index (exit 1 on damage)
    Check {
        /// Print JSON: {"ok", "complete", "problems"}
        #[arg(long)]
        json: bool,
    },
    /// Repair a damaged library: rebuild its indexes, else copy what can be read into a new
    /// file under the same name (the damaged file is kept beside it)
    Repair {
        /// Print JSON
        #[arg(long)]
        json: bool,
    },
    /// Backups of your own work (tags, annotations, line classes, saved searches): list, now, restore
    #[command(subcommand)]
    Backup(library::BackupCommand),
    /// Team library: share this library with colleagues through PostgreSQL
    #[command(subcommand)]
    Team(team::TeamCommand),
    /// Capture web pages: fetch, keep the exact response as WARC evidence, import the text
    Capture(capture::CaptureArgs),
    /// Write an article's captures (the exact responses) as a WARC file
    ExportWarc(capture::ExportWarcArgs),
    /// Feeds: follow RSS/Atom feeds and sitemaps; poll them for new items
    #[command(subcommand)]
    Feed(capture::FeedCommand),
}

fn main() -> ExitCode {
    litopys_cli::quiet_on_closed_pipe();
    let cli = Cli::parse();
    let path = cli.library.clone().unwrap_or_else(default_library_path);
    let existed = path.exists();
    let result = match cli.command {
        Command::Team(c) => return team::run(&path, c),
        Command::Capture(a) => return capture::capture(&path, a),
        Command::ExportWarc(a) => return capture::export(&path, a),
        Command::Feed(c) => return capture::feed(&path, c),
        Command::Check { json } => library::check(&path, json),
        Command::Repair { json } => library::repair(&path, json),
        // Only commands that add articles make a new library where none is;
        // the rest say that nothing is there (a mistyped path is not a library).
        command @ (Command::Import(_) | Command::Demo) => {
            Library::open(&path).and_then(|mut lib| {
                if !existed {
                    eprintln!("litopys: created a new library at {}", path.display());
                }
                run(&mut lib, command)
            })
        }
        command => Library::open_existing(&path).and_then(|mut lib| run(&mut lib, command)),
    };
    match result {
        Ok(code) => code,
        Err(e) => {
            // Messages name files and items: their names are not trusted either.
            eprintln!("litopys: {}", terminal::text(&e.to_string()));
            let json = serde_json::json!({"error": {"code": e.code(), "message": e.to_string()}});
            if std::env::args().any(|a| a == "--json") {
                println!("{json}");
            }
            // Finding nothing to export is an outcome, like failed items
            // (exit 1); 2 is for what cannot run at all.
            if matches!(e, Error::EmptySelection(_)) {
                ExitCode::from(1)
            } else {
                ExitCode::from(2)
            }
        }
    }
}

fn run(lib: &mut Library, command: Command) -> Result<ExitCode, Error> {
    match command {
        Command::Import(args) => import::run(lib, args),
        Command::Show { json, id } => read::show(lib, &id, json),
        Command::Blocks { json, id, set } => read::blocks(lib, &id, &set, json),
        Command::List {
            json,
            limit,
            offset,
        } => read::list(lib, limit, offset, json),
        Command::Stats { json } => read::stats(lib, json),
        Command::Stories(args) => stories::list(lib, args),
        Command::Story(args) => stories::show(lib, args),
        Command::Search(args) => search::search(lib, args),
        Command::Tag(c) => curate::tag(lib, c),
        Command::Annotate(a) => curate::annotate(lib, a),
        Command::Annotation(c) => curate::annotation(lib, c),
        Command::Export(a) => curate::export(lib, a),
        Command::Timeline(args) => search::timeline(lib, args),
        Command::Similar(args) => search::similar(lib, args),
        Command::Saved(command) => search::saved(lib, command),
        Command::Delete(args) => trash::delete(lib, args),
        Command::Trash(c) => trash::trash(lib, c),
        Command::Demo => {
            let t = litopys_core::demo::add_samples(lib)?;
            println!(
                "Sample articles: {} imported, {} already there.",
                t.imported, t.duplicates
            );
            Ok(ExitCode::SUCCESS)
        }
        Command::Backup(c) => library::backup(lib, c),
        Command::Team(_)
        | Command::Capture(_)
        | Command::ExportWarc(_)
        | Command::Feed(_)
        | Command::Check { .. }
        | Command::Repair { .. } => {
            unreachable!("handled before opening a library")
        }
    }
}
