#!/usr/bin/env bash
# The store's promises, end to end:
#  1. ingesting the same archive twice gives exactly the store of ingesting it once;
#  2. a kill -9 at a random moment during ingest, then the same ingest again,
#     gives exactly the counts of an uninterrupted run.
set -u
BENGLE="$1"
ROOT="$2"
source "$(dirname "${BASH_SOURCE[0]}")/check.sh"

python3 "$ROOT/bench/gen_stream.py" --seed 7 --scale 0.25 -o "$tmp/posts.jsonl" --truth "$tmp/truth.json" 2>/dev/null
dump() {  # everything the store counts, in a canonical order
  python3 - "$1" <<'PY'
import sqlite3, sys
c = sqlite3.connect(sys.argv[1])
print("posts", c.execute("select count(*), sum(h % 1000003) from posts").fetchone())
for row in c.execute("select s.key, c.bucket, c.complaints, c.authors, c.mentions, c.recovery, c.official "
                     "from counts c join series s on s.id = c.series order by s.key, c.bucket"):
    print(*row)
print("authors", c.execute("select count(*) from authors").fetchone())
print("samples", c.execute("select count(*) from samples").fetchone())
PY
}
"$BENGLE" ingest --db "$tmp/once.db" --batch 5000 "$tmp/posts.jsonl" 2>/dev/null
dump "$tmp/once.db" > "$tmp/once.txt"
check "the store has counts" test "$(wc -l < "$tmp/once.txt")" -gt 1000
"$BENGLE" ingest --db "$tmp/twice.db" --batch 5000 "$tmp/posts.jsonl" 2>/dev/null
"$BENGLE" ingest --db "$tmp/twice.db" --batch 5000 "$tmp/posts.jsonl" 2> "$tmp/twice.err"
dump "$tmp/twice.db" > "$tmp/twice.txt"
check "ingesting twice = once" cmp -s "$tmp/once.txt" "$tmp/twice.txt"
check "second ingest stores nothing new" grep -q " 0 new posts stored" "$tmp/twice.err"
check "ingest says how many posts were not stored, and why" grep -q " not stored (nothing to count: no service, hashtag or complaint)" "$tmp/twice.err"

for attempt in 1 2 3; do
  rm -f "$tmp/killed.db"*
  "$BENGLE" ingest --db "$tmp/killed.db" --batch 5000 "$tmp/posts.jsonl" 2>/dev/null &
  pid=$!
  sleep "0.$((RANDOM % 9 + 1))"
  kill -9 "$pid" 2>/dev/null
  wait "$pid" 2>/dev/null
  partial=$(python3 -c "import sqlite3,sys; print(sqlite3.connect(sys.argv[1]).execute('select count(*) from posts').fetchone()[0])" "$tmp/killed.db" 2>/dev/null || echo 0)
  full=$(python3 -c "import sqlite3,sys; print(sqlite3.connect(sys.argv[1]).execute('select count(*) from posts').fetchone()[0])" "$tmp/once.db")
  echo "     killed after $partial of $full posts were stored"
  check "the kill interrupted the ingest (attempt $attempt)" test "$partial" -lt "$full"
  "$BENGLE" ingest --db "$tmp/killed.db" --batch 5000 "$tmp/posts.jsonl" 2>/dev/null
  dump "$tmp/killed.db" > "$tmp/killed.txt"
  check "kill -9 then re-ingest = uninterrupted (attempt $attempt)" cmp -s "$tmp/once.txt" "$tmp/killed.txt"
done
# Issue 15, rough edges: a mistyped store is an error, not a new empty store;
# a zone that is not one is refused, not read as +08:00.
"$BENGLE" detect --db "$tmp/typo.db" > /dev/null 2> "$tmp/typo.err"; rc=$?
check "detect on a missing store exits 2" test "$rc" = 2
check "detect on a missing store says so" grep -q "no store at $tmp/typo.db" "$tmp/typo.err"
check "detect on a missing store creates nothing" test ! -e "$tmp/typo.db"
"$BENGLE" report --db "$tmp/typo.db" --html "$tmp/r.html" 2> /dev/null; rc=$?
check "report on a missing store exits 2" test "$rc" = 2
for tz in abc +99:00 Asia/Nowhere; do
  "$BENGLE" detect --db "$tmp/once.db" --tz "$tz" > /dev/null 2> "$tmp/tz.err"; rc=$?
  check "detect --tz $tz is refused" test "$rc" = 1
done
check "detect --tz: the message names the option" grep -q "^bengle detect: --tz:" "$tmp/tz.err"
# IANA names are zones: Asia/Shanghai is +08:00; New York shows each time at
# its own offset (daylight saving followed).
"$BENGLE" detect --db "$tmp/once.db" --format json > "$tmp/tz8.json" 2>/dev/null
"$BENGLE" detect --db "$tmp/once.db" --format json --tz Asia/Shanghai > "$tmp/tzsh.json" 2>/dev/null; rc=$?
check "detect --tz Asia/Shanghai: exit 0" test "$rc" = 0
check "detect --tz Asia/Shanghai = +08:00" cmp -s "$tmp/tz8.json" "$tmp/tzsh.json"
"$BENGLE" detect --db "$tmp/once.db" --format json --tz America/New_York > "$tmp/tzny.json" 2>/dev/null; rc=$?
check "detect --tz America/New_York: exit 0, New York offsets" test "$rc" = 0 -a -n "$(grep -o '"start":"[^"]*-0[45]:00"' "$tmp/tzny.json")"
"$BENGLE" detect --db "$tmp/once.db" --format text --tz America/New_York > "$tmp/tzny.txt" 2>/dev/null
check "detect --format text names the IANA zone" grep -q "(times America/New_York)" "$tmp/tzny.txt"
printf '{"id":1,"created_at":"2023-07-15 12:00:00","text":"x"}\n' > "$tmp/ny.jsonl"
"$BENGLE" classify --tz America/New_York "$tmp/ny.jsonl" > /dev/null 2>&1; rc=$?
check "classify --tz America/New_York accepted" test "$rc" = 0

for n in 0 -1; do
  "$BENGLE" ingest --db "$tmp/batch.db" --batch "$n" "$tmp/posts.jsonl" > /dev/null 2>&1; rc=$?
  check "ingest --batch $n is refused" test "$rc" = 1
done

[ $fail = 0 ] && echo "store tests passed" || echo "store tests FAILED"
exit $fail
