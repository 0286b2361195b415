#!/usr/bin/env python3
"""Scores `bengle series` on NAB with the shared scorer (../shared/tools/nab_score.py).

Runs `bengle series` on every file of the NAB folder (two processes at a time),
then prints the standard-profile score at threshold 0.5 per corpus and over all
files. With --grid it also sweeps parameters and cross-validates them:

  * leave one corpus out: for each corpus, the parameters that score best on
    the other corpora are scored on it (the estimate is the score over all
    files when each corpus is scored with parameters chosen without it);
  * leave one file out within realTweets, the same way.

Usage:
  score.py --bengle build/bengle --nab-dir ../shared/data/nab [--min 70] [--min-corpus 50]
  score.py ... --grid 'rarity-quantile=0.7,0.8' --grid 'refractory-hours=12,24'

Exits 1 when a --min bar is not met, 77 when the data or scorer is missing.
"""

import argparse
import array
import concurrent.futures
import importlib.util
import itertools
import os
import subprocess
import sys
import tempfile
import time

CORPORA = ("artificialWithAnomaly", "realAdExchange", "realAWSCloudwatch", "realKnownCause",
           "realTraffic", "realTweets")


def load_scorer(path):
    spec = importlib.util.spec_from_file_location("nab_score", path)
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def run_series(bengle, nab_dir, rels, flags, out_dir, jobs):
    """Scores every file; returns {rel: [scores]} and the wall time."""
    def one(rel):
        src = os.path.join(nab_dir, "data", rel)
        dst = os.path.join(out_dir, rel.replace("/", "__"))
        subprocess.run([bengle, "series", *flags, src, "-o", dst], check=True,
                       stderr=subprocess.DEVNULL)
        with open(dst) as f:
            next(f)
            # array, not list: a grid keeps every setting's scores at once
            return rel, array.array("d", (float(line.rsplit(",", 1)[1]) for line in f if line.strip()))
    start = time.monotonic()
    with concurrent.futures.ThreadPoolExecutor(jobs) as pool:
        out = dict(pool.map(one, rels))
    return out, time.monotonic() - start


def normalized(ns, corpus, scores, rels, profile="standard", thr=0.5):
    sub = {r: scores[r] for r in rels}
    return ns.evaluate(corpus, sub, profile, "fixed", fixed_thr=thr)["normalized"]


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    root = os.path.dirname(os.path.dirname(here))
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--bengle", default=os.path.join(root, "build", "bengle"))
    ap.add_argument("--nab-dir", default=os.path.join(root, "..", "shared", "data", "nab"))
    ap.add_argument("--scorer", default=os.path.join(root, "..", "shared", "tools", "nab_score.py"))
    ap.add_argument("--grid", action="append", default=[],
                    help="NAME=v1,v2,...: a `bengle series --NAME` to sweep")
    ap.add_argument("--flags", default="", help="extra `bengle series` flags, space separated")
    ap.add_argument("--files", action="store_true", help="print each file's score too")
    ap.add_argument("--min", type=float, help="exit 1 if the all-files score is below this")
    ap.add_argument("--min-corpus", type=float, help="exit 1 if a corpus scores below this")
    ap.add_argument("--jobs", type=int, default=2)
    args = ap.parse_args()
    if not os.path.isdir(os.path.join(args.nab_dir, "data")) or not os.path.isfile(args.scorer):
        print("NAB data or scorer missing: skipped")
        return 77
    import contextlib
    import io
    ns = load_scorer(args.scorer)
    with contextlib.redirect_stderr(io.StringIO()):  # the scorer's window-alignment warnings
        corpus = ns.Corpus(args.nab_dir)
    rels = sorted(corpus.files)
    by_corpus = {c: [r for r in rels if r.startswith(c + "/")] for c in CORPORA}
    base = args.flags.split()

    grid_names = [g.split("=", 1)[0] for g in args.grid]
    grid_values = [g.split("=", 1)[1].split(",") for g in args.grid]
    combos = list(itertools.product(*grid_values)) if args.grid else [()]
    results = []  # (combo, scores, wall)
    with tempfile.TemporaryDirectory() as tmp:
        for combo in combos:
            flags = base + [x for n, v in zip(grid_names, combo) for x in ("--" + n, v)]
            scores, wall = run_series(args.bengle, args.nab_dir, rels, flags, tmp, args.jobs)
            for r in rels:  # a short output is scored as if the missing rows were 0
                n = corpus.files[r].n
                if len(scores[r]) != n:
                    print("%s: %d output rows for %d input rows" % (r, len(scores[r]), n))
                    scores[r] = (scores[r] + array.array("d", [0.0] * n))[:n]
            results.append((combo, scores, wall))

    def table(scores):
        row = {c: normalized(ns, corpus, scores, by_corpus[c]) for c in CORPORA}
        row["all"] = normalized(ns, corpus, scores, rels)
        return row

    rows = [(combo, table(scores), wall) for combo, scores, wall in results]
    head = "  ".join("%8s" % c[:8] for c in ("all",) + CORPORA)
    print("standard profile, threshold 0.5 (NAB normalized score)")
    print("%s  wall   parameters" % head)
    for combo, row, wall in sorted(rows, key=lambda r: -r[1]["all"]):
        name = " ".join("%s=%s" % (n, v) for n, v in zip(grid_names, combo)) or "(defaults)"
        print("%s  %.2fs  %s" % ("  ".join("%8.2f" % row[c] for c in ("all",) + CORPORA), wall, name))

    if args.files:
        combo, scores, _ = results[0]
        for r in rels:
            res = ns.evaluate(corpus, {r: scores[r]}, "standard", "fixed", fixed_thr=0.5)
            t = res["totals"]
            print("  %-62s win %d hit %d FP rows %4d  raw %7.3f" % (
                r, t["windows"], t["windows_detected"], t["FP"], res["raw"]))

    if len(results) > 1:
        # Leave one corpus out: raw scores add up, so the estimate is the
        # normalized score of the union with each corpus's own choice.
        chosen = {}
        folds = CORPORA + ("artificialNoAnomaly",)  # no windows: only its false alarms count
        for held in folds:
            others = [r for r in rels if not r.startswith(held + "/")]
            best = max(results, key=lambda x: normalized(ns, corpus, x[1], others))
            chosen[held] = best
        cv = {}
        for c in folds:
            cv.update({r: chosen[c][1][r] for r in rels if r.startswith(c + "/")})
        best_all = max(results, key=lambda x: normalized(ns, corpus, x[1], rels))
        print("leave one corpus out: all files %.2f" % normalized(ns, corpus, cv, rels))
        for c in CORPORA:
            print("  %-22s %.2f  with %s" % (c, normalized(ns, corpus, cv, by_corpus[c]), chosen[c][0]))
        print("  %-22s (no windows) with %s" % ("artificialNoAnomaly", chosen["artificialNoAnomaly"][0]))
        tw = by_corpus["realTweets"]
        lofo = {}
        for held in tw:
            others = [r for r in tw if r != held]
            best = max(results, key=lambda x: normalized(ns, corpus, x[1], others))
            lofo[held] = best[1][held]
        print("leave one file out within realTweets: %.2f" % normalized(ns, corpus, lofo, tw))
        print("best on all files: %s" % (best_all[0],))

    combo, row, _ = rows[0]
    ok = True
    if args.min is not None and row["all"] < args.min:
        print("all files %.2f < %.2f" % (row["all"], args.min))
        ok = False
    if args.min_corpus is not None:
        for c in CORPORA:
            if row[c] < args.min_corpus:
                print("%s %.2f < %.2f" % (c, row[c], args.min_corpus))
                ok = False
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
