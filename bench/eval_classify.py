#!/usr/bin/env python3
"""Scores `bengle classify` against labeled posts.

  bench/eval_classify.py [--bengle build/bengle] [--lexicon DIR] [--errors N] LABELED.jsonl
  bench/eval_classify.py --real [--split dev|test|all] [--errors N]
  bench/eval_classify.py --all          # both hand-written sets, then the real set (dev and test apart)

With a file (data/eval/posts_labeled.jsonl format):
Runs `bengle classify` on the file, joins by id, and prints per-category
precision/recall/F1, macro-F1, complaint P/R/F1, the hard-negative false-positive
rate (posts labeled complaint=false predicted complaint=true), flag accuracies,
service micro-F1, then one summary line.
"""
import argparse
import json
import os
import subprocess
import sys
import tempfile

CATEGORIES = ["messaging", "media_transfer", "login", "connectivity", "payment",
              "calls", "feed", "mail", "app_crash", "account"]


def prf(tp, fp, fn):
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return p, r, f


def count_categories(table, predicted, gold):
    """Adds one post's category tp/fp/fn to table {category: [tp, fp, fn]}."""
    for c in CATEGORIES:
        if c in predicted and c in gold:
            table[c][0] += 1
        elif c in predicted:
            table[c][1] += 1
        elif c in gold:
            table[c][2] += 1


def classify(bengle, lexicon, records):
    """Runs `bengle classify` on records (dicts with id, created_at, text); returns {id: output}."""
    with tempfile.NamedTemporaryFile("w", suffix=".jsonl", delete=False, encoding="utf-8") as t:
        for r in records:
            t.write(json.dumps({"id": r["id"], "created_at": r["created_at"], "text": r["text"]},
                               ensure_ascii=False) + "\n")
    cmd = [bengle, "classify", t.name]
    if lexicon:
        cmd += ["--lexicon", lexicon]
    try:
        out = subprocess.run(cmd, capture_output=True, text=True, check=True).stdout
    finally:
        os.unlink(t.name)
    return {d["id"]: d for d in map(json.loads, out.splitlines())}


def score_real(recs, pred, name, errors=0):
    """Real-set figures: complaint P/R/F1 (and with a service named), official recall, category
    macro-F1 over gold complaints, false positives per kind."""
    comp = [0, 0, 0]
    comp_svc = [0, 0]  # predicted complaints naming a service (predicted, or by the annotator): right, wrong
    off = [0, 0, 0]
    cat = {c: [0, 0, 0] for c in CATEGORIES}
    cat_tp = {c: [0, 0, 0] for c in CATEGORIES}  # the same over complaints found (gold and predicted)
    fp_kind, fn_kind = {}, {}
    wrong = []
    for r in recs:
        g, p = r["labels"], pred[r["id"]]
        if p["complaint"] and g["complaint"]:
            comp[0] += 1
        elif p["complaint"]:
            comp[1] += 1
            fp_kind[r.get("kind", "?")] = fp_kind.get(r.get("kind", "?"), 0) + 1
        elif g["complaint"]:
            comp[2] += 1
            k = "hot" if r["id"].startswith("hot-") else "post"
            fn_kind[k] = fn_kind.get(k, 0) + 1
        if p["complaint"] and (p["services"] or r.get("service_text")):
            comp_svc[0 if g["complaint"] else 1] += 1
        off[0] += p["official"] and g["official"]
        off[1] += p["official"] and not g["official"]
        off[2] += g["official"] and not p["official"]
        if g["complaint"]:
            pc = {c["name"] for c in p["categories"]}
            gc = set(g["categories"])
            for table in ([cat, cat_tp] if p["complaint"] else [cat]):
                count_categories(table, pc, gc)
        if p["complaint"] != g["complaint"] or p["official"] != g["official"]:
            wrong.append((r, p))
    cp, cr, cf = prf(*comp)
    sp = comp_svc[0] / sum(comp_svc) if sum(comp_svc) else 0.0
    op, orc, _ = prf(*off)
    f1s = []
    for c in CATEGORIES:
        tp, fp, fn = cat[c]
        if tp + fn:
            f1s.append(prf(tp, fp, fn)[2])
    macro = sum(f1s) / len(f1s) if f1s else 0.0
    f1s_tp = [prf(*cat_tp[c])[2] for c in CATEGORIES if cat_tp[c][0] + cat_tp[c][2]]
    macro_tp = sum(f1s_tp) / len(f1s_tp) if f1s_tp else 0.0
    gold_c = comp[0] + comp[2]
    print(f"[{name}] records={len(recs)} complaints={gold_c} official={off[0] + off[2]}")
    print(f"[{name}] complaint P={cp:.3f} R={cr:.3f} F1={cf:.3f} (tp {comp[0]}, fp {comp[1]}, fn {comp[2]})")
    print(f"[{name}] precision with a service named {sp:.3f} ({comp_svc[0]}/{sum(comp_svc)})")
    print(f"[{name}] official P={op:.3f} R={orc:.3f} (tp {off[0]}, fp {off[1]}, fn {off[2]})")
    print(f"[{name}] category macro-F1 over complaints {macro:.3f} ({len(f1s)} categories with support; "
          f"a missed complaint misses its categories)")
    print(f"[{name}] category macro-F1 over complaints found {macro_tp:.3f} ({len(f1s_tp)} categories with support)")
    for c in CATEGORIES:
        tp, fp, fn = cat[c]
        if tp + fn + fp:
            p_, r_, f_ = prf(tp, fp, fn)
            print(f"[{name}]   {c:16s} P={p_:.3f} R={r_:.3f} F1={f_:.3f} n={tp + fn}")
    print(f"[{name}] false positives by kind: " + (", ".join(f"{k} {v}" for k, v in sorted(fp_kind.items(), key=lambda x: -x[1])) or "none"))
    print(f"[{name}] misses by source: " + (", ".join(f"{k} {v}" for k, v in sorted(fn_kind.items())) or "none"))
    for r, p in wrong[:errors]:
        print(f"--- {r['id']} [{r.get('kind')}] {r['text'][:120]}\n    gold complaint={r['labels']['complaint']} "
              f"official={r['labels']['official']} cats={r['labels']['categories']}  pred complaint={p['complaint']} "
              f"official={p['official']} cats={[c['name'] for c in p['categories']]} svc={p['services']}", file=sys.stderr)
    print(f"SUMMARY real={name} records={len(recs)} complaint_p={cp:.4f} complaint_r={cr:.4f} complaint_f1={cf:.4f} "
          f"service_named_p={sp:.4f} official_p={op:.4f} official_r={orc:.4f} category_macro_f1={macro:.4f} "
          f"category_macro_f1_found={macro_tp:.4f} fp={comp[1]}")


def run_real(a):
    sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "real"))
    import real_labels
    recs = real_labels.load()
    if recs is None:
        print("real set: skipped (../shared/data/real not found; set BENGLE_REAL_DATA)")
        return
    pred = classify(a.bengle, a.lexicon, recs)
    splits = ["dev", "test"] if a.split == "both" else [a.split]
    for sp in splits:
        sel = [r for r in recs if sp == "all" or r["split"] == sp]
        score_real(sel, pred, sp, a.errors)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("labeled", nargs="?")
    ap.add_argument("--real", action="store_true", help="score data/eval/real_labels.jsonl (real texts from ../shared)")
    ap.add_argument("--split", default="both", choices=["dev", "test", "both", "all"],
                    help="with --real: which split (default both, printed apart)")
    ap.add_argument("--all", action="store_true", help="both hand-written sets, then the real set")
    ap.add_argument("--bengle", default="build/bengle")
    ap.add_argument("--lexicon")
    ap.add_argument("--errors", type=int, default=0, help="print this many misclassified posts")
    a = ap.parse_args()
    if a.all:
        here = os.path.dirname(os.path.abspath(__file__))
        for f in ("posts_labeled.jsonl", "posts_heldout.jsonl", "probes_posts_a.jsonl", "probes_titles_b.jsonl",
                  "probes_heldout_c.jsonl"):
            print(f"== data/eval/{f}")
            sys.stdout.flush()
            score_file(a, os.path.join(here, "..", "data", "eval", f))
        print("== data/eval/real_labels.jsonl")
        run_real(a)
        return
    if a.real:
        run_real(a)
        return
    if not a.labeled:
        ap.error("give a LABELED.jsonl file, --real or --all")
    score_file(a, a.labeled)


def score_file(a, path):
    gold, texts = {}, {}
    with open(path, encoding="utf-8") as f:
        for line in f:
            if line.strip():
                d = json.loads(line)
                gold[str(d["id"])] = d["labels"]
                texts[str(d["id"])] = d["text"]
    cmd = [a.bengle, "classify", path]
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
        count_categories(cat, pc, gc)
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
