//! `litopys stories` and `litopys story`: who republished what, and who had it first.

use std::path::PathBuf;
use std::process::ExitCode;

use litopys_core::store::stories;
use litopys_core::{Error, Library};

use crate::terminal::line;
use litopys_cli::to_json;

#[derive(clap::Args)]
pub struct StoriesArgs {
    /// Print JSON: {"stories": [{"id", "articles", "first", "first_note", "sources", "size"}]}
    #[arg(long)]
    json: bool,
    /// Only stories of at least this many articles
    #[arg(long, default_value_t = 2, value_name = "N")]
    min_size: usize,
    /// Who republishes whom: {"edges": [{"from", "to", "count", "median_delay_hours"}]}
    #[arg(long)]
    network: bool,
}

#[derive(clap::Args)]
pub struct StoryArgs {
    /// Print JSON: members, first publisher, pairs with shared passages, timeline
    #[arg(long)]
    json: bool,
    /// Write a story report (.md for Markdown, .html for a web page)
    #[arg(long, value_name = "FILE")]
    report: Option<PathBuf>,
    /// Replace the report file if it already exists (without this, an existing file is an error)
    #[arg(long, requires = "report")]
    force: bool,
    /// Story id (as `litopys stories` lists it)
    id: String,
}

pub fn list(lib: &Library, args: StoriesArgs) -> Result<ExitCode, Error> {
    if args.network {
        let edges = stories::network(lib.conn())?;
        if args.json {
            println!("{}", to_json(&serde_json::json!({ "edges": edges })));
            return Ok(ExitCode::SUCCESS);
        }
        for e in &edges {
            let delay = e
                .median_delay_hours
                .map_or("—".to_owned(), |h| format!("{h:.1} h"));
            println!(
                "{} → {}: {} reprint{}, median delay {delay}",
                line(&e.from),
                line(&e.to),
                e.count,
                if e.count == 1 { "" } else { "s" }
            );
        }
        return Ok(ExitCode::SUCCESS);
    }
    let all = stories::list(lib.conn(), args.min_size)?;
    if args.json {
        println!("{}", to_json(&serde_json::json!({ "stories": all })));
        return Ok(ExitCode::SUCCESS);
    }
    if all.is_empty() {
        println!("No stories: no two articles share their text.");
    }
    for s in &all {
        let first = s.first.as_deref().unwrap_or("unknown");
        let note = s
            .first_note
            .as_deref()
            .map_or(String::new(), |n| format!(" ({})", line(n)));
        println!(
            "{}  {} articles, {} sources, first: {}{note}",
            s.id, s.size, s.sources, first
        );
    }
    Ok(ExitCode::SUCCESS)
}

pub fn show(lib: &Library, args: StoryArgs) -> Result<ExitCode, Error> {
    let d = stories::detail(lib.conn(), &args.id)?;
    if let Some(path) = &args.report {
        let written =
            litopys_core::export::story_report::write(lib.conn(), &d.id, path, args.force)?;
        eprintln!(
            "Story report written to {}",
            line(&written.display().to_string())
        );
    }
    if args.json {
        println!("{}", to_json(&d));
        return Ok(ExitCode::SUCCESS);
    }
    println!("Story {}: {} articles", d.id, d.articles.len());
    match &d.first {
        Some(f) => println!("first:  {f}"),
        None => println!("first:  unknown"),
    }
    if let Some(n) = &d.first_note {
        println!("        {}", line(n));
    }
    for a in &d.articles {
        println!(
            "{} {}  {}  {}  {:>3.0}% reused  {}",
            if a.is_first { "*" } else { " " },
            a.id,
            line(a.published_at.as_deref().unwrap_or("(no date)")),
            line(a.source.as_deref().unwrap_or("(no source)")),
            a.reused * 100.0,
            line(&a.title)
        );
    }
    for p in &d.pairs {
        println!(
            "pair {} ~ {}: {:.0}% contained, {} shared passages",
            p.a,
            p.b,
            p.containment * 100.0,
            p.shared.len()
        );
    }
    Ok(ExitCode::SUCCESS)
}
