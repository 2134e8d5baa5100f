#!/usr/bin/env python3
"""Baseline extractions for `litopys-bench extract`.

Usage: extract_baselines.py PAGES_DIR

Prints one JSON object: {"versions": {tool: version}, "pages": {NAME:
{tool: text or null}}} for every NAME.html of PAGES_DIR, with trafilatura
(`trafilatura.extract`, comments excluded, tables kept) and readability-lxml
(`Document.summary()`, its HTML turned into text with a line per block).
A tool that is not installed is left out (the bench says it is missing).
Install them for the benchmark only: `pip install trafilatura readability-lxml`.
"""

import json
import os
import sys


def tools():
    found = {}
    try:
        import trafilatura

        def run_trafilatura(data):
            return trafilatura.extract(data, include_comments=False, include_tables=True)

        found["trafilatura"] = (trafilatura.__version__, run_trafilatura)
    except ImportError:
        pass
    try:
        import lxml.html
        from readability import Document

        try:
            from importlib.metadata import version
            rl_version = version("readability-lxml")
        except Exception:  # noqa: BLE001 - the version is only shown
            rl_version = "?"

        def run_readability(data):
            summary = Document(data).summary()
            root = lxml.html.fromstring(summary)
            for el in root.iter("p", "div", "li", "br", "h1", "h2", "h3", "h4", "h5", "h6",
                                "tr", "blockquote", "pre"):
                el.tail = "\n" + (el.tail or "")
            return root.text_content()

        found["readability-lxml"] = (rl_version, run_readability)
    except ImportError:
        pass
    return found


def main(pages):
    found = tools()
    out = {"versions": {k: v for k, (v, _) in found.items()}, "pages": {}}
    for f in sorted(os.listdir(pages)):
        if not f.endswith(".html"):
            continue
        data = open(os.path.join(pages, f), "rb").read()
        row = {}
        for name, (_, run) in found.items():
            try:
                row[name] = run(data)
            except Exception:  # noqa: BLE001 - a tool's failure is a page it lost
                row[name] = None
        out["pages"][f[: -len(".html")]] = row
    json.dump(out, sys.stdout, ensure_ascii=False)


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit("usage: extract_baselines.py PAGES_DIR")
    main(sys.argv[1])
