"""bengle: outage signals from Chinese social-media posts, for pandas users.

The same C++ library as the ``bengle`` command, in Python::

    import bengle, pandas as pd
    bengle.classify("#微信崩了# 图片发不出去")          # -> dict
    df = pd.read_json("posts.jsonl", lines=True)
    labels = bengle.classify(df)                       # -> DataFrame, one row per post
    with bengle.Store("baseline.db") as store:
        store.ingest(df)                               # or paths, or dicts
        incidents = store.detect()                     # -> DataFrame, one row per incident
        curve = store.series("wechat")                 # -> counts and baseline per bucket

Errors are exceptions carrying the library's message: ValueError (bad
arguments or input), TypeError (wrong types), FileNotFoundError, OSError,
CorruptionError (a damaged store or partial aggregate; an OSError).

Threads: classify() and Store.ingest() release the GIL and run on the
library's threads (``threads=0``: one per core). A Classifier is immutable
once made and may be shared by threads. A Store is used by one thread at a
time (open one per thread to read concurrently).

Distributed batch runs on Dask: see :mod:`bengle.dask`. ``Partial`` is the
partial aggregate it ships between workers and the client (merge exactly,
in any order; ``Store.apply_partial`` writes one).
"""
from __future__ import annotations

import datetime as _dt
import json as _json
import os as _os
import threading as _threading
from typing import Any, Iterable, List, Optional, Sequence, Union

from . import _bengle
from ._bengle import CorruptionError, Partial

__all__ = [
    "CLASSIFY_FIELDS",
    "Classifier",
    "CorruptionError",
    "Partial",
    "Store",
    "classify",
    "data_dir",
    "normalize",
    "score_series",
    "segment",
]

#: The fields of a classified post (INTERFACES.md, `bengle classify`), in order.
CLASSIFY_FIELDS = ("id", "services", "service_names", "categories", "complaint", "negated", "recovery",
                   "official", "hashtags", "causes")

_DEFAULT_TZ = "+08:00"


def _pd():
    import pandas  # imported on first use: classify() on plain strings needs no pandas

    return pandas


def data_dir() -> str:
    """The folder bengle reads its lexicons, catalogue and dictionaries from."""
    return _bengle.data_dir()


def normalize(text: str, details: bool = False) -> Union[str, dict]:
    """Normalizes one post: NFKC with case folding, Traditional -> Simplified,
    whitespace collapsed.

    Returns the normalized text; with ``details=True`` a dict with ``text``,
    ``own_text`` (the author's own words, before any ``//@user:`` repost
    chain), ``default_repost``, ``hashtags`` (distinct, as in ``#话题#``),
    ``quoted`` (the repost chain: ``author`` and ``text`` per segment),
    ``mentions``, ``urls``, ``emoticons`` (``[哭]``) and ``emoji``.
    """
    if not isinstance(text, str):
        raise TypeError(f"text must be str, not {type(text).__name__}")
    return _bengle.normalize(text, details)


def segment(text: str) -> List[str]:
    """Splits Chinese text into words (jieba's dictionary with bengle's outage
    lexicon layered over it, ICU for the rest); whitespace is dropped."""
    if not isinstance(text, str):
        raise TypeError(f"text must be str, not {type(text).__name__}")
    return _bengle.segment(text)


class Classifier:
    """A loaded classifier (lexicon, service catalogue, compiled patterns).

    Loading takes a fraction of a second; keep one and reuse it. It is
    immutable and thread-safe: several threads may classify with it at once.

    ``lexicon_dir``: a folder of ``*.lex`` files instead of the installed
    lexicon; ``catalogue``: a services TSV instead of the installed catalogue
    ("" for the sixteen services only).
    """

    def __init__(self, lexicon_dir: Optional[str] = None, catalogue: Optional[str] = None):
        self._c = _bengle.Classifier(_os.fspath(lexicon_dir) if lexicon_dir else "",
                                     _os.fspath(catalogue) if catalogue is not None else "")

    @property
    def rules(self) -> int:
        """Number of lexicon rules loaded."""
        return self._c.rules

    def classify(self, texts: Any, *, threads: int = 0):
        """See :func:`bengle.classify`."""
        return _classify(self, texts, threads)


_default_lock = _threading.Lock()
_default_classifier: Optional[Classifier] = None


def _default() -> Classifier:
    global _default_classifier
    with _default_lock:
        if _default_classifier is None:
            _default_classifier = Classifier()
        return _default_classifier


def classify(texts: Any, *, threads: int = 0, classifier: Optional[Classifier] = None):
    """Classifies posts: which services they name, which symptoms, and whether
    they report an outage.

    ``texts`` is a str (returns a dict), a list or tuple of str (returns a
    list of dicts), a pandas Series of str (returns a DataFrame with the
    Series' index) or a DataFrame with a ``text`` column (returns a DataFrame
    with its index; an ``id`` column is carried over and a ``user`` column is
    used as the author, so statements of official accounts are recognized).

    Fields (INTERFACES.md, the same as ``bengle classify``):

    - ``id``: the post's id (None for plain strings)
    - ``services``: service ids named ("wechat", "qq", ..., or "new:<name>"
      for a service outside the catalogue named in an outage statement)
    - ``service_names``: their display names (微信, QQ, ...)
    - ``categories``: symptom categories at or above 0.5, highest first, as
      dicts ``{"name": "media_transfer", "score": 0.93}`` (scores to two
      decimals, as the CLI prints them); names: messaging,
      media_transfer, login, connectivity, payment, calls, feed, mail,
      app_crash, account
    - ``complaint``: the post reports a service failing now (not "心态崩了",
      not news of an old outage)
    - ``negated``: the post denies an outage ("微信没崩啊")
    - ``recovery``: the post says the service works again
    - ``official``: a statement by a service (or its official account) about a failure of its own
    - ``hashtags``: distinct hashtags, as written between ``#``
    - ``causes``: what the author blames: user_network, server_overload,
      account_restricted, security_software, device

    ``threads``: library threads (0 = one per core); the GIL is released
    while they work. Raises TypeError for anything else than the inputs above
    (including a non-str text, e.g. a missing value), naming the row.
    """
    return _classify(classifier or _default(), texts, threads)


def _rows(cols: dict) -> List[dict]:
    """Columns as one dict per post (plain strings have no id)."""
    return [{"id": None, **dict(zip(cols, row))} for row in zip(*cols.values())]


def _classify(c: Classifier, texts: Any, threads: int):
    if not isinstance(threads, int):
        raise TypeError(f"threads must be int, not {type(threads).__name__}")
    if isinstance(texts, str):
        return _rows(c._c.columns([texts], None, threads))[0]
    if isinstance(texts, (list, tuple)):
        return _rows(c._c.columns(list(texts), None, threads))
    pd = _pd()
    if isinstance(texts, pd.Series):
        cols = c._c.columns(texts.tolist(), None, threads)
        return pd.DataFrame(cols, index=texts.index, columns=list(CLASSIFY_FIELDS[1:]))
    if isinstance(texts, pd.DataFrame):
        if "text" not in texts.columns:
            raise ValueError("DataFrame has no 'text' column (columns: " + ", ".join(map(str, texts.columns)) + ")")
        users = None
        if "user" in texts.columns:
            users = [u if isinstance(u, str) else None for u in texts["user"].tolist()]
        cols = c._c.columns(texts["text"].tolist(), users, threads)
        out = pd.DataFrame(cols, index=texts.index, columns=list(CLASSIFY_FIELDS[1:]))
        if "id" in texts.columns:
            out.insert(0, "id", texts["id"].astype(str).values)
        return out
    raise TypeError("texts must be a str, a list of str, a pandas Series or a DataFrame with a 'text' column, not "
                    + type(texts).__name__)


def _columns(columns: Optional[dict]) -> list:
    """CSV header names as the library takes them: [(field, header), ...]."""
    if columns is None:
        return []
    if not isinstance(columns, dict) or not all(isinstance(k, str) and isinstance(v, str)
                                                for k, v in columns.items()):
        raise TypeError("columns must be a dict of field name -> CSV header name (str -> str)")
    unknown = sorted(set(columns) - set(_POST_FIELDS))
    if unknown:
        raise ValueError("columns: unknown field(s) " + ", ".join(unknown) + " (fields: " + ", ".join(_POST_FIELDS) + ")")
    return sorted(columns.items())


def _time_arg(value: Any, name: str) -> str:
    """A time argument as the library reads it ("" = none)."""
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    if isinstance(value, (_dt.datetime, _dt.date)):
        if isinstance(value, _dt.datetime):
            return value.replace(microsecond=0).isoformat()
        return value.isoformat()
    raise TypeError(f"{name} must be None, str, date, datetime or pandas.Timestamp, not {type(value).__name__}")


_POST_FIELDS = ("id", "created_at", "text", "user", "reposts", "source", "region")


def _frame_to_jsonl(df) -> str:
    """A DataFrame of posts as JSON Lines, times as the reader takes them."""
    pd = _pd()
    missing = [f for f in ("id", "created_at", "text") if f not in df.columns]
    if missing:
        raise ValueError("DataFrame lacks the column(s) " + ", ".join(missing) + " (posts need id, created_at, text)")
    cols = [f for f in _POST_FIELDS if f in df.columns]
    out = pd.DataFrame({f: df[f] for f in cols})
    out["id"] = out["id"].astype(str)
    if "reposts" in out.columns and pd.api.types.is_float_dtype(out["reposts"]):
        # pandas reads an integer column with gaps as float: back to integers
        # (a count with a fraction stays, and the reader reports it)
        r = out["reposts"]
        if ((r.dropna() % 1) == 0).all():
            out["reposts"] = r.astype("Int64")
    t = out["created_at"]
    if pd.api.types.is_datetime64_any_dtype(t):
        if getattr(t.dt, "tz", None) is not None:  # an instant: Unix milliseconds
            ms = t.dt.tz_convert("UTC").dt.tz_localize(None).values.astype("datetime64[ms]").astype("int64")
            ms = pd.Series(ms, index=out.index, dtype="Int64")
            ms[t.isna().values] = pd.NA  # a missing time stays missing (the reader reports it)
            out["created_at"] = ms
        else:  # naive times are read in the store's zone, as the CLI reads them
            out["created_at"] = t.dt.strftime("%Y-%m-%d %H:%M:%S.%f")
    return out.to_json(orient="records", lines=True, force_ascii=False)


class Store:
    """A baseline store: the per-bucket counts of every series in SQLite, and
    the incidents found in them (the file ``bengle ingest --db`` writes).

    ``path``: the SQLite file (made when missing unless ``read_only``).
    ``bucket_minutes``: bucket length of a new store (an existing one must
    match; default 5). ``tz``: the zone of times written without one and of
    the times returned (default +08:00, China Standard Time; an offset or an
    IANA name). ``classifier``: the Classifier for ingest (default: the
    shared default one).

    Use it as a context manager, or call close(). One thread at a time.
    """

    def __init__(self, path: Union[str, "_os.PathLike[str]"], *, bucket_minutes: int = 5, read_only: bool = False,
                 tz: str = _DEFAULT_TZ, classifier: Optional[Classifier] = None):
        if not isinstance(bucket_minutes, int):
            raise TypeError("bucket_minutes must be int")
        self.path = _os.fspath(path)
        self.tz = tz
        self._classifier = classifier
        self._s = _bengle.Store(self.path, bucket_minutes, read_only)

    def __enter__(self) -> "Store":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def close(self) -> None:
        """Closes the file (later calls raise ValueError)."""
        self._s.close()

    @property
    def bucket_minutes(self) -> int:
        return self._s.bucket_ms // 60000

    def ingest(self, source: Any, *, threads: int = 0, batch: int = 20000,
               columns: Optional[dict] = None) -> dict:
        """Reads, classifies and adds posts, like ``bengle ingest``.

        ``source``: a path or a list of paths (JSON Lines or CSV, plain or
        .gz), a DataFrame with columns id, created_at, text (and optionally
        user, reposts, source, region), or an iterable of such dicts. Naive
        times are read in the store's zone. ``columns``: for CSV files whose
        headers are not the field names, field -> header (e.g. ``{"id":
        "mid", "created_at": "发布时间", "text": "微博正文"}``; the CLI's
        ``--columns``).

        Posts already in the store are skipped (``posts_duplicate``). Bad
        records are skipped, counted in ``bad_records`` and described in
        ``messages`` ("file:line: reason", the first 100); nothing else is
        lost. A file that cannot be read raises (FileNotFoundError, OSError)
        and adds nothing. Returns a dict: posts_read, posts_new,
        posts_duplicate, bad_records, messages.
        """
        c = (self._classifier or _default())._c
        cols = _columns(columns)
        if isinstance(source, (str, _os.PathLike)):
            return self._s.ingest(c, [_os.fspath(source)], None, "", self.tz, threads, batch, cols)
        if isinstance(source, (list, tuple)) and source and all(isinstance(p, (str, _os.PathLike)) for p in source):
            return self._s.ingest(c, [_os.fspath(p) for p in source], None, "", self.tz, threads, batch, cols)
        pd = _pd()
        if isinstance(source, pd.DataFrame):
            return self._s.ingest(c, [], _frame_to_jsonl(source), "<DataFrame>", self.tz, threads, batch)
        if isinstance(source, (str, bytes, dict)) or not hasattr(source, "__iter__"):
            raise TypeError("source must be a path, a list of paths, a DataFrame or an iterable of post dicts, not "
                            + type(source).__name__)
        lines = []
        for i, post in enumerate(source):
            if not isinstance(post, dict):
                raise TypeError(f"source[{i}] is {type(post).__name__}, not a dict of post fields")
            lines.append(_json.dumps(post, ensure_ascii=False, default=str))
        return self._s.ingest(c, [], "\n".join(lines) + "\n", "<posts>", self.tz, threads, batch)

    def apply_partial(self, partial: Union[bytes, "_bengle.Partial"]) -> dict:
        """Adds a partial aggregate (bengle.dask; bytes or a Partial) in one
        transaction. When all its posts are already in the store nothing
        changes; when only some are, ValueError and nothing changes. Returns
        posts_new, posts_duplicate."""
        if isinstance(partial, (bytes, bytearray, memoryview)):
            partial = _bengle.Partial.from_bytes(bytes(partial))
        elif not isinstance(partial, _bengle.Partial):
            raise TypeError(f"partial must be bytes or a Partial, not {type(partial).__name__}")
        return self._s.apply_partial(partial)

    def detect_json(self, start: Any = None, end: Any = None) -> str:
        """The incidents as ``bengle detect --format json`` prints them."""
        return self._s.detect(_time_arg(start, "start"), _time_arg(end, "end"), self.tz)

    def detect(self, start: Any = None, end: Any = None):
        """Finds the incidents that start in [start, end) (default: the whole
        store), as ``bengle detect`` does, and keeps them in the store.

        Returns a DataFrame, one row per incident, with the fields of
        ``bengle detect --format json`` as columns: times (start, peak, end)
        as tz-aware Timestamps, nested fields (services, categories,
        hashtags, sample_ids, regions, ...) as lists. Empty with those
        columns when nothing was found.
        """
        pd = _pd()
        rows = _json.loads(self.detect_json(start, end))
        base = ["service", "service_name", "services", "service_names", "start", "peak", "end", "peak_count",
                "baseline", "score", "categories", "hashtags", "sample_ids"]
        df = pd.DataFrame(rows)
        if df.empty:
            return pd.DataFrame(columns=base)
        for col in ("start", "peak", "end"):
            if col in df.columns:
                df[col] = df[col].map(lambda v: pd.Timestamp(v) if isinstance(v, str) else pd.NaT)
        return df

    def series(self, service: str, start: Any = None, end: Any = None):
        """One series per bucket over [start, end) (default: the whole store),
        every bucket present (zeros included).

        ``service``: a service id ("wechat": its complaints, as detect sees
        them) or any stored series key ("all", "cat:wechat:login",
        "tag:微信崩了", "reg:wechat:广东"). Returns a DataFrame indexed by
        bucket start (tz-aware) with columns complaints, authors (distinct
        complaining authors), mentions, recovery, official and, for a
        service, baseline: the detector's expected complaints for the bucket.
        """
        pd = _pd()
        if not isinstance(service, str):
            raise TypeError(f"service must be str, not {type(service).__name__}")
        d = self._s.series(service, _time_arg(start, "start"), _time_arg(end, "end"), self.tz)
        key = d.pop("key")
        idx = pd.to_datetime(d.pop("bucket"), unit="ms", utc=True).tz_convert(_tz(self.tz))
        df = pd.DataFrame(d, index=pd.DatetimeIndex(idx, name="bucket"))
        if not key.startswith("svc:"):
            df = df.drop(columns=["baseline"])
        df.attrs["key"] = key
        return df

    def report_html(self, path: Union[str, "_os.PathLike[str]"], start: Any = None, end: Any = None) -> int:
        """Writes the self-contained HTML report of [start, end) (default: the
        whole store) to ``path``, as ``bengle report --html``. Returns the
        number of incidents in it."""
        return self._s.report_html(_os.fspath(path), _time_arg(start, "start"), _time_arg(end, "end"), self.tz)


def _tz(tz: str):
    """A tzinfo for a zone given as "+08:00" or an IANA name."""
    import re

    m = re.fullmatch(r"(?:UTC|GMT)?([+-])(\d{1,2}):?(\d\d)?", tz)
    if m:
        minutes = int(m.group(2)) * 60 + int(m.group(3) or 0)
        return _dt.timezone(_dt.timedelta(minutes=minutes if m.group(1) == "+" else -minutes))
    if tz in ("UTC", "Z"):
        return _dt.timezone.utc
    import zoneinfo

    return zoneinfo.ZoneInfo(tz)


def score_series(series: Any, *, kind: str = "auto", bucket_minutes: int = 0, tz: str = _DEFAULT_TZ):
    """Anomaly scores in [0, 1] for a time-indexed series, as ``bengle series``
    computes them: causally (a row's score uses only rows before and at it).

    ``series``: a pandas Series with a DatetimeIndex, a DataFrame with a
    DatetimeIndex and one numeric column (or a ``value`` column), or a
    DataFrame with ``timestamp`` and ``value`` columns. Naive times are read
    in ``tz``. ``kind``: "counts" (posts per bucket), "continuous" or "auto"
    (chosen from the first 128 rows, at least 8 of them not zero).
    ``bucket_minutes``: for counts, 0 = from the data's spacing.

    Returns a float Series ``anomaly_score`` with the input's index.
    """
    pd = _pd()
    if isinstance(series, pd.DataFrame):
        if "timestamp" in series.columns and "value" in series.columns:
            index = pd.DatetimeIndex(pd.to_datetime(series["timestamp"]))
            values = series["value"]
            out_index = series.index
        else:
            if "value" in series.columns:
                values = series["value"]
            else:
                numeric = series.select_dtypes("number")
                if numeric.shape[1] != 1:
                    raise ValueError("DataFrame needs one numeric column (or a 'value' column), has "
                                     f"{numeric.shape[1]}")
                values = numeric.iloc[:, 0]
            index = series.index
            out_index = series.index
    elif isinstance(series, pd.Series):
        values, index, out_index = series, series.index, series.index
    else:
        raise TypeError("series must be a pandas Series or DataFrame, not " + type(series).__name__)
    if not isinstance(index, pd.DatetimeIndex):
        raise TypeError("the series needs a DatetimeIndex (or 'timestamp' and 'value' columns), not "
                        + type(index).__name__)
    if not pd.api.types.is_numeric_dtype(values):
        raise TypeError(f"values must be numeric, not {values.dtype}")
    if index.tz is None:
        index = index.tz_localize(_tz(tz))
    ms = (index.tz_convert("UTC").tz_localize(None).asi8 // 1_000_000).tolist()
    scores = _bengle.score_series(ms, values.astype(float).tolist(), bucket_minutes, kind, tz)
    return pd.Series(scores, index=out_index, name="anomaly_score")
