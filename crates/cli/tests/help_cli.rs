//! `--help` of every command describes every option and argument (issue 19:
//! "errors in words"): the test walks the command tree from `litopys --help`
//! down, so a command or flag added later is checked too.

use std::process::Command;

fn help(path: &[String]) -> String {
    let out = Command::new(env!("CARGO_BIN_EXE_litopys"))
        .args(path)
        .arg("--help")
        .env_remove("LITOPYS_LIBRARY")
        .output()
        .expect("litopys runs");
    assert!(out.status.success(), "{path:?} --help failed");
    String::from_utf8(out.stdout).expect("help is UTF-8")
}

/// The lines of one `Heading:` section of a help text.
fn section<'a>(text: &'a str, heading: &str) -> Vec<&'a str> {
    text.lines()
        .skip_while(|l| *l != heading)
        .skip(1)
        .take_while(|l| l.starts_with(' '))
        .collect()
}

/// Entries (`--flag <V>`, `<ARG>`) of a section that have no description:
/// nothing after the entry on its line, nor an indented line below it.
fn undescribed(lines: &[&str]) -> Vec<String> {
    let mut missing = Vec::new();
    // Clap pads entries with spaces: only text counts.
    let lines: Vec<&str> = lines.iter().map(|l| l.trim_end()).collect();
    for (i, l) in lines.iter().enumerate() {
        let entry = l.trim_start();
        let indent = l.len() - entry.len();
        if entry.is_empty() || (indent > 6 && !entry.starts_with('-')) {
            continue; // a blank or a wrapped description line
        }
        // `--flag <V>  Description`, or (long help) the description on the
        // next line, indented further.
        // A default alone (`[default: 1]`) says nothing.
        let described = entry
            .split_once("  ")
            .is_some_and(|(_, d)| !d.trim().starts_with('['))
            || lines.get(i + 1).is_some_and(|n| {
                !n.trim().is_empty() && n.len() - n.trim_start().len() >= indent + 4
            });
        if !described {
            missing.push(entry.to_owned());
        }
    }
    missing
}

#[test]
fn every_command_describes_every_option_and_argument() {
    let mut todo: Vec<Vec<String>> = vec![Vec::new()];
    let mut missing = Vec::new();
    let mut seen = 0;
    while let Some(path) = todo.pop() {
        let text = help(&path);
        seen += 1;
        for heading in ["Options:", "Arguments:"] {
            for entry in undescribed(&section(&text, heading)) {
                missing.push(format!("litopys {} {entry}", path.join(" ")));
            }
        }
        for line in section(&text, "Commands:") {
            let name = line.split_whitespace().next().unwrap_or_default();
            if name != "help" {
                let mut sub = path.clone();
                sub.push(name.to_owned());
                todo.push(sub);
            }
        }
    }
    assert!(seen > 30, "only {seen} commands found");
    assert!(
        missing.is_empty(),
        "options without a description:\n{}",
        missing.join("\n")
    );
}
