//! `litopys delete` and `litopys trash`: removing articles and putting them back.

use std::process::ExitCode;

use clap::{Args, Subcommand};
use litopys_core::removal::{self, RemovalReport, RestoreReport};
use litopys_core::store::trash::{self, Which, KEEP_DAYS};
use litopys_core::{Error, Library};

use crate::curate::confirm;
use crate::terminal::line;
use litopys_cli::to_json;

#[derive(Args)]
pub struct DeleteArgs {
    /// Article ids (or unambiguous prefixes) to remove
    #[arg(required_unless_present = "query", value_name = "ID")]
    ids: Vec<String>,
    /// Remove every article this search finds (asks first; see --yes)
    #[arg(long, conflicts_with = "ids", value_name = "QUERY")]
    query: Option<String>,
    /// Remove a query's results without asking (without it, a query's removal
    /// only says how many articles would go, or asks on a terminal)
    #[arg(long)]
    yes: bool,
    /// Print JSON: {removed, annotations, removal, ids}
    #[arg(long)]
    json: bool,
}

#[derive(Subcommand)]
pub enum TrashCommand {
    /// List removed articles, the latest removal first
    List {
        /// Print JSON: [{id, title, removal, removed_at}]
        #[arg(long)]
        json: bool,
    },
    /// Put removed articles back, with their tags and annotations
    Restore {
        /// Ids (or unambiguous prefixes) of removed articles
        #[arg(required_unless_present = "all", value_name = "ID")]
        ids: Vec<String>,
        /// Put back everything in the trash
        #[arg(long, conflicts_with = "ids")]
        all: bool,
        /// Print JSON: {restored, already_there, annotations, failed}
        #[arg(long)]
        json: bool,
    },
    /// Forget every removed article for good (asks first; see --yes)
    Empty {
        /// Empty it without asking
        #[arg(long)]
        yes: bool,
    },
}

pub fn delete(lib: &mut Library, args: DeleteArgs) -> Result<ExitCode, Error> {
    let report = match &args.query {
        Some(q) => {
            let n = removal::count_query(lib.conn(), q)?;
            if n > 0 {
                let question = format!("{n} article(s) match “{}”. Remove them?", line(q));
                if !confirm(&question, args.yes)? {
                    return Ok(ExitCode::from(1));
                }
            }
            removal::remove_query(lib, q)?
        }
        None => removal::remove_ids(lib, &args.ids)?,
    };
    if args.json {
        println!("{}", to_json(&report));
    } else {
        print_removal(&report);
    }
    Ok(ExitCode::SUCCESS)
}

fn print_removal(r: &RemovalReport) {
    if r.removed == 0 {
        println!("No article matched; nothing was removed.");
        return;
    }
    print!("Removed {} article(s)", r.removed);
    if r.annotations > 0 {
        print!(" with {} annotation(s)", r.annotations);
    }
    print!(" to the trash (kept {KEEP_DAYS} days). ");
    // A query's removal can take thousands: their ids are in `trash list`.
    if r.ids.len() <= 10 {
        println!(
            "To put them back: litopys trash restore {}",
            r.ids.join(" ")
        );
    } else {
        println!("`litopys trash list` lists them; `litopys trash restore ID…` puts some back.");
    }
}

pub fn trash(lib: &mut Library, command: TrashCommand) -> Result<ExitCode, Error> {
    match command {
        TrashCommand::List { json } => {
            let all = trash::list(lib.conn())?;
            if json {
                println!("{}", to_json(&all));
            } else if all.is_empty() {
                println!("The trash is empty.");
            } else {
                for e in &all {
                    println!("{}  {}  {}", e.id, e.removed_at, line(&e.title));
                }
                println!(
                    "{} removed article(s); each is kept {KEEP_DAYS} days after its removal.",
                    all.len()
                );
            }
        }
        TrashCommand::Restore { ids, all, json } => {
            let which = if all { Which::All } else { Which::Ids(ids) };
            let report = removal::restore(lib, &which)?;
            if json {
                println!("{}", to_json(&report));
            } else {
                print_restore(&report);
            }
            if !report.failed.is_empty() {
                return Ok(ExitCode::from(1));
            }
        }
        TrashCommand::Empty { yes } => {
            let n = trash::count(lib.conn())?;
            if n > 0 {
                let q = format!("Forget the {n} removed article(s) in the trash for good?");
                if !confirm(&q, yes)? {
                    return Ok(ExitCode::from(1));
                }
            }
            lib.ensure_writable()?;
            let gone = trash::empty(lib.conn())?;
            println!("Emptied the trash: {gone} removed article(s) forgotten.");
        }
    }
    Ok(ExitCode::SUCCESS)
}

fn print_restore(r: &RestoreReport) {
    println!(
        "Put back {} article(s){}.",
        r.restored,
        if r.already_there > 0 {
            format!(
                "; {} were in the library again, their tags and annotations merged into them",
                r.already_there
            )
        } else {
            String::new()
        }
    );
    for f in &r.failed {
        eprintln!("litopys: not put back: {}", line(f));
    }
}
