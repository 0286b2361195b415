#!/usr/bin/env bash
# bengle watch, driven as a user would (issue 17, bars 2, 3, 4 and the input
# forms): flush lag on a named pipe, kill -9 and restart, the webhook against a
# local receiver that accepts, fails and hangs, --follow through rotation and
# truncation, SIGTERM.
# Usage: watch_test.sh BENGLE_BINARY SAMPLES_DIR
set -u
BENGLE="$1"
SAMPLES="$2"
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
source "$here/../tools/check.sh"
pids=()
cleanup() { for p in "${pids[@]}"; do kill -9 "$p" 2>/dev/null; done; rm -rf "$tmp"; }
trap cleanup EXIT
[ -n "${KEEP:-}" ] && trap - EXIT

# Rows of a store, in a canonical order (everything counting depends on).
dump() {
  python3 - "$1" <<'PY'
import sqlite3, sys
c = sqlite3.connect(sys.argv[1])
for q in ("SELECT count(*) FROM posts",
          "SELECT s.key, c.bucket, c.complaints, c.mentions, c.authors, c.recovery, c.official FROM counts c "
          "JOIN series s ON s.id = c.series ORDER BY s.key, c.bucket",
          "SELECT service, bucket, id, author, category FROM samples ORDER BY service, bucket, id"):
    try:
        for row in c.execute(q):
            print(row)
    except sqlite3.OperationalError as e:
        print("query failed:", e)
PY
}
opens() {  # "service start" of each open event in the files given
  cat "$@" | python3 -c '
import json, sys
for line in sys.stdin:
    e = json.loads(line)
    if e["event"] == "open":
        print(e["service"], e["start"])'
}
posts_in() { python3 -c 'import sqlite3,sys; print(sqlite3.connect(sys.argv[1]).execute("select count(*) from posts").fetchone()[0])' "$1" 2>/dev/null || echo 0; }

gzip -dc "$SAMPLES/archive.jsonl.gz" > "$tmp/a.jsonl"

# --- Uninterrupted run: the reference -------------------------------------------
"$BENGLE" watch --db "$tmp/u.db" "$tmp/a.jsonl" > "$tmp/u.events" 2> "$tmp/u.err"; rc=$?
check "watch: exit 0 at the end of a file" test "$rc" = 0
check "watch: reports what it stored" grep -q "new posts stored" "$tmp/u.err"
check "watch: three incidents announced" test "$(opens "$tmp/u.events" | wc -l)" = 3
"$BENGLE" detect --db "$tmp/u.db" --format json > "$tmp/u.json"
check "watch: the same incidents as detect" python3 - "$tmp/u.events" "$tmp/u.json" <<'PY'
import json, sys, datetime as dt
t = lambda s: dt.datetime.fromisoformat(s).timestamp()
opens = [json.loads(l) for l in open(sys.argv[1])]
opens = [(e["service"], t(e["start"])) for e in opens if e["event"] == "open"]
det = [(s, t(d["start"])) for d in json.load(open(sys.argv[2])) for s in d["services"]]
ok = len(opens) == len(det) and all(any(a == s and abs(b - u) <= 300 for s, u in det) for a, b in opens)
sys.exit(0 if ok else 1)
PY

# --- Bar 3: kill -9 at three random moments, restart on the rest ------------------
# The feed is written at a steady pace into a named pipe; after each kill the
# next run is fed again from a point before where the last one stopped (the
# producer's checkpoint), and the store skips what it already has.
mkfifo "$tmp/k.fifo"
total=$(wc -l < "$tmp/a.jsonl")
from=0
: > "$tmp/k.events"
for round in 1 2 3 4; do
  python3 "$here/feed.py" "$tmp/a.jsonl" "$tmp/k.fifo" --lines-per-second 25000 --from-line "$from" 2>/dev/null &
  feeder=$!; pids+=("$feeder")
  "$BENGLE" watch --db "$tmp/k.db" --flush 0.2 "$tmp/k.fifo" >> "$tmp/k.events" 2> "$tmp/k$round.err" &
  w=$!; pids+=("$w")
  if [ "$round" -lt 4 ]; then
    sleep "$(python3 -c "import random; print(round(random.uniform(0.3, 2.5), 2))")"
    kill -9 "$w"; wait "$w" 2>/dev/null
    kill -9 "$feeder" 2>/dev/null; wait "$feeder" 2>/dev/null
    # Restart 5,000 lines before what the store holds (posts stored <= lines read).
    stored=$(posts_in "$tmp/k.db")
    from=$(( stored > 5000 ? stored - 5000 : 0 ))
    [ "$from" -gt "$total" ] && from=$total
  else
    wait "$w"; rc=$?
    wait "$feeder" 2>/dev/null
    check "kill -9: the last run ends with exit 0" test "$rc" = 0
  fi
done
dump "$tmp/u.db" > "$tmp/u.dump"
dump "$tmp/k.db" > "$tmp/k.dump"
check "kill -9: the store equals the uninterrupted run's" cmp -s "$tmp/u.dump" "$tmp/k.dump"
check "kill -9: no incident announced twice" test -z "$(opens "$tmp/k.events" | sort | uniq -d)"
check "kill -9: every incident announced" test "$(opens "$tmp/k.events" | sort)" = "$(opens "$tmp/u.events" | sort)"

# --- Bar 2: flush lag on a named pipe --------------------------------------------
mkfifo "$tmp/l.fifo"
"$BENGLE" watch --db "$tmp/l.db" --flush 1 "$tmp/l.fifo" > /dev/null 2> "$tmp/l.err" &
w=$!; pids+=("$w")
exec 7> "$tmp/l.fifo"
worst=0
for i in 1 2 3 4 5; do
  printf '{"id":"lag%d","created_at":"2024-03-01T10:0%d:00+08:00","user":"u%d","text":"#微信崩了# 图片发不出去"}\n' \
    "$i" "$i" "$i" >&7
  start=$(date +%s.%N)
  while [ "$(posts_in "$tmp/l.db")" -lt "$i" ]; do
    sleep 0.05
    elapsed=$(awk -v s="$start" -v e="$(date +%s.%N)" 'BEGIN { print e - s }')
    awk -v e="$elapsed" 'BEGIN { exit !(e > 10) }' && break
  done
  elapsed=$(awk -v s="$start" -v e="$(date +%s.%N)" 'BEGIN { print e - s }')
  worst=$(awk -v a="$worst" -v b="$elapsed" 'BEGIN { print (b > a ? b : a) }')
done
echo "     flush lag (--flush 1): worst of 5 posts $worst s"
check "flush lag: each post in the store within --flush + 1 s" awk -v w="$worst" 'BEGIN { exit !(w <= 2) }'
kill -TERM "$w"; exec 7>&-; wait "$w"; rc=$?
check "SIGTERM: exit 0" test "$rc" = 0
check "SIGTERM: says so" grep -q "stopped by a signal" "$tmp/l.err"

# --- Bar 4: the webhook ------------------------------------------------------------
receiver() {  # MODE -> starts a receiver, sets $port and $rpid
  rm -f "$tmp/port"
  python3 "$here/receiver.py" "$1" "$tmp/hook.$1" "$tmp/port" & rpid=$!; pids+=("$rpid")
  for _ in $(seq 100); do [ -s "$tmp/port" ] && break; sleep 0.05; done
  port=$(cat "$tmp/port")
}
secs() { sed -n 's/.* events (\([0-9.]*\) s).*/\1/p' "$1"; }
receiver ok
"$BENGLE" watch --db "$tmp/h1.db" --webhook "http://127.0.0.1:$port/" "$tmp/a.jsonl" > "$tmp/h1.events" 2> "$tmp/h1.err"
kill "$rpid"
check "webhook: every event arrives, once, in order" cmp -s "$tmp/h1.events" "$tmp/hook.ok"
check "webhook: delivery counted" grep -q "webhook: $(wc -l < "$tmp/h1.events") events delivered, 0 not delivered" "$tmp/h1.err"

receiver fail
"$BENGLE" watch --db "$tmp/h2.db" --webhook "http://127.0.0.1:$port/" --webhook-retries 1 "$tmp/a.jsonl" \
  > "$tmp/h2.events" 2> "$tmp/h2.err"; rc=$?
kill "$rpid"
n=$(wc -l < "$tmp/h2.events")
check "webhook failing: exit 0" test "$rc" = 0
check "webhook failing: failures reported" grep -q 'event not delivered: HTTP 500' "$tmp/h2.err"
check "webhook failing: failures counted" grep -q "webhook: 0 events delivered, $n not delivered" "$tmp/h2.err"

receiver hang
"$BENGLE" watch --db "$tmp/h3.db" --webhook "http://127.0.0.1:$port/" --webhook-timeout 1 --webhook-retries 0 \
  "$tmp/a.jsonl" > "$tmp/h3.events" 2> "$tmp/h3.err"; rc=$?
kill -9 "$rpid"; wait "$rpid" 2>/dev/null
check "webhook hanging: exit 0" test "$rc" = 0
check "webhook hanging: the events still on stdout" cmp -s "$tmp/h3.events" "$tmp/u.events"
check "webhook hanging: undelivered events counted" grep -q "webhook: 0 events delivered" "$tmp/h3.err"
free=$(secs "$tmp/u.err"); hung=$(secs "$tmp/h3.err")
echo "     ingest with no webhook $free s, with a hanging webhook $hung s"
check "webhook hanging: ingest not slowed" awk -v a="$free" -v b="$hung" 'BEGIN { exit !(b <= a * 1.5 + 1) }'

# --- --follow: a growing file, rotated and truncated ----------------------------------
head -n 3000 "$tmp/a.jsonl" > "$tmp/f.jsonl"
"$BENGLE" watch --db "$tmp/f.db" --follow --flush 0.2 "$tmp/f.jsonl" > /dev/null 2> "$tmp/f.err" &
w=$!; pids+=("$w")
sleep 1
sed -n '3001,6000p' "$tmp/a.jsonl" >> "$tmp/f.jsonl"         # grows
sleep 1
mv "$tmp/f.jsonl" "$tmp/f.jsonl.1"                              # rotated
sed -n '6001,9000p' "$tmp/a.jsonl" > "$tmp/f.jsonl"
sleep 1
: > "$tmp/f.jsonl"                                              # truncated (copytruncate)
sleep 0.5
sed -n '9001,12000p' "$tmp/a.jsonl" >> "$tmp/f.jsonl"
sleep 1
kill -INT "$w"; wait "$w"; rc=$?
check "--follow: SIGINT, exit 0" test "$rc" = 0
check "--follow: every post of the growing, rotated, truncated file read" grep -q "12000 posts read" "$tmp/f.err"
head -n 12000 "$tmp/a.jsonl" > "$tmp/f_all.jsonl"
"$BENGLE" ingest --db "$tmp/f_ref.db" "$tmp/f_all.jsonl" 2> /dev/null
check "--follow: the store holds them all" test "$(posts_in "$tmp/f.db")" = "$(posts_in "$tmp/f_ref.db")"

# --- Input forms --------------------------------------------------------------------------
"$BENGLE" watch --db "$tmp/z.db" <(gzip -dc "$SAMPLES/archive.jsonl.gz") > "$tmp/z.events" 2> /dev/null; rc=$?
check "process substitution: exit 0" test "$rc" = 0
check "process substitution: the same incidents" test "$(opens "$tmp/z.events")" = "$(opens "$tmp/u.events")"
gzip -dc "$SAMPLES/archive.jsonl.gz" | "$BENGLE" watch --db "$tmp/s.db" > "$tmp/s.events" 2> /dev/null
check "standard input: the same incidents" test "$(opens "$tmp/s.events")" = "$(opens "$tmp/u.events")"
"$BENGLE" watch --db "$tmp/g.db" "$SAMPLES/archive.jsonl.gz" > "$tmp/g.events" 2> /dev/null
check "gzip, detected from its first bytes: the same events" cmp -s "$tmp/g.events" "$tmp/u.events"

[ $fail = 0 ] && echo "watch tests passed" || echo "watch tests FAILED"
exit $fail
