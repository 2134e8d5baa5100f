//! robots.txt (RFC 9309): the group for our product token, else `*`;
//! the longest matching Allow/Disallow rule wins (Allow on a tie); `*`
//! and a closing `$` in rules. A missing file (4xx) allows everything;
//! an unreachable one (5xx, network) disallows everything for this poll.

/// The product token we look for in `User-agent` lines.
pub const TOKEN: &str = "litopys";

/// (allow, path pattern) in file order.
type Rules = Vec<(bool, String)>;

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Robots {
    rules: Rules,
    disallow_all: bool,
    /// Why everything is disallowed when robots.txt could not be read.
    pub unreachable: Option<String>,
}

impl Robots {
    pub fn allow_all() -> Robots {
        Robots::default()
    }

    pub fn disallow_all() -> Robots {
        Robots {
            rules: Vec::new(),
            disallow_all: true,
            unreachable: None,
        }
    }

    /// robots.txt could not be read (5xx, network): nothing is fetched from the site this run.
    pub fn unreachable(reason: String) -> Robots {
        Robots {
            unreachable: Some(reason),
            ..Robots::disallow_all()
        }
    }

    pub fn parse(text: &str) -> Robots {
        // Groups: (agents, rules).
        let mut groups: Vec<(Vec<String>, Rules)> = Vec::new();
        let mut in_agents = false;
        for line in text.lines().take(100_000) {
            let line = line.split('#').next().unwrap_or("").trim();
            let Some((k, v)) = line.split_once(':') else {
                continue;
            };
            let (k, v) = (k.trim().to_ascii_lowercase(), v.trim());
            match k.as_str() {
                "user-agent" => {
                    if !in_agents {
                        groups.push((Vec::new(), Vec::new()));
                        in_agents = true;
                    }
                    if let Some(g) = groups.last_mut() {
                        g.0.push(v.to_ascii_lowercase());
                    }
                }
                "allow" | "disallow" => {
                    in_agents = false;
                    if let Some(g) = groups.last_mut() {
                        if !v.is_empty() {
                            g.1.push((k == "allow", v.chars().take(2048).collect()));
                        }
                    }
                }
                _ => {}
            }
        }
        let ours = groups
            .iter()
            .filter(|g| g.0.iter().any(|a| a.starts_with(TOKEN)))
            .flat_map(|g| g.1.clone())
            .collect::<Vec<_>>();
        let rules = if ours.is_empty() {
            groups
                .iter()
                .filter(|g| g.0.iter().any(|a| a == "*"))
                .flat_map(|g| g.1.clone())
                .collect()
        } else {
            ours
        };
        Robots {
            rules,
            disallow_all: false,
            unreachable: None,
        }
    }

    /// Whether a path (with its query) may be fetched.
    pub fn allows(&self, path: &str) -> bool {
        if self.disallow_all {
            return false;
        }
        if path == "/robots.txt" {
            return true;
        }
        let mut best: Option<(usize, bool)> = None;
        for (allow, rule) in &self.rules {
            if matches(rule, path) {
                let len = rule.len();
                best = match best {
                    Some((l, a)) if l > len || (l == len && a) => Some((l, a)),
                    _ => Some((len, *allow)),
                };
            }
        }
        best.is_none_or(|(_, allow)| allow)
    }
}

/// Whether a rule (`*` any run, trailing `$` the end) matches the start of `path`.
fn matches(rule: &str, path: &str) -> bool {
    let (rule, anchored) = match rule.strip_suffix('$') {
        Some(r) => (r, true),
        None => (rule, false),
    };
    let parts: Vec<&str> = rule.split('*').collect();
    let mut at = 0;
    for (i, part) in parts.iter().enumerate() {
        if i == 0 {
            if !path.starts_with(part) {
                return false;
            }
            at = part.len();
        } else {
            match path[at..].find(part) {
                Some(p) => at += p + part.len(),
                None => return false,
            }
        }
    }
    if anchored {
        // The last part must end the path.
        let last = parts.last().copied().unwrap_or("");
        return at == path.len() || (parts.len() > 1 && path.ends_with(last));
    }
    true
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn our_group_wins_over_the_star_group() {
        let r = Robots::parse(
            "User-agent: *\nDisallow: /\n\nUser-agent: Litopys\nDisallow: /private\n",
        );
        assert!(r.allows("/news/1"));
        assert!(!r.allows("/private/x"));
    }

    #[test]
    fn longest_rule_wins_and_wildcards_match() {
        let r = Robots::parse("User-agent: *\nDisallow: /a\nAllow: /a/open\nDisallow: /*.pdf$\n");
        assert!(!r.allows("/a/closed"));
        assert!(r.allows("/a/open/1"));
        assert!(!r.allows("/files/x.pdf"));
        assert!(r.allows("/files/x.pdf?v=1"));
        assert!(r.allows("/b"));
    }

    #[test]
    fn no_rules_allow_everything() {
        assert!(Robots::parse("").allows("/x"));
        assert!(!Robots::disallow_all().allows("/x"));
    }
}
