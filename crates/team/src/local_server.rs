//! A throwaway PostgreSQL server on this machine, for the tests and the
//! team benchmark: Debian's binaries (`/usr/lib/postgresql/N/bin`, or the
//! folder `LITOPYS_PG_BIN` names), `initdb` + `pg_ctl` on a free loopback
//! port in a temporary folder, password logins (scram) only. As root it runs
//! them as the `postgres` user (`initdb` refuses root). Stopped and removed
//! when dropped.

use std::path::{Path, PathBuf};
use std::process::Command;

use postgres::{Client, NoTls};

use crate::connect::Secrets;

pub const SUPERUSER: &str = "postgres";
const SUPERUSER_PASSWORD: &str = "litopys-test-superuser";

pub struct LocalServer {
    dir: PathBuf,
    bin: PathBuf,
    as_postgres: bool,
    pub port: u16,
    passwords: Vec<(String, String)>,
}

fn find_bin() -> Option<PathBuf> {
    if let Some(p) = std::env::var_os("LITOPYS_PG_BIN").filter(|p| !p.is_empty()) {
        return Some(PathBuf::from(p));
    }
    let mut found: Vec<(u32, PathBuf)> = std::fs::read_dir("/usr/lib/postgresql")
        .ok()?
        .flatten()
        .filter_map(|e| {
            let v = e.file_name().to_str()?.parse::<u32>().ok()?;
            let bin = e.path().join("bin");
            bin.join("initdb").exists().then_some((v, bin))
        })
        .collect();
    found.sort();
    found.pop().map(|(_, b)| b)
}

fn is_root() -> bool {
    Command::new("id")
        .arg("-u")
        .output()
        .is_ok_and(|o| String::from_utf8_lossy(&o.stdout).trim() == "0")
}

fn free_port() -> std::io::Result<u16> {
    Ok(std::net::TcpListener::bind("127.0.0.1:0")?
        .local_addr()?
        .port())
}

impl LocalServer {
    /// Starts a new server. `durable: false` turns fsync off (tests: faster,
    /// and a crash of this throwaway server loses nothing anyone needs).
    pub fn start(durable: bool) -> Result<LocalServer, String> {
        let bin = find_bin()
            .ok_or("no PostgreSQL binaries (apt-get install postgresql, or set LITOPYS_PG_BIN)")?;
        let as_postgres = is_root();
        let unique = format!(
            "litopys-pg-{}-{}",
            std::process::id(),
            std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .map_or(0, |d| d.as_nanos())
        );
        let dir = std::env::temp_dir().join(unique);
        std::fs::create_dir_all(&dir).map_err(|e| format!("{}: {e}", dir.display()))?;
        let mut server = LocalServer {
            dir,
            bin,
            as_postgres,
            port: 0,
            passwords: Vec::new(),
        };
        std::fs::write(server.dir.join("pw"), SUPERUSER_PASSWORD).map_err(|e| e.to_string())?;
        if as_postgres {
            server.run(
                Command::new("chown")
                    .args(["-R", "postgres:postgres"])
                    .arg(&server.dir),
            )?;
        }
        let data = server.dir.join("data");
        let mut initdb = server.tool("initdb");
        initdb
            .arg("-D")
            .arg(&data)
            .args([
                "-U",
                SUPERUSER,
                "-E",
                "UTF8",
                "--locale=C",
                "--auth=scram-sha-256",
                "--no-sync",
            ])
            .arg(format!("--pwfile={}", server.dir.join("pw").display()));
        server.run(&mut initdb)?;
        let conf = format!(
            "listen_addresses = '127.0.0.1'\nunix_socket_directories = '{}'\nmax_connections = 50\n{}",
            server.dir.display(),
            if durable { "" } else { "fsync = off\nsynchronous_commit = off\nfull_page_writes = off\n" }
        );
        let append = server.dir.join("extra.conf");
        std::fs::write(&append, conf).map_err(|e| e.to_string())?;
        let mut conf_file = std::fs::OpenOptions::new()
            .append(true)
            .open(data.join("postgresql.conf"))
            .map_err(|e| e.to_string())?;
        std::io::Write::write_all(
            &mut conf_file,
            format!("include '{}'\n", append.display()).as_bytes(),
        )
        .map_err(|e| e.to_string())?;
        server.port = free_port().map_err(|e| e.to_string())?;
        server
            .passwords
            .push((SUPERUSER.into(), SUPERUSER_PASSWORD.into()));
        server.start_again()?;
        Ok(server)
    }

    /// For tests: the server, or `None` with a note when PostgreSQL cannot
    /// start here. On CI (`CI=true`) that is a failure, never a skip.
    pub fn for_test() -> Option<LocalServer> {
        match LocalServer::start(false) {
            Ok(s) => Some(s),
            Err(e) if std::env::var("CI").is_ok_and(|v| v == "true" || v == "1") => {
                panic!("PostgreSQL could not be started on CI: {e}")
            }
            Err(e) => {
                eprintln!("SKIPPED: PostgreSQL could not be started here: {e}");
                None
            }
        }
    }

    fn tool(&self, name: &str) -> Command {
        let path = self.bin.join(name);
        if self.as_postgres {
            let mut c = Command::new("runuser");
            c.args(["-u", "postgres", "--"]).arg(path);
            c
        } else {
            Command::new(path)
        }
    }

    fn run(&self, cmd: &mut Command) -> Result<(), String> {
        let out = cmd.output().map_err(|e| format!("{cmd:?}: {e}"))?;
        if out.status.success() {
            Ok(())
        } else {
            Err(format!(
                "{cmd:?} failed: {}{}",
                String::from_utf8_lossy(&out.stderr),
                String::from_utf8_lossy(&out.stdout)
            ))
        }
    }

    fn data(&self) -> PathBuf {
        self.dir.join("data")
    }

    pub fn start_again(&self) -> Result<(), String> {
        let mut c = self.tool("pg_ctl");
        c.arg("-D")
            .arg(self.data())
            .arg("-l")
            .arg(self.dir.join("log"))
            .args(["-w", "-t", "60", "-o"])
            .arg(format!("-p {}", self.port))
            .arg("start");
        self.run(&mut c)
    }

    /// Stops the server (`fast`: ends sessions, like an administrator's restart;
    /// `immediate`: like a crash).
    pub fn stop(&self, mode: &str) -> Result<(), String> {
        let mut c = self.tool("pg_ctl");
        c.arg("-D")
            .arg(self.data())
            .args(["-w", "-m", mode, "stop"]);
        self.run(&mut c)
    }

    pub fn superuser(&self) -> Result<Client, String> {
        postgres::Config::new()
            .host("127.0.0.1")
            .port(self.port)
            .user(SUPERUSER)
            .password(SUPERUSER_PASSWORD)
            .dbname("postgres")
            .connect(NoTls)
            .map_err(|e| crate::error::source_text(&e))
    }

    /// A superuser connection to database `db`.
    pub fn superuser_on(&self, db: &str) -> Result<Client, String> {
        postgres::Config::new()
            .host("127.0.0.1")
            .port(self.port)
            .user(SUPERUSER)
            .password(SUPERUSER_PASSWORD)
            .dbname(db)
            .connect(NoTls)
            .map_err(|e| crate::error::source_text(&e))
    }

    /// Turns TLS on with a new certificate authority (openssl) whose server
    /// certificate names 127.0.0.1 and localhost; restarts the server and
    /// returns the authority's certificate (for `sslrootcert`).
    pub fn enable_tls(&self) -> Result<PathBuf, String> {
        let d = &self.dir;
        let ca = d.join("ca.pem");
        let ext = d.join("san.ext");
        std::fs::write(&ext, "subjectAltName = IP:127.0.0.1, DNS:localhost\n")
            .map_err(|e| e.to_string())?;
        let openssl = |args: &[&str]| self.run(Command::new("openssl").current_dir(d).args(args));
        openssl(&[
            "req",
            "-x509",
            "-newkey",
            "rsa:2048",
            "-nodes",
            "-days",
            "2",
            "-subj",
            "/CN=litopys test CA",
            "-keyout",
            "ca.key",
            "-out",
            "ca.pem",
        ])?;
        openssl(&[
            "req",
            "-newkey",
            "rsa:2048",
            "-nodes",
            "-subj",
            "/CN=localhost",
            "-keyout",
            "server.key",
            "-out",
            "server.csr",
        ])?;
        openssl(&[
            "x509",
            "-req",
            "-in",
            "server.csr",
            "-CA",
            "ca.pem",
            "-CAkey",
            "ca.key",
            "-CAcreateserial",
            "-days",
            "2",
            "-extfile",
            "san.ext",
            "-out",
            "server.crt",
        ])?;
        if self.as_postgres {
            self.run(
                Command::new("chown")
                    .args(["postgres:postgres", "server.key", "server.crt"])
                    .current_dir(d),
            )?;
        }
        self.run(
            Command::new("chmod")
                .args(["600", "server.key"])
                .current_dir(d),
        )?;
        let mut conf = std::fs::OpenOptions::new()
            .append(true)
            .open(d.join("extra.conf"))
            .map_err(|e| e.to_string())?;
        std::io::Write::write_all(
            &mut conf,
            format!(
                "ssl = on\nssl_cert_file = '{}'\nssl_key_file = '{}'\n",
                d.join("server.crt").display(),
                d.join("server.key").display()
            )
            .as_bytes(),
        )
        .map_err(|e| e.to_string())?;
        self.stop("fast")?;
        self.start_again()?;
        Ok(ca)
    }

    /// A login role `owner` (may create roles) owning a new database `name`:
    /// what a team's first admin gets from their hosting.
    pub fn create_team_database(
        &mut self,
        name: &str,
        owner: &str,
        password: &str,
    ) -> Result<(), String> {
        let mut su = self.superuser()?;
        let q = crate::server::ident;
        // Two statements: CREATE DATABASE cannot run inside a transaction.
        su.batch_execute(&format!(
            "CREATE ROLE {} LOGIN CREATEROLE PASSWORD '{}'",
            q(owner),
            password.replace('\'', "''"),
        ))
        .map_err(|e| crate::error::source_text(&e))?;
        su.batch_execute(&format!("CREATE DATABASE {} OWNER {}", q(name), q(owner)))
            .map_err(|e| crate::error::source_text(&e))?;
        self.remember(owner, password);
        Ok(())
    }

    /// Adds a password-file line for `user` (tests' stand-in for ~/.pgpass).
    pub fn remember(&mut self, user: &str, password: &str) {
        self.passwords.push((user.into(), password.into()));
        let text: String = self
            .passwords
            .iter()
            .map(|(u, p)| format!("127.0.0.1:{}:*:{u}:{p}\n", self.port))
            .collect();
        // Best effort: a failed write shows up as a refused login.
        let _ = std::fs::write(self.passfile(), text);
    }

    pub fn passfile(&self) -> PathBuf {
        self.dir.join("pgpass")
    }

    pub fn secrets(&self) -> Secrets {
        Secrets {
            passfile: Some(self.passfile()),
        }
    }

    /// `postgresql://user@127.0.0.1:PORT/database`.
    pub fn url(&self, user: &str, database: &str) -> String {
        format!("postgresql://{user}@127.0.0.1:{}/{database}", self.port)
    }

    pub fn dir(&self) -> &Path {
        &self.dir
    }
}

impl Drop for LocalServer {
    fn drop(&mut self) {
        let _ = self.stop("immediate");
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}
