//! Curating commands: tag, annotate, annotation, export.

use std::io::IsTerminal;
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::atomic::AtomicBool;
use std::sync::Arc;

use clap::{Args, Subcommand};
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use litopys_core::export::{self, Format, Selection};
use litopys_core::store::annotations::{self, Target};
use litopys_core::store::tags;
use litopys_core::tagging;
use litopys_core::{Error, Library};

use crate::terminal::{line, text};
use litopys_cli::to_json;

#[derive(Subcommand)]
pub enum TagCommand {
    /// Tag articles: by id, or every result of a query
    Add {
        /// The tag (`a/b` puts it below `a`)
        tag: String,
        /// Article ids (or prefixes)
        #[arg(required_unless_present = "query")]
        ids: Vec<String>,
        /// Tag every article this search finds
        #[arg(long, conflicts_with = "ids")]
        query: Option<String>,
    },
    /// Remove a tag from articles: by id, or from every result of a query
    Remove {
        /// The tag to remove
        tag: String,
        /// Article ids (or prefixes)
        #[arg(required_unless_present = "query")]
        ids: Vec<String>,
        /// Remove the tag from every article this search finds
        #[arg(long, conflicts_with = "ids")]
        query: Option<String>,
    },
    /// List tags with their article counts
    List {
        /// Print JSON instead of text
        #[arg(long)]
        json: bool,
    },
    /// Rename a tag (and the tags below it)
    Rename {
        /// The tag's name now
        old: String,
        /// Its new name
        new: String,
    },
    /// Move everything tagged FROM to INTO and delete FROM
    Merge {
        /// The tag that goes away
        from: String,
        /// The tag that gets its articles and annotations
        into: String,
        /// Do it without asking
        #[arg(long)]
        yes: bool,
    },
    /// Delete a tag and the tags below it (the articles stay)
    Delete {
        /// The tag to delete
        tag: String,
        /// Do it without asking
        #[arg(long)]
        yes: bool,
    },
    /// Set a tag's colour (#rrggbb; "" clears) and/or description
    Set {
        /// The tag to change
        tag: String,
        /// Its colour: #rrggbb, or "" to clear it
        #[arg(long)]
        color: Option<String>,
        /// What the tag means, shown beside it
        #[arg(long)]
        description: Option<String>,
    },
}

#[derive(Args)]
pub struct AnnotateArgs {
    /// Article id (or prefix)
    id: String,
    /// The passage to annotate, as it appears in the text
    #[arg(long, conflicts_with_all = ["start", "end"])]
    quote: Option<String>,
    /// Which appearance of the quote (1 = first)
    #[arg(long, default_value_t = 1, requires = "quote")]
    occurrence: usize,
    /// Start of the span in characters (code points) from the start of the text
    #[arg(long, requires = "end")]
    start: Option<usize>,
    /// End of the span in characters (code points), exclusive
    #[arg(long, requires = "start")]
    end: Option<usize>,
    /// The note: on the passage, or alone on the whole article
    #[arg(long, default_value = "")]
    note: String,
    /// #rrggbb
    #[arg(long)]
    color: Option<String>,
    /// A tag for the annotation (repeat for several)
    #[arg(long = "tag")]
    tags: Vec<String>,
    /// Print JSON instead of text
    #[arg(long)]
    json: bool,
}

#[derive(Subcommand)]
pub enum AnnotationCommand {
    /// Annotations of an article
    List {
        /// Article id (or prefix)
        id: String,
        /// Print JSON instead of text
        #[arg(long)]
        json: bool,
    },
    /// Change an annotation's note, colour or tags
    Edit {
        /// Annotation id (as `annotation list` shows it)
        annotation: String,
        /// The new note
        #[arg(long)]
        note: Option<String>,
        /// The new colour: #rrggbb, or "" to clear it
        #[arg(long)]
        color: Option<String>,
        /// Replace the tags (repeat for several)
        #[arg(long = "tag")]
        tags: Option<Vec<String>>,
    },
    /// Delete an annotation
    Delete {
        /// Annotation id (as `annotation list` shows it)
        annotation: String,
    },
    /// Annotations whose passage was not found after a text change
    Orphans {
        /// Print JSON instead of text
        #[arg(long)]
        json: bool,
    },
}

#[derive(Args)]
pub struct ExportArgs {
    /// Tag expression: a, "a OR b", "a -c", "war/*"
    #[arg(long, group = "set")]
    tag: Option<String>,
    /// A search query
    #[arg(long, group = "set")]
    query: Option<String>,
    /// Article ids
    #[arg(long, group = "set", num_args = 1..)]
    ids: Vec<String>,
    /// Also write the full text with each line's class ([boilerplate], [related]):
    /// a `labelled_text` column in CSV, the labelled text in zip files
    #[arg(long)]
    block_labels: bool,
    /// CSV: write cells exactly as stored. By default a text cell starting with
    /// =, +, -, @, TAB or CR gets a leading ' so a spreadsheet shows it as text
    /// instead of running it as a formula
    #[arg(long)]
    raw_csv: bool,
    /// The file format (see the list below)
    #[arg(long)]
    format: String,
    /// The file to write, in a folder that exists; its name is kept as given
    #[arg(long, value_name = "FILE")]
    output: PathBuf,
    /// Replace the output file if it already exists (without this, an existing file is an error)
    #[arg(long)]
    force: bool,
    /// Markdown and HTML reports: only metadata, tags and annotations, without the article text
    #[arg(long)]
    annotations_only: bool,
    /// Print JSON: what was written ({"articles", "annotations", "bytes", "files", "note"})
    #[arg(long)]
    json: bool,
}

/// `--help` of `litopys export`: the formats, each with what it is.
pub fn format_help() -> String {
    let mut s = String::from("Formats (--format):\n");
    for f in Format::ALL {
        s.push_str(&format!("  {:<10} {}\n", f.name(), f.label()));
    }
    s.push_str("\nAn empty selection is an error (exit 1); nothing is written then.");
    s
}

pub(crate) fn confirm(question: &str, yes: bool) -> Result<bool, Error> {
    if yes {
        return Ok(true);
    }
    if !std::io::stdin().is_terminal() {
        return Err(Error::InvalidInput(format!(
            "{question} Add --yes to confirm."
        )));
    }
    eprint!("{question} [y/N] ");
    let mut answer = String::new();
    std::io::stdin()
        .read_line(&mut answer)
        .map_err(|e| Error::InvalidInput(e.to_string()))?;
    Ok(matches!(answer.trim(), "y" | "Y" | "yes" | "так"))
}

fn describe_impact(i: &tags::TagImpact) -> String {
    let mut s = format!("“{}” is on {} article(s)", line(&i.name), i.articles);
    if i.annotations > 0 {
        s.push_str(&format!(" and {} annotation(s)", i.annotations));
    }
    if !i.subtags.is_empty() {
        s.push_str(&format!(
            ", with tags below it: {}",
            line(&i.subtags.join(", "))
        ));
    }
    s.push('.');
    s
}

pub fn tag(lib: &mut Library, command: TagCommand) -> Result<ExitCode, Error> {
    match command {
        TagCommand::Add { tag, ids, query } => {
            let change = match query {
                Some(q) => tagging::tag_matching(lib.conn_mut(), &tag, &q)?,
                None => {
                    let internal = tags::article_ids(lib.conn(), &ids)?;
                    tags::add(lib.conn_mut(), &tag, &internal)?
                }
            };
            println!("Tagged {} article(s) “{tag}”.", change.articles.len());
        }
        TagCommand::Remove { tag, ids, query } => {
            let change = match query {
                Some(q) => tagging::untag_matching(lib.conn_mut(), &tag, &q)?,
                None => {
                    let internal = tags::article_ids(lib.conn(), &ids)?;
                    tags::remove(lib.conn_mut(), &tag, &internal)?
                }
            };
            println!("Removed “{tag}” from {} article(s).", change.articles.len());
        }
        TagCommand::List { json } => {
            let all = tags::list(lib.conn())?;
            if json {
                println!("{}", to_json(&all));
            } else {
                for t in all {
                    let depth = t.name.matches('/').count();
                    let leaf = t.name.rsplit('/').next().unwrap_or(&t.name);
                    // Notes carrying the tag, so a tag kept only on notes does not read as unused.
                    let notes = match t.annotations {
                        0 => String::new(),
                        1 => "  (1 note)".to_owned(),
                        n => format!("  ({n} notes)"),
                    };
                    println!(
                        "{:>7}  {}{}{}{notes}",
                        t.count,
                        "  ".repeat(depth),
                        line(leaf),
                        t.color
                            .map(|c| format!("  {}", line(&c)))
                            .unwrap_or_default()
                    );
                }
            }
        }
        TagCommand::Rename { old, new } => {
            tags::rename(lib.conn_mut(), &old, &new)?;
            println!("Renamed “{old}” to “{new}”.");
        }
        TagCommand::Merge { from, into, yes } => {
            let impact = tags::impact(lib.conn(), &from)?;
            let q = format!("{} Merge it into “{into}”?", describe_impact(&impact));
            if !confirm(&q, yes)? {
                return Ok(ExitCode::from(1));
            }
            tags::merge(lib.conn_mut(), &from, &into)?;
            println!("Merged “{from}” into “{into}”.");
        }
        TagCommand::Delete { tag, yes } => {
            let impact = tags::impact(lib.conn(), &tag)?;
            let q = format!("{} Delete it?", describe_impact(&impact));
            if !confirm(&q, yes)? {
                return Ok(ExitCode::from(1));
            }
            tags::delete(lib.conn_mut(), &tag)?;
            println!("Deleted “{tag}”.");
        }
        TagCommand::Set {
            tag,
            color,
            description,
        } => {
            tags::describe(lib.conn(), &tag, color.as_deref(), description.as_deref())?;
            println!("Updated “{tag}”.");
        }
    }
    Ok(ExitCode::SUCCESS)
}

pub fn annotate(lib: &mut Library, a: AnnotateArgs) -> Result<ExitCode, Error> {
    let target = match (a.quote, a.start, a.end) {
        (Some(text), _, _) => Target::Quote {
            text,
            occurrence: a.occurrence,
        },
        (None, Some(start), Some(end)) => Target::Span { start, end },
        _ if !a.note.trim().is_empty() => Target::Article,
        _ => {
            return Err(Error::InvalidInput(
                "give --quote or --start/--end, or a --note for the whole article".into(),
            ))
        }
    };
    let created = annotations::create(
        lib.conn_mut(),
        &a.id,
        &target,
        &a.note,
        a.color.as_deref(),
        &a.tags,
    )?;
    if a.json {
        println!("{}", to_json(&created));
    } else {
        println!("{}", created.id);
    }
    Ok(ExitCode::SUCCESS)
}

pub fn annotation(lib: &mut Library, command: AnnotationCommand) -> Result<ExitCode, Error> {
    let print = |list: &[annotations::Annotation], json: bool| {
        if json {
            println!("{}", to_json(&list));
            return;
        }
        for n in list {
            let span = match (n.start, n.end) {
                (Some(s), Some(e)) => format!("{s}..{e}"),
                _ => "article".into(),
            };
            let orphan = if n.orphaned { "  (orphaned)" } else { "" };
            println!("{}  {span}{orphan}", line(&n.id));
            if let Some(q) = &n.exact {
                println!("    “{}”", line(q));
            }
            if !n.note.is_empty() {
                println!("    {}", text(&n.note));
            }
            if !n.tags.is_empty() {
                println!("    tags: {}", line(&n.tags.join(", ")));
            }
        }
    };
    match command {
        AnnotationCommand::List { id, json } => {
            let internal = tags::article_ids(lib.conn(), &[id])?;
            print(&annotations::of_article(lib.conn(), internal[0])?, json);
        }
        AnnotationCommand::Edit {
            annotation,
            note,
            color,
            tags,
        } => {
            let color = color.as_deref().map(|c| Some(c).filter(|c| !c.is_empty()));
            annotations::update(
                lib.conn_mut(),
                &annotation,
                note.as_deref(),
                color,
                tags.as_deref(),
            )?;
            println!("Updated {annotation}.");
        }
        AnnotationCommand::Delete { annotation } => {
            annotations::delete(lib.conn(), &annotation)?;
            println!("Deleted {annotation}.");
        }
        AnnotationCommand::Orphans { json } => print(&annotations::orphaned(lib.conn())?, json),
    }
    Ok(ExitCode::SUCCESS)
}

pub fn export(lib: &Library, a: ExportArgs) -> Result<ExitCode, Error> {
    let format = Format::from_name(&a.format).ok_or_else(|| {
        let names: Vec<&str> = Format::ALL.iter().map(|f| f.name()).collect();
        Error::InvalidInput(format!(
            "unknown format “{}”: use one of {} (`litopys export --help` says what each is)",
            a.format,
            names.join(", ")
        ))
    })?;
    let selection = match (a.tag, a.query) {
        (Some(t), _) => Selection::Tags(t),
        (None, Some(q)) => Selection::Query(q),
        (None, None) if !a.ids.is_empty() => Selection::Ids(a.ids),
        _ => {
            return Err(Error::InvalidInput(
                "choose what to export: --tag, --query or --ids".into(),
            ))
        }
    };
    let cancel = Arc::new(AtomicBool::new(false));
    crate::import::install_ctrlc(cancel.clone());
    let bar = ProgressBar::with_draw_target(None, ProgressDrawTarget::stderr_with_hz(8));
    bar.set_style(
        ProgressStyle::with_template("{bar:30} {pos}/{len} articles")
            .unwrap_or_else(|_| ProgressStyle::default_bar()),
    );
    let totals = export::export(
        lib.conn(),
        &selection,
        format,
        &a.output,
        export::ExportOptions {
            block_labels: a.block_labels,
            raw_csv: a.raw_csv,
            force: a.force,
            annotations_only: a.annotations_only,
        },
        &cancel,
        &mut |done, all| {
            bar.set_length(all);
            bar.set_position(done);
        },
    );
    bar.finish_and_clear();
    let totals = totals?;
    if a.json {
        println!("{}", to_json(&totals));
    } else if totals.cancelled {
        println!("Cancelled; nothing was written.");
    } else {
        println!(
            "Exported {} article(s) and {} annotation(s) to {}.",
            totals.articles,
            totals.annotations,
            totals
                .files
                .iter()
                .map(|p| line(&p.display().to_string()).into_owned())
                .collect::<Vec<_>>()
                .join(" and ")
        );
        if let Some(note) = &totals.note {
            println!("Note: {}", line(note));
        }
    }
    Ok(if totals.cancelled {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}
