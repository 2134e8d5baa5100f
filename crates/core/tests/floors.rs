//! The core's floors only point down (issue 15): text → store → search →
//! import/export → use cases. Each source file's `crate::`/`super::` paths
//! are read (comments and `#[cfg(test)]` modules left out: a test may build
//! its fixture with a higher floor) and resolved to the module file they
//! name; a path into a higher floor, or a circle of files that use each
//! other, fails with the files named.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// The floor of each top-level module; anything not listed is a use case (top).
fn floor(top: &str) -> u8 {
    match top {
        "error" => 0,
        "text" => 1,
        "store" => 2,
        "search" => 3,
        "import" | "export" => 4,
        _ => 5,
    }
}

fn src() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("src")
}

/// Every `.rs` file under `dir`, as module paths (`store/stories/index.rs` →
/// `["store", "stories", "index"]`; `mod.rs` names its folder).
fn modules(dir: &Path, at: &[String], out: &mut BTreeMap<Vec<String>, PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for e in entries.flatten() {
        let path = e.path();
        let name = e.file_name().to_string_lossy().into_owned();
        if path.is_dir() {
            let mut next = at.to_vec();
            next.push(name);
            modules(&path, &next, out);
        } else if let Some(stem) = name.strip_suffix(".rs") {
            let mut m = at.to_vec();
            if stem != "mod" && !(at.is_empty() && stem == "lib") {
                m.push(stem.to_owned());
            }
            out.insert(m, path);
        }
    }
}

/// The code of a file without comments, string contents and test modules.
fn code(text: &str) -> String {
    let text = match text.find("#[cfg(test)]") {
        Some(i) => &text[..i],
        None => text,
    };
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '/' if chars.peek() == Some(&'/') => {
                for c in chars.by_ref() {
                    if c == '\n' {
                        out.push('\n');
                        break;
                    }
                }
            }
            '"' => {
                let mut escaped = false;
                for c in chars.by_ref() {
                    if escaped {
                        escaped = false;
                    } else if c == '\\' {
                        escaped = true;
                    } else if c == '"' {
                        break;
                    }
                }
                out.push_str("\"\"");
            }
            _ => out.push(c),
        }
    }
    out
}

/// The paths a piece of code names from `crate::` or `super::`, expanded
/// from `{…}` groups, resolved against the module `at`.
fn paths(code: &str, at: &[String]) -> Vec<Vec<String>> {
    let mut found = Vec::new();
    let bytes: Vec<char> = code.chars().collect();
    let mut i = 0;
    while i < bytes.len() {
        let rest: String = bytes[i..bytes.len().min(i + 7)].iter().collect();
        let boundary = i == 0 || !(bytes[i - 1].is_alphanumeric() || bytes[i - 1] == '_');
        if boundary && (rest.starts_with("crate::") || rest.starts_with("super::")) {
            let (base, len) = if rest.starts_with("crate::") {
                (Vec::new(), 7)
            } else {
                // `super::` from a file's module goes to its parent; more
                // `super::` are read as path segments below.
                (at[..at.len().saturating_sub(1)].to_vec(), 7)
            };
            let (tree, used) = path_tree(&bytes[i + len..]);
            for p in tree {
                let mut full = base.clone();
                for seg in p {
                    if seg == "super" {
                        full.pop();
                    } else {
                        full.push(seg);
                    }
                }
                found.push(full);
            }
            i += len + used;
        } else {
            i += 1;
        }
    }
    found
}

/// Reads `a::b::{c, d::e}` from the start of `s`: the paths and the characters used.
fn path_tree(s: &[char]) -> (Vec<Vec<String>>, usize) {
    let mut i = 0;
    let mut prefix = Vec::new();
    loop {
        while i < s.len() && s[i].is_whitespace() {
            i += 1;
        }
        if i < s.len() && s[i] == '{' {
            i += 1;
            let mut out = Vec::new();
            loop {
                while i < s.len() && (s[i].is_whitespace() || s[i] == ',') {
                    i += 1;
                }
                if i >= s.len() || s[i] == '}' {
                    i += 1;
                    break;
                }
                let (sub, used) = path_tree(&s[i..]);
                if used == 0 {
                    i += 1;
                    continue;
                }
                for p in sub {
                    let mut full = prefix.clone();
                    full.extend(p);
                    out.push(full);
                }
                i += used;
            }
            return (out, i);
        }
        let start = i;
        while i < s.len() && (s[i].is_alphanumeric() || s[i] == '_') {
            i += 1;
        }
        if i == start {
            return (vec![prefix], i);
        }
        prefix.push(s[start..i].iter().collect());
        if s[i..].starts_with(&[':', ':']) {
            i += 2;
        } else {
            return (vec![prefix], i);
        }
    }
}

/// The module file a path names: its longest prefix that is a module.
fn resolve<'a>(
    path: &[String],
    mods: &'a BTreeMap<Vec<String>, PathBuf>,
) -> Option<&'a Vec<String>> {
    (1..=path.len())
        .rev()
        .find_map(|n| mods.get_key_value(&path[..n]).map(|(k, _)| k))
}

/// The child modules of `at` that its code names by a relative path
/// (`page::hits(…)`, `self::page::…`, `use page::Hit`).
fn children(code: &str, at: &[String], mods: &BTreeMap<Vec<String>, PathBuf>) -> Vec<Vec<String>> {
    let mut out = Vec::new();
    for m in mods.keys() {
        if m.len() != at.len() + 1 || !m.starts_with(at) {
            continue;
        }
        let needle = format!("{}::", m[at.len()]);
        let named = code.match_indices(&needle).any(|(i, _)| {
            let before = code[..i].chars().next_back();
            let word_start = !before.is_some_and(|c| c.is_alphanumeric() || c == '_' || c == ':');
            word_start || code[..i].ends_with("self::")
        });
        if named {
            out.push(m.clone());
        }
    }
    out
}

struct House {
    /// Edges between module files (a mod.rs only re-exporting its children
    /// is left out: a parent is not a floor of its own children).
    uses: BTreeMap<Vec<String>, BTreeSet<Vec<String>>>,
}

fn house() -> House {
    let mut mods = BTreeMap::new();
    modules(&src(), &[], &mut mods);
    let mut uses: BTreeMap<Vec<String>, BTreeSet<Vec<String>>> = BTreeMap::new();
    for (m, file) in &mods {
        let text = std::fs::read_to_string(file).expect("readable source");
        let entry = uses.entry(m.clone()).or_default();
        let code = code(&text);
        for child in children(&code, m, &mods) {
            entry.insert(child);
        }
        for p in paths(&code, m) {
            if let Some(target) = resolve(&p, &mods) {
                if target != m && !target.is_empty() {
                    entry.insert(target.clone());
                }
            }
        }
    }
    House { uses }
}

#[test]
fn no_floor_of_the_core_uses_a_floor_above_it() {
    let house = house();
    let mut wrong = Vec::new();
    for (from, targets) in &house.uses {
        let f = floor(from.first().map_or("", String::as_str));
        for to in targets {
            let t = floor(&to[0]);
            if t > f {
                wrong.push(format!("{} → {}", from.join("::"), to.join("::")));
            }
        }
    }
    assert!(
        wrong.is_empty(),
        "uses of a higher floor:\n{}",
        wrong.join("\n")
    );
}

/// Strongly connected sets of files (Tarjan), largest first.
fn circles(uses: &BTreeMap<Vec<String>, BTreeSet<Vec<String>>>) -> Vec<Vec<String>> {
    struct Walk<'a> {
        uses: &'a BTreeMap<Vec<String>, BTreeSet<Vec<String>>>,
        index: BTreeMap<&'a Vec<String>, usize>,
        low: BTreeMap<&'a Vec<String>, usize>,
        stack: Vec<&'a Vec<String>>,
        on_stack: BTreeSet<&'a Vec<String>>,
        found: Vec<Vec<String>>,
    }
    fn visit<'a>(w: &mut Walk<'a>, v: &'a Vec<String>) {
        let n = w.index.len();
        w.index.insert(v, n);
        w.low.insert(v, n);
        w.stack.push(v);
        w.on_stack.insert(v);
        if let Some(targets) = w.uses.get(v) {
            for t in targets {
                let Some((t, _)) = w.uses.get_key_value(t) else {
                    continue;
                };
                if !w.index.contains_key(t) {
                    visit(w, t);
                    let low = w.low[v].min(w.low[t]);
                    w.low.insert(v, low);
                } else if w.on_stack.contains(t) {
                    let low = w.low[v].min(w.index[t]);
                    w.low.insert(v, low);
                }
            }
        }
        if w.low[v] == w.index[v] {
            let mut set = Vec::new();
            while let Some(x) = w.stack.pop() {
                w.on_stack.remove(x);
                set.push(x.join("::"));
                if x == v {
                    break;
                }
            }
            if set.len() > 1 {
                set.sort();
                w.found.push(set);
            }
        }
    }
    let mut w = Walk {
        uses,
        index: BTreeMap::new(),
        low: BTreeMap::new(),
        stack: Vec::new(),
        on_stack: BTreeSet::new(),
        found: Vec::new(),
    };
    for v in uses.keys() {
        if !w.index.contains_key(v) {
            visit(&mut w, v);
        }
    }
    w.found.sort_by_key(|s| std::cmp::Reverse(s.len()));
    w.found
}

#[test]
fn no_files_of_the_core_use_each_other_in_a_circle() {
    let house = house();
    // A module's own mod.rs (its declarations and re-exports) and the files
    // below it are one unit: a child naming `super::Thing` and the parent
    // re-exporting the child is how a Rust module is built, not a circle.
    let mut uses = BTreeMap::new();
    for (from, targets) in &house.uses {
        let kept: BTreeSet<Vec<String>> = targets
            .iter()
            .filter(|t| !(from.starts_with(t) || t.starts_with(from)))
            .cloned()
            .collect();
        uses.insert(from.clone(), kept);
    }
    let found = circles(&uses);
    let shown: Vec<String> = found.iter().map(|s| s.join(" ↔ ")).collect();
    assert!(
        shown.is_empty(),
        "files that use each other:\n{}",
        shown.join("\n")
    );
}

#[test]
fn the_path_reader_sees_grouped_and_relative_uses() {
    let at = vec!["store".to_owned(), "tags".to_owned()];
    let got = paths(
        "use crate::{search::{self, prepare}, text::dates};\nlet x = super::articles::get(c);\n\
         // crate::export::no\nlet s = \"crate::import::no\";",
        &at,
    );
    let want: Vec<Vec<&str>> = vec![
        vec!["search", "self"],
        vec!["search", "prepare"],
        vec!["text", "dates"],
        vec!["store", "articles", "get"],
    ];
    let got_code = paths(&code("use crate::{search::{self, prepare}, text::dates};\nlet x = super::articles::get(c);\n// crate::export::no\nlet s = \"crate::import::no\";"), &at);
    assert_eq!(got.len(), 6, "the raw text names two more: {got:?}");
    assert_eq!(
        got_code,
        want.iter()
            .map(|p| p.iter().map(|s| s.to_string()).collect::<Vec<_>>())
            .collect::<Vec<_>>()
    );
}
