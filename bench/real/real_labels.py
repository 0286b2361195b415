"""Loads data/eval/real_labels.jsonl joined to the real texts in ../shared/data/real.

The labels file keeps ids only (the texts are not ours to copy). load() returns None when
the real corpora are not at hand, so callers skip cleanly:

    import real_labels
    recs = real_labels.load()          # [{"id", "text", "split", "strata", "labels", "kind", ...}]
    if recs is None: print("skipped: ../shared/data/real not found")
"""
import gzip
import json
import os

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.normpath(os.path.join(HERE, "..", ".."))
LABELS = os.path.join(REPO, "data", "eval", "real_labels.jsonl")
REAL = os.path.normpath(os.path.join(REPO, "..", "shared", "data", "real"))
CORPORA = ["weibo_smp2020_train.jsonl.gz", "weibo_hot_titles_2020-2023.jsonl.gz"]


def real_dir(override=None):
    d = override or os.environ.get("BENGLE_REAL_DATA") or REAL
    return d if all(os.path.exists(os.path.join(d, c)) for c in CORPORA) else None


def iter_corpus(name, real=None):
    d = real_dir(real)
    with gzip.open(os.path.join(d, name), "rt", encoding="utf-8") as f:
        for line in f:
            if line.strip():
                yield json.loads(line)


def load(labels=LABELS, real=None):
    d = real_dir(real)
    if d is None:
        return None
    recs = []
    with open(labels, encoding="utf-8") as f:
        for line in f:
            if line.strip():
                recs.append(json.loads(line))
    want = {r["id"]: r for r in recs}
    for name in CORPORA:
        for doc in iter_corpus(name, d):
            r = want.get(doc["id"])
            if r is not None:
                r["text"] = doc["text"]
                r["created_at"] = doc["created_at"]
    missing = [r["id"] for r in recs if "text" not in r]
    if missing:
        raise SystemExit(f"{labels}: {len(missing)} labeled ids not in {d} (first: {missing[0]})")
    return recs
