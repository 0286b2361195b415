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
from . import Store, _DEFAULT_TZ, _columns

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
                     lexicon_dir: Optional[str], threads: int, columns: list) -> Tuple[bytes, dict]:
    """Runs on a worker: one partition of a file -> (partial aggregate, read report)."""
    t = _time.perf_counter()
    partial, read = _bengle.aggregate_partition(_classifier(lexicon_dir), path, start, end, partition, tz, threads,
                                                bucket_minutes, columns)
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
    bytes that are no partial aggregate. (``bengle.Partial`` does the same
    in place: ``from_bytes``, ``merge_bytes``, ``merge``, ``to_bytes``.)"""
    if not partials:
        raise ValueError("no partial aggregates to merge")
    acc = _bengle.Partial.from_bytes(partials[0])
    for data in partials[1:]:
        acc.merge_bytes(data)
    return acc.to_bytes()


def partial_info(partial: bytes) -> dict:
    """What a partial aggregate holds: partitions, posts, duplicates, bucket_ms."""
    p = _bengle.Partial.from_bytes(partial)
    return {"partitions": p.partitions, "posts": p.posts, "duplicates": p.duplicates, "bucket_ms": p.bucket_ms}


def aggregate(paths_or_bag: Any, client: Any = None, *, store: Union[None, str, Store] = None,
              partition_bytes: int = DEFAULT_PARTITION_BYTES, npartitions: Optional[int] = None,
              tz: str = _DEFAULT_TZ, bucket_minutes: int = 5, lexicon_dir: Optional[str] = None,
              retries: int = 3, threads_per_task: int = 1, on_progress: Any = None,
              return_partial: Optional[bool] = None, columns: Optional[dict] = None) -> dict:
    """Reads, classifies and aggregates an archive on a Dask cluster.

    ``paths_or_bag``: file paths (or glob patterns; see :func:`partitions`
    for how they are cut) or a ``dask.bag.Bag`` of post dicts (id,
    created_at, text, ...; one partial per bag partition). ``client``: a
    ``dask.distributed.Client`` (default: the current one). ``store``: a
    Store or the path of one (made when missing) to write the partials to,
    in archive order as they arrive, one transaction each (None: nothing is
    written). Workers need bengle installed and, for paths, the files at
    the same paths (shared storage). ``return_partial``: also merge every
    partial into one and return it (default: when there is no store).

    Returns a dict: partitions, posts_read, bad_records, messages (the first
    100 in archive order, "file:line: reason"; a range's lines are counted
    from the range's start, named "path[bytes S-E]"), posts_new and
    posts_duplicate (with a store), partial (the merged partial aggregate,
    a ``_bengle.Partial``; ``.to_bytes()`` serializes it), task_seconds
    (each partition's time on its worker), merge_seconds and apply_seconds
    (the client's share).
    ``on_progress(done, total)`` is called on the client after each
    partition arrives. ``columns``: CSV header names, as for
    :meth:`bengle.Store.ingest`.
    """
    from dask.distributed import as_completed, default_client

    if client is None:
        client = default_client()
    if bucket_minutes < 1:
        raise ValueError("bucket_minutes must be >= 1")
    cols = _columns(columns)
    futures, order = [], []  # order: the partition numbers in archive order
    bag_type = None
    try:
        import dask.bag as _bag

        bag_type = _bag.Bag
    except ImportError:  # pragma: no cover - dask without bag
        pass
    if bag_type is not None and isinstance(paths_or_bag, bag_type):
        delayed = paths_or_bag.to_delayed()
        for i, part in enumerate(delayed):
            futures.append(client.compute(_dask_delayed()(_aggregate_records)(part, i, tz, bucket_minutes,
                                                                              lexicon_dir), retries=retries))
            order.append(i)
    else:
        for path, start, end, pid in partitions(paths_or_bag, partition_bytes=partition_bytes,
                                                npartitions=npartitions):
            futures.append(client.submit(_aggregate_range, _os.path.abspath(path), start, end, pid, tz,
                                         bucket_minutes, lexicon_dir, threads_per_task, cols, retries=retries,
                                         pure=False, key=f"bengle-partition-{pid}-{_os.getpid()}-{id(futures)}"))
            order.append(pid)
    if not futures:
        raise ValueError("no partitions to aggregate")
    pid_of = {f.key: pid for f, pid in zip(futures, order)}
    nparts = len(futures)
    if return_partial is None:
        return_partial = store is None
    report = {"partitions": nparts, "posts_read": 0, "bad_records": 0, "messages": [], "task_seconds": [],
              "merge_seconds": 0.0, "apply_seconds": 0.0}
    own = store is not None and not isinstance(store, Store)
    s = Store(store, bucket_minutes=bucket_minutes, tz=tz) if own else store
    try:
        merged = None  # a _bengle.Partial, merged in place
        reads, waiting, next_i = {}, {}, 0
        if s is not None:
            report["posts_new"] = report["posts_duplicate"] = 0
        for done, fut in enumerate(as_completed(futures), 1):
            pid = pid_of[fut.key]
            data, reads[pid] = fut.result()
            fut.release()
            report["task_seconds"].append(reads[pid].get("seconds", 0.0))
            t = _time.perf_counter()
            partial = _bengle.Partial.from_bytes(data)
            if return_partial:
                if merged is None:  # its own copy when the partial also goes to the store
                    merged = _bengle.Partial.from_bytes(data) if s is not None else partial
                else:
                    merged.merge(partial)
            del data
            report["merge_seconds"] += _time.perf_counter() - t
            if s is not None:
                # Into the store in archive order (sample posts are the
                # archive's first ones), each partition in its own
                # transaction, while the workers go on: a partition already
                # stored is skipped, so an interrupted run can be re-run.
                waiting[pid] = partial
                t = _time.perf_counter()
                while next_i < nparts and order[next_i] in waiting:
                    st = s.apply_partial(waiting.pop(order[next_i]))
                    report["posts_new"] += st["posts_new"]
                    report["posts_duplicate"] += st["posts_duplicate"]
                    next_i += 1
                report["apply_seconds"] += _time.perf_counter() - t
            del partial
            if on_progress is not None:
                on_progress(done, nparts)
    finally:
        if own:
            s.close()
    for pid in order:  # counts and messages in archive order
        report["posts_read"] += reads[pid]["posts_read"]
        report["bad_records"] += reads[pid]["bad_records"]
        report["messages"].extend(reads[pid]["messages"][: max(0, 100 - len(report["messages"]))])
    if return_partial:
        report["partial"] = merged
    return report


def _dask_delayed():
    from dask import delayed

    return delayed
