#!/usr/bin/env bash
# The parallel pipeline gives the results of the sequential one:
#  1. `bengle ingest` with 1, 2 and 3 worker threads builds identical stores
#     (every row of every table);
#  2. `bengle classify` prints the same lines in the same (input) order;
#  3. bad-record messages and the summary counts are the same.
set -u
BENGLE="$1"
ROOT="$2"
source "$(dirname "${BASH_SOURCE[0]}")/check.sh"

python3 "$ROOT/bench/gen_stream.py" --seed 5 --scale 0.25 -o "$tmp/posts.jsonl" --truth "$tmp/truth.json" 2>/dev/null
# A few bad records and a repeated id among the good ones, then gzip.
{
  head -n 100000 "$tmp/posts.jsonl"
  echo 'broken'
  echo '{"id":"z1","created_at":"yesterday","text":"微信崩了"}'
  head -n 3 "$tmp/posts.jsonl"
  tail -n +100001 "$tmp/posts.jsonl"
  printf '{"id":"z2","created_at":"2024-03-05T10:00:00+08:00","text":"\\u0000"}\n'
} | gzip -c > "$tmp/posts.jsonl.gz"

dump() {  # every row of every table, in a canonical order
  python3 - "$1" <<'PY'
import sqlite3, sys
c = sqlite3.connect(sys.argv[1])
for (t,) in c.execute("select name from sqlite_master where type = 'table' order by name"):
    n = len(c.execute(f'select * from "{t}" limit 0').description)
    order = ", ".join(str(i + 1) for i in range(n))
    rows = c.execute(f'select * from "{t}" order by {order}').fetchall()
    print(t, len(rows))
    for r in rows:
        print(*r)
PY
}
for t in 1 2 3; do
  "$BENGLE" ingest --threads "$t" --db "$tmp/t$t.db" --batch 5000 "$tmp/posts.jsonl.gz" 2> "$tmp/ingest$t.err"
  dump "$tmp/t$t.db" > "$tmp/t$t.txt"
  grep -v "posts/s" "$tmp/ingest$t.err" > "$tmp/ingest$t.msg"
  "$BENGLE" classify --threads "$t" "$tmp/posts.jsonl.gz" > "$tmp/c$t.out" 2> "$tmp/c$t.err"
done
check "the store has counts" test "$(wc -l < "$tmp/t1.txt")" -gt 1000
check "the input has bad records" grep -q "3 skipped: 1 broken_json, 1 bad_time, 1 nul_byte" "$tmp/ingest1.msg"
check "classify printed every post" test "$(wc -l < "$tmp/c1.out")" -gt 290000
for t in 2 3; do
  check "ingest: $t threads store = 1 thread store" cmp -s "$tmp/t1.txt" "$tmp/t$t.txt"
  check "ingest: $t threads messages = 1 thread messages" cmp -s "$tmp/ingest1.msg" "$tmp/ingest$t.msg"
  check "classify: $t threads output = 1 thread output" cmp -s "$tmp/c1.out" "$tmp/c$t.out"
  check "classify: $t threads messages = 1 thread messages" cmp -s "$tmp/c1.err" "$tmp/c$t.err"
done
"$BENGLE" analyze --threads 2 --db "$tmp/a2.db" --report json "$tmp/posts.jsonl.gz" > "$tmp/a2.json" 2>/dev/null
"$BENGLE" detect --db "$tmp/t1.db" --format json > "$tmp/d1.json"
check "analyze --threads 2 reports the incidents of ingest --threads 1 + detect" cmp -s "$tmp/d1.json" "$tmp/a2.json"
"$BENGLE" ingest --threads -1 --db "$tmp/bad.db" "$tmp/posts.jsonl.gz" > /dev/null 2>&1; rc=$?
check "--threads -1 is a usage error" test "$rc" = 1
[ $fail = 0 ] && echo "thread tests passed" || echo "thread tests FAILED"
exit $fail
