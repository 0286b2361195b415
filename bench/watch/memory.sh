#!/usr/bin/env bash
# Issue 17, bar 5: bengle watch's memory over a long live stream.
# Streams HOURS simulated hours of posts at RATE posts per simulated second
# (defaults: 24 h at 2,000 posts/s = 172.8 M posts) into `bengle watch` on
# standard input, as fast as it takes them, and samples its resident memory
# every 10 s; prints the samples, the peak (VmHWM) and posts/s.
# Usage: bench/watch/memory.sh [BUILD_DIR] [HOURS] [RATE]
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
build="${1:-$root/build}"
hours="${2:-24}"
rate="${3:-2000}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
python3 "$root/bench/watch/synth_feed.py" --hours "$hours" --rate "$rate" |
  "$build/bengle" watch --db "$work/m.db" --flush 5 > "$work/events" 2> "$work/err" &
sleep 1
pid=$(pgrep -n -f "bengle watch --db $work/m.db")
start=$(date +%s)
echo "elapsed_s rss_MB"
while kill -0 "$pid" 2>/dev/null; do
  rss=$(awk '/VmRSS/ {print int($2/1024)}' "/proc/$pid/status" 2>/dev/null || echo 0)
  hwm=$(awk '/VmHWM/ {print int($2/1024)}' "/proc/$pid/status" 2>/dev/null || echo "$hwm")
  echo "$(( $(date +%s) - start )) $rss"
  sleep 10
done
wait
cat "$work/err"
echo "peak RSS (VmHWM at the last sample): ${hwm:-?} MB; $(wc -l < "$work/events") events"
