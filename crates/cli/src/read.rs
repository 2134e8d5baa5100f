//! Read-only commands: show, list, stats.

use std::process::ExitCode;

use litopys_cli::to_json;
use litopys_core::export::ExportArticle;
use litopys_core::reading;
use litopys_core::store::{articles, blocks, stories};
use litopys_core::text::blocks::{self as text_blocks, BlockClass};
use litopys_core::{Error, Library};

use crate::terminal::{line, text};

pub fn show(lib: &Library, id: &str, json: bool) -> Result<ExitCode, Error> {
    let detail = reading::article_detail(lib.conn(), id, "")?;
    let (a, tag_names, notes, all) = (
        detail.article,
        detail.tags,
        detail.annotations,
        detail.blocks,
    );
    if json {
        let story = stories::of_article(lib.conn(), &a.id)?;
        let full = ExportArticle {
            clean_text: text_blocks::story_text(&a.body, &all),
            blocks: all,
            article: a,
            tags: tag_names,
            annotations: notes,
            story_id: story.as_ref().map(|s| s.id.clone()),
            story_first: story.as_ref().and_then(|s| s.first.clone()),
        };
        let mut value = serde_json::to_value(&full).unwrap_or_default();
        if let Some(map) = value.as_object_mut() {
            map.insert(
                "story".into(),
                serde_json::to_value(&story).unwrap_or_default(),
            );
            // Where the page came from: its captures and the page's other versions.
            let prov = litopys_capture::records::provenance(lib.conn(), &full.article.id)
                .map_err(|e| Error::InvalidInput(e.to_string()))?;
            map.insert(
                "captures".into(),
                serde_json::to_value(&prov.captures).unwrap_or_default(),
            );
            map.insert(
                "versions".into(),
                serde_json::to_value(&prov.versions).unwrap_or_default(),
            );
        }
        println!("{}", to_json(&value));
        return Ok(ExitCode::SUCCESS);
    }
    // Every field is the article's own text: escaped before it reaches the terminal.
    println!("{}\n", line(&a.title));
    let opt = |o: &Option<String>| line(o.as_deref().unwrap_or("—")).into_owned();
    println!("id:         {}", line(&a.id));
    println!("source:     {}", opt(&a.source));
    println!("published:  {}", opt(&a.published_at));
    println!("language:   {}", line(&a.language));
    println!("author:     {}", opt(&a.author));
    println!("url:        {}", opt(&a.url));
    println!(
        "imported:   {} from {} ({})",
        line(&a.imported_at),
        line(&a.origin.path),
        line(&a.origin.format)
    );
    let prov = litopys_capture::records::provenance(lib.conn(), &a.id)
        .map_err(|e| Error::InvalidInput(e.to_string()))?;
    for c in &prov.captures {
        println!(
            "captured:   {} {} (HTTP {}, sha256 {}, capture {})",
            line(&c.captured_at),
            line(&c.final_url),
            c.http_status,
            c.payload_sha256,
            c.id
        );
    }
    if prov.versions.len() > prov.captures.len() {
        println!(
            "versions:   {} captures of this address (`show --json` lists them)",
            prov.versions.len()
        );
    }
    if !tag_names.is_empty() {
        println!("tags:       {}", line(&tag_names.join(", ")));
    }
    if !notes.is_empty() {
        println!("annotations: {}", notes.len());
        for n in &notes {
            let what = n
                .exact
                .as_deref()
                .map_or("(article)".to_owned(), |q| format!("“{}”", line(q)));
            let orphan = if n.orphaned { " (orphaned)" } else { "" };
            println!("  {} {what}{orphan} {}", line(&n.id), line(&n.note));
        }
    }
    // The site's lines are marked, not hidden: `blocks` lists and changes them.
    println!("\n{}", text(&text_blocks::labelled_text(&a.body, &all)));
    Ok(ExitCode::SUCCESS)
}

pub fn blocks(lib: &Library, id: &str, set: &[String], json: bool) -> Result<ExitCode, Error> {
    let a = articles::get(lib.conn(), id)?;
    let mut all = blocks::of_article(lib.conn(), &a.id)?;
    if let [n, class] = set {
        let block = n
            .parse::<usize>()
            .ok()
            .and_then(|n| n.checked_sub(1))
            .and_then(|i| all.get(i))
            .ok_or_else(|| {
                Error::InvalidInput(format!(
                    "no block {n}: article {} has blocks 1 to {}",
                    a.id,
                    all.len()
                ))
            })?;
        let class = match class.as_str() {
            "auto" => None,
            other => Some(BlockClass::parse(other).ok_or_else(|| {
                Error::InvalidInput(format!(
                    "unknown class “{other}”: use story, boilerplate, related or auto"
                ))
            })?),
        };
        all = blocks::set_class(lib.conn(), &a.id, block.start, class)?;
    }
    if json {
        println!("{}", to_json(&all));
        return Ok(ExitCode::SUCCESS);
    }
    let chars: Vec<char> = a.body.chars().collect();
    for (i, b) in all.iter().enumerate() {
        let start: String = chars[b.start..b.end].iter().take(70).collect();
        let start = line(&start);
        let more = if b.end - b.start > 70 { "…" } else { "" };
        println!(
            "{:>3}  {:11}  {:8}  {start}{more}",
            i + 1,
            b.class.as_str(),
            format!("{:?}", b.reason).to_lowercase()
        );
    }
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
            line(date),
            line(&r.language),
            clip(&line(source), 16),
            line(&r.title)
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
    println!(
        "{} articles in {}",
        s.articles,
        line(&lib.path().display().to_string())
    );
    for (heading, map) in [
        ("by language", &s.by_language),
        ("by source", &s.by_source),
        ("by year", &s.by_year),
    ] {
        println!("\n{heading}:");
        for (k, n) in map {
            println!("  {n:>8}  {}", line(k));
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
