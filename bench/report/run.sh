#!/usr/bin/env bash
# The HTML report of a 21-day, 1.36M-post generated stream (bench/gen_stream.py,
# seed 1, scale 1: 7 incidents, 8 decoys, every post with a region): wall time
# of `bengle report` (analysis included) over 5 runs, and the page's size.
# Issue 18, bar 3: < 2 s and < 3 MB. Exits 1 when the median misses either.
# Usage: bench/report/run.sh [BUILD_DIR]
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
build="${1:-$root/build}"
work="${BENGLE_BENCH_DIR:-/tmp/bengle-report-bench}"
mkdir -p "$work"
trap 'rm -rf "$work"' EXIT
export BENGLE_DATA_DIR="$root/data"
python3 "$root/bench/gen_stream.py" --seed 1 -o "$work/s.jsonl" --truth "$work/t.json" 2>&1 | tail -1
"$build/bengle" ingest --db "$work/s.db" "$work/s.jsonl" 2>&1 | tail -2 | head -1
echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ *//'), load $(cut -d' ' -f1-3 /proc/loadavg)"
times=()
for i in 1 2 3 4 5; do
  s=$(date +%s%N)
  "$build/bengle" report --db "$work/s.db" --html "$work/r.html" 2>/dev/null
  e=$(date +%s%N)
  times+=("$(( (e - s) / 1000000 ))")
done
size=$(stat -c %s "$work/r.html")
python3 - "$size" "${times[@]}" <<'PY'
import statistics, sys
size, ms = int(sys.argv[1]), sorted(int(x) for x in sys.argv[2:])
median = statistics.median(ms) / 1000
print("bengle report: median %.2f s of %d runs (%s ms), %d bytes (%.2f MB)" % (median, len(ms), " ".join(map(str, ms)), size, size / 2**20))
ok = median < 2 and size < 3_000_000
print("PASS (bar: < 2 s, < 3 MB)" if ok else "FAIL: the bar is < 2 s and < 3 MB")
sys.exit(0 if ok else 1)
PY
