#!/usr/bin/env python3
"""The one-way arrows of README "Architecture", checked.

Every stage is a folder of lib/ and the public headers it owns. A file may
include its own stage and stages below it, never one above it or beside it
(same rank): that rules out include cycles between folders and a lower stage
knowing a higher one. Exit status 1 lists every offending include.

    python3 tests/layering_check.py [REPO]
"""
import os
import re
import sys

# rank, lib/ folder, public headers owned (include/bengle/<name>.h)
STAGES = [
    (0, "util", ["status", "export", "time", "data_dir"]),
    (1, "incident", ["incident"]),
    (2, "ingest", ["ingest"]),
    (3, "normalize", ["normalize"]),
    (4, "segment", ["segment"]),
    (5, "classify", ["classify", "catalogue"]),
    (6, "aggregate", ["aggregate"]),
    (7, "pipeline", ["pipeline"]),
    (7, "store", ["store"]),
    (8, "detect", ["detect"]),
    (9, "analysis", ["analysis", "cluster"]),
    (10, "report", ["report"]),
    (10, "watch", ["watch"]),
]
RANK = {folder: rank for rank, folder, _ in STAGES}
HEADER_STAGE = {h: folder for _, folder, hs in STAGES for h in hs}
INCLUDE = re.compile(r'^\s*#\s*include\s+"([^"]+)"', re.M)


def stage_of_include(path):
    """The stage an include names: "bengle/x.h" or "<folder>/x.h"; None for others."""
    parts = path.split("/")
    if len(parts) == 2 and parts[0] == "bengle":
        return HEADER_STAGE.get(parts[1][:-2], "?" + parts[1])
    if len(parts) == 2 and parts[0] in RANK:
        return parts[0]
    return None


def main():
    repo = sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.path.dirname(__file__), "..")
    files = []
    for folder in sorted(os.listdir(os.path.join(repo, "lib"))):
        d = os.path.join(repo, "lib", folder)
        for name in sorted(os.listdir(d)):
            files.append((os.path.join("lib", folder, name), folder))
    for name in sorted(os.listdir(os.path.join(repo, "include", "bengle"))):
        stem = name[:-2]
        files.append((os.path.join("include", "bengle", name), HEADER_STAGE.get(stem, "?" + name)))
    bad = []
    for rel, owner in files:
        if owner not in RANK:
            bad.append(f"{rel}: belongs to no stage (add it to STAGES in tests/layering_check.py)")
            continue
        with open(os.path.join(repo, rel), encoding="utf-8") as f:
            text = f.read()
        for m in INCLUDE.finditer(text):
            target = stage_of_include(m.group(1))
            if target is None:
                continue
            line = text.count("\n", 0, m.start()) + 1
            if target not in RANK:
                bad.append(f"{rel}:{line}: includes {m.group(1)}, which belongs to no stage")
            elif target != owner and RANK[target] >= RANK[owner]:
                bad.append(f"{rel}:{line}: {owner} (rank {RANK[owner]}) includes {m.group(1)} of "
                           f"{target} (rank {RANK[target]}): a stage may include only lower stages")
    for b in bad:
        print(b)
    print(f"layering: {len(files)} files, {len(bad)} offending includes")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
