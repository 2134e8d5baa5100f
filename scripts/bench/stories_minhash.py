#!/usr/bin/env python3
"""Baseline row of `litopys-bench stories`: plain MinHash LSH over whole texts.

What a plain script does: word 5-gram shingles of the WHOLE text (site text and
all), 128-permutation MinHash, datasketch's LSH at Jaccard 0.5; clusters are
the connected components of candidate pairs whose estimated Jaccard is at
least the threshold; the first publisher is the earliest date in a cluster.

Usage: stories_minhash.py SET.jsonl OUT.json
Writes {"stories": [{"articles": [URL...], "first": URL|null}], "seconds": S}
(clusters of two or more articles). Needs `pip install datasketch` (benchmark only).
"""
import json
import re
import sys
import time
from datetime import datetime

from datasketch import MinHash, MinHashLSH

PERMS = 128
THRESHOLD = 0.5
SHINGLE = 5


def shingles(text):
    words = re.findall(r"\w+", text.lower())
    if len(words) < SHINGLE:
        return {" ".join(words)}
    return {" ".join(words[i:i + SHINGLE]) for i in range(len(words) - SHINGLE + 1)}


def instant(date):
    if not date:
        return None
    try:
        d = datetime.fromisoformat(date.replace("Z", "+00:00"))
    except ValueError:
        return None
    return d.timestamp() if d.tzinfo else d.replace(tzinfo=None).timestamp()


def main():
    src, out = sys.argv[1], sys.argv[2]
    start = time.monotonic()
    docs = []
    with open(src, encoding="utf-8") as f:
        for line in f:
            a = json.loads(line)
            m = MinHash(num_perm=PERMS)
            for s in shingles(a.get("text", "")):
                m.update(s.encode("utf-8"))
            docs.append((a["url"], instant(a.get("date")), m))
    lsh = MinHashLSH(threshold=THRESHOLD, num_perm=PERMS)
    for i, (_, _, m) in enumerate(docs):
        lsh.insert(i, m)
    parent = list(range(len(docs)))

    def find(x):
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for i, (_, _, m) in enumerate(docs):
        for j in lsh.query(m):
            if j != i and m.jaccard(docs[j][2]) >= THRESHOLD:
                parent[find(i)] = find(j)
    groups = {}
    for i in range(len(docs)):
        groups.setdefault(find(i), []).append(i)
    stories = []
    for members in groups.values():
        if len(members) < 2:
            continue
        dated = [(docs[i][1], docs[i][0]) for i in members if docs[i][1] is not None]
        first = min(dated)[1] if dated else None
        stories.append({"articles": [docs[i][0] for i in members], "first": first})
    with open(out, "w", encoding="utf-8") as f:
        json.dump({"stories": stories, "seconds": time.monotonic() - start}, f)


if __name__ == "__main__":
    main()
