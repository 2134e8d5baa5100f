//! Seeded hostile inputs for every import parser, for the fuzz test and for
//! `litopys-bench fuzz`: valid files mutated (bytes flipped, inserted, cut,
//! a slice repeated thousands of times) and files built to hurt (deep
//! nesting, unbalanced quotes, lying lengths, archives of all of these).
//! The same (parser, seed, index) always gives the same input.

use std::io::Write;

/// A parser the generator targets.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Parser {
    Html,
    Csv,
    Json,
    Jsonl,
    Warc,
    Zip,
}

impl Parser {
    pub const ALL: [Parser; 6] = [
        Parser::Html,
        Parser::Csv,
        Parser::Json,
        Parser::Jsonl,
        Parser::Warc,
        Parser::Zip,
    ];

    pub fn name(self) -> &'static str {
        match self {
            Parser::Html => "html",
            Parser::Csv => "csv",
            Parser::Json => "json",
            Parser::Jsonl => "jsonl",
            Parser::Warc => "warc",
            Parser::Zip => "zip",
        }
    }

    pub fn from_name(name: &str) -> Option<Parser> {
        Parser::ALL.into_iter().find(|p| p.name() == name)
    }
}

/// SplitMix64: small, fast, and the same on every platform.
struct Rng(u64);

impl Rng {
    fn new(seed: u64, index: u64) -> Rng {
        let mut r = Rng(seed ^ index.wrapping_mul(0x9E37_79B9_7F4A_7C15));
        r.next();
        r
    }

    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }

    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }
}

/// Input `index` of the run `seed` for `parser`: a file name and its bytes.
pub fn input(parser: Parser, seed: u64, index: u64) -> (String, Vec<u8>) {
    let mut rng = Rng::new(seed ^ parser as u64, index);
    let name = format!("fuzz/{}-{index}.{}", parser.name(), parser.name());
    (name, bytes_for(parser, &mut rng))
}

fn bytes_for(parser: Parser, rng: &mut Rng) -> Vec<u8> {
    if parser == Parser::Zip {
        return zip_of(rng);
    }
    let base = if rng.below(3) == 0 {
        built(parser, rng)
    } else {
        template(parser, rng)
    };
    let rounds = rng.below(4);
    let mut bytes = base;
    for _ in 0..rounds {
        bytes = mutate(rng, bytes);
    }
    if parser == Parser::Warc && rng.below(4) == 0 {
        bytes = gzip(&bytes);
    }
    // A page holding a NUL byte is refused as binary before it is parsed:
    // keep one in eight of those, so that most inputs reach the HTML parser.
    if parser == Parser::Html && rng.below(8) != 0 {
        bytes.retain(|&b| b != 0);
    }
    bytes
}

const WORDS: &[&str] = &[
    "Київ",
    "новини",
    "Москва",
    "сообщает",
    "article",
    "&amp;",
    "&#0;",
    "&#x110000;",
    "\u{0}",
    "\u{1b}[2J",
    "\u{feff}",
    "\u{202e}",
    "\"",
    "\\",
    "\r",
];

fn words(rng: &mut Rng, n: usize) -> String {
    (0..n)
        .map(|_| *rng.pick(WORDS))
        .collect::<Vec<_>>()
        .join(" ")
}

/// A valid file of the format, with random text.
fn template(parser: Parser, rng: &mut Rng) -> Vec<u8> {
    let title = words(rng, 4);
    let body = words(rng, 30);
    match parser {
        Parser::Html => format!(
            "<!doctype html><html><head><meta charset=utf-8><title>{title}</title></head>\
             <body><article><h1>{title}</h1><p>{body}</p><p>{body} <a href=x>{title}</a></p>\
             </article><script>var s = '<p>';</script></body></html>"
        )
        .into_bytes(),
        Parser::Csv => format!(
            "title,text,date\n\"{}\",\"{}\",2022-02-24\n{title},{body},x\n",
            title.replace('"', "\"\""),
            body.replace('"', "\"\"")
        )
        .into_bytes(),
        Parser::Json => serde_json::json!([
            {"title": title, "text": body, "date": "2022-02-24"},
            {"headline": title, "content": format!("<p>{body}</p><div>{body}</div>")},
        ])
        .to_string()
        .into_bytes(),
        Parser::Jsonl => format!(
            "{}\n{}\n",
            serde_json::json!({"title": title, "text": body}),
            serde_json::json!({"title": body, "body": format!("<p>{title}</p>"), "lang": "uk"})
        )
        .into_bytes(),
        Parser::Warc | Parser::Zip => warc_record(rng, &body),
    }
}

fn warc_record(rng: &mut Rng, body: &str) -> Vec<u8> {
    let page = format!("<html><head><title>t</title></head><body><p>{body}</p></body></html>");
    let chunked = rng.below(3) == 0;
    let payload = if chunked {
        format!("{:x}\r\n{page}\r\n0\r\n\r\n", page.len())
    } else {
        page
    };
    let te = if chunked {
        "Transfer-Encoding: chunked\r\n"
    } else {
        ""
    };
    let http = format!("HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n{te}\r\n{payload}");
    let lie = [0i64, 0, 0, -5, 7, 1 << 40][rng.below(6)];
    let len = (http.len() as i64 + lie).max(0);
    format!(
        "WARC/1.0\r\nWARC-Type: response\r\nWARC-Target-URI: http://x.ua/{}\r\n\
         WARC-Date: 2022-02-24T00:00:00Z\r\nContent-Type: application/http; msgtype=response\r\n\
         Content-Length: {len}\r\n\r\n{http}\r\n\r\n",
        rng.next()
    )
    .into_bytes()
}

/// A file built to hurt the parser: deep nesting, long runs, lying lengths.
fn built(parser: Parser, rng: &mut Rng) -> Vec<u8> {
    let depth = [10, 600, 5_000, 30_000][rng.below(4)];
    match parser {
        Parser::Html => {
            let tag = *rng.pick(&["div", "b", "table", "p", "li", "a", "font", "td", "svg"]);
            let mut s = format!("<html><title>{}</title><body>", words(rng, 2));
            for i in 0..depth {
                s.push_str(&format!("<{tag} class=\"c{i}\">"));
                if i % 97 == 0 {
                    s.push_str(&words(rng, 3));
                }
            }
            if rng.below(2) == 0 {
                s.push_str(&format!("</{tag}>").repeat(depth));
            }
            s.into_bytes()
        }
        Parser::Csv => {
            let quote = if rng.below(2) == 0 { "\"" } else { "" };
            let field = "a,\"b\"\n".repeat(depth);
            format!(
                "title,text\n{quote}x,{field}\n\"{}\nnext,row\n",
                words(rng, 5)
            )
            .into_bytes()
        }
        Parser::Json | Parser::Jsonl => {
            let open = *rng.pick(&["[", "{\"a\":", "[{\"text\":"]);
            let mut s = String::from(if parser == Parser::Json { "[" } else { "" });
            s.push_str(&open.repeat(depth));
            s.push_str("\"x\"");
            if rng.below(2) == 0 {
                s.push_str(&"]".repeat(depth));
            }
            s.push_str("\n{\"text\": \"a\\u0000b\"}\n");
            s.into_bytes()
        }
        Parser::Warc | Parser::Zip => {
            let mut out = Vec::new();
            for _ in 0..1 + rng.below(depth.min(50)) {
                let text = words(rng, 10);
                out.extend(warc_record(rng, &text));
            }
            out
        }
    }
}

fn mutate(rng: &mut Rng, mut b: Vec<u8>) -> Vec<u8> {
    if b.is_empty() {
        return vec![rng.next() as u8];
    }
    let at = rng.below(b.len());
    match rng.below(6) {
        0 => b[at] ^= 1 << rng.below(8),
        1 => {
            let tokens: &[&[u8]] = &[
                b"<", b">", b"\"", b"{", b"[", b"]", b",", b"\n", b"\0", b"\xff",
            ];
            let t = *rng.pick(tokens);
            b.splice(at..at, t.iter().copied());
        }
        2 => b.truncate(at),
        3 => {
            // A short slice repeated many times: deep nesting or long runs.
            let end = (at + 1 + rng.below(12)).min(b.len());
            let slice = b[at..end].to_vec();
            let times = [10, 1_000, 20_000][rng.below(3)];
            let run: Vec<u8> = slice.repeat(times);
            b.splice(at..at, run);
        }
        4 => {
            let end = (at + rng.below(64)).min(b.len());
            b.drain(at..end);
        }
        _ => {
            let from = rng.below(b.len());
            let end = (from + rng.below(256)).min(b.len());
            let copy = b[from..end].to_vec();
            b.splice(at..at, copy);
        }
    }
    b
}

fn gzip(b: &[u8]) -> Vec<u8> {
    let mut enc = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
    // Writing to a Vec cannot fail.
    let _ = enc.write_all(b);
    enc.finish().unwrap_or_default()
}

/// A zip of a few hostile files, with hostile names, sometimes itself damaged.
fn zip_of(rng: &mut Rng) -> Vec<u8> {
    let mut w = ::zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let names = [
        "a.html",
        "../../etc/x.csv",
        "/abs/y.json",
        "d/z.jsonl",
        "w.warc",
        "n.zip",
    ];
    for _ in 0..1 + rng.below(4) {
        let inner = *rng.pick(&Parser::ALL[..5]);
        let name = match rng.below(3) {
            0 => rng.pick(&names).to_string(),
            _ => format!("e{}.{}", rng.next() % 100, inner.name()),
        };
        let opts = ::zip::write::SimpleFileOptions::default();
        if w.start_file(name, opts).is_err() {
            continue;
        }
        let _ = w.write_all(&bytes_for(inner, rng));
    }
    let mut bytes = w.finish().map(|c| c.into_inner()).unwrap_or_default();
    if rng.below(4) == 0 {
        bytes = mutate(rng, bytes);
    }
    bytes
}
