#!/usr/bin/env bash
# The HTML report (issue 18), rendered by headless Chromium as a reader would
# see it, at 1280x900 and 420x900 (the phone width through an iframe of that
# width: headless windows are at least 500 px wide):
#  bar 1: the page's self-check (printed below) finds every chart drawn, every
#         tick a round value or a round time, no horizontal overflow, a hover
#         read-out on a chart and a sparkline, and the page logs no console error;
#  bar 2: the sample archive's status board has every service of the sample,
#         both incidents with Chinese category names, and the scripted
#         regional incident's top region;
# and the page needs no network and stays under 3 MB.
# Usage: report_test.sh BENGLE_BINARY SAMPLES_DIR
set -euo pipefail
bengle="$1"
samples="$2"
archive="$samples/archive.jsonl.gz"
chromium="$(command -v chromium || command -v chromium-browser || true)"
if [ -z "$chromium" ]; then
  echo "chromium is not installed (scripts/test installs it)" >&2
  exit 1
fi
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
"$bengle" analyze --db "$work/r.db" --html "$work/report.html" "$archive" >"$work/analyze.txt" 2>"$work/analyze.err"
size=$(stat -c %s "$work/report.html")
echo "report: $size bytes"
[ "$size" -lt 3000000 ] || { echo "FAIL: report is $size bytes (>= 3 MB)"; exit 1; }
# Nothing is loaded from elsewhere: no src/href to another host, no @import.
if grep -Eo '(src|href)="[a-z]+:[^"]*"|@import|url\(http' "$work/report.html" | grep -v 'http://www.w3.org/2000/svg' \
    | grep -v '^href="data:' | grep -q .; then
  echo "FAIL: the report refers to outside resources"; exit 1
fi
flags=(--headless --no-sandbox --disable-gpu --no-first-run --disable-background-networking
       --disable-component-update --disable-sync --user-data-dir="$work/profile")
# The phone: the report in an iframe 420 px wide (its own viewport).
printf '<!DOCTYPE html><html><body style="margin:0"><iframe src="report.html" style="width:420px;height:900px;border:0;display:block"></iframe></body></html>\n' >"$work/phone.html"
for view in 1280 420; do
  page="$work/report.html"; [ "$view" = 420 ] && page="$work/phone.html"
  timeout 120 "$chromium" "${flags[@]}" --window-size=$(( view < 500 ? 500 : view )),900 --enable-logging=stderr --v=0 \
    --dump-dom "file://$page" >"$work/dom$view.html" 2>"$work/chromium$view.log" || { cat "$work/chromium$view.log"; exit 1; }
  check=$(grep -o 'bengle report self-check: {[^}]*}' "$work/chromium$view.log" | head -1 || true)
  echo "${view} px: ${check:-no self-check printed}"
  [ -n "$check" ] || { echo "FAIL: the page's script did not run at $view px"; exit 1; }
  python3 - "$view" "${check#bengle report self-check: }" <<'PY' || exit 1
import json, sys
view, r = int(sys.argv[1]), json.loads(sys.argv[2])
fail = []
if r["width"] != view: fail.append("window is %d px, not %d" % (r["width"], view))
if r["charts"] < 2: fail.append("%d charts" % r["charts"])
if r["badCharts"]: fail.append("%d empty charts" % r["badCharts"])
if r["ticks"] < 10 or r["badTicks"]: fail.append("%d ticks, %d not round" % (r["ticks"], r["badTicks"]))
if r["overflow"] or r["scrollWidth"] > r["width"]: fail.append("page %d px wide in %d" % (r["scrollWidth"], r["width"]))
if r.get("hover") != 1: fail.append("no hover read-out on the first chart or sparkline")
for f in fail: print("FAIL at %d px: %s" % (view, f))
sys.exit(1 if fail else 0)
PY
  # A script error, or one the page reports itself (console.error lines start "bengle report:").
  if grep -E 'CONSOLE|Uncaught' "$work/chromium$view.log" | grep -v 'self-check' | grep -qiE 'error|uncaught|bengle report:'; then
    echo "FAIL: the page logged an error at $view px:"; grep -E 'CONSOLE|Uncaught' "$work/chromium$view.log"; exit 1
  fi
done
# Bar 2: what the sample's page says.
"$bengle" classify "$archive" >"$work/classified.jsonl" 2>/dev/null
python3 - "$work/report.html" "$work/classified.jsonl" "$samples/archive_truth.json" <<'PY'
import html, json, re, sys
page = open(sys.argv[1], encoding="utf-8").read()
truth = json.load(open(sys.argv[3]))
fail = []
services = set()
for line in open(sys.argv[2], encoding="utf-8"):
    services.update(json.loads(line)["services"])
board = page[page.index('id="board"'):page.index('id="board-csv"')]
rows = re.findall(r'<div class="row st(\d)"><span class="name"><span class="dot"></span><span class="svc" title="([^"]+)">([^<]+)<', board)
print("status board: %d rows (%s)" % (len(rows), ", ".join("%s %s" % (n, "normal elevated incident".split()[int(s)]) for s, i, n in rows)))
missing = services - {i for s, i, n in rows}
if missing: fail.append("services of the sample missing from the board: %s" % sorted(missing))
sections = re.findall(r'<section class="incident" id="incident-\d+">(.*?)</section>', page, re.S)
print("incident sections: %d" % len(sections))
scripted = [i for w in truth["windows"] for i in w["incidents"]]
if len(sections) != len(scripted): fail.append("%d incident sections, %d scripted" % (len(sections), len(scripted)))
ids = "messaging media_transfer login connectivity payment calls feed mail app_crash account".split()
chinese = {"media_transfer": "图片/文件", "messaging": "消息", "login": "登录", "connectivity": "连接", "payment": "支付",
           "calls": "通话", "feed": "动态", "mail": "邮件", "app_crash": "闪退", "account": "账号"}
for k, (sec, s) in enumerate(zip(sections, scripted)):
    cats = re.findall(r'<span class="cat" title="([a-z_]+)">([^<]+)</span>', sec)
    top = s["top_categories"][s["services"][0]][0]
    visible = re.sub(r"<[^>]+>", " ", sec)
    english = [i for i in ids if re.search(r"\b%s\b" % i, visible)]
    print("incident %d: categories %s; top region %s" % (k + 1, " ".join("%s(%s)" % (n, i) for i, n in cats[:4]),
          (re.findall(r'data-top-region="([^"]+)"', sec) or ["none"])[0]))
    if not cats or any(chinese[i] != n for i, n in cats): fail.append("incident %d: categories not in Chinese: %s" % (k + 1, cats))
    if top not in [i for i, n in cats[:2]]: fail.append("incident %d: scripted top category %s not shown first" % (k + 1, top))
    if english: fail.append("incident %d: category ids shown as text: %s" % (k + 1, english))
    if "regional" in s:
        got = re.findall(r'data-top-region="([^"]+)"', sec)
        if got != [s["regional"]["region"]]: fail.append("incident %d: top region %s, scripted %s" % (k + 1, got, s["regional"]["region"]))
for f in fail: print("FAIL:", f)
sys.exit(1 if fail else 0)
PY
flags+=(--window-size=1000,3000)
timeout 120 "$chromium" "${flags[@]}" --screenshot="$work/shot.png" "file://$work/report.html" \
  >/dev/null 2>"$work/shot.log" || { cat "$work/shot.log"; exit 1; }
# The screenshot: decode the PNG (standard library only) and look for the
# chart's line colours and enough drawn pixels.
python3 - "$work/shot.png" <<'PY'
import struct, sys, zlib
data = open(sys.argv[1], "rb").read()
assert data[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG"
pos, idat, w = 8, b"", 0
while pos < len(data):
    n, kind = struct.unpack(">I4s", data[pos:pos + 8])
    body = data[pos + 8:pos + 8 + n]
    if kind == b"IHDR":
        w, h, depth, ctype = struct.unpack(">IIBB", body[:10])
        assert depth == 8 and ctype in (2, 6), "unexpected PNG format"
        bpp = 3 if ctype == 2 else 4
    elif kind == b"IDAT":
        idat += body
    pos += 12 + n
raw = zlib.decompress(idat)
stride = w * bpp
prev = bytearray(stride)
red = blue = ink = 0
for y in range(h):
    f = raw[y * (stride + 1)]
    line = bytearray(raw[y * (stride + 1) + 1:(y + 1) * (stride + 1)])
    for i in range(stride):
        a = line[i - bpp] if i >= bpp else 0
        b = prev[i]
        c = prev[i - bpp] if i >= bpp else 0
        if f == 1: line[i] = (line[i] + a) & 255
        elif f == 2: line[i] = (line[i] + b) & 255
        elif f == 3: line[i] = (line[i] + (a + b) // 2) & 255
        elif f == 4:
            p = a + b - c
            pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
            line[i] = (line[i] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 255
    prev = line
    for x in range(0, stride, bpp):
        r, g, bl = line[x], line[x + 1], line[x + 2]
        if r < 235 or g < 235 or bl < 235: ink += 1
        if r > 180 and g < 80 and bl < 80: red += 1      # the first series (#d62728)
        if r < 80 and 90 < g < 150 and bl > 150: blue += 1  # the second (#1f77b4)
print("screenshot %dx%d: %d drawn pixels, %d red, %d blue" % (w, h, ink, red, blue))
assert ink > 0.01 * w * h, "the page looks blank"
assert red > 200, "no chart line drawn"
PY
echo "PASS"
