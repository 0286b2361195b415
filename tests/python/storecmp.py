"""Compares two bengle SQLite stores table by table, by content.

Series ids are numbers each store gives in its own order of first
appearance, so rows that refer to a series are compared by its key. Used by
the Python tests and bench/dask/run.sh:

    python3 storecmp.py A.db B.db     # exit 0 when equal, 1 with the differences
"""
import sqlite3
import sys


def tables(path):
    """Every table's rows, series ids replaced by keys, as sorted lists."""
    db = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    names = sorted(r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type = 'table'"))
    out = {"(tables)": names}
    key = dict(db.execute("SELECT id, key FROM series"))
    for t in names:
        cols = [r[1] for r in db.execute(f"PRAGMA table_info({t})")]
        rows = db.execute(f"SELECT * FROM {t}").fetchall()
        if t == "series":
            rows = [(k,) for _, k, *_ in rows]  # the key; its id and the id's checksum are the store's own
            cols = ["key"]
        elif "series" in cols:
            i = cols.index("series")
            drop = cols.index("ck") if "ck" in cols else None
            # counts rows carry a checksum over the series id: dropped with the id
            rows = [tuple(key[v] if j == i else v for j, v in enumerate(r) if j != drop) for r in rows]
        out[t] = sorted(rows, key=repr)
    db.close()
    return out


def compare(a, b, ignore=()):
    """The differences between stores a and b (empty when equal), leaving out
    the tables in `ignore` (e.g. "incidents", which detect writes)."""
    ta, tb = tables(a), tables(b)
    diffs = []
    for t in sorted(set(ta) | set(tb)):
        if t in ignore:
            continue
        ra, rb = ta.get(t), tb.get(t)
        if ra == rb:
            continue
        if ra is None or rb is None:
            diffs.append(f"{t}: only in {'b' if ra is None else 'a'}")
            continue
        sa, sb = set(map(repr, ra)), set(map(repr, rb))
        only_a, only_b = sorted(sa - sb)[:3], sorted(sb - sa)[:3]
        diffs.append(f"{t}: {len(ra)} vs {len(rb)} rows; only in a: {only_a}; only in b: {only_b}")
    return diffs


def summary(path):
    """Rows per table."""
    return {t: len(rows) for t, rows in tables(path).items() if t != "(tables)"}


if __name__ == "__main__":
    d = compare(sys.argv[1], sys.argv[2])
    rows = summary(sys.argv[1])
    print("tables compared:", ", ".join(f"{t} ({n} rows)" for t, n in rows.items()))
    for line in d:
        print("DIFF", line)
    print("stores equal" if not d else f"{len(d)} tables differ")
    sys.exit(1 if d else 0)
