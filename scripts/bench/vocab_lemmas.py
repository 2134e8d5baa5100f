#!/usr/bin/env python3
"""Builds the vocabulary of `litopys-bench collisions`: every word of the
development corpora with its count, parts of speech and lemmas.

Usage: vocab_lemmas.py [OUT] [--corpora DIR] [--min-count N]

Reads the Ukrainian (ua-gec) and Russian (factrueval-ru) texts under the
corpora directory (default: ../shared/corpora beside the repository), counts
each lower-cased Cyrillic word (apostrophes as `'`, ё as е), and writes for
every word seen at least N times (default 2) that pymorphy3 knows:

  lang <TAB> word <TAB> count <TAB> parts of speech (comma-separated) <TAB> lemmas (|-separated)

Every parse's lemma is kept: two words are one word's forms when they share
any lemma, so the check flags only merges no reading explains.

pymorphy3 and its dictionaries are test gold only: they are never shipped
(the Ukrainian dictionary's licence does not allow it).
"""

import argparse
import collections
import os
import re
import sys

import pymorphy3

WORD = re.compile(r"[^\W\d_]+(?:['’ʼ][^\W\d_]+)*")
CYRILLIC = re.compile("[а-яіїєґ]")
CORPORA = {"uk": "ua-gec", "ru": "factrueval-ru"}


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    default_corpora = os.path.normpath(os.path.join(here, "..", "..", "..", "shared", "corpora"))
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("out", nargs="?", default="/work/devsets/vocab.tsv")
    p.add_argument("--corpora", default=default_corpora)
    p.add_argument("--min-count", type=int, default=2)
    a = p.parse_args()
    rows = []
    for lang, folder in CORPORA.items():
        morph = pymorphy3.MorphAnalyzer(lang=lang)
        counts = collections.Counter()
        for root, _, files in os.walk(os.path.join(a.corpora, folder)):
            for name in sorted(files):
                if not name.endswith(".txt"):
                    continue
                with open(os.path.join(root, name), encoding="utf-8", errors="replace") as f:
                    for w in WORD.findall(f.read()):
                        w = w.lower().replace("’", "'").replace("ʼ", "'").replace("ё", "е")
                        if CYRILLIC.search(w):
                            counts[w] += 1
        for word, count in sorted(counts.items()):
            if count < a.min_count:
                continue
            parses = [p for p in morph.parse(word) if p.is_known]
            if not parses:
                continue
            pos = sorted({str(p.tag.POS) for p in parses})
            lemmas = sorted({p.normal_form.replace("ё", "е") for p in parses})
            rows.append(f"{lang}\t{word}\t{count}\t{','.join(pos)}\t{'|'.join(lemmas)}\n")
    os.makedirs(os.path.dirname(os.path.abspath(a.out)), exist_ok=True)
    with open(a.out, "w", encoding="utf-8") as f:
        f.writelines(rows)
    print(f"{len(rows)} words written to {a.out}", file=sys.stderr)


if __name__ == "__main__":
    main()
