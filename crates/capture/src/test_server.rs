//! A tiny HTTP/1.1 server on a loopback address for tests and the capture
//! benchmark: one request per connection, answers made by a closure, every
//! request logged with its time (to measure rate limits from the server's
//! side), optional TLS with a given certificate. Not for production use.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{SocketAddr, TcpListener, TcpStream};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// A request as the server saw it.
#[derive(Debug, Clone)]
pub struct Request {
    pub path: String,
    pub headers: Vec<(String, String)>,
    pub at: Instant,
}

impl Request {
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }
}

/// How to answer.
pub enum Reply {
    /// Status, headers and body, sent at once.
    Full {
        status: u16,
        headers: Vec<(String, String)>,
        body: Vec<u8>,
    },
    /// Headers at once, then one byte of body every `every` (a slowloris server).
    Dribble { every: Duration },
    /// A `len`-byte HTML body generated while it is sent (never held);
    /// without `declare_len` it has no Content-Length (it ends when the connection closes).
    Stream { len: u64, declare_len: bool },
}

impl Reply {
    pub fn html(body: impl Into<Vec<u8>>) -> Reply {
        Reply::typed(200, "text/html; charset=utf-8", body)
    }

    pub fn typed(status: u16, content_type: &str, body: impl Into<Vec<u8>>) -> Reply {
        Reply::Full {
            status,
            headers: vec![("Content-Type".into(), content_type.into())],
            body: body.into(),
        }
    }

    pub fn redirect(status: u16, location: &str) -> Reply {
        Reply::Full {
            status,
            headers: vec![("Location".into(), location.into())],
            body: Vec::new(),
        }
    }

    pub fn status(status: u16) -> Reply {
        Reply::typed(status, "text/plain", Vec::new())
    }
}

type Handler = dyn Fn(&Request) -> Reply + Send + Sync;

pub struct TestServer {
    addr: SocketAddr,
    tls: bool,
    stop: Arc<AtomicBool>,
    log: Arc<Mutex<Vec<Request>>>,
}

/// A certificate chain and key (DER) for [`TestServer::start_tls`].
pub struct TlsIdentity {
    pub cert_der: Vec<u8>,
    pub key_der: Vec<u8>,
}

impl TestServer {
    /// Serves on `ip` (e.g. `127.0.0.2`), on a free port.
    pub fn start(
        ip: &str,
        handler: impl Fn(&Request) -> Reply + Send + Sync + 'static,
    ) -> std::io::Result<TestServer> {
        Self::run(ip, None, Arc::new(handler))
    }

    /// Serves HTTPS with the given identity.
    pub fn start_tls(
        ip: &str,
        identity: TlsIdentity,
        handler: impl Fn(&Request) -> Reply + Send + Sync + 'static,
    ) -> std::io::Result<TestServer> {
        let cert = rustls::pki_types::CertificateDer::from(identity.cert_der);
        let key = rustls::pki_types::PrivateKeyDer::try_from(identity.key_der)
            .map_err(|e| std::io::Error::other(e.to_string()))?;
        // The classic ring suites are all a loopback test needs.
        #[allow(deprecated)]
        let provider = Arc::new(rustls::crypto::ring::default_provider());
        let config = rustls::ServerConfig::builder_with_provider(provider)
            .with_safe_default_protocol_versions()
            .map_err(std::io::Error::other)?
            .with_no_client_auth()
            .with_single_cert(vec![cert], key)
            .map_err(std::io::Error::other)?;
        Self::run(ip, Some(Arc::new(config)), Arc::new(handler))
    }

    fn run(
        ip: &str,
        tls: Option<Arc<rustls::ServerConfig>>,
        handler: Arc<Handler>,
    ) -> std::io::Result<TestServer> {
        let listener = TcpListener::bind((ip, 0))?;
        let addr = listener.local_addr()?;
        let stop = Arc::new(AtomicBool::new(false));
        let log = Arc::new(Mutex::new(Vec::new()));
        let is_tls = tls.is_some();
        {
            let stop = stop.clone();
            let log = log.clone();
            std::thread::spawn(move || {
                for conn in listener.incoming() {
                    if stop.load(Ordering::Relaxed) {
                        break;
                    }
                    let Ok(conn) = conn else { continue };
                    let handler = handler.clone();
                    let log = log.clone();
                    let tls = tls.clone();
                    std::thread::spawn(move || {
                        let _ = conn.set_read_timeout(Some(Duration::from_secs(30)));
                        let _ = conn.set_nodelay(true);
                        match tls {
                            Some(cfg) => {
                                let Ok(server) = rustls::ServerConnection::new(cfg) else {
                                    return;
                                };
                                let mut s = rustls::StreamOwned::new(server, conn);
                                serve(&mut s, &*handler, &log);
                            }
                            None => {
                                let mut conn = conn;
                                serve(&mut conn, &*handler, &log);
                            }
                        }
                    });
                }
            });
        }
        Ok(TestServer {
            addr,
            tls: is_tls,
            stop,
            log,
        })
    }

    /// `http://ip:port` (or https) followed by `path`.
    pub fn url(&self, path: &str) -> String {
        let scheme = if self.tls { "https" } else { "http" };
        format!("{scheme}://{}{path}", self.addr)
    }

    pub fn addr(&self) -> SocketAddr {
        self.addr
    }

    /// Every request so far.
    pub fn requests(&self) -> Vec<Request> {
        self.log.lock().unwrap_or_else(|p| p.into_inner()).clone()
    }
}

impl Drop for TestServer {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::Relaxed);
        // Wake the accept loop so it sees the flag.
        let _ = TcpStream::connect_timeout(&self.addr, Duration::from_millis(200));
    }
}

fn serve(stream: &mut (impl Read + Write), handler: &Handler, log: &Mutex<Vec<Request>>) {
    let Some(req) = read_request(stream) else {
        return;
    };
    log.lock()
        .unwrap_or_else(|p| p.into_inner())
        .push(req.clone());
    match handler(&req) {
        Reply::Full {
            status,
            headers,
            body,
        } => {
            let mut head = format!("HTTP/1.1 {status} {}\r\n", reason(status));
            for (n, v) in &headers {
                head.push_str(&format!("{n}: {v}\r\n"));
            }
            if status != 304 {
                head.push_str(&format!("Content-Length: {}\r\n", body.len()));
            }
            head.push_str("Connection: close\r\n\r\n");
            let _ = stream.write_all(head.as_bytes());
            let _ = stream.write_all(&body);
        }
        Reply::Dribble { every } => {
            let _ = stream.write_all(
                b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: 100000\r\nConnection: close\r\n\r\n",
            );
            for _ in 0..100_000 {
                if stream.write_all(b"<").and_then(|_| stream.flush()).is_err() {
                    return;
                }
                std::thread::sleep(every);
            }
        }
        Reply::Stream { len, declare_len } => {
            let length = if declare_len {
                format!("Content-Length: {len}\r\n")
            } else {
                String::new()
            };
            let head = format!(
                "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n{length}Connection: close\r\n\r\n"
            );
            if stream.write_all(head.as_bytes()).is_err() {
                return;
            }
            let chunk = b"<p>filler</p>\n".repeat(4096);
            let mut left = len;
            while left > 0 {
                let n = left.min(chunk.len() as u64) as usize;
                if stream.write_all(&chunk[..n]).is_err() {
                    return;
                }
                left -= n as u64;
            }
        }
    }
    let _ = stream.flush();
}

fn read_request(stream: &mut (impl Read + Write)) -> Option<Request> {
    let mut reader = BufReader::new(stream);
    let mut line = String::new();
    reader.read_line(&mut line).ok()?;
    let path = line.split_whitespace().nth(1)?.to_owned();
    let mut headers = Vec::new();
    loop {
        let mut h = String::new();
        if reader.read_line(&mut h).ok()? == 0 || h == "\r\n" || h == "\n" {
            break;
        }
        if let Some((n, v)) = h.split_once(':') {
            headers.push((n.trim().to_owned(), v.trim().to_owned()));
        }
        if headers.len() > 100 {
            break;
        }
    }
    Some(Request {
        path,
        headers,
        at: Instant::now(),
    })
}

fn reason(status: u16) -> &'static str {
    match status {
        200 => "OK",
        301 => "Moved Permanently",
        302 => "Found",
        304 => "Not Modified",
        404 => "Not Found",
        500 => "Internal Server Error",
        _ => "Status",
    }
}

/// The most requests any window of one second held, from request times.
pub fn max_per_second(times: &[Instant]) -> usize {
    let mut t: Vec<Instant> = times.to_vec();
    t.sort();
    let mut best = 0;
    let mut start = 0;
    for end in 0..t.len() {
        while t[end].duration_since(t[start]) >= Duration::from_secs(1) {
            start += 1;
        }
        best = best.max(end - start + 1);
    }
    best
}
