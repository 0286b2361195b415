#!/usr/bin/env python3
"""How far two annotators agree on the real test split: the ceiling for issue 12's bars.

data/eval/real_labels_a2.jsonl is a second, blind labeling of every test record of
data/eval/real_labels.jsonl (same guide, Version 2; the annotators saw neither the first
labels nor the classifier). This scores the second annotator against the first exactly as
bench/eval_classify.py --real scores the classifier, so the two can be read side by side.
Needs only the two label files (no texts).

    python3 bench/real/agreement.py
"""
import json
import os

HERE = os.path.dirname(os.path.abspath(__file__))
EVAL = os.path.join(HERE, "..", "..", "data", "eval")
CATS = ["messaging", "media_transfer", "login", "connectivity", "payment", "calls", "feed", "mail",
        "app_crash", "account"]


def read(name):
    with open(os.path.join(EVAL, name), encoding="utf-8") as f:
        return {r["id"]: r for r in map(json.loads, filter(str.strip, f))}


def prf(pairs):
    tp = sum(1 for x, y in pairs if x and y)
    fp = sum(1 for x, y in pairs if x and not y)
    fn = sum(1 for x, y in pairs if y and not x)
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0), tp + fn


def main():
    first = {k: v for k, v in read("real_labels.jsonl").items() if v["split"] == "test"}
    second = read("real_labels_a2.jsonl")
    missing = set(first) - set(second)
    if missing:
        raise SystemExit(f"real_labels_a2.jsonl lacks {len(missing)} test ids")
    ids = sorted(first)
    g = {k: first[k]["labels"] for k in ids}
    a = {k: second[k]["labels"] for k in ids}
    print(f"test split: {len(ids)} records, first annotator's complaints: {sum(g[k]['complaint'] for k in ids)}")
    p, r, f, n = prf([(a[k]["complaint"], g[k]["complaint"]) for k in ids])
    print(f"complaint            P {p:.3f}  R {r:.3f}  F1 {f:.3f}")
    named = [(a[k]["complaint"], g[k]["complaint"]) for k in ids if a[k]["complaint"] and a[k]["services"]]
    print(f"P, service named     {prf(named)[0]:.3f}  ({len(named)} records)")
    p, r, f, n = prf([(a[k]["official"], g[k]["official"]) for k in ids])
    print(f"official             P {p:.3f}  R {r:.3f}  ({n} official)")
    f1s = []
    for c in CATS:
        pairs = [(a[k]["complaint"] and c in a[k]["categories"], c in g[k]["categories"])
                 for k in ids if g[k]["complaint"]]
        if any(x or y for x, y in pairs):
            f1s.append(prf(pairs)[2])
    print(f"category macro-F1 over complaints {sum(f1s) / len(f1s):.3f}  ({len(f1s)} categories present)")


if __name__ == "__main__":
    main()
