//! `litopys check`, `repair` and `backup`: the health of the library file and
//! copies of the user's own work.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use litopys_core::store::{backup, health, repair};
use litopys_core::{Error, Library};

use litopys_cli::to_json;

#[derive(clap::Subcommand)]
pub enum BackupCommand {
    /// List the backups of tags, annotations, line classes and saved searches (newest first)
    List {
        /// Print JSON
        #[arg(long)]
        json: bool,
    },
    /// Write a backup now
    Now,
    /// Bring back from a backup what the library lacks (nothing it has is overwritten)
    Restore {
        /// Print JSON
        #[arg(long)]
        json: bool,
        /// Backup file, or `latest`
        backup: String,
    },
}

/// Full check: every page and index, and both full-text indexes. Exit 1 on damage.
pub fn check(path: &Path, json: bool) -> Result<ExitCode, Error> {
    let lib = Library::open_unchecked(path)?;
    let report = health::full_check(lib.conn())?;
    if json {
        println!("{}", to_json(&report));
    } else if report.ok {
        println!("{}: no damage found", path.display());
    } else {
        println!("{}: damaged", path.display());
        for p in &report.problems {
            println!("  {}", crate::terminal::line(p));
        }
        println!("`litopys repair` rebuilds it (the damaged file is kept).");
    }
    Ok(if report.ok {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    })
}

pub fn repair(path: &Path, json: bool) -> Result<ExitCode, Error> {
    let report = repair::repair(path)?;
    if json {
        println!("{}", to_json(&report));
    } else if report.before.ok {
        println!("{}: no damage found; nothing to repair", path.display());
    } else if report.rebuilt_in_place {
        println!(
            "{}: the damage was in the indexes; they were rebuilt and the library is sound",
            path.display()
        );
    } else if let Some(s) = &report.salvaged {
        println!(
            "{}: rebuilt from what could be read: {} articles ({} could not be read), {} tags, \
             {} article tags, {} annotations, {} line classes, {} saved searches, \
             {} removed articles in the trash",
            path.display(),
            s.articles,
            s.articles_lost,
            s.tags,
            s.article_tags,
            s.annotations,
            s.block_overrides,
            s.saved_searches,
            s.trashed
        );
        if let Some(kept) = &report.damaged_kept_at {
            println!("The damaged file is kept as {}", kept.display());
        }
        println!(
            "Check after repair: {}",
            if report.after.ok {
                "no damage found".to_owned()
            } else {
                report.after.summary()
            }
        );
    }
    Ok(if report.after.ok {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    })
}

pub fn backup(lib: &mut Library, command: BackupCommand) -> Result<ExitCode, Error> {
    match command {
        BackupCommand::List { json } => {
            let list = backup::list(lib.path())?;
            if json {
                println!("{}", to_json(&serde_json::json!({ "backups": list })));
            } else if list.is_empty() {
                println!("No backups yet (one is written before each upgrade and daily while the app runs).");
            } else {
                for b in list {
                    println!("{}", crate::terminal::line(&b.path.display().to_string()));
                }
            }
            Ok(ExitCode::SUCCESS)
        }
        BackupCommand::Now => {
            lib.ensure_writable()?;
            match backup::write(lib.conn(), lib.path(), "manual")? {
                Some(p) => println!("Backup written: {}", p.display()),
                None => println!(
                    "Nothing to back up: no tags, annotations, line classes or saved searches."
                ),
            }
            Ok(ExitCode::SUCCESS)
        }
        BackupCommand::Restore {
            json,
            backup: which,
        } => {
            lib.ensure_writable()?;
            let file: PathBuf = if which == "latest" {
                backup::list(lib.path())?
                    .into_iter()
                    .next()
                    .map(|b| b.path)
                    .ok_or_else(|| {
                        Error::InvalidInput(format!("no backups of {} yet", lib.path().display()))
                    })?
            } else {
                PathBuf::from(which)
            };
            let r = backup::restore(lib.conn_mut(), &file)?;
            if json {
                println!("{}", to_json(&r));
            } else {
                println!(
                    "Restored from {}: {} tags, {} article tags, {} annotations ({} tags on them), \
                     {} line classes, {} saved searches; {} items belong to articles not in this library",
                    file.display(),
                    r.tags,
                    r.article_tags,
                    r.annotations,
                    r.annotation_tags,
                    r.block_overrides,
                    r.saved_searches,
                    r.articles_missing
                );
            }
            Ok(ExitCode::SUCCESS)
        }
    }
}
