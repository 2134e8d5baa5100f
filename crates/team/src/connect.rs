//! Opening a connection to the team database as one member: the password
//! from the join URL (never stored), `PGPASSWORD`, or the libpq password
//! file; TLS through rustls when the URL asks for it.

use std::path::Path;
use std::sync::Arc;
use std::time::Duration;

use postgres::{Client, Config, NoTls};

use crate::address::{Address, Tls};
use crate::error::{source_text, Error, Result};
use crate::passfile;

/// How long connecting may take before the server counts as unreachable.
const CONNECT_TIMEOUT: Duration = Duration::from_secs(10);

/// Where passwords come from: `file` (a libpq password file) unless none.
#[derive(Debug, Clone, Default)]
pub struct Secrets {
    pub passfile: Option<std::path::PathBuf>,
}

impl Secrets {
    /// libpq's choice: `PGPASSFILE`, else `~/.pgpass`.
    pub fn from_environment() -> Secrets {
        Secrets {
            passfile: passfile::default_path(),
        }
    }

    fn password(&self, addr: &Address, member: &str) -> Option<String> {
        if let Some(p) = &addr.password {
            return Some(p.clone());
        }
        if let Some(p) = std::env::var_os("PGPASSWORD").filter(|p| !p.is_empty()) {
            return Some(p.to_string_lossy().into_owned());
        }
        let file = self.passfile.as_deref()?;
        passfile::lookup(file, &addr.host, addr.port, &addr.database, member)
    }
}

fn tls_config(root_cert: Option<&Path>) -> Result<rustls::ClientConfig> {
    use rustls::pki_types::{pem::PemObject, CertificateDer};
    let mut roots = rustls::RootCertStore::empty();
    match root_cert {
        Some(path) => {
            let certs = CertificateDer::pem_file_iter(path).map_err(|e| {
                Error::Tls(format!(
                    "cannot read the root certificate {}: {e}",
                    path.display()
                ))
            })?;
            for cert in certs {
                let cert = cert.map_err(|e| {
                    Error::Tls(format!("{} is not a PEM certificate: {e}", path.display()))
                })?;
                roots
                    .add(cert)
                    .map_err(|e| Error::Tls(format!("{} cannot be used: {e}", path.display())))?;
            }
        }
        None => roots.extend(webpki_roots::TLS_SERVER_ROOTS.iter().cloned()),
    }
    // ring, not aws-lc-rs: no C toolchain (cmake) needed to build. ring has
    // no post-quantum key exchange, hence the deprecation note.
    #[allow(deprecated)]
    let provider = Arc::new(rustls::crypto::ring::default_provider());
    Ok(rustls::ClientConfig::builder_with_provider(provider)
        .with_safe_default_protocol_versions()
        .map_err(|e| Error::Tls(e.to_string()))?
        .with_root_certificates(roots)
        .with_no_client_auth())
}

/// Connects to the team database as `member`.
pub fn connect(addr: &Address, member: &str, secrets: &Secrets) -> Result<Client> {
    let mut config = Config::new();
    config
        .host(&addr.host)
        .port(addr.port)
        .dbname(&addr.database)
        .user(member)
        .application_name("litopys")
        .connect_timeout(CONNECT_TIMEOUT)
        .keepalives(true)
        .keepalives_idle(Duration::from_secs(30));
    if let Some(p) = secrets.password(addr, member) {
        config.password(p);
    }
    let connected = match &addr.tls {
        Tls::Off => config.connect(NoTls),
        Tls::Verified { root_cert } => {
            config.ssl_mode(postgres::config::SslMode::Require);
            let tls =
                tokio_postgres_rustls::MakeRustlsConnect::new(tls_config(root_cert.as_deref())?);
            config.connect(tls)
        }
    };
    connected.map_err(|e| connect_error(e, addr, member))
}

fn connect_error(e: postgres::Error, addr: &Address, member: &str) -> Error {
    if let Some(db) = e.as_db_error() {
        return match db.code().code() {
            "28P01" | "28000" => Error::BadPassword {
                member: member.to_owned(),
            },
            "3D000" => Error::BadUrl(format!(
                "the server at {}:{} has no database “{}”",
                addr.host, addr.port, addr.database
            )),
            _ => Error::Server(db.message().to_owned()),
        };
    }
    let text = source_text(&e);
    let lower = text.to_lowercase();
    if lower.contains("password") {
        Error::BadPassword {
            member: member.to_owned(),
        }
    } else if lower.contains("certificate") || lower.contains("tls") || lower.contains("ssl") {
        Error::Tls(text)
    } else {
        Error::Unreachable(format!("{} ({text})", addr.shown()))
    }
}
