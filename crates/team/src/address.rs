//! A team database's address: a PostgreSQL connection URL
//! (`postgresql://user@host:port/database?sslmode=verify-full&sslrootcert=ca.pem`).
//! What the library stores is this URL without any password; the password
//! comes from a libpq password file when connecting (`passfile`).

use std::path::PathBuf;

use crate::error::{Error, Result};

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Tls {
    /// No TLS (`sslmode=disable`, `allow`, `prefer` or none given): fine on
    /// one machine or a private network; use `verify-full` across the internet.
    Off,
    /// TLS with the server's certificate and host name verified (`require`,
    /// `verify-ca` and `verify-full` all verify fully: rustls has no unverified mode).
    Verified { root_cert: Option<PathBuf> },
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Address {
    pub host: String,
    pub port: u16,
    pub database: String,
    pub user: Option<String>,
    /// Only from the URL given to `join`; never stored.
    pub password: Option<String>,
    pub tls: Tls,
    sslmode: Option<String>,
}

fn bad(msg: impl Into<String>) -> Error {
    Error::BadUrl(msg.into())
}

/// `%xx` escapes as URLs carry them in user names, passwords and database names.
fn unescape(s: &str) -> Result<String> {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = s
                .get(i + 1..i + 3)
                .and_then(|h| u8::from_str_radix(h, 16).ok())
                .ok_or_else(|| bad(format!("“{s}” has a broken %-escape")))?;
            out.push(hex);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).map_err(|_| bad(format!("“{s}” is not UTF-8 text")))
}

fn escape(s: &str) -> String {
    let mut out = String::new();
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || b"-._~".contains(&b) {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

impl Address {
    pub fn parse(url: &str) -> Result<Address> {
        let url = url.trim();
        let rest = url
            .strip_prefix("postgresql://")
            .or_else(|| url.strip_prefix("postgres://"))
            .ok_or_else(|| {
                bad("it must start with postgresql:// (e.g. postgresql://NAME@HOST:5432/DATABASE)")
            })?;
        let (main, query) = rest.split_once('?').unwrap_or((rest, ""));
        let (authority, database) = main.split_once('/').unwrap_or((main, ""));
        let (userinfo, hostport) = match authority.rsplit_once('@') {
            Some((u, h)) => (Some(u), h),
            None => (None, authority),
        };
        let (user, password) = match userinfo {
            None => (None, None),
            Some(u) => match u.split_once(':') {
                Some((n, p)) => (Some(unescape(n)?), Some(unescape(p)?)),
                None => (Some(unescape(u)?), None),
            },
        };
        let (host, port) = if let Some(v6) = hostport.strip_prefix('[') {
            let (h, after) = v6
                .split_once(']')
                .ok_or_else(|| bad("an IPv6 host needs its closing ]"))?;
            (h.to_owned(), after.strip_prefix(':'))
        } else {
            match hostport.split_once(':') {
                Some((h, p)) => (h.to_owned(), Some(p)),
                None => (hostport.to_owned(), None),
            }
        };
        if host.is_empty() {
            return Err(bad("it names no host"));
        }
        let port = match port {
            None | Some("") => 5432,
            Some(p) => p
                .parse::<u16>()
                .ok()
                .filter(|p| *p > 0)
                .ok_or_else(|| bad(format!("“{p}” is not a port number")))?,
        };
        let database = unescape(database)?;
        if database.is_empty() {
            return Err(bad("it names no database (…/DATABASE at its end)"));
        }
        let mut sslmode = None;
        let mut root_cert = None;
        for pair in query.split('&').filter(|p| !p.is_empty()) {
            let (k, v) = pair.split_once('=').unwrap_or((pair, ""));
            match k {
                "sslmode" => sslmode = Some(unescape(v)?),
                "sslrootcert" => root_cert = Some(PathBuf::from(unescape(v)?)),
                "password" => return Err(bad("put the password in ~/.pgpass, not in the URL")),
                other => return Err(bad(format!("the setting “{other}” is not supported"))),
            }
        }
        let tls = match sslmode.as_deref() {
            None | Some("disable" | "allow" | "prefer") => Tls::Off,
            Some("require" | "verify-ca" | "verify-full") => Tls::Verified { root_cert },
            Some(m) => {
                return Err(bad(format!(
                    "sslmode “{m}” is unknown (disable, prefer, require, verify-ca, verify-full)"
                )))
            }
        };
        Ok(Address {
            host,
            port,
            database,
            user,
            password,
            tls,
            sslmode,
        })
    }

    /// The URL as the library stores it: with `member` as the user and no password.
    pub fn stored(&self, member: &str) -> String {
        let host = if self.host.contains(':') {
            format!("[{}]", self.host)
        } else {
            self.host.clone()
        };
        let mut url = format!(
            "postgresql://{}@{host}:{}/{}",
            escape(member),
            self.port,
            escape(&self.database)
        );
        let mut sep = '?';
        if let Some(m) = &self.sslmode {
            url.push_str(&format!("{sep}sslmode={}", escape(m)));
            sep = '&';
        }
        if let Tls::Verified {
            root_cert: Some(p), ..
        } = &self.tls
        {
            url.push_str(&format!(
                "{sep}sslrootcert={}",
                escape(&p.to_string_lossy())
            ));
        }
        url
    }

    /// `host:port/database`, for messages.
    pub fn shown(&self) -> String {
        format!("{}:{}/{}", self.host, self.port, self.database)
    }
}
