#!/usr/bin/env bash
# Issue 17, bar 1: a generated 21-day stream, live. The first 7 days go in with
# `bengle ingest` (the history a watcher starts from); the other 14 are written
# into a named pipe at 4 simulated hours per second (84 s) while
# `bengle watch --flush 0.1` reads it. Every scripted incident must be
# announced, the small night incident within 10 simulated minutes of its
# onset, no decoy may be, and the incidents announced must be the ones
# `bengle detect` finds in the same store (same services, starts within one
# bucket).
# Usage: live_test.sh BENGLE_BINARY REPO [SEED]
set -u
BENGLE="$1"
REPO="$2"
SEED="${3:-1}"
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
source "$here/../tools/check.sh"

python3 "$REPO/bench/gen_stream.py" --seed "$SEED" -o "$tmp/s.jsonl" --truth "$tmp/t.json" 2>&1 | tail -1
python3 - "$tmp/s.jsonl" "$tmp/t.json" "$tmp/hist.jsonl" "$tmp/live.jsonl" <<'PY'
import datetime as dt, json, sys
start = dt.datetime.fromisoformat(json.load(open(sys.argv[2]))["start"])
cut = (start + dt.timedelta(days=7)).isoformat()
with open(sys.argv[1]) as src, open(sys.argv[3], "w") as hist, open(sys.argv[4], "w") as live:
    out = hist
    for line in src:
        if out is hist and json.loads(line)["created_at"] >= cut:
            out = live
        out.write(line)
PY
"$BENGLE" ingest --db "$tmp/w.db" "$tmp/hist.jsonl" 2>&1 | tail -1
mkfifo "$tmp/feed"
python3 "$here/feed.py" "$tmp/live.jsonl" "$tmp/feed" --hours-per-second 4 2> "$tmp/feed.err" &
feeder=$!
/usr/bin/time -f "%e s wall, %M KB peak RSS" -o "$tmp/time" \
  "$BENGLE" watch --db "$tmp/w.db" --flush 0.1 "$tmp/feed" > "$tmp/events" 2> "$tmp/watch.err"; rc=$?
wait "$feeder"
cat "$tmp/feed.err" "$tmp/watch.err" "$tmp/time"
check "live: exit 0" test "$rc" = 0
"$BENGLE" detect --db "$tmp/w.db" --format json > "$tmp/detect.json"
python3 - "$tmp/events" "$tmp/detect.json" "$tmp/t.json" > "$tmp/verdict" <<'PY'
import datetime as dt, json, sys
t = lambda s: dt.datetime.fromisoformat(s).timestamp()
events = [json.loads(l) for l in open(sys.argv[1])]
opens = [e for e in events if e["event"] == "open"]
truth = json.load(open(sys.argv[3]))
live_from = t(truth["start"]) + 7 * 86400
detected = [(s, t(d["start"])) for d in json.load(open(sys.argv[2])) for s in d["services"]
            if t(d["start"]) >= live_from]
ok = True
def say(cond, msg):
    global ok
    print(("ok   " if cond else "FAIL ") + msg)
    ok &= cond
announced = [(e["service"], t(e["start"])) for e in opens]
say(len(set(announced)) == len(announced), "no incident announced twice (%d announced)" % len(announced))
match = lambda a, b: a[0] == b[0] and abs(a[1] - b[1]) <= 300
say(len(announced) == len(detected) and all(any(match(a, d) for d in detected) for a in announced),
    "the incidents announced are the ones detect finds (%d and %d)" % (len(announced), len(detected)))
for inc in truth["incidents"]:
    m = [e for e in opens if e["service"] == inc["service"] and t(e["start"]) <= t(inc["end"])
         and t(e["start"]) >= t(inc["start"]) - 3600]
    delay = (t(m[0]["at"]) - t(inc["start"])) / 60 if m else None
    night = 2 <= dt.datetime.fromisoformat(inc["start"]).hour <= 5 and inc["service"] in (
        "icloud", "steam", "12306", "zhihu", "netease_music")
    say(bool(m), "incident %s %s announced%s" % (inc["service"], inc["start"][5:16],
        "" if not m else " %.1f simulated min after onset" % delay))
    if night and m and inc["complaints"] < 100:
        say(delay <= 10, "the small night incident (%s) within 10 simulated minutes" % inc["service"])
decoy_hits = [e["service"] for e in opens if not any(e["service"] == i["service"] for i in truth["incidents"])]
say(not decoy_hits, "no decoy announced%s" % ("" if not decoy_hits else ": " + ", ".join(decoy_hits)))
sys.exit(0 if ok else 1)
PY
rc=$?
cat "$tmp/verdict"
check "live: every bar of the stream met" test "$rc" = 0
[ $fail = 0 ] && echo "live watch test passed" || echo "live watch test FAILED"
exit $fail
