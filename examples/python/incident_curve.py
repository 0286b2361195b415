#!/usr/bin/env python3
"""From an archive to an incident curve, in pandas (run it cell by cell in a
notebook, or as a script).

    PYTHONPATH=build/python python3 examples/python/incident_curve.py [ARCHIVE] [--out curve.png]

Default archive: the bundled sample (data/samples/archive.jsonl.gz), whose
second window holds the 2023-03-29 WeChat + QQ outage.
"""
# %% Load the archive into pandas
import argparse
import os
import tempfile

import matplotlib

matplotlib.use("Agg")  # files, no window
import matplotlib.pyplot as plt
import pandas as pd

import bengle

ap = argparse.ArgumentParser()
ap.add_argument("archive", nargs="?", default=os.path.join(bengle.data_dir(), "samples", "archive.jsonl.gz"))
ap.add_argument("--out", default="incident_curve.png")
args = ap.parse_args()
posts = pd.read_json(args.archive, lines=True, dtype={"id": str}, convert_dates=False)
print(f"{len(posts)} posts from {posts['created_at'].min()} to {posts['created_at'].max()}")

# %% Classify: one row per post, the INTERFACES.md fields as columns
labels = bengle.classify(posts)
posts = posts.join(labels.drop(columns="id"))
complaints = posts[posts["complaint"]]
print(f"{len(complaints)} complaints; by service:")
print(complaints["services"].explode().value_counts().head(5).to_string())
print("symptoms of WeChat complaints:")
wechat = complaints[complaints["services"].map(lambda s: "wechat" in s)]
print(wechat["categories"].map(lambda c: c[0]["name"] if c else "(none)").value_counts().head(5).to_string())

# %% Ingest into a baseline store and detect incidents
db = os.path.join(tempfile.mkdtemp(), "baseline.db")
with bengle.Store(db) as store:
    stats = store.ingest(posts)  # the DataFrame itself; paths work too
    print(f"stored {stats['posts_new']} posts ({stats['bad_records']} bad records)")
    incidents = store.detect()
    print(incidents[["service", "start", "peak", "end", "peak_count", "baseline", "score"]].to_string())

    # %% Plot the biggest incident's curve against its baseline
    top = incidents.sort_values("peak_count", ascending=False).iloc[0]
    pad = pd.Timedelta(hours=6)
    curve = store.series(top["service"], top["start"] - pad, top["end"] + pad)
fig, ax = plt.subplots(figsize=(10, 4))
ax.plot(curve.index, curve["complaints"], label="complaints per 5 minutes", color="#c0392b")
ax.plot(curve.index, curve["baseline"], label="baseline (expected)", color="#7f8c8d", linestyle="--")
ax.axvspan(top["start"], top["end"], color="#f5b7b1", alpha=0.4, label="incident")
ax.set_title(f"{top['service']}: {top['start']:%Y-%m-%d %H:%M} – {top['end']:%H:%M} "
             f"(peak {top['peak_count']}, usual {top['baseline']:.1f})")
ax.legend()
fig.autofmt_xdate()
fig.tight_layout()
fig.savefig(args.out, dpi=100)
print(f"wrote {args.out}")
