#!/usr/bin/env bash
# Load benchmark of GET /api/timeline while documents are being added.
#
#   bash crates/annalist-server/bench/load.sh [ARTICLES] [SECONDS] [db|memory]
#
# Generates ARTICLES articles (default 100,000) and serves them: `db` (the default) adds them
# to an archive with `annalist add` and runs `annalist serve --db`; `memory` reads them into
# the in-memory backend with `annalist serve --from`. Then runs wrk (Debian: apt-get install
# wrk) on loopback for SECONDS (default 20) against a one-month window while a loop POSTs
# small JSONL batches (each one extracted and written to the archive by the server). Prints
# wrk's latency distribution and the adds done.
set -euo pipefail
n=${1:-100000}
secs=${2:-20}
mode=${3:-db}
root=$(cd "$(dirname "$0")/../../.." && pwd)
bin=${ANNALIST_BIN:-$root/target/release/annalist}
port=${PORT:-18181}
work=$(mktemp -d)
trap 'kill "$server" "$adder" 2>/dev/null || true; rm -rf "$work"' EXIT
command -v wrk >/dev/null || { echo "wrk is not installed (apt-get install wrk)" >&2; exit 1; }
[ -x "$bin" ] || { echo "build first: cargo build --release -p annalist" >&2; exit 1; }

python3 "$root/crates/annalist-server/bench/gen_corpus.py" "$n" 1 > "$work/corpus.jsonl"
# Enough new articles to keep adding for the whole run (about 200 a second get added).
python3 "$root/crates/annalist-server/bench/gen_corpus.py" $((secs * 500)) 2 > "$work/more.jsonl"
start=$(date +%s.%N)
case $mode in
  db)
    "$bin" add "$work/corpus.jsonl" --db "$work/archive.db" > "$work/add.log"
    echo "archive of $n articles built in $(echo "$(date +%s.%N) - $start" | bc) s: $(du -h "$work/archive.db" | cut -f1)"
    start=$(date +%s.%N)
    "$bin" serve --db "$work/archive.db" --addr "127.0.0.1:$port" --token bench 2> "$work/serve.log" &
    ;;
  memory)
    "$bin" serve --from "$work/corpus.jsonl" --addr "127.0.0.1:$port" --token bench 2> "$work/serve.log" &
    ;;
  *) echo "mode is db or memory, not $mode" >&2; exit 2 ;;
esac
server=$!
until curl -sf "http://127.0.0.1:$port/api/stats" > "$work/stats.json"; do sleep 0.5; done
echo "loaded $n articles in $(echo "$(date +%s.%N) - $start" | bc) s: $(cat "$work/stats.json" | head -c 200)"
echo "server RSS: $(ps -o rss= -p "$server") KiB"

# Adds: batches of 20 articles, back to back, for the whole run.
split -l 20 "$work/more.jsonl" "$work/batch."
(
  for f in "$work"/batch.*; do
    curl -s -o /dev/null -w '%{http_code} %{time_total}\n' -X POST \
      -H 'Authorization: Bearer bench' -H 'Content-Type: application/x-ndjson' \
      --data-binary "@$f" "http://127.0.0.1:$port/api/documents"
  done > "$work/adds.log"
) &
adder=$!

wrk -t2 -c32 -d"${secs}s" --latency \
  "http://127.0.0.1:$port/api/timeline?from=1990-01&to=1990-01&limit=100"
kill "$adder" 2>/dev/null || true
wait "$adder" 2>/dev/null || true
echo "adds during the run: $(grep -c '^200' "$work/adds.log" || true) batches of 20 ok, $(grep -vc '^200' "$work/adds.log" || true) failed"
awk '{ s += $2; if ($2 > m) m = $2 } END { if (NR) printf "add batch time: mean %.3f s, max %.3f s\n", s / NR, m }' "$work/adds.log"
