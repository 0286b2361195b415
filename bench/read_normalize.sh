#!/usr/bin/env bash
# End-to-end figures for reading + parsing + normalizing (foundation issue):
#   1. Google Benchmark read_normalize_bench on a generated 1M-post archive;
#   2. wall time of `bengle classify` on the same archive (posts/s, MB/s);
#   3. peak RSS of `bengle classify` on a generated >= 1 GiB archive.
# Usage: bench/read_normalize.sh [BUILD_DIR] [WORK_DIR]
# BUILD_DIR must be a Release build with BENGLE_BUILD_BENCH=ON (scripts/test makes one).
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
build="${1:-$root/build}"
work="${2:-/tmp/bengle-bench}"
mkdir -p "$work"
bengle="$build/bengle"
gen="python3 $root/bench/gen_archive.py"

echo "machine: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'), $(nproc) cores;" \
     "compiler: $(c++ --version | head -1); $(date -u +%F)"

a1m="$work/archive-1m.jsonl"
[ -s "$a1m" ] || $gen --posts 1000000 --seed 1 -o "$a1m"
size=$(stat -c %s "$a1m")
echo "archive: $a1m, 1000000 posts, $size bytes"

echo "== 1. Google Benchmark (single thread) =="
"$build/bench/read_normalize_bench" --archive="$a1m" --benchmark_repetitions=3 \
  --benchmark_report_aggregates_only=true 2>/dev/null | grep -E "median|Benchmark"

echo "== 2. bengle classify, end to end (best of 3) =="
best=999999
for _ in 1 2 3; do
  s=$(date +%s.%N); "$bengle" classify "$a1m" > /dev/null 2>&1; e=$(date +%s.%N)
  best=$(awk -v s="$s" -v e="$e" -v b="$best" 'BEGIN { t = e - s; print (t < b ? t : b) }')
done
awk -v t="$best" -v n=1000000 -v b="$size" \
  'BEGIN { printf "classify 1M posts: %.2f s  %.0f posts/s  %.1f MB/s\n", t, n / t, b / t / 1e6 }'

echo "== 3. peak RSS of bengle classify on >= 1 GiB =="
big="$work/archive-1g.jsonl"
[ -s "$big" ] || $gen --target-bytes 1073741824 --seed 2 -o "$big"
/usr/bin/time -v "$bengle" classify "$big" > /dev/null 2> "$work/time.txt"
rss=$(grep "Maximum resident set size" "$work/time.txt" | awk '{print $NF}')
wall=$(grep "Elapsed (wall clock)" "$work/time.txt" | awk '{print $NF}')
echo "file: $(stat -c %s "$big") bytes; $(grep 'posts read' "$work/time.txt")"
echo "peak RSS: $((rss / 1024)) MB (limit 100 MB); wall $wall"
[ "$rss" -lt $((100 * 1024)) ] || { echo "FAIL: peak RSS over 100 MB"; exit 1; }
