#!/usr/bin/env bash
# The HTML report, rendered by headless Chromium: the page must draw every
# chart (the page's own self-check and the screenshot's pixels), log no
# error, need no network, and stay under 3 MB.
# Usage: report_test.sh BENGLE_BINARY ARCHIVE
set -euo pipefail
bengle="$1"
archive="$2"
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
if grep -Eo '(src|href)="[a-z]+:[^"]*"|@import|url\(http' "$work/report.html" | grep -v 'http://www.w3.org/2000/svg' | grep -q .; then
  echo "FAIL: the report refers to outside resources"; exit 1
fi
flags=(--headless --no-sandbox --disable-gpu --no-first-run --disable-background-networking
       --disable-component-update --disable-sync --user-data-dir="$work/profile" --window-size=1000,3000)
timeout 120 "$chromium" "${flags[@]}" --enable-logging=stderr --v=0 --dump-dom "file://$work/report.html" \
  >"$work/dom.html" 2>"$work/chromium.log" || { cat "$work/chromium.log"; exit 1; }
charts=$(grep -o 'data-charts="[0-9]*"' "$work/dom.html" | grep -o '[0-9]*' || true)
bad=$(grep -o 'data-bad-charts="[0-9]*"' "$work/dom.html" | grep -o '[0-9]*' || true)
echo "charts: ${charts:-none}, empty: ${bad:-?}"
[ -n "$charts" ] && [ "$charts" -ge 2 ] || { echo "FAIL: the page's script did not run or found no chart"; exit 1; }
[ "$bad" = "0" ] || { echo "FAIL: $bad empty chart(s)"; exit 1; }
if grep -E 'CONSOLE|Uncaught' "$work/chromium.log" | grep -qiE 'error|uncaught'; then
  echo "FAIL: the page logged an error:"; grep -E 'CONSOLE|Uncaught' "$work/chromium.log"; exit 1
fi
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
