#!/usr/bin/env python3
"""Issue 14, bar 2: the right service named on real "X崩了" hot-search titles.

The judged set is the `outage_title` stratum of data/eval/real_labels.jsonl (every title of
the "X崩了" form in the first labeling round, read and judged by annotators): a title judged a
real outage (labels.complaint) should name the service the annotator wrote down
(`service_text`), from the catalogue or discovered ("new:X"); a title judged figurative or not
about a service should not be a complaint. Dev and test apart (tune on dev, report test).

    python3 bench/real/eval_services.py [--bengle build/bengle] [--split dev|test|both] [--show N]
"""
import argparse
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
sys.path.insert(0, os.path.join(HERE, ".."))
import real_labels  # noqa: E402
from eval_classify import classify  # noqa: E402

CATALOGUE = os.path.join(HERE, "..", "..", "data", "catalogue", "services.tsv")


def aliases_by_id():
    """Every name of a service, its features' names included (零钱通 names wechat)."""
    out = {}
    with open(CATALOGUE, encoding="utf-8") as f:
        for line in f:
            if not line.strip() or line.startswith("#"):
                continue
            fields = line.rstrip("\n").split("\t")
            names = {a.lower() for a in fields[5].split("|")} | {fields[1].lower()}
            out.setdefault(fields[0], set()).update(names)
            if fields[4] != "-":
                out.setdefault(fields[4], set()).update(names)
    return out


def right_service(pred, wanted, aliases):
    """A predicted service is right when one of its names is what the annotator wrote (or
    contains it, or is contained in it: 王者荣耀 / 王者荣耀服务器)."""
    wanted = [w.lower() for w in wanted if w.strip()]
    if not wanted:
        return False
    for sid, name in zip(pred.get("services", []), pred.get("service_names", [])):
        names = {name.lower()} | aliases.get(sid, set())
        if sid.startswith("new:"):
            names.add(sid[4:].lower())
        for n in names:
            for w in wanted:
                if n == w or (len(n) >= 2 and n in w) or (len(w) >= 2 and w in n):
                    return True
    return False


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--bengle", default=os.path.join(HERE, "..", "..", "build", "bengle"))
    ap.add_argument("--split", default="dev", choices=["dev", "test", "both"])
    ap.add_argument("--show", type=int, default=0, help="print this many errors (dev only)")
    a = ap.parse_args()
    recs = real_labels.load()
    if recs is None:
        print("skipped: ../shared/data/real not found")
        return 77
    aliases = aliases_by_id()
    titles = [r for r in recs if "outage_title" in r["strata"]]
    pred = classify(a.bengle, None, titles)
    failed = 0
    for split in (["dev", "test"] if a.split == "both" else [a.split]):
        rs = [r for r in titles if r["split"] == split]
        outages = [r for r in rs if r["labels"]["complaint"]]
        others = [r for r in rs if not r["labels"]["complaint"]]
        right = [r for r in outages if right_service(pred[r["id"]], r.get("service_text", []), aliases)]
        found = [r for r in outages if pred[r["id"]]["complaint"]]
        fp = [r for r in others if pred[r["id"]]["complaint"]]
        print(f"{split}: {len(rs)} 'X崩了' titles judged: {len(outages)} real outages, {len(others)} not")
        print(f"  right service named: {len(right)}/{len(outages)} = {len(right) / max(1, len(outages)):.3f}"
              f"  (complaint flagged: {len(found) / max(1, len(outages)):.3f})")
        print(f"  complaints among the others: {len(fp)}/{len(others)} = {len(fp) / max(1, len(others)):.3f}")
        if a.show and split == "dev":
            for r in [r for r in outages if r not in right][: a.show]:
                p = pred[r["id"]]
                print("  MISS", r["id"], r["text"][:40], r.get("service_text"), p["services"], p["service_names"])
            for r in fp[: a.show]:
                p = pred[r["id"]]
                print("  FP  ", r["id"], r["kind"], r["text"][:40], p["services"], p["service_names"])
    return failed


if __name__ == "__main__":
    sys.exit(main())
