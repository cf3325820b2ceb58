#!/usr/bin/env bash
# Memory benchmark: tags a generated 1 GB text file and reports peak resident memory.
# The target (issue 2) is < 200 MB whatever the file size: `annalist tag` streams its input.
# Usage: bash scripts/bench-memory.sh [SIZE_MB]   (default 1024)
set -euo pipefail
cd "$(dirname "$0")/.."
size_mb="${1:-1024}"
cargo build --release -q -p annalist
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
para="On March 3, 1988 a curfew was announced at 4 a.m. Thirty-seven years ago, in early March, more than 20,000 troops were brought in. The next day, 52 people were killed.

"
# Build ~1 MB once, then repeat it.
python3 - "$tmp/1mb.txt" "$para" <<'PY'
import sys
open(sys.argv[1], "w").write(sys.argv[2] * (1_048_576 // len(sys.argv[2]) + 1))
PY
for _ in $(seq 1 "$size_mb"); do cat "$tmp/1mb.txt"; done > "$tmp/big.txt"
echo "input: $(du -h "$tmp/big.txt" | cut -f1)"
/usr/bin/time -f "peak RSS %M KB, %e s wall, %U s user" \
  ./target/release/annalist tag "$tmp/big.txt" --dct 2025-03-14 --format json > /dev/null
