#!/usr/bin/env bash
# Input a new user brings: GB18030/GBK and Big5 archives (--encoding, detected
# or named), CSV exports with their own column names (--columns).
# Issue 15, bar 4: the GB18030 copy of the sample archive gives the same
# incidents as the UTF-8 original.
# Usage: input_test.sh BENGLE_BINARY SAMPLES_DIR
set -u
BENGLE="$1"
SAMPLES="$2"
source "$(dirname "${BASH_SOURCE[0]}")/check.sh"

# --- GB18030: the whole sample archive, detected, same incidents -------------
gzip -dc "$SAMPLES/archive.jsonl.gz" | iconv -f UTF-8 -t GB18030 | gzip -1 > "$tmp/gb.jsonl.gz"
"$BENGLE" analyze --db "$tmp/u.db" --report json "$SAMPLES/archive.jsonl.gz" > "$tmp/u.json" 2> "$tmp/u.err"
"$BENGLE" analyze --db "$tmp/g.db" --report json "$tmp/gb.jsonl.gz" > "$tmp/g.json" 2> "$tmp/g.err"; rc=$?
check "gb18030 archive: exit 0" test "$rc" = 0
check "gb18030 archive: says what it chose" grep -q "gb.jsonl.gz: reading as gb18030 (detected" "$tmp/g.err"
check "gb18030 archive: every post read" grep -q "83798 posts read, 0 skipped" "$tmp/g.err"
check "gb18030 archive: incidents found" test "$(python3 -c 'import json,sys; print(len(json.load(open(sys.argv[1]))))' "$tmp/u.json")" -gt 0
check "gb18030 archive: the same incidents as UTF-8" cmp -s "$tmp/u.json" "$tmp/g.json"
check "utf-8 archive: no encoding message" test -z "$(grep 'reading as' "$tmp/u.err")"

# --- named encodings, GBK text, bad bytes -------------------------------------
cat > "$tmp/t.jsonl" <<'J'
{"id":1,"created_at":"2023-03-29 10:00:00","text":"#微信崩了# 登录不上，朋友圈也刷不出来"}
{"id":2,"created_at":"2023-03-29 10:01:00","text":"QQ崩了吗 消息发不出去"}
J
"$BENGLE" classify "$tmp/t.jsonl" > "$tmp/t.out" 2>/dev/null
iconv -f UTF-8 -t GBK "$tmp/t.jsonl" > "$tmp/t.gbk.jsonl"
"$BENGLE" classify --encoding gbk "$tmp/t.gbk.jsonl" > "$tmp/t.gbk.out" 2> "$tmp/t.gbk.err"; rc=$?
check "--encoding gbk: exit 0" test "$rc" = 0
check "--encoding gbk: same output" cmp -s "$tmp/t.out" "$tmp/t.gbk.out"
check "--encoding named: nothing to say" test ! -s <(grep "reading as" "$tmp/t.gbk.err")
"$BENGLE" classify --encoding utf-8 "$tmp/t.gbk.jsonl" > /dev/null 2> "$tmp/t.u8.err"; rc=$?
check "--encoding utf-8 on GBK: every record skipped, exit 3" test "$rc" = 3
check "--encoding utf-8 on GBK: invalid_utf8" grep -q "2 invalid_utf8" "$tmp/t.u8.err"
iconv -f UTF-8 -t BIG5 <<< '{"id":7,"created_at":"2023-03-29 10:00:00","text":"微信崩了，圖片發不出去"}' > "$tmp/b5.jsonl"
"$BENGLE" classify --encoding big5 "$tmp/b5.jsonl" > "$tmp/b5.out" 2>/dev/null; rc=$?
check "--encoding big5: exit 0" test "$rc" = 0
check "--encoding big5: classified" grep -q '"services":\["wechat"\]' "$tmp/b5.out"
# A byte sequence that is not GB18030 skips its record (counted, with file:line).
{ cat "$tmp/t.gbk.jsonl"; printf '{"id":3,"created_at":"2023-03-29 10:02:00","text":"\x81\x20"}\n'; } > "$tmp/bad.gbk.jsonl"
"$BENGLE" classify --encoding gb18030 "$tmp/bad.gbk.jsonl" > "$tmp/bad.out" 2> "$tmp/bad.err"; rc=$?
check "bad GB18030 bytes: exit 0, 2 posts" test "$rc" = 0 -a "$(wc -l < "$tmp/bad.out")" = 2
check "bad GB18030 bytes: counted with file:line" grep -q "bad.gbk.jsonl:3: invalid UTF-8" "$tmp/bad.err"
"$BENGLE" classify --encoding latin9 "$tmp/t.jsonl" > /dev/null 2> "$tmp/enc.err"; rc=$?
check "unknown encoding: usage error" test "$rc" = 1
check "unknown encoding: says which are known" grep -q "unsupported encoding 'latin9' (auto, utf-8, gb18030" "$tmp/enc.err"

# --- CSV with the export's own column names -----------------------------------
cat > "$tmp/w.csv" <<'C'
mid,发布时间,微博正文,用户
1,2023-03-29 10:00:00,#微信崩了# 登录不上,甲
2,2023-03-29 10:01:00,"QQ崩了吗, 消息发不出去",乙
C
"$BENGLE" classify "$tmp/w.csv" > "$tmp/w0.out" 2> "$tmp/w.err"; rc=$?
check "CSV with an export's names: read without --columns" test "$rc" = 0
check "CSV with an export's names: both posts" test "$(wc -l < "$tmp/w0.out")" = 2
cat > "$tmp/u.csv" <<'C'
编号,日期时间,帖子
1,2023-03-29 10:00:00,#微信崩了# 登录不上
C
"$BENGLE" classify "$tmp/u.csv" > /dev/null 2> "$tmp/u.err"; rc=$?
check "CSV with names we do not know: exit 2" test "$rc" = 2
check "CSV with names we do not know: says what the header has" grep -q "no column 'id' (the header has: 编号, 日期时间, 帖子)" "$tmp/u.err"
check "CSV with names we do not know: says how to map" grep -q "name the header's columns with --columns" "$tmp/u.err"
"$BENGLE" classify --columns 'id=mid,created_at=发布时间,text=微博正文,user=用户' "$tmp/w.csv" > "$tmp/w.out" 2>/dev/null; rc=$?
check "--columns: exit 0" test "$rc" = 0
check "--columns: both posts" test "$(wc -l < "$tmp/w.out")" = 2
check "--columns: classified" grep -q '"id":"1","services":\["wechat"\]' "$tmp/w.out"
check "--columns: the same as the names found without it" cmp -s "$tmp/w.out" "$tmp/w0.out"
iconv -f UTF-8 -t GB18030 "$tmp/w.csv" > "$tmp/w.gb.csv"
"$BENGLE" classify --columns 'id=mid,created_at=发布时间,text=微博正文,user=用户' "$tmp/w.gb.csv" > "$tmp/w.gb.out" 2>/dev/null
check "--columns on a GB18030 CSV: same output" cmp -s "$tmp/w.out" "$tmp/w.gb.out"
"$BENGLE" classify --columns 'ident=mid' "$tmp/w.csv" > /dev/null 2> "$tmp/c.err"; rc=$?
check "--columns unknown field: usage error" test "$rc" = 1
check "--columns unknown field: message" grep -q "unknown field 'ident'" "$tmp/c.err"
"$BENGLE" classify --columns 'id' "$tmp/w.csv" > /dev/null 2> "$tmp/c2.err"; rc=$?
check "--columns without '=': usage error" test "$rc" = 1
check "--columns without '=': message" grep -q "expected FIELD=NAME, got 'id'" "$tmp/c2.err"
"$BENGLE" classify --columns 'id=mid,created_at=时间,text=微博正文' "$tmp/w.csv" > /dev/null 2> "$tmp/c3.err"; rc=$?
check "--columns naming a missing column: exit 2" test "$rc" = 2
check "--columns naming a missing column: message" grep -q "no column '时间' (the name given for field 'created_at')" "$tmp/c3.err"

# --- inputs that can be opened only once: process substitution, a named pipe --
"$BENGLE" classify "$tmp/t.jsonl" > "$tmp/once.out" 2>/dev/null
"$BENGLE" classify <(cat "$tmp/t.jsonl") > "$tmp/ps.out" 2> "$tmp/ps.err"; rc=$?
check "classify <(cat FILE): exit 0, same output" test "$rc" = 0 -a -s "$tmp/ps.out"
check "classify <(cat FILE): same output" cmp -s "$tmp/once.out" "$tmp/ps.out"
gzip -c "$tmp/t.jsonl" > "$tmp/t.jsonl.gz"
"$BENGLE" classify <(cat "$tmp/t.jsonl.gz") > "$tmp/psz.out" 2>/dev/null
check "classify <(cat FILE.gz): gzip known from the first bytes" cmp -s "$tmp/once.out" "$tmp/psz.out"
mkfifo "$tmp/fifo"
(sleep 0.3; cat "$tmp/t.jsonl" > "$tmp/fifo") &
timeout 20 "$BENGLE" classify "$tmp/fifo" > "$tmp/fifo.out" 2>/dev/null; rc=$?
wait
check "classify FIFO: exit 0, same output" test "$rc" = 0
check "classify FIFO: same output" cmp -s "$tmp/once.out" "$tmp/fifo.out"
# A live feed: what has arrived is classified and passed on before the writer
# goes on (3 posts, a pause, 1 more): no waiting for a full chunk or the end.
mkfifo "$tmp/live"
( cat "$tmp/t.jsonl"; echo '{"id":3,"created_at":1,"text":"x"}'; sleep 3; echo '{"id":4,"created_at":1,"text":"y"}' ) > "$tmp/live" &
( "$BENGLE" classify --threads 2 "$tmp/live" 2>/dev/null | cat > "$tmp/live.out" ) &
sleep 1.5
check "live feed: the posts that arrived are out while the writer pauses" test "$(wc -l < "$tmp/live.out")" = 3
wait
check "live feed: then the rest" test "$(wc -l < "$tmp/live.out")" = 4
# The same for ingest: a paused feed's posts are in the store during the pause.
mkfifo "$tmp/live2"
( cat "$tmp/t.jsonl"; sleep 3; echo '{"id":9,"created_at":"2023-03-29 10:05:00","text":"微信崩了"}' ) > "$tmp/live2" &
"$BENGLE" ingest --db "$tmp/live.db" "$tmp/live2" > /dev/null 2>&1 &
sleep 1.5
stored=$(python3 -c 'import sqlite3,sys; print(sqlite3.connect(sys.argv[1]).execute("SELECT COUNT(*) FROM posts").fetchone()[0])' "$tmp/live.db" 2>/dev/null)
check "live feed: ingest stores what arrived during the pause ($stored of 2)" test "${stored:-0}" = 2
wait
stored=$(python3 -c 'import sqlite3,sys; print(sqlite3.connect(sys.argv[1]).execute("SELECT COUNT(*) FROM posts").fetchone()[0])' "$tmp/live.db" 2>/dev/null)
check "live feed: ingest stores the rest at the end ($stored of 3)" test "${stored:-0}" = 3
"$BENGLE" classify "$tmp" > /dev/null 2> "$tmp/dir.err"; rc=$?
check "classify DIRECTORY: exit 2, says so" test "$rc" = 2 -a -n "$(grep 'is a directory' "$tmp/dir.err")"

# --- a failed start leaves no store behind -------------------------------------
"$BENGLE" ingest --db "$tmp/none.db" "$tmp/missing.jsonl" > /dev/null 2> "$tmp/none.err"; rc=$?
check "ingest of a missing file: exit 2" test "$rc" = 2
check "ingest of a missing file: no store file made" test ! -e "$tmp/none.db"
"$BENGLE" ingest --db "$tmp/none.db" --keep-duplicates "$tmp/t.jsonl" > /dev/null 2>&1; rc=$?
check "ingest --keep-duplicates (the store keeps one post per id): usage error" test "$rc" = 1
check "ingest --keep-duplicates: no store file made" test ! -e "$tmp/none.db"
"$BENGLE" detect --db "$tmp/none.db" > /dev/null 2> "$tmp/nodb.err"; rc=$?
check "detect on a missing store: exit 2, says so, makes none" test "$rc" = 2 -a ! -e "$tmp/none.db"
check "detect on a missing store: message" grep -q "no store at $tmp/none.db" "$tmp/nodb.err"
exit $fail
