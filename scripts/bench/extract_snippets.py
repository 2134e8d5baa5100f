#!/usr/bin/env python3
"""Builds the development pages of `litopys-bench extract`.

Usage: extract_snippets.py [OUT_DIR] [--corpora DIR]

OUT_DIR (default: tests/extract-pages) receives, per page, `NAME.html` (the
page's bytes as found) and `NAME.json`:

    {"name": ..., "split": "dev" | "held-out", "origin": ...,
     "must": [sentences of the article text],
     "must_not": [boilerplate in the page but not in the article]}

Sources, all under the corpora folder (default ../shared/corpora beside the
repository, else /work/shared/corpora):
- html-readability: `source.html` and the article a reader should get,
  `expected.html`. Must: sentences of the expected text. Must-not: text
  blocks of the source page (navigation, comments, related links, footers)
  that share no run of five words with the expected text, the title, byline
  or excerpt (a headline kept above the text is no error).
- encodings: the HTML test pages, whose whole body is the article.
- warc: the HTML responses (de-chunked, de-duplicated); must: the text of
  `<p>`, `<h1>` outside navigation; must-not: the text of `<nav>`, `<footer>`,
  `<header>` and links-only lists.

Half the pages (by SHA-1 of the name) are held out: the extractor was not
tuned on them, and the bench reports both splits.
Only the standard library is used.
"""

import hashlib
import html
import json
import os
import re
import sys
import unicodedata
import zlib
from html.parser import HTMLParser

MAX_MUST = 10
MAX_MUST_NOT = 10

BLOCK = {
    "p", "div", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "tr",
    "td", "th", "table", "blockquote", "pre", "section", "article", "header",
    "footer", "nav", "aside", "main", "form", "dd", "dt", "dl", "figure",
    "figcaption", "address", "br", "hr", "body", "caption", "details",
    "summary", "fieldset", "menu",
}
HIDDEN = {"script", "style", "noscript", "template", "head", "svg", "math",
          "iframe", "select", "textarea", "button", "option"}
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link",
        "meta", "param", "source", "track", "wbr"}


def norm(text):
    """What the bench compares: NFC, apostrophes unified, whitespace collapsed."""
    text = unicodedata.normalize("NFC", text)
    text = re.sub("[\u2018\u2019\u02bc\u0060\u00b4]", "'", text)
    text = re.sub("[\u201c\u201d\u201e\u00ab\u00bb]", '"', text)
    return " ".join(text.split())


class Blocks(HTMLParser):
    """Visible text blocks of a page, each with the open elements around it."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.stack = []
        self.blocks = []  # (text, frozenset of ancestor tags)
        self.buf = []
        self.hidden = 0

    def flush(self):
        text = norm("".join(self.buf))
        self.buf = []
        if text:
            self.blocks.append((text, frozenset(self.stack)))

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag in BLOCK:
            self.flush()
        if tag in VOID:
            return
        hide = tag in HIDDEN or "hidden" in a or a.get("aria-hidden") == "true" or \
            re.search(r"display:\s*none|visibility:\s*hidden", a.get("style") or "")
        self.stack.append(tag)
        self.hidden_marks = getattr(self, "hidden_marks", [])
        self.hidden_marks.append(bool(hide))
        if hide:
            self.hidden += 1

    def handle_endtag(self, tag):
        if tag in BLOCK:
            self.flush()
        if tag not in self.stack:
            return
        while self.stack:
            t = self.stack.pop()
            if self.hidden_marks.pop():
                self.hidden -= 1
            if t == tag:
                break

    def handle_data(self, data):
        if self.hidden == 0:
            self.buf.append(data)

    def close(self):
        super().close()
        self.flush()


def blocks_of(text):
    p = Blocks()
    p.feed(text)
    p.close()
    return p.blocks


def sentences(text):
    parts = re.split(r"(?<=[.!?…])\s+(?=[\"'(«A-ZА-ЯЁІЇЄҐ0-9])|(?<=。)", text)
    return [s.strip() for s in parts if s.strip()]


def spread(items, n):
    if len(items) <= n:
        return list(items)
    step = len(items) / n
    return [items[int(i * step)] for i in range(n)]


def shingles(text, k=5):
    w = text.lower().split()
    return {" ".join(w[i:i + k]) for i in range(max(0, len(w) - k + 1))}


def must_sentences(blocks):
    out = []
    for text, _ in blocks:
        for s in sentences(text):
            words = len(s.split())
            if 40 <= len(s) <= 300 and words >= 6 or (words == 1 and 20 <= len(s) <= 100):
                out.append(s)
    seen, unique = set(), []
    for s in out:
        if s not in seen:
            seen.add(s)
            unique.append(s)
    return spread(unique, MAX_MUST)


def boilerplate(blocks, keep_text, also_not):
    """Blocks of the page that share nothing with the kept text."""
    keep = shingles(keep_text)
    flat = keep_text.lower()
    avoid = [norm(t).lower() for t in also_not if t]
    out, seen = [], set()
    for text, _ in blocks:
        if len(text) < 20 or len(text.split()) < 4 or text in seen:
            continue
        low = text.lower()
        if low in flat or shingles(text) & keep:
            continue
        if any(low in a or (a and a in low) for a in avoid):
            continue
        seen.add(text)
        out.append(text[:160].rsplit(" ", 1)[0] if len(text) > 160 else text)
    return spread(out, MAX_MUST_NOT)


def split_of(name):
    return "dev" if hashlib.sha1(name.encode()).digest()[0] % 2 == 0 else "held-out"


def write(out, name, raw, must, must_not, origin):
    if not must:
        return False
    with open(os.path.join(out, name + ".html"), "wb") as f:
        f.write(raw)
    page = {"name": name, "split": split_of(name), "origin": origin,
            "must": must, "must_not": must_not}
    with open(os.path.join(out, name + ".json"), "w", encoding="utf-8") as f:
        json.dump(page, f, ensure_ascii=False, indent=1)
    return True


def readability_pages(root, out):
    n = 0
    for case in sorted(os.listdir(root)):
        d = os.path.join(root, case)
        src, exp = os.path.join(d, "source.html"), os.path.join(d, "expected.html")
        if not (os.path.isfile(src) and os.path.isfile(exp)):
            continue
        raw = open(src, "rb").read()
        page = raw.decode("utf-8", "replace")
        expected = blocks_of(open(exp, encoding="utf-8", errors="replace").read())
        meta = {}
        mp = os.path.join(d, "expected-metadata.json")
        if os.path.isfile(mp):
            meta = json.load(open(mp, encoding="utf-8"))
        exp_text = " ".join(t for t, _ in expected)
        title = re.search(r"<title[^>]*>(.*?)</title>", page, re.S | re.I)
        also = [meta.get("title"), meta.get("byline"), meta.get("excerpt"),
                meta.get("siteName"), title and html.unescape(title.group(1))]
        must = must_sentences(expected)
        must_not = boilerplate(blocks_of(page), exp_text, also)
        n += write(out, "readability-" + case, raw, must, must_not,
                   "html-readability/" + case)
    return n


def encoding_pages(root, out):
    codecs = {"KOI8-R": "koi8_r", "windows-1251-russian": "cp1251",
              "iso-8859-5-russian": "iso8859_5", "utf-8": "utf-8"}
    n = 0
    for enc in sorted(os.listdir(root)):
        d = os.path.join(root, enc)
        if not os.path.isdir(d):
            continue
        for f in sorted(os.listdir(d)):
            if not f.endswith((".html", ".htm")):
                continue
            raw = open(os.path.join(d, f), "rb").read()
            text = raw.decode(codecs.get(enc, "utf-8"), "replace")
            blocks = [(t, s) for t, s in blocks_of(text)]
            name = "encodings-" + re.sub(r"[^A-Za-z0-9.-]+", "_", enc + "-" + f.rsplit(".", 1)[0])
            n += write(out, name, raw, must_sentences(blocks), [], "encodings/%s/%s" % (enc, f))
    return n


def dechunk(body):
    out, rest = b"", body
    while rest:
        line, _, rest = rest.partition(b"\r\n")
        try:
            size = int(line.split(b";")[0].strip(), 16)
        except ValueError:
            return body
        if size == 0:
            break
        out, rest = out + rest[:size], rest[size + 2:]
    return out


def warc_responses(data):
    """(uri, html bytes) of each HTTP response with an HTML body in a WARC or ARC file."""
    for rec in re.split(rb"(?=WARC/1\.[01]\r\n)", data):
        head, _, payload = rec.partition(b"\r\n\r\n")
        if b"WARC-Type: response" not in head:
            continue
        uri = re.search(rb"WARC-Target-URI: <?([^\r\n>]+)", head)
        http_head, _, body = payload.partition(b"\r\n\r\n")
        if not re.search(rb"(?i)content-type:\s*text/html", http_head):
            continue
        if re.search(rb"(?i)transfer-encoding:\s*chunked", http_head):
            body = dechunk(body)
        body = body.split(b"\r\n\r\nWARC/")[0]
        if re.search(rb"(?i)content-encoding:\s*gzip", http_head):
            try:
                body = zlib.decompressobj(16 + zlib.MAX_WBITS).decompress(body)
            except zlib.error:
                continue
        yield (uri.group(1).decode() if uri else "?"), body


def warc_pages(root, out):
    n, seen = 0, set()
    for f in sorted(os.listdir(root)):
        if not f.endswith(".warc"):
            continue
        for uri, body in warc_responses(open(os.path.join(root, f), "rb").read()):
            digest = hashlib.sha1(body.strip()).hexdigest()
            if digest in seen or b"<" not in body:
                continue
            seen.add(digest)
            text = body.decode("utf-8", "replace")
            blocks = blocks_of(text)
            chrome = {"nav", "footer", "header"}
            content = [(t, s) for t, s in blocks
                       if not (s & chrome) and (s & {"p", "h1"} or "p" in s)]
            boiler = [(t, s) for t, s in blocks if s & chrome]
            must = must_sentences(content) or [t for t, _ in content if len(t) >= 20][:MAX_MUST]
            keep = " ".join(t for t, _ in content)
            host = re.sub(r"^https?://|/.*$", "", uri)
            name = "warc-" + re.sub(r"[^A-Za-z0-9.-]+", "_", host) + "-" + digest[:8]
            n += write(out, name, body, must, boilerplate(boiler, keep, []), "warc/" + f)
    return n


def main(argv):
    args = [a for a in argv if not a.startswith("--")]
    corpora = None
    if "--corpora" in argv:
        corpora = argv[argv.index("--corpora") + 1]
        args.remove(corpora)
    repo = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
    out = args[0] if args else os.path.join(repo, "tests", "extract-pages")
    if corpora is None:
        corpora = next((c for c in (os.path.join(repo, "..", "shared", "corpora"),
                                     "/work/shared/corpora") if os.path.isdir(c)), None)
    if corpora is None:
        sys.exit("no corpora folder found (give --corpora DIR)")
    os.makedirs(out, exist_ok=True)
    counts = {
        "html-readability": readability_pages(os.path.join(corpora, "html-readability"), out),
        "encodings": encoding_pages(os.path.join(corpora, "encodings"), out),
        "warc": warc_pages(os.path.join(corpora, "warc"), out),
    }
    print("pages written to %s: %s" % (out, ", ".join("%s %d" % kv for kv in counts.items())))


if __name__ == "__main__":
    main(sys.argv[1:])
