#!/usr/bin/env bash
# Incident detection on generated 21-day streams (store/detector issue, bars 1, 2, 4, 5):
# for each seed: generate, `bengle ingest`, `bengle detect --format json`, score with
# eval_incidents.py; also the alarm delay of the small-service 03:00 incident (streaming
# alert = when the detector fired, bucket by bucket), ingest posts/s and peak RSS.
# Usage: bench/incidents.sh [BUILD_DIR] [SEEDS...]   (default seeds 1 2 3)
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
build="${1:-$root/build}"
shift || true
seeds=("${@:-1 2 3}")
[ $# -eq 0 ] && seeds=(1 2 3)
work="${BENGLE_BENCH_DIR:-/tmp/bengle-incidents}"
mkdir -p "$work"
status=0
for seed in "${seeds[@]}"; do
  python3 "$root/bench/gen_stream.py" --seed "$seed" -o "$work/s$seed.jsonl" --truth "$work/t$seed.json" 2>&1 | tail -1
  rm -f "$work/s$seed.db"*
  trap 'rm -f "$work"/s*.jsonl "$work"/s*.db*' EXIT
  /usr/bin/time -f "%M" -o "$work/rss$seed" "$build/bengle" ingest --db "$work/s$seed.db" "$work/s$seed.jsonl" 2>&1 \
    | grep "posts/s" || true
  echo "  ingest peak RSS: $(( $(cat "$work/rss$seed") / 1024 )) MB"
  "$build/bengle" detect --db "$work/s$seed.db" --format json > "$work/d$seed.json"
  summary=$(python3 "$root/bench/eval_incidents.py" --truth "$work/t$seed.json" --detected "$work/d$seed.json" | tail -1)
  echo "$summary"
  # Bar: precision = recall = 1, median start error <= 10 min, every top category right, no decoy.
  python3 - "$summary" <<'PY' || { echo "  FAIL: seed $seed misses the bar"; status=1; }
import re, sys
f = dict(re.findall(r"(\w+)=(\S+)", sys.argv[1]))
k, n = f["top_category_correct"].split("/")
ok = (f["precision"] == "1.000" and f["recall"] == "1.000" and float(f["median_start_error_min"]) <= 10
      and k == n and f["decoys_reported"] == "0")
sys.exit(0 if ok else 1)
PY
  # Alarm delay of the small incident at night (02:00-05:59 local).
  python3 - "$work/t$seed.json" "$work/d$seed.json" <<'PY' || status=1
import json, sys, datetime as dt
truth = json.load(open(sys.argv[1])); det = json.load(open(sys.argv[2]))
t = lambda s: dt.datetime.fromisoformat(s)
for inc in truth["incidents"]:
    if 2 <= t(inc["start"]).hour <= 5:
        m = [d for d in det if inc["service"] in d["services"] and t(d["start"]) <= t(inc["end"]) and t(d["end"]) >= t(inc["start"])]
        if not m:
            print(f"  night incident {inc['service']} {inc['start']}: NOT detected"); sys.exit(1)
        delay = (t(m[0]["alarm"]) - t(inc["start"])).total_seconds() / 60
        print(f"  night incident {inc['service']} {inc['start'][11:16]}: alarm after {delay:.1f} min (bar: 15)")
        if delay > 15: sys.exit(1)
PY
done
exit $status
