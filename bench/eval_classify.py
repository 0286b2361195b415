#!/usr/bin/env python3
"""Scores `bengle classify` against a labeled file (data/eval/posts_labeled.jsonl format).

  bench/eval_classify.py [--bengle build/bengle] [--lexicon DIR] [--errors N] LABELED.jsonl

Runs `bengle classify` on the file, joins by id, and prints per-category
precision/recall/F1, macro-F1, complaint P/R/F1, the hard-negative false-positive
rate (posts labeled complaint=false predicted complaint=true), flag accuracies,
service micro-F1, then one summary line.
"""
import argparse
import json
import subprocess
import sys

CATEGORIES = ["messaging", "media_transfer", "login", "connectivity", "payment",
              "calls", "feed", "mail", "app_crash", "account"]


def prf(tp, fp, fn):
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return p, r, f


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("labeled")
    ap.add_argument("--bengle", default="build/bengle")
    ap.add_argument("--lexicon")
    ap.add_argument("--errors", type=int, default=0, help="print this many misclassified posts")
    a = ap.parse_args()

    gold, texts = {}, {}
    with open(a.labeled, encoding="utf-8") as f:
        for line in f:
            if line.strip():
                d = json.loads(line)
                gold[str(d["id"])] = d["labels"]
                texts[str(d["id"])] = d["text"]
    cmd = [a.bengle, "classify", a.labeled]
    if a.lexicon:
        cmd += ["--lexicon", a.lexicon]
    out = subprocess.run(cmd, capture_output=True, text=True, check=True).stdout
    pred = {}
    for line in out.splitlines():
        d = json.loads(line)
        pred[d["id"]] = d
    missing = [i for i in gold if i not in pred]
    if missing:
        print(f"warning: {len(missing)} labeled posts have no output", file=sys.stderr)

    cat = {c: [0, 0, 0] for c in CATEGORIES}
    comp = [0, 0, 0]
    svc = [0, 0, 0]
    flags = {k: [0, 0] for k in ("negated", "recovery", "official")}
    neg_total = neg_fp = 0
    errors = []
    for i, g in gold.items():
        p = pred.get(i, {"services": [], "categories": [], "complaint": False,
                         "negated": False, "recovery": False, "official": False})
        pc = {c["name"] for c in p["categories"]}
        gc = set(g["categories"])
        for c in CATEGORIES:
            if c in pc and c in gc:
                cat[c][0] += 1
            elif c in pc:
                cat[c][1] += 1
            elif c in gc:
                cat[c][2] += 1
        if p["complaint"] and g["complaint"]:
            comp[0] += 1
        elif p["complaint"]:
            comp[1] += 1
        elif g["complaint"]:
            comp[2] += 1
        if not g["complaint"]:
            neg_total += 1
            neg_fp += p["complaint"]
        ps, gs = set(p["services"]), set(g["services"])
        svc[0] += len(ps & gs)
        svc[1] += len(ps - gs)
        svc[2] += len(gs - ps)
        for k in flags:
            flags[k][0] += p[k] == g[k]
            flags[k][1] += 1
        wrong = p["complaint"] != g["complaint"] or pc != gc or ps != gs or any(p[k] != g[k] for k in flags)
        if wrong:
            errors.append((i, g, p))

    print(f"{'category':16s} {'P':>6s} {'R':>6s} {'F1':>6s} {'n':>5s}")
    f1s = []
    for c in CATEGORIES:
        tp, fp, fn = cat[c]
        p, r, f = prf(tp, fp, fn)
        f1s.append(f)
        print(f"{c:16s} {p:6.3f} {r:6.3f} {f:6.3f} {tp + fn:5d}")
    macro = sum(f1s) / len(f1s)
    cp, cr, cf = prf(*comp)
    sp, sr, sf = prf(*svc)
    fpr = neg_fp / neg_total if neg_total else 0.0
    print(f"complaint P={cp:.3f} R={cr:.3f} F1={cf:.3f}")
    print(f"hard negatives: {neg_fp}/{neg_total} predicted complaint (FP rate {fpr:.3%})")
    print("flag accuracy: " + ", ".join(f"{k} {v[0] / v[1]:.3f}" for k, v in flags.items()))
    print(f"services micro P={sp:.3f} R={sr:.3f} F1={sf:.3f}")
    for i, g, p in errors[: a.errors]:
        print(f"--- {i}: {texts[i]}\n    gold {json.dumps(g, ensure_ascii=False)}\n    pred "
              + json.dumps({k: p[k] for k in ('services', 'categories', 'complaint', 'negated', 'recovery', 'official')},
                           ensure_ascii=False), file=sys.stderr)
    print(f"SUMMARY posts={len(gold)} macro_f1={macro:.4f} complaint_f1={cf:.4f} "
          f"hard_negative_fp={fpr:.4f} service_micro_f1={sf:.4f}")


if __name__ == "__main__":
    main()
