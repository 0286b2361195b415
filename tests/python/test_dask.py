"""bengle.dask on a LocalCluster of two worker processes (issue 19, bar 3 at
the sample archive's scale; bench/dask/run.sh measures the 21-day archive)."""
import json
import os
import random
import signal
import shutil

import pytest

import bengle
import bengle.dask
import storecmp

distributed = pytest.importorskip("dask.distributed")


@pytest.fixture(scope="module")
def client():
    cluster = distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None)
    c = distributed.Client(cluster)
    yield c
    c.close()
    cluster.close()


def test_partitions_cover_every_line_once(archive_jsonl):
    parts = bengle.dask.partitions(archive_jsonl, npartitions=9)
    assert len(parts) >= 8
    ids = []
    c = bengle.Classifier()
    for path, start, end, pid in parts:
        # Each range read alone holds whole lines, none twice, none lost.
        partial, read = bengle._bengle.aggregate_partition(c._c, path, start, end, pid)
        assert read["bad_records"] == 0
        ids.append(read["posts_read"])
    assert sum(ids) == 83798


def test_ranges_own_the_lines_that_begin_in_them(tmp_path):
    """Ranges that start exactly at a line's start, inside a line longer
    than a range, or end right after a newline: each line is read once."""
    def line(i, pad):
        return json.dumps({"id": str(i), "created_at": "2023-03-29T10:00:00+08:00",
                           "text": "微信崩了" + "x" * pad}, ensure_ascii=False) + "\n"
    lines = [line(0, 3), line(1, 400), line(2, 5), line(3, 0), line(4, 250), line(5, 7), line(6, 1)]
    path = tmp_path / "ranges.jsonl"
    path.write_text("".join(lines), encoding="utf-8")
    size = path.stat().st_size
    c = bengle.Classifier()
    starts = [0]
    for l in lines[:-1]:
        starts.append(starts[-1] + len(l.encode("utf-8")))
    # every partition size from 1 byte, and every cut placed at a line start
    for cuts in [list(range(0, size, n)) for n in (1, 7, 64, 100, 128, 300)] + [starts, starts[::2]]:
        total = 0
        for k, a in enumerate(cuts):
            b = cuts[k + 1] if k + 1 < len(cuts) else -1
            partial, read = bengle._bengle.aggregate_partition(c._c, str(path), a, b, k)
            assert read["bad_records"] == 0, (cuts, a, b, read["messages"])
            total += read["posts_read"]
        assert total == len(lines), cuts


def test_merge_is_order_free_and_idempotent(archive_jsonl):
    c = bengle.Classifier()
    parts = [bengle._bengle.aggregate_partition(c._c, *p)[0]
             for p in bengle.dask.partitions(archive_jsonl, npartitions=8)]
    want = bengle.dask.merge(parts)
    rng = random.Random(7)
    for _ in range(5):
        shuffled = parts[:]
        rng.shuffle(shuffled)
        # random groupings: merge random neighbours until one is left
        while len(shuffled) > 1:
            i = rng.randrange(len(shuffled) - 1)
            shuffled[i:i + 2] = [bengle.dask.merge(shuffled[i:i + 2])]
        assert shuffled[0] == want
    assert bengle.dask.merge([want, parts[3]]) == want  # a partition delivered twice counts once
    info = bengle.dask.partial_info(want)
    assert len(info["partitions"]) == 8 and info["bucket_ms"] == 300000
    with pytest.raises(bengle.CorruptionError):
        bengle.dask.merge([want[:-5]])
    with pytest.raises(ValueError):  # the same posts in two different partitions
        bengle.dask.merge([parts[0], bengle._bengle.aggregate_partition(c._c, *bengle.dask.partitions(
            archive_jsonl, npartitions=8)[0][:3], 12345)[0]])


def test_dask_store_equals_cli_ingest(client, archive_jsonl, cli_store, cli_incidents, tmp_path):
    out = str(tmp_path / "dask.db")
    r = bengle.dask.aggregate(archive_jsonl, client, store=out, npartitions=8, return_partial=True)
    assert r["partitions"] >= 8 and r["posts_read"] == 83798 and r["bad_records"] == 0
    assert storecmp.compare(cli_store, out) == []
    with bengle.Store(out) as s:
        assert json.loads(s.detect_json()) == cli_incidents
        # Applying it again changes nothing.
        assert s.apply_partial(r["partial"])["posts_new"] == 0
    assert storecmp.compare(cli_store, out, ignore=("incidents",)) == []
    # The merged partial alone (no store), written afterwards, gives the same store.
    r2 = bengle.dask.aggregate(archive_jsonl, client, npartitions=5)
    assert "posts_new" not in r2 and r2["partial"].posts == r["partial"].posts
    merged_only = str(tmp_path / "merged.db")
    with bengle.Store(merged_only) as s:
        assert s.apply_partial(r2["partial"].to_bytes())["posts_new"] == r["posts_new"]
    assert storecmp.compare(cli_store, merged_only) == []
    # Run again into the same store: every partition is there already.
    again = bengle.dask.aggregate(archive_jsonl, client, store=out, npartitions=8)
    assert again["posts_new"] == 0 and again["posts_duplicate"] == r["posts_new"]
    assert storecmp.compare(cli_store, out, ignore=("incidents",)) == []


def test_dask_with_a_worker_killed(client, archive_jsonl, cli_store, tmp_path):
    pids = client.run(os.getpid)
    victim = sorted(pids.values())[0]
    killed = []

    def progress(done, total):
        if done == 1 and not killed:  # partitions still running or queued
            os.kill(victim, signal.SIGKILL)
            killed.append(total - done)

    out = str(tmp_path / "killed.db")
    r = bengle.dask.aggregate(archive_jsonl, client, store=out, npartitions=16, on_progress=progress)
    assert killed and killed[0] >= 8
    assert victim not in client.run(os.getpid).values() or len(client.run(os.getpid)) < 2
    assert r["posts_read"] == 83798
    assert storecmp.compare(cli_store, out) == []


def test_dask_bag_of_dicts(client, tmp_path):
    import dask.bag as db
    posts = [{"id": str(i), "created_at": f"2023-03-29T10:{i % 60:02d}:00+08:00",
              "text": "#微信崩了# 登不上" if i % 3 else "今天天气不错", "user": f"u{i % 17}"} for i in range(600)]
    bag = db.from_sequence(posts, npartitions=6)
    r = bengle.dask.aggregate(bag, client, store=str(tmp_path / "bag.db"))
    assert r["partitions"] == 6 and r["posts_read"] == 600
    with bengle.Store(tmp_path / "direct.db") as s:
        s.ingest(posts)
    assert storecmp.compare(str(tmp_path / "direct.db"), str(tmp_path / "bag.db")) == []


def test_dask_csv_with_its_own_headers(client, tmp_path):
    csv = tmp_path / "weibo.csv"
    csv.write_text("mid,发布时间,微博正文\n" + "".join(
        f"{i},2023-03-29 10:{i % 60:02d}:00,{'#微信崩了# 登不上' if i % 2 else '今天天气不错'}\n" for i in range(300)),
        encoding="utf-8")
    cols = {"id": "mid", "created_at": "发布时间", "text": "微博正文"}
    r = bengle.dask.aggregate(str(csv), client, store=str(tmp_path / "d.db"), columns=cols)
    assert r["partitions"] == 1 and r["posts_read"] == 300 and r["bad_records"] == 0
    with bengle.Store(tmp_path / "s.db") as s:
        s.ingest(csv, columns=cols)
    assert storecmp.compare(str(tmp_path / "s.db"), str(tmp_path / "d.db")) == []


def test_dask_bad_input(client, tmp_path):
    with pytest.raises(FileNotFoundError):
        bengle.dask.aggregate(str(tmp_path / "none.jsonl"), client)
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"id":"1","created_at":"2023-03-29T10:00:00+08:00","text":"微信崩了"}\n{oops\n', encoding="utf-8")
    r = bengle.dask.aggregate(str(bad), client)
    assert r["posts_read"] == 1 and r["bad_records"] == 1 and ":2:" in r["messages"][0]
