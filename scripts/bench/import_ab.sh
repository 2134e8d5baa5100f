#!/bin/bash
# Best-of-N import time of one JSONL file with story detection and without
# (`--no-story-detection`), for several builds of `litopys`, alternating, each
# import into a new library; prints each build's ratio. A quick A/B beside
# `litopys-bench stories` (which makes the JSONL files: its labelled set
# `stories.jsonl` in --work, and `synthetic-N.jsonl` while it runs).
# usage: scripts/bench/import_ab.sh FILE.jsonl RUNS LITOPYS...
set -euo pipefail
jsonl=$1; runs=$2; shift 2
lib=$(mktemp -d)/ab.litopys
declare -A best
for _ in $(seq "$runs"); do
  for exe in "$@"; do
    for mode in with without; do
      rm -f "$lib" "$lib-wal" "$lib-shm"
      flag=(); [ "$mode" = without ] && flag=(--no-story-detection)
      start=$(date +%s%N)
      "$exe" --library "$lib" import "${flag[@]}" "$jsonl" >/dev/null 2>&1
      ms=$(( ($(date +%s%N) - start) / 1000000 ))
      key="$exe $mode"
      if [ -z "${best[$key]:-}" ] || [ "$ms" -lt "${best[$key]}" ]; then best[$key]=$ms; fi
    done
  done
done
for exe in "$@"; do
  w=${best["$exe with"]}; wo=${best["$exe without"]}
  echo "$exe: with ${w} ms, without ${wo} ms, ratio $(echo "scale=3; $w / $wo" | bc)"
done
