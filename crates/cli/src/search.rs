//! Search commands: search, timeline, similar, saved.

use std::process::ExitCode;

use clap::{Args, Subcommand, ValueEnum};
use litopys_core::search::{self, saved as saved_searches, Bucket, SearchHit, Sort};
use litopys_core::{Error, Library};

use crate::terminal::line;
use litopys_cli::to_json;

pub const QUERY_HELP: &str = "\
Query language:
  words               every word, in any of its forms     переговори Женева
  \"exact phrase\"      these forms in this order (also «…») \"мирні переговори\"
  prefix*             words starting so                   перегов*
  a OR b              either                              Женева OR Стамбул
  -word, NOT word     without                             Лавров -Орбан
  ( … )               grouping                            (Женева OR Стамбул) переговори
  NEAR(a b, N)        within N words (default 10)         NEAR(Лавров ультиматум, 5)
  title:x             in the title                        title:Лавров  title:(a OR b)
  source:x            source host or name (* wildcard)    source:lenta.ua  source:ua
  lang:uk|ru|other    language
  tag:x               tagged x or a tag below it          tag:war  tag:war/*
  after:D  before:D   published on/after D, before D      after:2022-02  before:2023
  date:D  date:A..B   within D, or A through B            date:2022-01..2022-03
  story:ID            the articles of one story           story:b2488d68b37be3ba
  has:reprints        in a story with another source      has:reprints  has:story
  is:first            the first publisher of its story    is:first source:ua
  skip:form           this form is no match of any word   переговори skip:переговорам
                      (search --forms lists the forms each word matched)";

#[derive(Clone, Copy, ValueEnum)]
pub enum SortArg {
    Relevance,
    Newest,
    Oldest,
    /// Largest story first
    StorySize,
}

impl From<SortArg> for Sort {
    fn from(s: SortArg) -> Sort {
        match s {
            SortArg::Relevance => Sort::Relevance,
            SortArg::Newest => Sort::Newest,
            SortArg::Oldest => Sort::Oldest,
            SortArg::StorySize => Sort::StorySize,
        }
    }
}

#[derive(Args)]
pub struct SearchArgs {
    /// Print JSON instead of text
    #[arg(long)]
    json: bool,
    /// How many results to show
    #[arg(long, default_value_t = 20)]
    limit: u32,
    /// How many results to skip first (for the next page)
    #[arg(long, default_value_t = 0)]
    offset: u32,
    #[arg(long, value_enum, default_value_t = SortArg::Relevance)]
    sort: SortArg,
    /// Run this saved search (words in QUERY narrow it further)
    #[arg(long, value_name = "NAME")]
    saved: Option<String>,
    /// Search the whole text, boilerplate and lists of other headlines too
    /// (by default words are searched in the story only; same as `in:all`)
    #[arg(long)]
    all_text: bool,
    /// List the word forms each query word matched, with their article counts
    /// (the form typed first), instead of the articles
    #[arg(long)]
    forms: bool,
    /// The query (several arguments are joined with spaces)
    #[arg(required_unless_present = "saved")]
    query: Vec<String>,
}

/// The query with `in:all` when the whole text is asked for.
pub fn scoped(query: String, all_text: bool) -> String {
    if all_text {
        format!("in:all {query}")
    } else {
        query
    }
}

#[derive(Clone, Copy, ValueEnum)]
pub enum BucketArg {
    Day,
    Week,
    Month,
    Year,
}

#[derive(Args)]
pub struct TimelineArgs {
    /// Print JSON instead of text
    #[arg(long)]
    json: bool,
    /// Width of one bar
    #[arg(long, value_enum, default_value_t = BucketArg::Month)]
    by: BucketArg,
    /// Search the whole text, not only the story (same as `in:all`)
    #[arg(long)]
    all_text: bool,
    /// The query (empty: every article)
    query: Vec<String>,
}

#[derive(Args)]
pub struct SimilarArgs {
    /// Print JSON instead of text
    #[arg(long)]
    json: bool,
    /// How many similar articles to show
    #[arg(long, default_value_t = 10)]
    limit: u32,
    /// Article id (or an unambiguous prefix)
    id: String,
}

#[derive(Subcommand)]
pub enum SavedCommand {
    /// List saved searches
    List {
        /// Print JSON instead of text
        #[arg(long)]
        json: bool,
    },
    /// Save QUERY under NAME (replacing a search of that name)
    Save {
        /// The name to save it under
        name: String,
        /// The search, in the query language (several words need no quotes)
        query: Vec<String>,
    },
    /// Delete a saved search
    Delete {
        /// The name of the saved search
        name: String,
    },
}

pub fn search(lib: &Library, args: SearchArgs) -> Result<ExitCode, Error> {
    let mut query = args.query.join(" ");
    if let Some(name) = &args.saved {
        let s = saved_searches::get(lib.conn(), name)?;
        query = format!("({}) {query}", s.query);
    }
    let query = scoped(query, args.all_text);
    if args.forms {
        let words = search::forms::forms(lib.conn(), &query)?;
        if args.json {
            println!("{}", to_json(&words));
        } else {
            for w in &words {
                let listed: Vec<String> = w
                    .forms
                    .iter()
                    .map(|f| match f.skipped {
                        false => format!("{} {}", line(&f.form), f.articles),
                        true => format!("{} {} (skipped)", line(&f.form), f.articles),
                    })
                    .collect();
                println!("{}: {}", line(&w.word), listed.join(", "));
            }
        }
        return Ok(ExitCode::SUCCESS);
    }
    let r = search::search(
        lib.conn(),
        &query,
        args.sort.into(),
        args.limit,
        args.offset,
    )?;
    if args.json {
        println!("{}", to_json(&r));
        return Ok(ExitCode::SUCCESS);
    }
    println!("{} articles", r.total);
    print_hits(&r.hits);
    Ok(ExitCode::SUCCESS)
}

fn print_hits(hits: &[SearchHit]) {
    for h in hits {
        let date = h
            .published_at
            .as_deref()
            .map_or("", |d| d.get(..10).unwrap_or(d));
        println!(
            "\n{}  {:10}  {:5}  {}",
            line(&h.id),
            line(date),
            line(&h.language),
            line(&h.title)
        );
        println!(
            "    {}",
            line(
                &marked(&h.snippet, &h.marks)
                    .split_whitespace()
                    .collect::<Vec<_>>()
                    .join(" ")
            )
        );
    }
}

pub fn timeline(lib: &Library, args: TimelineArgs) -> Result<ExitCode, Error> {
    let bucket = match args.by {
        BucketArg::Day => Bucket::Day,
        BucketArg::Week => Bucket::Week,
        BucketArg::Month => Bucket::Month,
        BucketArg::Year => Bucket::Year,
    };
    let h = search::histogram(
        lib.conn(),
        &scoped(args.query.join(" "), args.all_text),
        bucket,
    )?;
    if args.json {
        println!("{}", to_json(&h));
        return Ok(ExitCode::SUCCESS);
    }
    let max = h.buckets.iter().map(|b| b.1).max().unwrap_or(0).max(1);
    for (period, n) in &h.buckets {
        let bar = "█".repeat(((n * 50 + max - 1) / max) as usize);
        println!("{:10}  {n:>8}  {bar}", line(period));
    }
    println!("{:10}  {:>8}", "undated", h.undated);
    Ok(ExitCode::SUCCESS)
}

pub fn similar(lib: &Library, args: SimilarArgs) -> Result<ExitCode, Error> {
    let hits = search::more_like_this(lib.conn(), &args.id, args.limit)?;
    if args.json {
        println!("{}", to_json(&hits));
    } else {
        print_hits(&hits);
    }
    Ok(ExitCode::SUCCESS)
}

pub fn saved(lib: &Library, command: SavedCommand) -> Result<ExitCode, Error> {
    match command {
        SavedCommand::List { json } => {
            let all = saved_searches::list(lib.conn())?;
            if json {
                println!("{}", to_json(&all));
            } else {
                for s in all {
                    println!("{}\t{}", line(&s.name), line(&s.query));
                }
            }
        }
        SavedCommand::Save { name, query } => {
            saved_searches::save(lib.conn(), &name, &query.join(" "))?;
            println!("Saved “{name}”.");
        }
        SavedCommand::Delete { name } => {
            saved_searches::delete(lib.conn(), &name)?;
            println!("Deleted “{name}”.");
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// A snippet for the terminal: each matched word between `[[` and `]]`.
fn marked(snippet: &str, marks: &[litopys_core::search::highlight::Span]) -> String {
    let mut out = String::with_capacity(snippet.len() + 4 * marks.len());
    let mut marks = marks.iter().peekable();
    for (i, c) in snippet.chars().enumerate() {
        if marks.peek().is_some_and(|m| m.start == i) {
            out.push_str("[[");
        }
        out.push(c);
        if marks.peek().is_some_and(|m| m.end == i + 1) {
            out.push_str("]]");
            marks.next();
        }
    }
    out
}
