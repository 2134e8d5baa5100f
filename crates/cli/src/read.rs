//! Read-only commands: show, list, stats.

use std::process::ExitCode;

use litopys_core::export::ExportArticle;
use litopys_core::store::{annotations, articles, tags};
use litopys_core::{Error, Library};

pub fn show(lib: &Library, id: &str, json: bool) -> Result<ExitCode, Error> {
    let a = articles::get(lib.conn(), id)?;
    let internal = tags::article_ids(lib.conn(), std::slice::from_ref(&a.id))?[0];
    let tag_names = tags::of_article(lib.conn(), internal)?;
    let notes = annotations::of_article(lib.conn(), internal)?;
    if json {
        let full = ExportArticle {
            article: a,
            tags: tag_names,
            annotations: notes,
        };
        println!("{}", to_json(&full));
        return Ok(ExitCode::SUCCESS);
    }
    println!("{}\n", a.title);
    let opt = |o: &Option<String>| o.clone().unwrap_or_else(|| "—".into());
    println!("id:         {}", a.id);
    println!("source:     {}", opt(&a.source));
    println!("published:  {}", opt(&a.published_at));
    println!("language:   {}", a.language);
    println!("author:     {}", opt(&a.author));
    println!("url:        {}", opt(&a.url));
    println!(
        "imported:   {} from {} ({})",
        a.imported_at, a.origin.path, a.origin.format
    );
    if !tag_names.is_empty() {
        println!("tags:       {}", tag_names.join(", "));
    }
    if !notes.is_empty() {
        println!("annotations: {}", notes.len());
        for n in &notes {
            let what = n
                .exact
                .as_deref()
                .map_or("(article)".to_owned(), |q| format!("“{q}”"));
            let orphan = if n.orphaned { " (orphaned)" } else { "" };
            println!("  {} {what}{orphan} {}", n.id, n.note);
        }
    }
    println!("\n{}", a.body);
    Ok(ExitCode::SUCCESS)
}

pub fn list(lib: &Library, limit: u32, offset: u32, json: bool) -> Result<ExitCode, Error> {
    let rows = articles::list(lib.conn(), limit, offset)?;
    if json {
        println!("{}", to_json(&rows));
        return Ok(ExitCode::SUCCESS);
    }
    for r in rows {
        let date = r
            .published_at
            .as_deref()
            .map_or("", |d| d.get(..10).unwrap_or(d));
        let source = r.source.as_deref().unwrap_or("");
        println!(
            "{}  {:10}  {:2}  {:16}  {}",
            r.id,
            date,
            r.language,
            clip(source, 16),
            r.title
        );
    }
    Ok(ExitCode::SUCCESS)
}

pub fn stats(lib: &Library, json: bool) -> Result<ExitCode, Error> {
    let s = articles::stats(lib.conn())?;
    if json {
        println!("{}", to_json(&s));
        return Ok(ExitCode::SUCCESS);
    }
    println!("{} articles in {}", s.articles, lib.path().display());
    for (heading, map) in [
        ("by language", &s.by_language),
        ("by source", &s.by_source),
        ("by year", &s.by_year),
    ] {
        println!("\n{heading}:");
        for (k, n) in map {
            println!("  {n:>8}  {k}");
        }
    }
    Ok(ExitCode::SUCCESS)
}

fn clip(s: &str, n: usize) -> String {
    if s.chars().count() <= n {
        s.to_owned()
    } else {
        let mut c: String = s.chars().take(n - 1).collect();
        c.push('…');
        c
    }
}

pub fn to_json<T: serde::Serialize>(v: &T) -> String {
    serde_json::to_string_pretty(v).unwrap_or_else(|e| format!("{{\"error\": \"{e}\"}}"))
}
