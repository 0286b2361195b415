#!/usr/bin/env python3
"""Writes a JSON Lines post stream to a file or named pipe at a compressed speed.

    feed.py STREAM.jsonl OUT [--hours-per-second 6 | --lines-per-second N] [--from-line N]
            [--stop-after-lines N]

Each post is written once the wall clock reaches its time (created_at, scaled:
--hours-per-second simulated hours per wall second), so a watcher sees the
stream as it would live; late posts (created before the post before them) go
out at once, in file order. Writes are flushed as they go. Prints on stderr how
far behind schedule the feed fell at worst.
"""
import argparse
import datetime as dt
import gzip
import re
import sys
import time

CREATED = re.compile(r'"created_at"\s*:\s*"([^"]+)"')


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("stream")
    ap.add_argument("out")
    ap.add_argument("--hours-per-second", type=float, default=6.0)
    ap.add_argument("--lines-per-second", type=float, default=0,
                    help="write at this steady rate instead, whatever the times")
    ap.add_argument("--from-line", type=int, default=0, help="skip the lines before this one (0-based)")
    ap.add_argument("--stop-after-lines", type=int, default=0, help="stop after writing this many lines")
    args = ap.parse_args()
    scale = args.hours_per_second * 3600.0  # simulated seconds per wall second
    opener = gzip.open if args.stream.endswith(".gz") else open
    with opener(args.stream, "rt", encoding="utf-8") as src:
        lines = src.readlines()[args.from_line:]
    if args.stop_after_lines:
        lines = lines[:args.stop_after_lines]
    stamps = {}
    due = []
    latest = None
    for line in lines:
        m = CREATED.search(line)
        text = m.group(1) if m else ""
        t = stamps.get(text[:19])
        if t is None:
            t = dt.datetime.fromisoformat(text).timestamp() if text else (latest or 0)
            stamps[text[:19]] = t
        latest = t if latest is None else max(latest, t)
        due.append(latest)  # a late post goes out with the one before it
    if args.lines_per_second > 0:
        scale = 1.0
        due = [k / args.lines_per_second for k in range(len(lines))]
    t0_sim = due[0] if due else 0
    t0_wall = time.monotonic()
    worst = 0.0
    i = 0
    with open(args.out, "w", encoding="utf-8") as out:
        while i < len(lines):
            now = time.monotonic()
            sim_now = t0_sim + (now - t0_wall) * scale
            j = i
            while j < len(lines) and due[j] <= sim_now:
                j += 1
            if j == i:
                time.sleep(min(0.005, (due[i] - sim_now) / scale))
                continue
            out.write("".join(lines[i:j]))
            out.flush()
            worst = max(worst, now - (t0_wall + (due[i] - t0_sim) / scale))
            i = j
    print("feed: %d lines in %.1f s, at worst %.2f s behind schedule" % (len(lines), time.monotonic() - t0_wall, worst),
          file=sys.stderr)


if __name__ == "__main__":
    main()
