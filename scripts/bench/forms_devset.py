#!/usr/bin/env python3
"""Builds the development set of `litopys-bench forms`: word forms on running text.

Usage: forms_devset.py [OUTDIR] [--corpora DIR] [--queries N] [--seed S]

Reads the Ukrainian (ua-gec) and Russian (factrueval-ru) texts under the
corpora directory (default: ../shared/corpora beside the repository), splits
each into words, and lemmatizes every word with pymorphy3 (first parse; words
it does not know get no lemma). For each language and split it writes:

  OUTDIR/{lang}-{split}.docs.jsonl     {"id": .., "tokens": [..]}   (one per document)
  OUTDIR/{lang}-{split}.queries.jsonl  {"query", "lemma", "stratum", "gold": [ids],
                                        "dict": [ids], "forms": [..]}

`gold`: the documents holding any form of the query word's lemma (first
parse). `dict`: the documents a dictionary analyser would return if it
indexed every parse of every word (its own score against the first-parse
gold). `forms`: the lemma's forms in the corpus, most frequent first (to
show what an analyser splits). Queries are one word each: forms sampled by lemma frequency stratum,
plus the examples of issue 13. Splits: `dev` and `held` (about one document
in five), by a hash of the document id. Deterministic for a given seed.

pymorphy3 and its dictionaries are test gold only: they are never shipped
(pip install pymorphy3 pymorphy3-dicts-uk pymorphy3-dicts-ru).
"""

import argparse
import hashlib
import json
import os
import random
import re
import sys
from collections import defaultdict

import pymorphy3

# Words as the index splits them: letters and digits, apostrophes between letters.
WORD = re.compile(r"[^\W_]+(?:['\u2019\u02bc][^\W_]+)*")
APOSTROPHES = str.maketrans({"\u2019": "'", "\u02bc": "'"})
# Parts of speech a journalist types as a query.
CONTENT = {"NOUN", "ADJF", "ADJS", "COMP", "VERB", "INFN", "PRTF", "PRTS", "GRND", "ADVB"}
STRATA = [(1, 1, "df=1"), (2, 4, "df=2-4"), (5, 19, "df=5-19"), (20, 99, "df=20-99"), (100, 10**9, "df>=100")]

EXAMPLES = {
    "uk": [
        "переговори", "Женева", "Женеві", "Прага", "Празі", "Відень", "Відні", "серпень", "серпня",
        "липень", "спосіб", "способу", "рік", "року", "пісня", "пісень", "вулиця", "вулицю", "праця",
        "працю", "діятимуть", "результатом", "зброєю", "одязі", "ріки", "другом", "другий",
        "часові", "зняли", "знали", "найбільшої", "сумах", "Лавров",
    ],
    "ru": [
        "переговоры", "Женева", "Женеве", "Прага", "Праге", "Вена", "Вене", "август", "августа",
        "июль", "способ", "год", "года", "песня", "улица", "улицу", "работа", "результатом",
        "оружием", "одежде", "реки", "другом", "второй", "сняли", "знали", "наибольшей",
        "Лавров", "Лаврова",
    ],
}

CORPORA = {"uk": ("ua-gec", lambda f: f.endswith(".txt")),
           "ru": ("factrueval-ru", lambda f: f.startswith("book_") and f.endswith(".txt"))}


def split_of(doc_id):
    h = int(hashlib.sha1(doc_id.encode()).hexdigest()[:8], 16)
    return "held" if h % 5 == 0 else "dev"


def words(text):
    return [m.group(0).translate(APOSTROPHES) for m in WORD.finditer(text)]


class Lemmas:
    def __init__(self, lang):
        self.morph = pymorphy3.MorphAnalyzer(lang=lang)
        self.cache = {}

    def of(self, word):
        """(first-parse lemma or None, set of all parses' lemmas, part of speech)."""
        w = word.lower().replace("ё", "е")
        hit = self.cache.get(w)
        if hit is None:
            parses = self.morph.parse(w)
            known = [p for p in parses if p.is_known]
            if not known:
                hit = (None, frozenset(), None)
            else:
                norm = lambda p: p.normal_form.replace("ё", "е")
                hit = (norm(known[0]), frozenset(norm(p) for p in known), known[0].tag.POS)
            self.cache[w] = hit
        return hit


def build(lang, corpora, out, n_queries, seed):
    folder, wanted = CORPORA[lang]
    root = os.path.join(corpora, folder)
    lem = Lemmas(lang)
    docs = {}
    for name in sorted(os.listdir(root)):
        if not wanted(name):
            continue
        with open(os.path.join(root, name), encoding="utf-8", errors="replace") as f:
            docs[name.rsplit(".", 1)[0]] = words(f.read())
    # lemma -> doc ids (first parse); any-parse lemma -> doc ids; lemma -> form counts
    gold = defaultdict(set)
    anyparse = defaultdict(set)
    forms = defaultdict(lambda: defaultdict(int))
    pos = {}
    for doc_id, toks in docs.items():
        for t in toks:
            first, every, p = lem.of(t)
            if first is None:
                continue
            gold[first].add(doc_id)
            for l in every:
                anyparse[l].add(doc_id)
            forms[first][t.lower()] += 1
            pos.setdefault(first, p)
    rng = random.Random(seed)
    queries = []
    for w in EXAMPLES[lang]:
        first, _, _ = lem.of(w)
        if first is not None and first in gold:
            queries.append((w, "issue-13"))
    per_stratum = n_queries // len(STRATA)
    for lo, hi, name in STRATA:
        lemmas = sorted(l for l, d in gold.items()
                        if lo <= len(d) <= hi and pos.get(l) in CONTENT and not l.isdigit() and len(l) > 1)
        for l in rng.sample(lemmas, min(per_stratum, len(lemmas))):
            fs = sorted(forms[l].items())
            form = rng.choices([f for f, _ in fs], weights=[c for _, c in fs])[0]
            queries.append((form, name))
    for split in ("dev", "held"):
        ids = [d for d in docs if split_of(d) == split]
        inside = set(ids)
        with open(os.path.join(out, f"{lang}-{split}.docs.jsonl"), "w", encoding="utf-8") as f:
            for d in ids:
                f.write(json.dumps({"id": d, "tokens": docs[d]}, ensure_ascii=False) + "\n")
        kept = 0
        with open(os.path.join(out, f"{lang}-{split}.queries.jsonl"), "w", encoding="utf-8") as f:
            seen = set()
            for q, stratum in queries:
                if q.lower() in seen:
                    continue
                seen.add(q.lower())
                first, every, _ = lem.of(q)
                g = sorted(gold[first] & inside)
                if not g:
                    continue
                dict_hits = sorted(set().union(*(anyparse[l] for l in every)) & inside)
                f.write(json.dumps({"query": q, "lemma": first, "stratum": stratum,
                                    "gold": g, "dict": dict_hits,
                                    "forms": sorted(forms[first], key=lambda x: (-forms[first][x], x))},
                                   ensure_ascii=False) + "\n")
                kept += 1
        print(f"{lang}-{split}: {len(ids)} documents, {kept} queries", file=sys.stderr)


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("outdir", nargs="?", default="/work/devsets/forms")
    ap.add_argument("--corpora", default=os.path.join(here, "..", "..", "..", "shared", "corpora"))
    ap.add_argument("--queries", type=int, default=400, help="sampled queries per language (plus the issue's)")
    ap.add_argument("--seed", type=int, default=13)
    a = ap.parse_args()
    if not os.path.isdir(a.corpora):
        a.corpora = "/work/shared/corpora"
    os.makedirs(a.outdir, exist_ok=True)
    for lang in ("uk", "ru"):
        build(lang, a.corpora, a.outdir, a.queries, a.seed)


if __name__ == "__main__":
    main()
