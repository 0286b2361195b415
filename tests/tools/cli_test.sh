#!/usr/bin/env bash
# Drives `bengle classify` as a user would: output shape, exit codes, messages.
set -u
BENGLE="$1"
DATA="$2"
source "$(dirname "${BASH_SOURCE[0]}")/check.sh"

cat > "$tmp/a.jsonl" <<'J'
{"id":1,"created_at":"2021-10-18T09:40:00+08:00","text":"#微信崩了# 圖片發不出去 #微信崩了#"}
{"id":"x2","created_at":1634521200,"text":"＃ＱＱ崩了＃"}
broken
{"id":3,"created_at":"2021-10-18 09:40:00","text":"ok"}
J
"$BENGLE" classify "$tmp/a.jsonl" > "$tmp/out" 2> "$tmp/err"; rc=$?
check "exit 0 with skipped lines" test "$rc" = 0
# Issue 15: not one good record is not success (exit 3, with the reason).
printf '{"id":1}\n{"broken\n' > "$tmp/allbad.jsonl"
"$BENGLE" classify "$tmp/allbad.jsonl" > /dev/null 2> "$tmp/allbad.err"; rc=$?
check "every record skipped: exit 3" test "$rc" = 3
check "every record skipped: says so" grep -q "every record was skipped (2 skipped" "$tmp/allbad.err"
check "one line per good post" test "$(wc -l < "$tmp/out")" = 3
check "every field, deduplicated hashtags" grep -qx '{"id":"1","services":\["wechat"\],"service_names":\["微信"\],"categories":\[{"name":"media_transfer","score":0.90}\],"complaint":true,"negated":false,"recovery":false,"official":false,"hashtags":\["微信崩了"\],"causes":\[\]}' "$tmp/out"
check "normalized hashtag" grep -q '"id":"x2".*"hashtags":\["qq崩了"\]' "$tmp/out"
check "file:line message" grep -qx "$tmp/a.jsonl:3: broken JSON: the line is not a JSON object" "$tmp/err"
check "summary" grep -qx "bengle classify: 3 posts read, 1 skipped: 1 broken_json" "$tmp/err"

gzip -c "$tmp/a.jsonl" | "$BENGLE" classify > "$tmp/out2" 2>/dev/null; rc=$?
check "gzip on stdin" test "$rc" = 0
check "gzip on stdin gives the same output" cmp -s "$tmp/out" "$tmp/out2"

"$BENGLE" classify --explain "$tmp/a.jsonl" > "$tmp/outx" 2>/dev/null
check "--explain keeps every field" test "$(sed 's/,"explain":.*}$/}/' "$tmp/outx")" = "$(cat "$tmp/out")"
check "--explain names the rule and the reason" grep -q '"id":"1".*"explain":{"decisions":\["complaint=true: symptom media_transfer.*"rule":"20-categories.lex:[0-9]*","kind":"category","id":"media_transfer"' "$tmp/outx"

printf 'id,created_at,text\n7,2021-10-18 09:40:00,"#B站崩了#, 视频加载不出来"\n' > "$tmp/b.csv"
"$BENGLE" classify "$tmp/b.csv" > "$tmp/out3" 2>/dev/null
check "CSV input" grep -q '"id":"7".*"hashtags":\["b站崩了"\]' "$tmp/out3"

"$BENGLE" classify "$tmp/missing.jsonl" > /dev/null 2> "$tmp/err4"; rc=$?
check "missing file exits 2" test "$rc" = 2
check "missing file message" grep -q "missing.jsonl: No such file or directory" "$tmp/err4"
"$BENGLE" classify --no-such-flag > /dev/null 2>&1; rc=$?
check "usage error exits 1" test "$rc" = 1
"$BENGLE" classify --tz bogus "$tmp/a.jsonl" > /dev/null 2>&1; rc=$?
check "bad --tz exits 1" test "$rc" = 1
"$BENGLE" classify --help > "$tmp/help"; rc=$?
check "--help exits 0" test "$rc" = 0
check "--help lists options" grep -q -- "--format" "$tmp/help"
head -c 300 "$tmp/a.jsonl" | gzip -c | head -c 60 > "$tmp/cut.jsonl.gz"
"$BENGLE" classify "$tmp/cut.jsonl.gz" > /dev/null 2> "$tmp/err5"; rc=$?
check "damaged gzip exits 2" test "$rc" = 2
check "damaged gzip message" grep -q "gzip stream is truncated" "$tmp/err5"
if [ -f "$DATA/../../data/samples/posts_sample.jsonl" ]; then
  "$BENGLE" classify "$DATA/../../data/samples/posts_sample.jsonl" > /dev/null 2> "$tmp/err6"; rc=$?
  check "bundled sample reads cleanly" test "$rc" = 0
  check "bundled sample has no bad line" grep -q " 0 skipped" "$tmp/err6"
fi
printf '#微信崩了# 图片发不出去，大图点不开\n  今天 天气不错\n\n微信崩了嗎？\n' > "$tmp/seg.txt"
"$BENGLE" segment "$tmp/seg.txt" > "$tmp/seg.out"; rc=$?
check "segment exits 0" test "$rc" = 0
check "segment: one line per input line" test "$(wc -l < "$tmp/seg.out")" = 4
check "segment: words" test "$(head -1 "$tmp/seg.out")" = "#微信崩了# 图片 发不出去 ， 大图 点不开"
check "segment: removing spaces gives the input without whitespace" \
  test "$(tr -d ' \n' < "$tmp/seg.out")" = "$(tr -d ' \n' < "$tmp/seg.txt")"
check "segment: text unchanged without --normalize" grep -q "嗎" "$tmp/seg.out"
"$BENGLE" segment --normalize "$tmp/seg.txt" > "$tmp/seg2.out"
check "segment --normalize" grep -qx "微信 崩了 吗 ?" "$tmp/seg2.out"
# Issue 15, defect 1: a UTF-8 sequence cut short at the end of a line aborted (exit 134).
printf '\xe3\nabc\xe3\x80\n' | "$BENGLE" segment --normalize > "$tmp/seg3.out" 2>&1; rc=$?
check "segment --normalize: invalid UTF-8 does not crash" test "$rc" = 0
"$BENGLE" segment --general-dict "$tmp/nope.txt" < "$tmp/seg.txt" > /dev/null 2> "$tmp/seg.err"; rc=$?
check "segment: missing dictionary exits 2" test "$rc" = 2
check "segment: missing dictionary message" grep -q "nope.txt: No such file or directory" "$tmp/seg.err"
printf 'timestamp,value\n2015-02-26 21:42:53,104\n2015-02-26 21:47:53,abc\n2015-02-26 21:52:53,100\nyesterday,5\n2015-02-26 21:50:00,7\n2015-02-26 21:57:53,99\n' > "$tmp/s.csv"
"$BENGLE" series "$tmp/s.csv" > "$tmp/s.out" 2> "$tmp/s.err"; rc=$?
check "series exits 0 with bad rows" test "$rc" = 0
check "series header" test "$(head -1 "$tmp/s.out")" = "timestamp,value,anomaly_score"
check "series: one output row per input row" test "$(wc -l < "$tmp/s.out")" = 7
check "series: a bad row is echoed unscored" grep -qx "2015-02-26 21:47:53,abc," "$tmp/s.out"
check "series: a row out of order is scored" grep -q "^2015-02-26 21:50:00,7,0" "$tmp/s.out"
check "series: bad value message" grep -qx "$tmp/s.csv:3: value 'abc' is not a number" "$tmp/s.err"
check "series: bad time message" grep -q "^$tmp/s.csv:5: unparseable time 'yesterday'" "$tmp/s.err"
check "series: counts" grep -q "4 rows scored as history only (too few rows to judge) (1 out of time order, 0 gaps that restarted the model); 2 bad rows left unscored (1 bad time, 1 bad value, 0 broken)" "$tmp/s.err"
# Issue 20: every row of a real series with rows out of order comes out, in input order.
nab_mt="$(dirname "$0")/../../../shared/data/nab/data/realKnownCause/machine_temperature_system_failure.csv"
if [ -f "$nab_mt" ]; then
  "$BENGLE" series "$nab_mt" > "$tmp/mt.out" 2> "$tmp/mt.err"
  check "series: output rows = input rows with rows out of order" test "$(wc -l < "$tmp/mt.out")" = "$(wc -l < "$nab_mt")"
  check "series: input order kept" test "$(cut -d, -f1,2 "$tmp/mt.out")" = "$(cut -d, -f1,2 "$nab_mt")"
  check "series: rows out of order counted" grep -q "22695 rows scored as continuous (11 out of time order" "$tmp/mt.err"
fi
# The program loads libcurl only for `watch --webhook` (tools/webhook.cc): linked,
# its 30 dependencies made every start 7 ms slower.
if command -v readelf > /dev/null; then
  check "startup: libcurl is not among the libraries loaded at start" \
    sh -c "! readelf -d '$BENGLE' | grep -q 'NEEDED.*libcurl'"
fi
[ $fail = 0 ] && echo "cli tests passed" || echo "cli tests FAILED"
exit $fail
