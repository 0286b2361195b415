#!/usr/bin/env python3
"""bengle.classify on a 100k-row DataFrame against `bengle classify --threads 2`
on the same posts as JSON Lines, in one run (issue 19, bar 2).

    PYTHONPATH=build/python python3 bench/python/classify_bench.py [BUILD_DIR] [--posts N] [--runs R]

Both sides: the median wall time of R runs (default 5), on the same machine
one after the other. The CLI reads and parses the JSONL file and writes its
JSON lines to /dev/null; Python gets the DataFrame already in memory (loading
it is the user's own step, reported apart) and returns a DataFrame. The CLI's
fixed start-up (loading the classifier; measured on an empty file) is
reported too, and the ratio is given with and without it.
"""
import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time

import pandas as pd

root = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
ap = argparse.ArgumentParser()
ap.add_argument("build", nargs="?", default=os.path.join(root, "build"))
ap.add_argument("--posts", type=int, default=100000)
ap.add_argument("--runs", type=int, default=5)
args = ap.parse_args()
sys.path.insert(0, os.path.join(os.path.abspath(args.build), "python"))
import bengle  # noqa: E402

cli = os.path.join(os.path.abspath(args.build), "bengle")
tmp = tempfile.mkdtemp()
path = os.path.join(tmp, "posts.jsonl")
subprocess.run([sys.executable, os.path.join(root, "bench", "gen_archive.py"), "--posts", str(args.posts),
                "--seed", "1", "-o", path], check=True, capture_output=True)
empty = os.path.join(tmp, "empty.jsonl")
open(empty, "w").close()

with open("/proc/cpuinfo") as f:
    model = next(line.split(":", 1)[1].strip() for line in f if line.startswith("model name"))
print(f"machine: {os.cpu_count()} cores, {model}; load {os.getloadavg()[0]:.2f}")

t0 = time.perf_counter()
df = pd.read_json(path, lines=True, dtype={"id": str}, convert_dates=False)
print(f"{len(df)} posts, {os.path.getsize(path) / 1e6:.1f} MB, mean text {df['text'].str.len().mean():.0f} chars "
      f"(pandas read_json: {time.perf_counter() - t0:.2f} s, not counted)")


def wall(fn):
    t = time.perf_counter()
    fn()
    return time.perf_counter() - t


def run_cli(f):
    with open(os.devnull, "wb") as null:
        subprocess.run([cli, "classify", "--threads", "2", f], stdout=null, stderr=null, check=True)


c = bengle.Classifier()
bengle.classify(df.head(1000), classifier=c, threads=2)  # warm
cli_t, py_t, start_t = [], [], []
for _ in range(args.runs):  # interleaved, so both see the same machine
    cli_t.append(wall(lambda: run_cli(path)))
    start_t.append(wall(lambda: run_cli(empty)))
    py_t.append(wall(lambda: bengle.classify(df, classifier=c, threads=2)))
cli_s, py_s, start_s = map(statistics.median, (cli_t, py_t, start_t))
n = len(df)
print(f"bengle classify --threads 2 : {n / cli_s / 1e3:7.1f} k posts/s  (median {cli_s:.3f} s of {args.runs})")
print(f"  of which start-up          : {start_s:.3f} s (empty input)")
print(f"bengle.classify(df, threads=2): {n / py_s / 1e3:7.1f} k posts/s  (median {py_s:.3f} s of {args.runs})")
print(f"ratio Python / CLI          : {cli_s / py_s:.2f}  (bar >= 0.80)")
print(f"ratio without CLI start-up  : {(cli_s - start_s) / py_s:.2f}")
