#!/usr/bin/env bash
# Faults a store must survive (issue 15, bar 3). Each case ends either in
# exit 0 with exactly the data of an undisturbed run, or in a clear error
# with exit != 0 and the store intact (or refused as damaged): never a wrong
# answer with exit 0.
#   kill -9 at 10 random points of an ingest, then the ingest again
#   2 concurrent ingests on a new store, 10 times
#   a full disk (a 1 MiB tmpfs)              } need mount; skipped (and said)
#   a read-only directory (read-only mount)  } where it is not allowed
#   a read-only store file (as user nobody, via setpriv)
#   200 flipped bytes, 10 times; a truncated store, 5 times
# Usage: fault_test.sh BENGLE_BINARY SAMPLES_DIR [SEED]
set -u
BENGLE="$(realpath "$1")"
ARCHIVE="$(realpath "$2")/archive.jsonl.gz"
SEED="${3:-1}"
RANDOM=$SEED
source "$(dirname "${BASH_SOURCE[0]}")/check.sh"
mounts=()
cleanup() {
  for m in "${mounts[@]}"; do umount "$m" 2>/dev/null; done
  rm -rf "$tmp"
}
trap cleanup EXIT
integrity() {  # integrity DB: "ok" when SQLite finds nothing wrong
  python3 -c 'import sqlite3,sys
try:
    print(sqlite3.connect("file:%s?mode=ro" % sys.argv[1], uri=True).execute("PRAGMA integrity_check").fetchone()[0])
except Exception as e:
    print("error: %s" % e)' "$1"
}
detect() { "$BENGLE" detect --db "$1" --format json 2>"$1.err"; }

# The undisturbed run: the answer every case is compared with.
gzip -dc "$ARCHIVE" > "$tmp/all.jsonl"
"$BENGLE" ingest --db "$tmp/ref.db" "$tmp/all.jsonl" 2>/dev/null || { echo "FAIL reference ingest"; exit 1; }
detect "$tmp/ref.db" > "$tmp/ref.json"
check "reference: incidents found" test "$(python3 -c 'import json,sys; print(len(json.load(open(sys.argv[1]))))' "$tmp/ref.json")" -gt 0
same() { cmp -s "$tmp/ref.json" "$1"; }

# --- kill -9 at random points, then the same ingest again ---------------------
ok=0
for i in $(seq 1 10); do
  db="$tmp/kill$i.db"
  "$BENGLE" ingest --db "$db" --batch 2000 "$tmp/all.jsonl" 2>/dev/null &
  pid=$!
  sleep "0.$(printf '%03d' $((RANDOM % 950 + 50)))"
  kill -9 $pid 2>/dev/null
  wait $pid 2>/dev/null
  # Killed before the store was opened (input and classifier come first): no file, nothing to check.
  if [ -e "$db" ]; then
    r=$(integrity "$db")
    [ "$r" = ok ] || { echo "     kill $i: integrity check: $r"; continue; }
  fi
  "$BENGLE" ingest --db "$db" "$tmp/all.jsonl" 2>"$db.ingest.err" || {
    echo "     kill $i: the ingest after the kill failed:"; tail -n 3 "$db.ingest.err" | sed 's/^/       /'; continue; }
  detect "$db" > "$tmp/kill$i.json"
  rc=$?
  if [ $rc != 0 ]; then
    echo "     kill $i: detect failed (exit $rc):"; tail -n 3 "$db.err" | sed 's/^/       /'; continue
  fi
  if ! same "$tmp/kill$i.json"; then
    # What differs, so that a rare failure can be told apart from noise.
    stored=$(sed -n 's/^bengle ingest: \([0-9]*\) new posts stored.*/\1/p' "$db.ingest.err")
    echo "     kill $i (the resumed ingest stored $stored new posts): incidents differ from the undisturbed run:"
    python3 - "$tmp/ref.json" "$tmp/kill$i.json" <<'PY' | sed 's/^/       /'
import json, sys
a, b = (json.load(open(p)) for p in sys.argv[1:3])
print("%d incidents, against %d undisturbed" % (len(b), len(a)))
for k, (x, y) in enumerate(zip(a, b)):
    if x != y:
        keys = sorted(set(x) | set(y))
        print("incident %d differs in: %s" % (k, ", ".join(f for f in keys if x.get(f) != y.get(f))))
        break
PY
    continue
  fi
  ok=$((ok + 1))
done
check "kill -9 at 10 random points: store intact, resumed ingest gives the same incidents ($ok/10)" test $ok = 10

# --- two ingests on one new store at once ------------------------------------
head -n 40000 "$tmp/all.jsonl" > "$tmp/a.jsonl"
tail -n +40001 "$tmp/all.jsonl" > "$tmp/b.jsonl"
ok=0
for i in $(seq 1 10); do
  db="$tmp/conc$i.db"
  "$BENGLE" ingest --db "$db" "$tmp/a.jsonl" 2>"$tmp/conc$i.a.err" & pa=$!
  "$BENGLE" ingest --db "$db" "$tmp/b.jsonl" 2>"$tmp/conc$i.b.err" & pb=$!
  wait $pa; ra=$?
  wait $pb; rb=$?
  if [ $ra = 0 ] && [ $rb = 0 ]; then
    detect "$db" > "$tmp/conc$i.json" && same "$tmp/conc$i.json" && ok=$((ok + 1))
  else
    echo "     concurrent $i: exits $ra $rb: $(cat "$tmp/conc$i.a.err" "$tmp/conc$i.b.err" | grep -v 'posts read' | head -2)"
  fi
done
check "2 concurrent ingests on a new store x10: both succeed, same incidents as one ingest ($ok/10)" test $ok = 10

# --- flipped bytes and truncation --------------------------------------------
flip() {  # flip DB N SEED
  python3 - "$1" "$2" "$3" <<'PY'
import random, sys
path, n, seed = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
data = bytearray(open(path, "rb").read())
rng = random.Random(seed)
for _ in range(n):
    i = rng.randrange(len(data))
    data[i] ^= 1 << rng.randrange(8)
open(path, "wb").write(data)
PY
}
judge() {  # judge NAME DB: exit 0 and the same incidents, or exit != 0 with a clear message
  local name="$1" db="$2" rc
  detect "$db" > "$db.json"; rc=$?
  if [ $rc = 0 ]; then
    if same "$db.json"; then outcome=same; else outcome=WRONG; fi
  elif grep -q "store is damaged" "$db.err"; then
    outcome=refused
  else
    outcome="UNCLEAR(exit $rc: $(head -c 200 "$db.err"))"
  fi
}
same_n=0; refused=0; bad=0
for i in $(seq 1 10); do
  db="$tmp/flip$i.db"
  cp "$tmp/ref.db" "$db"
  flip "$db" 200 "$((SEED * 100 + i))"
  judge "flip $i" "$db"
  case "$outcome" in same) same_n=$((same_n + 1));; refused) refused=$((refused + 1));; *) bad=$((bad + 1)); echo "     flip $i: $outcome";; esac
done
echo "     200 flipped bytes x10: $same_n same incidents, $refused refused as damaged, $bad other"
check "200 flipped bytes x10: same answer or 'store is damaged' (exit != 0), never a wrong answer" test $bad = 0
same_n=0; refused=0; bad=0
size=$(stat -c %s "$tmp/ref.db")
for i in $(seq 1 5); do
  db="$tmp/trunc$i.db"
  head -c $((size * (RANDOM % 90 + 5) / 100)) "$tmp/ref.db" > "$db"
  judge "truncated $i" "$db"
  case "$outcome" in same) same_n=$((same_n + 1));; refused) refused=$((refused + 1));; *) bad=$((bad + 1)); echo "     truncated $i: $outcome";; esac
done
echo "     truncated x5: $same_n same incidents, $refused refused as damaged, $bad other"
check "truncated store x5: same answer or 'store is damaged', never a wrong answer" test $bad = 0

# --- a read-only store file (as an unprivileged user: root ignores modes) ------
if command -v setpriv >/dev/null && [ "$(id -u)" = 0 ]; then
  ro="$tmp/ro"
  mkdir -p "$ro"
  cp "$tmp/ref.db" "$ro/s.db"
  chmod 755 "$tmp" "$ro"
  chmod 444 "$ro/s.db"
  as_nobody() { setpriv --reuid=65534 --regid=65534 --clear-groups "$@"; }
  as_nobody "$BENGLE" detect --db "$ro/s.db" --format json > "$ro/out.json" 2> "$ro/err"; rc=$?
  check "read-only store file: detect exits 0" test $rc = 0
  check "read-only store file: the same incidents" same "$ro/out.json"
  check "read-only store file: 'incidents not kept' warning" grep -q "incidents not kept" "$ro/err"
  as_nobody "$BENGLE" ingest --db "$ro/s.db" "$tmp/a.jsonl" > /dev/null 2> "$ro/ierr"; rc=$?
  check "read-only store file: ingest refused (exit 2)" test $rc = 2
  check "read-only store file: ingest says why" grep -qi "read-only\|readonly" "$ro/ierr"
  check "read-only store file: store unchanged" cmp -s "$tmp/ref.db" "$ro/s.db"
else
  echo "skip read-only store file (needs root and setpriv to act as an unprivileged user)"
fi

# --- full disk and read-only directory (need mount) ---------------------------
if mkdir -p "$tmp/full" && mount -t tmpfs -o size=1m tmpfs "$tmp/full" 2>/dev/null; then
  mounts+=("$tmp/full")
  "$BENGLE" ingest --db "$tmp/full/s.db" "$tmp/all.jsonl" > /dev/null 2> "$tmp/full.err"; rc=$?
  check "full disk: ingest fails (exit 2)" test $rc = 2
  check "full disk: says so" grep -qi "full" "$tmp/full.err"
  if [ -e "$tmp/full/s.db" ]; then
    r=$(integrity "$tmp/full/s.db")
    check "full disk: the store left is intact ($r)" test "$r" = ok
    # What was committed before the disk filled is a consistent store.
    "$BENGLE" detect --db "$tmp/full/s.db" --format json > /dev/null 2> "$tmp/full.det"; rc=$?
    check "full disk: detect on what was kept exits 0 or says it cannot write" test $rc = 0
  fi
  cp "$tmp/ref.db" "$tmp/rodir.db"
  mkdir -p "$tmp/rodir"
  cp "$tmp/ref.db" "$tmp/rodir/s.db"
  mount --bind "$tmp/rodir" "$tmp/rodir" && mount -o remount,ro,bind "$tmp/rodir" && mounts=("$tmp/rodir" "${mounts[@]}")
  "$BENGLE" detect --db "$tmp/rodir/s.db" --format json > "$tmp/rodir.json" 2> "$tmp/rodir.err"; rc=$?
  check "read-only directory: detect exits 0" test $rc = 0
  check "read-only directory: the same incidents" same "$tmp/rodir.json"
  check "read-only directory: 'incidents not kept' warning" grep -q "incidents not kept" "$tmp/rodir.err"
  "$BENGLE" ingest --db "$tmp/rodir/s.db" "$tmp/a.jsonl" > /dev/null 2> "$tmp/rodir.ierr"; rc=$?
  check "read-only directory: ingest refused (exit 2)" test $rc = 2
  "$BENGLE" ingest --db "$tmp/rodir/new.db" "$tmp/a.jsonl" > /dev/null 2> "$tmp/rodir.nerr"; rc=$?
  check "read-only directory: a new store cannot be made (exit 2)" test $rc = 2
  check "read-only directory: says why" grep -qi "read-only\|readonly" "$tmp/rodir.nerr"
else
  echo "skip full disk and read-only directory (mount is not allowed here)"
fi
exit $fail
