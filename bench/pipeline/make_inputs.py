#!/usr/bin/env python3
"""Inputs for bench/pipeline/run.sh.

  make_inputs.py real OUT [N]     N real Weibo texts from ../shared/data/real (every post of
                                  weibo_smp2020_train, then hot-search titles in file order
                                  up to N; default 200000) as bengle JSONL; exits 77 when the
                                  real corpora are not at hand
  make_inputs.py empty IN OUT     IN with every text emptied: the read + parse + write floor
                                  (the same records, ids, times and users; nothing to match)
"""
import json
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "real"))
import real_labels  # noqa: E402


def real(out, n):
    if real_labels.real_dir() is None:
        print("real corpora not found (../shared/data/real or BENGLE_REAL_DATA): skipped")
        return 77
    written = 0
    with open(out, "w", encoding="utf-8") as f:
        for name in real_labels.CORPORA:
            for rec in real_labels.iter_corpus(name):
                if written == n:
                    break
                f.write(json.dumps(rec, ensure_ascii=False) + "\n")
                written += 1
    print(f"{written} real texts")
    return 0


def empty(src, out):
    with open(src, encoding="utf-8") as f, open(out, "w", encoding="utf-8") as g:
        for line in f:
            rec = json.loads(line)
            rec["text"] = ""
            g.write(json.dumps(rec, ensure_ascii=False) + "\n")
    return 0


def main(argv):
    if len(argv) >= 2 and argv[0] == "real":
        return real(argv[1], int(argv[2]) if len(argv) > 2 else 200000)
    if len(argv) == 3 and argv[0] == "empty":
        return empty(argv[1], argv[2])
    print(__doc__, file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
