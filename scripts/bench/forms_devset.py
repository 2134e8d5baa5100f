#!/usr/bin/env python3
"""Builds the development set of `litopys-bench forms`: word forms on running text.

Usage: forms_devset.py [OUTDIR] [--corpora DIR] [--queries N] [--seed S] [--gold prior|first]

Reads the Ukrainian (ua-gec) and Russian (factrueval-ru) texts under the
corpora directory (default: ../shared/corpora beside the repository), splits
each into words, and lemmatizes every word with pymorphy3 (words it does not
know get no lemma). Which parse is the word's (`--gold`):

  prior (default)  pymorphy3's first parse where its scores rank the parses
                   (Russian: probabilities from a tagged corpus); where every
                   parse scores the same, the lemma most frequent in the
                   corpus (its count re-estimated over ambiguous words, 5
                   rounds of EM). Ukrainian's dictionary scores every parse
                   1.0, so its first parse is the dictionary's order, not a
                   judgement: `рік` reads `ріка`, `бути` `бута`, `статтю`
                   `стать`, `міг` the noun `міг`. The prior reads them `рік`,
                   `бути`, `стаття`, `могти`; like any context-free choice it
                   is wrong where the rarer word was meant.
                   A Ukrainian gerund is its verb's (`кажучи` → `казати`), as
                   in the Russian dictionary and Universal Dependencies.
  first            pymorphy3's first parse, gerunds as their own words (the
                   gold of stops before 36).

For each language and split it writes:

  OUTDIR/{lang}-{split}.docs.jsonl     {"id": .., "tokens": [..]}   (one per document)
  OUTDIR/{lang}-{split}.queries.jsonl  {"query", "lemma", "stratum", "gold": [ids],
                                        "dict": [ids], "forms": [..]}

`gold`: the documents holding any form of the query word's lemma (the
parse chosen above). `dict`: the documents a dictionary analyser would return if it
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
    """pymorphy3's parses of a word, and the one the gold takes (see `--gold`)."""

    def __init__(self, lang, gold):
        self.morph = pymorphy3.MorphAnalyzer(lang=lang)
        self.gold = gold
        self.cache = {}
        self.prior = {}

    def parses(self, word):
        """[(lemma, part of speech)] of the known parses, best first, one per lemma;
        and whether the dictionary's scores rank them (not all equal)."""
        w = word.lower().replace("ё", "е")
        hit = self.cache.get(w)
        if hit is None:
            known = [p for p in self.morph.parse(w) if p.is_known]
            seen, out = set(), []
            for p in known:
                lemma = self.gerunds_verb(w, p) or p.normal_form.replace("ё", "е")
                if lemma not in seen:
                    seen.add(lemma)
                    out.append((lemma, p.tag.POS))
            ranked = len({round(p.score, 6) for p in known}) > 1
            hit = (out, ranked)
            self.cache[w] = hit
        return hit

    def gerunds_verb(self, w, p):
        """The infinitive of a gerund the dictionary lemmatizes as itself.

        pymorphy3's Ukrainian dictionary gives a gerund its own lemma
        (`кажучи` → `кажучи`), where its Russian one and Universal
        Dependencies give the verb's (`говоря` → `говорить`). The verb is
        read from the finite form the gerund is made from: -учи, -ючи, -ачи,
        -ячи from the third person plural (`кажуть`), -вши, -ши from the past
        (`помітив`); reflexive -чись, -шись from -ться, -ся."""
        if self.gold == "first" or p.tag.POS != "GRND" or p.normal_form != w:
            return None
        stems = [("чись", "ться"), ("шись", "ся"), ("чи", "ть"), ("ши", "")]
        for end, finite in stems:
            if w.endswith(end) and len(w) > len(end) + 2:
                source = w[: -len(end)] + finite
                for q in self.morph.parse(source):
                    if q.is_known and q.tag.POS == "VERB":
                        return q.normal_form.replace("ё", "е")
                return None
        return None

    def learn_prior(self, docs, rounds=5):
        """Corpus frequency of each lemma, counting an ambiguous word's occurrences
        shared among its lemmas in proportion to their current counts (EM)."""
        counts = defaultdict(int)
        for toks in docs.values():
            for t in toks:
                counts[t.lower().replace("ё", "е")] += 1
        prior = defaultdict(float)
        for w, n in counts.items():
            lemmas = [l for l, _ in self.parses(w)[0]]
            for l in lemmas:
                prior[l] += n / len(lemmas)
        for _ in range(rounds):
            nxt = defaultdict(float)
            for w, n in counts.items():
                lemmas = [l for l, _ in self.parses(w)[0]]
                if len(lemmas) == 1:
                    nxt[lemmas[0]] += n
                elif lemmas:
                    total = sum(prior[l] for l in lemmas) or 1.0
                    for l in lemmas:
                        nxt[l] += n * prior[l] / total
            prior = nxt
        self.prior = prior

    def of(self, word):
        """(the gold's lemma or None, set of all parses' lemmas, its part of speech)."""
        out, ranked = self.parses(word)
        if not out:
            return (None, frozenset(), None)
        every = frozenset(l for l, _ in out)
        if self.gold == "first" or ranked or len(out) == 1:
            return (out[0][0], every, out[0][1])
        # max keeps the first of equals: the dictionary's order breaks ties.
        best = max(out, key=lambda lp: self.prior.get(lp[0], 0.0))
        return (best[0], every, best[1])


def build(lang, corpora, out, n_queries, seed, gold_mode):
    folder, wanted = CORPORA[lang]
    root = os.path.join(corpora, folder)
    lem = Lemmas(lang, gold_mode)
    docs = {}
    for name in sorted(os.listdir(root)):
        if not wanted(name):
            continue
        with open(os.path.join(root, name), encoding="utf-8", errors="replace") as f:
            docs[name.rsplit(".", 1)[0]] = words(f.read())
    if gold_mode == "prior":
        lem.learn_prior(docs)
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
    ap.add_argument("--gold", choices=("prior", "first"), default="prior",
                    help="which parse is the word's where the dictionary has several (see above)")
    a = ap.parse_args()
    if not os.path.isdir(a.corpora):
        a.corpora = "/work/shared/corpora"
    os.makedirs(a.outdir, exist_ok=True)
    for lang in ("uk", "ru"):
        build(lang, a.corpora, a.outdir, a.queries, a.seed, a.gold)


if __name__ == "__main__":
    main()
