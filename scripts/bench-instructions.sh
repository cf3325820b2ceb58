#!/usr/bin/env bash
# Instruction count of the tagger on 1 MB of TBAQ text, with callgrind: unlike seconds, it is
# the same on a loaded machine, so two builds can be compared by it. The text is the content of
# every <TEXT> element of ../shared/data/tempeval3/train, tags removed, in file order (about
# 0.55 MB), repeated and cut to 1,000,000 bytes.
# Usage: bash scripts/bench-instructions.sh [ANNALIST_BINARY]   (default: this checkout's release build)
set -euo pipefail
cd "$(dirname "$0")/.."
corpus=../shared/data/tempeval3/train
[ -d "$corpus" ] || { echo "corpus not found at $corpus" >&2; exit 1; }
bin="${1:-}"
if [ -z "$bin" ]; then
  cargo build --release -q -p annalist
  bin=target/release/annalist
fi
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
find "$corpus" -name '*.tml' | LC_ALL=C sort | while read -r f; do
  sed -n '/<TEXT>/,/<\/TEXT>/p' "$f" | sed 's/<[^>]*>//g'
done > "$tmp/tbaq.txt"
cat "$tmp/tbaq.txt" "$tmp/tbaq.txt" > "$tmp/twice.txt"
head -c 1000000 "$tmp/twice.txt" > "$tmp/tb1m.txt"
valgrind --tool=callgrind --callgrind-out-file="$tmp/cg.out" \
  "$bin" tag "$tmp/tb1m.txt" --dct 1998-01-08 --format json > /dev/null 2> "$tmp/cg.err"
grep -o 'Collected : [0-9]*' "$tmp/cg.err" | awk '{printf "%.2f M instructions\n", $3 / 1e6}'
