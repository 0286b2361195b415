#!/usr/bin/env bash
# Issue 15, bar 2: defects 1-9 as a user meets them, one check each, driven
# through the `bengle` program only (so the same script runs against any
# build: every check failed on 7ce15c8 and passes now).
# Usage: defects_test.sh BENGLE_BINARY SAMPLES_DIR
set -u
BENGLE="$1"
SAMPLES="$2"
source "$(dirname "${BASH_SOURCE[0]}")/check.sh"
# A sanitized build reserves terabytes of address space for its shadow
# memory: there, time alone is limited.
if ldd "$BENGLE" 2>/dev/null | grep -q libasan; then vmem=unlimited; else vmem=2000000; fi
limited() {  # limited SECONDS CMD...: at most 2 GB of memory and SECONDS of time
  (ulimit -v $vmem; timeout -s KILL "$@")
}

# 1. A UTF-8 sequence cut short at the end of a line aborted the normalizer (exit 134).
printf '\xe3\nabc\xe3\x80\n' | limited 30 "$BENGLE" segment --normalize > /dev/null 2>&1; rc=$?
check "defect 1: cut UTF-8 into segment --normalize: exit 0 (was 134)" test "$rc" = 0

# 2. 31 nested lexicon definitions doubled up to 24 GB (OOM-killed); at depth 20
#    the error quoted a 16 MB pattern.
mkdir -p "$tmp/lex"
{ echo "define D0 abcdefghij"; for k in $(seq 1 31); do echo "define D$k {D$((k-1))}{D$((k-1))}"; done
  echo "cue outage {D31}"; } > "$tmp/lex/bomb.lex"
echo '{"id":1,"created_at":1,"text":"x"}' | limited 60 "$BENGLE" classify --lexicon "$tmp/lex" > /dev/null 2> "$tmp/bomb.err"; rc=$?
check "defect 2: define bomb: refused with exit 2 (was killed)" test "$rc" = 2
check "defect 2: define bomb: a short message naming file:line" \
  test "$(wc -c < "$tmp/bomb.err")" -lt 1000 -a -n "$(grep -o "bomb.lex:[0-9]*" "$tmp/bomb.err")"

# 3. Two ingests creating one new store raced ("table posts already exists").
gzip -dc "$SAMPLES/archive.jsonl.gz" | head -n 20000 > "$tmp/a.jsonl"
gzip -dc "$SAMPLES/archive.jsonl.gz" | sed -n '20001,40000p' > "$tmp/b.jsonl"
bad=0
for i in $(seq 1 10); do
  "$BENGLE" ingest --db "$tmp/race$i.db" "$tmp/a.jsonl" > /dev/null 2> "$tmp/race$i.a.err" & p1=$!
  "$BENGLE" ingest --db "$tmp/race$i.db" "$tmp/b.jsonl" > /dev/null 2> "$tmp/race$i.b.err" & p2=$!
  # A failure says why (it failed once in CI with nothing to go on).
  wait $p1 || { bad=$((bad + 1)); echo "     race $i, first ingest:"; tail -n 3 "$tmp/race$i.a.err" | sed 's/^/       /'; }
  wait $p2 || { bad=$((bad + 1)); echo "     race $i, second ingest:"; tail -n 3 "$tmp/race$i.b.err" | sed 's/^/       /'; }
done
check "defect 3: 2 concurrent ingests on a new store x10: every one succeeds ($bad failed)" test $bad = 0

# A store with incidents, for 4, 5 and 9.
gzip -dc "$SAMPLES/archive.jsonl.gz" > "$tmp/all.jsonl"
# 9. Sample posts carrying terminal escape sequences, in an outage of their own.
python3 - "$tmp/all.jsonl" <<'PY'
import json, sys
with open(sys.argv[1], "a", encoding="utf-8") as f:
    for i in range(150):
        t = "2021-10-25T15:%02d:00+08:00" % (i % 40)
        f.write(json.dumps({"id": "esc%d" % i, "created_at": t, "user": "esc_user%d" % i,
                            "text": "#微信崩了# \u001b[2J\u001b]0;owned\u0007图片发不出去 \u001b[31m红字"}, ensure_ascii=False) + "\n")
PY
"$BENGLE" ingest --db "$tmp/ref.db" "$tmp/all.jsonl" > /dev/null 2>&1
"$BENGLE" detect --db "$tmp/ref.db" --format text > "$tmp/ref.txt" 2>/dev/null
check "defect 9: the escape-carrying outage is found" grep -q "10-25 15:" "$tmp/ref.txt"
check "defect 9: detect --format text prints no raw escape or control character" \
  test -z "$(LC_ALL=C tr -d '\n\t\040-\176\200-\377' < "$tmp/ref.txt" | head -c 1)"

# 4. 200 flipped bytes: detect printed [] and exited 0.
cp "$tmp/ref.db" "$tmp/flip.db"
python3 - "$tmp/flip.db" <<'PY'
import random, sys
d = bytearray(open(sys.argv[1], "rb").read()); r = random.Random(15)
for _ in range(200):
    k = r.randrange(len(d)); d[k] ^= 1 << r.randrange(8)
open(sys.argv[1], "wb").write(d)
PY
"$BENGLE" detect --db "$tmp/flip.db" --format json > "$tmp/flip.json" 2> "$tmp/flip.err"; rc=$?
"$BENGLE" detect --db "$tmp/ref.db" --format json > "$tmp/ref.json" 2>/dev/null
check "defect 4: damaged store: the same answer, or an error (was [] with exit 0)" \
  bash -c "[ $rc = 0 ] && cmp -s '$tmp/flip.json' '$tmp/ref.json' || [ $rc = 2 ] && grep -q 'damaged\|malformed' '$tmp/flip.err'"

# 5. A NULL sample text (a crafted store) crashed detect (NULL strlen).
cp "$tmp/ref.db" "$tmp/null.db"
python3 - "$tmp/null.db" <<'PY'
import sqlite3, sys
c = sqlite3.connect(sys.argv[1])
c.executescript("CREATE TABLE s2 AS SELECT * FROM samples; DROP TABLE samples;"
                "CREATE TABLE samples AS SELECT * FROM s2 WHERE 0; INSERT INTO samples SELECT * FROM s2;"
                "DROP TABLE s2; UPDATE samples SET text = NULL;")
c.commit()
assert c.execute("SELECT COUNT(*) FROM samples WHERE text IS NULL").fetchone()[0] > 0
PY
"$BENGLE" detect --db "$tmp/null.db" --format text > /dev/null 2> "$tmp/null.err"; rc=$?
check "defect 5: NULL sample texts: no crash (exit $rc)" test "$rc" -lt 128
check "defect 5: NULL sample texts: answered, or refused as damaged" \
  bash -c "[ $rc = 0 ] || grep -q 'store is damaged' '$tmp/null.err'"

# 6. Detection time grew with the time span: posts at years 0000 and 9999 took 359 s.
printf '%s\n' '{"id":1,"created_at":"0001-01-01T00:00:00+08:00","text":"#微信崩了# 图片发不出去"}' \
  '{"id":2,"created_at":"9999-12-31T00:00:00+08:00","text":"#微信崩了# 图片发不出去"}' > "$tmp/span.jsonl"
"$BENGLE" ingest --db "$tmp/span.db" "$tmp/span.jsonl" > /dev/null 2>&1
limited 30 "$BENGLE" detect --db "$tmp/span.db" --format json > /dev/null 2>&1; rc=$?
check "defect 6: two posts 10,000 years apart: detect ends within 30 s (exit $rc)" test "$rc" = 0

# 7. 256 KB of 0xFF inside the dictionary image (size kept): every start segfaulted.
export BENGLE_CACHE_DIR="$tmp/cache"
echo "微信崩了图片发不出去" | "$BENGLE" segment > "$tmp/seg1.out" 2>/dev/null
img=$(ls "$tmp/cache"/dict-*.bin 2>/dev/null | head -1)
if [ -n "$img" ]; then
  python3 -c 'import sys; f=open(sys.argv[1],"r+b"); f.seek(4096); f.write(b"\xff"*(256*1024))' "$img"
fi
echo "微信崩了图片发不出去" | limited 60 "$BENGLE" segment > "$tmp/seg2.out" 2>/dev/null; rc=$?
check "defect 7: damaged dictionary image: exit 0, same words (exit $rc)" test "$rc" = 0 -a -s "$tmp/seg2.out"
check "defect 7: same words as before the damage" cmp -s "$tmp/seg1.out" "$tmp/seg2.out"
unset BENGLE_CACHE_DIR

# 8. A lone surrogate escape was "Unexpected error ... a bug in simdjson".
printf '%s\n' '{"id":1,"created_at":1,"text":"a\ud800b"}' '{"id":2,"created_at":1,"text":"ok"}' > "$tmp/sur.jsonl"
"$BENGLE" classify "$tmp/sur.jsonl" > /dev/null 2> "$tmp/sur.err"
check "defect 8: lone surrogate counted as invalid_utf8" grep -q "1 invalid_utf8" "$tmp/sur.err"
check "defect 8: no 'bug in simdjson' message" test -z "$(grep -i 'bug in simdjson' "$tmp/sur.err")"
exit $fail
