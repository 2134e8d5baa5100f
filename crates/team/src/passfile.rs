//! The libpq password file (`PGPASSFILE`, else `~/.pgpass`): lines of
//! `host:port:database:user:password`, `*` matching anything, `\:` and `\\`
//! escaping. Passwords stay there (or in `PGPASSWORD`); the library never
//! stores one.

use std::path::{Path, PathBuf};

/// Where libpq looks: `PGPASSFILE`, else `~/.pgpass`.
pub fn default_path() -> Option<PathBuf> {
    if let Some(p) = std::env::var_os("PGPASSFILE").filter(|p| !p.is_empty()) {
        return Some(PathBuf::from(p));
    }
    dirs::home_dir().map(|h| h.join(".pgpass"))
}

fn fields(line: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut cur = String::new();
    let mut chars = line.chars();
    while let Some(c) = chars.next() {
        match c {
            '\\' => cur.extend(chars.next()),
            ':' if out.len() < 4 => out.push(std::mem::take(&mut cur)),
            c => cur.push(c),
        }
    }
    out.push(cur);
    out
}

/// The password of the first line matching, or none. An unreadable or
/// missing file is no password (the server then says so).
pub fn lookup(file: &Path, host: &str, port: u16, database: &str, user: &str) -> Option<String> {
    let text = std::fs::read_to_string(file).ok()?;
    let port = port.to_string();
    for line in text.lines() {
        if line.trim_start().starts_with('#') || line.trim().is_empty() {
            continue;
        }
        let f = fields(line);
        if f.len() != 5 {
            continue;
        }
        let fits = |pattern: &str, value: &str| pattern == "*" || pattern == value;
        let host_fits =
            fits(&f[0], host) || (f[0] == "localhost" && (host == "127.0.0.1" || host == "::1"));
        if host_fits && fits(&f[1], &port) && fits(&f[2], database) && fits(&f[3], user) {
            return Some(f[4].clone());
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_the_first_matching_line_with_wildcards_and_escapes() {
        let dir = tempfile::tempdir().unwrap();
        let f = dir.path().join("pass");
        std::fs::write(
            &f,
            "# team\nother:5432:team:ann:no\n*:5433:team:ann:s\\:e\\\\cret\n*:*:*:*:fallback\n",
        )
        .unwrap();
        assert_eq!(
            lookup(&f, "db.example", 5433, "team", "ann").as_deref(),
            Some("s:e\\cret")
        );
        assert_eq!(
            lookup(&f, "other", 5432, "team", "ann").as_deref(),
            Some("no")
        );
        assert_eq!(lookup(&f, "x", 1, "y", "z").as_deref(), Some("fallback"));
        assert_eq!(lookup(&dir.path().join("missing"), "x", 1, "y", "z"), None);
    }
}
