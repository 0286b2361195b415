#!/usr/bin/env bash
# End-to-end throughput of the whole pipeline (issues 8 and 16).
#
#   bench/pipeline/run.sh [BUILD_DIR [BASELINE_BUILD_DIR]]   (default: build)
#
# First, when ../shared/data/real is at hand, the classifier on 200k real Weibo texts
# (bench/pipeline/make_inputs.py: every real post, then hot-search titles): `bengle classify`
# at 1 and 2 threads and its read + parse + write floor (the same records with empty texts),
# each the median of RUNS runs (default 5), with the ratios issue 16 asks for. REAL=0 skips it.
#
# With a BASELINE_BUILD_DIR (another bengle, e.g. the last release built from
# a git worktree), every bengle row is measured for it right after the same
# row of BUILD_DIR, on the same archive: before and after in one run.
#
# Generates two archives with bench/gen_archive.py into a temporary folder
# (removed at the end): the 21-day archive (1.3 M posts, ~390 MB, mean text
# 60 characters) and one 10x larger (13 M posts, ~3.9 GB; needs ~8 GB free
# with its store). On each it runs, one after the other, `bengle classify` and
# `bengle ingest` with 1 and 2 threads, and the Python + jieba pipeline
# (bench/pipeline/jieba_pipeline.py) on the same archive, and prints posts/s,
# MB/s, user CPU seconds and peak RSS (GNU time), then the speed ratio.
#
# Environment: PYTHON=0 skips the Python pipeline; BENGLE_BENCH_DIR (where to put the archives; default mktemp -d),
# SCALES (default "1 10"), BASE_POSTS (posts of the x1 archive, default 1300000), PY_MAX_POSTS_10X (posts the Python pipeline reads of
# the 10x archive: it runs ~5k posts/s, so all 13 M would take ~45 min;
# default 1300000, its rate is per post either way; 0 = all).
# The machine is shared? Look at `uptime` first: every figure is wall-clock.
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
build="$(cd "${1:-$root/build}" && pwd)"
bengle="$build/bengle"
baseline=""
[ -n "${2:-}" ] && baseline="$(cd "$2" && pwd)/bengle"
py=/usr/bin/python3   # the Debian Python, which has python3-jieba
work="${BENGLE_BENCH_DIR:-$(mktemp -d)}"
mkdir -p "$work"
trap 'rm -rf "$work"/real*.jsonl "$work"/empty.jsonl "$work"/a*.jsonl "$work"/*.db* "$work"/out.*' EXIT
scales=(${SCALES:-1 10})
py_max_10x="${PY_MAX_POSTS_10X:-1300000}"

echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'), $(free -g | awk '/Mem/ {print $2}') GiB"
echo "compiler: $(grep -m1 CMAKE_CXX_COMPILER: "$build/CMakeCache.txt" | cut -d= -f2) ($("$(grep -m1 CMAKE_CXX_COMPILER: "$build/CMakeCache.txt" | cut -d= -f2)" -dumpfullversion)), $(grep -m1 CMAKE_BUILD_TYPE: "$build/CMakeCache.txt" | cut -d= -f2)"
df -h "$work" | tail -1 | awk '{print "free space in " $6 ": " $4}'

# timed RUNS LABEL POSTS BYTES CMD... : runs CMD RUNS times, leaves the run of the median wall
# time in $work/time and prints its table row
timed() {
  local runs="$1" label="$2" posts="$3" bytes="$4"; shift 4
  local k
  : > "$work/walls"
  for k in $(seq "$runs"); do
    /usr/bin/time -f "%e %U %M" -o "$work/time" "$@" > "$work/out.stdout" 2> "$work/out.stderr" || {
      echo "FAILED: $*"; cat "$work/out.stderr"; exit 1; }
    cat "$work/time" >> "$work/walls"
  done
  echo "  load: $(cut -d' ' -f1-3 /proc/loadavg)" >&2
  sort -n "$work/walls" | sed -n "$(( (runs + 1) / 2 ))p" > "$work/time"
  read -r wall user rss < "$work/time"
  [ "$runs" -gt 1 ] && label="$label (median of $runs)"
  python3 - "$label" "$posts" "$bytes" "$wall" "$user" "$rss" "$runs" <<'PY'
import sys
label, posts, nbytes, wall, user, rss, runs = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), *map(float, sys.argv[4:])
d = 2 if runs > 1 else 1  # one run: a tenth of a second is what it can tell
print(f"| {label} | {posts / wall / 1e3:.1f} k | {nbytes / wall / 1e6:.1f} | {wall:.{d}f} | {user:.{d}f} | {rss / 1024:.0f} MB |")
PY
}
measure() { timed 1 "$@"; }  # measure LABEL POSTS BYTES CMD... : one run, one table row
rate() { awk -v p="$2" -v w="$(cut -d' ' -f1 "$work/time")" 'BEGIN { printf "%.1f", p / w }' > "$work/rate.$1"; }
# median LABEL POSTS BYTES CMD... : the median of $RUNS runs (default 5); its wall time in $work/median
median() {
  timed "${RUNS:-5}" "$@"
  cut -d' ' -f1 "$work/time" > "$work/median"
}
# The classifier on real text (issue 16's bars 1-3): 200k real Weibo texts, one and two
# threads, against the read + parse + write floor of the same records with empty texts.
real_text() {
  local r="$work/real.jsonl" e="$work/real_empty.jsonl" n=200000
  python3 "$root/bench/pipeline/make_inputs.py" real "$r" "$n" || { echo "real text: skipped"; return 0; }
  python3 "$root/bench/pipeline/make_inputs.py" empty "$r" "$e"
  local bytes; bytes=$(stat -c %s "$r")
  echo
  echo "real text: $n real Weibo texts (every post of weibo_smp2020_train, then hot-search titles), $((bytes / 1000000)) MB"
  echo "| run | posts/s | MB/s | wall s | user CPU s | peak RSS |"
  echo "| --- | --- | --- | --- | --- | --- |"
  median "bengle classify --threads 1" "$n" "$bytes" "$bengle" classify --threads 1 "$r"; local c1; c1=$(cat "$work/median")
  median "bengle classify --threads 2" "$n" "$bytes" "$bengle" classify --threads 2 "$r"; local c2; c2=$(cat "$work/median")
  median "floor: classify --threads 1, empty texts" "$n" "$bytes" "$bengle" classify --threads 1 "$e"; local f; f=$(cat "$work/median")
  awk -v c1="$c1" -v c2="$c2" -v f="$f" 'BEGIN {
    printf "classify --threads 1: %.0f posts/s (bar >= 150k); %.2fx its floor (bar <= 2.5x); --threads 2 / --threads 1: %.2fx (bar >= 1.7x)\n",
      200000 / c1, c1 / f, c1 / c2 }'
  rm -f "$r" "$e"
}
[ "${REAL:-1}" = 0 ] || real_text

for scale in "${scales[@]}"; do
  posts=$((${BASE_POSTS:-1300000} * scale))
  a="$work/a$scale.jsonl"
  python3 "$root/bench/gen_archive.py" --posts "$posts" --seed 1 -o "$a" 2>&1 | tail -1
  bytes=$(stat -c %s "$a")
  echo
  echo "archive x$scale: $posts posts, $((bytes / 1000000)) MB, 21 days"
  echo "| run | posts/s | MB/s | wall s | user CPU s | peak RSS |"
  echo "| --- | --- | --- | --- | --- | --- |"
  for t in 1 2; do
    measure "bengle classify --threads $t" "$posts" "$bytes" "$bengle" classify --threads "$t" "$a"
    rate classify$t "$posts"
    cp "$work/time" "$work/time.classify$t"
    [ -n "$baseline" ] && measure "baseline: classify --threads $t" "$posts" "$bytes" "$baseline" classify --threads "$t" "$a"
  done
  python3 "$root/bench/pipeline/make_inputs.py" empty "$a" "$work/empty.jsonl"
  measure "floor: classify --threads 1, empty texts" "$posts" "$bytes" "$bengle" classify --threads 1 "$work/empty.jsonl"
  rm -f "$work/empty.jsonl"
  awk -v c1="$(cut -d' ' -f1 "$work/time.classify1")" -v c2="$(cut -d' ' -f1 "$work/time.classify2")" \
      -v f="$(cut -d' ' -f1 "$work/time")" \
    'BEGIN { printf "classify --threads 1 = %.2fx its floor; --threads 2 / --threads 1 = %.2fx\n", c1 / f, c1 / c2 }' 
  for t in 1 2; do
    rm -f "$work/s.db"*
    measure "bengle ingest --threads $t" "$posts" "$bytes" "$bengle" ingest --threads "$t" --db "$work/s.db" "$a"
    rate ingest$t "$posts"
    if [ -n "$baseline" ]; then
      rm -f "$work/s.db"*
      measure "baseline: ingest --threads $t" "$posts" "$bytes" "$baseline" ingest --threads "$t" --db "$work/s.db" "$a"
    fi
  done
  rm -f "$work/s.db"*
  if [ "${PYTHON:-1}" = 0 ]; then rm -f "$a"; continue; fi
  py_posts="$posts"
  py_bytes="$bytes"
  if [ "$scale" != 1 ] && [ "$py_max_10x" != 0 ]; then
    py_posts="$py_max_10x"
    py_bytes=$(head -n "$py_posts" "$a" | wc -c)
  fi
  rm -f "$work/py.db"
  measure "python3 + jieba ($py_posts posts)" "$py_posts" "$py_bytes" \
    "$py" "$root/bench/pipeline/jieba_pipeline.py" --max-posts "$py_posts" "$a" "$work/py.db"
  rate python "$py_posts"
  rm -f "$work/py.db"
  awk -v i1="$(cat "$work/rate.ingest1")" -v i2="$(cat "$work/rate.ingest2")" -v p="$(cat "$work/rate.python")" \
    'BEGIN { printf "ratio: bengle ingest / python+jieba = %.1fx (1 thread), %.1fx (2 threads)\n", i1 / p, i2 / p }'
  rm -f "$a"
done
