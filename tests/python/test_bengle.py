"""The Python package against the CLI and on bad input (issue 19, bar 1)."""
import gzip
import json
import os
import shutil
import sqlite3
import threading

import pandas as pd
import pytest

import bengle
from conftest import ARCHIVE, SOURCE_DIR, run_cli
import storecmp


def read_archive():
    return pd.read_json(ARCHIVE, lines=True, dtype={"id": str}, convert_dates=False, compression="gzip")


# --- normalize, segment ------------------------------------------------------

def test_normalize_text_and_details():
    assert bengle.normalize("微信崩潰了　ＡＢＣ") == "微信崩溃了 abc"
    d = bengle.normalize("#微信崩了# 图片发不出去 //@小王:我也是 http://t.cn/abc [哭]", details=True)
    assert d["hashtags"] == ["微信崩了"]
    assert d["own_text"].startswith("#微信崩了# 图片发不出去")
    assert [q["author"] for q in d["quoted"]] == ["小王"]
    assert d["urls"] and d["emoticons"] == ["哭"]


def test_segment_keeps_every_character():
    text = "微信图片发不出去，大图点不开"
    words = bengle.segment(text)
    assert all(isinstance(w, str) for w in words) and len(words) > 3
    assert "".join(words) == text
    assert "发不出去" in words or "发不出" in words


@pytest.mark.parametrize("fn", [bengle.normalize, bengle.segment])
def test_text_functions_reject_non_str(fn):
    with pytest.raises(TypeError, match="must be str"):
        fn(b"bytes")
    with pytest.raises(TypeError):
        fn(None)


# --- classify -----------------------------------------------------------------

def test_classify_str():
    r = bengle.classify("#微信崩了# 图片发不出去，大图点不开")
    assert list(r) == list(bengle.CLASSIFY_FIELDS)
    assert r["services"] == ["wechat"] and r["service_names"] == ["微信"]
    assert r["complaint"] is True
    assert r["categories"][0]["name"] == "media_transfer" and 0.5 <= r["categories"][0]["score"] <= 1
    assert r["hashtags"] == ["微信崩了"]
    assert bengle.classify("考试没考好，心态崩了")["complaint"] is False


def test_classify_list_series_frame_agree():
    texts = ["#微信崩了# 图片发不出去", "QQ登不上了", "今天天气不错", "支付宝付款失败，转账也转不了"]
    as_list = bengle.classify(texts)
    assert [r["services"] for r in as_list] == [bengle.classify(t)["services"] for t in texts]
    s = pd.Series(texts, index=[10, 20, 30, 40])
    df = bengle.classify(s)
    assert list(df.index) == [10, 20, 30, 40]
    assert list(df.columns) == list(bengle.CLASSIFY_FIELDS[1:])
    assert df["services"].tolist() == [r["services"] for r in as_list]
    frame = pd.DataFrame({"id": ["a", "b", "c", "d"], "text": texts})
    out = bengle.classify(frame)
    assert out["id"].tolist() == ["a", "b", "c", "d"]
    assert out["complaint"].tolist() == [r["complaint"] for r in as_list]
    assert out["complaint"].dtype == bool


def test_classify_equals_cli_on_the_sample_archive():
    cli = [json.loads(line) for line in run_cli("classify", ARCHIVE).stdout.splitlines()]
    df = read_archive()
    assert len(cli) == len(df) == 83798
    py = bengle.classify(df)
    for k, (c, (_, p)) in enumerate(zip(cli, py.iterrows())):
        assert c["id"] == p["id"]
        for f in ("services", "service_names", "complaint", "negated", "recovery", "official", "hashtags", "causes"):
            assert c[f] == p[f], (k, f, c[f], p[f])
        assert c["categories"] == p["categories"], k  # scores as the CLI prints them (2 decimals)


def test_classify_bad_input():
    with pytest.raises(TypeError, match="not int"):
        bengle.classify(5)
    with pytest.raises(TypeError, match=r"texts\[1\] is int"):
        bengle.classify(["ok", 3])
    with pytest.raises(TypeError, match=r"texts\[1\] is float"):
        bengle.classify(pd.Series(["ok", None, "x"], dtype=object).fillna(float("nan")))
    with pytest.raises(ValueError, match="no 'text' column"):
        bengle.classify(pd.DataFrame({"body": ["x"]}))
    with pytest.raises(ValueError, match="threads"):
        bengle.classify(["x"], threads=-1)
    with pytest.raises(FileNotFoundError, match="nowhere"):
        bengle.Classifier(lexicon_dir="/nowhere/lexicon")


def test_classifier_is_reusable_from_threads():
    c = bengle.Classifier()
    texts = read_archive()["text"].tolist()[:20000]
    want = c.classify(texts, threads=1)
    got = [None] * 4

    def work(i):
        got[i] = c.classify(texts, threads=2)

    ts = [threading.Thread(target=work, args=(i,)) for i in range(4)]
    for t in ts:
        t.start()
    for t in ts:
        t.join()
    assert all(g == want for g in got)


def test_help_explains_fields():
    doc = bengle.classify.__doc__
    for field in bengle.CLASSIFY_FIELDS:
        assert f"``{field}``" in doc
    assert "media_transfer" in doc and "complaint" in doc


# --- Store --------------------------------------------------------------------

def test_store_ingest_and_detect_equal_the_cli(tmp_path, cli_store, cli_incidents):
    with bengle.Store(tmp_path / "py.db") as s:
        st = s.ingest(ARCHIVE, threads=2)
        assert st["posts_read"] == 83798 and st["bad_records"] == 0 and st["posts_new"] > 0
        assert storecmp.compare(cli_store, s.path) == []
        assert json.loads(s.detect_json()) == cli_incidents
        df = s.detect()
    assert len(df) == len(cli_incidents) >= 2
    assert df["service"].tolist() == [i["service"] for i in cli_incidents]
    assert isinstance(df["start"].iloc[0], pd.Timestamp) and df["start"].iloc[0].tzinfo is not None
    assert isinstance(df["categories"].iloc[0], list) and isinstance(df["sample_ids"].iloc[0], list)


def test_store_ingest_frame_and_dicts(tmp_path, cli_incidents):
    df = read_archive()
    with bengle.Store(tmp_path / "frame.db") as s:
        st = s.ingest(df)
        assert st["posts_read"] == len(df) and st["bad_records"] == 0
        assert json.loads(s.detect_json()) == cli_incidents
        # Again: every post is already there.
        again = s.ingest(df.head(1000))
        assert again["posts_new"] == 0 and again["posts_duplicate"] > 0
    # Dicts, naive datetimes read in the store's zone (+08:00).
    posts = [{"id": "x1", "created_at": pd.Timestamp("2023-03-29 10:00:00"), "text": "#微信崩了# 登不上"},
             {"id": "x2", "created_at": "2023-03-29T10:01:00+08:00", "text": "QQ也登不上", "user": "u2"}]
    with bengle.Store(tmp_path / "dicts.db") as s:
        assert s.ingest(posts)["posts_new"] == 2
        ser = s.series("wechat", "2023-03-29 09:00", "2023-03-29 11:00")
        assert ser.loc[pd.Timestamp("2023-03-29 10:00", tz="+08:00"), "complaints"] == 1


def test_store_ingest_frame_times(tmp_path):
    """Times as pandas holds them: tz-aware (an instant, to the millisecond),
    naive (read in the store's zone), missing (a bad record, reported)."""
    texts = ["#微信崩了# 图片发不出去", "QQ登不上了", "微信转账失败"]
    aware = pd.DataFrame({"id": [1, 2, 3], "text": texts, "created_at": pd.to_datetime(
        ["2023-03-29 02:00:00.250", "2023-03-29 02:01:00", None], utc=True)})
    naive = pd.DataFrame({"id": [4, 5], "text": texts[:2], "created_at": pd.to_datetime(
        ["2023-03-29 10:00:00.250", "2023-03-29 10:01:00"])})
    with bengle.Store(tmp_path / "t.db") as s:
        st = s.ingest(aware)
        assert st["posts_read"] == 2 and st["bad_records"] == 1
        assert st["messages"] == ["<DataFrame>:3: missing field 'created_at'"]
        assert s.ingest(naive)["posts_new"] == 2
    db = sqlite3.connect(str(tmp_path / "t.db"))
    created = dict(db.execute("SELECT id, created FROM samples"))
    # 02:00:00.250 UTC and 10:00:00.250 at +08:00 are the same instant.
    assert created["1"] == created["4"] == 1680055200250


def test_store_ingest_csv_with_its_own_headers(tmp_path):
    csv = tmp_path / "weibo.csv"
    csv.write_text("mid,发布时间,微博正文\n"
                   "1,2023-03-29 10:00:00,#微信崩了# 登不上\n"
                   "2,2023-03-29 10:01:00,QQ也登不上了\n", encoding="utf-8")
    cols = {"id": "mid", "created_at": "发布时间", "text": "微博正文"}
    with bengle.Store(tmp_path / "c.db") as s:
        st = s.ingest(csv, columns=cols)
        assert st["posts_read"] == 2 and st["posts_new"] == 2
        assert s.series("all", "2023-03-29 10:00", "2023-03-29 10:05")["complaints"].tolist() == [2]
        st = s.ingest(csv)  # without the mapping: an export's names are known
        assert st["posts_read"] == 2 and st["posts_new"] == 0
        odd = tmp_path / "odd.csv"
        odd.write_text("编号,日期时间,帖子\n1,2023-03-29 10:00:00,x\n", encoding="utf-8")
        with pytest.raises(ValueError, match=r"odd.csv:1: bad CSV header: no column 'id'"):
            s.ingest(odd)
        with pytest.raises(ValueError, match="unknown field"):
            s.ingest(csv, columns={"body": "微博正文"})
        with pytest.raises(TypeError, match="columns"):
            s.ingest(csv, columns=["id"])


def test_store_series(tmp_path, cli_store):
    path = tmp_path / "s.db"
    shutil.copy(cli_store, path)
    with bengle.Store(path) as s:
        ser = s.series("wechat")
        sub = s.series("cat:wechat:media_transfer", "2021-10-18", "2021-10-19")
    assert isinstance(ser.index, pd.DatetimeIndex) and str(ser.index.tz) == "UTC+08:00"
    assert list(ser.columns) == ["complaints", "authors", "mentions", "recovery", "official", "baseline"]
    assert (ser.index[1:] - ser.index[:-1]).unique().tolist() == [pd.Timedelta(minutes=5)]
    db = sqlite3.connect(str(path))
    total = db.execute("SELECT SUM(c.complaints) FROM counts c JOIN series s ON s.id = c.series "
                       "WHERE s.key = 'svc:wechat'").fetchone()[0]
    assert ser["complaints"].sum() == total > 0
    assert ser["baseline"].notna().mean() > 0.9 and (ser["baseline"].dropna() >= 0).all()
    # The outage stands far above its baseline at its peak.
    peak = ser["complaints"].idxmax()
    assert ser.loc[peak, "complaints"] > 5 * ser.loc[peak, "baseline"]
    assert "baseline" not in sub.columns and len(sub) == 288 and sub["complaints"].sum() > 0


def test_store_report_html(tmp_path, cli_store, cli_incidents):
    path = tmp_path / "r.db"
    shutil.copy(cli_store, path)
    with bengle.Store(path) as s:
        n = s.report_html(tmp_path / "report.html")
    html = (tmp_path / "report.html").read_text(encoding="utf-8")
    assert n == len(cli_incidents) and html.startswith("<!DOCTYPE html>") and "bengle" in html


def test_empty_store(tmp_path):
    with bengle.Store(tmp_path / "empty.db") as s:
        assert s.detect().empty and "service" in s.detect().columns
        assert s.series("wechat").empty
        assert json.loads(s.detect_json()) == []
        assert s.report_html(tmp_path / "empty.html") == 0


def test_store_bad_input(tmp_path):
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"id":"1","created_at":"2023-03-29T10:00:00+08:00","text":"微信崩了"}\n'
                   '{"id":"2","created_at":"not a time","text":"x"}\n'
                   '{broken\n'
                   '{"id":"3","created_at":"2023-03-29T10:00:00+08:00","text":"QQ登不上"}\n', encoding="utf-8")
    with bengle.Store(tmp_path / "b.db") as s:
        st = s.ingest(bad)
        assert st["posts_read"] == 2 and st["bad_records"] == 2 and st["posts_new"] == 2
        assert st["messages"][0].startswith(f"{bad}:2:") and st["messages"][1].startswith(f"{bad}:3:")
        with pytest.raises(FileNotFoundError, match="missing.jsonl"):
            s.ingest(tmp_path / "missing.jsonl")
        with pytest.raises(TypeError, match="source"):
            s.ingest(42)
        with pytest.raises(TypeError, match=r"source\[0\]"):
            s.ingest(["not a path", 3])
        with pytest.raises(ValueError, match="created_at"):
            s.ingest(pd.DataFrame({"id": [1], "text": ["x"]}))
        with pytest.raises(ValueError):
            s.detect("yesterday-ish")
        with pytest.raises(TypeError, match="start"):
            s.detect(3.5)
    with bengle.Store(tmp_path / "tz.db", tz="Mars/Olympus_Mons") as z:
        with pytest.raises(ValueError, match="Mars"):
            z.ingest(bad)
        with pytest.raises(ValueError, match="Mars"):
            z.detect()
    s.close()
    with pytest.raises(ValueError, match="closed"):
        s.detect()
    junk = tmp_path / "junk.db"
    junk.write_bytes(b"this is no SQLite file at all" * 100)
    with pytest.raises(OSError):
        bengle.Store(junk)
    with pytest.raises(ValueError, match="bucket"):
        bengle.Store(tmp_path / "b.db", bucket_minutes=7)
    gz = tmp_path / "broken.jsonl.gz"
    gz.write_bytes(gzip.compress(b'{"id":"1","created_at":"2023-03-29T10:00:00+08:00","text":"x"}\n')[:-12])
    with bengle.Store(tmp_path / "g.db") as s:
        with pytest.raises(OSError, match="broken.jsonl.gz"):
            s.ingest(gz)


# --- score_series -------------------------------------------------------------

def test_score_series_equals_the_cli():
    csv = os.path.join(SOURCE_DIR, "tests", "data", "nab_Twitter_volume_CRM.csv")
    cli = pd.read_csv(pd.io.common.StringIO(run_cli("series", csv).stdout))
    df = pd.read_csv(csv, parse_dates=["timestamp"]).set_index("timestamp")
    scores = bengle.score_series(df)
    assert scores.name == "anomaly_score" and len(scores) == len(cli) == len(df)
    assert (scores.values.round(6) == cli["anomaly_score"].round(6).values).all()
    # A Series and timestamp/value columns give the same.
    assert bengle.score_series(df["value"]).equals(scores)
    assert bengle.score_series(df.reset_index()).values.tolist() == scores.values.tolist()


def test_score_series_bad_input():
    with pytest.raises(TypeError, match="DatetimeIndex"):
        bengle.score_series(pd.Series([1.0, 2.0]))
    with pytest.raises(TypeError):
        bengle.score_series([1, 2, 3])
    idx = pd.date_range("2024-01-01", periods=3, freq="5min")
    with pytest.raises(ValueError, match="finite"):
        bengle.score_series(pd.Series([1.0, float("nan"), 2.0], index=idx))
    with pytest.raises(ValueError, match="kind"):
        bengle.score_series(pd.Series([1.0, 2.0, 3.0], index=idx), kind="weird")


# --- type hints ---------------------------------------------------------------

def _stub_names(path):
    import ast
    tree = ast.parse(open(path, encoding="utf-8").read())
    names, methods = set(), {}
    for node in tree.body:
        if isinstance(node, (ast.FunctionDef, ast.ClassDef)):
            names.add(node.name)
        if isinstance(node, ast.ClassDef):
            methods[node.name] = {n.name for n in node.body if isinstance(n, ast.FunctionDef)}
        if isinstance(node, ast.AnnAssign):
            names.add(node.target.id)
        if isinstance(node, ast.ImportFrom):
            names.update(a.asname or a.name for a in node.names)
    return names, methods


def test_stubs_cover_the_api():
    import inspect
    import bengle.dask
    pkg = os.path.dirname(bengle.__file__)
    names, methods = _stub_names(os.path.join(pkg, "__init__.pyi"))
    assert set(bengle.__all__) <= names
    for cls in (bengle.Store, bengle.Classifier):
        public = {n for n, _ in inspect.getmembers(cls) if not n.startswith("_")}
        assert public <= methods[cls.__name__], public - methods[cls.__name__]
    dask_names, _ = _stub_names(os.path.join(pkg, "dask.pyi"))
    assert set(bengle.dask.__all__) <= dask_names
    # Every keyword of the real functions is in the stub's signature.
    import ast
    tree = ast.parse(open(os.path.join(pkg, "dask.pyi"), encoding="utf-8").read())
    stub_args = {n.name: {a.arg for a in n.args.args + n.args.kwonlyargs} for n in tree.body
                 if isinstance(n, ast.FunctionDef)}
    for name in bengle.dask.__all__:
        real = set(inspect.signature(getattr(bengle.dask, name)).parameters)
        assert real == stub_args[name], (name, real ^ stub_args[name])
