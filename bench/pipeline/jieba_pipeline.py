#!/usr/bin/python3
"""The obvious alternative to `bengle ingest`, for bench/pipeline/run.sh.

A plain Python pipeline: parse each JSON line, segment the text with jieba
(Debian package python3-jieba), match the words against service aliases and
complaint keywords, count per 5-minute bucket and service (mentions,
complaints), and write the counts to SQLite at the end.

    /usr/bin/python3 bench/pipeline/jieba_pipeline.py [--max-posts N] ARCHIVE.jsonl OUT.db

Prints "posts=N bytes=B seconds=S" on stdout (start-up of jieba included).
"""
import argparse
import datetime as dt
import json
import sqlite3
import sys
import time

import jieba

SERVICES = {
    "wechat": ["微信", "wechat", "vx", "wx"], "qq": ["qq", "扣扣", "qq空间", "qq邮箱"],
    "alipay": ["支付宝"], "weibo": ["微博"], "douyin": ["抖音"], "kuaishou": ["快手"],
    "taobao": ["淘宝"], "bilibili": ["b站", "哔哩哔哩"], "netease_music": ["网易云音乐", "网易云"],
    "xiaohongshu": ["小红书"], "zhihu": ["知乎"], "meituan": ["美团"], "didi": ["滴滴"],
    "12306": ["12306"], "icloud": ["icloud"], "steam": ["steam"],
}
COMPLAINT = ["崩", "崩了", "挂了", "宕机", "发不出去", "发不了", "收不到", "登不上", "打不开", "加载",
             "失败", "转圈", "闪退", "白屏", "卡死", "连不上", "进不去", "无法", "异常", "报错"]
BUCKET = 300


def parse_time(v):
    if isinstance(v, (int, float)):
        return v / 1000 if v >= 1e11 else v
    if "T" in v:
        return dt.datetime.fromisoformat(v.replace("Z", "+00:00")).timestamp()
    return dt.datetime.strptime(v, "%Y-%m-%d %H:%M:%S").replace(
        tzinfo=dt.timezone(dt.timedelta(hours=8))).timestamp()


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--max-posts", type=int, default=0, help="stop after this many posts (0: all)")
    ap.add_argument("archive")
    ap.add_argument("db")
    a = ap.parse_args()
    t0 = time.perf_counter()
    jieba.setLogLevel(60)
    jieba.initialize()
    for words in SERVICES.values():
        for w in words:
            jieba.add_word(w)
    alias = {w: s for s, ws in SERVICES.items() for w in ws}
    complaint = set(COMPLAINT)
    counts = {}  # (bucket, service) -> [mentions, complaints]
    posts = nbytes = 0
    with open(a.archive, "rb") as f:
        for raw in f:
            nbytes += len(raw)
            try:
                d = json.loads(raw)
                t = parse_time(d["created_at"])
                text = d["text"]
            except (ValueError, KeyError, TypeError):
                continue
            posts += 1
            words = jieba.lcut(text.lower())
            services = {alias[w] for w in words if w in alias}
            if not services:
                continue
            is_complaint = any(w in complaint or "崩" in w for w in words)
            b = int(t) // BUCKET * BUCKET
            for s in services:
                c = counts.setdefault((b, s), [0, 0])
                c[0] += 1
                c[1] += is_complaint
            if a.max_posts and posts >= a.max_posts:
                break
    db = sqlite3.connect(a.db)
    db.execute("create table if not exists counts(bucket integer, service text, mentions integer, "
               "complaints integer, primary key(bucket, service))")
    db.executemany("insert or replace into counts values(?, ?, ?, ?)",
                   [(b, s, m, c) for (b, s), (m, c) in counts.items()])
    db.commit()
    print(f"posts={posts} bytes={nbytes} seconds={time.perf_counter() - t0:.2f}")


if __name__ == "__main__":
    sys.exit(main())
