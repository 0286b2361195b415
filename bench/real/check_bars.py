#!/usr/bin/env python3
"""The real-text bars of the classifier (issue 12), as a test; 77 (skipped) when
../shared/data/real is not at hand.

  bench/real/check_bars.py [--bengle build/bengle]

Prints the test split of data/eval/real_labels.jsonl against the issue's bars (complaint
precision >= 0.90, recall >= 0.85, precision >= 0.95 when a service is named, official recall
>= 0.8, category macro-F1 over complaints >= 0.85), met or not.

Fails (exit 1) when
  - the test split falls below this release's figures (FLOORS: a regression guard; the bars
    above are not all met yet, README "Real text" says which), or
  - all 34,530 real Weibo posts get more than 20 complaint flags per 10,000 (a bar that is met).
"""
import argparse
import json
import os
import re
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import real_labels  # noqa: E402

BARS = {"complaint_p": 0.90, "complaint_r": 0.85, "service_named_p": 0.95, "official_r": 0.80,
        "category_macro_f1": 0.85}
# Measured on the test split at this release (README), rounded down.
# complaint_p: 0.785 until a whole headline "X崩了" needed a service name as X (0.830 with it,
# 0.832 at the end of that release); complaint_r 0.596 at the end of that release.
# service_named_p: 0.894 before the service catalogue; with it, complaints naming one of
# hundreds of services (not only the sixteen) count as "service named", so the measure
# covers more complaints (0.885 at the release that added it, with complaint P and R up).
# official_r: 0.625 until official came to mean a service answering for a failure (the
# issue's definition): "X回应<any news>" headlines no longer count, official flags on the
# 275,248 real titles fell from 527 to 43 and dev precision rose from 0.21 to 0.67; test
# recall 0.458 at that release.
# Release 2026-12-07 (rules revised on posts and titles written by another hand): complaint_p
# 0.837, complaint_r 0.617, service_named_p 0.899.
FLOORS = {"complaint_p": 0.83, "complaint_r": 0.61, "service_named_p": 0.89, "official_r": 0.45,
          "category_macro_f1": 0.18}
# Not a bar of the issue, a guard of this release's change: official precision on the test
# split (0.786 at the release that made official mean a response to a failure; about 0.2
# before it).
GUARDS = {"official_p": 0.75}


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--bengle", default=os.path.join(HERE, "..", "..", "build", "bengle"))
    a = ap.parse_args()
    d = real_labels.real_dir()
    if d is None:
        print("skipped: real corpora not found (../shared/data/real or BENGLE_REAL_DATA)")
        return 77
    ok = True
    out = subprocess.run([sys.executable, os.path.join(HERE, "..", "eval_classify.py"), "--real", "--split", "test",
                          "--bengle", a.bengle], capture_output=True, text=True, check=True).stdout
    print(out, end="")
    summary = [l for l in out.splitlines() if l.startswith("SUMMARY")][-1]
    f = {k: float(v) for k, v in re.findall(r"(\w+)=([0-9.]+)", summary) if k in BARS or k in GUARDS}
    for k, floor in GUARDS.items():
        print(f"guard {k} >= {floor}: {f[k]:.3f}")
        if f[k] < floor:
            print(f"FAIL: test split {k} {f[k]:.3f} fell below this release's {floor}")
            ok = False
    for k, bar in BARS.items():
        print(f"bar {k} >= {bar}: {f[k]:.3f} {'met' if f[k] >= bar else 'NOT met'}")
        if f[k] < FLOORS[k]:
            print(f"FAIL: test split {k} {f[k]:.3f} fell below this release's {FLOORS[k]}")
            ok = False
    proc = subprocess.run([a.bengle, "classify", os.path.join(d, real_labels.CORPORA[0])],
                          capture_output=True, text=True, check=True)
    n = flags = 0
    for line in proc.stdout.splitlines():
        n += 1
        flags += json.loads(line)["complaint"]
    rate = flags / n * 1e4
    print(f"all {n} real posts: {flags} complaint flags, {rate:.1f} per 10,000 (bar <= 20)")
    if rate > 20:
        print("FAIL: too many complaint flags on real posts")
        ok = False
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
