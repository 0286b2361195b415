#!/usr/bin/env bash
# Issue 14, bar 3: outages of services outside the sixteen, on generated 21-day streams
# (bench/gen_open_world.py): three catalogue services and one in no catalogue must each be
# found once, with their display names, within 30 minutes of the onset; the figurative waves
# (a celebrity's 人设崩了, a film's 剧情崩了) and nothing else may open an incident.
# Usage: bench/open_world.sh BUILD_DIR [SEED...]
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
build="${1:-$root/build}"
shift || true
seeds=("$@")
[ ${#seeds[@]} -eq 0 ] && seeds=(1 2 3)
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
status=0
for seed in "${seeds[@]}"; do
  python3 "$root/bench/gen_open_world.py" --seed "$seed" -o "$work/s.jsonl" --truth "$work/t.json"
  rm -f "$work/s.db"*
  "$build/bengle" ingest --db "$work/s.db" "$work/s.jsonl" 2>/dev/null
  "$build/bengle" detect --db "$work/s.db" --format json > "$work/d.json"
  python3 - "$work/t.json" "$work/d.json" <<'PY' || status=1
import datetime as dt, json, sys
truth, found = json.load(open(sys.argv[1])), json.load(open(sys.argv[2]))
t = dt.datetime.fromisoformat
fail, used = [], set()
for x in truth["incidents"]:
    m = [k for k, f in enumerate(found) if x["service"] in f["services"]
         and abs((t(f["start"]) - t(x["start"])).total_seconds()) <= 1800]
    if not m:
        fail.append("missed %s (%s) at %s" % (x["service"], x["name"], x["start"]))
        continue
    f = found[m[0]]
    used.add(m[0])
    name = f["service_names"][f["services"].index(x["service"])]
    print("  found %-16s %-6s %s (truth %s)" % (x["service"], name, f["start"], x["start"]))
    if name != x["name"]:
        fail.append("%s named %s, not %s" % (x["service"], name, x["name"]))
for k, f in enumerate(found):
    if k in used:
        continue
    waves = [w["tag"] for w in truth["waves"] if t(w["start"]) <= t(f["end"]) and t(f["start"]) <= t(w["end"])]
    fail.append("extra incident %s at %s%s" % ("+".join(f["services"]), f["start"],
                                              " during the figurative wave " + waves[0] if waves else ""))
print("SUMMARY found=%d/%d extra=%d" % (len(used), len(truth["incidents"]), len(found) - len(used)))
for x in fail:
    print("  FAIL:", x)
sys.exit(1 if fail else 0)
PY
done
exit $status
