"""Distributed batch ingest on Dask: archives too big for one machine.

Each partition of the archive (a whole file, or a byte range of a JSON Lines
file, or a partition of a dask.bag of post dicts) is read, normalized,
classified and aggregated on a worker into a *partial aggregate*: per series
and 5-minute bucket the counts and the set of complaining authors' hashes,
per bucket the hashes of the posts' ids, and the first sample posts. The
client merges the partials (exactly: author sets merge as sets) and writes
them to the store in one transaction; detection then runs as usual
(``Store.detect()`` or ``bengle detect``).

A task that fails (a worker killed, a machine lost) is retried by Dask; the
merge keeps each partition once, so nothing is counted twice. The result is
the store ``bengle ingest`` writes from the same files, count for count.

    from dask.distributed import Client, LocalCluster
    import bengle, bengle.dask
    client = Client(LocalCluster(n_workers=2, threads_per_worker=1))
    # or Client("tcp://scheduler:8786") with the files on shared storage
    stats = bengle.dask.aggregate(["/data/weibo-2023.jsonl"], client, store="baseline.db")
    incidents = bengle.Store("baseline.db").detect()
"""
from __future__ import annotations

import glob as _glob
import json as _json
import os as _os
import threading as _threading
import time as _time
from typing import Any, Dict, Iterable, List, Optional, Sequence, Tuple, Union

from . import _bengle
from . import Store, _DEFAULT_TZ

__all__ = ["aggregate", "partitions", "merge", "partial_info"]

#: Default partition size of a plain JSON Lines file (bytes).
DEFAULT_PARTITION_BYTES = 32 << 20

# Partition numbers order the archive: file index in the high bits, byte
# offset in the low 40 (files up to 1 TiB), so that sample posts are the
# archive's first ones, as `bengle ingest` keeps them.
_OFFSET_BITS = 40


def _is_gzip(path: str) -> bool:
    with open(path, "rb") as f:
        return f.read(2) == b"\x1f\x8b"


def partitions(paths: Union[str, Sequence[str]], *, partition_bytes: int = DEFAULT_PARTITION_BYTES,
               npartitions: Optional[int] = None) -> List[Tuple[str, int, int, int]]:
    """Splits files into partitions: (path, start, end, partition number).

    Gzip and CSV files are one partition each (end = -1: to the end); plain
    JSON Lines files are cut into byte ranges of about ``partition_bytes``
    (or into ``npartitions`` ranges over all files); a range holds the lines
    that begin in it. ``paths`` may contain glob patterns.
    """
    if isinstance(paths, (str, _os.PathLike)):
        paths = [paths]
    files: List[str] = []
    for p in paths:
        p = _os.fspath(p)
        matched = sorted(_glob.glob(p)) if any(ch in p for ch in "*?[") else [p]
        if not matched:
            raise FileNotFoundError(f"{p}: no such file")
        files.extend(matched)
    for f in files:
        if not _os.path.isfile(f):
            raise FileNotFoundError(f"{f}: no such file")
    if npartitions is not None:
        if npartitions < 1:
            raise ValueError("npartitions must be >= 1")
        total = sum(_os.path.getsize(f) for f in files)
        partition_bytes = max(1, -(-total // npartitions))
    if partition_bytes < 1:
        raise ValueError("partition_bytes must be >= 1")
    out = []
    for i, f in enumerate(files):
        size = _os.path.getsize(f)
        whole = f.endswith(".csv") or f.endswith(".csv.gz") or _is_gzip(f) or size <= partition_bytes
        if whole:
            out.append((f, 0, -1, i << _OFFSET_BITS))
            continue
        for start in range(0, size, partition_bytes):
            end = min(size, start + partition_bytes)
            out.append((f, start, -1 if end == size else end, (i << _OFFSET_BITS) | start))
    return out


# One classifier per worker process, loaded by its first task.
_worker_lock = _threading.Lock()
_worker_classifiers: Dict[Any, Any] = {}


def _classifier(lexicon_dir: Optional[str]):
    with _worker_lock:
        c = _worker_classifiers.get(lexicon_dir)
        if c is None:
            c = _bengle.Classifier(lexicon_dir or "", "")
            _worker_classifiers[lexicon_dir] = c
        return c


def _aggregate_range(path: str, start: int, end: int, partition: int, tz: str, bucket_minutes: int,
                     lexicon_dir: Optional[str], threads: int) -> Tuple[bytes, dict]:
    """Runs on a worker: one partition of a file -> (partial aggregate, read report)."""
    t = _time.perf_counter()
    partial, read = _bengle.aggregate_partition(_classifier(lexicon_dir), path, start, end, partition, tz, threads,
                                                bucket_minutes)
    read["seconds"] = _time.perf_counter() - t
    return partial, read


def _aggregate_records(records: Iterable[dict], partition: int, tz: str, bucket_minutes: int,
                       lexicon_dir: Optional[str]) -> Tuple[bytes, dict]:
    """Runs on a worker: one partition of a bag of post dicts."""
    t = _time.perf_counter()
    text = "".join(_json.dumps(r, ensure_ascii=False, default=str) + "\n" for r in records)
    partial, read = _bengle.aggregate_text(_classifier(lexicon_dir), f"<bag partition {partition}>", text, partition,
                                           tz, bucket_minutes)
    read["seconds"] = _time.perf_counter() - t
    return partial, read


def merge(partials: Sequence[bytes]) -> bytes:
    """Merges serialized partial aggregates into one (exact, in any order or
    grouping; a partition present twice counts once). ValueError when two
    partials hold the same post in different partitions; CorruptionError for
    bytes that are no partial aggregate. (``_bengle.Partial`` does the same
    in place: ``from_bytes``, ``merge_bytes``, ``merge``, ``to_bytes``.)"""
    return _bengle.merge_partials(list(partials))


def partial_info(partial: bytes) -> dict:
    """What a partial aggregate holds: partitions, posts, duplicates, bucket_ms."""
    return _bengle.partial_info(partial)


def aggregate(paths_or_bag: Any, client: Any = None, *, store: Union[None, str, Store] = None,
              partition_bytes: int = DEFAULT_PARTITION_BYTES, npartitions: Optional[int] = None,
              tz: str = _DEFAULT_TZ, bucket_minutes: int = 5, lexicon_dir: Optional[str] = None,
              retries: int = 3, threads_per_task: int = 1, on_progress: Any = None) -> dict:
    """Reads, classifies and aggregates an archive on a Dask cluster.

    ``paths_or_bag``: file paths (or glob patterns; see :func:`partitions`
    for how they are cut) or a ``dask.bag.Bag`` of post dicts (id,
    created_at, text, ...; one partial per bag partition). ``client``: a
    ``dask.distributed.Client`` (default: the current one). ``store``: a
    Store or the path of one to write the merged aggregate to (None: only
    return it). Workers need bengle installed and, for paths, the files at
    the same paths (shared storage).

    Returns a dict: partitions, posts_read, bad_records, messages (the first
    100, "file:line: reason"; a range's lines are counted from the range's
    start, named "path[bytes S-E]"), posts_new, posts_duplicate (when
    written), partial (the merged partial aggregate: a ``Partial``, see
    :func:`merge`; ``.to_bytes()`` serializes it), task_seconds
    (each partition's time on its worker), merge_seconds and apply_seconds
    (the client's share).
    ``on_progress(done, total)`` is called on the client after each
    partition arrives.
    """
    from dask.distributed import as_completed, default_client

    if client is None:
        client = default_client()
    if bucket_minutes < 1:
        raise ValueError("bucket_minutes must be >= 1")
    futures = []
    bag_type = None
    try:
        import dask.bag as _bag

        bag_type = _bag.Bag
    except ImportError:  # pragma: no cover - dask without bag
        pass
    if bag_type is not None and isinstance(paths_or_bag, bag_type):
        delayed = paths_or_bag.to_delayed()
        for i, part in enumerate(delayed):
            fut = client.compute(_dask_delayed()(_aggregate_records)(part, i, tz, bucket_minutes, lexicon_dir),
                                 retries=retries)
            futures.append(fut)
        nparts = len(delayed)
    else:
        parts = partitions(paths_or_bag, partition_bytes=partition_bytes, npartitions=npartitions)
        for path, start, end, pid in parts:
            futures.append(client.submit(_aggregate_range, _os.path.abspath(path), start, end, pid, tz,
                                         bucket_minutes, lexicon_dir, threads_per_task, retries=retries,
                                         pure=False, key=f"bengle-partition-{pid}-{_os.getpid()}-{id(futures)}"))
        nparts = len(parts)
    report = {"partitions": nparts, "posts_read": 0, "bad_records": 0, "messages": [], "task_seconds": [],
              "merge_seconds": 0.0}
    merged = None  # a _bengle.Partial: merged in place, never re-read
    done = 0
    for fut in as_completed(futures):
        partial, read = fut.result()
        fut.release()
        report["posts_read"] += read["posts_read"]
        report["bad_records"] += read["bad_records"]
        report["messages"].extend(read["messages"][: max(0, 100 - len(report["messages"]))])
        report["task_seconds"].append(read.get("seconds", 0.0))
        # Merged as results arrive: the client holds one partial at a time.
        t = _time.perf_counter()
        if merged is None:
            merged = _bengle.Partial.from_bytes(partial)
        else:
            merged.merge_bytes(partial)
        report["merge_seconds"] += _time.perf_counter() - t
        del partial
        done += 1
        if on_progress is not None:
            on_progress(done, nparts)
    if merged is None:
        raise ValueError("no partitions to aggregate")
    report["partial"] = merged
    if store is not None:
        own = not isinstance(store, Store)
        s = Store(store, bucket_minutes=bucket_minutes, tz=tz) if own else store
        try:
            t = _time.perf_counter()
            report.update(s.apply_partial(merged))
            report["apply_seconds"] = _time.perf_counter() - t
        finally:
            if own:
                s.close()
    return report


def _dask_delayed():
    from dask import delayed

    return delayed
