#!/usr/bin/env python3
"""bengle.dask against `bengle ingest` on the 21-day generated archive (issue 19, bar 3).

    PYTHONPATH=build/python python3 bench/dask/run.py [BUILD_DIR] [--posts N] [--partitions P] [--runs R]

One run, on this machine: generates the archive (bench/gen_archive.py, 1.3 M
posts, 21 days), then
  1. `bengle ingest --threads 2` into store A (median wall of R runs),
  2. a LocalCluster of 2 worker processes (1 thread each; its start-up timed
     apart), and bengle.dask.aggregate() over P byte-range partitions into
     store B (median wall of R runs, each into a fresh store),
  3. every table of A and B compared (tests/python/storecmp.py) and the
     incidents of `bengle detect` on both compared,
  4. the same with one worker killed (SIGKILL) after the first partition
     arrived: store C compared with A.
Prints posts/s of both, the ratio (bar >= 0.70), the per-partition cost and
the client's share, which bound the scaling on N machines (README "Python").
"""
import argparse
import json
import os
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time

root = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("build", nargs="?", default=os.path.join(root, "build"))
    ap.add_argument("--posts", type=int, default=1300000)
    ap.add_argument("--partitions", type=int, default=16)
    ap.add_argument("--runs", type=int, default=3)
    args = ap.parse_args()
    build = os.path.abspath(args.build)
    sys.path.insert(0, os.path.join(build, "python"))
    sys.path.insert(0, os.path.join(root, "tests", "python"))
    # the workers find the package through PYTHONPATH
    os.environ["PYTHONPATH"] = os.path.join(build, "python") + os.pathsep + os.environ.get("PYTHONPATH", "")
    global bengle, storecmp
    import bengle
    import bengle.dask
    import storecmp
    from dask.distributed import Client, LocalCluster

    cli = os.path.join(build, "bengle")
    work = tempfile.mkdtemp(dir=os.environ.get("BENGLE_BENCH_DIR"))
    archive = os.path.join(work, "a.jsonl")
    try:
        with open("/proc/cpuinfo") as f:
            model = next(line.split(":", 1)[1].strip() for line in f if line.startswith("model name"))
        print(f"machine: {os.cpu_count()} cores, {model}")
        subprocess.run([sys.executable, os.path.join(root, "bench", "gen_archive.py"), "--posts", str(args.posts),
                        "--seed", "1", "-o", archive], check=True, capture_output=True)
        size = os.path.getsize(archive)
        print(f"archive: {args.posts} posts, {size / 1e6:.0f} MB, 21 days")

        def detect(db):
            copy = db + ".detect"
            shutil.copy(db, copy)
            out = subprocess.run([cli, "detect", "--db", copy, "--format", "json"], check=True, capture_output=True,
                                 text=True).stdout
            return json.loads(out)

        a = os.path.join(work, "A.db")
        walls = []
        for _ in range(args.runs):
            for f in os.listdir(work):
                if f.startswith("A.db"):
                    os.remove(os.path.join(work, f))
            print(f"  load before ingest: {os.getloadavg()[0]:.2f}")
            t = time.perf_counter()
            subprocess.run([cli, "ingest", "--threads", "2", "--db", a, archive], check=True, capture_output=True)
            walls.append(time.perf_counter() - t)
        ingest_s = statistics.median(walls)
        print(f"bengle ingest --threads 2 : {args.posts / ingest_s / 1e3:6.1f} k posts/s  (median {ingest_s:.2f} s: "
              + ", ".join(f"{w:.2f}" for w in walls) + ")")

        t = time.perf_counter()
        cluster = LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None)
        client = Client(cluster)
        client.run(lambda: __import__("bengle.dask"))
        print(f"LocalCluster(2 workers x 1 thread) start-up: {time.perf_counter() - t:.2f} s (not counted)")
        walls, reports = [], []
        for k in range(args.runs):
            b = os.path.join(work, f"B{k}.db")
            print(f"  load before dask: {os.getloadavg()[0]:.2f}")
            t = time.perf_counter()
            r = bengle.dask.aggregate(archive, client, store=b, npartitions=args.partitions)
            walls.append(time.perf_counter() - t)
            reports.append(r)
        dask_s = statistics.median(walls)
        r = reports[walls.index(dask_s)]
        print(f"bengle.dask.aggregate      : {args.posts / dask_s / 1e3:6.1f} k posts/s  (median {dask_s:.2f} s: "
              + ", ".join(f"{w:.2f}" for w in walls) + f"; {r['partitions']} partitions)")
        print(f"ratio dask / ingest        : {ingest_s / dask_s:.2f}  (bar >= 0.70)")
        tasks = r["task_seconds"]
        per_post_us = sum(tasks) / args.posts * 1e6
        print(f"per partition: mean {statistics.mean(tasks):.2f} s for {args.posts // len(tasks)} posts "
              f"({per_post_us:.1f} us per post on one worker core); client: merge {r['merge_seconds']:.2f} s, "
              f"store write {r['apply_seconds']:.2f} s ({(r['merge_seconds'] + r['apply_seconds']) / args.posts * 1e6:.2f}"
              " us per post)")
        same = [storecmp.compare(a, os.path.join(work, f"B{k}.db")) for k in range(args.runs)]
        print("stores equal (every table, every run):", all(d == [] for d in same), "-", storecmp.summary(a))
        for d in same:
            for line in d:
                print("  DIFF", line)
        inc_a = detect(a)
        print(f"incidents identical: {inc_a == detect(os.path.join(work, 'B0.db'))} ({len(inc_a)} incidents)")

        pids = client.run(os.getpid)
        victim = sorted(pids.values())[0]
        killed = []

        def progress(done, total):
            if done == 1 and not killed:
                os.kill(victim, signal.SIGKILL)
                killed.append(total - done)

        c = os.path.join(work, "C.db")
        t = time.perf_counter()
        rk = bengle.dask.aggregate(archive, client, store=c, npartitions=args.partitions, on_progress=progress)
        print(f"worker {victim} killed with {killed[0]} of {rk['partitions']} partitions outstanding: "
              f"{time.perf_counter() - t:.2f} s; store equal: {storecmp.compare(a, c) == []}; "
              f"incidents identical: {detect(c) == inc_a}")
        client.close()
        cluster.close()
    finally:
        shutil.rmtree(work, ignore_errors=True)


# Dask starts its worker processes by spawning: they import this file, and
# must not run the benchmark again.
if __name__ == "__main__":
    main()
